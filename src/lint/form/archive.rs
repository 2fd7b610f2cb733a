//! The `Lưu` line: its form and its unit against the symbol's.

use super::super::{Doc, Raw, Severity};
use super::{left_column, lines};
use crate::rules::{FieldUse, RuleSet};

fn entries(text: &str) -> Vec<(usize, String)> {
    // (char offset, entry) of a comma-separated list.
    let mut v = Vec::new();
    let mut off = 0;
    for part in text.split(',') {
        let n = part.chars().count();
        let lead = part.chars().take_while(|c| c.is_whitespace()).count();
        let e = part.trim().trim_end_matches('.').trim().to_string();
        v.push((off + lead, e));
        off += n + 1;
    }
    v
}

/// The drafting unit of a symbol whose form ends in one (`05/SVHTTDL-QLVHGĐ` → `QLVHGĐ`;
/// `12/KH-UBND` has a type, not a unit).
fn unit_of_symbol(sym: &str, rules: &RuleSet) -> Option<String> {
    let after = sym.split_once('/')?.1;
    let parts: Vec<&str> = after.split('-').collect();
    let is_type = rules
        .kinds
        .iter()
        .any(|k| !k.abbr.is_empty() && k.abbr == parts[0]);
    if parts.len() != 2 || is_type || after.contains('/') {
        return None;
    }
    Some(parts[1].trim().to_string())
}

fn check_archive_text(
    doc: &Doc,
    si: usize,
    at: usize,
    text: &str,
    unit: Option<&str>,
    out: &mut Vec<Raw>,
) {
    let Some(r) = doc.ctx.rules else { return };
    let office = r.cc.office.as_str();
    if office.is_empty() {
        return;
    }
    let list = entries(text);
    let has_office = list.iter().any(|e| e.1 == office);
    match r.cc.office_in_archive {
        FieldUse::Required if !has_office && !list.is_empty() => {
            let form =
                r.cc.archive
                    .replace("{archive}", &format!("{office}, <đơn vị soạn thảo>"));
            out.push(Raw::new(
                si,
                "form.archive-form",
                Severity::Warning,
                at,
                at + text.chars().count(),
                format!("Dòng Lưu theo {}: «{form}» (thiếu «{office}»).", r.guide),
            ));
        }
        FieldUse::None => {
            if let Some(e) = list.iter().find(|e| e.1 == office) {
                let form = r.cc.archive.replace("{archive}", "<tên cơ quan>");
                out.push(Raw::new(
                    si,
                    "form.archive-form",
                    Severity::Warning,
                    at + e.0,
                    at + e.0 + office.chars().count(),
                    format!(
                        "Văn bản theo {} ghi «{form}» (ví dụ «{}»), không dùng «{office}».",
                        r.guide, r.cc.archive_default
                    ),
                ));
            }
        }
        _ => {}
    }
    if !r.cc.unit_in_archive {
        return;
    }
    if let Some(unit) = unit.filter(|u| !u.is_empty()) {
        let others: Vec<&(usize, String)> = list
            .iter()
            .filter(|e| e.1 != office && !e.1.is_empty())
            .collect();
        let matches = others
            .iter()
            .any(|e| e.1 == unit || e.1.split_whitespace().next() == Some(unit));
        if !matches {
            if let Some(e) = others.iter().find(|e| {
                !e.1.chars()
                    .all(|c| c.is_ascii_digit() || c == '(' || c == ')')
            }) {
                let n = e.1.chars().count();
                out.push(Raw::new(
                    si,
                    "form.archive-unit",
                    Severity::Warning,
                    at + e.0,
                    at + e.0 + n,
                    format!(
                        "Đơn vị ở dòng Lưu «{}» khác đơn vị soạn thảo trong ký hiệu «{unit}».",
                        e.1
                    ),
                ));
            }
        }
    }
}

pub(super) fn archive(doc: &Doc, out: &mut Vec<Raw>) {
    if doc.ctx.plain {
        plain_archive(doc, out);
        return;
    }
    let Some(si) = doc
        .sources
        .iter()
        .position(|s| s.field.as_deref() == Some("archive"))
    else {
        return;
    };
    let src = &doc.sources[si];
    let text: String = src.chars.iter().collect();
    let mut at = 0;
    if let Some(rest) = text.strip_prefix("Lưu") {
        let skip = 3 + rest
            .chars()
            .take_while(|c| *c == ':' || c.is_whitespace())
            .count();
        out.push(
            Raw::new(
                si,
                "form.archive-form",
                Severity::Warning,
                0,
                skip,
                "Không gõ «Lưu»: chương trình tự in «Lưu» theo thể thức.",
            )
            .fix(""),
        );
        at = skip;
    }
    let body: String = src.chars[at..].iter().collect();
    check_archive_text(doc, si, at, &body, doc.ctx.unit_code.as_deref(), out);
}

fn plain_archive(doc: &Doc, out: &mut Vec<Raw>) {
    let src = &doc.sources[0];
    let c = &src.chars;
    let ls = lines(c);
    let mut unit = None;
    for &(s, e) in &ls {
        let line: String = c[s..e].iter().collect();
        let t = line.trim_start();
        for p in ["Số:", "Số "] {
            if let Some(rest) = t.strip_prefix(p) {
                let sym: String = rest
                    .trim_start()
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                if let (true, None, Some(r)) = (sym.contains('/'), &unit, doc.ctx.rules) {
                    unit = unit_of_symbol(&sym, r);
                }
            }
        }
    }
    for &(s, e) in &ls {
        let e = left_column(c, s, e);
        let line: String = c[s..e].iter().collect();
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        let t: String = line.chars().skip(lead).collect();
        let Some(rest) = t.strip_prefix("- Lưu") else {
            continue;
        };
        let skip = rest
            .chars()
            .take_while(|c| *c == ':' || c.is_whitespace())
            .count();
        let at = s + lead + 5 + skip;
        let body: String = rest.chars().skip(skip).collect();
        let body = body.trim_end().to_string();
        check_archive_text(doc, 0, at, &body, unit.as_deref(), out);
        break;
    }
}
