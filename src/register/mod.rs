//! The register of outgoing documents (sổ đăng ký văn bản đi), kept in SQLite (a file, the
//! default) or on an office's PostgreSQL server (`postgres://…`), chosen by its location.
//!
//! Numbers are given the way the rule set of the register says (its `[numbering]`: per
//! calendar year from 01, or per committee term, one common sequence or one per type), with a
//! separate register for văn bản mật. Every number is taken inside a transaction that holds
//! the register's write lock (see [`db`]) and guarded by unique constraints, so two
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

mod check;
pub mod db;
mod drafts;
mod entries;
mod error;
mod export;
mod fold;
pub mod labels;
mod migrate;
mod model;
mod search;
mod sequences;
pub mod server;
mod stored;

/// The SQLite schema (migrations and latest version), as it always was.
pub mod schema {
    pub use super::db::sqlite::{migrations, LATEST};
    pub use super::stored::search_text;
}

pub use crate::rules::Period;
pub use check::CheckReport;
pub use db::sqlite::backup::{restore_path, LostEntry, NextNumber, RestoreReport};
pub use drafts::{NumberRequest, Numbered};
pub use error::{RegisterError, Result};
pub use export::{ExportFormat, ExportSpec, COLUMNS};
pub use fold::{fold, fts_query, words};
pub use model::{
    AuditRecord, Correction, Entry, EntryDetail, EntryStatus, EntrySummary, FileInfo, IssueOptions,
    NewRegister, Page, RegisterInfo, Reservation, Term,
};
pub use search::{Query, Sort};

pub use db::Location;
pub use migrate::MigrationReport;

use db::{Db, DbError};
use std::path::{Path, PathBuf};

/// Environment variable naming the database: a file path or a `postgres://` address.
pub const ENV_DB: &str = "VANTHU_DB";

/// An open register database.
pub struct Register {
    db: Db,
    location: Location,
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

/// The database to use: the given path (or `postgres://` address), else `VANTHU_DB`, else
/// [`default_path`].
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
    /// Opens a register: a file path (SQLite, created and migrated when needed) or a
    /// `postgres://` address (the schema created on an empty database).
    pub fn open(path: &Path) -> Result<Self> {
        let location = Location::parse(path)?;
        let db = match &location {
            Location::File(p) => Db::sqlite(db::sqlite::open(p)?),
            Location::Postgres(t) => Db::pg(db::postgres::Conn::open(t)?),
        };
        Ok(Register {
            db,
            path: PathBuf::from(location.display()),
            location,
        })
    }

    /// Opens an existing register (for reading commands): a path where there is no file is
    /// an error, and neither the file nor its folders are created.
    pub fn open_existing(path: &Path) -> Result<Self> {
        if let Location::File(_) = Location::parse(path)? {
            db::sqlite::check_is_file(path)?;
            if !path.exists() && !path.to_string_lossy().starts_with("file:") {
                return Err(RegisterError::NoDatabase {
                    path: path.to_path_buf(),
                });
            }
        }
        Self::open(path)
    }

    /// Opens the default database (see [`resolve_path`]).
    pub fn open_default() -> Result<Self> {
        Self::open(&resolve_path(None)?)
    }

    /// The database file, or the server's address without its password.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the register is kept.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The database (for tests and tools).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The SQLite connection, when the register is a file (for tests and tools).
    pub fn connection(&self) -> Option<&rusqlite::Connection> {
        self.db.sqlite_connection()
    }

    /// Whether the register is kept on a server.
    pub fn is_server(&self) -> bool {
        matches!(self.location, Location::Postgres(_))
    }

    /// Refuses an output file that is the open database (or its WAL or shared-memory file).
    pub fn guard_output(&self, flag: &str, out: &Path) -> Result<()> {
        if self.is_server() {
            return Ok(());
        }
        let files = crate::write::database_files(&self.path);
        let inputs: Vec<(&str, &Path)> = files
            .iter()
            .map(|f| ("the open register database", f.as_path()))
            .collect();
        crate::write::guard_output(flag, out, &inputs)?;
        Ok(())
    }

    /// On a server: creates (again) the clerk and drafter roles with their grants, when this
    /// connection's role may; `Some(false)` when it may not (an administrator runs
    /// `vanthu register init` once as a superuser), `None` for a file.
    pub fn ensure_roles(&self) -> Result<Option<bool>> {
        let Some(pg) = self.db.pg_conn() else {
            return Ok(None);
        };
        if !pg.may_create_roles()? {
            return Ok(Some(false));
        }
        pg.create_roles()?;
        Ok(Some(true))
    }

    /// The SQLite file, or a clear refusal naming what a server offers instead.
    fn sqlite_only(&self, what: &str) -> Result<&rusqlite::Connection> {
        self.db.sqlite_connection().ok_or_else(|| {
            RegisterError::NotSupported(format!(
                "{what} works on a register file; a register on a server is backed up and restored with the server's own tools (pg_dump, pg_restore)"
            ))
        })
    }

    fn classify(&self, e: DbError) -> RegisterError {
        db::sqlite::classify_db(&self.path, e)
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

/// The name [`set_actor`] gave, recorded in the audit trail instead of the login name.
static ACTOR: std::sync::RwLock<Option<String>> = std::sync::RwLock::new(None);

/// Names the person the audit trail records from now on (the app's "Người dùng"); an empty
/// or `None` name goes back to the login name.
pub fn set_actor(name: Option<&str>) {
    let name = name.map(str::trim).filter(|n| !n.is_empty()).map(nfc);
    if let Ok(mut a) = ACTOR.write() {
        *a = name;
    }
}

/// The user the audit trail names: the one [`set_actor`] gave, else the login name.
fn actor() -> String {
    if let Some(name) = ACTOR.read().ok().and_then(|a| a.clone()) {
        return name;
    }
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
