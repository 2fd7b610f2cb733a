//! The register of outgoing documents (sổ đăng ký văn bản đi), kept in SQLite.
//!
//! Numbers are given the way the rule set of the register says (its `[numbering]`: per
//! calendar year from 01, or per committee term, one common sequence or one per type), with a
//! separate register for văn bản mật. Every number is taken
//! inside a `BEGIN IMMEDIATE` transaction and guarded by unique constraints, so two
//! processes writing at once never double a number nor leave a silent gap; a cancelled
//! number stays in the register and is never reused.
//!
//! ```no_run
//! use vanthu::register::{Register, Reservation};
//! let mut reg = Register::open("register.sqlite".as_ref())?;
//! let entry = reg.reserve(None, &Reservation { kind: "cong-van".into(), ..Default::default() })?;
//! println!("{} {}", entry.number, entry.symbol);
//! # Ok::<(), vanthu::register::RegisterError>(())
//! ```

mod backup;
mod drafts;
mod entries;
mod error;
mod export;
mod fold;
pub mod labels;
mod model;
pub mod schema;
mod search;
mod sequences;

pub use crate::rules::Period;
pub use backup::{restore_path, CheckReport, LostEntry, NextNumber, RestoreReport};
pub use drafts::{NumberRequest, Numbered};
pub use error::{RegisterError, Result};
pub use export::{ExportFormat, ExportSpec, COLUMNS};
pub use fold::{fold, fts_query, words};
pub use model::{
    AuditRecord, Correction, Entry, EntryDetail, EntryStatus, EntrySummary, FileInfo, IssueOptions,
    NewRegister, Page, RegisterInfo, Reservation, Term,
};
pub use search::{Query, Sort};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Environment variable naming the database file.
pub const ENV_DB: &str = "VANTHU_DB";

/// An open register database.
pub struct Register {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register")
            .field("path", &self.path)
            .finish()
    }
}

/// The default database file: `register.sqlite` in the user's data directory
/// (`~/.local/share/vanthu` on Linux, `%APPDATA%\vanthu\vanthu\data` on Windows).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "vanthu", "vanthu")
        .map(|d| d.data_dir().join("register.sqlite"))
}

/// The database to use: the given path, else `VANTHU_DB`, else [`default_path`].
pub fn resolve_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(ENV_DB).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default_path().ok_or_else(|| {
        RegisterError::invalid(
            "--db",
            "no home directory to keep the register in; pass --db PATH",
        )
    })
}

impl Register {
    /// Opens a register database, creating it and migrating its schema when needed.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = schema::open(path)?;
        Ok(Register {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing register database (for reading commands): a path where there is no
    /// file is an error, and neither the file nor its folders are created.
    pub fn open_existing(path: &Path) -> Result<Self> {
        schema::check_is_file(path)?;
        if !path.exists() && !path.to_string_lossy().starts_with("file:") {
            return Err(RegisterError::NoDatabase {
                path: path.to_path_buf(),
            });
        }
        Self::open(path)
    }

    /// Opens the default database (see [`resolve_path`]).
    pub fn open_default() -> Result<Self> {
        Self::open(&resolve_path(None)?)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection (for tests and tools).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Refuses an output file that is the open database (or its WAL or shared-memory file).
    pub fn guard_output(&self, flag: &str, out: &Path) -> Result<()> {
        let files = crate::write::database_files(&self.path);
        let inputs: Vec<(&str, &Path)> = files
            .iter()
            .map(|f| ("the open register database", f.as_path()))
            .collect();
        crate::write::guard_output(flag, out, &inputs)?;
        Ok(())
    }

    fn classify(&self, e: rusqlite::Error) -> RegisterError {
        schema::classify(&self.path, e)
    }
}

/// Now, as RFC 3339 in UTC.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Today in local time.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The user the audit trail names.
fn actor() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "?".to_string())
}

/// Refuses a register field holding a character no document can carry (the printable
/// register is a DOCX), naming the field.
fn check_chars(field: &str, s: &str) -> Result<()> {
    match crate::draft::forbidden_char(field, s) {
        Some(e) => Err(RegisterError::Draft(crate::Error::Other {
            code: e.code,
            message: e.to_string(),
        })),
        None => Ok(()),
    }
}

/// The NFC form of a text, with what Word and web pages paste cleaned up (every text stored
/// is NFC).
fn nfc(s: &str) -> String {
    crate::chars::normalise(s)
}
