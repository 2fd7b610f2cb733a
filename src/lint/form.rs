//! Form: the signing prefix (`KT. GIÁM ĐỐC`, the regime's own symbols), the `Lưu` line and
//! its unit, the Kính gửi / Nơi nhận punctuation, blanks in a final document, heading
//! numbering, a capital after `;`, the special nouns, abbreviations before their full form,
//! phrases repeated back to back.

use std::collections::HashMap;

use super::spelling::same_case;
use super::syllable::{is_letter, lower_char, upper_char};
use super::text::{Case, FieldKind, Source};
use super::{Doc, Raw, Severity};
use crate::draft::Regime;

/// Runs the form rules.
pub fn check(doc: &Doc, out: &mut Vec<Raw>) {
    for (si, src) in doc.sources.iter().enumerate() {
        sign_prefix(doc, si, src, out);
        if doc.ctx.is_final {
            blanks(si, src, out);
        }
        if src.kind == FieldKind::Prose {
            capital_after_semicolon(si, src, out);
            special_nouns(si, src, out);
            repeated(si, src, out);
        }
        if src.kind == FieldKind::List {
            list_entry(si, src, out);
        }
    }
    typed_prefix(doc, out);
    archive(doc, out);
    if doc.ctx.plain {
        plain_lists(doc, out);
    }
    heading_numbering(doc, out);
    abbreviations(doc, out);
}

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

