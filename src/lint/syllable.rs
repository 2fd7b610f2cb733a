//! A rule-based validator of Vietnamese syllables: onset, rhyme and tone rules, with both the
//! old (`hóa`, `thủy`) and the new (`hoá`, `thuỷ`) tone placement accepted.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The vowels with their six tone forms: level, grave, hook, tilde, acute, dot.
const ROWS: [&str; 12] = [
    "aàảãáạ",
    "ăằẳẵắặ",
    "âầẩẫấậ",
    "eèẻẽéẹ",
    "êềểễếệ",
    "iìỉĩíị",
    "oòỏõóọ",
    "ôồổỗốộ",
    "ơờởỡớợ",
    "uùủũúụ",
    "ưừửữứự",
    "yỳỷỹýỵ",
];

/// Every valid rhyme (vần) without its tone, the medial `o`/`u` included.
const RHYMES: &str = "a e ê i o ô ơ u ư y ia ua ưa oa oe uê uy uơ uya \
ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu uôi ươi ươu iêu yêu oai oay oao oeo uây uyu \
am an ang anh ap at ac ach ăm ăn ăng ăp ăt ăc âm ân âng âp ât âc \
em en eng ep et ec êm ên ênh êp êt êch im in inh ip it ich \
om on ong op ot oc oong ooc ôm ôn ông ôp ôt ôc ơm ơn ơp ơt \
um un ung up ut uc ưm ưn ưng ưt ưc \
iêm iên iêng iêp iêt iêc yêm yên yêng yêt uôm uôn uông uôt uôc ươm ươn ương ươp ươt ươc \
oam oan oang oanh oap oat oac oach oăm oăn oăng oăt oăc oen oet oeng \
uân uâng uât uên uêch uênh uêt uynh uych uyt uyên uyêt uyp";

/// Onsets, longest first.
const ONSETS: [(&str, &[char]); 27] = [
    ("ngh", &['n', 'g', 'h']),
    ("nh", &['n', 'h']),
    ("ng", &['n', 'g']),
    ("ch", &['c', 'h']),
    ("gh", &['g', 'h']),
    ("gi", &['g', 'i']),
    ("kh", &['k', 'h']),
    ("ph", &['p', 'h']),
    ("th", &['t', 'h']),
    ("tr", &['t', 'r']),
    ("qu", &['q', 'u']),
    ("b", &['b']),
    ("c", &['c']),
    ("d", &['d']),
    ("đ", &['đ']),
    ("g", &['g']),
    ("h", &['h']),
    ("k", &['k']),
    ("l", &['l']),
    ("m", &['m']),
    ("n", &['n']),
    ("p", &['p']),
    ("r", &['r']),
    ("s", &['s']),
    ("t", &['t']),
    ("v", &['v']),
    ("x", &['x']),
];

/// A rhyme spelled into a stack buffer (no allocation).
struct Buf {
    b: [u8; 40],
    n: usize,
}

impl Buf {
    fn new() -> Buf {
        Buf { b: [0; 40], n: 0 }
    }
    fn push(&mut self, c: char) -> bool {
        if self.n + 4 > self.b.len() {
            return false;
        }
        self.n += c.encode_utf8(&mut self.b[self.n..]).len();
        true
    }
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.b[..self.n]).unwrap_or("")
    }
}

fn in_rhymes(prefix: Option<char>, rest: &[char]) -> bool {
    let mut b = Buf::new();
    if let Some(p) = prefix {
        b.push(p);
    }
    for &c in rest {
        if !b.push(c) {
            return false;
        }
    }
    rhymes().contains(b.as_str())
}

/// Where the tone mark of a syllable sits, for the rhymes where usage differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    /// The rhyme has one accepted placement (or no tone mark).
    Neutral,
    /// Old style: the mark on the first vowel of `oa`, `oe`, `uy` (`hóa`, `thủy`).
    Old,
    /// New style: the mark on the second vowel (`hoá`, `thuỷ`).
    New,
}

/// What the validator found in a valid syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analysis {
    /// Tone: 0 level, 1 grave, 2 hook, 3 tilde, 4 acute, 5 dot.
    pub tone: u8,
    /// Index (in characters) of the vowel carrying the tone mark.
    pub tone_index: Option<usize>,
    /// The placement style of this spelling.
    pub placement: Placement,
    /// For `oa`/`oe`/`uy`: the index the mark would take in the other style.
    pub other_index: Option<usize>,
}

