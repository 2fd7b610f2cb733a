//! Sổ văn bản đi: the register of outgoing documents, over `vanthu::register`.
//!
//! The database is the one the command line uses (`VANTHU_DB`), else the one of *Cài đặt →
//! Sổ đăng ký* (the office's server, or `register.sqlite` in the data folder); it is opened
//! once and kept in the app's state.

use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;
use vanthu::draft::{DraftFile, Regime};
use vanthu::register::{
    labels, EntryStatus, EntrySummary, ExportFormat, ExportSpec, NewRegister, NumberRequest,
    Numbered, Period, Query, Register, RegisterError,
};
use vanthu::{dates, ErrorCode};

use crate::dialogs;
use crate::error::{AppError, CmdResult, FieldMessage};

/// Whether the register is in this build.
pub const AVAILABLE: bool = true;

/// The open register database, shared by the commands, and the ids of the last listing
/// (so that the virtually scrolled table reaches any row of a million at once).
#[derive(Default)]
pub struct RegisterState {
    register: Mutex<Option<Register>>,
    listing: Mutex<Option<(String, Vec<i64>)>>,
}

impl RegisterState {
    /// Runs `f` on the register, opening it first when needed.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Register) -> Result<T, RegisterError>,
    ) -> CmdResult<T> {
        let mut guard = self
            .register
            .lock()
            .map_err(|_| AppError::new(ErrorCode::Internal, "Sổ đăng ký đang bận, hãy thử lại."))?;
        if guard.is_none() {
            *guard = Some(Register::open(&crate::server_settings::location()?)?);
        }
        match guard.as_mut() {
            Some(reg) => Ok(f(reg)?),
            None => Err(AppError::new(
                ErrorCode::Internal,
                "Không mở được sổ đăng ký.",
            )),
        }
    }

    /// Closes the register (the settings changed): the next command opens the new one.
    pub fn close(&self) -> CmdResult<()> {
        let busy = || AppError::new(ErrorCode::Internal, "Sổ đăng ký đang bận, hãy thử lại.");
        *self.register.lock().map_err(|_| busy())? = None;
        *self.listing.lock().map_err(|_| busy())? = None;
        Ok(())
    }

    /// One page of a listing: the matching ids are found once per query (again when the
    /// first page is asked for, which is how the screen refreshes), then each page by id.
    fn page(
        &self,
        q: &Query,
        offset: usize,
        limit: usize,
    ) -> CmdResult<(usize, Vec<EntrySummary>)> {
        let key = serde_json::to_string(q).unwrap_or_default();
        let mut listing = self
            .listing
            .lock()
            .map_err(|_| AppError::new(ErrorCode::Internal, "Sổ đăng ký đang bận, hãy thử lại."))?;
        let fresh = offset > 0 && listing.as_ref().is_some_and(|(k, _)| *k == key);
        if !fresh {
            let ids = self.with(|reg| reg.matching_ids(q))?;
            *listing = Some((key, ids));
        }
        let ids = listing
            .as_ref()
            .map(|(_, ids)| ids.as_slice())
            .unwrap_or_default();
        let slice = &ids[offset.min(ids.len())..(offset + limit).min(ids.len())];
        let rows = self.with(|reg| reg.summaries(slice))?;
        Ok((ids.len(), rows))
    }
}

/// A search of the register.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct RegisterQuery {
    /// Words to find, with or without accents (`ke hoach tuyen truyen`); the last is a prefix.
    pub text: String,
    /// Register code (all registers when unset).
    pub register: Option<String>,
    /// Year of the document's date.
    pub year: Option<i32>,
    /// Kind slug.
    pub kind: Option<String>,
    /// `issued`, `reserved` or `cancelled`.
    pub status: Option<String>,
    /// First row wanted.
    pub offset: u32,
    /// How many rows.
    pub limit: u32,
}

/// One row of the register table.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RegisterRow {
    /// Entry id.
    pub id: u32,
    /// Register code.
    pub register: String,
    /// Number in its sequence.
    pub number: u32,
    /// Full symbol (`05/SVHTTDL-QLVHGĐ`).
    pub symbol: String,
    /// Date as printed in the table, `dd/mm/yyyy`.
    pub date: String,
    /// Kind name (`Công văn`).
    pub kind: String,
    /// Trích yếu.
    pub subject: String,
    /// Signer's name.
    pub signer: String,
    /// Recipients, joined.
    pub recipients: String,
    /// `issued`, `reserved` or `cancelled`.
    pub status: String,
    /// The status in Vietnamese.
    pub status_label: String,
}

