//! Exports of the register: Excel and CSV with the Phụ lục IV columns, and the printable
//! register as DOCX (A4 landscape, cover block then the 10-column table).

use super::db::{refs, Value};
use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};
use serde::{Deserialize, Serialize};
use std::path::Path;

use super::entries::{entry_row, ENTRY_COLUMNS};
use super::error::{RegisterError, Result};
use super::model::{Entry, EntryStatus, RegisterInfo};
use super::Register;
use crate::render::ooxml::{self, Properties};
use crate::{dates, symbol, write};

/// The columns of the Sổ đăng ký văn bản đi (Nghị định 30, Phụ lục IV §I).
pub const COLUMNS: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// Column widths of the printed register, twips (sum: the A4 landscape text width).
const WIDTHS: [usize; 10] = [1500, 1100, 3400, 1400, 2200, 1400, 800, 1100, 900, 770];

/// An export file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Excel workbook.
    Xlsx,
    /// CSV, UTF-8 with a byte-order mark (opens in Excel with the accents intact).
    Csv,
    /// The printable register (DOCX, A4 landscape).
    Docx,
}

impl ExportFormat {
    /// The file extension of the format (`xlsx`, `csv`, `docx`).
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Docx => "docx",
        }
    }

    /// Parses `xlsx`, `csv`, `docx`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "xlsx" => Some(ExportFormat::Xlsx),
            "csv" => Some(ExportFormat::Csv),
            "docx" => Some(ExportFormat::Docx),
            _ => None,
        }
    }
}

/// Which entries to export: one register, a date range (or a year).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportSpec {
    /// Register code (the only register when unset).
    pub register: Option<String>,
    /// First date, inclusive.
    pub from: Option<NaiveDate>,
    /// Last date, inclusive.
    pub to: Option<NaiveDate>,
    /// Year (sets `from`/`to` to 1 January … 31 December when they are unset).
    pub year: Option<i32>,
}

/// The ten cells of an entry's line, as printed.
pub fn cells(e: &Entry, reg: &RegisterInfo) -> [String; 10] {
    let prefix = crate::rules::by_id(&e.rules_id)
        .unwrap_or_else(|| reg.rules())
        .kind(&e.kind)
        .map(|k| k.subject_prefix.clone())
        .unwrap_or_default();
    let title = if e.subject.is_empty() {
        e.kind_name.clone()
    } else {
        format!("{} {}{}", e.kind_name, prefix, e.subject)
    };
    let mut note = Vec::new();
    match e.status {
        EntryStatus::Reserved => note.push("Số dự kiến, chưa phát hành".to_string()),
        EntryStatus::Cancelled => note.push(match &e.cancel_reason {
            Some(r) => format!("Đã hủy: {r}"),
            None => "Đã hủy".to_string(),
        }),
        EntryStatus::Issued => {}
    }
    if !e.note.is_empty() {
        note.push(e.note.clone());
    }
    [
        e.symbol.clone(),
        dates::numeric(e.date),
        title,
        e.signer.clone(),
        e.recipients.clone(),
        e.archive.clone(),
        e.copies.map(|c| c.to_string()).unwrap_or_default(),
        e.sent_date.map(dates::numeric).unwrap_or_default(),
        e.receipt.clone(),
        note.join("; "),
    ]
}

