//! Soạn thảo: kinds, a new draft from the profile, the live preview, open/save, export.

use std::path::PathBuf;

use chrono::Datelike;
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;
use vanthu::draft::names::{self, DRAFT_EXT};
use vanthu::draft::DraftFile;
use vanthu::rules::facts::Facts;
use vanthu::ErrorCode;

use crate::dialogs;
use crate::error::{AppError, CmdResult, FieldMessage};

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

/// Asks for a draft file (`.vanthu`, or `.json` of older versions) and reads it; `None` when
/// the clerk cancels.
#[tauri::command]
pub async fn open_draft(app: AppHandle) -> CmdResult<Option<OpenedDraft>> {
    let Some(path) = dialogs::open(
        &app,
        "Mở bản thảo",
        ("Bản thảo Văn Thư", &[DRAFT_EXT, "json"]),
    ) else {
        return Ok(None);
    };
    let draft = read_draft(&path)?;
    Ok(Some(OpenedDraft {
        path: path.display().to_string(),
        draft,
    }))
}

/// Saves the draft to `path`, or to a `.vanthu` file the clerk picks (named after its trích
/// yếu) when `path` is `None`. Returns where it was saved, `None` when the clerk cancels.
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
            ("Bản thảo Văn Thư", &[DRAFT_EXT]),
            &format!("{}.{DRAFT_EXT}", names::draft_stem(&draft)),
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

/// A file written by an export.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Exported {
    /// Where it was written.
    pub path: String,
    /// Its folder.
    pub folder: String,
    /// Whether the document had its number (an unnumbered one is a dự thảo).
    pub numbered: bool,
}

fn export(
    app: &AppHandle,
    draft: &DraftFile,
    title: &str,
    filter: (&str, &[&str]),
    bytes: &[u8],
) -> CmdResult<Option<Exported>> {
    let name = names::export_name(draft);
    let Some(path) = dialogs::save(
        app,
        title,
        filter,
        &format!("{}.{}", name.stem, filter.1[0]),
    ) else {
        return Ok(None);
    };
    vanthu::write::atomic(&path, bytes)?;
    Ok(Some(Exported {
        folder: path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        path: path.display().to_string(),
        numbered: name.numbered,
    }))
}

/// Exports the DOCX to a file the clerk picks, suggested as `<số ký hiệu> <trích yếu>.docx`
/// (`Du-thao <trích yếu>.docx` before numbering); `None` when the clerk cancels.
#[tauri::command]
pub async fn export_docx(app: AppHandle, draft: DraftFile) -> CmdResult<Option<Exported>> {
    let bytes = docx_bytes(&draft)?;
    export(
        &app,
        &draft,
        "Xuất tệp DOCX",
        ("Tài liệu Word", &["docx"]),
        &bytes,
    )
}

/// Exports a PDF typeset by the core (no LibreOffice) to a file the clerk picks, named as
/// the DOCX; `None` when the clerk cancels.
#[tauri::command]
pub async fn export_pdf(app: AppHandle, draft: DraftFile) -> CmdResult<Option<Exported>> {
    let (d, doc) = layout_of(&draft)?;
    let pdf = vanthu::render::pdf::to_pdf(&doc, &vanthu::render::pdf::Meta::of(&d, &doc))?;
    export(&app, &draft, "Xuất tệp PDF", ("PDF", &["pdf"]), &pdf.bytes)
}

/// Opens an exported file (or, with `folder`, the folder holding it) with the system's
/// default program. Under the end-to-end tests (`VANTHU_DIALOG_DIR`) nothing is opened.
#[tauri::command(async)]
pub fn open_path(path: String, folder: bool) -> CmdResult<()> {
    let p = PathBuf::from(&path);
    let target = if folder {
        p.parent().map(PathBuf::from).unwrap_or(p)
    } else {
        p
    };
    if !target.exists() {
        return Err(AppError::new(
            ErrorCode::OpenFailed,
            format!("Không tìm thấy {}.", target.display()),
        ));
    }
    if std::env::var_os("VANTHU_DIALOG_DIR").is_some() {
        return Ok(());
    }
    open::that_detached(&target).map_err(|_| {
        AppError::new(
            ErrorCode::OpenFailed,
            format!("Không mở được {}.", target.display()),
        )
    })
}

