//! Regime rule sets as data: one TOML file per rule set in `rules/`, each with a version id.
//!
//! Nothing outside the rule sets names a regime: layout, checker, register, `vanthu new` and the
//! app read a [`RuleSet`] — its page, typography, symbol and signing forms, Nơi nhận, numbering
//! defaults, skeleton and field labels. A new guide is one more TOML file in `rules/` (listed
//! in [`BUILTIN`]) with the day it takes effect; a draft without an explicit rule set takes the
//! one [`in_force`] on its date. A rule set may also be loaded at run time with
//! [`RuleSet::from_toml`].

pub mod facts;
mod model;

pub use model::{
    numbering_vi, Align, CcRules, Element, FieldUse, Form, HeaderRules, IssuerMark, KindRule,
    Labels, NumberingRules, PageRules, Period, RuleSet, SignerRules, SkeletonRules, StyleRule,
    SymbolRules, ALL_ELEMENTS,
};

use crate::error::{Error, Result};
use crate::regime::Regime;
use chrono::NaiveDate;
use std::sync::OnceLock;

/// The built-in rule sets, (file name, TOML text): every `rules/*.toml`, listed by `build.rs`.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

fn builtin() -> &'static [RuleSet] {
    static SETS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(id, text)| match RuleSet::from_toml(text) {
                Ok(r) if r.id == *id => r,
                Ok(r) => panic!(
                    "rules/{id}.toml holds rule set {}: name the file after its id",
                    r.id
                ),
                // A malformed built-in rule set is a build defect caught by the test suite.
                Err(e) => panic!("built-in rule set {id} is malformed: {e}"),
            })
            .collect()
    })
}

/// All built-in rule sets.
pub fn all() -> &'static [RuleSet] {
    builtin()
}

/// The built-in rule set with this id.
pub fn by_id(id: &str) -> Option<&'static RuleSet> {
    builtin().iter().find(|r| r.id == id)
}

/// The rule set of a regime in force on a date: the newest whose `in_force_from` is on or
/// before it (the oldest for a date before them all); without a date (a document to be dated
/// when it is numbered), the newest.
pub fn in_force(regime: Regime, date: Option<NaiveDate>) -> &'static RuleSet {
    let sets = builtin();
    let mut of_regime: Vec<&'static RuleSet> = sets.iter().filter(|r| r.regime == regime).collect();
    of_regime.sort_by_key(|r| r.in_force_from);
    let chosen = match date {
        None => of_regime.last(),
        Some(d) => of_regime
            .iter()
            .rev()
            .find(|r| r.in_force_from <= d)
            .or(of_regime.first()),
    };
    // Every regime has a built-in rule set (checked by the test suite).
    chosen.copied().unwrap_or(&sets[0])
}

/// The rule set a draft of this regime takes when it names none and has no date: the newest.
pub fn default_for(regime: Regime) -> &'static RuleSet {
    in_force(regime, None)
}

/// The one decision of which rule set a document follows: the explicit id when one is given
/// (an old document re-rendered as it was issued), otherwise the one in force on its date.
/// An unknown id, or one of another regime, is an error naming `--rules`.
pub fn resolve(
    regime: Regime,
    date: Option<NaiveDate>,
    explicit: Option<&str>,
) -> Result<&'static RuleSet> {
    let Some(id) = explicit.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(in_force(regime, date));
    };
    let set = by_id(id).ok_or_else(|| Error::UnknownRules {
        id: id.to_string(),
        known: ids().join(", "),
    })?;
    if set.regime != regime {
        return Err(Error::RulesRegime {
            id: set.id.clone(),
            regime: regime.as_str(),
        });
    }
    Ok(set)
}

/// The ids of the built-in rule sets.
pub fn ids() -> Vec<&'static str> {
    builtin().iter().map(|r| r.id.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_iso(s).expect("date")
    }

    #[test]
    fn every_builtin_loads_and_every_regime_has_one() {
        assert_eq!(all().len(), BUILTIN.len());
        for r in Regime::ALL {
            assert_eq!(default_for(r).regime, r);
        }
    }

    #[test]
    fn a_document_takes_the_rule_set_in_force_on_its_date() {
        for regime in Regime::ALL {
            let mut sets: Vec<&RuleSet> = all().iter().filter(|r| r.regime == regime).collect();
            sets.sort_by_key(|r| r.in_force_from);
            let newest = sets[sets.len() - 1];
            assert_eq!(in_force(regime, None).id, newest.id, "undated: the newest");
            for (i, r) in sets.iter().enumerate() {
                let from = r.in_force_from;
                assert_eq!(in_force(regime, Some(from)).id, r.id, "on its first day");
                if let Some(prev) = i.checked_sub(1).map(|p| sets[p]) {
                    let eve = from.pred_opt().expect("a day before");
                    assert_eq!(in_force(regime, Some(eve)).id, prev.id, "the day before");
                }
            }
            let early = d("1990-01-01");
            assert_eq!(
                in_force(regime, Some(early)).id,
                sets[0].id,
                "before them all"
            );
        }
    }

    #[test]
    fn an_explicit_rule_set_wins_and_must_fit_the_regime() {
        let later = Some(d("2030-06-01"));
        let r = resolve(Regime::Party, later, Some("hd36-2018")).expect("explicit");
        assert_eq!(r.id, "hd36-2018");
        assert_eq!(
            resolve(Regime::State, later, Some(" ")).expect("blank").id,
            "nd30-2020"
        );
        let e = resolve(Regime::Party, later, Some("nd30-2020")).expect_err("other regime");
        assert_eq!(e.code(), crate::error::ErrorCode::RulesRegime);
        let e = resolve(Regime::State, later, Some("nd31")).expect_err("unknown");
        assert!(e.to_string().contains("hd36-2018"), "{e}");
    }
}