/// Vowel table indexed by code point (up to U+1EFF): (toneless lower-case vowel, tone, upper).
fn table() -> &'static [Option<(char, u8, bool)>] {
    static T: OnceLock<Vec<Option<(char, u8, bool)>>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = vec![None; 0x1F00];
        for row in ROWS {
            let chars: Vec<char> = row.chars().collect();
            for (t, &c) in chars.iter().enumerate() {
                m[c as usize] = Some((chars[0], t as u8, false));
                for u in c.to_uppercase() {
                    if (u as usize) < m.len() {
                        m[u as usize] = Some((chars[0], t as u8, true));
                    }
                }
            }
        }
        m
    })
}

fn rhymes() -> &'static HashSet<&'static str> {
    static R: OnceLock<HashSet<&'static str>> = OnceLock::new();
    R.get_or_init(|| RHYMES.split_whitespace().collect())
}

/// Splits a lower-case vowel into its toneless form and its tone; `None` for other characters.
pub fn split_tone(c: char) -> Option<(char, u8)> {
    match table().get(c as usize) {
        Some(Some((b, t, false))) => Some((*b, *t)),
        _ => None,
    }
}

/// Like [`split_tone`] for a vowel of either case.
fn split_any(c: char) -> Option<(char, u8)> {
    table()
        .get(c as usize)
        .copied()
        .flatten()
        .map(|(b, t, _)| (b, t))
}

/// The lower-case vowel `base` (toneless) with tone `tone`.
pub fn with_tone(base: char, tone: u8) -> char {
    for row in ROWS {
        let mut it = row.chars();
        if it.next() == Some(base) {
            return row.chars().nth(tone as usize).unwrap_or(base);
        }
    }
    base
}

/// Whether a lower-case character is a Vietnamese vowel (any tone).
pub fn is_vowel(c: char) -> bool {
    split_tone(c).is_some()
}

/// The most letters a Vietnamese syllable has (`nghiêng`, `khuỷu`), with a margin.
pub const MAX_LEN: usize = 8;

/// Whether a character is a letter of the Vietnamese alphabet (either case), `f j w z` included.
pub fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' || split_any(c).is_some()
}

/// Lower-cases one character (Vietnamese letters map to one character).
pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Upper-cases one character.
pub fn upper_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_uppercase()
    } else {
        c.to_uppercase().next().unwrap_or(c)
    }
}

fn is_consonant(c: char) -> bool {
    matches!(
        c,
        'b' | 'c'
            | 'd'
            | 'đ'
            | 'g'
            | 'h'
            | 'k'
            | 'l'
            | 'm'
            | 'n'
            | 'p'
            | 'q'
            | 'r'
            | 's'
            | 't'
            | 'v'
            | 'x'
    )
}

