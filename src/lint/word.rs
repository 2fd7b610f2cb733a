//! Words (rule family `word`): a pair of valid syllables that is not a known word, one edit
//! (a tone, a vowel diacritic, one letter) away from a frequent known word — `thực hiên` for
//! *thực hiện*, `phối hớp` for *phối hợp* — and the same for a three-syllable term.
//!
//! Left alone: a plausible word boundary (the syllable before forms a word with the first, or
//! the second with the one after: `thành công | thông qua`), a pair often seen in official
//! text, capitalised words (names), quoted titles, and anything not plain letters.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::{Mutex, OnceLock};

use super::lexicon::{self, Lexicon};
use super::spelling::same_case;
use super::syllable::{self, split_tone, Placement};
use super::text::{Case, FieldKind, FxHasher, Source, Token, WordMap};

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
use super::{Doc, Raw, Severity};

/// A candidate word is frequent enough when the laws hold it this often (reviewed
/// administrative terms always are).
pub const MIN_WORD_COUNT: u32 = 8;

/// The typed pair is left alone unless the candidate is this many times more frequent.
pub const RATIO: u32 = 40;

/// A known word split into syllables, with its count.
#[derive(Debug, Clone)]
struct Entry {
    syl: Vec<String>,
    count: u32,
}

/// Frequent words indexed by their syllables: (position, syllable) → entries of that length.
#[derive(Debug, Default)]
struct Index {
    two: FxMap<(u8, String), Vec<usize>>,
    /// The largest count among the two-syllable words holding a syllable, either position.
    best: FxMap<String, u32>,
    three: FxMap<(u8, String, String), Vec<usize>>,
    entries: Vec<Entry>,
}

fn index() -> Option<&'static (&'static Lexicon, Index)> {
    static I: OnceLock<Option<(&'static Lexicon, Index)>> = OnceLock::new();
    I.get_or_init(|| {
        let lex = lexicon::get()?;
        Some((lex, build_index(lex)))
    })
    .as_ref()
}

/// Builds the index of a lexicon's frequent words, as the first check does; returns the
/// number of words indexed (the benchmark times it with [`lexicon::Lexicon::parse`]).
pub fn index_size(lex: &Lexicon) -> usize {
    build_index(lex).entries.len()
}

fn build_index(lex: &Lexicon) -> Index {
    {
        let mut ix = Index::default();
        let mut words: Vec<(&str, u32)> =
            lex.words().filter(|&(_, c)| c >= MIN_WORD_COUNT).collect();
        words.sort_unstable();
        for (w, count) in words {
            let syl: Vec<String> = w.split(' ').map(str::to_string).collect();
            let i = ix.entries.len();
            match syl.len() {
                2 => {
                    for x in &syl {
                        let b = ix.best.entry(x.clone()).or_insert(0);
                        *b = (*b).max(count);
                    }
                    ix.two.entry((0, syl[0].clone())).or_default().push(i);
                    ix.two.entry((1, syl[1].clone())).or_default().push(i);
                }
                3 => {
                    // Keyed by the two syllables kept: the third may be the slip.
                    for skip in 0..3u8 {
                        let kept: Vec<&String> = (0..3)
                            .filter(|&k| k != skip as usize)
                            .map(|k| &syl[k])
                            .collect();
                        ix.three
                            .entry((skip, kept[0].clone(), kept[1].clone()))
                            .or_default()
                            .push(i);
                    }
                }
                _ => continue,
            }
            ix.entries.push(Entry { syl, count });
        }
        ix
    }
}

/// Loads the lexicon and the word index now (the app calls it at start-up, off the UI thread).
pub fn warm() -> bool {
    index().is_some()
}

/// A syllable's tone and its toneless letters (at most 8 kept; longer ones never match).
fn untone(s: &str) -> (u8, [char; 8], usize) {
    let mut tone = 0;
    let mut out = ['\0'; 8];
    let mut n = 0;
    for c in s.chars() {
        let b = match split_tone(c) {
            Some((b, t)) => {
                if t != 0 {
                    tone = t;
                }
                b
            }
            None => c,
        };
        if n < out.len() {
            out[n] = b;
        }
        n += 1;
    }
    (tone, out, n)
}

/// Edits between two syllables: the tone counts one, then each letter inserted, removed or
/// replaced (a vowel diacritic is a replaced letter: `ă` for `a`).
pub fn edits(a: &str, b: &str) -> usize {
    let (ta, la, na) = untone(a);
    let (tb, lb, nb) = untone(b);
    if na > 8 || nb > 8 {
        return usize::MAX;
    }
    usize::from(ta != tb) + levenshtein(&la[..na], &lb[..nb])
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev = [0usize; 9];
    let mut cur = [0usize; 9];
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The key of a token (lower case, new tone placement), `None` unless it is a plain
/// lower-case syllable (or a sentence's capitalised first word, when `first_ok`).
fn key_of(t: &Token) -> Option<Cow<'_, str>> {
    let a = t.syl?;
    if a.placement == Placement::Old {
        syllable::to_placement(&t.lower, Placement::New).map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(t.lower.as_str()))
    }
}

