//! The work and output budget of filling a template: a template is a user's file, and two
//! nested `range(end=100000)` loops must not fill memory or run for minutes.
//!
//! Tera has no fuel, so the budget is kept in two places: `range()` (the only way to loop
//! beyond the values' lists, which have their own limits) takes its items from a count shared
//! by the whole field, and the output is written through a writer that stops at a cap.

use std::cell::Cell;
use std::io::Write;
use tera::{Context, Kwargs, State, Tera, TeraResult};

/// Items all `range()` calls of one field may produce together (≈ loop iterations).
pub const RANGE_ITEMS: u64 = 100_000;

/// Bytes one field may render to (the body's own limit is 1 MiB).
pub const OUTPUT_BYTES: usize = 2 * 1024 * 1024;

thread_local! {
    static RANGE_LEFT: Cell<u64> = const { Cell::new(RANGE_ITEMS) };
    static RANGE_SPENT: Cell<bool> = const { Cell::new(false) };
}

/// Why rendering a field stopped.
#[derive(Debug)]
pub(crate) enum Stop {
    /// Over the budget: what was exceeded.
    Budget(String),
    /// Tera's own error.
    Tera(tera::Error),
}

/// `range(start=0, end, step_by=1)` as tera's, drawing its items from the field's budget.
pub(crate) fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i64>> {
    let start = kwargs.get::<i64>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i64>("end")?;
    let step = kwargs.get::<i64>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let (span, by) = (i128::from(end) - i128::from(start), i128::from(step));
    let len = if (span > 0) == (by > 0) && span != 0 {
        (span.abs() + by.abs() - 1) / by.abs()
    } else {
        0
    };
    let left = RANGE_LEFT.with(Cell::get);
    if len > i128::from(left) {
        RANGE_SPENT.with(|s| s.set(true));
        return Err(tera::Error::message(format!(
            "range() over its budget: {len} items asked, {left} of {RANGE_ITEMS} left"
        )));
    }
    // `len` fits: it is at most `left`, a u64 budget far below i64::MAX.
    let len = len as u64;
    RANGE_LEFT.with(|l| l.set(left - len));
    Ok((0..len as i64).map(|i| start + i * step).collect())
}

/// A writer that refuses to grow past [`OUTPUT_BYTES`].
struct Capped {
    buf: Vec<u8>,
    over: bool,
}

impl Write for Capped {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + data.len() > OUTPUT_BYTES {
            self.over = true;
            return Err(std::io::Error::other("template output over its budget"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders one field of a template within the budget.
pub(crate) fn render(tera: &Tera, name: &str, ctx: &Context) -> Result<String, Stop> {
    RANGE_LEFT.with(|l| l.set(RANGE_ITEMS));
    RANGE_SPENT.with(|s| s.set(false));
    let mut out = Capped {
        buf: Vec::new(),
        over: false,
    };
    let result = tera.render_to(name, ctx, &mut out);
    if out.over {
        return Err(Stop::Budget(format!(
            "over its output budget: renders more than {} MiB",
            OUTPUT_BYTES / (1024 * 1024)
        )));
    }
    if RANGE_SPENT.with(Cell::get) {
        return Err(Stop::Budget(format!(
            "over its work budget: loops more than {RANGE_ITEMS} times (range() items)"
        )));
    }
    result.map_err(Stop::Tera)?;
    String::from_utf8(out.buf).map_err(|e| Stop::Budget(format!("not UTF-8 output: {e}")))
}
