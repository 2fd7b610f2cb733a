//! The draft file (`vanthu/draft@1`): its wire form, its validated form, and how to read it.

mod file;
mod model;
mod validate;

pub use crate::regime::{Authority, Regime, Secrecy, Urgency};
pub use file::{DraftFile, IssuerFile, SignerFile};
pub use model::{Draft, Issuer, Signer, Status};
pub(crate) use validate::parse_date;
pub use validate::{validate, Limits, LIMITS};

use crate::error::Result;
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
