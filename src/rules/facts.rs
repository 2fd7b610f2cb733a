//! The public facts of the rule sets, as the app's form needs them: the regimes and the guide
//! in force, each rule set's types, signing forms, numbering and field labels. The UI reads
//! these instead of keeping lists of its own.

use chrono::NaiveDate;
use serde::Serialize;

use super::{all, in_force, FieldUse, Form, Period, RuleSet};
use crate::dates;
use crate::regime::{Authority, Regime, Secrecy, Urgency};

/// A value and its Vietnamese label, for a select box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choice {
    /// The value stored in the draft (`""` for none).
    pub value: String,
    /// What the clerk reads.
    pub label: String,
}

/// A document type as the form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindFacts {
    /// Slug stored in drafts (`cong-van`).
    pub slug: String,
    /// Vietnamese name (`Công văn`).
    pub name: String,
    /// Layout family.
    pub form: Form,
    /// Whether it has a trích yếu.
    pub subject: FieldUse,
    /// Whether it has a Kính gửi block.
    pub recipients: FieldUse,
    /// The label of its subject field (`Về việc (in sau «V/v»)`).
    pub subject_label: String,
}

/// How a rule set's registers number by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumberingFacts {
    /// When numbers restart.
    pub period: Period,
    /// One sequence per type.
    pub per_kind: bool,
    /// The scheme in a few words (`Theo năm, một dãy số chung`).
    pub label: String,
    /// The rule in one sentence.
    pub note: String,
}

/// One rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleFacts {
    /// Its id (`hd36-2018`).
    pub id: String,
    /// Its regime.
    pub regime: Regime,
    /// Its regime as the app names it (`Đảng`).
    pub regime_label: String,
    /// Its source in full.
    pub title: String,
    /// Its short name (`Hướng dẫn 36-HD/VPTW`).
    pub guide: String,
    /// First day it applies, `dd/mm/yyyy`.
    pub in_force_from: String,
    /// Whether it is the one in force today for its regime.
    pub current: bool,
    /// Its document types.
    pub kinds: Vec<KindFacts>,
    /// The signing forms it allows, `Ký trực tiếp` first.
    pub authorities: Vec<Choice>,
    /// Its registers' numbering.
    pub numbering: NumberingFacts,
    /// Whether its registers number per committee term (terms are then needed).
    pub uses_terms: bool,
    /// The label of the archive field (`Lưu (in sau «Lưu:»)`).
    pub archive_label: String,
}

/// A regime and the guide in force today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegimeFacts {
    /// The regime.
    pub regime: Regime,
    /// Its name (`Đảng`).
    pub label: String,
    /// The id of the rule set in force today.
    pub rules_id: String,
    /// Name and guide, for a select box: `Đảng (Hướng dẫn 36-HD/VPTW)`.
    pub title: String,
}

/// Everything the form needs to know of the rule sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Facts {
    /// The regimes, each with its guide in force.
    pub regimes: Vec<RegimeFacts>,
    /// Every rule set.
    pub rule_sets: Vec<RuleFacts>,
    /// The urgency marks (`Không` first).
    pub urgencies: Vec<Choice>,
    /// The secrecy marks (`Không` first).
    pub secrecies: Vec<Choice>,
}

fn choice(value: &str, label: impl Into<String>) -> Choice {
    Choice {
        value: value.to_string(),
        label: label.into(),
    }
}

