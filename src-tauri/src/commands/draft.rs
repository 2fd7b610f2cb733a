//! Soạn thảo: kinds, a new draft from the profile, the live preview, open/save, export.

use std::path::PathBuf;

use chrono::Datelike;
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;
use vanthu::draft::DraftFile;
use vanthu::rules::facts::Facts;

use crate::dialogs;
use crate::error::{CmdResult, FieldMessage};

/// The public facts of the rule sets: regimes and the guide in force, types, signing forms,
/// numbering, field labels, marks. The form reads these and keeps no list of its own.
#[tauri::command]
pub fn rules_facts() -> Facts {
    vanthu::rules::facts::facts(chrono::Local::now().date_naive())
}

/// A new draft of a kind, filled from the active profile, dated this year.
#[tauri::command]
pub fn new_draft(kind: String) -> CmdResult<DraftFile> {
    let profile = crate::store::load_profiles()?.current();
    let mut d = profile.draft_file(&kind);
    d.year = Some(i64::from(chrono::Local::now().year()));
    Ok(d)
}

/// What the preview pane shows for the draft as typed so far.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Preview {
    /// The A4 pages as HTML, or `None` when even placeholders cannot make the draft valid.
    pub html: Option<String>,
    /// Number of pages.
    pub pages: u32,
    /// The number and symbol line as it will print (`Số: 05/SVHTTDL-QLVHGĐ`).
    pub symbol: String,
    /// The rule set the draft follows (`hd36-2018`), once its regime is known.
    pub rules_id: Option<String>,
    /// What is still wrong, field by field, in Vietnamese.
    pub errors: Vec<FieldMessage>,
}

/// The preview of the draft as typed so far ([`vanthu::preview`]). Never fails on user data:
/// problems come back in `errors`.
#[tauri::command]
pub fn preview(draft: DraftFile) -> Preview {
    let p = vanthu::preview::preview(&draft, None);
    Preview {
        html: p.html,
        pages: p.pages,
        symbol: p.symbol,
        rules_id: p.rules_id,
        errors: p.errors.iter().map(FieldMessage::from).collect(),
    }
}

/// A draft read from a file.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OpenedDraft {
    /// Where it was read from.
    pub path: String,
    /// Its content (not yet validated: the form shows what is wrong).
    pub draft: DraftFile,
}

/// Reads a draft file with the core's reader (size limit, BOM, format), not its content.
pub fn read_draft(path: &std::path::Path) -> CmdResult<DraftFile> {
    Ok(vanthu::draft::read(path)?)
}

/// Asks for a draft file and reads it; `None` when the clerk cancels.
#[tauri::command]
pub async fn open_draft(app: AppHandle) -> CmdResult<Option<OpenedDraft>> {
    let Some(path) = dialogs::open(&app, "Mở bản thảo", ("Bản thảo Văn Thư", &["json"]))
    else {
        return Ok(None);
    };
    let draft = read_draft(&path)?;
    Ok(Some(OpenedDraft {
        path: path.display().to_string(),
        draft,
    }))
}

fn file_stem(d: &DraftFile) -> String {
    let kind = d.kind.as_deref().unwrap_or("van-ban");
    vanthu::write::file_stem(&match d.number {
        Some(n) => format!("{kind}-{n:02}"),
        None => kind.to_string(),
    })
}