/// Which tokens sit inside quotes («…», “…”, "…").
fn quoted(src: &Source) -> Vec<bool> {
    let mut out = Vec::with_capacity(src.tokens.len());
    let mut depth = 0i32;
    let mut straight = false;
    let mut at = 0;
    for t in &src.tokens {
        for &c in &src.chars[at..t.start] {
            match c {
                '«' | '“' => depth += 1,
                '»' | '”' => depth = (depth - 1).max(0),
                '"' => straight = !straight,
                '\n' => {
                    depth = 0;
                    straight = false;
                }
                _ => {}
            }
        }
        at = t.start;
        out.push(depth > 0 || straight);
    }
    out
}

/// Whether a token starts a sentence (text start, a line start, or after `.`, `!`, `?`, `:`).
fn sentence_start(src: &Source, t: &Token) -> bool {
    src.chars[..t.start]
        .iter()
        .rev()
        .find(|c| **c != ' ' && **c != '\t')
        .is_none_or(|c| matches!(c, '\n' | '.' | '!' | '?' | ':' | '-' | '+'))
}

/// A candidate fix: the word's syllables and its count.
type Cand = (Vec<String>, u32);

fn candidates2(ix: &Index, lex: &Lexicon, a: &str, b: &str) -> Vec<Cand> {
    let pair = format!("{a} {b}");
    let seen = u32::from(lex.pair_count(&pair).unwrap_or(0));
    let best = |x: &str| ix.best.get(x).copied().unwrap_or(0);
    // No word holding either syllable is frequent enough to outweigh the pair as typed.
    if best(a).max(best(b)) <= seen.saturating_mul(RATIO) {
        return Vec::new();
    }
    let mut out: Vec<Cand> = Vec::new();
    for (pos, kept, other) in [(0u8, a, b), (1u8, b, a)] {
        let Some(list) = ix.two.get(&(pos, kept.to_string())) else {
            continue;
        };
        for &i in list {
            let e = &ix.entries[i];
            let cand = &e.syl[1 - pos as usize];
            if e.count > seen.saturating_mul(RATIO)
                && cand.len().abs_diff(other.len()) <= 4
                && edits(cand, other) == 1
            {
                out.push((e.syl.clone(), e.count));
            }
        }
    }
    out.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    out.dedup_by(|x, y| x.0 == y.0);
    out
}

fn candidates3(ix: &Index, k: [&str; 3]) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for skip in 0..3u8 {
        let kept: Vec<&str> = (0..3)
            .filter(|&i| i != skip as usize)
            .map(|i| k[i])
            .collect();
        let Some(list) = ix
            .three
            .get(&(skip, kept[0].to_string(), kept[1].to_string()))
        else {
            continue;
        };
        for &i in list {
            let e = &ix.entries[i];
            if edits(&e.syl[skip as usize], k[skip as usize]) == 1 {
                out.push((e.syl.clone(), e.count));
            }
        }
    }
    out.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    out.dedup_by(|x, y| x.0 == y.0);
    out
}

