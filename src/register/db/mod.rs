//! The register's database: one small API over two engines.
//!
//! The register keeps its data in SQLite (embedded, the default: a file on the clerk's
//! machine) or in PostgreSQL (an office's own server, shared by its clerks). Its operations
//! are written once against [`Db`], with `?N` placeholders; what differs between the engines
//! (the schema, opening and locking, the text index, integrity checks) lives in one module
//! per engine: [`sqlite`] and [`postgres`].

mod location;
pub mod postgres;
pub mod sqlite;

use std::fmt;

pub use location::{Location, PgTarget};

/// The tables of a register's data, parents first, each keyed by its `id`.
pub const DATA_TABLES: [&str; 6] = [
    "registers",
    "terms",
    "sequences",
    "entries",
    "files",
    "audit",
];

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// An integer (SQLite INTEGER, PostgreSQL BIGINT, or a boolean as 0/1).
    Int(i64),
    /// A floating-point number.
    Real(f64),
    /// A text.
    Text(String),
    /// Bytes (SQLite BLOB, PostgreSQL BYTEA).
    Blob(Vec<u8>),
}

/// A Rust value that can be bound to a statement.
pub trait ToValue {
    /// The value to bind.
    fn to_value(&self) -> Value;
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int_to_value!(i64, i32, u32, u16, u8, bool);

impl ToValue for u64 {
    fn to_value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}

/// The parameters of a statement: `params![a, b, c]`.
#[macro_export]
#[doc(hidden)]
macro_rules! db_params {
    () => {
        &[] as &[&dyn $crate::register::db::ToValue]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::register::db::ToValue),+] as &[&dyn $crate::register::db::ToValue]
    };
}
pub use crate::db_params as params;

/// How an engine finds a text: FROM clause, condition, its arguments, and the id column to
/// order by.
pub type TextSearch = (String, String, Vec<Value>, String);

/// Parameters collected at run time, as a statement takes them.
pub fn refs(values: &[Value]) -> Vec<&dyn ToValue> {
    values.iter().map(|v| v as &dyn ToValue).collect()
}

/// A Rust value that can be read from a column.
pub trait FromValue: Sized {
    /// Converts a column's value, or says why it cannot.
    fn from_value(v: Value) -> Result<Self, String>;
}

fn wrong(v: &Value, want: &str) -> String {
    let got = match v {
        Value::Null => "NULL",
        Value::Int(_) => "an integer",
        Value::Real(_) => "a real number",
        Value::Text(_) => "a text",
        Value::Blob(_) => "bytes",
    };
    format!("{got} where {want} was expected")
}

impl FromValue for Value {
    fn from_value(v: Value) -> Result<Self, String> {
        Ok(v)
    }
}

impl FromValue for i64 {
    fn from_value(v: Value) -> Result<Self, String> {
        match v {
            Value::Int(i) => Ok(i),
            v => Err(wrong(&v, "an integer")),
        }
    }
}

macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: Value) -> Result<Self, String> {
                let i = i64::from_value(v)?;
                <$t>::try_from(i).map_err(|_| format!("{i} is out of range"))
            }
        }
    )*};
}
int_from_value!(i32, u32, u64, u16);

impl FromValue for bool {
    fn from_value(v: Value) -> Result<Self, String> {
        Ok(i64::from_value(v)? != 0)
    }
}

impl FromValue for f64 {
    fn from_value(v: Value) -> Result<Self, String> {
        match v {
            Value::Real(f) => Ok(f),
            Value::Int(i) => Ok(i as f64),
            v => Err(wrong(&v, "a number")),
        }
    }
}

