//! A register file's backup (`VACUUM INTO`, a consistent snapshot), restore (one write
//! transaction from the safety copy to the switch; numbering never rewinds) and SQLite's own
//! integrity checks. A server is backed up with its own tools.

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use super as schema;
use super::LATEST;
use crate::register::db::DATA_TABLES;
use crate::register::error::{RegisterError, Result};
use crate::register::Register;

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

/// An entry of the current database that the restored backup does not have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LostEntry {
    /// Register code.
    pub register: String,
    /// Its number.
    pub number: i64,
    /// Số, ký hiệu.
    pub symbol: String,
    /// Its date (ISO).
    pub date: String,
    /// `issued`, `reserved` or `cancelled`.
    pub status: String,
    /// Trích yếu.
    pub subject: String,
}

/// A sequence's next number after a restore.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextNumber {
    /// Register code.
    pub register: String,
    /// Period (`2025`, `term:1`).
    pub period: String,
    /// Type key (empty for a common sequence).
    pub kind: String,
    /// The number the next reservation or issue gets.
    pub next: i64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestoreReport {
    /// The copy of the database as it was before the restore.
    pub safety: PathBuf,
    /// Entries of the previous database the backup lacks: register them again.
    pub lost: Vec<LostEntry>,
    /// Whether the previous database was damaged (its entries could not be compared).
    pub damaged: bool,
    /// The next number of each sequence (above every number ever handed out).
    pub continues: Vec<NextNumber>,
}

/// `<db>.before-restore-<stamp>.sqlite` next to the database.
fn safety_path(db: &Path) -> PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "register.sqlite".into());
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%3f");
    db.with_file_name(format!("{name}.before-restore-{stamp}.sqlite"))
}

/// Removes a database file and its journal files, ignoring errors.
fn remove_db_file(path: &Path) {
    for p in crate::write::database_files(path) {
        let _ = std::fs::remove_file(p);
    }
}

/// Records in `main.number_marks` the last number of every sequence of the database `{db}`.
const MARKS_OF_SEQUENCES: &str =
    "INSERT INTO main.number_marks (register_code, period, kind, last_number) \
     SELECT r.code, s.period, s.kind, s.last_number FROM {db}.sequences s \
     JOIN {db}.registers r ON r.id = s.register_id WHERE true \
     ON CONFLICT (register_code, period, kind) \
     DO UPDATE SET last_number = max(last_number, excluded.last_number)";

/// Takes into `main.number_marks` the marks the database `{db}` kept.
const MARKS_OF_MARKS: &str =
    "INSERT INTO main.number_marks SELECT * FROM {db}.number_marks WHERE true \
     ON CONFLICT (register_code, period, kind) \
     DO UPDATE SET last_number = max(last_number, excluded.last_number)";

/// Raises every sequence of `main` to its mark, creating the ones the data lacks.
const RAISE_TO_MARKS: &str = "INSERT INTO main.sequences (register_id, period, kind, last_number) \
     SELECT r.id, m.period, m.kind, m.last_number FROM main.number_marks m \
     JOIN main.registers r ON r.code = m.register_code WHERE true \
     ON CONFLICT (register_id, period, kind) \
     DO UPDATE SET last_number = max(last_number, excluded.last_number)";

/// Copies a verified backup to `dest` and brings its schema up to date there (the backup
/// itself is only read).
fn prepare_copy(src: &Path, dest: &Path) -> Result<()> {
    let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| schema::classify(src, e))?;
    from.backup(rusqlite::MAIN_DB, dest, None)
        .map_err(|e| schema::classify(src, e))?;
    drop(from);
    let mut conn = Connection::open(dest).map_err(|e| schema::classify(dest, e))?;
    schema::upgrade(&mut conn, dest)?;
    Ok(())
}

