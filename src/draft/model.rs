//! The validated draft: required fields present, enums typed, dates parsed.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::file::{DraftFile, IssuerFile, SignerFile};

/// Which body of rules the document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Regime {
    /// State documents: Nghị định 30/2020/NĐ-CP.
    State,
    /// Party documents: Hướng dẫn 36-HD/VPTW.
    Party,
}

impl Regime {
    /// The slug used in drafts and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::State => "state",
            Regime::Party => "party",
        }
    }

    /// Parses the slug.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "state" => Some(Regime::State),
            "party" => Some(Regime::Party),
            _ => None,
        }
    }
}

/// Urgency mark (độ khẩn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Urgency {
    /// KHẨN
    Khan,
    /// THƯỢNG KHẨN
    ThuongKhan,
    /// HỎA TỐC
    HoaToc,
}

impl Urgency {
    /// All values with their slugs.
    pub const ALL: [(&'static str, Urgency); 3] = [
        ("khan", Urgency::Khan),
        ("thuong-khan", Urgency::ThuongKhan),
        ("hoa-toc", Urgency::HoaToc),
    ];

    /// The slug used in drafts.
    pub fn slug(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map(|(s, _)| *s)
            .unwrap_or("khan")
    }

    /// The printed mark.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Khan => "KHẨN",
            Urgency::ThuongKhan => "THƯỢNG KHẨN",
            Urgency::HoaToc => "HỎA TỐC",
        }
    }
}

/// Secrecy mark (độ mật).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Secrecy {
    /// MẬT
    Mat,
    /// TỐI MẬT
    ToiMat,
    /// TUYỆT MẬT
    TuyetMat,
}

impl Secrecy {
    /// All values with their slugs.
    pub const ALL: [(&'static str, Secrecy); 3] = [
        ("mat", Secrecy::Mat),
        ("toi-mat", Secrecy::ToiMat),
        ("tuyet-mat", Secrecy::TuyetMat),
    ];

    /// The slug used in drafts.
    pub fn slug(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map(|(s, _)| *s)
            .unwrap_or("mat")
    }

    /// The printed mark.
    pub fn label(self) -> &'static str {
        match self {
            Secrecy::Mat => "MẬT",
            Secrecy::ToiMat => "TỐI MẬT",
            Secrecy::TuyetMat => "TUYỆT MẬT",
        }
    }
}

/// Signing authority (thẩm quyền ký).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Authority {
    /// thay mặt
    Tm,
    /// ký thay
    Kt,
    /// thừa lệnh
    Tl,
    /// thừa ủy quyền
    Tuq,
    /// quyền
    Q,
}

impl Authority {
    /// All values with their slugs.
    pub const ALL: [(&'static str, Authority); 5] = [
        ("TM", Authority::Tm),
        ("KT", Authority::Kt),
        ("TL", Authority::Tl),
        ("TUQ", Authority::Tuq),
        ("Q", Authority::Q),
    ];

    /// The slug used in drafts (`TM`, `KT`, …).
    pub fn slug(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map(|(s, _)| *s)
            .unwrap_or("TM")
    }
}

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
            date: self.date.map(|d| d.format("%Y-%m-%d").to_string()),
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
