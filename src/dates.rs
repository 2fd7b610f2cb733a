//! Dates as the documents write them: one parser and one formatter per form.
//!
//! | form | example | where |
//! |---|---|---|
//! | ISO | `2024-03-05` | draft files, the register's database ([`parse_iso`], [`iso`]) |
//! | typed | `5/3/2024`, `05/03/2024`, `2024-03-05` | what a person types ([`parse`]) |
//! | words | `ngày 05 tháng 3 năm 2024` | the date line ([`words`], [`place_date`]) |
//! | citation | `05/3/2024`, `16/5/2023` | a date cited in running text ([`citation`]) |
//! | numeric | `05/03/2024` | the register's columns, tables ([`numeric`]) |
//!
//! The words and the citation pad the same way (Nghị định 30/2020/NĐ-CP, Phụ lục I §II.5,
//! carried into citations by both sample letters: `16/5/2023`, `22/10/2018`): a day below 10
//! and the months 1 and 2 take a leading zero, other months do not.

use chrono::{Datelike, NaiveDate, Weekday};

/// The years a document's date may fall in: `0000-01-01` or `9999-12-31` is a typing
/// slip, not a date of an office's document.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Whether a date is plausible for a document (its year in [`PLAUSIBLE_YEARS`]).
pub fn plausible(date: NaiveDate) -> bool {
    PLAUSIBLE_YEARS.contains(&date.year())
}

/// The message for a date outside [`PLAUSIBLE_YEARS`], `shown` as the user wrote it.
pub fn implausible(shown: &str) -> String {
    format!(
        "{shown} is not a plausible date for a document (year {} to {})",
        PLAUSIBLE_YEARS.start(),
        PLAUSIBLE_YEARS.end()
    )
}

/// What [`parse`] accepts, for messages.
pub const TYPED_FORMS: &str = "day/month/year (5/3/2024) or YYYY-MM-DD";

/// Parses the ISO form `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if !b
        .iter()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Parses a date as a person types it: the ISO form, or day/month/year with one or two digits
/// for day and month and four for the year (`5/3/2024`, `05/03/2024`). Surrounding spaces are
/// ignored; anything else, or a day that does not exist, is `None`.
pub fn parse(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = parse_iso(s) {
        return Some(d);
    }
    let mut parts = s.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let digits = |p: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit())
    };
    if !(digits(d, 1, 2) && digits(m, 1, 2) && digits(y, 4, 4)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Parses a date a person typed into a form field, for the app and the templates alike:
/// [`parse`]'s forms (`5/3/2024`, `05/03/2024`, `2024-03-05`) in [`PLAUSIBLE_YEARS`]. An empty
/// text is `Ok(None)`; anything else that does not read is a [`crate::FieldError`] naming
/// `field` (`invalid_date`, or `out_of_range` for a year like 0024).
pub fn parse_user_date(
    field: &str,
    s: &str,
) -> std::result::Result<Option<NaiveDate>, crate::FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match parse(t) {
        Some(d) if plausible(d) => Ok(Some(d)),
        Some(_) => Err(crate::FieldError::new(
            field,
            crate::ErrorCode::OutOfRange,
            implausible(&format!("\"{t}\"")),
        )),
        None => Err(crate::FieldError::new(
            field,
            crate::ErrorCode::InvalidDate,
            format!("\"{t}\" is not a date ({TYPED_FORMS})"),
        )),
    }
}

/// The ISO form, `2024-03-05`.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Day and month as the date line and citations print them: `05`, `02`; `15`, `4`.
fn day_month(date: NaiveDate) -> (String, String) {
    let m = date.month();
    let month = if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    };
    (format!("{:02}", date.day()), month)
}

/// `ngày 05 tháng 02 năm 2024`.
pub fn words(date: NaiveDate) -> String {
    let (d, m) = day_month(date);
    format!("ngày {d} tháng {m} năm {}", date.year())
}

/// The place and date line: `Lạng Sơn, ngày 05 tháng 02 năm 2024`, or with blanks for day and
/// month when the date is not set: `Lạng Sơn, ngày    tháng    năm 2023`.
pub fn place_date(place: &str, date: Option<NaiveDate>, year: i32) -> String {
    match date {
        Some(d) => format!("{place}, {}", words(d)),
        None => format!("{place}, ngày    tháng    năm {year}"),
    }
}

/// A date cited in running text: `05/4/2025`, `15/02/2025`, `16/5/2023`.
pub fn citation(date: NaiveDate) -> String {
    let (d, m) = day_month(date);
    format!("{d}/{m}/{}", date.year())
}

