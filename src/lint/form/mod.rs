//! Form: the signing prefix (`KT. GIÁM ĐỐC`, the regime's own symbols), the `Lưu` line and
//! its unit, the Kính gửi / Nơi nhận punctuation, blanks in a final document, heading
//! numbering, a capital after `;`, the special nouns, abbreviations before their full form,
//! phrases repeated back to back.

mod abbreviations;
mod archive;
mod blanks;
mod headings;
mod lists;
mod signing;
mod wording;

use abbreviations::abbreviations;
use archive::archive;
use blanks::blanks;
use headings::heading_numbering;
use lists::{list_entry, plain_lists};
use signing::{sign_prefix, typed_prefix};
use wording::{capital_after_semicolon, repeated, special_nouns};

use super::text::FieldKind;
use super::{Doc, Raw};

/// Runs the form rules.
pub fn check(doc: &Doc, out: &mut Vec<Raw>) {
    for (si, src) in doc.sources.iter().enumerate() {
        sign_prefix(doc, si, src, out);
        if doc.ctx.is_final {
            blanks(si, src, out);
        }
        if src.kind == FieldKind::Prose {
            capital_after_semicolon(si, src, out);
            special_nouns(si, src, out);
            repeated(si, src, out);
        }
        if src.kind == FieldKind::List {
            list_entry(si, src, out);
        }
    }
    typed_prefix(doc, out);
    archive(doc, out);
    if doc.ctx.plain {
        plain_lists(doc, out);
    }
    heading_numbering(doc, out);
    abbreviations(doc, out);
}

/// The (start, end) of every line of a text.
pub(super) fn lines(chars: &[char]) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut s = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            v.push((s, i));
            s = i + 1;
        }
    }
    v.push((s, chars.len()));
    v
}

/// The left column of a line of a pasted letter (two columns flattened by many spaces or a tab).
pub(super) fn left_column(chars: &[char], s: usize, e: usize) -> usize {
    let mut i = s;
    while i < e {
        if chars[i] == '\t' || chars[i..e.min(i + 3)].iter().all(|&c| c == ' ') && i + 3 <= e {
            return i;
        }
        i += 1;
    }
    e
}
