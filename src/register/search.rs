//! Listing and accent-insensitive search with filters, sorting and paging.

use super::db::{refs, Value};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::db;
use super::entries::kind_name;
use super::error::{RegisterError, Result};
use super::fold::fold;
use super::model::{EntryStatus, EntrySummary, Page};
use super::stored::stored;
use super::Register;

/// Default page size.
pub const DEFAULT_LIMIT: u32 = 50;
/// Largest page size.
pub const MAX_LIMIT: u32 = 10_000;

/// Order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    /// Newest entry first (the default).
    #[default]
    Newest,
    /// Register order: oldest entry first.
    Oldest,
    /// By document date, newest first.
    DateDesc,
    /// By document date, oldest first.
    DateAsc,
}

impl Sort {
    /// Parses `newest`, `oldest`, `date-desc`, `date-asc`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "newest" => Some(Sort::Newest),
            "oldest" => Some(Sort::Oldest),
            "date-desc" => Some(Sort::DateDesc),
            "date-asc" => Some(Sort::DateAsc),
            _ => None,
        }
    }
}

/// A listing or search: every filter is optional; `text` makes it a search.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    /// Words to find in symbol, trích yếu, signer and recipients, accents and `đ` ignored
    /// (`dang` finds `Đảng`); every word must occur.
    pub text: Option<String>,
    /// Treat the last word as a prefix (search as you type).
    #[serde(default)]
    pub prefix: bool,
    /// Register code.
    pub register: Option<String>,
    /// Year of the document's date.
    pub year: Option<i32>,
    /// Type slug.
    pub kind: Option<String>,
    /// Signer's name, accents ignored.
    pub signer: Option<String>,
    /// First date (inclusive).
    pub from: Option<NaiveDate>,
    /// Last date (inclusive).
    pub to: Option<NaiveDate>,
    /// Status.
    pub status: Option<EntryStatus>,
    /// Order.
    #[serde(default)]
    pub sort: Sort,
    /// Page size (default 50).
    pub limit: Option<u32>,
    /// Rows to skip (offset paging); prefer `after` for deep pages.
    pub offset: Option<u64>,
    /// Cursor returned as `Page::next` (keyset paging: constant time per page).
    pub after: Option<String>,
    /// Also count all matches (costs a scan of the matches).
    #[serde(default)]
    pub with_total: bool,
    /// Exact symbol, folded (set by the search itself for symbol-like queries).
    #[serde(skip)]
    pub symbol_key: Option<String>,
}

const SUMMARY_COLUMNS: &str =
    "e.id, r.code, e.number, e.symbol, e.date, e.kind, e.subject, e.signer, e.recipients, e.status, COALESCE(e.rules_id, r.rules_id)";

fn summary_row(r: &db::Row) -> db::DbResult<EntrySummary> {
    let kind: String = r.get(5)?;
    let rules_id: String = r.get(10)?;
    Ok(EntrySummary {
        id: r.get(0)?,
        register: r.get(1)?,
        number: r.get(2)?,
        symbol: r.get(3)?,
        date: stored(r, 4, "date", crate::dates::parse_iso)?,
        kind_name: kind_name(&rules_id, &kind),
        kind,
        subject: r.get(6)?,
        signer: r.get(7)?,
        recipients: r.get(8)?,
        status: stored(r, 9, "status", EntryStatus::parse)?,
    })
}

fn bad_cursor() -> RegisterError {
    RegisterError::invalid("--after", "not a cursor returned by a previous page")
}

/// A query turned into SQL pieces.
struct Plan {
    from: String,
    conds: Vec<String>,
    args: Vec<Value>,
    /// The conditions without the cursor (for the count).
    filter_conds: Vec<String>,
    filter_args: Vec<Value>,
    order: String,
}

fn where_(c: &[String]) -> String {
    if c.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", c.join(" AND "))
    }
}

/// A one-word query with a slash looks like a symbol (`05/SVHTTDL-QLVHGĐ`).
fn is_symbol_like(q: &Query) -> bool {
    q.text
        .as_deref()
        .is_some_and(|t| t.contains('/') && !t.trim().contains(' '))
}

