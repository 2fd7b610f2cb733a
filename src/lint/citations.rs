//! Citations: a cited document needs its number and symbol, and on its first citation its
//! date and issuer (Phụ lục I §II.6.b of Nghị định 30/2020/NĐ-CP); a symbol must not mix the
//! state (`12/KH-UBND`) and Party (`175-KH/TU`) forms; one citation style per document.

use std::collections::HashSet;

use super::text::{FieldKind, Source, Token};
use super::{Doc, Raw, Severity};

/// Document types that are cited as `<type> số <number and symbol>`.
const TYPES: &[&str] = &[
    "công văn",
    "quyết định",
    "kế hoạch",
    "nghị quyết",
    "nghị định",
    "thông tư",
    "chỉ thị",
    "thông báo",
    "báo cáo",
    "tờ trình",
    "hướng dẫn",
    "kết luận",
    "quy định",
    "quy chế",
    "chương trình",
    "đề án",
    "thông tri",
    "công điện",
    "giấy mời",
    "pháp lệnh",
    "thông cáo",
    "phương án",
    "văn bản",
    "luật",
    "thông tư liên tịch",
    "nghị quyết liên tịch",
];

/// A citation found in a text.
#[derive(Debug, Clone)]
pub struct Citation {
    /// Source index.
    pub src: usize,
    /// Start of the type name.
    pub start: usize,
    /// The number (and symbol) token.
    pub number: Token,
    /// Whether the number carries a symbol.
    pub has_symbol: bool,
    /// `Some(true)`: `số X, ngày`; `Some(false)`: `số X ngày`; `None`: no date.
    pub comma_date: Option<bool>,
    /// Whether `của <issuer>` follows the date.
    pub has_issuer: bool,
}

fn type_before(src: &Source, i: usize) -> Option<usize> {
    let toks = &src.tokens;
    for n in (1..=3).rev() {
        if i < n {
            continue;
        }
        let words: Vec<&str> = toks[i - n..i].iter().map(|t| t.lower.as_str()).collect();
        let phrase = words.join(" ");
        let tight = (i - n..i).all(|k| toks[k].tight_with(&toks[k + 1], &src.chars));
        if tight && TYPES.contains(&phrase.as_str()) {
            return Some(i - n);
        }
    }
    None
}

/// Finds the citations of one text.
pub fn find(si: usize, src: &Source) -> Vec<Citation> {
    let toks = &src.tokens;
    let mut out = Vec::new();
    for i in 0..toks.len().saturating_sub(1) {
        if toks[i].lower != "số" || !toks[i].tight_with(&toks[i + 1], &src.chars) {
            continue;
        }
        let Some(ts) = type_before(src, i) else {
            continue;
        };
        let n = &toks[i + 1];
        if !n.lower.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let has_symbol = n.lower.contains('/') || n.lower.contains('-');
        let trailing: String = src.slice(n.end, n.chunk_end);
        let mut comma_date = None;
        let mut has_issuer = false;
        if let Some(next) = toks.get(i + 2) {
            let between: String = src.slice(n.chunk_end, next.chunk_start);
            if next.lower == "ngày"
                && !between.contains('\n')
                && (trailing.is_empty() || trailing == ",")
            {
                comma_date = Some(trailing == ",");
                // `ngày 16/5/2023` or `ngày 05 tháng 3 năm 2020`, then `của`.
                let after = if toks.get(i + 4).is_some_and(|t| t.lower == "tháng") {
                    i + 8
                } else {
                    i + 4
                };
                has_issuer = toks.get(after).is_some_and(|t| t.lower == "của");
            }
        }
        out.push(Citation {
            src: si,
            start: toks[ts].start,
            number: n.clone(),
            has_symbol,
            comma_date,
            has_issuer,
        });
    }
    out
}

fn is_party_body(code: &str) -> bool {
    let c = code.trim_end_matches(|ch: char| ch.is_ascii_digit());
    matches!(c, "TU" | "TW" | "HU" | "ĐU" | "QU" | "TƯ" | "ĐĐ" | "BCSĐ")
        || (c.len() > 2
            && (c.ends_with("TU") || c.ends_with("TW"))
            && c.starts_with(['B', 'V', 'U']))
}

fn is_state_body(code: &str) -> bool {
    code.contains("UBND")
        || code.contains("HĐND")
        || code == "CP"
        || code == "TTg"
        || code.ends_with("-CP")
}

