//! Mẫu văn bản: templates that fill a draft.
//!
//! Thin calls into `vanthu::templates`; the organisation profile comes from the profile store.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vanthu::draft::DraftFile;

use crate::error::CmdResult;

/// Whether `vanthu::templates` is in this build.
pub const AVAILABLE: bool = true;

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
    Ok(vanthu::templates::list()?
        .into_iter()
        .map(|t| TemplateInfo {
            id: t.name,
            name: t.title,
            kind: t.kind,
            regime: t.regime,
            description: t.description,
            fields: t
                .vars
                .into_iter()
                .map(|v| TemplateField {
                    name: v.key,
                    label: v.label,
                    required: v.required && v.default.is_none(),
                })
                .collect(),
        })
        .collect())
}

/// Fills a template with the clerk's values, giving a draft to edit.
#[tauri::command]
pub fn template_fill(id: String, values: BTreeMap<String, String>) -> CmdResult<DraftFile> {
    let template = vanthu::templates::get(&id)?;
    let regime = template.file.regime;
    let store = crate::store::load_profiles()?;
    let current = store.current();
    let profile = if current.regime == regime {
        current
    } else {
        store
            .profiles
            .iter()
            .find(|p| p.regime == regime)
            .cloned()
            .unwrap_or_else(|| vanthu::profile::Profile::sample(regime))
    };
    let values = values
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, vanthu::templates::VarValue::Text(v)))
        .collect();
    Ok(vanthu::templates::fill(&id, &values, &profile)?)
}
