//! Characters pasted from Word and web pages: what the draft reader normalises on the way in,
//! and what no document may carry (XML 1.0 has no way to write it).
//!
//! Word puts a vertical tab on the clipboard for a line break (Shift+Enter) and a form feed
//! for a page break; web pages bring no-break and zero-width spaces. The first two become a
//! line and a paragraph break; the spaces are handled as the checker (`spacing.nbsp`) says:
//! a no-break or narrow space becomes a plain space, an invisible character goes.

/// Whether `c` is a no-break or narrow space the checker replaces by a plain space.
pub fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{3000}'
    )
}

/// Whether `c` is an invisible character the checker removes (zero-width space, joiners,
/// byte-order mark, soft hyphen, word joiner).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\u{2060}'
    )
}

/// Whether a document can carry `c`: XML 1.0 has no control characters but tab, line feed
/// and carriage return, and no U+FFFE or U+FFFF (lone surrogates cannot occur in a `str`).
pub fn xml_allowed(c: char) -> bool {
    !((c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}'))
}

/// The first character of `s` a document cannot carry, with its position (in characters).
pub fn first_forbidden(s: &str) -> Option<(usize, char)> {
    s.chars().enumerate().find(|&(_, c)| !xml_allowed(c))
}

/// `U+000B` for a character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Text pasted from Word or a web page, normalised: vertical tab → line break, form feed →
/// paragraph break, no-break spaces → space, invisible characters removed.
pub fn clean_pasted(s: &str) -> String {
    if !s
        .chars()
        .any(|c| matches!(c, '\u{b}' | '\u{c}') || is_odd_space(c) || is_invisible(c))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{b}' => out.push('\n'),
            '\u{c}' => out.push_str("\n\n"),
            c if is_odd_space(c) => out.push(' '),
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A text as every text the project keeps or renders: what Word and web pages paste cleaned
/// up ([`clean_pasted`]), then Unicode NFC.
pub fn normalise(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s = clean_pasted(s);
    if unicode_normalization::is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

/// Whether a text is empty once spaces and invisible characters are set aside.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// A text made safe to print on a terminal: control characters (an ESC sequence…) are shown
/// as `\u{1b}` instead of being sent raw; tab and line feed stay.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() && !matches!(c, '\t' | '\n') {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_web_text_is_normalised() {
        assert_eq!(
            clean_pasted("a\u{b}b\u{c}c\u{a0}d\u{200b}e\u{feff}"),
            "a\nb\n\nc de"
        );
        assert_eq!(clean_pasted("Hà Nội"), "Hà Nội");
        assert!(is_blank("\u{200b}\u{200b} "));
        assert!(!is_blank("\u{200b}a"));
    }

    #[test]
    fn what_xml_cannot_carry_is_found() {
        assert_eq!(first_forbidden("ab\u{7}c"), Some((2, '\u{7}')));
        assert_eq!(first_forbidden("x\u{fffe}"), Some((1, '\u{fffe}')));
        assert_eq!(first_forbidden("a\tb\nc\r"), None);
        assert_eq!(code_point('\u{b}'), "U+000B");
        assert_eq!(terminal_safe("a\u{1b}[31mb"), "a\\u{1b}[31mb");
    }
}
