//! The draft file (`vanthu/draft@1`): its wire form, its validated form, and how to read it.

mod file;
mod model;
pub mod names;
mod validate;

pub use crate::regime::{Authority, Regime, Secrecy, Urgency};
pub use file::{DraftFile, IssuerFile, SignerFile};
pub use model::{Draft, Issuer, Signer, Status};
pub use validate::{forbidden_char, validate, validate_for, validate_with, Limits, LIMITS};

use crate::error::{Error, ErrorCode, Result};
use crate::rules::RuleSet;
use std::path::Path;

/// The value of the `format` field this version reads and writes.
pub const FORMAT: &str = "vanthu/draft@1";

/// Parses and validates a draft from JSON text.
pub fn from_json(text: &str) -> Result<Draft> {
    let file = DraftFile::from_json(text)?;
    validate(&file)
}

/// Parses and validates a draft from bytes (refusing files over the size limit and invalid UTF-8).
pub fn from_bytes(bytes: &[u8]) -> Result<Draft> {
    let text = file::text_of(bytes)?;
    from_json(text)
}

/// Reads, parses and validates a draft file.
pub fn load(path: &Path) -> Result<Draft> {
    let bytes = file::read_limited(path)?;
    from_bytes(&bytes)
}

/// Reads and validates a draft file against the rule set it follows (`explicit`, or the one
/// in force on its date).
pub fn load_with(path: &Path, explicit: Option<&str>) -> Result<(Draft, &'static RuleSet)> {
    validate_for(&read(path)?, explicit)
}

/// Reads a draft file without validating its content (the app's form shows what is wrong):
/// the size limit, UTF-8, a byte-order mark, the JSON shape and the `format` field are checked.
pub fn read(path: &Path) -> Result<DraftFile> {
    let bytes = file::read_limited(path)?;
    let file = DraftFile::from_json(file::text_of(&bytes)?)?;
    if file.format.as_deref() != Some(FORMAT) {
        return Err(Error::Other {
            code: ErrorCode::NotADraft,
            message: format!("{}: not a Văn Thư draft (format {FORMAT})", path.display()),
        });
    }
    Ok(file)
}
