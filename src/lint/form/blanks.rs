//! Blanks (`số   /`, `ngày … tháng`) left in a document marked final.

use super::super::text::Source;
use super::super::{Raw, Severity};

pub(super) fn blanks(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let c = &src.chars;
    for t in &src.tokens {
        if !matches!(t.lower.as_str(), "ngày" | "tháng" | "số")
            || t.end != t.chunk_end && src.slice(t.end, t.chunk_end) != ":"
        {
            continue;
        }
        let mut j = t.chunk_end;
        while c.get(j) == Some(&' ') {
            j += 1;
        }
        let gap = j - t.chunk_end;
        let blank = matches!(c.get(j), Some('…' | '_'))
            || c[j.min(c.len())..].starts_with(&['.', '.'])
            || gap >= 2
                && (c.get(j) == Some(&'/')
                    || c[j..].starts_with(&['t', 'h', 'á', 'n', 'g'])
                    || c[j..].starts_with(&['n', 'ă', 'm']));
        if blank {
            out.push(Raw::new(
                si,
                "form.blank-in-final",
                Severity::Error,
                t.start,
                j,
                "Văn bản đã đánh dấu chính thức nhưng còn để trống số hoặc ngày tháng.",
            ));
        }
    }
}