fn sign_prefix(doc: &Doc, si: usize, src: &Source, out: &mut Vec<Raw>) {
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
fn typed_prefix(doc: &Doc, out: &mut Vec<Raw>) {
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

fn blanks(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let c = &src.chars;
    for t in &src.tokens {
        if !matches!(t.lower.as_str(), "ngày" | "tháng" | "số")
            || t.end != t.chunk_end && src.slice(t.end, t.chunk_end) != ":"
        {
            continue;
        }
        let mut j = t.chunk_end;
        while c.get(j) == Some(&' ') {
            j += 1;
        }
        let gap = j - t.chunk_end;
        let blank = matches!(c.get(j), Some('…' | '_'))
            || c[j.min(c.len())..].starts_with(&['.', '.'])
            || gap >= 2
                && (c.get(j) == Some(&'/')
                    || c[j..].starts_with(&['t', 'h', 'á', 'n', 'g'])
                    || c[j..].starts_with(&['n', 'ă', 'm']));
        if blank {
            out.push(Raw::new(
                si,
                "form.blank-in-final",
                Severity::Error,
                t.start,
                j,
                "Văn bản đã đánh dấu chính thức nhưng còn để trống số hoặc ngày tháng.",
            ));
        }
    }
}

/// Common words that start a clause: after `;` inside a sentence they stay lower case.
const CLAUSE_WORDS: &[&str] = &[
    "tổ chức",
    "thực hiện",
    "xây dựng",
    "tăng cường",
    "nâng cao",
    "đẩy mạnh",
    "tiếp tục",
    "phát huy",
    "triển khai",
    "chỉ đạo",
    "đề nghị",
    "đồng thời",
    "tuy nhiên",
    "chủ động",
    "phối hợp",
    "kịp thời",
    "thường xuyên",
    "bảo đảm",
    "đảm bảo",
    "kiểm tra",
    "theo dõi",
    "rà soát",
    "khẩn trương",
    "nghiêm túc",
    "tập trung",
    "yêu cầu",
    "tích cực",
    "quan tâm",
    "lựa chọn",
    "vận động",
    "tuyên truyền",
    "phổ biến",
    "quán triệt",
    "huy động",
    "phấn đấu",
    "hoàn thành",
    "hoàn thiện",
    "đổi mới",
    "thu hút",
    "giới thiệu",
    "biểu dương",
    "nhân rộng",
    "góp phần",
    "kiên quyết",
    "phát hiện",
    "đánh giá",
    "đấu tranh",
    "phản bác",
    "xử lý",
    "cung cấp",
    "bố trí",
    "chuẩn bị",
    "sử dụng",
    "tổng hợp",
    "giao",
    "các",
    "những",
    "trong",
    "nhằm",
    "tạo",
    "qua",
    "đối với",
    "sau đó",
    "từ đó",
    "do đó",
    "vì vậy",
    "ngoài ra",
    "mặt khác",
];

fn capital_after_semicolon(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let toks = &src.tokens;
    for i in 1..toks.len() {
        let (p, t) = (&toks[i - 1], &toks[i]);
        if t.case != Case::Title || !t.word || t.start != t.chunk_start {
            continue;
        }
        if src.chars.get(p.chunk_end.wrapping_sub(1)) != Some(&';') || p.end + 1 != p.chunk_end {
            continue;
        }
        if src.chars[p.chunk_end..t.start].iter().any(|&c| c != ' ') {
            continue;
        }
        let two = toks.get(i + 1).map(|n| format!("{} {}", t.lower, n.lower));
        let hit = CLAUSE_WORDS.contains(&t.lower.as_str())
            || two.as_deref().is_some_and(|w| CLAUSE_WORDS.contains(&w));
        // `Các` + a capitalised name, or a cited document (`Báo cáo số`), is not a clause.
        let next_cap = toks
            .get(i + 1)
            .is_some_and(|n| n.case != Case::Lower || n.lower == "số");
        if !hit || (t.lower == "các" || t.lower == "những") && next_cap {
            continue;
        }
        let word = src.slice(t.start, t.end);
        let mut it = word.chars();
        let fixed: String = it.next().map(lower_char).into_iter().chain(it).collect();
        out.push(
            Raw::new(
                si,
                "form.capital-after-semicolon",
                Severity::Warning,
                t.start,
                t.end,
                format!("Sau dấu chấm phẩy trong câu viết thường: «{word}» → «{fixed}»."),
            )
            .fix(fixed),
        );
    }
}

/// Words that, before `nhân dân`, make it part of a name (`Ủy ban nhân dân`, `Công an nhân dân`).
const NHAN_DAN_NAMES: &[&str] = &[
    "ban", "đồng", "an", "đội", "án", "sát", "sĩ", "giáo", "thuốc", "nhân", "trang", "tranh",
    "biểu", "chủ", "vệ", "lực", "báo",
];

/// Words that end a name when walking back from `nhân dân` (`giữa Đảng với nhân dân`).
const NAME_BREAKS: &[&str] = &[
    "với", "và", "của", "cho", "vào", "đến", "tới", "từ", "trong", "để", "là", "các", "những",
    "toàn", "thể", "động", "phục", "vụ", "vì", "do", "tại", "giữa", "mọi",
];

/// Whether the words before token `i` continue a capitalised name (`Ban Thanh tra nhân dân`).
fn in_name(src: &Source, i: usize) -> bool {
    let toks = &src.tokens;
    let mut k = i;
    for _ in 0..3 {
        if k == 0 || !toks[k - 1].tight_with(&toks[k], &src.chars) {
            return false;
        }
        k -= 1;
        let t = &toks[k];
        match t.case {
            Case::Title | Case::Upper => return true,
            _ if NAME_BREAKS.contains(&t.lower.as_str()) => return false,
            _ => {}
        }
    }
    false
}

fn special_nouns(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let toks = &src.tokens;
    for i in 0..toks.len().saturating_sub(1) {
        let (a, b) = (&toks[i], &toks[i + 1]);
        if a.case != Case::Lower || b.case != Case::Lower || !a.tight_with(b, &src.chars) {
            continue;
        }
        let prev = if i > 0 {
            toks[i - 1].lower.as_str()
        } else {
            ""
        };
        let hit = match (a.lower.as_str(), b.lower.as_str()) {
            ("nhân", "dân") => !NHAN_DAN_NAMES.contains(&prev) && !in_name(src, i),
            ("nhà", "nước") => matches!(prev, "của" | "và" | "đảng"),
            _ => false,
        };
        if !hit {
            continue;
        }
        let phrase = src.slice(a.start, b.end);
        let fixed = same_case("X", &phrase);
        out.push(
            Raw::new(si, "form.special-noun", Severity::Warning, a.start, b.end, format!("«{fixed}» là danh từ đặc biệt, luôn viết hoa chữ cái đầu (Phụ lục II, Nghị định 30/2020/NĐ-CP)."))
                .fix(fixed),
        );
    }
}

/// Single words that are never doubled on purpose.
const NEVER_DOUBLED: &[&str] = &[
    "của", "và", "các", "những", "được", "là", "để", "trong", "với", "về", "cho", "đã", "sẽ",
    "thì", "này", "số", "theo", "tại", "đến", "việc", "có", "không", "một", "ngày", "năm",
];

fn repeated(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let toks = &src.tokens;
    let mut i = 0;
    while i < toks.len() {
        let mut hit = 0;
        for n in (1..=6).rev() {
            if i + 2 * n > toks.len() || !toks[i + n].lower.starts_with(toks[i].lower.as_str()) {
                continue;
            }
            let all_tight =
                (i..i + 2 * n - 1).all(|k| toks[k].tight_with(&toks[k + 1], &src.chars));
            if !all_tight {
                continue;
            }
            let same = (0..n).all(|k| {
                let (x, y) = (&toks[i + k].lower, &toks[i + n + k].lower);
                x == y
                    || k + 1 == n
                        && y.starts_with(x.as_str())
                        && y[x.len()..].starts_with(['/', '-'])
            });
            if !same || !toks[i..i + n].iter().any(|t| t.word) {
                continue;
            }
            if n == 1 && !NEVER_DOUBLED.contains(&toks[i].lower.as_str()) {
                continue;
            }
            hit = n;
            break;
        }
        if hit == 0 {
            i += 1;
            continue;
        }
        let (s, e) = (toks[i].start, toks[i + hit].start);
        let phrase = src.slice(s, toks[i + hit - 1].end);
        out.push(
            Raw::new(
                si,
                "form.repeated",
                Severity::Error,
                s,
                e,
                format!("Cụm từ «{phrase}» lặp lại liền nhau."),
            )
            .fix(""),
        );
        i += 2 * hit;
    }
}

fn list_entry(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let Some(f) = &src.field else { return };
    if f == "archive" {
        return;
    }
    let c = &src.chars;
    if c.starts_with(&['-', ' ']) || c.starts_with(&['+', ' ']) {
        out.push(
            Raw::new(
                si,
                "form.list-punct",
                Severity::Warning,
                0,
                2,
                "Không gõ gạch đầu dòng: chương trình tự thêm «- » khi in.",
            )
            .fix(""),
        );
    }
    if let Some(&last) = c.last() {
        if matches!(last, ';' | ',' | '.') && !c.ends_with(&['.', '/', '.']) {
            let n = c.len();
            out.push(
                Raw::new(si, "form.list-punct", Severity::Warning, n - 1, n, format!("Không gõ dấu «{last}» cuối dòng: chương trình tự thêm dấu theo thể thức khi in."))
                    .fix(""),
            );
        }
    }
}

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

/// The unit of a state công văn symbol (`05/SVHTTDL-QLVHGĐ` → `QLVHGĐ`).
fn unit_of_symbol(sym: &str) -> Option<String> {
    let after = sym.split_once('/')?.1;
    let parts: Vec<&str> = after.split('-').collect();
    const TYPES: &[&str] = &[
        "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB",
        "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS",
        "SL",
    ];
    if parts.len() != 2 || TYPES.contains(&parts[0]) || after.contains('/') {
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
    let list = entries(text);
    let has_vt = list.iter().any(|e| e.1 == "VT");
    match doc.ctx.regime {
        Some(Regime::State) => {
            if !has_vt && !list.is_empty() {
                out.push(Raw::new(si, "form.archive-form", Severity::Warning, at, at + text.chars().count(), "Dòng Lưu theo Nghị định 30/2020/NĐ-CP: «Lưu: VT, <đơn vị soạn thảo>» (thiếu «VT»)."));
            }
            if let Some(unit) = unit.filter(|u| !u.is_empty()) {
                let norm = |s: &str| -> String {
                    s.chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>()
                        .to_uppercase()
                };
                let others: Vec<&(usize, String)> = list
                    .iter()
                    .filter(|e| e.1 != "VT" && !e.1.is_empty())
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
                        let similar = norm(&e.1) != norm(unit);
                        let _ = similar;
                        out.push(Raw::new(si, "form.archive-unit", Severity::Warning, at + e.0, at + e.0 + n, format!("Đơn vị ở dòng Lưu «{}» khác đơn vị soạn thảo trong ký hiệu «{unit}».", e.1)));
                    }
                }
            }
        }
        Some(Regime::Party) => {
            if let Some(e) = list.iter().find(|e| e.1 == "VT") {
                out.push(Raw::new(si, "form.archive-form", Severity::Warning, at + e.0, at + e.0 + 2, "Văn bản của Đảng ghi «Lưu <tên cơ quan>» (ví dụ «Lưu Văn phòng Tỉnh ủy»), không dùng «VT»."));
            }
        }
        None => {}
    }
}

fn archive(doc: &Doc, out: &mut Vec<Raw>) {
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

fn lines(chars: &[char]) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut s = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            v.push((s, i));
            s = i + 1;
        }
    }
    v.push((s, chars.len()));
    v
}