fn has_modifier(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Allowed tone positions inside a toneless rhyme: (the usual one, the other style's one).
fn tone_positions(r: &[char]) -> Option<(usize, Option<usize>)> {
    let mut vowels = [0usize; 8];
    let mut nv = 0;
    for (i, &c) in r.iter().enumerate() {
        if is_vowel(c) && nv < vowels.len() {
            vowels[nv] = i;
            nv += 1;
        }
    }
    if nv == 0 {
        return None;
    }
    let last_vowel = vowels[nv - 1];
    if let Some(&i) = vowels[..nv].iter().rev().find(|&&i| has_modifier(r[i])) {
        return Some((i, None));
    }
    if last_vowel + 1 < r.len() {
        return Some((last_vowel, None));
    }
    match nv {
        3 => Some((vowels[1], None)),
        2 => {
            if matches!(r, ['o', 'a'] | ['o', 'e'] | ['u', 'y']) {
                Some((vowels[0], Some(vowels[1])))
            } else {
                Some((vowels[0], None))
            }
        }
        _ => Some((vowels[0], None)),
    }
}

/// Analyses one word (letters only, any case). `None` when it is not a Vietnamese syllable.
pub fn analyze(word: &str) -> Option<Analysis> {
    let mut base = ['\0'; 8];
    let mut len = 0;
    let mut tone = 0u8;
    let mut tone_index = None;
    for (i, c) in word.chars().enumerate() {
        if len == base.len() {
            return None;
        }
        if let Some((b, t)) = split_any(c) {
            if t != 0 {
                if tone_index.is_some() {
                    return None;
                }
                tone = t;
                tone_index = Some(i);
            }
            base[len] = b;
        } else {
            let l = lower_char(c);
            if !is_consonant(l) {
                return None;
            }
            base[len] = l;
        }
        len += 1;
    }
    let base = &base[..len];
    if base.is_empty() {
        return None;
    }
    let (onset, oc) = ONSETS
        .iter()
        .find(|(_, oc)| base.len() >= oc.len() && base[..oc.len()] == oc[..])
        .copied()
        .unwrap_or(("", &[]));
    let rest = &base[oc.len()..];
    // Candidate rhymes: (the rhyme's characters, where it starts in the word).
    let mut cands: [(&[char], usize); 2] = [(&[], usize::MAX); 2];
    let mut nc = 0;
    let mut gi_shared = false;
    match onset {
        "qu" => {
            let first = *rest.first()?;
            let medial = if matches!(first, 'a' | 'ă' | 'e') {
                'o'
            } else {
                'u'
            };
            if in_rhymes(Some(medial), rest) {
                cands[0] = (rest, 2);
                nc = 1;
            }
        }
        "gi" => {
            if in_rhymes(None, rest) {
                cands[nc] = (rest, 2);
                nc += 1;
            }
            if rest.first().is_none_or(|&f| !is_vowel(f) || f == 'ê') && in_rhymes(None, &base[1..])
            {
                cands[nc] = (&base[1..], 1);
                nc += 1;
                gi_shared = true;
            }
        }
        _ => {
            if !onset_fits(onset, rest) || !in_rhymes(None, rest) {
                return None;
            }
            cands[0] = (rest, oc.len());
            nc = 1;
        }
    }
    let _ = gi_shared;
    for &(rc, start) in &cands[..nc] {
        let stop = matches!(rc.last(), Some('p' | 't' | 'c')) || rc.ends_with(&['c', 'h']);
        if stop && !matches!(tone, 4 | 5) {
            continue;
        }
        let Some((main, other)) = tone_positions(rc) else {
            continue;
        };
        let Some(ti) = tone_index else {
            return Some(Analysis {
                tone,
                tone_index: None,
                placement: Placement::Neutral,
                other_index: None,
            });
        };
        if ti == start + main {
            return Some(Analysis {
                tone,
                tone_index: Some(ti),
                placement: if other.is_some() {
                    Placement::Old
                } else {
                    Placement::Neutral
                },
                other_index: other.map(|o| start + o),
            });
        }
        if other.is_some_and(|o| ti == start + o) {
            return Some(Analysis {
                tone,
                tone_index: Some(ti),
                placement: Placement::New,
                other_index: Some(start + main),
            });
        }
    }
    None
}

fn onset_fits(onset: &str, rest: &[char]) -> bool {
    let Some(&f) = rest.first() else {
        return false;
    };
    let front = matches!(f, 'i' | 'e' | 'ê' | 'y');
    let medial = matches!(
        rest,
        ['o', 'a' | 'ă' | 'e', ..] | ['u', 'y' | 'â' | 'ê' | 'ơ', ..]
    );
    match onset {
        "c" => !front && !medial,
        "k" => front && f != 'y' || rest == ['y'],
        "gh" | "ngh" => front && f != 'y',
        "g" | "ng" => !front,
        "" => !matches!(rest, ['i', 'ê', ..]),
        _ => !(f == 'y' && rest.len() > 1),
    }
}

/// Whether a word (letters only, any case) is a valid Vietnamese syllable.
pub fn is_valid(word: &str) -> bool {
    analyze(word).is_some()
}

/// Rewrites a word in the given tone placement style, keeping its case. `None` when the word
/// is not a syllable whose placement differs between the styles, or already has that style.
pub fn to_placement(word: &str, target: Placement) -> Option<String> {
    let a = analyze(word)?;
    if a.placement == Placement::Neutral || a.placement == target || target == Placement::Neutral {
        return None;
    }
    let (from, to) = (a.tone_index?, a.other_index?);
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().enumerate() {
        let up = c != lower_char(c);
        let l = lower_char(c);
        let n = if i == from {
            split_tone(l).map(|(b, _)| b).unwrap_or(l)
        } else if i == to {
            with_tone(split_tone(l).map(|(b, _)| b).unwrap_or(l), a.tone)
        } else {
            l
        };
        out.push(if up { upper_char(n) } else { n });
    }
    Some(out)
}

/// The word lower-cased with its tone mark in the new style: one key for `hóa` and `hoá`.
pub fn key(word: &str) -> String {
    let lower: String = word.chars().map(lower_char).collect();
    to_placement(&lower, Placement::New).unwrap_or(lower)
}

/// One letter lower-cased without its diacritics (`Ộ` → `o`, `đ` → `d`).
pub fn bare_char(c: char) -> char {
    match split_any(c) {
        Some((b, _)) => match b {
            'ă' | 'â' => 'a',
            'ê' => 'e',
            'ô' | 'ơ' => 'o',
            'ư' => 'u',
            x => x,
        },
        None if c == 'đ' || c == 'Đ' => 'd',
        None => lower_char(c),
    }
}

/// The word lower-cased without any diacritic (`pa nô` → `pa no`, `đ` → `d`).
pub fn bare(word: &str) -> String {
    word.chars().map(bare_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_syllables() {
        for w in [
            "những",
            "nghiên",
            "cứu",
            "chính",
            "thực",
            "trưởng",
            "người",
            "khuyến",
            "quyết",
            "giữ",
            "gìn",
            "giếng",
            "của",
            "được",
            "ủy",
            "uỷ",
            "Tỉnh",
            "hóa",
            "hoá",
            "xoá",
            "thuở",
            "khuya",
            "hoàn",
            "toàn",
            "oái",
            "Việt",
            "Nam",
            "Đảng",
            "QUỐC",
            "HỘI",
            "quý",
            "quốc",
            "quân",
            "quyển",
            "khuỷu",
            "ngoặc",
            "xoong",
            "kế",
            "kỹ",
            "lý",
            "lí",
            "y",
            "yên",
            "yêu",
            "ý",
            "gì",
            "gia",
            "giá",
            "giải",
            "quán",
            "quà",
            "ngoài",
            "huých",
            "khuếch",
            "thuở",
            "pa",
            "nô",
            "rôn",
            "phích",
            "oà",
            "hòa",
            "thủy",
            "thuỷ",
            "tuyển",
            "nghỉ",
            "kiểm",
            "ghi",
        ] {
            assert!(is_valid(w), "{w} should be valid");
        }
    }

    #[test]
    fn rejects_misspellings() {
        for w in [
            "nhữg",
            "ngiên",
            "ngyên",
            "ca̋",
            "kơ",
            "ge",
            "ghá",
            "qa",
            "qùa",
            "hóan",
            "mưá",
            "thuốcc",
            "pano",
            "chínhtỉnh",
            "facebook",
            "zalo",
            "hát́",
            "tàc",
            "ciêm",
            "iên",
            "gía",
            "quí̀",
            "ngàyy",
            "xoăá",
        ] {
            assert!(!is_valid(w), "{w} should be invalid");
        }
    }

    #[test]
    fn stop_finals_take_only_sac_or_nang() {
        assert!(is_valid("tác"));
        assert!(is_valid("tạc"));
        assert!(!is_valid("tàc"));
        assert!(!is_valid("tảc"));
        assert!(!is_valid("tac"));
    }

    #[test]
    fn placement_styles() {
        assert_eq!(analyze("hóa").map(|a| a.placement), Some(Placement::Old));
        assert_eq!(analyze("hoá").map(|a| a.placement), Some(Placement::New));
        assert_eq!(
            analyze("hoàn").map(|a| a.placement),
            Some(Placement::Neutral)
        );
        assert_eq!(
            analyze("quý").map(|a| a.placement),
            Some(Placement::Neutral)
        );
        assert_eq!(to_placement("hóa", Placement::New).as_deref(), Some("hoá"));
        assert_eq!(to_placement("ỦY", Placement::New).as_deref(), Some("UỶ"));
        assert_eq!(
            to_placement("Thuỷ", Placement::Old).as_deref(),
            Some("Thủy")
        );
        assert_eq!(to_placement("hoàn", Placement::Old), None);
        assert_eq!(key("Hóa"), "hoá");
        assert_eq!(bare("pa-nô Đảng"), "pa-no dang");
    }
}
