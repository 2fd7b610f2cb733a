//! Atomic file writing: a temporary file in the same folder, then a rename.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one.
pub fn atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".vanthu-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// A file name legal on Windows, macOS and Linux made from a text such as a symbol
/// (`05/SVHTTDL-QLVHGĐ` → `05-SVHTTDL-QLVHGĐ`): `/ \ : * ? " < > |` and control characters
/// become `-`, trailing dots and spaces go, and a name Windows reserves (`CON`, `NUL`, `COM1`…)
/// gets a `_` in front. An empty result is `van-ban`.
pub fn file_stem(text: &str) -> String {
    let mut s: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '-'
            } else {
                c
            }
        })
        .collect();
    while s.ends_with(['.', ' ']) {
        s.pop();
    }
    if s.is_empty() {
        return "van-ban".to_string();
    }
    let base = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (base.len() == 4
            && (base.starts_with("COM") || base.starts_with("LPT"))
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        s.insert(0, '_');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_legal_everywhere() {
        assert_eq!(file_stem("05/SVHTTDL-QLVHGĐ"), "05-SVHTTDL-QLVHGĐ");
        assert_eq!(file_stem("175-KH/TU"), "175-KH-TU");
        assert_eq!(file_stem(r#"a:b*c?d"e<f>g|h\i"#), "a-b-c-d-e-f-g-h-i");
        assert_eq!(file_stem("Số 5. "), "Số 5");
        assert_eq!(file_stem("con"), "_con");
        assert_eq!(file_stem("COM1.docx"), "_COM1.docx");
        assert_eq!(file_stem("  "), "van-ban");
    }
}
