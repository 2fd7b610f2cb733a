//! Number and symbol (ký hiệu), shared by the layout and the register.

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
            "     /SVHTTDL-QLVHGĐ"
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
        assert_eq!(compose(pa, "ke-hoach", None, "TU", None), "    -KH/TU");
    }
}
