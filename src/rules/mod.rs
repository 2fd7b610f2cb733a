//! Regime rule sets as data: one TOML file per rule set in `rules/`, each with a version id.
//!
//! Layout code reads a [`RuleSet`]; it never names a regime. A newer guide (say the Party's
//! Hướng dẫn 05-HD/VPTW) is added by dropping a TOML file in `rules/` and listing it in
//! [`BUILTIN`]; a rule set may also be loaded from a file at run time with [`RuleSet::from_toml`].

mod model;

pub use model::{
    Align, CcRules, Element, FieldUse, Form, HeaderRules, IssuerMark, KindRule, PageRules, RuleSet,
    SignerRules, StyleRule, SymbolRules, ALL_ELEMENTS,
};

use crate::regime::Regime;
use std::sync::OnceLock;

/// The built-in rule sets: (id, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("nd30-2020", include_str!("../../rules/nd30-2020.toml")),
    ("hd36-2018", include_str!("../../rules/hd36-2018.toml")),
];

fn builtin() -> &'static [RuleSet] {
    static SETS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(id, text)| match RuleSet::from_toml(text) {
                Ok(r) => r,
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

/// The rule set used for a regime when none is named: the one marked `default = true`.
pub fn default_for(regime: Regime) -> &'static RuleSet {
    let sets = builtin();
    sets.iter()
        .find(|r| r.regime == regime && r.default)
        .or_else(|| sets.iter().find(|r| r.regime == regime))
        .unwrap_or(&sets[0])
}