/// Saves the draft to `path`, or to a file the clerk picks when `path` is `None`.
/// Returns where it was saved, `None` when the clerk cancels.
#[tauri::command]
pub async fn save_draft(
    app: AppHandle,
    draft: DraftFile,
    path: Option<String>,
) -> CmdResult<Option<String>> {
    let path = match path {
        Some(p) => PathBuf::from(p),
        None => match dialogs::save(
            &app,
            "Lưu bản thảo",
            ("Bản thảo Văn Thư", &["json"]),
            &format!("{}.json", file_stem(&draft)),
        ) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let mut draft = draft;
    draft.format = Some(vanthu::draft::FORMAT.to_string());
    vanthu::write::atomic(&path, draft.to_json().as_bytes())?;
    Ok(Some(path.display().to_string()))
}

/// Validates and renders the DOCX bytes with the rule set the draft follows.
pub fn docx_bytes(draft: &DraftFile) -> CmdResult<Vec<u8>> {
    let (_, doc) = layout_of(draft)?;
    Ok(vanthu::render::docx::to_bytes(&doc)?)
}

/// The draft validated and laid out under the rule set in force on its date, as the preview
/// shows it: what both exports render.
fn layout_of(draft: &DraftFile) -> CmdResult<(vanthu::Draft, vanthu::layout::Document)> {
    let (d, rules) = vanthu::draft::validate_for(draft, None)?;
    let doc = vanthu::layout::build_with(&d, rules)?;
    Ok((d, doc))
}

/// Exports the DOCX to a file the clerk picks; `None` when the clerk cancels.
#[tauri::command]
pub async fn export_docx(app: AppHandle, draft: DraftFile) -> CmdResult<Option<String>> {
    let bytes = docx_bytes(&draft)?;
    let Some(path) = dialogs::save(
        &app,
        "Xuất tệp DOCX",
        ("Tài liệu Word", &["docx"]),
        &format!("{}.docx", file_stem(&draft)),
    ) else {
        return Ok(None);
    };
    vanthu::write::atomic(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Exports a PDF typeset by the core (no LibreOffice) to a file the clerk picks; `None` when
/// the clerk cancels.
#[tauri::command]
pub async fn export_pdf(app: AppHandle, draft: DraftFile) -> CmdResult<Option<String>> {
    let (d, doc) = layout_of(&draft)?;
    let pdf = vanthu::render::pdf::to_pdf(&doc, &vanthu::render::pdf::Meta::of(&d, &doc))?;
    let Some(path) = dialogs::save(
        &app,
        "Xuất tệp PDF",
        ("PDF", &["pdf"]),
        &format!("{}.pdf", file_stem(&draft)),
    ) else {
        return Ok(None);
    };
    vanthu::write::atomic(&path, &pdf.bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Keeps the draft being typed in the data folder, so nothing typed is lost.
#[tauri::command]
pub fn autosave(draft: DraftFile) -> CmdResult<()> {
    let path = crate::store::autosave_path()?;
    vanthu::write::atomic(&path, draft.to_json().as_bytes())?;
    Ok(())
}

/// The autosaved draft, if there is a readable one.
#[tauri::command]
pub fn restore_autosave() -> CmdResult<Option<DraftFile>> {
    let path = crate::store::autosave_path()?;
    if !path.exists() {
        return Ok(None);
    }
    Ok(read_draft(&path).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanthu::{ErrorCode, Regime};

    fn sample() -> DraftFile {
        let mut d = vanthu::profile::Profile::sample(Regime::State).draft_file("cong-van");
        d.year = Some(2024);
        d
    }

    #[test]
    fn the_preview_maps_the_cores_messages_to_vietnamese() {
        let mut d = sample();
        d.date = Some("2024-02-30".into());
        let p = preview(d);
        let e = p
            .errors
            .iter()
            .find(|e| e.field == "date")
            .expect("date named");
        assert!(e.message.contains("Ngày không hợp lệ"), "{}", e.message);
        assert!(p
            .errors
            .iter()
            .filter(|e| e.field == "subject")
            .all(|e| e.message == "Trường này là bắt buộc."));
        assert_eq!(p.rules_id.as_deref(), Some("nd30-2020"));
    }

    #[test]
    fn a_complete_draft_renders_its_docx() {
        let mut d = sample();
        d.subject = Some("tăng cường công tác văn thư".into());
        d.recipients = vec!["Các phòng thuộc Sở".into()];
        d.body = Some("Nội dung.".into());
        assert_eq!(&docx_bytes(&d).unwrap()[..2], b"PK");
        assert_eq!(
            file_stem(&DraftFile {
                number: Some(5),
                ..d
            }),
            "cong-van-05"
        );
    }

    #[test]
    fn read_draft_refuses_other_json() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        std::fs::write(&p, "{}").unwrap();
        assert_eq!(read_draft(&p).unwrap_err().code, ErrorCode::NotADraft);
        std::fs::write(&p, "{\"nope\":1}").unwrap();
        assert_eq!(read_draft(&p).unwrap_err().code, ErrorCode::Parse);
    }
}