/// Writes a copy of the database at `db` to `dest` through a second, reading connection:
/// in WAL mode it reads the last committed state while the restore's connection holds the
/// write lock (a backup through the writing connection itself is refused by SQLite).
fn safety_copy(db: &Path, dest: &Path) -> rusqlite::Result<()> {
    let reader = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    reader.busy_timeout(std::time::Duration::from_secs(60))?;
    reader.execute("VACUUM INTO ?1", [dest.to_string_lossy().as_ref()])?;
    drop(reader);
    std::fs::File::open(dest)
        .and_then(|f| f.sync_all())
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// The key of an entry across two databases: register code, period, type key, number.
const ENTRY_KEY: &str = "SELECT r.code, s.period, s.kind, e.number, e.status FROM {db}.entries e \
     JOIN {db}.sequences s ON s.id = e.sequence_id JOIN {db}.registers r ON r.id = e.register_id";

/// Entries of `main` that `incoming` lacks: issued ones not issued there, others absent.
fn lost_entries(conn: &Connection) -> rusqlite::Result<Vec<LostEntry>> {
    let incoming = ENTRY_KEY.replace("{db}", "incoming");
    let sql = format!(
        "SELECT r.code, e.number, e.symbol, e.date, e.status, e.subject FROM main.entries e \
         JOIN main.sequences s ON s.id = e.sequence_id JOIN main.registers r ON r.id = e.register_id \
         WHERE NOT EXISTS (SELECT 1 FROM ({incoming}) i WHERE i.code = r.code AND i.period = s.period \
           AND i.kind = s.kind AND i.number = e.number \
           AND (e.status <> 'issued' OR i.status = 'issued')) \
         ORDER BY r.code, s.period, s.kind, e.number"
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map([], |r| {
        Ok(LostEntry {
            register: r.get(0)?,
            number: r.get(1)?,
            symbol: r.get(2)?,
            date: r.get(3)?,
            status: r.get(4)?,
            subject: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// Inside the restore's transaction: records the high-water marks of `main` and `incoming`,
/// replaces `main`'s data with `incoming`'s, rebuilds the search index and raises every
/// sequence to its mark.
fn switch_data(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&MARKS_OF_SEQUENCES.replace("{db}", "main"))?;
    conn.execute_batch(&MARKS_OF_SEQUENCES.replace("{db}", "incoming"))?;
    conn.execute_batch(&MARKS_OF_MARKS.replace("{db}", "incoming"))?;
    // The guards against deleting entries stop the switch too: lift them inside the
    // transaction and put them back before it commits.
    let triggers: Vec<(String, String)> = {
        let mut st = conn.prepare(
            "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, _) in &triggers {
        conn.execute_batch(&format!(
            "DROP TRIGGER main.\"{}\"",
            name.replace('"', "\"\"")
        ))?;
    }
    for t in DATA_TABLES.iter().rev() {
        conn.execute_batch(&format!("DELETE FROM main.{t}"))?;
    }
    for t in DATA_TABLES {
        conn.execute_batch(&format!("INSERT INTO main.{t} SELECT * FROM incoming.{t}"))?;
    }
    conn.execute_batch("INSERT INTO main.entries_fts (entries_fts) VALUES ('rebuild')")?;
    for (_, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    conn.execute_batch(RAISE_TO_MARKS)
}

/// The next number of every sequence of `main`.
fn continuing_numbers(conn: &Connection) -> rusqlite::Result<Vec<NextNumber>> {
    let mut st = conn.prepare(
        "SELECT r.code, s.period, s.kind, s.last_number + 1 FROM main.sequences s \
         JOIN main.registers r ON r.id = s.register_id ORDER BY r.code, s.period, s.kind",
    )?;
    let rows = st.query_map([], |r| {
        Ok(NextNumber {
            register: r.get(0)?,
            period: r.get(1)?,
            kind: r.get(2)?,
            next: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// Restores `src` over the database at `path` (see [`Register::restore`]). A damaged
/// database, which cannot be opened, is copied aside as it is and replaced; the high-water
/// marks it still yields are kept.
pub fn restore_path(path: &Path, src: &Path, force: bool) -> Result<RestoreReport> {
    match Register::open(path) {
        Ok(mut reg) => reg.restore(src, force),
        Err(RegisterError::Corrupt { .. }) => restore_over_damaged(path, src),
        Err(e) => Err(e),
    }
}

fn restore_over_damaged(path: &Path, src: &Path) -> Result<RestoreReport> {
    verify_file(src)?;
    let safety = safety_path(path);
    std::fs::copy(path, &safety).map_err(|e| RegisterError::io(&safety, e))?;
    let prepared = sibling(path, "restore");
    let result = (|| {
        prepare_copy(src, &prepared)?;
        let conn = Connection::open(&prepared).map_err(|e| schema::classify(&prepared, e))?;
        // Best effort: whatever marks the damaged file still yields raise the numbering.
        let c = |e| schema::classify(&prepared, e);
        if conn
            .execute(
                "ATTACH DATABASE ?1 AS damaged",
                [path.to_string_lossy().as_ref()],
            )
            .is_ok()
        {
            for sql in [MARKS_OF_SEQUENCES, MARKS_OF_MARKS] {
                let _ = conn.execute_batch(&sql.replace("{db}", "damaged"));
            }
            let _ = conn.execute_batch("DETACH DATABASE damaged");
        }
        conn.execute_batch(RAISE_TO_MARKS).map_err(c)?;
        let continues = continuing_numbers(&conn).map_err(c)?;
        drop(conn);
        std::fs::File::open(&prepared)
            .and_then(|f| f.sync_all())
            .map_err(|e| RegisterError::io(&prepared, e))?;
        // A journal of the damaged file must not be applied to the restored one.
        let journals = crate::write::database_files(path).into_iter().skip(1);
        for (p, keep) in journals.zip(crate::write::database_files(&safety).into_iter().skip(1)) {
            if p.exists() {
                let _ = std::fs::rename(&p, keep);
            }
        }
        std::fs::rename(&prepared, path).map_err(|e| RegisterError::io(path, e))?;
        Ok(RestoreReport {
            safety: safety.clone(),
            lost: Vec::new(),
            damaged: true,
            continues,
        })
    })();
    if result.is_err() {
        remove_db_file(&prepared);
    }
    result
}

impl Register {
    /// Writes a consistent, compacted copy of the database to `dest` (replacing it atomically).
    pub fn backup(&self, dest: &Path) -> Result<()> {
        let tmp = sibling(dest, "backup");
        let conn = self.sqlite_only("backup")?;
        let result = (|| {
            conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])
                .map_err(|e| self.classify(e.into()))?;
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
    ///
    /// One write lock (`BEGIN IMMEDIATE`) is held from the safety copy of the current database
    /// to the switch, so no number can be issued in between. The entries the backup lacks are
    /// counted first: when issued ones would be lost, the restore is refused unless `force`.
    /// Numbering never rewinds: every sequence continues above the highest number the register
    /// ever handed out (its high-water mark, kept outside the restored data).
    pub fn restore(&mut self, src: &Path, force: bool) -> Result<RestoreReport> {
        self.sqlite_only("restore")?;
        verify_file(src)?;
        let prepared = sibling(&self.path, "restore");
        let result = self.restore_prepared(src, &prepared, force);
        remove_db_file(&prepared);
        result
    }

    fn restore_prepared(
        &mut self,
        src: &Path,
        prepared: &Path,
        force: bool,
    ) -> Result<RestoreReport> {
        prepare_copy(src, prepared)?;
        let c = |e| schema::classify(&self.path, e);
        self.sqlite_only("restore")?
            .execute(
                "ATTACH DATABASE ?1 AS incoming",
                [prepared.to_string_lossy().as_ref()],
            )
            .map_err(c)?;
        let result = self.restore_locked(force);
        if let Some(conn) = self.db.sqlite_connection() {
            let _ = conn.execute_batch("DETACH DATABASE incoming");
        }
        result
    }

    fn restore_locked(&mut self, force: bool) -> Result<RestoreReport> {
        let path = self.path.clone();
        let c = |e| schema::classify(&path, e);
        let conn = self.sqlite_only("restore")?;
        conn.execute_batch("BEGIN IMMEDIATE").map_err(c)?;
        let mut safety_made: Option<PathBuf> = None;
        let result = (|| {
            let lost = lost_entries(conn).map_err(c)?;
            let issued: Vec<&LostEntry> = lost.iter().filter(|e| e.status == "issued").collect();
            if !issued.is_empty() && !force {
                return Err(RegisterError::RestoreLosesEntries {
                    count: issued.len(),
                    symbols: issued.iter().map(|e| e.symbol.clone()).collect(),
                });
            }
            let safety = safety_path(&path);
            safety_copy(&path, &safety).map_err(c)?;
            safety_made = Some(safety.clone());
            switch_data(conn).map_err(c)?;
            let continues = continuing_numbers(conn).map_err(c)?;
            Ok(RestoreReport {
                safety,
                lost,
                damaged: false,
                continues,
            })
        })();
        match result {
            Ok(r) => {
                conn.execute_batch("COMMIT").map_err(c)?;
                Ok(r)
            }
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                if let Some(s) = safety_made {
                    let _ = std::fs::remove_file(s);
                }
                Err(e)
            }
        }
    }

    /// SQLite's own checks: page integrity, foreign keys and the FTS5 index. `None` when the
    /// file turns out to be read-only (check again without the index).
    #[allow(clippy::type_complexity)]
    pub(crate) fn check_file(
        &self,
        conn: &Connection,
        try_index: bool,
    ) -> Result<Option<(Vec<String>, Vec<String>, bool, bool)>> {
        let c = |e: rusqlite::Error| self.classify(e.into());
        let mut st = conn.prepare("PRAGMA integrity_check").map_err(c)?;
        let integrity = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(c)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(c)?;
        let mut st = conn.prepare("PRAGMA foreign_key_check").map_err(c)?;
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
        // FTS5's integrity check is a write: on a read-only database it cannot run, which
        // says nothing about the index.
        let read_only = !try_index || conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
        let search_index_checked = !read_only;
        let search_index = read_only
            || match conn.execute(
                "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)",
                [],
            ) {
                Ok(_) => true,
                Err(e) => {
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
                        // Read-only by the file's permissions: the index is left unchecked.
                        return Ok(None);
                    }
                    false
                }
            };
        Ok(Some((
            integrity,
            foreign_keys,
            search_index,
            search_index_checked,
        )))
    }
}
