//! The text checker's findings, shown next to the fields.
//!
//! Wiring: a one-line call into `vanthu::lint` once that module is merged.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vanthu::draft::DraftFile;

use crate::error::CmdResult;

/// Whether `vanthu::lint` is in this build.
pub const AVAILABLE: bool = false;

/// One thing the checker flags.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Finding {
    /// Field path (`body`, `subject`, `cc[1]`).
    pub field: String,
    /// Rule code.
    pub code: String,
    /// `error`, `warning` or `hint`.
    pub severity: String,
    /// Vietnamese message.
    pub message: String,
    /// Byte range in the field's text, when the finding points into it.
    pub start: Option<u32>,
    /// End of that range.
    pub end: Option<u32>,
    /// Suggested replacement text.
    pub suggestion: Option<String>,
}

/// Checks the draft's text.
#[tauri::command]
pub fn lint_check(draft: DraftFile) -> CmdResult<Vec<Finding>> {
    let _ = draft;
    Ok(Vec::new())
}
