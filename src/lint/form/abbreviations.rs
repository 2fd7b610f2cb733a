//! Abbreviations used before their full form is written out.

use std::collections::HashMap;

use super::super::syllable::upper_char;
use super::super::text::{Case, FieldKind};
use super::super::{Doc, Raw, Severity};
use super::lines;

/// Abbreviations whose full form is known.
const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("UBND", &["ủy ban nhân dân", "uỷ ban nhân dân"]),
    ("HĐND", &["hội đồng nhân dân"]),
    ("MTTQ", &["mặt trận tổ quốc"]),
    ("XHCN", &["xã hội chủ nghĩa"]),
    ("BCH", &["ban chấp hành"]),
    ("BTV", &["ban thường vụ"]),
    ("BCĐ", &["ban chỉ đạo"]),
    ("CNTT", &["công nghệ thông tin"]),
    ("ĐTN", &["đoàn thanh niên"]),
];

fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter_map(|w| w.chars().next())
        .map(upper_char)
        .collect()
}

/// For each line of a text: (its start, whether it has no lower-case letter: a header line or
/// a heading in capitals).
fn caps_lines(c: &[char]) -> Vec<(usize, bool)> {
    lines(c)
        .into_iter()
        .map(|(s, e)| (s, !c[s..e].iter().any(|x| x.is_lowercase())))
        .collect()
}

fn in_caps_line(lines: &[(usize, bool)], i: usize) -> bool {
    let k = lines.partition_point(|l| l.0 <= i).max(1) - 1;
    lines.get(k).is_some_and(|l| l.1)
}

pub(super) fn abbreviations(doc: &Doc, out: &mut Vec<Raw>) {
    // Positions in reading order: (source, token index).
    let prose: Vec<usize> = (0..doc.sources.len())
        .filter(|&i| doc.sources[i].kind == FieldKind::Prose)
        .collect();
    static FIRSTS: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| {
        ABBREVIATIONS
            .iter()
            .flat_map(|(_, forms)| forms.iter().filter_map(|f| f.split(' ').next()))
            .collect()
    });
    let mut first_use: HashMap<String, (usize, usize)> = HashMap::new();
    let mut defined: HashMap<String, (usize, usize)> = HashMap::new();
    for &si in &prose {
        let src = &doc.sources[si];
        let toks = &src.tokens;
        let caps = caps_lines(&src.chars);
        for (ti, t) in toks.iter().enumerate() {
            if t.case != Case::Upper || !t.word || t.end - t.start < 2 {
                continue;
            }
            if in_caps_line(&caps, t.start) {
                continue;
            }
            let abbr = src.slice(t.start, t.end);
            let bracketed = t.start > t.chunk_start && src.chars[t.start - 1] == '(';
            if bracketed {
                let n = abbr.chars().count();
                if ti >= n {
                    let words: Vec<&str> =
                        toks[ti - n..ti].iter().map(|x| x.lower.as_str()).collect();
                    if initials(&words) == abbr {
                        defined.entry(abbr.clone()).or_insert((si, ti - n));
                        continue;
                    }
                }
            }
            first_use.entry(abbr).or_insert((si, ti));
        }
        // Known full forms written out.
        for (ti, t) in toks.iter().enumerate() {
            if !firsts.contains(t.lower.as_str()) {
                continue;
            }
            for (abbr, forms) in ABBREVIATIONS {
                for form in *forms {
                    let mut fw = form.split(' ');
                    if fw.next() != Some(t.lower.as_str()) {
                        continue;
                    }
                    if fw
                        .enumerate()
                        .all(|(k, w)| toks.get(ti + 1 + k).is_some_and(|x| x.lower == w))
                    {
                        defined.entry(abbr.to_string()).or_insert((si, ti));
                    }
                }
            }
        }
    }
    let order = |p: (usize, usize)| (prose.iter().position(|&s| s == p.0).unwrap_or(0), p.1);
    let mut v: Vec<(&String, &(usize, usize))> = first_use.iter().collect();
    v.sort();
    for (abbr, &(si, ti)) in v {
        let Some(&d) = defined.get(abbr) else {
            continue;
        };
        if order(d) <= order((si, ti)) {
            continue;
        }
        let t = &doc.sources[si].tokens[ti];
        out.push(Raw::new(si, "form.abbrev-before-full", Severity::Warning, t.start, t.end, format!("Chữ viết tắt «{abbr}» dùng trước khi viết đầy đủ; lần đầu ghi tên đầy đủ kèm «({abbr})».")));
    }
}
