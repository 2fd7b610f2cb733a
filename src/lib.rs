//! Văn Thư core: Vietnamese official documents drafted, checked, laid out and rendered.
//!
//! The pipeline: [`draft`] (read and validate `vanthu/draft@1`) → [`rules`] (the regime's
//! rule set, as data) → [`layout`] (one document model) → [`render`] (DOCX, HTML preview).

pub mod chars;
#[cfg(feature = "cli")]
pub mod cli;
pub mod dates;
pub mod draft;
pub mod error;
pub mod layout;
pub mod lint;
pub mod markup;
pub mod preview;
pub mod profile;
pub mod regime;
pub mod register;
pub mod render;
pub mod rules;
pub mod skeleton;
pub mod symbol;
pub mod templates;
pub mod typeset;
pub mod write;

pub use draft::Draft;
pub use error::{Error, ErrorCode, FieldError, Result};
pub use regime::Regime;

/// Renders a validated draft to DOCX bytes with the rule set in force on its date.
pub fn render_docx(draft: &Draft) -> Result<Vec<u8>> {
    let doc = layout::build(draft)?;
    render::docx::to_bytes(&doc)
}

/// Renders a validated draft to a PDF/A-2b typeset natively (no LibreOffice), with its
/// regime's default rule set.
pub fn render_pdf(draft: &Draft) -> Result<render::pdf::Pdf> {
    let doc = layout::build(draft)?;
    render::pdf::to_pdf(&doc, &render::pdf::Meta::of(draft, &doc))
}