impl Register {
    /// The entries an export covers, in register order (date, then entry order).
    pub fn export_entries(&self, spec: &ExportSpec) -> Result<(RegisterInfo, Vec<Entry>)> {
        let reg = self.register(spec.register.as_deref())?;
        let (from, to) = range(spec)?;
        let mut sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e JOIN registers r ON r.id = e.register_id WHERE e.register_id = ?"
        );
        let mut args = vec![Value::Int(reg.id)];
        if let Some(d) = from {
            sql.push_str(" AND e.date >= ?");
            args.push(Value::Text(d.to_string()));
        }
        if let Some(d) = to {
            sql.push_str(" AND e.date <= ?");
            args.push(Value::Text(d.to_string()));
        }
        sql.push_str(" ORDER BY e.date, e.id");
        let rows = self.db.query_map(&sql, &refs(&args), entry_row)?;
        Ok((reg, rows))
    }

    /// Writes an export file (atomically); returns the number of entries written. The file
    /// must end in the format's extension and may not be the database itself.
    pub fn export(&self, spec: &ExportSpec, format: ExportFormat, out: &Path) -> Result<usize> {
        write::check_extension("--output", out, &[format.extension()])?;
        self.guard_output("--output", out)?;
        let (reg, entries) = self.export_entries(spec)?;
        let bytes = match format {
            ExportFormat::Xlsx => xlsx(&reg, &entries)?,
            ExportFormat::Csv => csv(&reg, &entries)?,
            ExportFormat::Docx => {
                let (from, to) = range(spec)?;
                docx(&reg, &entries, from, to)?
            }
        };
        write::atomic(out, &bytes).map_err(|e| RegisterError::Export(e.to_string()))?;
        Ok(entries.len())
    }
}

fn range(spec: &ExportSpec) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let mut from = spec.from;
    let mut to = spec.to;
    if let Some(y) = spec.year {
        from = from.or_else(|| NaiveDate::from_ymd_opt(y, 1, 1));
        to = to.or_else(|| NaiveDate::from_ymd_opt(y, 12, 31));
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(RegisterError::invalid(
                "--to",
                format!("{t} is before --from {f}"),
            ));
        }
    }
    Ok((from, to))
}

/// The workbook bytes.
pub fn xlsx(reg: &RegisterInfo, entries: &[Entry]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| RegisterError::Export(e.to_string());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sổ văn bản đi").map_err(err)?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_font_name("Times New Roman");
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_font_name("Times New Roman");
    let widths = [18.0, 12.0, 50.0, 20.0, 36.0, 20.0, 9.0, 12.0, 12.0, 24.0];
    for (i, (h, w)) in COLUMNS.iter().zip(widths).enumerate() {
        let col = i as u16;
        ws.set_column_width(col, w).map_err(err)?;
        ws.write_string_with_format(0, col, *h, &head)
            .map_err(err)?;
    }
    for (r, e) in entries.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, v) in cells(e, reg).iter().enumerate() {
            if c == 6 {
                if let Some(n) = e.copies {
                    ws.write_number_with_format(row, 6, f64::from(n), &cell)
                        .map_err(err)?;
                    continue;
                }
            }
            ws.write_string_with_format(row, c as u16, v, &cell)
                .map_err(err)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

/// A CSV cell a spreadsheet will not run as a formula (OWASP's rule for CSV injection): one
/// beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The CSV bytes: UTF-8 with a byte-order mark, a header line, one line per entry; every cell
/// [`neutralise`]d.
pub fn csv(reg: &RegisterInfo, entries: &[Entry]) -> Result<Vec<u8>> {
    let mut buf = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::Writer::from_writer(&mut buf);
        let err = |e: ::csv::Error| RegisterError::Export(e.to_string());
        w.write_record(COLUMNS).map_err(err)?;
        for e in entries {
            let row = cells(e, reg);
            w.write_record(row.iter().map(|c| neutralise(c).into_owned()))
                .map_err(err)?;
        }
        w.flush()
            .map_err(|e| RegisterError::Export(e.to_string()))?;
    }
    Ok(buf)
}

const FONT: &str = "Times New Roman";

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn para(text: &str, size: usize, bold: bool, align: AlignmentType) -> Paragraph {
    let mut run = Run::new().add_text(text).size(size).fonts(fonts());
    if bold {
        run = run.bold();
    }
    Paragraph::new().add_run(run).align(align)
}

