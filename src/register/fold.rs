//! Accent-insensitive folding for Vietnamese search: lower case, no diacritics, `đ` → `d`.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds a text for search: lower case, diacritics removed, `đ`/`Đ` → `d`.
///
/// ```
/// assert_eq!(vanthu::register::fold("Đảng Cộng sản"), "dang cong san");
/// assert_eq!(vanthu::register::fold("TUYÊN TRUYỀN"), "tuyen truyen");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        return out;
    }
    for c in text.nfd() {
        match c {
            'đ' | 'Đ' | 'ð' | 'Ð' | 'ɖ' | 'Ɖ' => out.push('d'),
            c if is_combining_mark(c) => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The searchable words of a text after folding: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Builds an FTS5 query that matches every word of `text` (AND), the last one as a prefix
/// when `prefix` is set. `None` when the text has no word.
pub fn fts_query(text: &str, prefix: bool) -> Option<String> {
    let ws = words(text);
    if ws.is_empty() {
        return None;
    }
    let n = ws.len();
    let parts: Vec<String> = ws
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            if prefix && i + 1 == n {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    Some(parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Đảng"), "dang");
        assert_eq!(fold("đảng ủy"), "dang uy");
        assert_eq!(fold("tuyên truyền"), "tuyen truyen");
        assert_eq!(fold("QLVHGĐ"), "qlvhgd");
        assert_eq!(fold("Hòa Hoà"), "hoa hoa");
        assert_eq!(fold("Ưu tiên Ơn"), "uu tien on");
        assert_eq!(fold("05/SVHTTDL-QLVHGĐ"), "05/svhttdl-qlvhgd");
        // Decomposed input folds the same as composed input.
        assert_eq!(fold("Đa\u{309}ng"), "dang");
    }

    #[test]
    fn builds_queries() {
        assert_eq!(
            fts_query("tuyên  truyền", false).as_deref(),
            Some("\"tuyen\" \"truyen\"")
        );
        assert_eq!(fts_query("Đảng", true).as_deref(), Some("\"dang\"*"));
        assert_eq!(fts_query("\" * - ()", false), None);
        assert_eq!(
            fts_query("05/SVHTTDL", false).as_deref(),
            Some("\"05\" \"svhttdl\"")
        );
    }
}
