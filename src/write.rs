//! Atomic file writing (a temporary file in the same folder, then a rename) and the guards
//! on output paths: never onto an input, never with the wrong extension.

use crate::error::{Error, ErrorCode, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one.
///
/// The temporary file is created like any new file (mode `0666` less the umask, not `0600`),
/// and a read-only file at `path` is refused rather than replaced.
pub fn atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(m) = std::fs::metadata(path) {
        if m.is_dir() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder, not a file"),
            ));
        }
        if m.permissions().readonly() {
            return Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "the file is read-only; it is not replaced",
                ),
            ));
        }
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vanthu-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Masked by the umask when the file is created, as any new file is.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Refuses an output file that is one of the command's inputs (`inputs`: a name for the
/// message and the path), so that `render cv.json -o cv.json` cannot destroy the draft.
pub fn guard_output(flag: &str, out: &Path, inputs: &[(&str, &Path)]) -> Result<()> {
    Inputs::new(inputs).guard(flag, out)
}

/// The identities of a command's input files, taken once, so that a batch of a thousand
/// outputs is checked against a thousand inputs in linear time.
pub struct Inputs<'a> {
    by_path: std::collections::HashMap<PathBuf, (&'a str, &'a Path)>,
    #[cfg(unix)]
    by_inode: std::collections::HashMap<(u64, u64), (&'a str, &'a Path)>,
}

impl<'a> Inputs<'a> {
    /// The inputs that exist (one that does not cannot be overwritten by accident).
    pub fn new(inputs: &[(&'a str, &'a Path)]) -> Inputs<'a> {
        let mut set = Inputs {
            by_path: std::collections::HashMap::new(),
            #[cfg(unix)]
            by_inode: std::collections::HashMap::new(),
        };
        for &(what, path) in inputs {
            #[cfg(unix)]
            if let Ok(m) = std::fs::metadata(path) {
                use std::os::unix::fs::MetadataExt;
                set.by_inode
                    .entry((m.dev(), m.ino()))
                    .or_insert((what, path));
            }
            if let Ok(c) = std::fs::canonicalize(path) {
                set.by_path.entry(c).or_insert((what, path));
            }
        }
        set
    }

    /// Refuses `out` when it is one of the inputs (the same file, by any name).
    pub fn guard(&self, flag: &str, out: &Path) -> Result<()> {
        let Ok(meta) = std::fs::metadata(out) else {
            return Ok(());
        };
        #[cfg(unix)]
        let same_inode = {
            use std::os::unix::fs::MetadataExt;
            self.by_inode.get(&(meta.dev(), meta.ino()))
        };
        #[cfg(not(unix))]
        let same_inode: Option<&(&str, &Path)> = {
            let _ = meta;
            None
        };
        let hit = same_inode.or_else(|| {
            std::fs::canonicalize(out)
                .ok()
                .and_then(|c| self.by_path.get(&c))
        });
        match hit {
            Some((what, input)) => Err(Error::Other {
                code: ErrorCode::OutputIsInput,
                message: format!(
                    "{flag}: {} is {what} ({}); writing there would destroy it: choose another file",
                    out.display(),
                    input.display()
                ),
            }),
            None => Ok(()),
        }
    }
}

/// The files of an SQLite database: the file first, then its WAL, shared-memory and rollback
/// journal files (as inputs for [`guard_output`], or to move or remove them together).
pub fn database_files(db: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            PathBuf::from(p)
        })
        .collect()
}

/// Refuses an output file whose extension is not one of `allowed` (case ignored), so that a
/// DOCX is never written as `x.txt`.
pub fn check_extension(flag: &str, out: &Path, allowed: &[&str]) -> Result<()> {
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("");
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(ext)) {
        return Ok(());
    }
    let want = allowed
        .iter()
        .map(|a| format!(".{a}"))
        .collect::<Vec<_>>()
        .join(" or ");
    let found = if ext.is_empty() {
        "has no extension".to_string()
    } else {
        format!("ends in .{ext}")
    };
    Err(Error::Other {
        code: ErrorCode::WrongExtension,
        message: format!(
            "{flag}: {} {found}, but the file written is {want}",
            out.display()
        ),
    })
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

    /// An input is found by any of its names (another spelling of the path, a hard link); an
    /// output that does not exist yet, or another file, passes.
    #[test]
    fn inputs_are_known_by_any_name() {
        let dir = tempfile::tempdir().expect("tmp");
        let draft = dir.path().join("cv.json");
        std::fs::write(&draft, "{}").expect("write");
        let other = dir.path().join("other.docx");
        std::fs::write(&other, "x").expect("write");
        let inputs = [("a draft", draft.as_path())];
        let set = Inputs::new(&inputs);
        assert!(set.guard("--output", &draft).is_err());
        let spelled = dir.path().join(".").join("cv.json");
        let e = set.guard("--output", &spelled).expect_err("same file");
        assert!(e.to_string().contains("is a draft"), "{e}");
        #[cfg(unix)]
        {
            let linked = dir.path().join("linked.json");
            std::fs::hard_link(&draft, &linked).expect("link");
            assert!(set.guard("--output", &linked).is_err());
        }
        assert!(set.guard("--output", &other).is_ok());
        assert!(set.guard("--output", &dir.path().join("new.docx")).is_ok());
    }

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
