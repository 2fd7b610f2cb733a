//! Spelling: tokens that are not Vietnamese syllables (rule-based, then the dictionary when
//! installed), and valid syllables in a known wrong pair (`chuẩn đoán` → `chẩn đoán`).
//! Names, abbreviations, symbols, numbers and common loanwords are not misspellings.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::syllable::{self, lower_char, split_tone, upper_char};
use super::text::{Case, Source, WordMap};
use super::{dictionary, Doc, Raw, Severity};

/// Loanwords and units written in Latin letters that official text uses as they are.
const ALLOWED: &[&str] = &[
    "internet",
    "email",
    "mail",
    "website",
    "web",
    "online",
    "offline",
    "video",
    "camera",
    "fanpage",
    "wifi",
    "virus",
    "covid",
    "app",
    "file",
    "link",
    "clip",
    "logo",
    "laptop",
    "livestream",
    "hashtag",
    "youtube",
    "facebook",
    "zalo",
    "tiktok",
    "smartphone",
    "tivi",
    "radio",
    "karaoke",
    "container",
    "gas",
    "km",
    "kg",
    "cm",
    "mm",
    "ha",
    "kw",
    "kwh",
    "đ",
    "vv",
    "sms",
    "gps",
    "pano",
    "panô",
    "ôtô",
    "test",
    "pin",
    "usb",
    "cd",
    "dvd",
    "tp",
    "ths",
    "ts",
    "pgs",
    "gs",
    "bs",
    "ks",
    "ubnd",
];

/// Frequent wrong pairs: (wrong, right). Matched on whole words, either tone placement.
pub const PAIRS: &[(&str, &str)] = &[
    ("chuẩn đoán", "chẩn đoán"),
    ("sáng lạng", "xán lạn"),
    ("sáng lạn", "xán lạn"),
    ("xán lạng", "xán lạn"),
    ("bổ xung", "bổ sung"),
    ("xắp xếp", "sắp xếp"),
    ("sắp sếp", "sắp xếp"),
    ("xắp sếp", "sắp xếp"),
    ("sử lý", "xử lý"),
    ("sử lí", "xử lí"),
    ("cập nhập", "cập nhật"),
    ("tập chung", "tập trung"),
    ("trú trọng", "chú trọng"),
    ("chân trọng", "trân trọng"),
    ("trân thành", "chân thành"),
    ("sát nhập", "sáp nhập"),
    ("xát nhập", "sáp nhập"),
    ("thăm quan", "tham quan"),
    ("sơ xuất", "sơ suất"),
    ("xuất xắc", "xuất sắc"),
    ("suất sắc", "xuất sắc"),
    ("sâu xắc", "sâu sắc"),
    ("xâu sắc", "sâu sắc"),
    ("xác xuất", "xác suất"),
    ("sắc xuất", "xác suất"),
    ("suất xứ", "xuất xứ"),
    ("vô hình chung", "vô hình trung"),
    ("chính chắn", "chín chắn"),
    ("chín mùi", "chín muồi"),
    ("nổ lực", "nỗ lực"),
    ("dấu diếm", "giấu giếm"),
    ("giấu diếm", "giấu giếm"),
    ("cọ sát", "cọ xát"),
    ("chặt chẻ", "chặt chẽ"),
    ("đột suất", "đột xuất"),
    ("năng xuất", "năng suất"),
    ("dành giật", "giành giật"),
    ("tranh dành", "tranh giành"),
    ("xuyên xuốt", "xuyên suốt"),
    ("suyên suốt", "xuyên suốt"),
    ("lảng phí", "lãng phí"),
    ("chỉnh chu", "chỉn chu"),
    ("chở ngại", "trở ngại"),
    ("chia xẻ", "chia sẻ"),
    ("sẳn sàng", "sẵn sàng"),
    ("chiển khai", "triển khai"),
    ("tuyên chuyền", "tuyên truyền"),
    ("chuyền thống", "truyền thống"),
    ("dáo dục", "giáo dục"),
    ("kiểm xoát", "kiểm soát"),
    ("sây dựng", "xây dựng"),
    ("xây rựng", "xây dựng"),
    ("súc tiến", "xúc tiến"),
    ("giành cho", "dành cho"),
    ("dải quyết", "giải quyết"),
];

/// Whether a lower-case word is an accepted loanword, unit or known variant.
pub fn is_allowed(lower: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ALLOWED.iter().copied().collect())
        .contains(lower)
}

/// Whether a word carries a tone mark (not only a vowel modifier).
pub fn has_tone_mark(w: &str) -> bool {
    w.chars()
        .any(|c| split_tone(lower_char(c)).is_some_and(|(_, t)| t != 0))
}

