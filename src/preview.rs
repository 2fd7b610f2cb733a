//! The preview of a draft still being typed: what the page looks like so far, with a
//! placeholder where a required text is empty, the number and symbol line as it will print,
//! and what is still wrong, field by field. Never fails on user data.

use chrono::Datelike;
use serde::Serialize;

use crate::dates;
use crate::draft::{self, DraftFile};
use crate::error::{ErrorCode, FieldError};
use crate::regime::Regime;
use crate::rules::{self, RuleSet};
use crate::{layout, render, symbol};

/// Text shown in the preview for a required field not filled in yet.
pub const PLACEHOLDER: &str = "…";

/// What the preview pane shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    /// The A4 pages as HTML, or `None` when even placeholders cannot make the draft valid.
    pub html: Option<String>,
    /// Number of pages.
    pub pages: u32,
    /// The number and symbol line as it will print (`Số: 05/SVHTTDL-QLVHGĐ`); empty while
    /// the regime is unknown.
    pub symbol: String,
    /// The rule set the draft follows (`hd36-2018`), when its regime is known.
    pub rules_id: Option<String>,
    /// What is still wrong, field by field.
    pub errors: Vec<FieldError>,
}

/// The draft with placeholders where required texts are still empty, so that the page takes
/// shape while the clerk types.
pub fn with_placeholders(file: &DraftFile, errors: &[FieldError]) -> DraftFile {
    let mut d = file.clone();
    let ph = || Some(PLACEHOLDER.to_string());
    let blank = |v: &Option<String>| v.as_deref().unwrap_or("").trim().is_empty();
    // A date that does not read yet leaves the date line blank, as an unsigned draft prints.
    if errors
        .iter()
        .any(|e| e.field == "date" && e.code != ErrorCode::Required)
    {
        d.date = None;
        if d.year.is_none() {
            d.year = Some(i64::from(chrono::Local::now().year()));
        }
    }
    for e in errors.iter().filter(|e| e.code == ErrorCode::Required) {
        match e.field.as_str() {
            "subject" => d.subject = ph(),
            "body" => d.body = ph(),
            "place" => d.place = ph(),
            "recipients" => d.recipients = vec![PLACEHOLDER.to_string()],
            "year" => d.year = Some(i64::from(chrono::Local::now().year())),
            "issuer.name" | "issuer.code" | "issuer" => {
                let i = d.issuer.get_or_insert_with(Default::default);
                if e.field != "issuer.code" && blank(&i.name) {
                    i.name = ph();
                }
                if e.field != "issuer.name" && blank(&i.code) {
                    i.code = ph();
                }
            }
            "signer" | "signer.title" | "signer.name" | "signer.on_behalf_of" => {
                let s = d.signer.get_or_insert_with(Default::default);
                for (f, v) in [
                    ("title", &mut s.title),
                    ("name", &mut s.name),
                    ("on_behalf_of", &mut s.on_behalf_of),
                ] {
                    if (e.field == "signer" || e.field.ends_with(f)) && blank(v) {
                        *v = ph();
                    }
                }
            }
            _ => {}
        }
    }
    d
}

/// The symbol line of whatever the draft has so far, with the rule set it follows.
pub fn symbol_line(file: &DraftFile, rules: &RuleSet) -> String {
    format!("{}{}", rules.symbol.prefix, symbol_of(file, rules))
}

/// The số and ký hiệu of whatever the draft has so far (`05/SVHTTDL-VP`), without the
/// line's prefix.
pub fn symbol_of(file: &DraftFile, rules: &RuleSet) -> String {
    let number = file
        .number
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n > 0);
    let code = file
        .issuer
        .as_ref()
        .and_then(|i| i.code.as_deref())
        .unwrap_or("");
    symbol::compose(
        rules,
        file.kind.as_deref().unwrap_or(""),
        number,
        code,
        file.unit_code.as_deref(),
    )
}

