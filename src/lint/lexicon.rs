//! The compound-word lexicon the `word` rules read: known words of two and three syllables
//! with their frequency in official text, and the syllable pairs seen in that text.
//!
//! The data (`data/lexicon/words.bin`) is built by [`build`] (run `cargo run --example lexicon`)
//! from `vi-lexicon` (RDRsegmenter's word list, Tesseract's syllable pairs, pair counts of
//! Vietnamese laws) and the reviewed list `data/lexicon/admin-terms.txt`; it is embedded in the
//! binary and parsed on first use.
//!
//! Format (all integers little-endian): `VTLEX1\n`; a `u32` byte length and the words block
//! (`word\tcount\n` lines, sorted, syllables in the new tone placement); a `u32` pair count
//! `n`, then `n` sorted `u32` pair hashes ([`pair_hash`]) and `n` `u16` law counts.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::path::Path;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use super::syllable::{self, is_letter, lower_char};
use super::text::WordMap;

/// The shipped data.
pub const DATA: &[u8] = include_bytes!("../../data/lexicon/words.bin");

/// The reviewed administrative terms the sources lack (one per line, `#` comments).
pub const ADMIN_TERMS: &str = include_str!("../../data/lexicon/admin-terms.txt");

const MAGIC: &[u8] = b"VTLEX1\n";

/// Law counts added to an administrative term of the reviewed list (they are frequent by
/// definition: the list holds office vocabulary).
pub const ADMIN_BONUS: u32 = 1000;

/// Tesseract pairs up to this rank are common in written text: their count is at least
/// [`TESSERACT_COUNT`].
pub const TESSERACT_TOP: usize = 100_000;

/// The count given to a pair of Tesseract's most frequent ones.
pub const TESSERACT_COUNT: u32 = 50;

/// Every `HELD_OUT`-th law (by sorted file name, starting at index `HELD_OUT - 1`) is left
/// out of the counts, to measure the rule on text it never saw.
pub const HELD_OUT: usize = 10;

/// FNV-1a (32 bits) of a key (`syllable syllable`, lower case, new tone placement).
pub fn pair_hash(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The lexicon, parsed.
#[derive(Debug)]
pub struct Lexicon {
    /// Known words (keys) → law count.
    words: WordMap<u32>,
    /// Sorted pair hashes.
    pairs: Vec<u32>,
    /// Law count of each pair in `pairs`.
    counts: Vec<u16>,
}

/// Why the shipped data could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The data is shorter than its header says, or its magic is wrong.
    #[error("dữ liệu từ vựng hỏng: {0}")]
    Corrupt(&'static str),
}

fn read_u32(b: &[u8], at: usize) -> Result<u32, LexiconError> {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or(LexiconError::Corrupt("truncated"))
}

impl Lexicon {
    /// Parses the data written by [`build`].
    pub fn parse(b: &[u8]) -> Result<Lexicon, LexiconError> {
        if !b.starts_with(MAGIC) {
            return Err(LexiconError::Corrupt("magic"));
        }
        let mut at = MAGIC.len();
        let wl = read_u32(b, at)? as usize;
        at += 4;
        let block = b
            .get(at..at + wl)
            .ok_or(LexiconError::Corrupt("words block"))?;
        let block = std::str::from_utf8(block).map_err(|_| LexiconError::Corrupt("utf-8"))?;
        at += wl;
        let mut words = WordMap::default();
        words.reserve(block.len() / 14);
        for line in block.lines() {
            let (w, c) = line.split_once('\t').ok_or(LexiconError::Corrupt("line"))?;
            let c: u32 = c.parse().map_err(|_| LexiconError::Corrupt("count"))?;
            words.insert(w.to_string(), c);
        }
        let n = read_u32(b, at)? as usize;
        at += 4;
        let hb = b
            .get(at..at + 4 * n)
            .ok_or(LexiconError::Corrupt("pairs"))?;
        let pairs: Vec<u32> = hb
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        at += 4 * n;
        let cb = b
            .get(at..at + 2 * n)
            .ok_or(LexiconError::Corrupt("counts"))?;
        let counts: Vec<u16> = cb
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Lexicon {
            words,
            pairs,
            counts,
        })
    }

    /// Whether a key (`syllable syllable[ syllable]`, see [`syllable::key`]) is a known word.
    pub fn is_word(&self, key: &str) -> bool {
        self.words.contains_key(key)
    }

    /// The law count of a known word (with [`ADMIN_BONUS`] for a reviewed term).
    pub fn word_count(&self, key: &str) -> Option<u32> {
        self.words.get(key).copied()
    }

    /// How often a pair was seen in the laws (`None`: never seen in any source).
    pub fn pair_count(&self, key: &str) -> Option<u16> {
        let h = pair_hash(key);
        self.pairs
            .binary_search(&h)
            .ok()
            .and_then(|i| self.counts.get(i).copied())
    }

    /// Every known word with its count.
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.words.iter().map(|(k, &v)| (k.as_str(), v))
    }

    /// Number of known words and of pairs.
    pub fn sizes(&self) -> (usize, usize) {
        (self.words.len(), self.pairs.len())
    }
}

