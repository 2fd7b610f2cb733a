//! The register's check: the engine's own integrity checks, and that every sequence holds
//! each number from 01 to its last exactly once (both engines).

use serde::{Deserialize, Serialize};

use super::db::params;
use super::error::Result;
use super::Register;

/// The result of `check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Whether everything is fine.
    pub ok: bool,
    /// SQLite's `PRAGMA integrity_check` (`ok` when sound; a server keeps its own: `ok`).
    pub integrity: Vec<String>,
    /// `PRAGMA foreign_key_check` violations.
    pub foreign_keys: Vec<String>,
    /// Whether the search index matches the entries (`true` when it could not be checked).
    pub search_index: bool,
    /// Whether the search index was checked (its check writes: not on a read-only database).
    pub search_index_checked: bool,
    /// Sequences with a doubled number or a gap.
    pub sequences: Vec<String>,
    /// Registers in the database.
    pub registers: u64,
    /// Entries in the database.
    pub entries: u64,
    /// Schema version.
    pub schema: i64,
}

impl Register {
    /// Checks the register: on a file, SQLite's integrity, foreign keys and search index; on
    /// both engines, that every sequence holds each number from 01 to its last exactly once.
    pub fn check(&self) -> Result<CheckReport> {
        self.check_with(true)
    }

    fn check_with(&self, try_index: bool) -> Result<CheckReport> {
        let (integrity, foreign_keys, search_index, search_index_checked) =
            match self.db.sqlite_connection() {
                Some(conn) => match self.check_file(conn, try_index)? {
                    Some(r) => r,
                    None => return self.check_with(false),
                },
                // The server keeps its own pages, keys and index sound.
                None => (vec!["ok".to_string()], Vec::new(), true, false),
            };
        let sequences = self
            .db
            .query_map(
                "SELECT r.code, s.period, s.kind, s.last_number, count(e.id), count(DISTINCT e.number), \
                 coalesce(min(e.number), 0), coalesce(max(e.number), 0), \
                 coalesce(m.last_number - count(e.id) FILTER (WHERE e.number <= m.last_number), 0) \
                 FROM sequences s JOIN registers r ON r.id = s.register_id \
                 LEFT JOIN number_marks m ON m.register_code = r.code AND m.period = s.period \
                   AND m.kind = s.kind \
                 LEFT JOIN entries e ON e.sequence_id = s.id \
                 GROUP BY s.id, r.code, s.period, s.kind, s.last_number, m.last_number ORDER BY s.id",
                params![],
                |r| {
                    Ok((
                        r.get::<String>(0)?,
                        r.get::<String>(1)?,
                        r.get::<String>(2)?,
                        r.get::<i64>(3)?,
                        r.get::<i64>(4)?,
                        r.get::<i64>(5)?,
                        r.get::<i64>(6)?,
                        r.get::<i64>(7)?,
                        r.get::<i64>(8)?,
                    ))
                },
            )
            .map_err(|e| self.classify(e))?
            .into_iter()
            // Numbers lost in a restore (below the sequence's high-water mark and absent)
            // are accounted for: the restore listed them for re-registration.
            .filter(|&(_, _, _, last, n, distinct, min, max, lost)| {
                !(distinct == n
                    && max <= last
                    && (n == 0 || min >= 1)
                    && last - n == lost.max(0))
            })
            .map(|(code, period, kind, last, n, distinct, _, max, _)| {
                let kind = if kind.is_empty() { "all types".to_string() } else { kind };
                format!(
                    "register {code}, period {period}, {kind}: last number {last}, {n} entries ({distinct} distinct numbers, highest {max})"
                )
            })
            .collect::<Vec<_>>();
        let registers: i64 =
            self.db
                .query_row("SELECT count(*) FROM registers", params![], |r| r.get(0))?;
        let entries: i64 = self
            .db
            .query_row("SELECT count(*) FROM entries", params![], |r| r.get(0))?;
        let schema = self.db.schema_version()?;
        let ok =
            integrity == ["ok"] && foreign_keys.is_empty() && search_index && sequences.is_empty();
        Ok(CheckReport {
            ok,
            integrity,
            foreign_keys,
            search_index,
            search_index_checked,
            sequences,
            registers: registers as u64,
            entries: entries as u64,
            schema,
        })
    }
}
