//! The text checker's findings, shown next to the fields.
//!
//! A thin call into `vanthu::lint`: the whole draft when it validates, otherwise its body.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vanthu::draft::DraftFile;

use crate::error::CmdResult;

/// Whether `vanthu::lint` is in this build.
pub const AVAILABLE: bool = true;

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
    /// Character range in the field's text, when the finding points into it.
    pub start: Option<u32>,
    /// End of that range.
    pub end: Option<u32>,
    /// The flagged text itself.
    pub excerpt: String,
    /// Suggested replacement text.
    pub suggestion: Option<String>,
}

/// Checks the draft's text.
#[tauri::command]
pub fn lint_check(draft: DraftFile) -> CmdResult<Vec<Finding>> {
    let found = match vanthu::draft::validate(&draft) {
        Ok(d) => vanthu::lint::check_draft(&d),
        Err(_) => vanthu::lint::check_text(draft.body.as_deref().unwrap_or("")),
    };
    Ok(found.into_iter().map(Finding::from).collect())
}

/// The draft with one finding's fix applied ([`vanthu::lint::fix_one`]); `None` when the
/// finding has no fix or its text has changed since it was checked.
#[tauri::command]
pub fn lint_fix(draft: DraftFile, finding: Finding) -> Option<DraftFile> {
    let (Some(start), Some(end), Some(fix)) = (finding.start, finding.end, &finding.suggestion)
    else {
        return None;
    };
    vanthu::lint::fix_one(
        &draft,
        &finding.field,
        start as usize,
        end as usize,
        &finding.excerpt,
        fix,
    )
}

impl From<vanthu::lint::Finding> for Finding {
    fn from(f: vanthu::lint::Finding) -> Self {
        Finding {
            field: f.field.unwrap_or_else(|| "body".to_string()),
            code: f.rule,
            severity: f.severity.as_str().to_string(),
            message: f.message,
            start: u32::try_from(f.start).ok(),
            end: u32::try_from(f.end).ok(),
            excerpt: f.excerpt,
            suggestion: f.fix,
        }
    }
}
