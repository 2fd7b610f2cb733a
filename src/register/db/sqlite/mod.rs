//! SQLite: the schema as forward-only migrations, how a file is opened, and how statements run.
//!
//! Migration 1 holds registers, terms, sequences, entries, files and the audit trail;
//! migration 2 adds accent-insensitive search (folded columns and an FTS5 index); migration 3
//! keeps the rule set of each entry (a register outlives a guide: its entries follow the one
//! of their own date; entries written before it read their register's); migration 4 keeps the
//! numbering's high-water marks, which survive a restore, and whether a register accepts dates
//! later than today; migration 5 keeps the database role of each audited change (empty here,
//! the server's role on PostgreSQL).
//! A migration is never edited once released: a change is a new migration.

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{HookResult, Migrations, M};
use std::path::Path;
use std::time::Duration;

pub mod backup;

use super::{DbError, DbResult, ToValue, Value};
use crate::register::error::{RegisterError, Result};
use crate::register::fold::fold;
use crate::register::stored::search_text;

const V1: &str = r#"
CREATE TABLE registers (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name        TEXT NOT NULL,
    regime      TEXT NOT NULL CHECK (regime IN ('state', 'party')),
    rules_id    TEXT NOT NULL,
    period      TEXT NOT NULL CHECK (period IN ('year', 'term')),
    per_kind    INTEGER NOT NULL CHECK (per_kind IN (0, 1)),
    secret      INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    parent      TEXT,
    issuer_name TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    volume      TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE terms (
    id          INTEGER PRIMARY KEY,
    register_id INTEGER NOT NULL REFERENCES registers(id),
    label       TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    CHECK (start_date <= end_date),
    UNIQUE (register_id, label)
);

CREATE TABLE sequences (
    id          INTEGER PRIMARY KEY,
    register_id INTEGER NOT NULL REFERENCES registers(id),
    period      TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    last_number INTEGER NOT NULL DEFAULT 0 CHECK (last_number >= 0),
    UNIQUE (register_id, period, kind)
);

CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    register_id   INTEGER NOT NULL REFERENCES registers(id),
    sequence_id   INTEGER NOT NULL REFERENCES sequences(id),
    number        INTEGER NOT NULL CHECK (number >= 1),
    symbol        TEXT NOT NULL,
    date          TEXT NOT NULL,
    year          INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    unit_code     TEXT,
    subject       TEXT NOT NULL DEFAULT '',
    signer        TEXT NOT NULL DEFAULT '',
    recipients    TEXT NOT NULL DEFAULT '',
    archive       TEXT NOT NULL DEFAULT '',
    copies        INTEGER,
    sent_date     TEXT,
    receipt       TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('reserved', 'issued', 'cancelled')),
    cancel_reason TEXT,
    draft_json    TEXT,
    docx          BLOB,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (sequence_id, number)
);
CREATE INDEX entries_register_year ON entries (register_id, year);
CREATE INDEX entries_register_date ON entries (register_id, date);
CREATE INDEX entries_symbol ON entries (symbol);
CREATE INDEX entries_year ON entries (year);

CREATE TABLE files (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES entries(id),
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    data       BLOB NOT NULL,
    added_at   TEXT NOT NULL
);
CREATE INDEX files_entry ON files (entry_id);

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL
);
CREATE INDEX audit_entry ON audit (entry_id);

-- A number, once given, stays: entries are never deleted nor renumbered.
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'register entries are never deleted'); END;
CREATE TRIGGER entries_no_renumber BEFORE UPDATE OF number, sequence_id, register_id ON entries
WHEN NEW.number IS NOT OLD.number OR NEW.sequence_id IS NOT OLD.sequence_id
  OR NEW.register_id IS NOT OLD.register_id
BEGIN SELECT RAISE(ABORT, 'register numbers never change'); END;
CREATE TRIGGER entries_no_uncancel BEFORE UPDATE OF status ON entries
WHEN OLD.status = 'cancelled' AND NEW.status IS NOT 'cancelled'
BEGIN SELECT RAISE(ABORT, 'a cancelled number is never reused'); END;
CREATE TRIGGER sequences_no_rewind BEFORE UPDATE OF last_number ON sequences
WHEN NEW.last_number < OLD.last_number
BEGIN SELECT RAISE(ABORT, 'a number sequence never goes back'); END;
CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"#;