fn cell(text: &str, width: usize, bold: bool, align: AlignmentType) -> TableCell {
    let mut p = Paragraph::new().align(align);
    for (i, line) in text.split('\n').enumerate() {
        let mut run = Run::new().size(24).fonts(fonts());
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
        if bold {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(p)
}

/// The printable register: A4 landscape, the Phụ lục IV cover block, then the table.
pub fn docx(
    reg: &RegisterInfo,
    entries: &[Entry],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<u8>> {
    let first = from.or_else(|| entries.first().map(|e| e.date));
    let last = to.or_else(|| entries.last().map(|e| e.date));
    let years = match (first, last) {
        (Some(a), Some(b)) if a.format("%Y").to_string() == b.format("%Y").to_string() => {
            a.format("%Y").to_string()
        }
        (Some(a), Some(b)) => format!("{} - {}", a.format("%Y"), b.format("%Y")),
        _ => "…".to_string(),
    };
    let date = |d: Option<NaiveDate>| d.map(dates::numeric).unwrap_or_else(|| "…".into());
    let pad = |n: u32| symbol::number_text(n, reg.rules());
    let numbers = entries.iter().map(|e| e.number);
    let (lo, hi) = (numbers.clone().min(), numbers.max());
    let num = |n: Option<u32>| n.map(pad).unwrap_or_else(|| "…".into());
    let title = if reg.secret {
        "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI"
    } else {
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    };
    let c = AlignmentType::Center;
    let mut d = Docx::new()
        .default_fonts(fonts())
        .default_size(26)
        .page_size(16838, 11906)
        .page_orient(docx_rs::PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134)
                .header(567)
                .footer(567)
                .gutter(0),
        );
    d = d
        .add_paragraph(para(
            &reg.parent.clone().unwrap_or_default().to_uppercase(),
            26,
            false,
            c,
        ))
        .add_paragraph(para(&reg.issuer_name.to_uppercase(), 26, true, c));
    for _ in 0..6 {
        d = d.add_paragraph(Paragraph::new());
    }
    d = d
        .add_paragraph(para(title, 40, true, c))
        .add_paragraph(para(&format!("Năm: {years}"), 28, true, c))
        .add_paragraph(Paragraph::new())
        .add_paragraph(para(
            &format!("Từ ngày {} đến ngày {}", date(first), date(last)),
            28,
            false,
            c,
        ))
        .add_paragraph(para(
            &format!("Từ số {} đến số {}", num(lo), num(hi)),
            28,
            false,
            c,
        ))
        .add_paragraph(para(
            &format!(
                "Quyển số: {}",
                reg.volume.clone().unwrap_or_else(|| "…".into())
            ),
            28,
            false,
            c,
        ))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    let header = TableRow::new(
        COLUMNS
            .iter()
            .zip(WIDTHS)
            .map(|(h, w)| cell(h, w, true, c))
            .collect(),
    );
    let numbers_row = TableRow::new(
        (1..=10)
            .zip(WIDTHS)
            .map(|(i, w)| cell(&format!("({i})"), w, false, c))
            .collect(),
    );
    let mut rows = vec![header, numbers_row];
    for e in entries {
        let cs = cells(e, reg);
        rows.push(TableRow::new(
            cs.iter()
                .zip(WIDTHS)
                .enumerate()
                .map(|(i, (t, w))| {
                    let align = if matches!(i, 1 | 6 | 7) {
                        c
                    } else {
                        AlignmentType::Left
                    };
                    cell(t, w, false, align)
                })
                .collect(),
        ));
    }
    d = d.add_table(
        Table::new(rows)
            .set_grid(WIDTHS.to_vec())
            .width(WIDTHS.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed),
    );
    let props = Properties {
        title: format!("{} {years}", capitalize_first(title)),
        creator: reg.issuer_name.clone(),
        time: ooxml::timestamp(),
    };
    ooxml::write_docx(d, &props).map_err(|e| RegisterError::Export(e.to_string()))
}

/// `SỔ ĐĂNG KÝ` → `Sổ đăng ký`.
fn capitalize_first(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, out) in [
            ("=1+1", "'=1+1"),
            ("+84 912", "'+84 912"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("05/SVHTTDL", "05/SVHTTDL"),
            ("Lưu: VT", "Lưu: VT"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), out);
        }
    }
}
