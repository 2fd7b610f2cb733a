//! The sandbox: what a template's tera strings may use. Checked on the source before tera
//! sees it: only the whitelisted tags, filters, tests and functions; no include, extends,
//! import, macro, block or component; tera itself is built without any file loader.

/// Tags a template may use.
pub const TAGS: &[&str] = &[
    "if", "elif", "else", "endif", "for", "endfor", "set", "break", "continue",
];

/// Filters a template may use (tera's string and list filters plus ours).
pub const FILTERS: &[&str] = &[
    "default",
    "upper",
    "lower",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "length",
    "first",
    "last",
    "nth",
    "join",
    "str",
    "int",
    "reverse",
    "sort",
    "unique",
    "wordcount",
    "split",
    "safe",
    "strip_end",
    "agency",
    "date_words",
    "date_short",
    "date_party",
    "date_weekday",
    "roman",
];

/// Tests a template may use after `is`.
pub const TESTS: &[&str] = &[
    "defined",
    "undefined",
    "none",
    "string",
    "number",
    "containing",
    "starting_with",
    "ending_with",
    "odd",
    "even",
    "divisible_by",
];

/// Functions a template may call.
pub const FUNCTIONS: &[&str] = &["range"];

/// Words of the expression language that are not variables.
const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "true", "false", "none", "True", "False", "None", "loop",
];

/// A refused construct, at a byte offset of the tera string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Byte offset in the tera string.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// What the scan of one tera string found.
#[derive(Debug, Default, Clone)]
pub struct Scan {
    /// Names used as variables (first offset of each), in order of appearance.
    pub names: Vec<(String, usize)>,
    /// Names bound by `set` or `for`.
    pub bound: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Ident(&'a str),
    Punct(char),
    Op2(&'a str),
    Str,
    Num,
}

/// Scans a tera string; returns the variable names it reads or the first refused construct.
pub fn scan(src: &str) -> Result<Scan, Refusal> {
    let mut out = Scan::default();
    let b = src.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'{' || !matches!(b[i + 1], b'{' | b'%' | b'#') {
            i += 1;
            continue;
        }
        let open = b[i + 1];
        let start = i;
        if open == b'#' {
            match src[i + 2..].find("#}") {
                Some(e) => i = i + 2 + e + 2,
                None => return Err(refuse(start, "unclosed comment `{#`")),
            }
            continue;
        }
        let close = if open == b'{' { "}}" } else { "%}" };
        let body_start = i + 2;
        let end = find_close(src, body_start, close)
            .ok_or_else(|| refuse(start, &format!("unclosed `{{{}`", open as char)))?;
        let toks = tokens(src, body_start, end)?;
        check(&toks, open == b'%', start, &mut out)?;
        i = end + 2;
    }
    Ok(out)
}

fn refuse(offset: usize, message: &str) -> Refusal {
    Refusal {
        offset,
        message: message.to_string(),
    }
}

/// Finds the closing delimiter, skipping string literals.
fn find_close(src: &str, from: usize, close: &str) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = from;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if b[i..].starts_with(close.as_bytes()) => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn tokens(src: &str, from: usize, to: usize) -> Result<Vec<(Tok<'_>, usize)>, Refusal> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let s = i;
            while i < to && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((Tok::Ident(&src[s..i]), s));
        } else if c.is_ascii_digit() {
            let s = i;
            while i < to && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            out.push((Tok::Num, s));
        } else if matches!(c, b'"' | b'\'' | b'`') {
            let s = i;
            i += 1;
            while i < to && b[i] != c {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push((Tok::Str, s));
        } else if c >= 0x80 {
            return Err(refuse(
                i,
                "only ASCII names and operators inside `{{ }}` and `{% %}`",
            ));
        } else {
            let two = src.get(i..i + 2).unwrap_or("");
            if matches!(
                two,
                "==" | "!=" | "<=" | ">=" | "//" | "**" | "?." | "?[" | ".."
            ) {
                out.push((Tok::Op2(two), i));
                i += 2;
            } else {
                out.push((Tok::Punct(c as char), i));
                i += 1;
            }
        }
    }
    Ok(out)
}