/// A date as typed in the form (`5/3/2024`, `05/03/2024`, `2024-03-05`), in the ISO form the
/// draft stores; `None` for an empty text. The one parser of the app and the templates
/// ([`vanthu::dates::parse_user_date`]); the error names `field`.
#[tauri::command]
pub fn parse_date(field: String, text: String) -> CmdResult<Option<String>> {
    match vanthu::dates::parse_user_date(&field, &text) {
        Ok(d) => Ok(d.map(vanthu::dates::iso)),
        Err(e) => {
            let m = FieldMessage::from(&e);
            Err(AppError {
                message: m.message.clone(),
                fields: vec![m],
                ..AppError::new(e.code, "")
            })
        }
    }
}

/// A draft kept in the data folder while it is written, listed under "Bản thảo gần đây".
#[derive(Debug, Clone, Serialize, TS)]
pub struct RecentDraft {
    /// Its id (the autosave file's name).
    pub id: String,
    /// Its trích yếu, or its type's name.
    pub title: String,
    /// The symbol, when it has a number.
    pub number: Option<u32>,
    /// When it was last changed, `dd/mm/yyyy HH:MM`.
    pub modified: String,
}

/// Keeps the draft being typed in the data folder (`drafts/<id>.vanthu`), so nothing typed
/// is lost; the [`crate::store::RECENT_KEPT`] newest are kept.
#[tauri::command]
pub fn autosave(draft: DraftFile, id: String) -> CmdResult<()> {
    let path = crate::store::draft_path(&id)?;
    let mut draft = draft;
    draft.format = Some(vanthu::draft::FORMAT.to_string());
    vanthu::write::atomic(&path, draft.to_json().as_bytes())?;
    crate::store::prune_autosaved()
}

/// An autosaved draft with its id.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedDraft {
    /// Its id.
    pub id: String,
    /// Its content.
    pub draft: DraftFile,
}

/// The newest autosaved draft that reads (or the one older versions kept), if any.
#[tauri::command]
pub fn restore_autosave() -> CmdResult<Option<SavedDraft>> {
    for (id, path, _) in crate::store::autosaved()? {
        if let Ok(draft) = read_draft(&path) {
            return Ok(Some(SavedDraft { id, draft }));
        }
    }
    let old = crate::store::autosave_path()?;
    Ok(read_draft(&old).ok().map(|draft| SavedDraft {
        id: "autosave".into(),
        draft,
    }))
}

/// The autosaved drafts, newest first.
#[tauri::command]
pub fn recent_drafts() -> CmdResult<Vec<RecentDraft>> {
    let mut out = Vec::new();
    for (id, path, modified) in crate::store::autosaved()? {
        let Ok(d) = read_draft(&path) else { continue };
        let modified: chrono::DateTime<chrono::Local> = modified.into();
        out.push(RecentDraft {
            id,
            title: names::draft_stem(&d),
            number: d.number.and_then(|n| u32::try_from(n).ok()),
            modified: modified.format("%d/%m/%Y %H:%M").to_string(),
        });
    }
    Ok(out)
}

/// One autosaved draft.
#[tauri::command]
pub fn open_recent(id: String) -> CmdResult<SavedDraft> {
    let draft = read_draft(&crate::store::draft_path(&id)?)?;
    Ok(SavedDraft { id, draft })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanthu::Regime;

    #[test]
    fn typed_dates_become_iso_and_a_bad_one_names_its_field() {
        assert_eq!(
            parse_date("date".into(), "5/3/2024".into())
                .unwrap()
                .as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(parse_date("date".into(), "".into()).unwrap(), None);
        let e = parse_date("date".into(), "32/1/2024".into()).unwrap_err();
        assert_eq!(e.fields[0].field, "date");
        assert!(e.message.contains("05/03/2024"), "{}", e.message);
    }

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