/// The fixed text of a span: each syllable as typed where it is unchanged, else the
/// candidate's in the typed syllable's tone placement and case.
fn fix_text(src: &Source, toks: &[&Token], keys: &[&str], cand: &[String]) -> String {
    let mut out = String::new();
    for (k, t) in toks.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let typed = src.slice(t.start, t.end);
        if keys[k] == cand[k] {
            out.push_str(&typed);
            continue;
        }
        let new_style = t.syl.is_some_and(|a| a.placement == Placement::New);
        let s = if new_style {
            cand[k].clone()
        } else {
            syllable::to_placement(&cand[k], Placement::Old).unwrap_or_else(|| cand[k].clone())
        };
        out.push_str(&same_case(&typed, &s));
    }
    out
}

/// Runs the word rules.
pub fn check(doc: &Doc, out: &mut Vec<Raw>) {
    let Some((lex, ix)) = index() else { return };
    // The verdicts are kept between checks (the app re-checks the same draft on every
    // keystroke); a check running beside another one (a batch) keeps its own.
    let mut shared = memo().try_lock().ok();
    let mut local = Memo::default();
    let memo = match shared.as_deref_mut() {
        Some(m) => {
            if m.len() > MEMO_MAX {
                m.clear();
            }
            m
        }
        None => &mut local,
    };
    for (si, src) in doc.sources.iter().enumerate() {
        if matches!(src.kind, FieldKind::Prose | FieldKind::List) {
            check_source(si, src, lex, ix, memo, out);
        }
    }
}

/// Verdicts by pair: `None` for a known word, else the candidates (often none).
type Memo = WordMap<Option<Vec<Cand>>>;

/// Pairs remembered between checks at most (then forgotten at once).
const MEMO_MAX: usize = 100_000;

fn memo() -> &'static Mutex<Memo> {
    static M: OnceLock<Mutex<Memo>> = OnceLock::new();
    M.get_or_init(|| Mutex::new(Memo::default()))
}