const V2: &str = r#"
ALTER TABLE entries ADD COLUMN folded TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN signer_key TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN symbol_key TEXT NOT NULL DEFAULT '';
CREATE INDEX entries_signer_key ON entries (signer_key);
CREATE INDEX entries_symbol_key ON entries (symbol_key);
CREATE INDEX entries_date ON entries (date);
CREATE VIRTUAL TABLE entries_fts USING fts5(
    folded, content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', detail = none
);
"#;

const V3: &str = "ALTER TABLE entries ADD COLUMN rules_id TEXT;";

/// The high-water marks of the numbering: the highest number each sequence (register code,
/// period, type key) ever handed out. A restore keeps this table (it is not part of the
/// restored data) and raises the restored sequences to it, so numbering never rewinds.
const V4: &str = r#"
CREATE TABLE number_marks (
    register_code TEXT NOT NULL,
    period        TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT '',
    last_number   INTEGER NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (register_code, period, kind)
);
ALTER TABLE registers ADD COLUMN allow_future INTEGER NOT NULL DEFAULT 0
    CHECK (allow_future IN (0, 1));
"#;

/// The database role of each audited change: always empty in SQLite (a file has no roles);
/// PostgreSQL records the server's `current_user` there.
const V5: &str = "ALTER TABLE audit ADD COLUMN db_role TEXT;";

/// The search of a text: FROM clause, condition, its arguments and the id column to order
/// by (an FTS5 query: every word, the last one as a prefix when asked).
pub fn text_search(text: &str, prefix: bool) -> Option<super::TextSearch> {
    let q = crate::register::fts_query(text, prefix)?;
    Some((
        "entries_fts f CROSS JOIN entries e ON e.id = f.rowid".into(),
        "entries_fts MATCH ?".into(),
        vec![Value::Text(q)],
        "f.rowid".into(),
    ))
}

const V2_TRIGGERS: &str = r#"
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries
BEGIN INSERT INTO entries_fts (rowid, folded) VALUES (NEW.id, NEW.folded); END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF folded ON entries
BEGIN
  INSERT INTO entries_fts (entries_fts, rowid, folded) VALUES ('delete', OLD.id, OLD.folded);
  INSERT INTO entries_fts (rowid, folded) VALUES (NEW.id, NEW.folded);
END;
"#;

/// Fills the folded columns of existing entries, builds the index, then adds the triggers
/// that keep it in step (created last, so the backfill does not touch the empty index).
fn backfill_search(tx: &rusqlite::Transaction) -> HookResult {
    let mut read =
        tx.prepare("SELECT id, symbol, number, subject, signer, recipients FROM entries")?;
    let mut write = tx.prepare(
        "UPDATE entries SET folded = ?2, signer_key = ?3, symbol_key = ?4 WHERE id = ?1",
    )?;
    let rows = read.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (id, symbol, number, subject, signer, recipients) = row?;
        let folded = search_text(&symbol, number, &subject, &signer, &recipients);
        write.execute(rusqlite::params![id, folded, fold(&signer), fold(&symbol)])?;
    }
    tx.execute_batch("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');")?;
    tx.execute_batch(V2_TRIGGERS)?;
    Ok(())
}

/// The migrations, oldest first. Version N of the schema is the state after the N-th.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up_with_hook(V2, backfill_search),
        M::up(V3),
        M::up(V4),
        M::up(V5),
    ])
}

/// The newest schema version this program knows.
pub const LATEST: i64 = 5;

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

