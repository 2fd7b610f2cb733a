//! Templates: the letters an office writes every week, filled in a minute.
//!
//! A template is one TOML file (`vanthu/template@1`, see [`format`]): metadata, typed
//! variables, and the draft's fields as tera strings. Filling builds the draft structurally:
//! each field is rendered on its own with the values in the context, so user text never passes
//! through the template parser. Built-ins ship in the binary ([`builtin`]); an office's own
//! templates live in its data directory ([`store`]).

mod budget;
pub mod builtin;
mod compile;
pub mod fill;
pub mod format;
pub mod sandbox;
pub mod store;

pub use compile::Template;
pub use fill::{fill, fill_at, fill_template};
pub use format::{TemplateFile, Values, Var, VarType, VarValue, TEMPLATE_FORMAT};
pub use store::Store;

use serde::Serialize;

use crate::error::ErrorCode;

/// What the app and `vanthu template list` show of a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateInfo {
    /// Machine name.
    pub name: String,
    /// Vietnamese name.
    pub title: String,
    /// Vietnamese description.
    pub description: String,
    /// `state` or `party`.
    pub regime: String,
    /// Document type slug.
    pub kind: String,
    /// Shipped with the program (read-only).
    pub builtin: bool,
    /// The variables of the form.
    pub vars: Vec<Var>,
}

/// Errors of the template module, each with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// No template of that name.
    #[error("template {name}: not found (see `vanthu template list`)")]
    NotFound {
        /// The name asked for.
        name: String,
    },
    /// A problem at a place of the template file.
    #[error("template {template}: line {line}, column {column} ({field}): {message}")]
    At {
        /// `template_syntax`, `template_forbidden`, `template_undefined`, `template_render`.
        code: ErrorCode,
        /// Template name (or file).
        template: String,
        /// The draft field whose tera string holds the problem, or `toml`.
        field: String,
        /// 1-based line in the template file.
        line: usize,
        /// 1-based column (characters).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A problem with the file's metadata.
    #[error("template {template}: {message}")]
    Format {
        /// Template name (or file).
        template: String,
        /// What is wrong.
        message: String,
    },
    /// A built-in cannot be replaced.
    #[error(
        "template {name}: a built-in template cannot be overwritten; save it under another name"
    )]
    Builtin {
        /// The name.
        name: String,
    },
    /// A user template of that name exists.
    #[error("template {name}: already exists (pass --replace to overwrite it)")]
    Exists {
        /// The name.
        name: String,
    },
    /// Filling the template needed more work or output than its budget.
    #[error("template {template} ({field}): {message}; the template is refused")]
    Budget {
        /// Template name.
        template: String,
        /// The draft field being rendered.
        field: String,
        /// What went over.
        message: String,
    },
    /// The name is not a valid template name.
    #[error(
        "template name \"{name}\": use 1 to 64 lower-case ASCII letters, digits and inner hyphens"
    )]
    BadName {
        /// The name.
        name: String,
    },
}

impl TemplateError {
    /// A stable machine-readable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            TemplateError::NotFound { .. } => ErrorCode::TemplateNotFound,
            TemplateError::At { code, .. } => *code,
            TemplateError::Format { .. } => ErrorCode::TemplateFormat,
            TemplateError::Builtin { .. } => ErrorCode::TemplateBuiltin,
            TemplateError::Exists { .. } => ErrorCode::TemplateExists,
            TemplateError::BadName { .. } => ErrorCode::TemplateName,
            TemplateError::Budget { .. } => ErrorCode::TemplateBudget,
        }
    }
}

impl From<TemplateError> for crate::Error {
    fn from(e: TemplateError) -> Self {
        crate::Error::Other {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// Every template: the built-ins, then the user's (from the default store).
pub fn list() -> crate::Result<Vec<TemplateInfo>> {
    Store::default_location()?.list()
}

/// A template by name, from the built-ins or the default store.
pub fn get(name: &str) -> crate::Result<Template> {
    Store::default_location()?.get(name)
}

/// Saves a draft as a user template in the default store (see [`Store::save_from_draft`]).
pub fn save_from_draft(
    draft: &crate::draft::DraftFile,
    name: &str,
    title: Option<&str>,
    marked: &[String],
    replace: bool,
) -> crate::Result<Template> {
    Store::default_location()?.save_from_draft(draft, name, title, marked, replace)
}

/// Imports a template file into the default store.
pub fn import(path: &std::path::Path, replace: bool) -> crate::Result<Template> {
    Store::default_location()?.import(path, replace)
}

/// Exports a template (built-in or saved) to one file.
pub fn export(name: &str, to: &std::path::Path) -> crate::Result<()> {
    Store::default_location()?.export(name, to)
}
