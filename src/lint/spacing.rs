//! Spacing: `số` glued to its number, fused syllables, a capital inside a word, runs of
//! spaces, no-break and invisible spaces, a space before `, ; : .` and none after them.

use super::syllable::{self, is_letter, lower_char};
use super::text::{Case, Source};
use super::{dictionary, spelling, Doc, Raw, Severity};

/// Runs the spacing rules on every text of the document.
pub fn check(doc: &Doc, out: &mut Vec<Raw>) {
    for (si, src) in doc.sources.iter().enumerate() {
        so_glued(si, src, out);
        fused(si, src, out);
        case_join(si, src, out);
        spaces(si, src, doc.ctx.plain, out);
        punctuation(si, src, out);
    }
}

fn is_word_start(chars: &[char], i: usize) -> bool {
    i == 0 || !is_letter(chars[i - 1]) && !chars[i - 1].is_ascii_digit()
}

fn so_glued(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let c = &src.chars;
    for i in 0..c.len().saturating_sub(2) {
        if !(matches!(c[i], 's' | 'S') && matches!(c[i + 1], 'ố' | 'Ố') && is_word_start(c, i))
        {
            continue;
        }
        let mut j = i + 2;
        if c.get(j) == Some(&':') {
            j += 1;
        }
        if c.get(j).is_some_and(|d| d.is_ascii_digit()) {
            let word: String = c[i..j].iter().collect();
            out.push(
                Raw::new(
                    si,
                    "spacing.so-glued",
                    Severity::Error,
                    i,
                    j,
                    format!("«{word}» viết liền với con số; cần một dấu cách sau «{word}»."),
                )
                .fix(format!("{word} ")),
            );
        }
    }
}

/// The valid two-syllable splits of a fused word: (left length in chars, both parts known to
/// the dictionary).
fn splits(word: &[char], need_known: bool) -> Vec<(usize, bool)> {
    let mut v = Vec::new();
    // Neither part can be longer than a syllable (`nghiêng`, `khuỷu`: 7 letters), so a long
    // run of letters has no split: checking each cut of it would be quadratic.
    if word.len() > 2 * syllable::MAX_LEN {
        return v;
    }
    // A lone vowel on the right is a doubled key (`bộô`), not a second syllable.
    for k in 1..word.len() - 1 {
        let left: String = word[..k].iter().collect();
        let right: String = word[k..].iter().collect();
        if !syllable::is_valid(&left) || !syllable::is_valid(&right) {
            continue;
        }
        let known = match (
            dictionary::knows(&left.to_lowercase()),
            dictionary::knows(&right.to_lowercase()),
        ) {
            (Some(a), Some(b)) => a && b,
            _ => false,
        };
        if need_known && !known {
            continue;
        }
        v.push((k, known));
    }
    v
}

fn fused(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let have_dict = dictionary::get().is_some();
    for t in &src.tokens {
        if !t.word || !matches!(t.case, Case::Lower | Case::Title) || t.end - t.start < 3 {
            continue;
        }
        if t.syl.is_some() || spelling::is_allowed(&t.lower) {
            continue;
        }
        let w = &src.chars[t.start..t.end];
        // A capitalised word may be a name: only dictionary-backed splits count.
        let need_known = t.case == Case::Title || have_dict;
        // A capitalised word may be a foreign name (`Lênin`): only with a tone mark.
        if t.case == Case::Title && (!have_dict || !spelling::has_tone_mark(&t.lower)) {
            continue;
        }
        let mut found = splits(w, need_known);
        if found.iter().any(|s| s.1) {
            found.retain(|s| s.1);
        }
        if found.is_empty() {
            continue;
        }
        // The longer first syllable first (`thực hiện` before `thự chiện`).
        found.sort_by_key(|s| std::cmp::Reverse(s.0));
        let word: String = w.iter().collect();
        let options: Vec<String> = found
            .iter()
            .take(3)
            .map(|&(k, _)| {
                format!(
                    "{} {}",
                    w[..k].iter().collect::<String>(),
                    w[k..].iter().collect::<String>()
                )
            })
            .collect();
        let split = options[0].clone();
        let r = Raw::new(
            si,
            "spacing.fused",
            Severity::Error,
            t.start,
            t.end,
            format!(
                "Hai âm tiết viết liền: «{word}» → «{}».",
                options.join("» hoặc «")
            ),
        );
        out.push(if found.len() == 1 { r.fix(split) } else { r });
    }
}

fn case_join(si: usize, src: &Source, out: &mut Vec<Raw>) {
    for t in &src.tokens {
        if t.case != Case::Mixed {
            continue;
        }
        let c = &src.chars;
        // Letter runs of the core.
        let mut i = t.start;
        while i < t.end {
            if !is_letter(c[i]) {
                i += 1;
                continue;
            }
            let rs = i;
            while i < t.end && is_letter(c[i]) {
                i += 1;
            }
            let run = &c[rs..i];
            for k in 1..run.len() {
                if !(run[k - 1].is_lowercase() && run[k].is_uppercase()) {
                    continue;
                }
                // The word left of the join starts at the last capital before it (or the run).
                let ls = (0..k).rev().find(|&j| run[j].is_uppercase()).unwrap_or(0);
                let mut re = k + 1;
                while re < run.len() && run[re].is_lowercase() {
                    re += 1;
                }
                let left: String = run[ls..k].iter().collect();
                let right: String = run[k..re].iter().collect();
                if left.chars().count() < 2 && ls == 0 {
                    continue;
                }
                if !syllable::is_valid(&left) || !syllable::is_valid(&right) {
                    continue;
                }
                let excerpt: String = run[ls..re].iter().collect();
                out.push(
                    Raw::new(
                        si,
                        "spacing.case-join",
                        Severity::Error,
                        rs + ls,
                        rs + re,
                        format!("Chữ thường liền chữ hoa trong «{excerpt}»: thiếu dấu cách giữa hai từ."),
                    )
                    .fix(format!("{left} {right}")),
                );
            }
        }
    }
}

