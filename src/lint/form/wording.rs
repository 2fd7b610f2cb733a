//! Wording: a capital after `;`, the special nouns (`Nhân dân`, `Nhà nước`), phrases repeated
//! back to back.

use super::super::spelling::same_case;
use super::super::syllable::lower_char;
use super::super::text::{Case, Source};
use super::super::{Raw, Severity};

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

pub(super) fn capital_after_semicolon(si: usize, src: &Source, out: &mut Vec<Raw>) {
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

pub(super) fn special_nouns(si: usize, src: &Source, out: &mut Vec<Raw>) {
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

pub(super) fn repeated(si: usize, src: &Source, out: &mut Vec<Raw>) {
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
