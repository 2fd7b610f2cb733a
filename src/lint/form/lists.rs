//! Kính gửi and Nơi nhận lines: no typed dash, the regime's line-end punctuation.

use super::super::text::Source;
use super::super::{Doc, Raw, Severity};
use super::{left_column, lines};

/// An annotation glued to the line's punctuation (`Sở Tài chính;(p/h)`): the range from the
/// mark to the line end, the mark and the annotation (`(p/h)`).
pub(super) fn glued_annotation(c: &[char], a: usize, b: usize) -> Option<(usize, char, String)> {
    if b < a + 4 || c[b - 1] != ')' {
        return None;
    }
    let open = (a..b - 1).rev().find(|&k| c[k] == '(')?;
    let mark = *c.get(open.checked_sub(1)?)?;
    if open < a + 2 || !matches!(mark, ';' | ',' | '.') || c[open - 2].is_whitespace() {
        return None;
    }
    Some((open - 1, mark, c[open..b].iter().collect()))
}

pub(super) fn list_entry(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let Some(f) = &src.field else { return };
    if f == "archive" {
        return;
    }
    let c = &src.chars;
    if let Some((s, mark, note)) = glued_annotation(c, 0, c.len()) {
        out.push(
            Raw::new(
                si,
                "form.list-punct",
                Severity::Warning,
                s,
                c.len(),
                format!("Ghi chú «{note}» dính vào dấu «{mark}»: viết «… {note}», chương trình tự thêm dấu cuối dòng khi in."),
            )
            .fix(format!(" {note}")),
        );
        return;
    }
    if c.starts_with(&['-', ' ']) || c.starts_with(&['+', ' ']) {
        out.push(
            Raw::new(
                si,
                "form.list-punct",
                Severity::Warning,
                0,
                2,
                "Không gõ gạch đầu dòng: chương trình tự thêm «- » khi in.",
            )
            .fix(""),
        );
    }
    if let Some(&last) = c.last() {
        if matches!(last, ';' | ',' | '.') && !c.ends_with(&['.', '/', '.']) {
            let n = c.len();
            out.push(
                Raw::new(si, "form.list-punct", Severity::Warning, n - 1, n, format!("Không gõ dấu «{last}» cuối dòng: chương trình tự thêm dấu theo thể thức khi in."))
                    .fix(""),
            );
        }
    }
}

/// Nơi nhận in a pasted letter: every line but the last ends with the regime's mark, the last `.`.
pub(super) fn plain_lists(doc: &Doc, out: &mut Vec<Raw>) {
    for heading in ["Kính gửi", "Nơi nhận"] {
        plain_list(doc, heading, out);
    }
}

/// The dashed lines under a heading (`Kính gửi:`, `Nơi nhận:`) of a pasted letter.
fn plain_list(doc: &Doc, heading: &str, out: &mut Vec<Raw>) {
    let src = &doc.sources[0];
    let c = &src.chars;
    let ls = lines(c);
    let Some(h) = ls.iter().position(|&(s, e)| {
        let line: String = c[s..e].iter().collect();
        let t = line.trim_start();
        // The heading alone on its line (one recipient on the same line has no list).
        t.starts_with(heading) && t[heading.len()..].trim_start_matches(':').trim().is_empty()
            || t.starts_with(heading) && heading == "Nơi nhận"
    }) else {
        return;
    };
    let mut items: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in &ls[h + 1..] {
        let e = left_column(c, s, e);
        let mut a = s;
        while a < e && c[a].is_whitespace() {
            a += 1;
        }
        let mut b = e;
        while b > a && c[b - 1].is_whitespace() {
            b -= 1;
        }
        if a == b {
            if items.is_empty() {
                continue;
            }
            break;
        }
        if c[a] != '-' && c[a] != '+' {
            if items.is_empty() {
                continue;
            }
            break;
        }
        items.push((a, b));
    }
    // The rule set's line end, or one of its alternatives kept throughout (the first line
    // decides); `;` when the regime is unknown.
    let first = items.first().map(|&(_, b)| c[b - 1]);
    let sep = match doc.ctx.rules {
        Some(r) => {
            let own = r.cc.line_end.chars().next().unwrap_or(';');
            r.cc.line_end_alternatives
                .iter()
                .filter_map(|e| e.chars().next())
                .find(|&alt| Some(alt) == first)
                .unwrap_or(own)
        }
        None => ';',
    };
    let n = items.len();
    for (k, &(_, b)) in items.iter().enumerate() {
        let want = if k + 1 == n { '.' } else { sep };
        if let Some((s, mark, note)) = glued_annotation(c, items[k].0, b) {
            out.push(
                Raw::new(
                    0,
                    "form.list-punct",
                    Severity::Warning,
                    s,
                    b,
                    format!("Ghi chú «{note}» dính vào dấu «{mark}»: viết «… {note}{want}»."),
                )
                .fix(format!(" {note}{want}")),
            );
            continue;
        }
        let last = c[b - 1];
        if last == want {
            continue;
        }
        let r = if matches!(last, ';' | ',' | '.' | ':') {
            Raw::new(
                0,
                "form.list-punct",
                Severity::Warning,
                b - 1,
                b,
                format!("Dòng «{heading}» kết thúc bằng «{want}», không phải «{last}»."),
            )
            .fix(want.to_string())
        } else {
            Raw::new(
                0,
                "form.list-punct",
                Severity::Warning,
                b - 1,
                b,
                format!("Dòng «{heading}» thiếu dấu «{want}» ở cuối."),
            )
            .fix(format!("{last}{want}"))
        };
        out.push(r);
    }
}