/// A page of search results.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct RegisterPage {
    /// Rows matching the query in all (counted on the first page only).
    pub total: Option<u32>,
    /// The rows of this page.
    pub rows: Vec<RegisterRow>,
}

/// A file attached to an entry.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AttachedFile {
    /// File id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// Size, as shown (`12 KB`).
    pub size: String,
}

/// One change of an entry, as shown in its history.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HistoryLine {
    /// When, `dd/mm/yyyy HH:MM` local time.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What, in Vietnamese.
    pub action: String,
}

/// An entry with its draft, files and history.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RegisterEntry {
    /// The row.
    pub row: RegisterRow,
    /// The draft as issued (none for a reserved number).
    pub draft: Option<DraftFile>,
    /// Whether the issued DOCX is stored.
    pub has_docx: bool,
    /// Why it was cancelled, if it was.
    pub cancel_reason: Option<String>,
    /// Đơn vị, người nhận bản lưu.
    pub archive: String,
    /// Ghi chú.
    pub note: String,
    /// Attached files (the signed scan, the PDF).
    pub files: Vec<AttachedFile>,
    /// Every change, oldest first.
    pub history: Vec<HistoryLine>,
}

/// A number given out by the register.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IssuedNumber {
    /// Entry id.
    pub id: u32,
    /// The number.
    pub number: u32,
    /// The symbol as printed.
    pub symbol: String,
    /// `issued` or `reserved`.
    pub status: String,
    /// The draft with its number and date filled in.
    pub draft: DraftFile,
}

/// A register of the database, with its numbering.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RegisterSummary {
    /// Code (`svhttdl`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Regime.
    pub regime: Regime,
    /// The regime as the app names it (`Đảng`).
    pub regime_label: String,
    /// Whether it numbers per committee term (a term must cover the date).
    pub uses_terms: bool,
    /// Issuer code every document in it carries.
    pub issuer_code: String,
    /// How its numbers run, in Vietnamese.
    pub numbering: String,
    /// Whether it is a register of văn bản mật.
    pub secret: bool,
    /// Its committee terms (Party registers), `label: dd/mm/yyyy – dd/mm/yyyy`.
    pub terms: Vec<String>,
}

fn row(e: &EntrySummary) -> RegisterRow {
    RegisterRow {
        id: e.id as u32,
        register: e.register.clone(),
        number: e.number,
        symbol: e.symbol.clone(),
        date: dates::numeric(e.date),
        kind: e.kind_name.clone(),
        subject: e.subject.clone(),
        signer: e.signer.clone(),
        recipients: e.recipients.clone(),
        status: e.status.as_str().to_string(),
        status_label: e.status.label_vi().to_string(),
    }
}

fn bad_field(field: &str, message: &str) -> AppError {
    AppError {
        fields: vec![FieldMessage {
            field: field.into(),
            code: ErrorCode::InvalidValue,
            message: message.into(),
        }],
        ..AppError::new(ErrorCode::InvalidArgument, message)
    }
}

/// Searches the register (accents ignored, the last word a prefix), one page at a time.
#[tauri::command(async)]
pub fn register_list(
    state: State<'_, RegisterState>,
    query: RegisterQuery,
) -> CmdResult<RegisterPage> {
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            EntryStatus::parse(s).ok_or_else(|| bad_field("status", "Tình trạng không hợp lệ."))?,
        ),
        None => None,
    };
    let text =
        Some(query.text.trim().to_string()).filter(|t| !vanthu::register::words(t).is_empty());
    let q = Query {
        text,
        prefix: true,
        register: query.register.filter(|r| !r.is_empty()),
        year: query.year,
        kind: query.kind.filter(|k| !k.is_empty()),
        status,
        ..Default::default()
    };
    let (total, rows) = state.page(
        &q,
        query.offset as usize,
        query.limit.clamp(1, 1000) as usize,
    )?;
    Ok(RegisterPage {
        total: (query.offset == 0).then_some(total as u32),
        rows: rows.iter().map(row).collect(),
    })
}