/// The rule set a draft being typed follows: `explicit` when it is a known one of the
/// draft's regime, otherwise the one in force on its date (if that date reads).
pub(crate) fn rules_of(file: &DraftFile, explicit: Option<&str>) -> Option<&'static RuleSet> {
    let regime = file.regime.as_deref().and_then(Regime::parse)?;
    let date = file.date.as_deref().and_then(dates::parse_iso);
    Some(rules::resolve(regime, date, explicit).unwrap_or_else(|_| rules::in_force(regime, date)))
}

/// Validates, lays out and renders the draft as typed so far (see [`Preview`]).
pub fn preview(file: &DraftFile, explicit: Option<&str>) -> Preview {
    let set = rules_of(file, explicit);
    let symbol = set.map(|r| symbol_line(file, r)).unwrap_or_default();
    let first = draft::validate_with(file, set);
    let (valid, errors) = match first {
        Ok(d) => (Ok(d), Vec::new()),
        Err(e) => {
            let errors = e.field_errors();
            (
                draft::validate_with(&with_placeholders(file, &errors), set),
                errors,
            )
        }
    };
    let rendered = valid.and_then(|d| match set {
        Some(r) => layout::build_with(&d, r),
        None => layout::build(&d),
    });
    let (html, pages) = match rendered {
        Ok(doc) => {
            let r = render::html::render(&doc);
            (Some(r.html), r.pages)
        }
        Err(_) => (None, 0),
    };
    Preview {
        html,
        pages,
        symbol,
        rules_id: set.map(|r| r.id.clone()),
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn sample() -> DraftFile {
        let mut d = Profile::sample(Regime::State).draft_file("cong-van");
        d.year = Some(2024);
        d
    }

    #[test]
    fn an_empty_new_draft_previews_with_placeholders_and_names_what_is_missing() {
        let p = preview(&sample(), None);
        let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
        for f in ["subject", "body", "recipients"] {
            assert!(fields.contains(&f), "{fields:?}");
        }
        let html = p.html.expect("placeholders make it renderable");
        let text = crate::render::html::text_of(&html);
        assert!(text.contains("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), "{text}");
        assert_eq!(p.pages, 1);
        let blank = &rules::default_for(Regime::State).symbol.blank;
        assert_eq!(p.symbol, format!("Số: {blank}/SVHTTDL"));
        assert_eq!(p.rules_id.as_deref(), Some("nd30-2020"));
    }

    #[test]
    fn a_date_that_does_not_read_is_named_and_the_page_still_previews() {
        let mut d = sample();
        d.date = Some("05/3/2024".into());
        let p = preview(&d, None);
        let e = p
            .errors
            .iter()
            .find(|e| e.field == "date")
            .expect("date named");
        assert_eq!(e.code, ErrorCode::InvalidDate);
        let html = p.html.expect("the page previews without the date");
        let text = crate::render::html::text_of(&html);
        assert!(
            text.contains("ngày") && text.contains("năm 2024") && !text.contains("05 tháng 3"),
            "{text}"
        );
    }

    #[test]
    fn a_complete_draft_has_no_errors_and_prints_its_symbol() {
        let mut d = sample();
        d.number = Some(5);
        d.unit_code = Some("QLVHGĐ".into());
        d.subject = Some("tăng cường công tác văn thư".into());
        d.recipients = vec!["Các phòng thuộc Sở".into()];
        d.body = Some("Nội dung **quan trọng**.".into());
        let p = preview(&d, None);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.symbol, "Số: 05/SVHTTDL-QLVHGĐ");
        assert!(p
            .html
            .expect("html")
            .contains("Kính gửi: Các phòng thuộc Sở"));
    }

    #[test]
    fn a_draft_without_a_regime_has_no_symbol_and_names_the_regime() {
        let mut d = sample();
        d.regime = None;
        let p = preview(&d, None);
        assert_eq!(p.symbol, "");
        assert_eq!(p.rules_id, None);
        assert!(p.errors.iter().any(|e| e.field == "regime"));
    }
}
