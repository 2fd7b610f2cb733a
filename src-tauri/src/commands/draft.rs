//! Soạn thảo: kinds, a new draft from the profile, the live preview, open/save, export.

use std::path::PathBuf;

use chrono::Datelike;
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;
use vanthu::draft::DraftFile;
use vanthu::rules::{FieldUse, Form};
use vanthu::{Error, Regime};

use crate::dialogs;
use crate::error::{AppError, CmdResult, FieldMessage};

/// A document type as the form offers it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KindInfo {
    /// Slug stored in drafts (`cong-van`).
    pub slug: String,
    /// Vietnamese name (`Công văn`).
    pub name: String,
    /// `letter`, `titled` or `decision`.
    pub form: String,
    /// Whether the type has a trích yếu: `required`, `optional` or `none`.
    pub subject: String,
    /// Whether the type has a Kính gửi block: `required`, `optional` or `none`.
    pub recipients: String,
}

fn use_str(u: FieldUse) -> String {
    match u {
        FieldUse::Required => "required",
        FieldUse::Optional => "optional",
        FieldUse::None => "none",
    }
    .to_string()
}

/// The document types of a regime, in the rule set's order.
#[tauri::command]
pub fn kinds(regime: Regime) -> Vec<KindInfo> {
    vanthu::rules::default_for(regime)
        .kinds
        .iter()
        .map(|k| KindInfo {
            slug: k.slug.clone(),
            name: k.name.clone(),
            form: match k.form {
                Form::Letter => "letter",
                Form::Titled => "titled",
                Form::Decision => "decision",
            }
            .to_string(),
            subject: use_str(k.subject),
            recipients: use_str(k.recipients),
        })
        .collect()
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
    /// What is still wrong, field by field, in Vietnamese.
    pub errors: Vec<FieldMessage>,
}

/// Text shown in the preview for a required field not filled in yet.
const PLACEHOLDER: &str = "…";

/// The draft with placeholders where required texts are still empty, so the page takes shape
/// while the clerk types.
fn with_placeholders(file: &DraftFile, errors: &[FieldMessage]) -> DraftFile {
    let mut d = file.clone();
    let ph = || Some(PLACEHOLDER.to_string());
    for e in errors.iter().filter(|e| e.code == "required") {
        match e.field.as_str() {
            "subject" => d.subject = ph(),
            "body" => d.body = ph(),
            "place" => d.place = ph(),
            "recipients" => d.recipients = vec![PLACEHOLDER.to_string()],
            "year" => d.year = Some(i64::from(chrono::Local::now().year())),
            "issuer.name" | "issuer.code" | "issuer" => {
                let i = d.issuer.get_or_insert_with(Default::default);
                if e.field != "issuer.code" && i.name.as_deref().unwrap_or("").trim().is_empty() {
                    i.name = ph();
                }
                if e.field != "issuer.name" && i.code.as_deref().unwrap_or("").trim().is_empty() {
                    i.code = ph();
                }
            }
            "signer" | "signer.title" | "signer.name" | "signer.on_behalf_of" => {
                let s = d.signer.get_or_insert_with(Default::default);
                for (f, v) in [
                    ("title", &mut s.title),
                    ("name", &mut s.name),
                    ("on_behalf_of", &mut s.on_behalf_of),
                ] {
                    if (e.field == "signer" || e.field.ends_with(f))
                        && v.as_deref().unwrap_or("").trim().is_empty()
                    {
                        *v = ph();
                    }
                }
            }
            _ => {}
        }
    }
    d
}

/// The symbol line as the core composes it, from whatever the draft has so far.
fn symbol_line(file: &DraftFile) -> String {
    let regime = file
        .regime
        .as_deref()
        .and_then(Regime::parse)
        .unwrap_or(Regime::State);
    let rules = vanthu::rules::default_for(regime);
    let number = file
        .number
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n > 0);
    let code = file
        .issuer
        .as_ref()
        .and_then(|i| i.code.as_deref())
        .unwrap_or("");
    let symbol = vanthu::symbol::compose(
        rules,
        file.kind.as_deref().unwrap_or(""),
        number,
        code,
        file.unit_code.as_deref(),
    );
    format!("{}{}", rules.symbol.prefix, symbol)
}