/// The regime form a symbol token is written in, when it mixes the forms: a message.
fn mixed_form(symbol: &str) -> Option<String> {
    let digits = symbol.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest: String = symbol.chars().skip(digits).collect();
    if let Some(r) = rest.strip_prefix('-') {
        // Party form: `175-KH/TU`.
        let issuer = r.split_once('/').map(|x| x.1)?;
        if is_state_body(issuer) {
            return Some(format!("«{symbol}» viết theo thể thức văn bản của Đảng (số-LOẠI/CƠ QUAN) nhưng cơ quan «{issuer}» là cơ quan nhà nước (thể thức: số/LOẠI-CƠ QUAN)."));
        }
    } else if let Some(r) = rest.strip_prefix('/') {
        // State form: `12/KH-UBND`, `05/SVHTTDL-QLVHGĐ`, `30/2020/NĐ-CP`.
        let last = r.rsplit('/').next()?;
        let parts: Vec<&str> = last.split('-').collect();
        if parts.len() == 2 && is_party_body(parts[1]) {
            return Some(format!("«{symbol}» viết theo thể thức văn bản nhà nước (số/LOẠI-CƠ QUAN) nhưng «{}» là cơ quan của Đảng (thể thức: số-LOẠI/CƠ QUAN).", parts[1]));
        }
    }
    None
}

/// Runs the citation rules (and the citation-style consistency rule).
pub fn check(doc: &Doc, out: &mut Vec<Raw>) {
    let mut all = Vec::new();
    for (si, src) in doc.sources.iter().enumerate() {
        if src.kind == FieldKind::Prose {
            all.extend(find(si, src));
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for c in &all {
        let src = &doc.sources[c.src];
        let cited = src.slice(c.start, c.number.end);
        if !c.has_symbol {
            out.push(Raw::new(
                c.src,
                "citations.no-symbol",
                Severity::Error,
                c.start,
                c.number.end,
                format!("Văn bản được dẫn thiếu ký hiệu: «{cited}» (ghi đủ số và ký hiệu, ví dụ «số 215/UBND-VX»)."),
            ));
            continue;
        }
        let symbol = src.slice(c.number.start, c.number.end);
        if let Some(m) = mixed_form(&symbol) {
            out.push(Raw::new(
                c.src,
                "citations.symbol-regime",
                Severity::Warning,
                c.number.start,
                c.number.end,
                m,
            ));
        }
        let first = seen.insert(symbol.to_uppercase());
        // Laws and decrees carry their year in the symbol; the date rule is for the rest.
        if !first || symbol.matches('/').count() >= 2 {
            continue;
        }
        if c.comma_date.is_none() {
            out.push(Raw::new(
                c.src,
                "citations.no-date",
                Severity::Warning,
                c.start,
                c.number.end,
                format!("Lần dẫn đầu tiên «{cited}» thiếu ngày ban hành (ghi: loại, số và ký hiệu, ngày, cơ quan ban hành, trích yếu)."),
            ));
        } else if !c.has_issuer {
            out.push(Raw::new(
                c.src,
                "citations.no-issuer",
                Severity::Info,
                c.start,
                c.number.end,
                format!("Lần dẫn đầu tiên «{cited}» chưa ghi cơ quan ban hành («của …»)."),
            ));
        }
    }
    style(doc, &all, out);
}

fn style(doc: &Doc, all: &[Citation], out: &mut Vec<Raw>) {
    let dated: Vec<&Citation> = all.iter().filter(|c| c.comma_date.is_some()).collect();
    let commas = dated.iter().filter(|c| c.comma_date == Some(true)).count();
    let plain = dated.len() - commas;
    if commas == 0 || plain == 0 {
        return;
    }
    let target = commas > plain || commas == plain && dated[0].comma_date == Some(true);
    for c in dated {
        if c.comma_date == Some(target) {
            continue;
        }
        let src = &doc.sources[c.src];
        let n = &c.number;
        let (s, e, fix) = if target {
            (n.start, n.end, format!("{},", src.slice(n.start, n.end)))
        } else {
            (n.end, n.end + 1, String::new())
        };
        let (have, want) = if target {
            ("số X ngày", "số X, ngày")
        } else {
            ("số X, ngày", "số X ngày")
        };
        out.push(
            Raw::new(
                c.src,
                "consistency.citation-style",
                Severity::Warning,
                s,
                e,
                format!("Lẫn hai cách dẫn văn bản: «{have}» ở đây, «{want}» ở phần lớn văn bản; nên thống nhất."),
            )
            .fix(fix),
        );
    }
}