/// One entry with its draft, files and history.
#[tauri::command(async)]
pub fn register_entry(state: State<'_, RegisterState>, id: u32) -> CmdResult<RegisterEntry> {
    state.with(|reg| {
        let d = reg.detail(i64::from(id))?;
        let e = &d.entry;
        let draft = reg
            .draft_json(e.id)?
            .and_then(|j| serde_json::from_str::<DraftFile>(&j).ok());
        Ok(RegisterEntry {
            row: row(&EntrySummary::from(e)),
            draft,
            has_docx: e.has_docx,
            cancel_reason: e.cancel_reason.clone(),
            archive: e.archive.clone(),
            note: e.note.clone(),
            files: d
                .files
                .iter()
                .map(|f| AttachedFile {
                    id: f.id as u32,
                    name: f.name.clone(),
                    size: labels::size_vi(f.size),
                })
                .collect(),
            history: d
                .audit
                .iter()
                .map(|a| HistoryLine {
                    at: dates::local_time(&a.at),
                    actor: labels::actor_vi(&a.actor),
                    action: labels::action_vi(&a.action),
                })
                .collect(),
        })
    })
}

fn issued(n: Numbered) -> IssuedNumber {
    IssuedNumber {
        id: n.entry.id as u32,
        number: n.entry.number,
        symbol: n.entry.symbol.clone(),
        status: n.entry.status.as_str().into(),
        draft: n.draft,
    }
}

/// Takes a number for a draft from the register of its issuer, created on first use
/// ([`Register::reserve_draft`], [`Register::issue_draft`]): `reserve_only` takes a số dự kiến
/// for an unfinished draft; otherwise the draft is validated, numbered, dated, rendered and
/// stored (bound to `reserved` when given).
#[tauri::command(async)]
pub fn register_issue(
    state: State<'_, RegisterState>,
    draft: DraftFile,
    reserve_only: bool,
    reserved: Option<u32>,
) -> CmdResult<IssuedNumber> {
    let req = NumberRequest {
        reserved: reserved.map(i64::from),
        create: true,
        ..Default::default()
    };
    state.with(|reg| {
        if reserve_only {
            reg.reserve_draft(&draft, &req).map(issued)
        } else {
            reg.issue_draft(&draft, &req).map(issued)
        }
    })
}

/// Cancels a number: it stays in the register, marked cancelled, and is never reused.
/// An issued number needs a reason.
#[tauri::command(async)]
pub fn register_cancel(state: State<'_, RegisterState>, id: u32, reason: String) -> CmdResult<()> {
    let reason = Some(reason.trim()).filter(|r| !r.is_empty());
    state.with(|reg| reg.cancel(i64::from(id), reason).map(|_| ()))
}

fn file_name(symbol: &str, ext: &str) -> String {
    format!("{}.{ext}", vanthu::write::file_stem(symbol))
}

/// Opens the issued DOCX with the system's default program (a copy in the temp folder).
#[tauri::command(async)]
pub fn register_open_docx(state: State<'_, RegisterState>, id: u32) -> CmdResult<String> {
    let (symbol, bytes) = state.with(|reg| {
        let e = reg.entry(i64::from(id))?;
        Ok((e.symbol, reg.docx(e.id)?))
    })?;
    let bytes = bytes.ok_or_else(|| {
        AppError::new(
            ErrorCode::NoDocx,
            "Văn bản này chưa có tệp DOCX (chưa cấp số).",
        )
    })?;
    let scripted = std::env::var_os("VANTHU_DIALOG_DIR").map(PathBuf::from);
    let dir = scripted
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("vanthu"));
    std::fs::create_dir_all(&dir).map_err(|e| AppError::from(vanthu::Error::io(&dir, e)))?;
    let path = dir.join(file_name(&symbol, "docx"));
    vanthu::write::atomic(&path, &bytes)?;
    if scripted.is_none() {
        open::that_detached(&path).map_err(|_| {
            AppError::new(
                ErrorCode::OpenFailed,
                format!(
                    "Không mở được tệp {}: máy chưa có chương trình đọc DOCX.",
                    path.display()
                ),
            )
        })?;
    }
    Ok(path.display().to_string())
}

/// Attaches a file the clerk picks (the signed scan, the PDF) to an entry.
#[tauri::command(async)]
pub fn register_attach(
    app: AppHandle,
    state: State<'_, RegisterState>,
    id: u32,
) -> CmdResult<Option<String>> {
    let Some(path) = dialogs::open(
        &app,
        "Đính kèm tệp",
        (
            "Văn bản đã ký",
            &[
                "pdf", "png", "jpg", "jpeg", "tif", "tiff", "docx", "doc", "odt",
            ],
        ),
    ) else {
        return Ok(None);
    };
    state.with(|reg| reg.attach_path(i64::from(id), &path).map(|f| Some(f.name)))
}