fn first_cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The facts of one rule set; `current` when it is the one in force.
pub fn of(r: &RuleSet, current: bool) -> RuleFacts {
    let mut authorities = vec![choice("", "Ký trực tiếp")];
    for (slug, a) in Authority::ALL {
        if let Some(p) = r.signer.prefix(a) {
            authorities.push(choice(slug, format!("{p} – {}", a.label_vi())));
        }
    }
    RuleFacts {
        id: r.id.clone(),
        regime: r.regime,
        regime_label: r.regime_label.clone(),
        title: r.title.clone(),
        guide: r.guide.clone(),
        in_force_from: dates::numeric(r.in_force_from),
        current,
        kinds: r
            .kinds
            .iter()
            .map(|k| KindFacts {
                slug: k.slug.clone(),
                name: k.name.clone(),
                form: k.form,
                subject: k.subject,
                recipients: k.recipients,
                subject_label: r.subject_label(k),
            })
            .collect(),
        authorities,
        numbering: NumberingFacts {
            period: r.numbering.period,
            per_kind: r.numbering.per_kind,
            label: super::numbering_vi(r.numbering.period, r.numbering.per_kind).to_string(),
            note: r.numbering.note.clone(),
        },
        uses_terms: r.numbering.period == Period::Term,
        archive_label: r
            .labels
            .archive
            .replace("{archive}", r.cc.archive.replace("{archive}", "").trim()),
    }
}

/// The facts of every rule set as of `today`.
pub fn facts(today: NaiveDate) -> Facts {
    let regimes = Regime::ALL
        .iter()
        .map(|&regime| {
            let r = in_force(regime, Some(today));
            RegimeFacts {
                regime,
                label: r.regime_label.clone(),
                rules_id: r.id.clone(),
                title: format!("{} ({})", r.regime_label, r.guide),
            }
        })
        .collect();
    let rule_sets = all()
        .iter()
        .map(|r| of(r, in_force(r.regime, Some(today)).id == r.id))
        .collect();
    let mut urgencies = vec![choice("", "Không")];
    urgencies.extend(
        Urgency::ALL
            .iter()
            .map(|(slug, u)| choice(slug, first_cap(&u.label().to_lowercase()))),
    );
    let mut secrecies = vec![choice("", "Không")];
    secrecies.extend(
        Secrecy::ALL
            .iter()
            .map(|(slug, s)| choice(slug, first_cap(&s.label().to_lowercase()))),
    );
    Facts {
        regimes,
        rule_sets,
        urgencies,
        secrecies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        dates::parse_iso(s).expect("date")
    }

    #[test]
    fn each_rule_set_offers_only_its_own_signing_forms() {
        let f = facts(d("2024-06-01"));
        for r in &f.regimes {
            let current: Vec<&RuleFacts> = f
                .rule_sets
                .iter()
                .filter(|s| s.regime == r.regime && s.current)
                .collect();
            assert_eq!(current.len(), 1, "{:?}", r.regime);
            assert_eq!(current[0].id, r.rules_id);
            assert_eq!(
                r.title,
                format!("{} ({})", current[0].regime_label, current[0].guide)
            );
        }
        let set = |id: &str| f.rule_sets.iter().find(|r| r.id == id).expect("set");
        let values = |id: &str| -> Vec<String> {
            set(id)
                .authorities
                .iter()
                .map(|a| a.value.clone())
                .collect()
        };
        assert_eq!(values("hd36-2018"), ["", "TM", "KT", "TL"]);
        assert_eq!(values("nd30-2020"), ["", "TM", "KT", "TL", "TUQ", "Q"]);
        assert_eq!(set("hd36-2018").authorities[1].label, "T/M – thay mặt");
        assert_eq!(set("nd30-2020").authorities[2].label, "KT. – ký thay");
        assert!(set("hd36-2018").uses_terms && !set("nd30-2020").uses_terms);
        let letter = |id: &str| {
            set(id)
                .kinds
                .iter()
                .find(|k| k.slug == "cong-van")
                .map(|k| k.subject_label.clone())
                .expect("cong-van")
        };
        assert_eq!(letter("nd30-2020"), "Về việc (in sau «V/v»)");
        assert_eq!(letter("hd36-2018"), "Trích yếu nội dung");
        assert_eq!(set("nd30-2020").archive_label, "Lưu (in sau «Lưu:»)");
        assert_eq!(set("hd36-2018").archive_label, "Lưu (in sau «Lưu»)");
        assert_eq!(f.secrecies[2].label, "Tối mật");
        assert_eq!(f.urgencies[3].label, "Hỏa tốc");
    }
}
