//! Number, symbol (ký hiệu) and date forms, shared by the layout and the register.

use chrono::{Datelike, NaiveDate};

use crate::draft::Draft;
use crate::rules::RuleSet;

/// Pads a document number with leading zeros to the rule set's width (`5` → `05`).
pub fn number_text(n: u32, rules: &RuleSet) -> String {
    format!("{n:0width$}", width = rules.symbol.pad)
}

/// Composes the symbol without the `Số` prefix: `05/SVHTTDL-QLVHGĐ`, `175-KH/TU`.
/// A missing number prints as the rule set's blank.
pub fn compose(
    rules: &RuleSet,
    kind: &str,
    number: Option<u32>,
    issuer_code: &str,
    unit_code: Option<&str>,
) -> String {
    let abbr = rules.kind(kind).map(|k| k.abbr.as_str()).unwrap_or("");
    let unit = unit_code.unwrap_or("").trim();
    let mut form = if abbr.is_empty() {
        rules.symbol.form_without_type.clone()
    } else {
        rules.symbol.form.clone()
    };
    if unit.is_empty() {
        form = form.replace("-{unit}", "").replace("{unit}", "");
    }
    let number = match number {
        Some(n) => number_text(n, rules),
        None => rules.symbol.blank.clone(),
    };
    form.replace("{number}", &number)
        .replace("{type}", abbr)
        .replace("{issuer}", issuer_code.trim())
        .replace("{unit}", unit)
}

/// The symbol of a draft without the prefix.
pub fn of_draft(draft: &Draft, rules: &RuleSet) -> String {
    compose(
        rules,
        &draft.kind,
        draft.number,
        &draft.issuer.code,
        draft.unit_code.as_deref(),
    )
}

/// The printed line: `Số: 05/SVHTTDL-QLVHGĐ` or `Số 175-KH/TU`.
pub fn line(draft: &Draft, rules: &RuleSet) -> String {
    format!("{}{}", rules.symbol.prefix, of_draft(draft, rules))
}

/// `ngày 05 tháng 02 năm 2024`: day below 10 and months 1, 2 take a leading zero.
pub fn date_words(date: NaiveDate) -> String {
    let m = date.month();
    let month = if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    };
    format!("ngày {:02} tháng {} năm {}", date.day(), month, date.year())
}

/// The place and date line: `Lạng Sơn, ngày 05 tháng 02 năm 2024`, or with blanks for
/// day and month when the date is not set: `Lạng Sơn, ngày    tháng    năm 2023`.
pub fn place_date(place: &str, date: Option<NaiveDate>, year: i32) -> String {
    match date {
        Some(d) => format!("{place}, {}", date_words(d)),
        None => format!("{place}, ngày    tháng    năm {year}"),
    }
}

/// The short date used in registers and citations: `05/02/2024`.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    #[test]
    fn state_and_party_symbols() {
        let st = rules::by_id("nd30-2020").expect("nd30");
        let pa = rules::by_id("hd36-2018").expect("hd36");
        assert_eq!(
            compose(st, "cong-van", Some(5), "SVHTTDL", Some("QLVHGĐ")),
            "05/SVHTTDL-QLVHGĐ"
        );
        assert_eq!(
            compose(st, "cong-van", None, "SVHTTDL", Some("QLVHGĐ")),
            "      /SVHTTDL-QLVHGĐ"
        );
        assert_eq!(
            compose(st, "ke-hoach", Some(12), "UBND", Some("VX")),
            "12/KH-UBND"
        );
        assert_eq!(compose(st, "quy-dinh", Some(3), "BNV", None), "03/QyĐ-BNV");
        assert_eq!(compose(st, "cong-van", Some(40), "UBND", None), "40/UBND");
        assert_eq!(compose(pa, "ke-hoach", Some(175), "TU", None), "175-KH/TU");
        assert_eq!(
            compose(pa, "cong-van", Some(1184), "BTGTU", None),
            "1184-CV/BTGTU"
        );
        assert_eq!(compose(pa, "quy-dinh", Some(8), "TW", None), "08-QĐi/TW");
        assert_eq!(compose(pa, "ke-hoach", None, "TU", None), "     -KH/TU");
    }

    #[test]
    fn dates_take_leading_zeros_for_days_and_months_one_and_two() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(date_words(d(2024, 2, 5)), "ngày 05 tháng 02 năm 2024");
        assert_eq!(date_words(d(2020, 1, 5)), "ngày 05 tháng 01 năm 2020");
        assert_eq!(date_words(d(2019, 6, 29)), "ngày 29 tháng 6 năm 2019");
        assert_eq!(date_words(d(2018, 4, 3)), "ngày 03 tháng 4 năm 2018");
        assert_eq!(date_words(d(2023, 12, 31)), "ngày 31 tháng 12 năm 2023");
        assert_eq!(
            place_date("Lạng Sơn", None, 2023),
            "Lạng Sơn, ngày    tháng    năm 2023"
        );
    }
}