fn word_before(c: &[char], i: usize) -> String {
    let mut s = i;
    while s > 0 && is_letter(c[s - 1]) {
        s -= 1;
    }
    c[s..i].iter().map(|&x| lower_char(x)).collect()
}

fn word_after(c: &[char], i: usize) -> String {
    let mut e = i;
    while e < c.len() && is_letter(c[e]) {
        e += 1;
    }
    c[i..e].iter().map(|&x| lower_char(x)).collect()
}

fn spaces(si: usize, src: &Source, plain: bool, out: &mut Vec<Raw>) {
    let c = &src.chars;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        match ch {
            '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{3000}' => {
                out.push(
                    Raw::new(
                        si,
                        "spacing.nbsp",
                        Severity::Warning,
                        i,
                        i + 1,
                        "Dấu cách không ngắt (hoặc dấu cách hẹp): dùng dấu cách thường.",
                    )
                    .fix(" "),
                );
                i += 1;
                continue;
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\u{2060}' => {
                out.push(
                    Raw::new(
                        si,
                        "spacing.nbsp",
                        Severity::Warning,
                        i,
                        i + 1,
                        "Ký tự vô hình (dấu cách độ rộng 0 hoặc gạch nối mềm): nên xoá.",
                    )
                    .fix(""),
                );
                i += 1;
                continue;
            }
            ' ' => {}
            _ => {
                i += 1;
                continue;
            }
        }
        let s = i;
        while i < c.len() && c[i] == ' ' {
            i += 1;
        }
        let n = i - s;
        if n < 2 {
            continue;
        }
        let at_line_start = s == 0 || c[s - 1] == '\n';
        let at_line_end = i >= c.len() || c[i] == '\n';
        if at_line_start || at_line_end || (plain && n >= 4) {
            continue;
        }
        // Blanks left on purpose: `ngày    tháng    năm`, `Số:      /UBND`.
        let before = word_before(c, s);
        let after = word_after(c, i);
        if matches!(before.as_str(), "ngày" | "tháng")
            || matches!(after.as_str(), "tháng" | "năm")
            || matches!(c.get(i), Some('/' | '-'))
            || c[..s].ends_with(&['S', 'ố', ':'])
            || c[..s].ends_with(&['s', 'ố', ':'])
        {
            continue;
        }
        out.push(
            Raw::new(
                si,
                "spacing.multiple-spaces",
                Severity::Warning,
                s,
                i,
                format!("{n} dấu cách liền nhau: chỉ cần một."),
            )
            .fix(" "),
        );
    }
}

fn chunk_is_link(c: &[char], i: usize) -> bool {
    let mut s = i;
    while s > 0 && !c[s - 1].is_whitespace() {
        s -= 1;
    }
    let mut e = i;
    while e < c.len() && !c[e].is_whitespace() {
        e += 1;
    }
    let chunk: String = c[s..e].iter().collect();
    chunk.contains('@')
        || chunk.contains("://")
        || chunk.contains("www.")
        || chunk.contains(".vn")
        || chunk.contains(".com")
}

fn punctuation(si: usize, src: &Source, out: &mut Vec<Raw>) {
    let c = &src.chars;
    for i in 0..c.len() {
        let p = c[i];
        if !matches!(p, ',' | ';' | ':' | '.' | '?' | '!') {
            continue;
        }
        // A space before the mark.
        if i > 0 && c[i - 1] == ' ' {
            let mut s = i - 1;
            while s > 0 && c[s - 1] == ' ' {
                s -= 1;
            }
            let line_start = s == 0 || c[s - 1] == '\n';
            let ellipsis = p == '.' && matches!(c.get(i + 1), Some('.' | '/'));
            let prev_punct =
                s > 0 && !c[s - 1].is_alphanumeric() && !matches!(c[s - 1], ')' | '"' | '”' | '’');
            if !line_start && !ellipsis && !prev_punct {
                out.push(
                    Raw::new(
                        si,
                        "spacing.before-punct",
                        Severity::Warning,
                        s,
                        i + 1,
                        format!("Dấu cách trước dấu «{p}»: dấu câu viết liền với chữ đứng trước."),
                    )
                    .fix(p.to_string()),
                );
            }
        }
        // No space after the mark.
        let Some(&next) = c.get(i + 1) else {
            continue;
        };
        if !next.is_alphabetic() || i == 0 {
            continue;
        }
        let prev = c[i - 1];
        let flag = match p {
            ',' | ';' => prev.is_alphanumeric() || matches!(prev, ')' | '"' | '”'),
            ':' => prev.is_alphabetic(),
            '.' => prev.is_lowercase() && next.is_uppercase() && is_letter(next),
            _ => prev.is_alphabetic() && next.is_uppercase(),
        };
        if !flag || chunk_is_link(c, i) {
            continue;
        }
        out.push(
            Raw::new(
                si,
                "spacing.after-punct",
                Severity::Warning,
                i,
                i + 1,
                format!("Thiếu dấu cách sau dấu «{p}»."),
            )
            .fix(format!("{p} ")),
        );
    }
}
