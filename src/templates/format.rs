//! The template file (`vanthu/template@1`): TOML metadata, typed variables, and the draft's
//! fields as tera strings. User values never pass through the tera parser: they are put in
//! the rendering context, so `{{`, `{%`, `<`, `&`, `"` and `\` in them come out literally.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

use super::TemplateError;
use crate::draft::{DraftFile, Regime};

/// The value of the `format` field of a template file.
pub const TEMPLATE_FORMAT: &str = "vanthu/template@1";

/// A template file is refused above this size (1 MiB).
pub const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;

/// The type of a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VarType {
    /// One line of text.
    Text,
    /// Several paragraphs (blank line between paragraphs).
    LongText,
    /// A date `YYYY-MM-DD` (also read as `DD/MM/YYYY`).
    Date,
    /// A whole number.
    Number,
    /// A list of one-line texts.
    List,
    /// One of the listed `choices`.
    Choice,
}

impl VarType {
    /// The Vietnamese name of the type, for the app's form.
    pub fn label_vi(self) -> &'static str {
        match self {
            VarType::Text => "văn bản một dòng",
            VarType::LongText => "văn bản nhiều đoạn",
            VarType::Date => "ngày",
            VarType::Number => "số",
            VarType::List => "danh sách",
            VarType::Choice => "lựa chọn",
        }
    }
}

/// A value given for a variable: a text, a number or a list of texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum VarValue {
    /// A text (a date, a choice or a number may also be given as text).
    Text(String),
    /// A whole number.
    Number(i64),
    /// A list of texts.
    List(Vec<String>),
}

/// Values for a template's variables, by key.
pub type Values = BTreeMap<String, VarValue>;

/// A variable of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Var {
    /// Key used in the template (`[a-z_][a-z0-9_]*`).
    pub key: String,
    /// Vietnamese label shown in the form.
    pub label: String,
    /// Type.
    #[serde(rename = "type")]
    pub ty: VarType,
    /// Default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<VarValue>,
    /// Whether a value must be given (a default counts).
    #[serde(default)]
    pub required: bool,
    /// Allowed values of a `choice`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// A short Vietnamese hint shown under the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// A signature block whose fields are tera strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct SignerTemplate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Spanned<String>>,
}

/// The draft's fields as tera strings; a field present here replaces the profile's and the
/// fixed value. A list entry may render to several lines: each line is one entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct DraftTemplate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_code: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circulation: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<Spanned<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<SignerTemplate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc: Option<Vec<Spanned<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Spanned<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_line: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bases: Option<Vec<Spanned<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countersigner: Option<SignerTemplate>,
}

/// A template file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    /// `vanthu/template@1`.
    pub format: String,
    /// Machine name, also the file name (`cong-van-trien-khai`).
    pub name: String,
    /// Vietnamese name.
    pub title: String,
    /// Vietnamese description.
    pub description: String,
    /// Regime of the drafts it produces.
    pub regime: Regime,
    /// Document type slug.
    pub kind: String,
    /// The variables, in the order of the form.
    #[serde(default, rename = "var", skip_serializing_if = "Vec::is_empty")]
    pub vars: Vec<Var>,
    /// Literal draft fields, never parsed as templates (what `save` keeps of a draft).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<DraftFile>,
    /// The draft's fields as tera strings.
    #[serde(default)]
    pub draft: DraftTemplate,
}

/// One tera string of a template, with where it sits in the file.
#[derive(Debug, Clone)]
pub struct FieldSource<'a> {
    /// The draft field path (`body`, `cc[2]`, `signer.name`).
    pub path: String,
    /// The template text.
    pub text: &'a str,
    /// Byte span of the TOML string (with its quotes) in the file, when known.
    pub span: Range<usize>,
}

impl DraftTemplate {
    /// Every tera string with its field path, in the draft's field order.
    pub fn fields(&self) -> Vec<FieldSource<'_>> {
        let mut out = Vec::new();
        fn one<'a>(out: &mut Vec<FieldSource<'a>>, path: &str, v: &'a Option<Spanned<String>>) {
            if let Some(s) = v {
                out.push(FieldSource {
                    path: path.to_string(),
                    text: s.get_ref(),
                    span: s.span(),
                });
            }
        }
        fn list<'a>(
            out: &mut Vec<FieldSource<'a>>,
            path: &str,
            v: &'a Option<Vec<Spanned<String>>>,
        ) {
            for (i, s) in v.iter().flatten().enumerate() {
                out.push(FieldSource {
                    path: format!("{path}[{i}]"),
                    text: s.get_ref(),
                    span: s.span(),
                });
            }
        }
        fn signer<'a>(out: &mut Vec<FieldSource<'a>>, path: &str, v: &'a Option<SignerTemplate>) {
            if let Some(s) = v {
                one(out, &format!("{path}.authority"), &s.authority);
                one(out, &format!("{path}.on_behalf_of"), &s.on_behalf_of);
                one(out, &format!("{path}.title"), &s.title);
                one(out, &format!("{path}.name"), &s.name);
            }
        }
        one(&mut out, "unit_code", &self.unit_code);
        one(&mut out, "number", &self.number);
        one(&mut out, "date", &self.date);
        one(&mut out, "year", &self.year);
        one(&mut out, "urgency", &self.urgency);
        one(&mut out, "secrecy", &self.secrecy);
        one(&mut out, "circulation", &self.circulation);
        one(&mut out, "subject", &self.subject);
        list(&mut out, "recipients", &self.recipients);
        one(&mut out, "body", &self.body);
        signer(&mut out, "signer", &self.signer);
        list(&mut out, "cc", &self.cc);
        one(&mut out, "archive", &self.archive);
        one(&mut out, "drafter", &self.drafter);
        one(&mut out, "copies", &self.copies);
        list(&mut out, "attachments", &self.attachments);
        one(&mut out, "authority_line", &self.authority_line);
        list(&mut out, "bases", &self.bases);
        one(&mut out, "proposal", &self.proposal);
        signer(&mut out, "countersigner", &self.countersigner);
        out
    }
}

