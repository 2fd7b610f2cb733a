//! The DOCX renderer (docx-rs): walks the layout model, emits named styles and paragraphs;
//! [`ooxml`] makes the package schema-valid.

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run as DRun, RunFonts,
    SpecialIndentType, Style as DStyle, StyleType, Table as DTable, TableCell, TableLayoutType,
    TableRow, WidthType,
};

use chrono::{DateTime, Utc};

use super::ooxml::{self, Properties};
use crate::error::{Error, Result};
use crate::layout::{Block, Border, Document, Para, Run, Style, Table};
use crate::rules::Align;

/// The font in every slot.
pub const FONT: &str = "Times New Roman";

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn align(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Both => AlignmentType::Both,
    }
}

fn style(s: &Style) -> DStyle {
    let mut st = DStyle::new(s.id, StyleType::Paragraph)
        .name(s.name.clone())
        .based_on("Normal")
        .q_format(true)
        .fonts(fonts())
        .size(s.half_points as usize)
        .align(align(s.align))
        .line_spacing(
            LineSpacing::new()
                .before(s.before)
                .after(s.after)
                .line(s.line as i32)
                .line_rule(LineSpacingType::Auto),
        );
    if s.first_line > 0 {
        st = st.indent(
            None,
            Some(SpecialIndentType::FirstLine(s.first_line as i32)),
            None,
            None,
        );
    }
    if s.bold {
        st = st.bold();
    }
    if s.italic {
        st = st.italic();
    }
    if s.underline {
        st = st.underline("single");
    }
    st
}

fn run(r: &Run) -> DRun {
    match r {
        Run::Text { text, bold, italic } => {
            let mut dr = DRun::new().add_text(text.as_str());
            match bold {
                Some(true) => dr = dr.bold(),
                Some(false) => dr = dr.disable_bold(),
                None => {}
            }
            match italic {
                Some(true) => dr = dr.italic(),
                Some(false) => dr = dr.disable_italic(),
                None => {}
            }
            dr
        }
        Run::Break => DRun::new().add_break(docx_rs::BreakType::TextWrapping),
        Run::PageNumber => DRun::new()
            .add_field_char(docx_rs::FieldCharType::Begin, false)
            .add_instr_text(docx_rs::InstrText::PAGE(docx_rs::InstrPAGE::new()))
            .add_field_char(docx_rs::FieldCharType::Separate, false)
            .add_text("2")
            .add_field_char(docx_rs::FieldCharType::End, false),
    }
}

fn border(pos: ParagraphBorderPosition) -> ParagraphBorder {
    ParagraphBorder::new(pos)
        .val(BorderType::Single)
        .size(6)
        .space(1)
        .color("000000")
}

fn paragraph(p: &Para, doc: &Document) -> Paragraph {
    let mut dp = Paragraph::new().style(p.element.style_id());
    for r in &p.runs {
        dp = dp.add_run(run(r));
    }
    if let Some(a) = p.align {
        dp = dp.align(align(a));
    }
    if p.indent_left.is_some()
        || p.indent_right.is_some()
        || p.hanging.is_some()
        || p.first_line.is_some()
    {
        let special = match (p.hanging, p.first_line) {
            (Some(h), _) => Some(SpecialIndentType::Hanging(h as i32)),
            (None, Some(f)) => Some(SpecialIndentType::FirstLine(f as i32)),
            (None, None) => None,
        };
        dp = dp.indent(
            p.indent_left.map(|v| v as i32),
            special,
            p.indent_right.map(|v| v as i32),
            None,
        );
    }
    if let Some(b) = p.before {
        let style = doc.style(p.element);
        let after = style.map(|s| s.after).unwrap_or(0);
        let line = style.map(|s| s.line).unwrap_or(240);
        dp = dp.line_spacing(
            LineSpacing::new()
                .before(b)
                .after(after)
                .line(line as i32)
                .line_rule(LineSpacingType::Auto),
        );
    }
    match p.border {
        Some(Border::Bottom) => {
            dp = dp.set_borders(
                ParagraphBorders::with_empty().set(border(ParagraphBorderPosition::Bottom)),
            );
            // An empty 4 pt paragraph: the line sits just under the text above.
            dp = dp.line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(80)
                    .line_rule(LineSpacingType::Exact),
            );
        }
        Some(Border::Frame) => {
            let mut b = ParagraphBorders::with_empty();
            for pos in [
                ParagraphBorderPosition::Top,
                ParagraphBorderPosition::Left,
                ParagraphBorderPosition::Bottom,
                ParagraphBorderPosition::Right,
            ] {
                b = b.set(border(pos));
            }
            dp = dp.set_borders(b);
        }
        None => {}
    }
    if doc.style(p.element).is_some_and(|s| s.keep_next) {
        dp = dp.keep_next(true);
    }
    dp
}

fn table(t: &Table, doc: &Document) -> DTable {
    let rows = t
        .rows
        .iter()
        .map(|cells| {
            TableRow::new(
                cells
                    .iter()
                    .zip(&t.columns)
                    .map(|(c, &w)| {
                        let mut cell = TableCell::new().width(w as usize, WidthType::Dxa);
                        if c.paras.is_empty() {
                            cell = cell.add_paragraph(Paragraph::new());
                        }
                        for p in &c.paras {
                            cell = cell.add_paragraph(paragraph(p, doc));
                        }
                        cell
                    })
                    .collect(),
            )
        })
        .collect();
    DTable::without_borders(rows)
        .set_grid(t.columns.iter().map(|&w| w as usize).collect())
        .width(t.columns.iter().sum::<u32>() as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .indent(t.indent)
}

/// Builds the docx-rs document for a laid-out document.
pub fn to_docx(doc: &Document) -> Docx {
    let p = &doc.page;
    let mut d = Docx::new()
        .default_fonts(fonts())
        .default_size(28)
        .page_size(p.width, p.height)
        .page_margin(
            PageMargin::new()
                .top(p.margin_top as i32)
                .bottom(p.margin_bottom as i32)
                .left(p.margin_left as i32)
                .right(p.margin_right as i32)
                .header(p.header as i32)
                .footer(p.header as i32)
                .gutter(0),
        );
    for s in &doc.styles {
        d = d.add_style(style(s));
    }
    let number = Header::new().add_paragraph(paragraph(&doc.page_header, doc));
    if p.number_from_page >= 2 {
        d = d
            .header(number)
            .first_header(Header::new().add_paragraph(Paragraph::new()))
            .title_pg();
    } else {
        d = d.header(number);
    }
    for b in &doc.blocks {
        d = match b {
            Block::Para(para) => d.add_paragraph(paragraph(para, doc)),
            Block::Table(t) => d.add_table(table(t, doc)),
        };
    }
    d
}

/// The file's properties of a laid-out document, stamped with `time`.
pub fn properties(doc: &Document, time: DateTime<Utc>) -> Properties {
    Properties {
        title: doc.title.clone(),
        creator: doc.creator.clone(),
        time,
    }
}

/// Renders a laid-out document to DOCX bytes, stamped with the current time
/// ([`ooxml::timestamp`]).
pub fn to_bytes(doc: &Document) -> Result<Vec<u8>> {
    to_bytes_at(doc, ooxml::timestamp())
}

/// Renders a laid-out document to DOCX bytes created and modified at `time`.
pub fn to_bytes_at(doc: &Document, time: DateTime<Utc>) -> Result<Vec<u8>> {
    ooxml::write_docx(to_docx(doc), &properties(doc, time))
        .map_err(|e| Error::Render(e.to_string()))
}
