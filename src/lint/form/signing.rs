//! The signing prefix: `KT. GIÁM ĐỐC` with its space, the regime's own prefix, a prefix typed
//! into the signer's title.

use super::super::syllable::is_letter;
use super::super::text::Source;
use super::super::{Doc, Raw, Severity};
use crate::draft::Regime;

const STATE_PREFIXES: [(&str, &str); 5] = [
    ("TM", "T/M"),
    ("KT", "K/T"),
    ("TL", "T/L"),
    ("TUQ", "T/UQ"),
    ("Q", "Q."),
];

fn word_start(c: &[char], i: usize) -> bool {
    i == 0 || !(is_letter(c[i - 1]) || c[i - 1].is_ascii_digit() || c[i - 1] == '/')
}

pub(super) fn sign_prefix(doc: &Doc, si: usize, src: &Source, out: &mut Vec<Raw>) {
    let c = &src.chars;
    for i in 0..c.len() {
        if !word_start(c, i) || !c[i].is_ascii_uppercase() {
            continue;
        }
        // State form: `KT.` followed by a capital.
        let mut j = i;
        while j < c.len() && c[j].is_ascii_uppercase() && j - i < 3 {
            j += 1;
        }
        let abbr: String = c[i..j].iter().collect();
        if let Some(&(_, party)) = STATE_PREFIXES.iter().find(|p| p.0 == abbr) {
            if c.get(j) == Some(&'.') {
                let next = c.get(j + 1).copied();
                if next.is_some_and(|n| n.is_uppercase() && is_letter(n)) {
                    out.push(
                        Raw::new(si, "form.sign-prefix-space", Severity::Error, i, j + 1, format!("Thiếu dấu cách sau «{abbr}.»: viết «{abbr}. GIÁM ĐỐC», không viết «{abbr}.GIÁM ĐỐC»."))
                            .fix(format!("{abbr}. ")),
                    );
                }
                let spaced_cap =
                    next == Some(' ') && c.get(j + 2).is_some_and(|n| n.is_uppercase());
                if doc.ctx.regime == Some(Regime::Party)
                    && abbr != "Q"
                    && (spaced_cap || next.is_some_and(|n| n.is_uppercase()))
                {
                    out.push(
                        Raw::new(si, "form.sign-prefix-regime", Severity::Error, i, j + 1, format!("Văn bản của Đảng ghi thẩm quyền ký «{party}», không dùng «{abbr}.» (thể thức Nghị định 30)."))
                            .fix(party),
                    );
                }
            }
        }
        // Party form: `K/T` followed by a space and a capital.
        if j < c.len() && c[j] == '/' && j == i + 1 {
            let mut k = j + 1;
            while k < c.len() && c[k].is_ascii_uppercase() && k - j <= 2 {
                k += 1;
            }
            let sym: String = c[i..k].iter().collect();
            let Some(&(state, _)) = STATE_PREFIXES.iter().find(|p| p.1 == sym) else {
                continue;
            };
            let follows = c.get(k) == Some(&' ') && c.get(k + 1).is_some_and(|n| n.is_uppercase());
            if follows && doc.ctx.regime == Some(Regime::State) {
                out.push(
                    Raw::new(si, "form.sign-prefix-regime", Severity::Error, i, k, format!("Văn bản hành chính ghi thẩm quyền ký «{state}.», không dùng «{sym}» (thể thức văn bản của Đảng)."))
                        .fix(format!("{state}.")),
                );
            }
        }
    }
}

/// The signer's fields must not repeat the authority the renderer prints from `signer.authority`.
pub(super) fn typed_prefix(doc: &Doc, out: &mut Vec<Raw>) {
    for (si, src) in doc.sources.iter().enumerate() {
        let Some(f) = &src.field else { continue };
        if !(f.ends_with(".on_behalf_of") || f.ends_with(".title")) {
            continue;
        }
        let text: String = src.chars.iter().collect();
        let t = text.trim_start();
        let lead = src.chars.len() - t.chars().count();
        let found = STATE_PREFIXES
            .iter()
            .flat_map(|(a, b)| [format!("{a}."), b.to_string()])
            .find(|p| {
                t.starts_with(p.as_str())
                    && t[p.len()..].starts_with(|c: char| c == ' ' || c.is_uppercase())
            });
        let Some(p) = found else { continue };
        let plen = p.chars().count();
        let mut e = lead + plen;
        while src.chars.get(e) == Some(&' ') {
            e += 1;
        }
        let r = Raw::new(
            si,
            "form.sign-prefix-typed",
            Severity::Warning,
            lead,
            e,
            format!("«{p}» là thẩm quyền ký: chọn ở mục thẩm quyền (signer.authority), không gõ vào «{f}» (sẽ in lặp)."),
        );
        out.push(if f.ends_with(".on_behalf_of") {
            r.fix("")
        } else {
            r
        });
    }
}
