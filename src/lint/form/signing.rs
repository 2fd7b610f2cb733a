//! The signing prefix: `KT. GIÁM ĐỐC` with its space, the regime's own prefix, a prefix typed
//! into the signer's title.

use super::super::syllable::is_letter;
use super::super::text::Source;
use super::super::{Doc, Raw, Severity};
use crate::regime::Authority;
use crate::rules::{self, RuleSet};
use std::sync::OnceLock;

/// Every signing prefix of every rule set (`TM.`, `K/T`, `Q.`), longest first, with the
/// authority it prints.
fn all_prefixes() -> &'static [(String, Authority)] {
    static ALL: OnceLock<Vec<(String, Authority)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<(String, Authority)> = Vec::new();
        for r in rules::all() {
            for (slug, a) in Authority::ALL {
                if let Some(p) = r.signer.prefixes.get(slug) {
                    if !v.iter().any(|(q, _)| q == p) {
                        v.push((p.clone(), a));
                    }
                }
            }
        }
        v.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        v
    })
}

/// A rule set of another regime than `r` that prints `prefix`, for the message.
fn owner_of(prefix: &str, r: &RuleSet) -> Option<&'static RuleSet> {
    rules::all()
        .iter()
        .find(|o| o.regime != r.regime && o.signer.prefixes.values().any(|p| p == prefix))
}

fn word_start(c: &[char], i: usize) -> bool {
    i == 0 || !(is_letter(c[i - 1]) || c[i - 1].is_ascii_digit() || c[i - 1] == '/')
}

pub(super) fn sign_prefix(doc: &Doc, si: usize, src: &Source, out: &mut Vec<Raw>) {
    let c = &src.chars;
    for i in 0..c.len() {
        if !word_start(c, i) || !c[i].is_ascii_uppercase() {
            continue;
        }
        let Some((p, a)) = all_prefixes().iter().find(|(p, _)| {
            let n = p.chars().count();
            c.len() >= i + n && c[i..i + n].iter().copied().eq(p.chars())
        }) else {
            continue;
        };
        let j = i + p.chars().count();
        let next = c.get(j).copied();
        // `KT.GIÁM ĐỐC`: a prefix ending in a dot wants a space before the capital.
        if p.ends_with('.') && next.is_some_and(|n| n.is_uppercase() && is_letter(n)) {
            out.push(
                Raw::new(
                    si,
                    "form.sign-prefix-space",
                    Severity::Error,
                    i,
                    j,
                    format!(
                        "Thiếu dấu cách sau «{p}»: viết «{p} GIÁM ĐỐC», không viết «{p}GIÁM ĐỐC»."
                    ),
                )
                .fix(format!("{p} ")),
            );
        }
        // The prefix of another rule set where this one prints the authority its own way.
        let Some(r) = doc.ctx.rules else { continue };
        let Some(own) = r.signer.prefix(*a).filter(|own| own != p) else {
            continue;
        };
        let Some(other) = owner_of(p, r) else {
            continue;
        };
        let spaced_cap = next == Some(' ') && c.get(j + 1).is_some_and(|n| n.is_uppercase());
        if spaced_cap || next.is_some_and(|n| n.is_uppercase()) {
            out.push(
                Raw::new(si, "form.sign-prefix-regime", Severity::Error, i, j, format!("Văn bản theo {} ghi thẩm quyền ký «{own}», không dùng «{p}» (thể thức {}).", r.guide, other.guide))
                    .fix(own.to_string()),
            );
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
        let found = all_prefixes().iter().map(|(p, _)| p.clone()).find(|p| {
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
