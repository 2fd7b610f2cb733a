//! The checked texts: one per field, body markup stripped with a map back to the field's
//! characters, and the word tokens of each.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::syllable::{self, is_letter, lower_char, Analysis};

/// A small, fast, non-cryptographic hasher (FxHash) for the per-check word memos.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by words, with [`FxHasher`].
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<FxHasher>>;

/// What kind of text a field holds, which decides the rules that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Running text: body, subject, căn cứ, recipients, attachments, a plain text file.
    Prose,
    /// A heading-like line in capitals (issuer, signer's title): no sentence rules.
    Caps,
    /// A person's name.
    Name,
    /// A Nơi nhận entry or the archive line.
    List,
}

/// The case pattern of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// all lower case
    Lower,
    /// First letter capital, the rest lower case.
    Title,
    /// All capitals (two letters or more).
    Upper,
    /// Anything else (`YouTube`, `banNhân`).
    Mixed,
}

/// A whitespace-separated chunk with its core (leading and trailing punctuation trimmed).
#[derive(Debug, Clone)]
pub struct Token {
    /// First character of the core (in the clean text).
    pub start: usize,
    /// End of the core.
    pub end: usize,
    /// First character of the chunk.
    pub chunk_start: usize,
    /// End of the chunk.
    pub chunk_end: usize,
    /// The core, lower-cased.
    pub lower: String,
    /// Whether the core is letters only.
    pub word: bool,
    /// Case pattern of the core.
    pub case: Case,
    /// The syllable analysis of a letters-only core (`None`: not a Vietnamese syllable).
    pub syl: Option<Analysis>,
}

impl Token {
    /// Whether nothing but spaces separates this token's core from the next chunk's core
    /// (no punctuation, no line break).
    pub fn tight_with(&self, next: &Token, chars: &[char]) -> bool {
        self.end == self.chunk_end
            && next.start == next.chunk_start
            && chars[self.chunk_end..next.chunk_start]
                .iter()
                .all(|&c| c == ' ')
    }
}

/// One checked text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Field path (`body`, `recipients[1]`), `None` for a plain text file.
    pub field: Option<String>,
    /// What the field holds.
    pub kind: FieldKind,
    /// The field's characters as stored.
    pub orig: Vec<char>,
    /// The characters the rules read (markup removed).
    pub chars: Vec<char>,
    /// Clean index → original index (`None`: identity).
    pub map: Option<Vec<usize>>,
    /// Clean indexes of the lines that are body headings (`#`), with their level.
    pub headings: Vec<(usize, u8)>,
    /// Word tokens.
    pub tokens: Vec<Token>,
}

impl Source {
    /// A field read as it is.
    pub fn plain(field: Option<String>, kind: FieldKind, text: &str) -> Source {
        let orig: Vec<char> = text.chars().collect();
        let tokens = tokenize(&orig);
        Source {
            field,
            kind,
            chars: orig.clone(),
            orig,
            map: None,
            headings: Vec::new(),
            tokens,
        }
    }

    /// The body, its markup (`#` headings, `**`, `*`, `\` escapes) removed.
    pub fn body(field: Option<String>, text: &str) -> Source {
        let orig: Vec<char> = text.chars().collect();
        let mut chars = Vec::with_capacity(orig.len());
        let mut map = Vec::with_capacity(orig.len());
        let mut headings = Vec::new();
        let mut i = 0;
        let mut line_start = true;
        while i < orig.len() {
            let c = orig[i];
            if line_start {
                line_start = false;
                let mut j = i;
                while j < orig.len() && orig[j] == ' ' {
                    j += 1;
                }
                let mut n = 0;
                while j + n < orig.len() && orig[j + n] == '#' && n < 4 {
                    n += 1;
                }
                if (1..=3).contains(&n) && orig.get(j + n) == Some(&' ') {
                    let mut k = j + n;
                    while k < orig.len() && orig[k] == ' ' {
                        k += 1;
                    }
                    headings.push((chars.len(), n as u8));
                    i = k;
                    continue;
                }
            }
            match c {
                '\n' => {
                    line_start = true;
                    chars.push(c);
                    map.push(i);
                    i += 1;
                }
                '\\' if matches!(orig.get(i + 1), Some('*' | '\\' | '#' | '-' | '_')) => {
                    chars.push(orig[i + 1]);
                    map.push(i);
                    i += 2;
                }
                '*' => {
                    let mut j = i;
                    while j < orig.len() && orig[j] == '*' {
                        j += 1;
                    }
                    let before_space = i == 0 || orig[i - 1].is_whitespace();
                    let after_space = j >= orig.len() || orig[j].is_whitespace();
                    if before_space && after_space {
                        for (k, &ch) in orig.iter().enumerate().take(j).skip(i) {
                            chars.push(ch);
                            map.push(k);
                        }
                    }
                    i = j;
                }
                _ => {
                    chars.push(c);
                    map.push(i);
                    i += 1;
                }
            }
        }
        let tokens = tokenize(&chars);
        Source {
            field,
            kind: FieldKind::Prose,
            orig,
            chars,
            map: Some(map),
            headings,
            tokens,
        }
    }

