//! Consistency: the same word written two ways in one document — old and new tone placement
//! (`hóa`/`hoá`), `i`/`y` (`lí`/`lý`), loanwords (`pa nô`/`pa-nô`/`pano`). The citation style
//! (`số X, ngày` and `số X ngày`) is checked with the citations.

use std::collections::HashMap;

use super::spelling::same_case;
use super::syllable::{self, lower_char, split_tone, with_tone, Placement};
use super::text::{Case, FieldKind};
use super::{Doc, Raw, Severity};

/// Runs the consistency rules over the whole document.
pub fn check(doc: &Doc, out: &mut Vec<Raw>) {
    tone_placement(doc, out);
    i_y(doc, out);
    loanwords(doc, out);
}

fn style_name(p: Placement) -> &'static str {
    match p {
        Placement::Old => "kiểu cũ: hóa, thủy",
        _ => "kiểu mới: hoá, thuỷ",
    }
}

fn tone_placement(doc: &Doc, out: &mut Vec<Raw>) {
    let mut seen: Vec<(usize, usize, usize, Placement)> = Vec::new();
    for (si, src) in doc.sources.iter().enumerate() {
        if src.kind == FieldKind::Name {
            continue;
        }
        for t in &src.tokens {
            if !t.word {
                continue;
            }
            if let Some(a) = t.syl {
                if a.placement != Placement::Neutral {
                    seen.push((si, t.start, t.end, a.placement));
                }
            }
        }
    }
    let old = seen.iter().filter(|s| s.3 == Placement::Old).count();
    let new = seen.len() - old;
    if old == 0 || new == 0 {
        return;
    }
    let target = if old > new || old == new && seen[0].3 == Placement::Old {
        Placement::Old
    } else {
        Placement::New
    };
    for (si, s, e, p) in seen {
        if p == target {
            continue;
        }
        let word = doc.sources[si].slice(s, e);
        let Some(fix) = syllable::to_placement(&word, target) else {
            continue;
        };
        out.push(
            Raw::new(
                si,
                "consistency.tone-placement",
                Severity::Warning,
                s,
                e,
                format!(
                    "Lẫn hai kiểu đặt dấu thanh: «{word}» ({}) trong văn bản viết {} → «{fix}».",
                    style_name(p),
                    style_name(target)
                ),
            )
            .fix(fix),
        );
    }
}

/// For a syllable ending in `i`/`y` after a consonant (`lí`, `lý`): its form with `i`.
fn i_key(lower: &str) -> Option<(String, bool)> {
    let chars: Vec<char> = lower.chars().collect();
    let (&last, head) = chars.split_last()?;
    let (base, tone) = split_tone(last)?;
    if !matches!(base, 'i' | 'y') || head.is_empty() {
        return None;
    }
    let onset: String = head.iter().collect();
    if !matches!(onset.as_str(), "h" | "k" | "l" | "m" | "qu" | "s" | "t")
        || onset == "t" && tone == 0
    {
        return None;
    }
    Some((format!("{onset}{}", with_tone('i', tone)), base == 'y'))
}

fn i_y(doc: &Doc, out: &mut Vec<Raw>) {
    let mut by_key: HashMap<String, Vec<(usize, usize, usize, bool)>> = HashMap::new();
    for (si, src) in doc.sources.iter().enumerate() {
        if src.kind == FieldKind::Name {
            continue;
        }
        for t in &src.tokens {
            if !t.word || t.case != Case::Lower || t.syl.is_none() || t.end - t.start > 3 {
                continue;
            }
            if let Some((k, y)) = i_key(&t.lower) {
                by_key.entry(k).or_default().push((si, t.start, t.end, y));
            }
        }
    }
    let mut keys: Vec<&String> = by_key.keys().collect();
    keys.sort();
    for k in keys {
        let v = &by_key[k];
        let ys = v.iter().filter(|x| x.3).count();
        let is = v.len() - ys;
        if ys == 0 || is == 0 {
            continue;
        }
        let target_y = ys > is || ys == is && v[0].3;
        for &(si, s, e, y) in v {
            if y == target_y {
                continue;
            }
            let word = doc.sources[si].slice(s, e);
            let mut chars: Vec<char> = word.chars().collect();
            if let Some(last) = chars.last_mut() {
                let (_, tone) = split_tone(lower_char(*last)).unwrap_or(('i', 0));
                *last = with_tone(if target_y { 'y' } else { 'i' }, tone);
            }
            let fix: String = chars.into_iter().collect();
            out.push(
                Raw::new(
                    si,
                    "consistency.i-y",
                    Severity::Warning,
                    s,
                    e,
                    format!("Cùng một từ viết hai cách trong văn bản: «{word}» và «{fix}»; nên thống nhất «{fix}»."),
                )
                .fix(fix),
            );
        }
    }
}