/// Maps an SQLite error on `path` to `Corrupt` when it means a damaged file.
pub fn classify(path: &Path, e: rusqlite::Error) -> RegisterError {
    if is_corruption(&e) {
        RegisterError::Corrupt {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    } else {
        RegisterError::from(e)
    }
}

/// Sets the connection's pragmas: WAL, foreign keys, `synchronous=FULL`, a busy timeout.
pub fn configure(conn: &Connection, path: &Path) -> Result<()> {
    let c = |e| classify(path, e);
    conn.busy_timeout(Duration::from_secs(60)).map_err(c)?;
    // Reading the schema first refuses a file that is not a database before anything is written.
    let _: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(c)?;
    let _: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(c)?;
    conn.pragma_update(None, "foreign_keys", true).map_err(c)?;
    conn.pragma_update(None, "synchronous", "FULL").map_err(c)?;
    // 32 MiB of page cache: paging through a large register stays in memory.
    conn.pragma_update(None, "cache_size", -32768).map_err(c)?;
    Ok(())
}

/// Refuses a database path that names a folder or a device (`/dev/null`): SQLite would
/// fail on it with a message that says nothing to a clerk.
pub fn check_is_file(path: &Path) -> Result<()> {
    if path.to_string_lossy().starts_with("file:") {
        // An SQLite URI (`file:register.sqlite?mode=ro`): SQLite reads it.
        return Ok(());
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(RegisterError::NotAFile {
            path: path.to_path_buf(),
            what: "a folder".into(),
        }),
        Ok(m) if !m.is_file() => Err(RegisterError::NotAFile {
            path: path.to_path_buf(),
            what: "a device or other special file".into(),
        }),
        _ => Ok(()),
    }
}

/// Opens (creating if needed) a register database and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    check_is_file(path)?;
    let uri = path.to_string_lossy().starts_with("file:");
    if let Some(dir) = path.parent().filter(|_| !uri) {
        if !dir.as_os_str().is_empty() && !dir.exists() {
            std::fs::create_dir_all(dir).map_err(|e| RegisterError::io(dir, e))?;
        }
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    configure(&conn, path)?;
    upgrade(&mut conn, path)?;
    Ok(conn)
}

/// Checks that the database is ours (or empty) and runs the pending migrations.
pub fn upgrade(conn: &mut Connection, path: &Path) -> Result<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if version > LATEST {
        return Err(RegisterError::SchemaTooNew {
            path: path.to_path_buf(),
            found: version,
            known: LATEST,
        });
    }
    if version == 0 {
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| classify(path, e))?;
        if tables > 0 {
            return Err(RegisterError::NotARegister {
                path: path.to_path_buf(),
            });
        }
    }
    if version < LATEST {
        if let Err(e) = migrations().to_latest(conn) {
            // Another process may have migrated the same file at the same moment.
            let now: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|e| classify(path, e))?;
            if now != LATEST {
                return Err(RegisterError::Migration(e.to_string()));
            }
        }
    }
    Ok(())
}

fn bind(params: &[&dyn ToValue]) -> Vec<rusqlite::types::Value> {
    params
        .iter()
        .map(|p| match p.to_value() {
            Value::Null => rusqlite::types::Value::Null,
            Value::Int(i) => rusqlite::types::Value::Integer(i),
            Value::Real(f) => rusqlite::types::Value::Real(f),
            Value::Text(s) => rusqlite::types::Value::Text(s),
            Value::Blob(b) => rusqlite::types::Value::Blob(b),
        })
        .collect()
}

/// Runs a statement (cached).
pub(super) fn execute(c: &Connection, sql: &str, params: &[&dyn ToValue]) -> DbResult<u64> {
    let n = c
        .prepare_cached(sql)?
        .execute(rusqlite::params_from_iter(bind(params)))?;
    Ok(n as u64)
}

/// Every row of a query through `f`.
pub(super) fn query_map<T>(
    c: &Connection,
    sql: &str,
    params: &[&dyn ToValue],
    f: &mut dyn FnMut(&rusqlite::Row) -> DbResult<T>,
) -> DbResult<Vec<T>> {
    let mut st = c.prepare_cached(sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(bind(params)))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

/// Column `i` of a row.
pub(super) fn value(r: &rusqlite::Row, i: usize) -> DbResult<Value> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    })
}

/// The schema version of the file (`PRAGMA user_version`).
pub(super) fn schema_version(c: &Connection) -> DbResult<i64> {
    Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Maps a database error on `path` to `Corrupt` when SQLite says the file is damaged.
pub fn classify_db(path: &Path, e: DbError) -> RegisterError {
    match e {
        DbError::Sqlite(e) => classify(path, e),
        e => RegisterError::from(e),
    }
}
