//! Backup (`VACUUM INTO`, a consistent snapshot), restore (SQLite online backup) and the
//! integrity check.

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use super::error::{RegisterError, Result};
use super::schema::{self, LATEST};
use super::Register;

/// The result of `check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Whether everything is fine.
    pub ok: bool,
    /// `PRAGMA integrity_check` (`ok` when sound).
    pub integrity: Vec<String>,
    /// `PRAGMA foreign_key_check` violations.
    pub foreign_keys: Vec<String>,
    /// Whether the search index matches the entries.
    pub search_index: bool,
    /// Sequences with a doubled number or a gap.
    pub sequences: Vec<String>,
    /// Registers in the database.
    pub registers: u64,
    /// Entries in the database.
    pub entries: u64,
    /// Schema version.
    pub schema: i64,
}

fn sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%3f");
    path.with_file_name(format!(".{name}.{tag}-{}-{stamp}.tmp", std::process::id()))
}

/// Checks that a file is a sound register database; returns its schema version.
fn verify_file(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| schema::classify(path, e))?;
    let c = |e| schema::classify(path, e);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(c)?;
    if integrity != "ok" {
        return Err(RegisterError::Corrupt {
            path: path.to_path_buf(),
            message: integrity,
        });
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(c)?;
    let has_registers: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'registers'",
            [],
            |r| r.get(0),
        )
        .map_err(c)?;
    if version < 1 || !has_registers {
        return Err(RegisterError::NotARegister {
            path: path.to_path_buf(),
        });
    }
    if version > LATEST {
        return Err(RegisterError::SchemaTooNew {
            path: path.to_path_buf(),
            found: version,
            known: LATEST,
        });
    }
    Ok(version)
}

impl Register {
    /// Writes a consistent, compacted copy of the database to `dest` (replacing it atomically).
    pub fn backup(&self, dest: &Path) -> Result<()> {
        let tmp = sibling(dest, "backup");
        let result = (|| {
            self.conn
                .execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])
                .map_err(|e| self.classify(e))?;
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| RegisterError::io(&tmp, e))?;
            std::fs::rename(&tmp, dest).map_err(|e| RegisterError::io(dest, e))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Replaces the database with a backup, after checking that the backup is a sound register.
    /// The current database is first saved next to it; that copy's path is returned.
    pub fn restore(&mut self, src: &Path) -> Result<PathBuf> {
        if !src.exists() {
            return Err(RegisterError::io(
                src,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            ));
        }
        verify_file(src)?;
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "register.sqlite".into());
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        let safety = self
            .path
            .with_file_name(format!("{name}.before-restore-{stamp}.sqlite"));
        self.backup(&safety)?;
        let path = self.path.clone();
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                src,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| schema::classify(&path, e))?;
        schema::upgrade(&mut self.conn, &path)?;
        Ok(safety)
    }

    /// Checks the database: SQLite integrity, foreign keys, the search index, and that every
    /// sequence holds each number from 01 to its last exactly once.
    pub fn check(&self) -> Result<CheckReport> {
        let c = |e| self.classify(e);
        let mut st = self.conn.prepare("PRAGMA integrity_check").map_err(c)?;
        let integrity = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(c)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(c)?;
        let mut st = self.conn.prepare("PRAGMA foreign_key_check").map_err(c)?;
        let foreign_keys = st
            .query_map([], |r| {
                Ok(format!(
                    "{} row {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?
                ))
            })
            .map_err(c)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(c)?;
        let search_index = self
            .conn
            .execute(
                "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .is_ok();
        let mut st = self
            .conn
            .prepare(
                "SELECT r.code, s.period, s.kind, s.last_number, count(e.id), count(DISTINCT e.number), \
                 coalesce(min(e.number), 0), coalesce(max(e.number), 0) \
                 FROM sequences s JOIN registers r ON r.id = s.register_id \
                 LEFT JOIN entries e ON e.sequence_id = s.id GROUP BY s.id ORDER BY s.id",
            )
            .map_err(c)?;
        let sequences = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, i64>(7)?,
                ))
            })
            .map_err(c)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(c)?
            .into_iter()
            .filter(|&(_, _, _, last, n, distinct, min, max)| {
                !(n == last && distinct == n && (n == 0 || (min == 1 && max == last)))
            })
            .map(|(code, period, kind, last, n, distinct, _, max)| {
                let kind = if kind.is_empty() { "all types".to_string() } else { kind };
                format!(
                    "register {code}, period {period}, {kind}: last number {last}, {n} entries ({distinct} distinct numbers, highest {max})"
                )
            })
            .collect::<Vec<_>>();
        let registers: i64 = self
            .conn
            .query_row("SELECT count(*) FROM registers", [], |r| r.get(0))?;
        let entries: i64 = self
            .conn
            .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
        let schema: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let ok =
            integrity == ["ok"] && foreign_keys.is_empty() && search_index && sequences.is_empty();
        Ok(CheckReport {
            ok,
            integrity,
            foreign_keys,
            search_index,
            sequences,
            registers: registers as u64,
            entries: entries as u64,
            schema,
        })
    }
}
