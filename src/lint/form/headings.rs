//! Heading numbering: one style (`I.`, `I -`, `I-`) per document.

use std::collections::HashMap;

use super::super::text::FieldKind;
use super::super::{Doc, Raw, Severity};
use super::lines;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Sep {
    Dot,
    SpacedDash,
    TightDash,
}

fn roman_heading(c: &[char], s: usize) -> Option<(usize, usize, Sep)> {
    let mut j = s;
    while j < c.len() && matches!(c[j], 'I' | 'V' | 'X' | 'L') {
        j += 1;
    }
    if j == s || j - s > 5 {
        return None;
    }
    let rest = &c[j..];
    let (sep, len) = if rest.starts_with(&['.', ' ']) {
        (Sep::Dot, 1)
    } else if rest.starts_with(&[' ', '-', ' ']) || rest.starts_with(&[' ', '–', ' ']) {
        (Sep::SpacedDash, 2)
    } else if rest.starts_with(&['-', ' ']) || rest.starts_with(&['–', ' ']) {
        (Sep::TightDash, 1)
    } else {
        return None;
    };
    let after = c.get(j + len + 1).copied()?;
    if !after.is_uppercase() {
        return None;
    }
    Some((j, j + len, sep))
}

pub(super) fn heading_numbering(doc: &Doc, out: &mut Vec<Raw>) {
    let mut found: Vec<(usize, usize, usize, usize, Sep)> = Vec::new();
    for (si, src) in doc.sources.iter().enumerate() {
        if src.kind != FieldKind::Prose {
            continue;
        }
        for (s, _) in lines(&src.chars) {
            let mut a = s;
            while a < src.chars.len() && src.chars[a] == ' ' {
                a += 1;
            }
            if let Some((ne, se, sep)) = roman_heading(&src.chars, a) {
                found.push((si, a, ne, se, sep));
            }
        }
    }
    let mut counts: HashMap<Sep, usize> = HashMap::new();
    for f in &found {
        *counts.entry(f.4).or_default() += 1;
    }
    if counts.len() < 2 {
        return;
    }
    let best = found
        .iter()
        .map(|f| f.4)
        .max_by_key(|s| {
            (
                counts[s],
                usize::MAX - found.iter().position(|f| f.4 == *s).unwrap_or(0),
            )
        })
        .unwrap_or(Sep::Dot);
    let text = |s: Sep| match s {
        Sep::Dot => ".",
        Sep::SpacedDash => " -",
        Sep::TightDash => "-",
    };
    for (si, a, ne, se, sep) in found {
        if sep == best {
            continue;
        }
        let src = &doc.sources[si];
        let num = src.slice(a, ne);
        let have = src.slice(a, se);
        let fix = format!("{num}{}", text(best));
        out.push(
            Raw::new(
                si,
                "form.heading-numbering",
                Severity::Warning,
                a,
                se,
                format!("Lẫn kiểu đánh số đề mục: «{have}» khác «{fix}» của các đề mục còn lại."),
            )
            .fix(fix),
        );
    }
}