/// Validates and lays out the draft, and renders the HTML preview. Never fails on user data:
/// problems come back in `errors`.
#[tauri::command]
pub fn preview(draft: DraftFile) -> Preview {
    let symbol = symbol_line(&draft);
    let errors: Vec<FieldMessage> = match vanthu::draft::validate(&draft) {
        Ok(_) => Vec::new(),
        Err(e) => AppError::from(e).fields,
    };
    let candidate = if errors.is_empty() {
        draft
    } else {
        with_placeholders(&draft, &errors)
    };
    let rendered = vanthu::draft::validate(&candidate)
        .and_then(|d| vanthu::layout::build(&d))
        .map(|doc| vanthu::render::html::render(&doc));
    match rendered {
        Ok(r) => Preview {
            html: Some(r.html),
            pages: r.pages,
            symbol,
            errors,
        },
        Err(_) => Preview {
            html: None,
            pages: 0,
            symbol,
            errors,
        },
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

/// Reads a draft file (up to the core's size limit), checking its format but not its content.
pub fn read_draft(path: &std::path::Path) -> CmdResult<DraftFile> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if len > vanthu::draft::LIMITS.file_bytes {
        return Err(Error::TooLarge {
            field: "file".into(),
            size: len,
            limit: vanthu::draft::LIMITS.file_bytes,
        }
        .into());
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let file = DraftFile::from_json(text.strip_prefix('\u{feff}').unwrap_or(&text))?;
    if file.format.as_deref() != Some(vanthu::draft::FORMAT) {
        return Err(AppError::new(
            "format",
            "Tệp này không phải bản thảo Văn Thư (vanthu/draft@1).",
        ));
    }
    Ok(file)
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
    match d.number {
        Some(n) => format!("{kind}-{n:02}"),
        None => kind.to_string(),
    }
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

/// Validates and renders the DOCX bytes.
pub fn docx_bytes(draft: &DraftFile) -> CmdResult<Vec<u8>> {
    let d = vanthu::draft::validate(draft)?;
    Ok(vanthu::render_docx(&d)?)
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

/// Exports a PDF through LibreOffice to a file the clerk picks; `None` when the clerk cancels.
#[tauri::command]
pub async fn export_pdf(app: AppHandle, draft: DraftFile) -> CmdResult<Option<String>> {
    let bytes = docx_bytes(&draft)?;
    if vanthu::render::pdf::soffice().is_none() {
        return Err(Error::Convert(vanthu::render::pdf::INSTALL_HINT.into()).into());
    }
    let Some(path) = dialogs::save(
        &app,
        "Xuất tệp PDF",
        ("PDF", &["pdf"]),
        &format!("{}.pdf", file_stem(&draft)),
    ) else {
        return Ok(None);
    };
    let pdf = vanthu::render::pdf::from_docx(&bytes)?;
    vanthu::write::atomic(&path, &pdf)?;
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

    fn sample() -> DraftFile {
        let mut d = vanthu::profile::Profile::sample(Regime::State).draft_file("cong-van");
        d.year = Some(2024);
        d
    }

    #[test]
    fn an_empty_new_draft_previews_with_placeholders_and_names_what_is_missing() {
        let p = preview(sample());
        let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"subject"), "{fields:?}");
        assert!(fields.contains(&"body"), "{fields:?}");
        assert!(fields.contains(&"recipients"), "{fields:?}");
        assert!(p
            .errors
            .iter()
            .all(|e| e.message == "Trường này là bắt buộc."));
        let html = p.html.expect("placeholders make it renderable");
        assert!(html.contains("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"));
        assert_eq!(p.pages, 1);
        let blank = &vanthu::rules::default_for(Regime::State).symbol.blank;
        assert_eq!(p.symbol, format!("Số: {blank}/SVHTTDL"));
    }

    #[test]
    fn a_complete_draft_has_no_errors_and_prints_its_symbol() {
        let mut d = sample();
        d.number = Some(5);
        d.unit_code = Some("QLVHGĐ".into());
        d.subject = Some("tăng cường công tác văn thư".into());
        d.recipients = vec!["Các phòng thuộc Sở".into()];
        d.body = Some("Nội dung **quan trọng**.".into());
        let p = preview(d.clone());
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.symbol, "Số: 05/SVHTTDL-QLVHGĐ");
        assert!(p.html.unwrap().contains("Kính gửi: Các phòng thuộc Sở"));
        let bytes = docx_bytes(&d).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }

    #[test]
    fn bad_date_is_named_in_vietnamese() {
        let mut d = sample();
        d.date = Some("2024-02-30".into());
        let p = preview(d);
        let e = p
            .errors
            .iter()
            .find(|e| e.field == "date")
            .expect("date named");
        assert!(e.message.contains("Ngày không hợp lệ"), "{}", e.message);
    }

    #[test]
    fn kinds_lists_cong_van_first_for_state() {
        let k = kinds(Regime::State);
        assert!(k
            .iter()
            .any(|k| k.slug == "cong-van" && k.form == "letter" && k.name == "Công văn"));
    }

    #[test]
    fn read_draft_refuses_other_json() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        std::fs::write(&p, "{}").unwrap();
        assert_eq!(read_draft(&p).unwrap_err().code, "format");
        std::fs::write(&p, "{\"nope\":1}").unwrap();
        assert_eq!(read_draft(&p).unwrap_err().code, "parse");
    }
}
