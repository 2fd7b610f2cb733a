//! The body markup of `docs/spec/draft.md`: paragraphs, headings, dash items, bold/italic, breaks, escapes.

/// What a body paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// An ordinary paragraph.
    Paragraph,
    /// `#`, `##`, `###`: a heading of level 1 to 3.
    Heading(u8),
    /// `- text`: a dash item (the dash is kept in the text).
    Dash,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text with its emphasis.
    Text {
        /// The text, escapes resolved.
        text: String,
        /// Inside `**…**`.
        bold: bool,
        /// Inside `*…*`.
        italic: bool,
    },
    /// A single newline inside a paragraph.
    Break,
}

/// One body paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// Its content.
    pub inlines: Vec<Inline>,
}

impl Block {
    /// The paragraph's plain text (breaks as newlines).
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for i in &self.inlines {
            match i {
                Inline::Text { text, .. } => s.push_str(text),
                Inline::Break => s.push('\n'),
            }
        }
        s
    }
}

/// Parses a body into paragraphs. Never fails: unmatched markers are kept as text.
pub fn parse(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    for line in body.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !para.is_empty() {
                blocks.push(parse_paragraph(&para));
                para.clear();
            }
        } else {
            para.push(line);
        }
    }
    if !para.is_empty() {
        blocks.push(parse_paragraph(&para));
    }
    blocks
}

fn parse_paragraph(lines: &[&str]) -> Block {
    let first = lines[0].trim_start();
    let (kind, rest) = if let Some(r) = first.strip_prefix("### ") {
        (BlockKind::Heading(3), r)
    } else if let Some(r) = first.strip_prefix("## ") {
        (BlockKind::Heading(2), r)
    } else if let Some(r) = first.strip_prefix("# ") {
        (BlockKind::Heading(1), r)
    } else if first.starts_with("- ") {
        (BlockKind::Dash, first)
    } else {
        (BlockKind::Paragraph, first)
    };
    let mut src = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    src.push_str(rest.trim_start());
    for l in &lines[1..] {
        src.push('\n');
        src.push_str(l);
    }
    Block {
        kind,
        inlines: parse_inlines(src.trim_end()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    Literal(char),
    Strong,
    Em,
    Break,
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let special = matches!(b, b'\\' | b'*' | b'\n');
        if !special {
            i += 1;
            continue;
        }
        if start < i {
            out.push(Token::Text(&s[start..i]));
        }
        match b {
            b'\\' => match bytes.get(i + 1) {
                Some(&c @ (b'*' | b'\\' | b'#' | b'-' | b'_')) => {
                    out.push(Token::Literal(c as char));
                    i += 2;
                }
                _ => {
                    out.push(Token::Literal('\\'));
                    i += 1;
                }
            },
            b'*' => {
                if bytes.get(i + 1) == Some(&b'*') {
                    out.push(Token::Strong);
                    i += 2;
                } else {
                    out.push(Token::Em);
                    i += 1;
                }
            }
            _ => {
                out.push(Token::Break);
                i += 1;
            }
        }
        start = i;
    }
    if start < bytes.len() {
        out.push(Token::Text(&s[start..]));
    }
    out
}

/// Parses inline markup: `**bold**`, `*italic*`, `\*`, and newlines as breaks.
pub fn parse_inlines(s: &str) -> Vec<Inline> {
    let tokens = tokenize(s);
    // How many markers of each kind remain after each position: a marker only opens
    // when a partner follows, so an unmatched one prints literally. Linear time.
    let mut strong_after = vec![0u32; tokens.len() + 1];
    let mut em_after = vec![0u32; tokens.len() + 1];
    for i in (0..tokens.len()).rev() {
        strong_after[i] = strong_after[i + 1] + u32::from(tokens[i] == Token::Strong);
        em_after[i] = em_after[i + 1] + u32::from(tokens[i] == Token::Em);
    }
    let mut out: Vec<Inline> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut Vec<Inline>, bold: bool, italic: bool| {
        if !buf.is_empty() {
            out.push(Inline::Text {
                text: std::mem::take(buf),
                bold,
                italic,
            });
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        match *t {
            Token::Text(s) => buf.push_str(s),
            Token::Literal(c) => buf.push(c),
            Token::Break => {
                flush(&mut buf, &mut out, bold, italic);
                out.push(Inline::Break);
            }
            Token::Strong => {
                if bold || strong_after[i + 1] > 0 {
                    flush(&mut buf, &mut out, bold, italic);
                    bold = !bold;
                } else {
                    buf.push_str("**");
                }
            }
            Token::Em => {
                if italic || em_after[i + 1] > 0 {
                    flush(&mut buf, &mut out, bold, italic);
                    italic = !italic;
                } else {
                    buf.push('*');
                }
            }
        }
    }
    flush(&mut buf, &mut out, bold, italic);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text {
            text: t.into(),
            bold,
            italic,
        }
    }

    #[test]
    fn headings_dashes_and_paragraphs() {
        let b =
            parse("# I. MỤC ĐÍCH\n\n## 1. Nội dung\n\n### a) Chi tiết\n\n- một\n\nđoạn\ndòng hai");
        let kinds: Vec<_> = b.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Heading(2),
                BlockKind::Heading(3),
                BlockKind::Dash,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(b[0].plain_text(), "I. MỤC ĐÍCH");
        assert_eq!(b[3].plain_text(), "- một");
        assert_eq!(
            b[4].inlines,
            vec![
                text("đoạn", false, false),
                Inline::Break,
                text("dòng hai", false, false)
            ]
        );
    }

    #[test]
    fn emphasis_and_escapes() {
        assert_eq!(
            parse_inlines("**Điều 1.** Ban hành *kèm theo* \\*này"),
            vec![
                text("Điều 1.", true, false),
                text(" Ban hành ", false, false),
                text("kèm theo", false, true),
                text(" *này", false, false)
            ]
        );
    }

    #[test]
    fn unmatched_markers_stay_literal() {
        assert_eq!(parse_inlines("a ** b"), vec![text("a ** b", false, false)]);
        assert_eq!(parse_inlines("5 * 3"), vec![text("5 * 3", false, false)]);
        assert_eq!(
            parse_inlines("**a *b** c"),
            vec![text("a *b", true, false), text(" c", false, false)]
        );
    }

    #[test]
    fn blank_lines_with_spaces_separate_paragraphs() {
        assert_eq!(parse("a\n   \nb").len(), 2);
        assert!(parse("\n\n  \n").is_empty());
    }
}
