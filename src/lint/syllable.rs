//! A rule-based validator of Vietnamese syllables: onset, rhyme and tone rules, with both the
//! old (`hóa`, `thủy`) and the new (`hoá`, `thuỷ`) tone placement accepted.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The vowels with their six tone forms: level, grave, hook, tilde, acute, dot.
const ROWS: [&str; 12] = [
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị", "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ",
    "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ",
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
const ONSETS: [&str; 27] = [
    "ngh", "nh", "ng", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

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

fn table() -> &'static HashMap<char, (char, u8)> {
    static T: OnceLock<HashMap<char, (char, u8)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for row in ROWS {
            let chars: Vec<char> = row.chars().collect();
            for (t, &c) in chars.iter().enumerate() {
                m.insert(c, (chars[0], t as u8));
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
    table().get(&c).copied()
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

/// Whether a character is a letter of the Vietnamese alphabet (either case), `f j w z` included.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii_alphabetic() {
        return true;
    }
    let l = lower_char(c);
    l == 'đ' || split_tone(l).is_some()
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
        'b' | 'c' | 'd' | 'đ' | 'g' | 'h' | 'k' | 'l' | 'm' | 'n' | 'p' | 'q' | 'r' | 's' | 't' | 'v' | 'x'
    )
}

fn has_modifier(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Allowed tone positions inside a toneless rhyme: (the usual one, the other style's one).
fn tone_positions(r: &[char]) -> Option<(usize, Option<usize>)> {
    let vowels: Vec<usize> = (0..r.len()).filter(|&i| is_vowel(r[i])).collect();
    let &last_vowel = vowels.last()?;
    if let Some(&i) = vowels.iter().rev().find(|&&i| has_modifier(r[i])) {
        return Some((i, None));
    }
    if last_vowel + 1 < r.len() {
        return Some((last_vowel, None));
    }
    match vowels.len() {
        3 => Some((vowels[1], None)),
        2 => {
            let s: String = r.iter().collect();
            if matches!(s.as_str(), "oa" | "oe" | "uy") {
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
    let mut base: Vec<char> = Vec::with_capacity(8);
    let mut tone = 0u8;
    let mut tone_index = None;
    for (i, c) in word.chars().enumerate() {
        let c = lower_char(c);
        if let Some((b, t)) = split_tone(c) {
            if t != 0 {
                if tone_index.is_some() {
                    return None;
                }
                tone = t;
                tone_index = Some(i);
            }
            base.push(b);
        } else if is_consonant(c) {
            base.push(c);
        } else {
            return None;
        }
        if base.len() > 8 {
            return None;
        }
    }
    if base.is_empty() {
        return None;
    }
    let onset = ONSETS
        .iter()
        .find(|o| {
            let oc: Vec<char> = o.chars().collect();
            base.len() >= oc.len() && base[..oc.len()] == oc[..]
        })
        .copied()
        .unwrap_or("");
    let olen = onset.chars().count();
    // Candidate splits: (rhyme start, rhyme as spelled for the set, start of the tone zone).
    let mut candidates: Vec<(String, usize)> = Vec::with_capacity(2);
    let rest: String = base[olen..].iter().collect();
    match onset {
        "qu" => {
            let first = rest.chars().next()?;
            let r = if matches!(first, 'a' | 'ă' | 'e') {
                format!("o{rest}")
            } else {
                format!("u{rest}")
            };
            if rhymes().contains(r.as_str()) && !rest.is_empty() {
                candidates.push((rest.clone(), 2));
            }
        }
        "gi" => {
            let first = rest.chars().next();
            if rhymes().contains(rest.as_str()) {
                candidates.push((rest.clone(), 2));
            }
            if first.is_none_or(|f| !is_vowel(f) || f == 'ê') {
                let r = format!("i{rest}");
                if rhymes().contains(r.as_str()) {
                    candidates.push((r, 1));
                }
            }
        }
        _ => {
            if !onset_fits(onset, &rest) {
                return None;
            }
            candidates.push((rest.clone(), olen));
        }
    }
    for (rhyme, start) in candidates {
        let rc: Vec<char> = rhyme.chars().collect();
        if onset != "qu" && !rhymes().contains(rhyme.as_str()) {
            continue;
        }
        let stop = matches!(rc.last(), Some('p' | 't' | 'c')) || rhyme.ends_with("ch");
        if stop && !matches!(tone, 0 | 4 | 5) {
            continue;
        }
        if stop && tone == 0 {
            // A stop-final rhyme always carries sắc or nặng.
            continue;
        }
        let Some((main, other)) = tone_positions(&rc) else {
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
                placement: if other.is_some() { Placement::Old } else { Placement::Neutral },
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

fn onset_fits(onset: &str, rest: &str) -> bool {
    let Some(f) = rest.chars().next() else {
        return false;
    };
    let front = matches!(f, 'i' | 'e' | 'ê' | 'y');
    match onset {
        "c" => !front && !(rest.starts_with("oa") || rest.starts_with("oă") || rest.starts_with("oe") || rest.starts_with("uy") || rest.starts_with("uâ") || rest.starts_with("uê") || rest.starts_with("uơ")),
        "k" | "gh" | "ngh" => front && f != 'y' || (onset == "k" && rest == "y"),
        "g" | "ng" => !front,
        "" => !rest.starts_with("iê"),
        _ => !(f == 'y' && rest != "y"),
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

/// The word lower-cased without any diacritic (`pa nô` → `pa no`, `đ` → `d`).
pub fn bare(word: &str) -> String {
    word.chars()
        .map(|c| {
            let l = lower_char(c);
            match split_tone(l) {
                Some((b, _)) => match b {
                    'ă' | 'â' => 'a',
                    'ê' => 'e',
                    'ô' | 'ơ' => 'o',
                    'ư' => 'u',
                    x => x,
                },
                None if l == 'đ' => 'd',
                None => l,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_syllables() {
        for w in [
            "những", "nghiên", "cứu", "chính", "thực", "trưởng", "người", "khuyến", "quyết", "giữ",
            "gìn", "giếng", "của", "được", "ủy", "uỷ", "Tỉnh", "hóa", "hoá", "xoá", "thuở", "khuya",
            "hoàn", "toàn", "oái", "Việt", "Nam", "Đảng", "QUỐC", "HỘI", "quý", "quốc", "quân",
            "quyển", "khuỷu", "ngoặc", "xoong", "kế", "kỹ", "lý", "lí", "y", "yên", "yêu", "ý",
            "gì", "gia", "giá", "giải", "quán", "quà", "ngoài", "huých", "khuếch", "thuở", "pa",
            "nô", "rôn", "phích", "oà", "hòa", "thủy", "thuỷ", "tuyển", "nghỉ", "kiểm", "ghi",
        ] {
            assert!(is_valid(w), "{w} should be valid");
        }
    }

    #[test]
    fn rejects_misspellings() {
        for w in [
            "nhữg", "ngiên", "ngyên", "ca̋", "kơ", "ge", "ghá", "qa", "qùa", "hóan", "mưá",
            "thuốcc", "pano", "chínhtỉnh", "facebook", "zalo", "hát́", "tàc", "ciêm", "iên", "gía",
            "quí̀", "ngàyy", "xoăá",
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
        assert_eq!(analyze("hoàn").map(|a| a.placement), Some(Placement::Neutral));
        assert_eq!(analyze("quý").map(|a| a.placement), Some(Placement::Neutral));
        assert_eq!(to_placement("hóa", Placement::New).as_deref(), Some("hoá"));
        assert_eq!(to_placement("ỦY", Placement::New).as_deref(), Some("UỶ"));
        assert_eq!(to_placement("Thuỷ", Placement::Old).as_deref(), Some("Thủy"));
        assert_eq!(to_placement("hoàn", Placement::Old), None);
        assert_eq!(key("Hóa"), "hoá");
        assert_eq!(bare("pa-nô Đảng"), "pa-no dang");
    }
}