/// Whether a fused-syllable finding covers this word (reported by spacing instead).
fn fusable(w: &str, case: Case) -> bool {
    let chars: Vec<char> = w.chars().collect();
    // Two syllables are at most twice a syllable's length: a longer run has no split, and
    // trying every cut of it would be quadratic.
    if chars.len() < 3
        || chars.len() > 2 * syllable::MAX_LEN
        || !matches!(case, Case::Lower | Case::Title)
    {
        return false;
    }
    let have_dict = dictionary::get().is_some();
    (1..chars.len() - 1).any(|k| {
        let l: String = chars[..k].iter().collect();
        let r: String = chars[k..].iter().collect();
        syllable::is_valid(&l)
            && syllable::is_valid(&r)
            && (!have_dict
                || dictionary::knows(&l.to_lowercase()) == Some(true)
                    && dictionary::knows(&r.to_lowercase()) == Some(true))
    })
}

/// Runs the spelling rules.
pub fn check(doc: &Doc, out: &mut Vec<Raw>) {
    // One dictionary look-up per distinct word.
    let mut known: WordMap<bool> = WordMap::default();
    for (si, src) in doc.sources.iter().enumerate() {
        syllables(si, src, &mut known, out);
        pairs(si, src, out);
    }
}

fn syllables(si: usize, src: &Source, known: &mut WordMap<bool>, out: &mut Vec<Raw>) {
    for t in &src.tokens {
        if !t.word || t.end - t.start < 2 {
            continue;
        }
        let valid = t.syl.is_some();
        if (!valid || t.case == Case::Lower) && is_allowed(&t.lower) {
            continue;
        }
        if !valid {
            let word: String = src.chars[t.start..t.end].iter().collect();
            let flag = match t.case {
                Case::Lower => true,
                // Abbreviations (UBND, QLVHGĐ) and names carry no tone mark when invalid.
                // A syllable valid only in a name (`Kạn`, `Đắk`) is accepted capitalised.
                Case::Upper | Case::Title => {
                    has_tone_mark(&word) && !super::names::name_syllable(&t.lower)
                }
                Case::Mixed => false,
            };
            if flag && !fusable(&word, t.case) {
                out.push(Raw::new(
                    si,
                    "spelling.syllable",
                    Severity::Error,
                    t.start,
                    t.end,
                    format!("«{word}» không phải âm tiết tiếng Việt (sai chính tả?)."),
                ));
            }
            continue;
        }
        let unknown = t.case == Case::Lower
            && dictionary::get().is_some()
            && match known.get(&t.lower) {
                Some(&k) => !k,
                None => {
                    let k = dictionary::knows(&t.lower) == Some(true);
                    known.insert(t.lower.clone(), k);
                    !k
                }
            };
        if unknown {
            let word: String = src.chars[t.start..t.end].iter().collect();
            out.push(Raw::new(
                si,
                "spelling.unknown",
                Severity::Warning,
                t.start,
                t.end,
                format!("«{word}» không có trong từ điển tiếng Việt (kiểm tra chính tả)."),
            ));
        }
    }
}

/// Keeps the case of the first letter of `like` in `s`.
pub fn same_case(like: &str, s: &str) -> String {
    let up = like.chars().next().is_some_and(char::is_uppercase);
    let all_up = like
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && like.chars().count() > 1;
    if all_up {
        return s.chars().map(upper_char).collect();
    }
    let mut it = s.chars();
    match it.next() {
        Some(f) if up => upper_char(f).to_string() + it.as_str(),
        _ => s.to_string(),
    }
}

fn pairs(si: usize, src: &Source, out: &mut Vec<Raw>) {
    type Keys = (Vec<(Vec<String>, &'static str)>, HashSet<String>);
    static KEYS: OnceLock<Keys> = OnceLock::new();
    let (keys, firsts) = KEYS.get_or_init(|| {
        let keys: Vec<(Vec<String>, &'static str)> = PAIRS
            .iter()
            .map(|(w, r)| (w.split(' ').map(syllable::key).collect(), *r))
            .collect();
        let mut firsts = HashSet::new();
        for (k, _) in &keys {
            firsts.insert(k[0].clone());
            if let Some(w) = syllable::to_placement(&k[0], syllable::Placement::Old) {
                firsts.insert(w);
            }
        }
        (keys, firsts)
    });
    let toks = &src.tokens;
    let mut tkeys: Vec<String> = vec![String::new(); toks.len()];
    for i in 0..toks.len() {
        if !toks[i].word || !firsts.contains(&toks[i].lower) {
            continue;
        }
        for k in i..(i + 3).min(toks.len()) {
            if tkeys[k].is_empty() && toks[k].word {
                tkeys[k] = syllable::key(&toks[k].lower);
            }
        }
        for (wrong, right) in keys {
            let n = wrong.len();
            if i + n > toks.len() || tkeys[i] != wrong[0] {
                continue;
            }
            let ok = (0..n).all(|k| {
                tkeys[i + k] == wrong[k]
                    && (k + 1 == n || toks[i + k].tight_with(&toks[i + k + 1], &src.chars))
            });
            if !ok {
                continue;
            }
            let (s, e) = (toks[i].start, toks[i + n - 1].end);
            let found = src.slice(s, e);
            let fix = same_case(&found, right);
            out.push(
                Raw::new(
                    si,
                    "spelling.pair",
                    Severity::Error,
                    s,
                    e,
                    format!("Viết sai: «{found}» → «{fix}»."),
                )
                .fix(fix),
            );
        }
    }
}