/// 1-based line and column (in characters) of a byte offset in a text.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Maps an offset inside a field's template text to a line and column of the template file.
pub fn file_position(file: &str, field: &FieldSource<'_>, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(field.text, offset.min(field.text.len()));
    let Some(raw) = file.get(field.span.clone()) else {
        return line_col(field.text, offset);
    };
    let (open, literal) = if raw.starts_with("'''") {
        (3, true)
    } else if raw.starts_with("\"\"\"") {
        (3, false)
    } else if raw.starts_with('\'') {
        (1, true)
    } else {
        (1, false)
    };
    let mut start = field.span.start + open;
    if open == 3 {
        if file[start..].starts_with("\r\n") {
            start += 2;
        } else if file[start..].starts_with('\n') {
            start += 1;
        }
    }
    let exact = literal || !raw.contains('\\');
    if exact {
        return line_col(file, start + offset);
    }
    // A basic string with escapes: count the value's own lines from the string's start.
    let (l0, c0) = line_col(file, start);
    let before = &field.text[..offset];
    let nl = before.matches('\n').count();
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0);
    if nl == 0 {
        (l0, c0 + col)
    } else {
        (l0 + nl, col + 1)
    }
}

/// Checks a template name: 1–64 lower-case ASCII letters, digits and hyphens.
pub fn check_name(name: &str) -> Result<(), TemplateError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(TemplateError::BadName {
            name: name.to_string(),
        })
    }
}

/// Names the template may not use for a variable.
pub const RESERVED_KEYS: &[&str] = &[
    "profile", "today", "signer", "and", "or", "not", "in", "is", "true", "false", "none", "loop",
    "if", "else", "elif", "for", "set", "self", "super",
];

/// Parses a template file and checks its metadata (not yet its tera strings).
pub fn parse(text: &str, origin: &str) -> Result<TemplateFile, TemplateError> {
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(TemplateError::Format {
            template: origin.to_string(),
            message: format!(
                "file too large ({} bytes, limit {MAX_TEMPLATE_BYTES})",
                text.len()
            ),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: TemplateFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        TemplateError::At {
            code: crate::error::ErrorCode::TemplateSyntax,
            template: origin.to_string(),
            field: "toml".into(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let fail = |message: String| TemplateError::Format {
        template: file.name.clone(),
        message,
    };
    if file.format != TEMPLATE_FORMAT {
        return Err(TemplateError::Format {
            template: origin.to_string(),
            message: format!(
                "format: unsupported \"{}\" (expected \"{TEMPLATE_FORMAT}\")",
                file.format
            ),
        });
    }
    check_name(&file.name)?;
    if file.title.trim().is_empty() {
        return Err(fail("title: required".into()));
    }
    if crate::rules::default_for(file.regime)
        .kind(&file.kind)
        .is_none()
    {
        return Err(fail(format!(
            "kind: unknown kind \"{}\" for regime {}",
            file.kind,
            file.regime.as_str()
        )));
    }
    let mut seen = std::collections::BTreeSet::new();
    for v in &file.vars {
        let b = v.key.as_bytes();
        let ok = !b.is_empty()
            && b.len() <= 64
            && (b[0].is_ascii_lowercase() || b[0] == b'_')
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
            && !v.key.starts_with("__")
            && !RESERVED_KEYS.contains(&v.key.as_str());
        if !ok {
            return Err(fail(format!(
                "var \"{}\": a key is lower-case ASCII letters, digits and _ and not one of {}",
                v.key,
                RESERVED_KEYS.join(", ")
            )));
        }
        if !seen.insert(v.key.as_str()) {
            return Err(fail(format!("var \"{}\": declared twice", v.key)));
        }
        if v.label.trim().is_empty() {
            return Err(fail(format!("var \"{}\": label required", v.key)));
        }
        if v.ty == VarType::Choice && v.choices.is_empty() {
            return Err(fail(format!("var \"{}\": a choice needs choices", v.key)));
        }
        if v.ty != VarType::Choice && !v.choices.is_empty() {
            return Err(fail(format!(
                "var \"{}\": choices only go with type choice",
                v.key
            )));
        }
    }
    if let Some(f) = &file.fixed {
        if f.format.is_some() || f.regime.is_some() || f.kind.is_some() {
            return Err(fail(
                "fixed: format, regime and kind come from the template's own fields".into(),
            ));
        }
    }
    Ok(file)
}
