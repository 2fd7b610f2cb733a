//! Where templates live: the built-ins (read-only) and the user's data directory
//! (`<data dir>/templates/<name>.toml`; `VANTHU_DATA_DIR` overrides the data dir).

use std::path::{Path, PathBuf};

use super::builtin;
use super::compile::Template;
use super::format::{
    self, check_name, DraftTemplate, SignerTemplate, TemplateFile, Var, VarType, VarValue,
};
use super::{TemplateError, TemplateInfo};
use crate::draft::{self, DraftFile, Regime};
use crate::error::{Error, Result};
use toml::Spanned;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "VANTHU_DATA_DIR";

/// A folder of user templates, with the built-ins in front of it.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// The draft fields a user may turn into variables when saving a draft as a template:
/// path, key, Vietnamese label, type, required.
pub const MARKABLE: &[(&str, &str, &str, VarType, bool)] = &[
    ("subject", "trich_yeu", "Trích yếu", VarType::Text, true),
    ("recipients", "kinh_gui", "Kính gửi", VarType::List, false),
    ("body", "noi_dung", "Nội dung", VarType::LongText, true),
    ("date", "ngay", "Ngày ban hành", VarType::Date, false),
    (
        "unit_code",
        "don_vi_soan",
        "Ký hiệu đơn vị soạn thảo",
        VarType::Text,
        false,
    ),
    (
        "circulation",
        "pham_vi_luu_hanh",
        "Phạm vi lưu hành",
        VarType::Text,
        false,
    ),
    ("cc", "noi_nhan", "Nơi nhận", VarType::List, false),
    ("archive", "luu", "Lưu", VarType::Text, false),
    (
        "drafter",
        "nguoi_soan",
        "Ký hiệu người soạn thảo",
        VarType::Text,
        false,
    ),
    ("copies", "so_ban", "Số lượng bản", VarType::Number, false),
    (
        "attachments",
        "tai_lieu_kem",
        "Tài liệu kèm theo",
        VarType::List,
        false,
    ),
    (
        "authority_line",
        "tham_quyen",
        "Thẩm quyền ban hành",
        VarType::Text,
        false,
    ),
    ("bases", "can_cu", "Căn cứ ban hành", VarType::List, false),
    (
        "proposal",
        "de_nghi",
        "Theo đề nghị của",
        VarType::Text,
        false,
    ),
    (
        "signer.on_behalf_of",
        "ky_thay_mat",
        "Thay mặt / ký thay cho",
        VarType::Text,
        false,
    ),
    (
        "signer.title",
        "chuc_vu_nguoi_ky",
        "Chức vụ người ký",
        VarType::Text,
        true,
    ),
    (
        "signer.name",
        "nguoi_ky",
        "Họ tên người ký",
        VarType::Text,
        true,
    ),
    (
        "countersigner.title",
        "chuc_vu_nguoi_ky_2",
        "Chức vụ người ký bên trái",
        VarType::Text,
        false,
    ),
    (
        "countersigner.name",
        "nguoi_ky_2",
        "Họ tên người ký bên trái",
        VarType::Text,
        false,
    ),
];