/// The left column of a line of a pasted letter (two columns flattened by many spaces or a tab).
fn left_column(chars: &[char], s: usize, e: usize) -> usize {
    let mut i = s;
    while i < e {
        if chars[i] == '\t' || chars[i..e.min(i + 3)].iter().all(|&c| c == ' ') && i + 3 <= e {
            return i;
        }
        i += 1;
    }
    e
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
                if sym.contains('/') && unit.is_none() {
                    unit = unit_of_symbol(&sym);
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

/// Nơi nhận in a pasted letter: every line but the last ends with the regime's mark, the last `.`.
fn plain_lists(doc: &Doc, out: &mut Vec<Raw>) {
    for heading in ["Kính gửi", "Nơi nhận"] {
        plain_list(doc, heading, out);
    }
}

/// The dashed lines under a heading (`Kính gửi:`, `Nơi nhận:`) of a pasted letter.
fn plain_list(doc: &Doc, heading: &str, out: &mut Vec<Raw>) {
    let src = &doc.sources[0];
    let c = &src.chars;
    let ls = lines(c);
    let Some(h) = ls.iter().position(|&(s, e)| {
        let line: String = c[s..e].iter().collect();
        let t = line.trim_start();
        // The heading alone on its line (one recipient on the same line has no list).
        t.starts_with(heading) && t[heading.len()..].trim_start_matches(':').trim().is_empty()
            || t.starts_with(heading) && heading == "Nơi nhận"
    }) else {
        return;
    };
    let mut items: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in &ls[h + 1..] {
        let e = left_column(c, s, e);
        let mut a = s;
        while a < e && c[a].is_whitespace() {
            a += 1;
        }
        let mut b = e;
        while b > a && c[b - 1].is_whitespace() {
            b -= 1;
        }
        if a == b {
            if items.is_empty() {
                continue;
            }
            break;
        }
        if c[a] != '-' && c[a] != '+' {
            if items.is_empty() {
                continue;
            }
            break;
        }
        items.push((a, b));
    }
    let sep = match doc.ctx.regime {
        Some(Regime::Party) => {
            // Either `,` or `;`, one per document: the first line decides.
            match items.first().map(|&(_, b)| c[b - 1]) {
                Some(';') => ';',
                _ => ',',
            }
        }
        _ => ';',
    };
    let n = items.len();
    for (k, &(_, b)) in items.iter().enumerate() {
        let want = if k + 1 == n { '.' } else { sep };
        let last = c[b - 1];
        if last == want {
            continue;
        }
        let r = if matches!(last, ';' | ',' | '.' | ':') {
            Raw::new(
                0,
                "form.list-punct",
                Severity::Warning,
                b - 1,
                b,
                format!("Dòng «{heading}» kết thúc bằng «{want}», không phải «{last}»."),
            )
            .fix(want.to_string())
        } else {
            Raw::new(
                0,
                "form.list-punct",
                Severity::Warning,
                b - 1,
                b,
                format!("Dòng «{heading}» thiếu dấu «{want}» ở cuối."),
            )
            .fix(format!("{last}{want}"))
        };
        out.push(r);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Sep {
    Dot,
    SpacedDash,
    TightDash,
}

fn roman_heading(c: &[char], s: usize) -> Option<(usize, usize, Sep)> {
    let mut j = s;
    while j < c.len() && matches!(c[j], 'I' | 'V' | 'X' | 'L') {
        j += 1;
    }
    if j == s || j - s > 5 {
        return None;
    }
    let rest = &c[j..];
    let (sep, len) = if rest.starts_with(&['.', ' ']) {
        (Sep::Dot, 1)
    } else if rest.starts_with(&[' ', '-', ' ']) || rest.starts_with(&[' ', '–', ' ']) {
        (Sep::SpacedDash, 2)
    } else if rest.starts_with(&['-', ' ']) || rest.starts_with(&['–', ' ']) {
        (Sep::TightDash, 1)
    } else {
        return None;
    };
    let after = c.get(j + len + 1).copied()?;
    if !after.is_uppercase() {
        return None;
    }
    Some((j, j + len, sep))
}

fn heading_numbering(doc: &Doc, out: &mut Vec<Raw>) {
    let mut found: Vec<(usize, usize, usize, usize, Sep)> = Vec::new();
    for (si, src) in doc.sources.iter().enumerate() {
        if src.kind != FieldKind::Prose {
            continue;
        }
        for (s, _) in lines(&src.chars) {
            let mut a = s;
            while a < src.chars.len() && src.chars[a] == ' ' {
                a += 1;
            }
            if let Some((ne, se, sep)) = roman_heading(&src.chars, a) {
                found.push((si, a, ne, se, sep));
            }
        }
    }
    let mut counts: HashMap<Sep, usize> = HashMap::new();
    for f in &found {
        *counts.entry(f.4).or_default() += 1;
    }
    if counts.len() < 2 {
        return;
    }
    let best = found
        .iter()
        .map(|f| f.4)
        .max_by_key(|s| {
            (
                counts[s],
                usize::MAX - found.iter().position(|f| f.4 == *s).unwrap_or(0),
            )
        })
        .unwrap_or(Sep::Dot);
    let text = |s: Sep| match s {
        Sep::Dot => ".",
        Sep::SpacedDash => " -",
        Sep::TightDash => "-",
    };
    for (si, a, ne, se, sep) in found {
        if sep == best {
            continue;
        }
        let src = &doc.sources[si];
        let num = src.slice(a, ne);
        let have = src.slice(a, se);
        let fix = format!("{num}{}", text(best));
        out.push(
            Raw::new(
                si,
                "form.heading-numbering",
                Severity::Warning,
                a,
                se,
                format!("Lẫn kiểu đánh số đề mục: «{have}» khác «{fix}» của các đề mục còn lại."),
            )
            .fix(fix),
        );
    }
}

/// Abbreviations whose full form is known.
const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("UBND", &["ủy ban nhân dân", "uỷ ban nhân dân"]),
    ("HĐND", &["hội đồng nhân dân"]),
    ("MTTQ", &["mặt trận tổ quốc"]),
    ("XHCN", &["xã hội chủ nghĩa"]),
    ("BCH", &["ban chấp hành"]),
    ("BTV", &["ban thường vụ"]),
    ("BCĐ", &["ban chỉ đạo"]),
    ("CNTT", &["công nghệ thông tin"]),
    ("ĐTN", &["đoàn thanh niên"]),
];

fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter_map(|w| w.chars().next())
        .map(upper_char)
        .collect()
}

/// For each line of a text: (its start, whether it has no lower-case letter: a header line or
/// a heading in capitals).
fn caps_lines(c: &[char]) -> Vec<(usize, bool)> {
    lines(c)
        .into_iter()
        .map(|(s, e)| (s, !c[s..e].iter().any(|x| x.is_lowercase())))
        .collect()
}

fn in_caps_line(lines: &[(usize, bool)], i: usize) -> bool {
    let k = lines.partition_point(|l| l.0 <= i).max(1) - 1;
    lines.get(k).is_some_and(|l| l.1)
}

fn abbreviations(doc: &Doc, out: &mut Vec<Raw>) {
    // Positions in reading order: (source, token index).
    let prose: Vec<usize> = (0..doc.sources.len())
        .filter(|&i| doc.sources[i].kind == FieldKind::Prose)
        .collect();
    static FIRSTS: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| {
        ABBREVIATIONS
            .iter()
            .flat_map(|(_, forms)| forms.iter().filter_map(|f| f.split(' ').next()))
            .collect()
    });
    let mut first_use: HashMap<String, (usize, usize)> = HashMap::new();
    let mut defined: HashMap<String, (usize, usize)> = HashMap::new();
    for &si in &prose {
        let src = &doc.sources[si];
        let toks = &src.tokens;
        let caps = caps_lines(&src.chars);
        for (ti, t) in toks.iter().enumerate() {
            if t.case != Case::Upper || !t.word || t.end - t.start < 2 {
                continue;
            }
            if in_caps_line(&caps, t.start) {
                continue;
            }
            let abbr = src.slice(t.start, t.end);
            let bracketed = t.start > t.chunk_start && src.chars[t.start - 1] == '(';
            if bracketed {
                let n = abbr.chars().count();
                if ti >= n {
                    let words: Vec<&str> =
                        toks[ti - n..ti].iter().map(|x| x.lower.as_str()).collect();
                    if initials(&words) == abbr {
                        defined.entry(abbr.clone()).or_insert((si, ti - n));
                        continue;
                    }
                }
            }
            first_use.entry(abbr).or_insert((si, ti));
        }
        // Known full forms written out.
        for (ti, t) in toks.iter().enumerate() {
            if !firsts.contains(t.lower.as_str()) {
                continue;
            }
            for (abbr, forms) in ABBREVIATIONS {
                for form in *forms {
                    let mut fw = form.split(' ');
                    if fw.next() != Some(t.lower.as_str()) {
                        continue;
                    }
                    if fw
                        .enumerate()
                        .all(|(k, w)| toks.get(ti + 1 + k).is_some_and(|x| x.lower == w))
                    {
                        defined.entry(abbr.to_string()).or_insert((si, ti));
                    }
                }
            }
        }
    }
    let order = |p: (usize, usize)| (prose.iter().position(|&s| s == p.0).unwrap_or(0), p.1);
    let mut v: Vec<(&String, &(usize, usize))> = first_use.iter().collect();
    v.sort();
    for (abbr, &(si, ti)) in v {
        let Some(&d) = defined.get(abbr) else {
            continue;
        };
        if order(d) <= order((si, ti)) {
            continue;
        }
        let t = &doc.sources[si].tokens[ti];
        out.push(Raw::new(si, "form.abbrev-before-full", Severity::Warning, t.start, t.end, format!("Chữ viết tắt «{abbr}» dùng trước khi viết đầy đủ; lần đầu ghi tên đầy đủ kèm «({abbr})».")));
    }
}