fn check_source(
    si: usize,
    src: &Source,
    lex: &Lexicon,
    ix: &Index,
    memo: &mut Memo,
    out: &mut Vec<Raw>,
) {
    let toks = &src.tokens;
    let q = quoted(src);
    // Keys of the judged tokens: lower case (or a sentence's first word), not quoted.
    let keys: Vec<Option<Cow<'_, str>>> = toks
        .iter()
        .zip(&q)
        .map(|(t, &quoted)| {
            let ok = t.word
                && !quoted
                && (t.case == Case::Lower || t.case == Case::Title && sentence_start(src, t));
            if ok {
                key_of(t)
            } else {
                None
            }
        })
        .collect();
    let tight = |i: usize| i + 1 < toks.len() && toks[i].tight_with(&toks[i + 1], &src.chars);
    let buf = std::cell::RefCell::new(String::with_capacity(32));
    let is_word = |parts: &[&str]| {
        let mut b = buf.borrow_mut();
        b.clear();
        for (k, p) in parts.iter().enumerate() {
            if k > 0 {
                b.push(' ');
            }
            b.push_str(p);
        }
        lex.is_word(&b)
    };
    let mut pair_buf = String::with_capacity(32);
    let mut i = 0;
    while i + 1 < toks.len() {
        let (Some(a), Some(b)) = (&keys[i], &keys[i + 1]) else {
            i += 1;
            continue;
        };
        // A capitalised word is judged only as the first of a pair.
        if !tight(i) || toks[i + 1].case != Case::Lower {
            i += 1;
            continue;
        }
        // One look-up per distinct pair: `None` for a known word, else its candidates.
        let verdict = match memo.get(pair_key(&mut pair_buf, a, b)) {
            Some(v) => v.clone(),
            None => {
                let v = (!lex.is_word(&pair_buf)).then(|| candidates2(ix, lex, a, b));
                memo.insert(pair_buf.clone(), v.clone());
                v
            }
        };
        let Some(cands) = verdict else {
            i += 1;
            continue;
        };
        let next = tight(i + 1).then(|| keys[i + 2].as_deref()).flatten();
        // Else three syllables: `a b n` one edit from a known three-syllable term.
        let (span, cands) = match next {
            Some(n) if cands.is_empty() && toks[i + 2].case == Case::Lower => {
                let seen = u32::from(lex.pair_count(pair_key(&mut pair_buf, b, n)).unwrap_or(0));
                let c3: Vec<Cand> = if is_word(&[a, b, n]) {
                    Vec::new()
                } else {
                    candidates3(ix, [a, b, n])
                        .into_iter()
                        .filter(|c| c.1 > seen.saturating_mul(RATIO))
                        .collect()
                };
                (3, c3)
            }
            _ => (2, cands),
        };
        if cands.is_empty() {
            i += 1;
            continue;
        }
        let prev = (i > 0 && tight(i - 1))
            .then(|| keys[i - 1].as_deref())
            .flatten();
        let prev2 = (i > 1 && prev.is_some() && tight(i - 2))
            .then(|| keys[i - 2].as_deref())
            .flatten();
        let next2 = (next.is_some() && tight(i + 2))
            .then(|| keys.get(i + 3).and_then(|k| k.as_deref()))
            .flatten();
        // A plausible boundary: a word ends at `a` or one starts at `b`.
        let boundary = prev.is_some_and(|p| {
            is_word(&[p, a]) || is_word(&[p, a, b]) || prev2.is_some_and(|pp| is_word(&[pp, p, a]))
        }) || span == 2
            && next.is_some_and(|n| {
                is_word(&[b, n])
                    || is_word(&[a, b, n])
                    || next2.is_some_and(|nn| is_word(&[b, n, nn]))
            });
        // A unit after a number (`1.500 mét giá`).
        let after_number = i > 0
            && !toks[i - 1].word
            && toks[i - 1].lower.starts_with(|c: char| c.is_ascii_digit());
        if boundary || after_number {
            i += 1;
            continue;
        }
        let span_toks: Vec<&Token> = toks[i..i + span].iter().collect();
        let span_keys: Vec<&str> = keys[i..i + span]
            .iter()
            .map(|k| k.as_deref().unwrap_or(""))
            .collect();
        push(si, src, &span_toks, &span_keys, &cands, out);
        i += span;
        continue;
    }
}

fn pair_key<'a>(buf: &'a mut String, a: &str, b: &str) -> &'a str {
    buf.clear();
    buf.push_str(a);
    buf.push(' ');
    buf.push_str(b);
    buf
}

fn push(
    si: usize,
    src: &Source,
    toks: &[&Token],
    keys: &[&str],
    cands: &[Cand],
    out: &mut Vec<Raw>,
) {
    let (s, e) = (toks[0].start, toks[toks.len() - 1].end);
    let found = src.slice(s, e);
    let fixes: Vec<String> = cands
        .iter()
        .take(3)
        .map(|c| fix_text(src, toks, keys, &c.0))
        .collect();
    let list = fixes
        .iter()
        .map(|f| format!("«{f}»"))
        .collect::<Vec<_>>()
        .join(", ");
    let msg = if cands.len() == 1 {
        format!("«{found}» không phải một từ: có lẽ là {list}.")
    } else {
        format!("«{found}» không phải một từ: có lẽ là một trong {list}.")
    };
    let r = Raw::new(si, "word.misspelt", Severity::Warning, s, e, msg);
    out.push(if cands.len() == 1 {
        r.fix(fixes[0].clone())
    } else {
        r
    });
}