    /// The original character index of a clean index (`len` maps to the original length).
    pub fn orig_index(&self, i: usize) -> usize {
        match &self.map {
            None => i,
            Some(m) => m.get(i).copied().unwrap_or(self.orig.len()),
        }
    }

    /// Maps a clean range to the original one; the flag tells whether it is contiguous
    /// (no markup removed inside it), the condition for offering a fix.
    pub fn orig_range(&self, start: usize, end: usize) -> (usize, usize, bool) {
        match &self.map {
            None => (start, end, true),
            Some(_) => {
                if start >= end {
                    let s = self.orig_index(start);
                    return (s, s, true);
                }
                let s = self.orig_index(start);
                let e = self.orig_index(end - 1) + 1;
                // An escape maps one clean character to two original ones.
                let exact = e - s == end - start
                    && (start..end).all(|k| self.orig[self.orig_index(k)] == self.chars[k]);
                (s, e, exact)
            }
        }
    }

    /// The clean text between two indexes.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())]
            .iter()
            .collect()
    }
}

fn is_core_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits a text into whitespace-separated chunks and trims their punctuation.
pub fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut out = Vec::with_capacity(chars.len() / 5);
    // One analysis per distinct word.
    let mut memo: WordMap<Option<Analysis>> = WordMap::default();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let cs = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let ce = i;
        let mut s = cs;
        while s < ce && !is_core_char(chars[s]) {
            s += 1;
        }
        let mut e = ce;
        while e > s && !is_core_char(chars[e - 1]) {
            e -= 1;
        }
        if s >= e {
            continue;
        }
        let core = &chars[s..e];
        let word = core.iter().all(|&c| is_letter(c));
        let lower: String = core.iter().map(|&c| lower_char(c)).collect();
        let syl = if word {
            match memo.get(&lower) {
                Some(a) => *a,
                None => {
                    let a = syllable::analyze(&lower);
                    memo.insert(lower.clone(), a);
                    a
                }
            }
        } else {
            None
        };
        out.push(Token {
            syl,
            start: s,
            end: e,
            chunk_start: cs,
            chunk_end: ce,
            case: case_of(core),
            lower,
            word,
        });
    }
    out
}

/// The case pattern of a run of characters (non-letters ignored).
pub fn case_of(core: &[char]) -> Case {
    let (mut n, mut upper, mut first_upper, mut rest_upper) = (0usize, 0usize, false, false);
    for &c in core.iter().filter(|c| c.is_alphabetic()) {
        let up = c.is_uppercase();
        if n == 0 {
            first_upper = up;
        } else if up {
            rest_upper = true;
        }
        upper += usize::from(up);
        n += 1;
    }
    if upper == 0 {
        Case::Lower
    } else if n >= 2 && upper == n {
        Case::Upper
    } else if first_upper && !rest_upper {
        Case::Title
    } else {
        Case::Mixed
    }
}

/// 1-based line and column (in characters) of a character index.
pub fn line_col(chars: &[char], idx: usize) -> (usize, usize) {
    let mut line = 1;
    let mut col = 1;
    for &c in &chars[..idx.min(chars.len())] {
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_markup_is_removed_with_a_map_back() {
        let s = Source::body(
            Some("body".into()),
            "# I. MỤC ĐÍCH\n\n**Điều 1.** Ban \\* hành",
        );
        let clean: String = s.chars.iter().collect();
        assert_eq!(clean, "I. MỤC ĐÍCH\n\nĐiều 1. Ban * hành");
        assert_eq!(s.headings, vec![(0, 1)]);
        let at = clean
            .find("Điều")
            .map(|b| clean[..b].chars().count())
            .expect("Điều");
        // "Điều" starts after the "**" in the original.
        assert_eq!(s.orig[s.orig_index(at)], 'Đ');
        assert_eq!(s.orig[s.orig_index(at) - 1], '*');
        let ban = clean
            .find("Ban")
            .map(|b| clean[..b].chars().count())
            .expect("Ban");
        let (a, b, exact) = s.orig_range(ban, ban + 3);
        assert!(exact);
        assert_eq!(s.orig[a..b].iter().collect::<String>(), "Ban");
        // A range over the removed `**` is not contiguous.
        let (_, _, exact) = s.orig_range(at, at + 9);
        assert!(!exact);
    }

    #[test]
    fn tokens_trim_punctuation() {
        let chars: Vec<char> = "(Facebook, Zalo) số 113-KH/TU, ngày".chars().collect();
        let t = tokenize(&chars);
        let words: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(words, ["facebook", "zalo", "số", "113-kh/tu", "ngày"]);
        assert!(t[0].word && !t[3].word);
        assert_eq!(t[1].case, Case::Title);
        assert_eq!(line_col(&chars, 0), (1, 1));
    }
}
