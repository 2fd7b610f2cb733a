//! Values as the register stores them: dates and statuses read back strictly, and the
//! folded search text of an entry. Shared by both engines.

use super::db::{DbError, DbResult, Row};
use super::fold::fold;

/// A stored text read back through `parse`: a value it refuses (a damaged row) is an error
/// naming what it should have been, never a silent default such as 1970-01-01.
pub(crate) fn parse_stored<T>(
    text: &str,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> DbResult<T> {
    parse(text).ok_or_else(|| DbError::Conversion {
        index: 0,
        message: format!("damaged register row: \"{text}\" is not a {what}"),
    })
}

/// Column `i` of a row read back through `parse` (see [`parse_stored`]).
pub(crate) fn stored<T>(
    r: &Row,
    i: usize,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> DbResult<T> {
    parse_stored(&r.get::<String>(i)?, what, parse)
}

/// A nullable column `i` read back through `parse`.
pub(crate) fn stored_opt<T>(
    r: &Row,
    i: usize,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> DbResult<Option<T>> {
    r.get::<Option<String>>(i)?
        .map(|s| parse_stored(&s, what, parse))
        .transpose()
}

/// The folded search text of an entry: symbol, number, subject, signer and recipients.
pub fn search_text(
    symbol: &str,
    number: i64,
    subject: &str,
    signer: &str,
    recipients: &str,
) -> String {
    fold(&format!(
        "{symbol} {number} {subject} {signer} {recipients}"
    ))
}