/// The shipped lexicon, parsed on first use (`None` if the embedded data were corrupt, which
/// a test rules out).
pub fn get() -> Option<&'static Lexicon> {
    static L: OnceLock<Option<Lexicon>> = OnceLock::new();
    L.get_or_init(|| Lexicon::parse(DATA).ok()).as_ref()
}

/// The key of a word: each syllable lower-cased in the new tone placement, joined by one
/// space; `None` when a syllable is not a valid Vietnamese syllable.
pub fn word_key(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for s in text.split_whitespace() {
        if !syllable::is_valid(s) {
            return None;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&syllable::key(s));
    }
    (!out.is_empty()).then_some(out)
}

/// Runs of letter words separated by single spaces only: the sentences' pair chains.
fn chains(text: &str, memo: &mut HashMap<String, Option<String>>, mut f: impl FnMut(&[String])) {
    let mut chain: Vec<String> = Vec::new();
    let mut word = String::new();
    let flush = |chain: &mut Vec<String>, f: &mut dyn FnMut(&[String])| {
        if chain.len() >= 2 {
            f(chain);
        }
        chain.clear();
    };
    for c in text.chars().chain(std::iter::once('\n')) {
        if is_letter(c) {
            word.push(lower_char(c));
            continue;
        }
        if !word.is_empty() {
            let k = memo
                .entry(std::mem::take(&mut word))
                .or_insert_with_key(|w| syllable::is_valid(w).then(|| syllable::key(w)))
                .clone();
            match k {
                Some(k) => chain.push(k),
                None => flush(&mut chain, &mut f),
            }
        }
        if c != ' ' {
            // Punctuation, digits, line breaks end a chain.
            flush(&mut chain, &mut f);
        }
    }
}