/// The numeric form of the register's columns: `05/04/2025`.
pub fn numeric(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The day of the week: `thứ Hai` … `Chủ nhật`.
pub fn weekday(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// A stored RFC 3339 instant in local time, as a table shows it: `05/04/2025 14:30`
/// (the text itself when it is not RFC 3339).
pub fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
        |_| rfc3339.to_string(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%d/%m/%Y %H:%M")
                .to_string()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn iso_is_strict() {
        assert_eq!(parse_iso("2024-03-05"), Some(d(2024, 3, 5)));
        for bad in [
            "2024-3-5",
            "2024-02-30",
            "24-03-05",
            "2024/03/05",
            " 2024-03-05",
            "",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
        assert_eq!(iso(d(2024, 3, 5)), "2024-03-05");
    }

    #[test]
    fn typed_dates_take_iso_and_day_month_year() {
        for s in [
            "2024-03-05",
            "5/3/2024",
            "05/03/2024",
            "05/3/2024",
            " 5/03/2024 ",
        ] {
            assert_eq!(parse(s), Some(d(2024, 3, 5)), "{s}");
        }
        for bad in [
            "31/2/2024",
            "5/3/24",
            "5-3-2024",
            "5/3/2024/1",
            "a/3/2024",
            "",
            "005/3/2024",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn user_dates_are_parsed_once_for_app_and_templates() {
        for s in ["5/3/2024", "05/03/2024", "2024-03-05", " 05/3/2024 "] {
            assert_eq!(parse_user_date("date", s), Ok(Some(d(2024, 3, 5))), "{s}");
        }
        assert_eq!(parse_user_date("date", "  "), Ok(None));
        let e = parse_user_date("date", "31/2/2024").expect_err("no 31 February");
        assert_eq!(
            (e.field.as_str(), e.code),
            ("date", crate::ErrorCode::InvalidDate)
        );
        assert!(e.message.contains("31/2/2024"), "{}", e.message);
        let e = parse_user_date("start", "5/3/0024").expect_err("year 24");
        assert_eq!(
            (e.field.as_str(), e.code),
            ("start", crate::ErrorCode::OutOfRange)
        );
    }

    #[test]
    fn words_pad_day_below_ten_and_months_one_and_two() {
        assert_eq!(words(d(2024, 2, 5)), "ngày 05 tháng 02 năm 2024");
        assert_eq!(words(d(2020, 1, 5)), "ngày 05 tháng 01 năm 2020");
        assert_eq!(words(d(2019, 6, 29)), "ngày 29 tháng 6 năm 2019");
        assert_eq!(words(d(2018, 4, 3)), "ngày 03 tháng 4 năm 2018");
        assert_eq!(words(d(2023, 12, 31)), "ngày 31 tháng 12 năm 2023");
        assert_eq!(
            place_date("Lạng Sơn", None, 2023),
            "Lạng Sơn, ngày    tháng    năm 2023"
        );
    }

    #[test]
    fn citations_pad_as_the_date_line_does() {
        assert_eq!(citation(d(2025, 4, 5)), "05/4/2025");
        assert_eq!(citation(d(2025, 2, 15)), "15/02/2025");
        assert_eq!(citation(d(2023, 5, 16)), "16/5/2023");
        assert_eq!(numeric(d(2025, 4, 5)), "05/04/2025");
    }

    /// Every `dd/m/yyyy` date cited in the two sample letters is written as [`citation`]
    /// writes it, and reads back with [`parse`].
    #[test]
    fn the_citation_form_is_the_one_of_both_samples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut seen = 0;
        for name in [
            "cong-van-lang-son-2023.json",
            "ke-hoach-binh-dinh-2023.json",
        ] {
            let text = std::fs::read_to_string(dir.join(name)).expect("sample");
            let chars: Vec<char> = text.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
                    let tok: String = chars[i..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit() || **c == '/')
                        .collect();
                    i += tok.chars().count();
                    let parts: Vec<usize> = tok.split('/').map(str::len).collect();
                    let next = chars.get(i).copied().unwrap_or(' ');
                    if matches!(parts[..], [1 | 2, 1 | 2, 4]) && !next.is_alphanumeric() {
                        let date = parse(&tok).unwrap_or_else(|| panic!("{name}: {tok}"));
                        assert_eq!(citation(date), tok, "{name}");
                        seen += 1;
                    }
                } else {
                    i += 1;
                }
            }
        }
        assert!(seen >= 10, "{seen} cited dates");
    }

    #[test]
    fn weekdays_are_vietnamese() {
        assert_eq!(weekday(d(2025, 5, 8)), "thứ Năm");
        assert_eq!(weekday(d(2025, 5, 11)), "Chủ nhật");
    }
}
