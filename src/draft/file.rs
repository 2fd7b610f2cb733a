//! The draft as it is stored on disk: every field optional, unknown fields refused.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

use super::validate::LIMITS;

/// The issuing body as written in the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuerFile {
    /// Governing body (cơ quan chủ quản).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Issuing body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its abbreviation in the symbol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A signature as written in the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignerFile {
    /// `TM`, `KT`, `TL`, `TUQ`, `Q` or null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// The collective or head signed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// The signer's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The signer's full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The draft file exactly as `docs/spec/draft.md` describes it, before validation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<IssuerFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub number: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub year: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circulation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<SignerFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub copies: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_line: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countersigner: Option<SignerFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl DraftFile {
    /// Parses JSON text into the wire form, naming the path of any type error,
    /// and normalises every text to NFC.
    pub fn from_json(text: &str) -> Result<Self> {
        if text.len() as u64 > LIMITS.file_bytes {
            return Err(Error::TooLarge {
                field: "file".into(),
                size: text.len() as u64,
                limit: LIMITS.file_bytes,
            });
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        let mut file: DraftFile = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let field = if path.is_empty() || path == "." {
                ".".to_string()
            } else {
                path
            };
            let message = if inner.is_eof() {
                "truncated JSON: the file ends too early".to_string()
            } else if inner.is_syntax() {
                format!("not valid JSON ({inner})")
            } else {
                inner.to_string()
            };
            Error::Parse { field, message }
        })?;
        file.normalize();
        Ok(file)
    }

    /// Serialises the draft as pretty JSON in the file's field order.
    pub fn to_json(&self) -> String {
        // Serialising plain strings, numbers and lists cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Normalises every text of the draft to Unicode NFC, with the characters Word and web
    /// pages paste cleaned up ([`crate::chars::clean_pasted`]).
    pub fn normalize(&mut self) {
        fn opt(s: &mut Option<String>) {
            if let Some(v) = s {
                *v = crate::chars::normalise(v);
            }
        }
        fn list(v: &mut [String]) {
            for s in v {
                *s = crate::chars::normalise(s);
            }
        }
        fn signer(s: &mut Option<SignerFile>) {
            if let Some(s) = s {
                opt(&mut s.authority);
                opt(&mut s.on_behalf_of);
                opt(&mut s.title);
                opt(&mut s.name);
            }
        }
        opt(&mut self.format);
        opt(&mut self.regime);
        opt(&mut self.kind);
        if let Some(i) = &mut self.issuer {
            opt(&mut i.parent);
            opt(&mut i.name);
            opt(&mut i.code);
        }
        opt(&mut self.unit_code);
        opt(&mut self.place);
        opt(&mut self.date);
        opt(&mut self.urgency);
        opt(&mut self.secrecy);
        opt(&mut self.circulation);
        opt(&mut self.subject);
        list(&mut self.recipients);
        opt(&mut self.body);
        signer(&mut self.signer);
        list(&mut self.cc);
        opt(&mut self.archive);
        opt(&mut self.drafter);
        list(&mut self.attachments);
        opt(&mut self.authority_line);
        list(&mut self.bases);
        opt(&mut self.proposal);
        signer(&mut self.countersigner);
        opt(&mut self.status);
    }
}

/// Checks the size limit and UTF-8 of raw bytes.
pub(crate) fn text_of(bytes: &[u8]) -> Result<&str> {
    if bytes.len() as u64 > LIMITS.file_bytes {
        return Err(Error::TooLarge {
            field: "file".into(),
            size: bytes.len() as u64,
            limit: LIMITS.file_bytes,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| Error::Parse {
        field: ".".into(),
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ),
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads a file, refusing it before reading it whole if it is over the size limit.
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = f.metadata().map_err(|e| Error::io(path, e))?.len();
    if len > LIMITS.file_bytes {
        return Err(Error::TooLarge {
            field: "file".into(),
            size: len,
            limit: LIMITS.file_bytes,
        });
    }
    let mut buf = Vec::with_capacity(len as usize);
    f.take(LIMITS.file_bytes + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(path, e))?;
    if buf.len() as u64 > LIMITS.file_bytes {
        return Err(Error::TooLarge {
            field: "file".into(),
            size: buf.len() as u64,
            limit: LIMITS.file_bytes,
        });
    }
    Ok(buf)
}