impl FromValue for String {
    fn from_value(v: Value) -> Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s),
            v => Err(wrong(&v, "a text")),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: Value) -> Result<Self, String> {
        match v {
            Value::Blob(b) => Ok(b),
            Value::Text(s) => Ok(s.into_bytes()),
            v => Err(wrong(&v, "bytes")),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: Value) -> Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// A failure of the database layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite's error.
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL's error (the server's message, or the connection's).
    #[error("{}", postgres::describe(.0))]
    Postgres(#[from] ::postgres::Error),
    /// A column held a value of another type, or a stored value is damaged.
    #[error("column {index}: {message}")]
    Conversion {
        /// The column's index in the row.
        index: usize,
        /// What was wrong.
        message: String,
    },
    /// A query that must return a row returned none.
    #[error("query returned no rows")]
    NoRow,
    /// The server cannot be reached, or the connection was lost (after one retry).
    #[error("{location}: {message}")]
    Unavailable {
        /// The server, without a password.
        location: String,
        /// What happened.
        message: String,
    },
    /// The server refused the statement to the connection's role.
    #[error("role \"{role}\": {message}")]
    Denied {
        /// The PostgreSQL role.
        role: String,
        /// The server's message.
        message: String,
    },
}

/// Result of the database layer.
pub type DbResult<T> = std::result::Result<T, DbError>;

/// One row of a result.
pub struct Row<'a>(RowInner<'a>);

enum RowInner<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Pg(&'a ::postgres::Row),
}

impl Row<'_> {
    /// Column `i`, converted.
    pub fn get<T: FromValue>(&self, i: usize) -> DbResult<T> {
        let v = match &self.0 {
            RowInner::Sqlite(r) => sqlite::value(r, i)?,
            RowInner::Pg(r) => postgres::value(r, i)?,
        };
        T::from_value(v).map_err(|message| DbError::Conversion { index: i, message })
    }
}

/// An open database connection of either engine.
pub struct Db {
    engine: Engine,
}

enum Engine {
    Sqlite(rusqlite::Connection),
    Pg(Box<postgres::Conn>),
}

impl fmt::Debug for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.engine {
            Engine::Sqlite(_) => "Db(SQLite)",
            Engine::Pg(_) => "Db(PostgreSQL)",
        })
    }
}

