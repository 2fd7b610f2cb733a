//! The validated draft: required fields present, enums typed, dates parsed.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::file::{DraftFile, IssuerFile, SignerFile};
use crate::regime::{Authority, Regime, Secrecy, Urgency};

/// Draft or final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Status {
    /// Still being written.
    #[default]
    Draft,
    /// Ready to sign: number and date must be present.
    Final,
}

/// The issuing body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issuer {
    /// Governing body, if printed.
    pub parent: Option<String>,
    /// Issuing body.
    pub name: String,
    /// Abbreviation in the symbol.
    pub code: String,
}

/// A signature block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signer {
    /// Signing authority, if any.
    pub authority: Option<Authority>,
    /// The collective or head signed for (required with an authority).
    pub on_behalf_of: Option<String>,
    /// The signer's title.
    pub title: String,
    /// The signer's name.
    pub name: String,
}

/// A validated draft. Build one with [`crate::draft::from_json`] or [`crate::draft::validate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(missing_docs)]
pub struct Draft {
    pub regime: Regime,
    pub kind: String,
    pub issuer: Issuer,
    pub unit_code: Option<String>,
    pub number: Option<u32>,
    pub place: String,
    pub date: Option<NaiveDate>,
    pub year: Option<i32>,
    pub urgency: Option<Urgency>,
    pub secrecy: Option<Secrecy>,
    pub circulation: Option<String>,
    pub subject: Option<String>,
    pub recipients: Vec<String>,
    pub body: String,
    pub signer: Signer,
    pub cc: Vec<String>,
    pub archive: Option<String>,
    pub drafter: Option<String>,
    pub copies: Option<u32>,
    pub attachments: Vec<String>,
    pub authority_line: Option<String>,
    pub bases: Vec<String>,
    pub proposal: Option<String>,
    pub countersigner: Option<Signer>,
    pub status: Status,
}

impl Draft {
    /// The year printed in the date line: the date's year, or `year` when the date is blank.
    pub fn printed_year(&self) -> i32 {
        self.date.map(|d| d.year()).or(self.year).unwrap_or(0)
    }

    /// Converts back to the wire form (for saving).
    pub fn to_file(&self) -> DraftFile {
        fn signer(s: &Signer) -> SignerFile {
            SignerFile {
                authority: s.authority.map(|a| a.slug().to_string()),
                on_behalf_of: s.on_behalf_of.clone(),
                title: Some(s.title.clone()),
                name: Some(s.name.clone()),
            }
        }
        DraftFile {
            format: Some(super::FORMAT.to_string()),
            regime: Some(self.regime.as_str().to_string()),
            kind: Some(self.kind.clone()),
            issuer: Some(IssuerFile {
                parent: self.issuer.parent.clone(),
                name: Some(self.issuer.name.clone()),
                code: Some(self.issuer.code.clone()),
            }),
            unit_code: self.unit_code.clone(),
            number: self.number.map(i64::from),
            place: Some(self.place.clone()),
            date: self.date.map(crate::dates::iso),
            year: self.year.map(i64::from),
            urgency: self.urgency.map(|u| u.slug().to_string()),
            secrecy: self.secrecy.map(|s| s.slug().to_string()),
            circulation: self.circulation.clone(),
            subject: self.subject.clone(),
            recipients: self.recipients.clone(),
            body: Some(self.body.clone()),
            signer: Some(signer(&self.signer)),
            cc: self.cc.clone(),
            archive: self.archive.clone(),
            drafter: self.drafter.clone(),
            copies: self.copies.map(i64::from),
            attachments: self.attachments.clone(),
            authority_line: self.authority_line.clone(),
            bases: self.bases.clone(),
            proposal: self.proposal.clone(),
            countersigner: self.countersigner.as_ref().map(signer),
            status: match self.status {
                Status::Draft => None,
                Status::Final => Some("final".to_string()),
            },
        }
    }

    /// Serialises the draft as a `vanthu/draft@1` JSON file.
    pub fn to_json(&self) -> String {
        self.to_file().to_json()
    }
}