fn check(
    toks: &[(Tok<'_>, usize)],
    is_tag: bool,
    start: usize,
    out: &mut Scan,
) -> Result<(), Refusal> {
    let mut k = 0;
    // Whitespace control `-` right after the opening delimiter.
    if matches!(toks.first(), Some((Tok::Punct('-'), _))) {
        k = 1;
    }
    if let Some((Tok::Punct('<'), at)) = toks.get(k) {
        return Err(refuse(*at, "components are not allowed in templates"));
    }
    if is_tag {
        match toks.get(k) {
            Some((Tok::Ident(t), at)) => {
                if !TAGS.contains(t) {
                    return Err(refuse(
                        *at,
                        &format!("tag `{t}` is not allowed (allowed: {})", TAGS.join(", ")),
                    ));
                }
                if *t == "set" || *t == "for" {
                    // Bound names: `set x =`, `for x in`, `for k, v in`.
                    let mut j = k + 1;
                    while let Some((tok, _)) = toks.get(j) {
                        match tok {
                            Tok::Ident("in") | Tok::Punct('=') => break,
                            Tok::Ident(n) => out.bound.push((*n).to_string()),
                            _ => {}
                        }
                        j += 1;
                    }
                    // Skip the bound names themselves.
                    while let Some((tok, _)) = toks.get(k + 1) {
                        if matches!(tok, Tok::Ident("in") | Tok::Punct('=')) {
                            break;
                        }
                        k += 1;
                    }
                }
                k += 1;
            }
            Some((_, at)) => return Err(refuse(*at, "a tag starts with its name")),
            None => return Err(refuse(start, "empty tag")),
        }
    }
    let mut prev: Option<Tok<'_>> = None;
    let mut depth_call = 0usize;
    while k < toks.len() {
        let (tok, at) = toks[k];
        let next = toks.get(k + 1).map(|t| t.0);
        if let Tok::Ident(name) = tok {
            let after_dot = matches!(prev, Some(Tok::Punct('.')) | Some(Tok::Op2("?.")));
            if matches!(prev, Some(Tok::Punct('|'))) {
                if !FILTERS.contains(&name) {
                    return Err(refuse(
                        at,
                        &format!(
                            "filter `{name}` is not allowed (allowed: {})",
                            FILTERS.join(", ")
                        ),
                    ));
                }
            } else if matches!(prev, Some(Tok::Ident("is")))
                || (matches!(prev, Some(Tok::Ident("not")))
                    && k >= 2
                    && matches!(toks[k - 2].0, Tok::Ident("is")))
            {
                if name != "not" && !TESTS.contains(&name) {
                    return Err(refuse(
                        at,
                        &format!(
                            "test `{name}` is not allowed (allowed: {})",
                            TESTS.join(", ")
                        ),
                    ));
                }
            } else if after_dot {
                // An attribute.
            } else if depth_call > 0 && matches!(next, Some(Tok::Punct('='))) {
                // A keyword argument name.
            } else if KEYWORDS.contains(&name) {
                // An operator or literal.
            } else if matches!(next, Some(Tok::Punct('('))) {
                if !FUNCTIONS.contains(&name) {
                    return Err(refuse(
                        at,
                        &format!(
                            "function `{name}` is not allowed (allowed: {})",
                            FUNCTIONS.join(", ")
                        ),
                    ));
                }
            } else if !out.names.iter().any(|(n, _)| n == name) {
                out.names.push((name.to_string(), at));
            }
        }
        match tok {
            Tok::Punct('(') => depth_call += 1,
            Tok::Punct(')') => depth_call = depth_call.saturating_sub(1),
            _ => {}
        }
        prev = Some(tok);
        k += 1;
    }
    Ok(())
}

/// Escapes user text for the body markup: `\`, `*` and `#` come out literally.
pub fn escape_markup(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '\\' | '*' | '#') {
            out.write_all(&s.as_bytes()[last..i])?;
            out.write_all(b"\\")?;
            last = i;
        }
    }
    out.write_all(&s.as_bytes()[last..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_constructs_pass() {
        let s = scan("{% for x in items %}- {{ x | trim }}\n{% endfor %}{{ a or b }}{% if c is defined %}{{ d.e | join(sep=\", \") }}{% endif %}").expect("scan");
        let names: Vec<&str> = s.names.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["items", "x", "a", "b", "c", "d"]);
        assert_eq!(s.bound, ["x"]);
    }

    #[test]
    fn forbidden_constructs_are_refused_with_offset() {
        for (src, word) in [
            ("ab {% include \"x\" %}", "include"),
            ("{% extends \"/etc/passwd\" %}", "extends"),
            ("{% import \"m\" as m %}", "import"),
            ("{% macro m() %}{% endmacro %}", "macro"),
            ("{% block b %}{% endblock %}", "block"),
            ("{% component C() %}{% endcomponent C %}", "component"),
            ("{{ x | filesizeformat }}", "filesizeformat"),
            ("{{ throw(message=\"x\") }}", "throw"),
            ("{{ get_env(name=\"HOME\") }}", "get_env"),
            ("{% filter upper %}x{% endfilter %}", "filter"),
            ("{% raw %}x{% endraw %}", "raw"),
        ] {
            let e = scan(src).expect_err(src);
            assert!(e.message.contains(word), "{src}: {}", e.message);
        }
        assert_eq!(scan("ab {% include \"x\" %}").expect_err("inc").offset, 6);
    }

    #[test]
    fn markup_escape() {
        let mut v = Vec::new();
        escape_markup("a*b\\c # d", &mut v).expect("write");
        assert_eq!(String::from_utf8(v).expect("utf8"), "a\\*b\\\\c \\# d");
    }
}