impl Store {
    /// A store in a given folder (created when something is saved).
    pub fn at(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The user's store: `$VANTHU_DATA_DIR/templates`, or the platform data directory.
    pub fn default_location() -> Result<Store> {
        if let Some(d) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Store::at(PathBuf::from(d).join("templates")));
        }
        let dirs =
            directories::ProjectDirs::from("", "", "vanthu").ok_or_else(|| Error::Other {
                code: crate::error::ErrorCode::NoDataDir,
                message: format!("no home directory found; set {DATA_DIR_ENV}"),
            })?;
        Ok(Store::at(dirs.data_dir().join("templates")))
    }

    /// The folder of user templates.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.toml"))
    }

    /// Built-ins, then user templates by name; user files that fail to load are returned apart.
    pub fn list_checked(&self) -> (Vec<TemplateInfo>, Vec<(PathBuf, Error)>) {
        let mut out: Vec<TemplateInfo> = builtin::all().into_iter().map(Template::info).collect();
        let mut broken = Vec::new();
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(&self.dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect(),
            Err(_) => Vec::new(),
        };
        paths.sort();
        for p in paths {
            match self.load_path(&p) {
                Ok(t) if builtin::get(t.name()).is_none() => out.push(t.info()),
                Ok(_) => {}
                Err(e) => broken.push((p, e)),
            }
        }
        (out, broken)
    }

    /// Built-ins, then the user's templates that load.
    pub fn list(&self) -> Result<Vec<TemplateInfo>> {
        Ok(self.list_checked().0)
    }

    fn load_path(&self, path: &Path) -> Result<Template> {
        let text = read_text(path)?;
        let t = Template::from_source(&text, &path.display().to_string(), false)?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != t.name() {
            return Err(TemplateError::Format {
                template: path.display().to_string(),
                message: format!("name \"{}\" differs from the file name", t.name()),
            }
            .into());
        }
        Ok(t)
    }

    /// A template by name: a built-in, else the user's.
    pub fn get(&self, name: &str) -> Result<Template> {
        if let Some(t) = builtin::get(name) {
            return Ok(t.clone());
        }
        check_name(name)?;
        let p = self.path_of(name);
        if !p.exists() {
            return Err(TemplateError::NotFound {
                name: name.to_string(),
            }
            .into());
        }
        self.load_path(&p)
    }

    /// Checks a template's text and stores it under its own name.
    pub fn import_str(&self, text: &str, origin: &str, replace: bool) -> Result<Template> {
        let t = Template::from_source(text, origin, false)?;
        self.put(t, replace)
    }

    /// Imports a template file.
    pub fn import(&self, path: &Path, replace: bool) -> Result<Template> {
        let text = read_text(path)?;
        self.import_str(&text, &path.display().to_string(), replace)
    }

    fn put(&self, t: Template, replace: bool) -> Result<Template> {
        if builtin::get(t.name()).is_some() {
            return Err(TemplateError::Builtin {
                name: t.name().to_string(),
            }
            .into());
        }
        let p = self.path_of(t.name());
        if p.exists() && !replace {
            return Err(TemplateError::Exists {
                name: t.name().to_string(),
            }
            .into());
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        crate::write::atomic(&p, t.source.as_bytes())?;
        Ok(t)
    }

    /// Writes a template (built-in or user) to a file, as one file.
    pub fn export(&self, name: &str, to: &Path) -> Result<()> {
        let t = self.get(name)?;
        crate::write::check_extension("--output", to, &["toml"])?;
        let own = self.path_of(name);
        crate::write::guard_output("--output", to, &[("the saved template", own.as_path())])?;
        crate::write::atomic(to, t.source.as_bytes())
    }

    /// Copies a template (typically a built-in) under a new name, to edit it.
    pub fn copy(&self, from: &str, to: &str, replace: bool) -> Result<Template> {
        check_name(to)?;
        let t = self.get(from)?;
        let mut file = t.file.clone();
        file.name = to.to_string();
        // Re-serialising loses the comments; renaming in the text keeps the author's layout.
        let needle = format!("name = \"{from}\"");
        let text = if t.source.matches(&needle).count() == 1 {
            t.source.replacen(&needle, &format!("name = \"{to}\""), 1)
        } else {
            to_toml(&file)?
        };
        let copy = Template::from_source(&text, to, false)?;
        self.put(copy, replace)
    }

    /// Saves a draft as a template: the fields in `marked` (draft paths such as `subject`,
    /// `body`, `signer.name`; see [`MARKABLE`]) become variables whose defaults are the draft's
    /// values; the rest is kept literally, except issuer, place, number, date and status, which
    /// come from the profile and the day of filling.
    pub fn save_from_draft(
        &self,
        draft: &DraftFile,
        name: &str,
        title: Option<&str>,
        marked: &[String],
        replace: bool,
    ) -> Result<Template> {
        check_name(name)?;
        if builtin::get(name).is_some() {
            return Err(TemplateError::Builtin {
                name: name.to_string(),
            }
            .into());
        }
        let valid = draft::validate(draft)?;
        let mut fixed = valid.to_file();
        let mut tpl = DraftTemplate::default();
        let mut vars = Vec::new();
        for m in marked {
            let Some(&(path, key, label, ty, required)) = MARKABLE.iter().find(|x| x.0 == m) else {
                let all: Vec<&str> = MARKABLE.iter().map(|x| x.0).collect();
                return Err(Error::Invalid(crate::error::FieldErrors(vec![
                    crate::FieldError::new(
                        m.clone(),
                        crate::error::ErrorCode::InvalidValue,
                        format!("cannot be made a variable (choose from {})", all.join(", ")),
                    ),
                ])));
            };
            if vars.iter().any(|v: &Var| v.key == key) {
                continue;
            }
            let scalar = |s: &str| Some(Spanned::new(0..0, s.to_string()));
            let expr = if path == "body" {
                format!("{{{{ {key} | safe }}}}")
            } else {
                format!("{{{{ {key} }}}}")
            };
            let list_expr = vec![Spanned::new(
                0..0,
                format!("{{% for x in {key} %}}{{{{ x }}}}\n{{% endfor %}}"),
            )];
            let default = match path {
                "subject" => fixed.subject.take().map(VarValue::Text),
                "recipients" => Some(VarValue::List(std::mem::take(&mut fixed.recipients))),
                "body" => fixed.body.take().map(VarValue::Text),
                "date" => fixed.date.take().map(VarValue::Text),
                "unit_code" => fixed.unit_code.take().map(VarValue::Text),
                "circulation" => fixed.circulation.take().map(VarValue::Text),
                "cc" => Some(VarValue::List(std::mem::take(&mut fixed.cc))),
                "archive" => fixed.archive.take().map(VarValue::Text),
                "drafter" => fixed.drafter.take().map(VarValue::Text),
                "copies" => fixed.copies.take().map(VarValue::Number),
                "attachments" => Some(VarValue::List(std::mem::take(&mut fixed.attachments))),
                "authority_line" => fixed.authority_line.take().map(VarValue::Text),
                "bases" => Some(VarValue::List(std::mem::take(&mut fixed.bases))),
                "proposal" => fixed.proposal.take().map(VarValue::Text),
                "signer.on_behalf_of" => fixed
                    .signer
                    .as_mut()
                    .and_then(|s| s.on_behalf_of.take())
                    .map(VarValue::Text),
                "signer.title" => fixed
                    .signer
                    .as_mut()
                    .and_then(|s| s.title.take())
                    .map(VarValue::Text),
                "signer.name" => fixed
                    .signer
                    .as_mut()
                    .and_then(|s| s.name.take())
                    .map(VarValue::Text),
                "countersigner.title" => fixed
                    .countersigner
                    .as_mut()
                    .and_then(|s| s.title.take())
                    .map(VarValue::Text),
                "countersigner.name" => fixed
                    .countersigner
                    .as_mut()
                    .and_then(|s| s.name.take())
                    .map(VarValue::Text),
                _ => None,
            };
            match path {
                "subject" => tpl.subject = scalar(&expr),
                "recipients" => tpl.recipients = Some(list_expr),
                "body" => tpl.body = scalar(&expr),
                "date" => tpl.date = scalar(&expr),
                "unit_code" => tpl.unit_code = scalar(&expr),
                "circulation" => tpl.circulation = scalar(&expr),
                "cc" => tpl.cc = Some(list_expr),
                "archive" => tpl.archive = scalar(&expr),
                "drafter" => tpl.drafter = scalar(&expr),
                "copies" => tpl.copies = scalar(&expr),
                "attachments" => tpl.attachments = Some(list_expr),
                "authority_line" => tpl.authority_line = scalar(&expr),
                "bases" => tpl.bases = Some(list_expr),
                "proposal" => tpl.proposal = scalar(&expr),
                p if p.starts_with("signer.") => {
                    let s = tpl.signer.get_or_insert_with(SignerTemplate::default);
                    match p {
                        "signer.on_behalf_of" => s.on_behalf_of = scalar(&expr),
                        "signer.title" => s.title = scalar(&expr),
                        _ => s.name = scalar(&expr),
                    }
                }
                p => {
                    let s = tpl
                        .countersigner
                        .get_or_insert_with(SignerTemplate::default);
                    if p == "countersigner.title" {
                        s.title = scalar(&expr);
                    } else {
                        s.name = scalar(&expr);
                    }
                }
            }
            vars.push(Var {
                key: key.to_string(),
                label: label.to_string(),
                ty,
                default,
                required,
                choices: Vec::new(),
                help: None,
            });
        }
        // What comes from the profile and the day of filling.
        fixed.format = None;
        fixed.regime = None;
        fixed.kind = None;
        fixed.issuer = None;
        fixed.place = None;
        fixed.number = None;
        fixed.date = None;
        fixed.year = None;
        fixed.status = None;
        let regime = Regime::parse(draft.regime.as_deref().unwrap_or("")).unwrap_or(Regime::State);
        let kind = draft.kind.clone().unwrap_or_default();
        let title = title
            .map(str::to_string)
            .unwrap_or_else(|| format!("{} (mẫu riêng)", kind_name(regime, &kind)));
        let file = TemplateFile {
            format: format::TEMPLATE_FORMAT.to_string(),
            name: name.to_string(),
            title,
            description: "Mẫu do người dùng lưu từ một bản thảo.".to_string(),
            regime,
            kind,
            vars,
            fixed: Some(fixed),
            draft: tpl,
        };
        let text = to_toml(&file)?;
        let t = Template::from_source(&text, name, false)?;
        self.put(t, replace)
    }
}

fn kind_name(regime: Regime, kind: &str) -> String {
    crate::rules::default_for(regime)
        .kind(kind)
        .map(|k| k.name.clone())
        .unwrap_or_else(|| kind.to_string())
}

fn to_toml(file: &TemplateFile) -> Result<String> {
    let body = toml::to_string_pretty(file).map_err(|e| Error::Other {
        code: crate::error::ErrorCode::TemplateFormat,
        message: format!("template {}: cannot be written as TOML ({e})", file.name),
    })?;
    Ok(format!(
        "# Văn Thư template ({}).\n{body}",
        format::TEMPLATE_FORMAT
    ))
}

fn read_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > format::MAX_TEMPLATE_BYTES as u64 {
        return Err(Error::TooLarge {
            field: path.display().to_string(),
            size: meta.len(),
            limit: format::MAX_TEMPLATE_BYTES as u64,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| Error::Parse {
        field: path.display().to_string(),
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}
