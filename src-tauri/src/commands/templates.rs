//! Mẫu văn bản: templates that fill a draft.
//!
//! Wiring: one-line calls into `vanthu::templates` once that module is merged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vanthu::draft::DraftFile;

use crate::error::{AppError, CmdResult};

/// Whether `vanthu::templates` is in this build.
pub const AVAILABLE: bool = false;

/// A value the template asks for.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TemplateField {
    /// Variable name.
    pub name: String,
    /// Label shown to the clerk.
    pub label: String,
    /// Must be filled.
    pub required: bool,
}

/// A template as the list shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TemplateInfo {
    /// Template id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Kind slug of the draft it makes.
    pub kind: String,
    /// `state` or `party`.
    pub regime: String,
    /// What it is for.
    pub description: String,
    /// The values it asks for.
    pub fields: Vec<TemplateField>,
}

/// The templates available.
#[tauri::command]
pub fn templates_list() -> CmdResult<Vec<TemplateInfo>> {
    Ok(Vec::new())
}

/// Fills a template with the clerk's values, giving a draft to edit.
#[tauri::command]
pub fn template_fill(id: String, values: BTreeMap<String, String>) -> CmdResult<DraftFile> {
    let _ = (id, values);
    Err(AppError::not_available("mẫu văn bản"))
}