/// The exact, accent-insensitive look-up of a symbol-like query.
fn exact_symbol(q: &Query) -> Query {
    Query {
        text: None,
        after: None,
        symbol_key: Some(fold(q.text.as_deref().unwrap_or("").trim())),
        ..q.clone()
    }
}

impl Register {
    /// Lists or searches entries, one page at a time.
    pub fn search(&self, q: &Query) -> Result<Page<EntrySummary>> {
        let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        if is_symbol_like(q) && q.after.is_none() && q.offset.unwrap_or(0) == 0 {
            // A symbol (`05/SVHTTDL-QLVHGĐ`): an exact, accent-insensitive look-up first.
            let page = self.search(&exact_symbol(q))?;
            if !page.items.is_empty() {
                return Ok(page);
            }
        }
        let p = self.plan(q)?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM {} JOIN registers r ON r.id = e.register_id{} ORDER BY {} LIMIT {} OFFSET {}",
            p.from,
            where_(&p.conds),
            p.order,
            limit + 1,
            q.offset.unwrap_or(0)
        );
        let mut items = self
            .db
            .query_map(&sql, &refs(&p.args), summary_row)
            .map_err(|e| self.classify(e))?;
        let more = items.len() > limit as usize;
        items.truncate(limit as usize);
        let next = if more {
            items.last().map(|e| match q.sort {
                Sort::Newest | Sort::Oldest => e.id.to_string(),
                Sort::DateDesc | Sort::DateAsc => format!("{}.{}", e.date, e.id),
            })
        } else {
            None
        };
        let total = if q.with_total {
            let sql = format!("SELECT count(*) FROM {}{}", p.from, where_(&p.filter_conds));
            let n: i64 = self
                .db
                .query_row(&sql, &refs(&p.filter_args), |r| r.get(0))?;
            Some(n as u64)
        } else {
            None
        };
        Ok(Page { items, next, total })
    }

    /// The ids of every entry the query matches, in its order (`limit`, `offset` and `after`
    /// ignored). With [`Register::summaries`] this gives constant-time access to any row of a
    /// large result, as a virtually scrolled table needs: one index walk per query, then
    /// each page by id.
    pub fn matching_ids(&self, q: &Query) -> Result<Vec<i64>> {
        let q = Query {
            after: None,
            offset: None,
            ..q.clone()
        };
        if is_symbol_like(&q) {
            let ids = self.matching_ids(&exact_symbol(&q))?;
            if !ids.is_empty() {
                return Ok(ids);
            }
        }
        let p = self.plan(&q)?;
        let sql = format!(
            "SELECT e.id FROM {}{} ORDER BY {}",
            p.from,
            where_(&p.conds),
            p.order
        );
        let ids = self
            .db
            .query_map(&sql, &refs(&p.args), |r| r.get(0))
            .map_err(|e| self.classify(e))?;
        Ok(ids)
    }

    /// The summaries of these entries, in the order given (unknown ids are skipped).
    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<EntrySummary>> {
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = format!(
                "SELECT {SUMMARY_COLUMNS} FROM entries e JOIN registers r ON r.id = e.register_id WHERE e.id IN ({marks})"
            );
            let args: Vec<Value> = chunk.iter().map(|&id| Value::Int(id)).collect();
            let rows = self
                .db
                .query_map(&sql, &refs(&args), summary_row)
                .map_err(|e| self.classify(e))?;
            for r in rows {
                found.insert(r.id, r);
            }
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// The FROM clause, conditions and order of a query (without its page bounds).
    fn plan(&self, q: &Query) -> Result<Plan> {
        let mut from = String::new();
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let id_col: String;
        if let Some(key) = q.symbol_key.as_deref() {
            conds.push("e.symbol_key = ?".into());
            args.push(Value::Text(key.to_string()));
        }
        if let Some(text) = q.text.as_deref() {
            let search = self.db.text_search(text, q.prefix)?;
            let (table, cond, words, id) = search.ok_or_else(|| {
                RegisterError::BadQuery(format!("\"{text}\" has no word to search for"))
            })?;
            from.push_str(&table);
            conds.push(cond);
            args.extend(words);
            id_col = id;
        } else {
            from.push_str("entries e");
            id_col = "e.id".into();
        }
        if let Some(code) = q.register.as_deref() {
            let reg = self.register(Some(code))?;
            conds.push("e.register_id = ?".into());
            args.push(Value::Int(reg.id));
        }
        let by_date = matches!(q.sort, Sort::DateDesc | Sort::DateAsc);
        // The date bounds are merged into one range (from, to, the year for date sorts, the
        // cursor), so that SQLite seeks the date index once instead of scanning from a bound.
        let mut lo = q.from;
        let mut hi = q.to;
        if let Some(y) = q.year {
            if by_date {
                let (a, b) = (
                    NaiveDate::from_ymd_opt(y, 1, 1),
                    NaiveDate::from_ymd_opt(y, 12, 31),
                );
                lo = lo.max(a);
                hi = match (hi, b) {
                    (Some(h), Some(b)) => Some(h.min(b)),
                    (h, b) => h.or(b),
                };
            } else {
                conds.push("e.year = ?".into());
                args.push(Value::Int(i64::from(y)));
            }
        }
        if let Some(k) = q.kind.as_deref() {
            conds.push("e.kind = ?".into());
            args.push(Value::Text(k.to_string()));
        }
        if let Some(s) = q.signer.as_deref() {
            conds.push("e.signer_key = ?".into());
            args.push(Value::Text(fold(s.trim())));
        }
        if let Some(s) = q.status {
            conds.push("e.status = ?".into());
            args.push(Value::Text(s.as_str().into()));
        }
        let range = |conds: &mut Vec<String>,
                     args: &mut Vec<Value>,
                     lo: Option<NaiveDate>,
                     hi: Option<NaiveDate>| {
            if let Some(d) = lo {
                conds.push("e.date >= ?".into());
                args.push(Value::Text(d.to_string()));
            }
            if let Some(d) = hi {
                conds.push("e.date <= ?".into());
                args.push(Value::Text(d.to_string()));
            }
        };
        let mut filter_conds = conds.clone();
        let mut filter_args = args.clone();
        range(&mut filter_conds, &mut filter_args, lo, hi);
        match (q.after.as_deref(), q.sort) {
            (None, _) => range(&mut conds, &mut args, lo, hi),
            (Some(c), Sort::Newest | Sort::Oldest) => {
                range(&mut conds, &mut args, lo, hi);
                let id: i64 = c.parse().map_err(|_| bad_cursor())?;
                let op = if q.sort == Sort::Newest { "<" } else { ">" };
                conds.push(format!("{id_col} {op} ?"));
                args.push(Value::Int(id));
            }
            (Some(c), Sort::DateDesc | Sort::DateAsc) => {
                let (d, id) = c.split_once('.').ok_or_else(bad_cursor)?;
                let d = crate::dates::parse_iso(d).ok_or_else(bad_cursor)?;
                let id: i64 = id.parse().map_err(|_| bad_cursor())?;
                let op = if q.sort == Sort::DateDesc {
                    hi = Some(hi.map_or(d, |h| h.min(d)));
                    "<"
                } else {
                    lo = Some(lo.map_or(d, |l| l.max(d)));
                    ">"
                };
                range(&mut conds, &mut args, lo, hi);
                conds.push(format!("(e.date, e.id) {op} (?, ?)"));
                args.push(Value::Text(d.to_string()));
                args.push(Value::Int(id));
            }
        }
        let order = match q.sort {
            Sort::Newest => format!("{id_col} DESC"),
            Sort::Oldest => format!("{id_col} ASC"),
            Sort::DateDesc => "e.date DESC, e.id DESC".into(),
            Sort::DateAsc => "e.date ASC, e.id ASC".into(),
        };
        Ok(Plan {
            from,
            conds,
            args,
            filter_conds,
            filter_args,
            order,
        })
    }
}