/// Exports the register (`xlsx`, `csv`, or the printable `docx`) for a year; asks where.
#[tauri::command(async)]
pub fn register_export(
    app: AppHandle,
    state: State<'_, RegisterState>,
    format: String,
    register: Option<String>,
    year: Option<i32>,
) -> CmdResult<Option<String>> {
    let fmt = ExportFormat::parse(&format)
        .ok_or_else(|| bad_field("format", "Định dạng xuất không hợp lệ."))?;
    let (label, ext): (&str, &[&str]) = match fmt {
        ExportFormat::Xlsx => ("Bảng tính Excel", &["xlsx"]),
        ExportFormat::Csv => ("CSV", &["csv"]),
        ExportFormat::Docx => ("Sổ in (DOCX)", &["docx"]),
    };
    let suggested = match year {
        Some(y) => format!("so-van-ban-di-{y}.{format}"),
        None => format!("so-van-ban-di.{format}"),
    };
    let Some(path) = dialogs::save(&app, "Xuất sổ văn bản đi", (label, ext), &suggested)
    else {
        return Ok(None);
    };
    let spec = ExportSpec {
        register: register.filter(|r| !r.is_empty()),
        year,
        ..Default::default()
    };
    state.with(|reg| reg.export(&spec, fmt, &path))?;
    Ok(Some(path.display().to_string()))
}

/// The registers of the database and how each numbers.
#[tauri::command(async)]
pub fn registers_list(state: State<'_, RegisterState>) -> CmdResult<Vec<RegisterSummary>> {
    state.with(|reg| {
        let mut out = Vec::new();
        for r in reg.registers()? {
            let terms = reg
                .terms(Some(&r.code))?
                .into_iter()
                .map(|t| {
                    let (from, to) = (dates::numeric(t.start), dates::numeric(t.end));
                    format!("{}: {from} – {to}", t.label)
                })
                .collect();
            let numbering = r.numbering_vi();
            out.push(RegisterSummary {
                regime_label: r.rules().regime_label.clone(),
                uses_terms: r.period == Period::Term,
                code: r.code,
                name: r.name,
                regime: r.regime,
                issuer_code: r.issuer_code,
                numbering: numbering.into(),
                secret: r.secret,
                terms,
            });
        }
        Ok(out)
    })
}

/// A new register for an organisation profile, as the settings form fills it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RegisterForm {
    /// Short code (`svhttdl`, `mat`).
    pub code: String,
    /// Name (`Sổ đăng ký văn bản đi` when empty).
    pub name: String,
    /// The profile's regime.
    pub regime: Regime,
    /// The profile's governing body.
    pub parent: Option<String>,
    /// The profile's issuing body.
    pub issuer_name: String,
    /// Its abbreviation.
    pub issuer_code: String,
    /// One sequence per document type instead of one common sequence.
    pub per_kind: bool,
    /// A register of văn bản mật.
    pub secret: bool,
}

/// Creates a register (its numbering cannot change once numbers are given).
#[tauri::command(async)]
pub fn register_create(state: State<'_, RegisterState>, form: RegisterForm) -> CmdResult<()> {
    let new = NewRegister {
        code: form.code,
        name: form.name,
        regime: Some(form.regime),
        per_kind: Some(form.per_kind),
        secret: form.secret,
        parent: form.parent.filter(|p| !p.trim().is_empty()),
        issuer_name: form.issuer_name,
        issuer_code: form.issuer_code,
        ..Default::default()
    };
    state.with(|reg| reg.create_register(&new).map(|_| ()))
}

fn ymd(field: &str, s: &str) -> CmdResult<chrono::NaiveDate> {
    dates::parse(s).ok_or_else(|| bad_field(field, "Ngày không hợp lệ."))
}

/// Adds a committee term (nhiệm kỳ) to a register numbered per term; dates `YYYY-MM-DD` or
/// `d/m/yyyy`.
#[tauri::command(async)]
pub fn register_add_term(
    state: State<'_, RegisterState>,
    register: String,
    label: String,
    start: String,
    end: String,
) -> CmdResult<()> {
    let (start, end) = (ymd("start", &start)?, ymd("end", &end)?);
    state.with(|reg| {
        reg.add_term(Some(&register), &label, start, end)
            .map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_legal_on_every_system() {
        assert_eq!(file_name("05/SVHTTDL-VP", "docx"), "05-SVHTTDL-VP.docx");
        assert_eq!(file_name("12:30/TU", "docx"), "12-30-TU.docx");
    }
}