/// Builds the data from the `vi-lexicon` folder and the reviewed administrative terms.
/// Deterministic: the same inputs give the same bytes.
pub fn build(src: &Path, admin_terms: &str) -> io::Result<Vec<u8>> {
    // Known words: RDRsegmenter's words of 2–3 syllables and the reviewed terms.
    let mut words: BTreeMap<String, u32> = BTreeMap::new();
    let vocab: String = std::fs::read_to_string(src.join("rdrsegmenter/vnvocab.txt"))?
        .nfc()
        .collect();
    let mut admin: BTreeSet<String> = BTreeSet::new();
    for line in admin_terms.lines() {
        let t = line.split('#').next().unwrap_or("").trim();
        if let Some(k) = word_key(&t.nfc().collect::<String>()) {
            admin.insert(k);
        }
    }
    for line in vocab.lines().map(str::trim) {
        let n = line.split_whitespace().count();
        if !(2..=3).contains(&n) {
            continue;
        }
        if let Some(k) = word_key(line) {
            words.insert(k, 0);
        }
    }
    for k in &admin {
        words.insert(k.clone(), 0);
    }
    // Pair (and three-syllable word) counts from the laws, but the held-out ones.
    let mut laws: Vec<_> = std::fs::read_dir(src.join("laws"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    laws.sort();
    let mut pairs: BTreeMap<String, u32> = BTreeMap::new();
    let mut memo = HashMap::new();
    for (i, p) in laws.iter().enumerate() {
        if i % HELD_OUT == HELD_OUT - 1 {
            continue;
        }
        let text: String = std::fs::read_to_string(p)?.nfc().collect();
        chains(&text, &mut memo, |c| {
            for w in c.windows(2) {
                let k = format!("{} {}", w[0], w[1]);
                *pairs.entry(k).or_insert(0) += 1;
            }
            for w in c.windows(3) {
                let k = format!("{} {} {}", w[0], w[1], w[2]);
                if let Some(n) = words.get_mut(&k) {
                    *n += 1;
                }
            }
        });
    }
    for (k, n) in words.iter_mut() {
        if let Some(&c) = pairs.get(k) {
            *n += c;
        }
        if admin.contains(k) {
            *n += ADMIN_BONUS;
        }
    }
    // Tesseract's most frequent pairs: common in text, whatever the laws say.
    let bigrams: String = std::fs::read_to_string(src.join("tesseract/vie.word.bigrams"))?
        .nfc()
        .collect();
    for line in bigrams.lines().take(TESSERACT_TOP) {
        let mut it = line.split(' ');
        let (Some(a), Some(b), None) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let (a, b) = (
            a.chars().map(lower_char).collect::<String>(),
            b.chars().map(lower_char).collect::<String>(),
        );
        if let Some(k) = word_key(&format!("{a} {b}")) {
            let n = pairs.entry(k).or_insert(0);
            *n = (*n).max(TESSERACT_COUNT);
        }
    }
    // Hash the pairs; a collision keeps the larger count.
    let mut hashed: BTreeMap<u32, u16> = BTreeMap::new();
    for (k, n) in &pairs {
        let c = u16::try_from(*n).unwrap_or(u16::MAX);
        let e = hashed.entry(pair_hash(k)).or_insert(0);
        *e = (*e).max(c);
    }
    let mut block = String::new();
    for (w, n) in &words {
        block.push_str(w);
        block.push('\t');
        block.push_str(&n.to_string());
        block.push('\n');
    }
    let mut out = Vec::with_capacity(block.len() + hashed.len() * 6 + 16);
    out.extend_from_slice(MAGIC);
    let len = |n: usize| {
        u32::try_from(n).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "too large"))
    };
    out.extend_from_slice(&len(block.len())?.to_le_bytes());
    out.extend_from_slice(block.as_bytes());
    out.extend_from_slice(&len(hashed.len())?.to_le_bytes());
    for h in hashed.keys() {
        out.extend_from_slice(&h.to_le_bytes());
    }
    for c in hashed.values() {
        out.extend_from_slice(&c.to_le_bytes());
    }
    Ok(out)
}

/// Where the `vi-lexicon` sources are: `$VANTHU_LEXICON_SRC`, else `../shared/data/vi-lexicon`
/// or `../../shared/data/vi-lexicon` from the repository (a main checkout or a worktree).
pub fn source_dir(repo: &Path) -> Option<std::path::PathBuf> {
    if let Some(v) = std::env::var_os("VANTHU_LEXICON_SRC") {
        return Some(v.into());
    }
    ["../shared/data/vi-lexicon", "../../shared/data/vi-lexicon"]
        .iter()
        .map(|r| repo.join(r))
        .find(|p| p.join("rdrsegmenter/vnvocab.txt").exists())
}
