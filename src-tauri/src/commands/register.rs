//! Sổ văn bản đi: the register of outgoing documents.
//!
//! Wiring: each command is a one-line call into `vanthu::register` once that module is merged;
//! until then they answer with an empty register or `not_available`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vanthu::draft::DraftFile;

use crate::error::{AppError, CmdResult};

/// Whether `vanthu::register` is in this build.
pub const AVAILABLE: bool = false;

/// A search of the register.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct RegisterQuery {
    /// Words to find, with or without accents (`ke hoach tuyen truyen`).
    pub text: String,
    /// Year of the register.
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
    /// Number in the year's series.
    pub number: u32,
    /// Full symbol (`05/SVHTTDL-QLVHGĐ`).
    pub symbol: String,
    /// Date issued, `YYYY-MM-DD`.
    pub date: String,
    /// Kind name.
    pub kind: String,
    /// Trích yếu.
    pub subject: String,
    /// Signer's name.
    pub signer: String,
    /// Recipients, joined.
    pub recipients: String,
    /// `issued`, `reserved` or `cancelled`.
    pub status: String,
}

/// A page of search results.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct RegisterPage {
    /// Rows matching the query in all.
    pub total: u32,
    /// The rows of this page.
    pub rows: Vec<RegisterRow>,
}

/// An entry with its stored draft.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RegisterEntry {
    /// The row.
    pub row: RegisterRow,
    /// The draft as issued.
    pub draft: DraftFile,
    /// Why it was cancelled, if it was.
    pub cancel_reason: Option<String>,
}

/// A number given out by the register.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IssuedNumber {
    /// Entry id.
    pub id: u32,
    /// The number.
    pub number: u32,
    /// The symbol line as printed.
    pub symbol: String,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// The draft with its number and date filled in.
    pub draft: DraftFile,
}

/// Searches the register (unaccented, paged).
#[tauri::command]
pub fn register_list(query: RegisterQuery) -> CmdResult<RegisterPage> {
    let _ = query;
    Ok(RegisterPage::default())
}

/// One entry with its draft.
#[tauri::command]
pub fn register_entry(id: u32) -> CmdResult<RegisterEntry> {
    let _ = id;
    Err(AppError::not_available("sổ văn bản"))
}

/// Issues (or only reserves) the next number for a valid draft.
#[tauri::command]
pub fn register_issue(draft: DraftFile, reserve_only: bool) -> CmdResult<IssuedNumber> {
    vanthu::draft::validate(&DraftFile {
        number: Some(1),
        ..draft
    })?;
    let _ = reserve_only;
    Err(AppError::not_available("cấp số"))
}

/// Cancels a reserved number, with the reason.
#[tauri::command]
pub fn register_cancel(id: u32, reason: String) -> CmdResult<()> {
    if reason.trim().is_empty() {
        return Err(AppError {
            fields: vec![crate::error::FieldMessage {
                field: "reason".into(),
                code: "required".into(),
                message: "Cần ghi lý do hủy số.".into(),
            }],
            ..AppError::new("invalid", "Cần ghi lý do hủy số.")
        });
    }
    let _ = id;
    Err(AppError::not_available("hủy số"))
}
