//! A skeleton draft: every field a type's form uses, filled from an organisation profile and
//! the rule set's `[skeleton]`, so that it validates and renders as it is (`vanthu new`).

use crate::draft::DraftFile;
use crate::profile::Profile;
use crate::rules::{self, FieldUse, Form};

/// A skeleton draft of a kind from a profile, dated `year`, following the rule set of the
/// profile's regime in force for an undated document; `None` for a kind it does not have.
pub fn skeleton(profile: &Profile, kind: &str, year: i32) -> Option<DraftFile> {
    let rules = rules::default_for(profile.regime);
    let k = rules.kind(kind)?;
    let sk = &rules.skeleton;
    let mut f = profile.draft_file(kind);
    f.year = Some(i64::from(year));
    if k.form == Form::Letter && sk.unit_code {
        f.unit_code = profile.units.first().map(|u| u.code.clone());
    }
    let with_year = |s: &str| s.replace("{year}", &year.to_string());
    if k.subject != FieldUse::None {
        f.subject = Some(match k.form {
            Form::Letter => with_year(&sk.letter_subject),
            Form::Decision => with_year(&sk.decision_subject),
            Form::Titled => with_year(&sk.titled_subject),
        });
    }
    if k.recipients == FieldUse::Required {
        f.recipients = profile.recipients.clone();
    }
    if k.form == Form::Decision {
        f.authority_line = Some(match &profile.signers.first() {
            Some(s) if s.authority.is_none() => format!("{} {}", s.title, profile.name),
            _ => profile.name.clone(),
        });
        f.bases = sk.bases.clone();
        f.proposal = Some(sk.proposal.clone()).filter(|p| !p.is_empty());
        f.body = Some(sk.decision_body.clone());
        f.cc = sk.decision_cc.clone();
    } else {
        f.body = Some(sk.body.clone());
    }
    Some(f)
}
