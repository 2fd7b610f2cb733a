//! Moving a register to another database (a local file to the office's server): every
//! table copied with its ids in one transaction on the target, then counted and
//! checksummed on both sides before it commits.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

use super::db::{self, refs, Db, DbResult, Value};
use super::error::{RegisterError, Result};
use super::Register;

/// The tables of a register, parents first, with their columns and key (the columns both
/// engines' schemas share; generated columns are rebuilt by the target).
const TABLES: &[(&str, &str, &str)] = &[
    (
        "registers",
        "id, code, name, regime, rules_id, period, per_kind, secret, parent, issuer_name, \
         issuer_code, volume, created_at, allow_future",
        "id",
    ),
    (
        "terms",
        "id, register_id, label, start_date, end_date",
        "id",
    ),
    (
        "sequences",
        "id, register_id, period, kind, last_number",
        "id",
    ),
    (
        "entries",
        "id, register_id, sequence_id, number, symbol, date, year, kind, unit_code, subject, \
         signer, recipients, archive, copies, sent_date, receipt, note, status, cancel_reason, \
         draft_json, docx, created_at, updated_at, folded, signer_key, symbol_key, rules_id",
        "id",
    ),
    (
        "files",
        "id, entry_id, name, media_type, size, data, added_at",
        "id",
    ),
    (
        "audit",
        "id, entry_id, at, actor, action, detail, db_role",
        "id",
    ),
    (
        "number_marks",
        "register_code, period, kind, last_number",
        "register_code, period, kind",
    ),
];

/// Rows read at a time.
const BATCH: usize = 500;

/// What a migration copied: per table, the rows and the checksum both sides agree on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrationReport {
    /// The target, without its password.
    pub target: String,
    /// `(table, rows, SHA-256 of the rows)`, parents first.
    pub tables: Vec<(String, u64, String)>,
}

/// Reads a table in key order, `BATCH` rows at a time, handing each batch to `f`.
fn scan(
    db: &Db,
    table: &str,
    cols: &str,
    key: &str,
    f: &mut dyn FnMut(Vec<Vec<Value>>) -> Result<()>,
) -> Result<()> {
    let n = cols.split(',').count();
    let read = |r: &db::Row| -> DbResult<Vec<Value>> { (0..n).map(|i| r.get(i)).collect() };
    if key != "id" {
        let rows = db.query_map(
            &format!("SELECT {cols} FROM {table} ORDER BY {key}"),
            db::params![],
            read,
        )?;
        return f(rows);
    }
    let mut after = i64::MIN;
    loop {
        let rows = db.query_map(
            &format!("SELECT {cols} FROM {table} WHERE id > ?1 ORDER BY id LIMIT {BATCH}"),
            db::params![after],
            read,
        )?;
        let Some(Value::Int(last)) = rows.last().and_then(|r| r.first()).cloned() else {
            return Ok(());
        };
        after = last;
        f(rows)?;
    }
}

fn hash_row(h: &mut Sha256, row: &[Value]) {
    for v in row {
        match v {
            Value::Null => h.update([0]),
            Value::Int(i) => {
                h.update([1]);
                h.update(i.to_le_bytes());
            }
            Value::Real(f) => {
                h.update([2]);
                h.update(f.to_le_bytes());
            }
            Value::Text(s) => {
                h.update([3]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            Value::Blob(b) => {
                // Bytes and text are the same column type on both sides here.
                h.update([3]);
                h.update((b.len() as u64).to_le_bytes());
                h.update(b);
            }
        }
    }
}

/// Rows and checksum of a table.
fn digest(db: &Db, table: &str, cols: &str, key: &str) -> Result<(u64, String)> {
    let mut h = Sha256::new();
    let mut rows = 0u64;
    scan(db, table, cols, key, &mut |batch| {
        for r in &batch {
            hash_row(&mut h, r);
        }
        rows += batch.len() as u64;
        Ok(())
    })?;
    let sum = h.finalize();
    Ok((rows, sum.iter().map(|b| format!("{b:02x}")).collect()))
}

impl Register {
    /// Copies this register (entries, terms, audit, attachments, stored drafts and DOCX)
    /// into the empty register at `to` (`postgres://…` or a file), verifying counts and
    /// checksums before the copy commits. A target that already holds a register is refused.
    pub fn migrate_to(&self, to: &Path) -> Result<MigrationReport> {
        if to == self.path() {
            return Err(RegisterError::invalid(
                "--to",
                "the target is the register itself",
            ));
        }
        let target = Register::open(to)?;
        let held: Vec<String> = target.registers()?.into_iter().map(|r| r.code).collect();
        let entries: i64 =
            target
                .db
                .query_row("SELECT count(*) FROM entries", db::params![], |r| r.get(0))?;
        if !held.is_empty() || entries > 0 {
            return Err(RegisterError::TargetNotEmpty(
                target.location().display(),
                if held.is_empty() {
                    format!("{entries} entries")
                } else {
                    held.join(", ")
                },
            ));
        }
        let tx = target.db.begin()?;
        let mut report = MigrationReport {
            target: target.location().display(),
            tables: Vec::new(),
        };
        for (table, cols, key) in TABLES {
            let n = cols.split(',').count();
            let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
            let insert = format!("INSERT INTO {table} ({cols}) VALUES ({})", marks.join(", "));
            scan(&self.db, table, cols, key, &mut |batch| {
                for row in &batch {
                    tx.execute(&insert, &refs(row))?;
                }
                Ok(())
            })?;
            let source = digest(&self.db, table, cols, key)?;
            let copied = digest(&tx, table, cols, key)?;
            if source != copied {
                return Err(RegisterError::invalid(
                    "--to",
                    format!(
                        "table {table}: {} rows ({}) here but {} rows ({}) on the target after the copy; nothing was kept",
                        source.0, source.1, copied.0, copied.1
                    ),
                ));
            }
            report.tables.push((table.to_string(), source.0, source.1));
        }
        if let Some(pg) = tx.pg_conn() {
            pg.after_copy()?;
        }
        tx.commit()?;
        Ok(report)
    }
}
