//! Bulk generation of a synthetic register, for benchmarks and tests (not part of the shipped
//! library): one transaction, prepared statements, realistic Vietnamese text, written through
//! the register's public connection. Included by `benches/register.rs` and the register tests.

use chrono::{Datelike, Duration, NaiveDate};
use vanthu::register::db::{params, Kind};

use vanthu::register::schema::search_text;
use vanthu::register::{fold, Register, Result};
use vanthu::symbol;

const SUBJECTS: &[&str] = &[
    "triển khai công tác tuyên truyền về xây dựng Đảng",
    "tổ chức Hội nghị sơ kết công tác văn hóa, gia đình",
    "đề nghị báo cáo kết quả thực hiện nhiệm vụ",
    "thành lập Tổ công tác kiểm tra di tích",
    "tăng cường quản lý hoạt động lễ hội đầu năm",
    "hướng dẫn tổ chức Ngày Gia đình Việt Nam",
    "phòng, chống tham nhũng, lãng phí, tiêu cực",
    "kế hoạch thi đua khen thưởng của ngành",
    "góp ý dự thảo Nghị quyết của Hội đồng nhân dân tỉnh",
    "đẩy mạnh học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh",
    "bảo đảm an toàn giao thông dịp Tết Nguyên đán",
    "cử cán bộ tham dự lớp bồi dưỡng nghiệp vụ",
    "quyết toán kinh phí sự nghiệp văn hóa",
    "tổ chức Đại hội Thể dục thể thao cấp huyện",
    "chuyển đổi số trong công tác văn thư, lưu trữ",
    "điều động viên chức Trung tâm Văn hóa tỉnh",
];
const PLACES: &[&str] = &[
    "huyện Tràng Định",
    "huyện Bắc Sơn",
    "thành phố Lạng Sơn",
    "huyện Đình Lập",
    "huyện Cao Lộc",
    "năm 2024",
    "quý III",
    "đợt 2",
];
const SIGNERS: &[&str] = &[
    "Nguyễn Văn An",
    "Phan Văn Hòa",
    "Đặng Thị Thu",
    "Lê Đức Thắng",
    "Hoàng Minh Đức",
];
const RECIPIENTS: &[&str] = &[
    "Các đơn vị trực thuộc Sở",
    "UBND các huyện, thành phố",
    "Văn phòng UBND tỉnh",
    "Ban Tuyên giáo Tỉnh ủy",
    "Sở Nội vụ",
    "Phòng Văn hóa và Thông tin các huyện",
];
const KINDS: &[&str] = &[
    "cong-van",
    "ke-hoach",
    "quyet-dinh",
    "bao-cao",
    "thong-bao",
    "to-trinh",
];

/// Fills a register with `count` issued entries spread evenly over `years` calendar years
/// from `first_year`, numbered per year in one common sequence (a state register).
/// Returns the number of entries written.
pub fn generate(
    reg: &mut Register,
    register: Option<&str>,
    count: u64,
    first_year: i32,
    years: u32,
) -> Result<u64> {
    let info = reg.register(register)?;
    let rules = info.rules();
    let kind = reg.db().kind();
    let tx = reg.db().begin()?;
    let per_year = count.div_ceil(u64::from(years.max(1)));
    let t = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut written = 0u64;
    {
        const SEQ: &str = "INSERT INTO sequences (register_id, period, kind, last_number) VALUES (?1, ?2, '', 0) \
             ON CONFLICT (register_id, period, kind) DO UPDATE SET last_number = sequences.last_number \
             RETURNING id, last_number";
        const BUMP: &str = "UPDATE sequences SET last_number = last_number + ?2 WHERE id = ?1";
        const INS: &str = "INSERT INTO entries (register_id, sequence_id, number, symbol, date, year, kind, unit_code, \
             subject, signer, recipients, archive, copies, status, created_at, updated_at, folded, signer_key, symbol_key) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'VT', ?12, 'issued', ?13, ?13, ?14, ?15, ?16)";
        let mut y = 0;
        while written < count {
            let year = first_year + y;
            let n_year = per_year.min(count - written);
            let (seq_id, base): (i64, i64) =
                tx.query_row(SEQ, params![info.id, year.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            tx.execute(BUMP, params![seq_id, n_year as i64])?;
            let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
            let days = if NaiveDate::from_ymd_opt(year, 12, 31).is_some_and(|d| d.ordinal() == 366)
            {
                366
            } else {
                365
            };
            for i in 0..n_year {
                let number = (base + i as i64 + 1) as u32;
                let date = start + Duration::days((i * days / n_year.max(1)) as i64);
                let kind = KINDS[rnd(KINDS.len())];
                let unit = if kind == "cong-van" { Some("VP") } else { None };
                let sym = symbol::compose(rules, kind, Some(number), &info.issuer_code, unit);
                let subject = format!(
                    "{} {}",
                    SUBJECTS[rnd(SUBJECTS.len())],
                    PLACES[rnd(PLACES.len())]
                );
                let signer = SIGNERS[rnd(SIGNERS.len())];
                let recipients = format!(
                    "{}; {}",
                    RECIPIENTS[rnd(RECIPIENTS.len())],
                    RECIPIENTS[rnd(RECIPIENTS.len())]
                );
                let folded = search_text(&sym, i64::from(number), &subject, signer, &recipients);
                tx.execute(
                    INS,
                    params![
                        info.id,
                        seq_id,
                        number,
                        sym,
                        date.to_string(),
                        year,
                        kind,
                        unit,
                        subject,
                        signer,
                        recipients,
                        1 + rnd(5) as i64,
                        t,
                        folded,
                        fold(signer),
                        fold(&sym),
                    ],
                )?;
            }
            written += n_year;
            y += 1;
        }
    }
    match kind {
        Kind::Sqlite => {
            tx.execute(
                "INSERT INTO entries_fts (entries_fts) VALUES ('optimize')",
                params![],
            )?;
            tx.commit()?;
            reg.db()
                .execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        Kind::Postgres => {
            tx.commit()?;
            reg.db().execute_batch("ANALYZE")?;
        }
    }
    Ok(written)
}