/// Which engine keeps a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Embedded SQLite.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Db {
    pub(crate) fn sqlite(conn: rusqlite::Connection) -> Self {
        Db {
            engine: Engine::Sqlite(conn),
        }
    }

    pub(crate) fn pg(conn: postgres::Conn) -> Self {
        Db {
            engine: Engine::Pg(Box::new(conn)),
        }
    }

    /// The engine.
    pub fn kind(&self) -> Kind {
        match self.engine {
            Engine::Sqlite(_) => Kind::Sqlite,
            Engine::Pg(_) => Kind::Postgres,
        }
    }

    /// The SQLite connection, when the register is kept in SQLite.
    pub fn sqlite_connection(&self) -> Option<&rusqlite::Connection> {
        match &self.engine {
            Engine::Sqlite(c) => Some(c),
            Engine::Pg(_) => None,
        }
    }

    pub(crate) fn pg_conn(&self) -> Option<&postgres::Conn> {
        match &self.engine {
            Engine::Pg(c) => Some(c),
            Engine::Sqlite(_) => None,
        }
    }

    /// The version of the register's schema.
    pub fn schema_version(&self) -> DbResult<i64> {
        match &self.engine {
            Engine::Sqlite(c) => sqlite::schema_version(c),
            Engine::Pg(c) => Ok(c.schema_version()?.unwrap_or(0)),
        }
    }

    /// How this engine finds a text: FROM clause, condition, its arguments and the id column
    /// to order by; `None` when the text has no word.
    pub fn text_search(&self, text: &str, prefix: bool) -> DbResult<Option<TextSearch>> {
        Ok(match &self.engine {
            Engine::Sqlite(_) => sqlite::text_search(text, prefix),
            Engine::Pg(c) => {
                let freq = c.word_frequencies()?;
                postgres::text_search(text, prefix, &|w| freq.get(w).copied().unwrap_or(0.0))
            }
        })
    }

    /// Runs a statement; the number of rows changed.
    pub fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> DbResult<u64> {
        match &self.engine {
            Engine::Sqlite(c) => sqlite::execute(c, sql, params),
            Engine::Pg(c) => c.execute(sql, params),
        }
    }

    /// Runs several statements without parameters.
    pub fn execute_batch(&self, sql: &str) -> DbResult<()> {
        match &self.engine {
            Engine::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Engine::Pg(c) => c.batch(sql),
        }
    }

    /// Runs an `INSERT` into a table whose key is `id`; the new row's id.
    pub fn insert(&self, sql: &str, params: &[&dyn ToValue]) -> DbResult<i64> {
        match &self.engine {
            Engine::Sqlite(c) => {
                sqlite::execute(c, sql, params)?;
                Ok(c.last_insert_rowid())
            }
            Engine::Pg(c) => {
                let sql = format!("{sql} RETURNING id");
                c.query_row(&sql, params, &mut |r| r.get(0))
            }
        }
    }

    /// Every row of a query, each through `f`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        mut f: impl FnMut(&Row) -> DbResult<T>,
    ) -> DbResult<Vec<T>> {
        match &self.engine {
            Engine::Sqlite(c) => {
                sqlite::query_map(c, sql, params, &mut |r| f(&Row(RowInner::Sqlite(r))))
            }
            Engine::Pg(c) => c.query_map(sql, params, &mut |r| f(&Row(RowInner::Pg(r)))),
        }
    }

    /// The first row of a query through `f`, or `None`.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        f: impl FnOnce(&Row) -> DbResult<T>,
    ) -> DbResult<Option<T>> {
        let mut f = Some(f);
        let mut out = None;
        self.query_map(sql, params, |r| {
            if let Some(f) = f.take() {
                out = Some(f(r)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query through `f`; no row is [`DbError::NoRow`].
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        f: impl FnOnce(&Row) -> DbResult<T>,
    ) -> DbResult<T> {
        self.query_opt(sql, params, f)?.ok_or(DbError::NoRow)
    }

    /// Starts a write transaction that holds the register's write lock until it ends:
    /// `BEGIN IMMEDIATE` on SQLite, a transaction-scoped advisory lock on PostgreSQL.
    pub fn begin(&self) -> DbResult<Tx<'_>> {
        match &self.engine {
            Engine::Sqlite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
            Engine::Pg(c) => c.begin()?,
        }
        Ok(Tx {
            db: self,
            open: true,
        })
    }
}

/// A write transaction: committed by [`Tx::commit`], rolled back when dropped.
pub struct Tx<'a> {
    db: &'a Db,
    open: bool,
}

impl Tx<'_> {
    /// Commits the transaction.
    pub fn commit(mut self) -> DbResult<()> {
        self.open = false;
        match &self.db.engine {
            Engine::Sqlite(c) => Ok(c.execute_batch("COMMIT")?),
            Engine::Pg(c) => c.commit(),
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            match &self.db.engine {
                Engine::Sqlite(c) => {
                    let _ = c.execute_batch("ROLLBACK");
                }
                Engine::Pg(c) => c.rollback(),
            }
        }
    }
}

/// `?N` and `?` placeholders as PostgreSQL's `$N` (string literals left alone).
pub(crate) fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut in_str = false;
    let mut max = 0u32;
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_str = !in_str;
            out.push(c);
        } else if c == '?' && !in_str {
            let mut digits = String::new();
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(*d);
                chars.next();
            }
            let n = if digits.is_empty() {
                max + 1
            } else {
                digits.parse().unwrap_or(max + 1)
            };
            max = max.max(n);
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars() {
        assert_eq!(
            dollar_placeholders("SELECT ?1, ?2, '?x' WHERE a = ?1"),
            "SELECT $1, $2, '?x' WHERE a = $1"
        );
        assert_eq!(
            dollar_placeholders("a = ? AND b = ? AND c IN (?, ?)"),
            "a = $1 AND b = $2 AND c IN ($3, $4)"
        );
        assert_eq!(dollar_placeholders("?3 ?"), "$3 $4");
    }

    #[test]
    fn values_convert_both_ways() {
        assert_eq!(true.to_value(), Value::Int(1));
        assert_eq!(Some("a").to_value(), Value::Text("a".into()));
        assert_eq!(None::<i64>.to_value(), Value::Null);
        assert_eq!(bool::from_value(Value::Int(0)), Ok(false));
        assert_eq!(Option::<String>::from_value(Value::Null), Ok(None));
        assert!(i64::from_value(Value::Text("x".into())).is_err());
        assert!(u32::from_value(Value::Int(-1)).is_err());
    }
}