/// Loanwords written several ways in practice, in their usual Vietnamese spelling.
const LOANWORDS: &[&str] = &[
    "pa nô",
    "áp phích",
    "băng rôn",
    "ô tô",
    "ti vi",
    "ra đi ô",
    "vi rút",
    "in tơ nét",
    "xi măng",
    "bê tông",
    "ki ốt",
    "ga ra",
    "công te nơ",
    "ka ra ô kê",
];

fn loanwords(doc: &Doc, out: &mut Vec<Raw>) {
    // Keys: the letters without diacritics, spaces or hyphens (`pano`).
    let squash = |s: &str| -> String {
        syllable::bare(s)
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect()
    };
    let mut keys: HashMap<String, usize> = HashMap::new();
    for w in LOANWORDS {
        keys.insert(squash(w), w.split(' ').count());
    }
    for src in &doc.sources {
        for t in &src.tokens {
            if t.case == Case::Lower
                && t.lower.contains('-')
                && t.lower
                    .split('-')
                    .all(|p| !p.is_empty() && p.chars().all(syllable::is_letter))
            {
                let n = t.lower.split('-').count();
                let e = keys.entry(squash(&t.lower)).or_insert(n);
                *e = (*e).max(n);
            }
        }
    }
    // Every prefix of a key: a token whose letters are not one is skipped at once.
    let mut prefixes: std::collections::HashSet<String> = std::collections::HashSet::new();
    for k in keys.keys() {
        for (i, _) in k.char_indices().skip(1) {
            prefixes.insert(k[..i].to_string());
        }
        prefixes.insert(k.clone());
    }
    // Occurrences: (source, start, end, written form lower-cased).
    let mut found: HashMap<&String, Vec<(usize, usize, usize, String)>> = HashMap::new();
    for (si, src) in doc.sources.iter().enumerate() {
        let toks = &src.tokens;
        // The first two letters of every key (`pa` for `pano`).
        let heads: Vec<(char, Option<char>)> = keys
            .keys()
            .flat_map(|k| {
                let mut it = k.chars();
                let a = it.next().unwrap_or('\0');
                [(a, it.next()), (a, None)]
            })
            .collect();
        let squashed: Vec<String> = toks
            .iter()
            .map(|t| {
                let mut it = t
                    .lower
                    .chars()
                    .filter(|c| *c != '-')
                    .map(syllable::bare_char);
                let head = it.next().map(|a| (a, it.next()));
                if t.case == Case::Lower
                    && t.end - t.start <= 12
                    && head.is_some_and(|h| heads.contains(&h))
                {
                    squash(&t.lower)
                } else {
                    String::new()
                }
            })
            .collect();
        let mut i = 0;
        while i < toks.len() {
            if squashed[i].is_empty() || !prefixes.contains(&squashed[i]) {
                i += 1;
                continue;
            }
            let mut matched = 0;
            for (key, &maxn) in &keys {
                let mut acc = String::new();
                for n in 1..=maxn.max(1) {
                    let j = i + n - 1;
                    if j >= toks.len()
                        || !toks[j]
                            .lower
                            .chars()
                            .all(|c| syllable::is_letter(c) || c == '-')
                    {
                        break;
                    }
                    if n > 1 && !toks[j - 1].tight_with(&toks[j], &src.chars) {
                        break;
                    }
                    if j == i {
                        acc.push_str(&squashed[j]);
                    } else {
                        acc.push_str(&squash(&toks[j].lower));
                    }
                    if acc.len() > key.len() || !key.starts_with(acc.as_str()) {
                        break;
                    }
                    if acc == *key {
                        let (s, e) = (toks[i].start, toks[j].end);
                        let form: String = src.slice(s, e).chars().map(lower_char).collect();
                        found.entry(key).or_default().push((si, s, e, form));
                        matched = n;
                        break;
                    }
                }
                if matched > 0 {
                    break;
                }
            }
            i += matched.max(1);
        }
    }
    let mut ks: Vec<&&String> = found.keys().collect();
    ks.sort();
    for k in ks {
        let v = &found[*k];
        let mut counts: Vec<(String, usize)> = Vec::new();
        for o in v {
            match counts.iter_mut().find(|c| c.0 == o.3) {
                Some(c) => c.1 += 1,
                None => counts.push((o.3.clone(), 1)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        // The most frequent form; on a tie, the first written.
        let best = counts
            .iter()
            .enumerate()
            .max_by_key(|(i, c)| (c.1, usize::MAX - i))
            .map(|(_, c)| c.0.clone())
            .unwrap_or_default();
        for (si, s, e, form) in v {
            if *form == best {
                continue;
            }
            let written = doc.sources[*si].slice(*s, *e);
            let fix = same_case(&written, &best);
            out.push(
                Raw::new(
                    *si,
                    "consistency.loanword",
                    Severity::Warning,
                    *s,
                    *e,
                    format!("Một từ viết hai cách trong văn bản: «{written}» và «{best}»; nên thống nhất «{best}»."),
                )
                .fix(fix),
            );
        }
    }
}
