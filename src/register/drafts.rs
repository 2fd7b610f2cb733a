//! "Reserve or issue this draft": the one place that decides which register numbers a draft,
//! creates it on first use, reads the secrecy from the draft, and names what an unfinished
//! draft still lacks. The app's *Cấp số* / *Lấy số dự kiến* and `vanthu register issue` /
//! `reserve DRAFT` call these.

use super::error::{RegisterError, Result};
use super::model::{Entry, IssueOptions, RegisterInfo, Reservation};
use super::Register;
use crate::dates;
use crate::draft::{self, DraftFile, Issuer};
use crate::regime::{Regime, Secrecy};

/// What a face asks for when it numbers a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberRequest {
    /// A register named by code; otherwise the draft's own (its regime, issuer and secrecy).
    pub register: Option<String>,
    /// Bind the draft to this số dự kiến (its register is then the one used).
    pub reserved: Option<i64>,
    /// The rule set to follow instead of the one in force on the document's date.
    pub rules: Option<String>,
    /// Create the draft's register when it has none yet (the app's first *Cấp số*).
    pub create: bool,
}

/// A number given to a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbered {
    /// The register's entry.
    pub entry: Entry,
    /// The draft with its number and date filled in (as stored, for an issued one).
    pub draft: DraftFile,
}

/// What a số dự kiến needs of an unfinished draft.
struct ReservationKey {
    regime: Regime,
    kind: String,
    issuer: Issuer,
    secret: bool,
}

fn text(v: Option<&String>) -> String {
    v.map(|s| s.trim().to_string()).unwrap_or_default()
}

/// Regime, kind, issuer name and code of an unfinished draft, and whether it is secret;
/// what is missing is named field by field.
fn reservation_key(file: &DraftFile) -> Result<ReservationKey> {
    let regime = file.regime.as_deref().and_then(Regime::parse);
    let kind = text(file.kind.as_ref());
    let i = file.issuer.clone().unwrap_or_default();
    let issuer = Issuer {
        parent: i.parent.filter(|p| !p.trim().is_empty()),
        name: text(i.name.as_ref()),
        code: text(i.code.as_ref()),
    };
    let mut missing = Vec::new();
    if regime.is_none() {
        missing.push("regime".to_string());
    }
    for (field, empty) in [
        ("kind", kind.is_empty()),
        ("issuer.name", issuer.name.is_empty()),
        ("issuer.code", issuer.code.is_empty()),
    ] {
        if empty {
            missing.push(field.to_string());
        }
    }
    let secret = match file
        .secrecy
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => false,
        Some(s) => {
            if Secrecy::parse(s).is_none() {
                return Err(RegisterError::invalid(
                    "secrecy",
                    format!("unknown value \"{s}\" (expected mat, toi-mat or tuyet-mat)"),
                ));
            }
            true
        }
    };
    match regime {
        Some(regime) if missing.is_empty() => Ok(ReservationKey {
            regime,
            kind,
            issuer,
            secret,
        }),
        _ => Err(RegisterError::DraftIncomplete { fields: missing }),
    }
}

impl Register {
    /// The register a draft goes to: the one named, the one of its số dự kiến, or the one
    /// of its regime, issuer and secrecy (created when `create` is set). Without `create`, a
    /// database of a single register uses it, so that a draft that does not fit is refused
    /// naming the field that differs.
    pub fn register_of(
        &mut self,
        regime: Regime,
        issuer: &Issuer,
        secret: bool,
        req: &NumberRequest,
    ) -> Result<RegisterInfo> {
        if let Some(code) = req.register.as_deref() {
            return self.register(Some(code));
        }
        if let Some(id) = req.reserved {
            let e = self.entry(id)?;
            return self.register(Some(&e.register));
        }
        match self.register_for(regime, issuer, secret, req.create) {
            Err(RegisterError::NoRegisterFor { .. }) if !req.create => {
                let all = self.registers()?;
                match all.len() {
                    0 => Err(RegisterError::NoRegister),
                    1 => Ok(all[0].clone()),
                    _ => self.register_for(regime, issuer, secret, false),
                }
            }
            other => other,
        }
    }

    /// Reserves a số dự kiến for a draft still being written: it needs the regime, kind and
    /// issuer; the number is dated on the draft's date (today when it has none) and the draft
    /// comes back with it.
    pub fn reserve_draft(&mut self, file: &DraftFile, req: &NumberRequest) -> Result<Numbered> {
        let key = reservation_key(file)?;
        let info = self.register_of(key.regime, &key.issuer, key.secret, req)?;
        let entry = self.reserve(
            Some(&info.code),
            &Reservation {
                kind: key.kind,
                date: file.date.as_deref().and_then(dates::parse_iso),
                unit_code: file.unit_code.clone(),
                subject: file.subject.clone(),
                ..Default::default()
            },
        )?;
        let draft = DraftFile {
            number: Some(i64::from(entry.number)),
            date: Some(dates::iso(entry.date)),
            year: None,
            ..file.clone()
        };
        Ok(Numbered { entry, draft })
    }

    /// Issues a draft: validated against the rule set of its date (or the one named), its
    /// register chosen, numbered, dated, rendered and stored; the stored draft comes back.
    pub fn issue_draft(&mut self, file: &DraftFile, req: &NumberRequest) -> Result<Numbered> {
        let regime = file.regime.as_deref().and_then(Regime::parse);
        let date = file
            .date
            .as_deref()
            .and_then(dates::parse_iso)
            .unwrap_or_else(super::today);
        let d = match regime {
            Some(regime) => {
                let rules = crate::rules::resolve(regime, Some(date), req.rules.as_deref())?;
                draft::validate_with(file, Some(rules))?
            }
            None => draft::validate(file)?,
        };
        let info = self.register_of(d.regime, &d.issuer, d.secrecy.is_some(), req)?;
        let opts = IssueOptions {
            reserved: req.reserved,
            rules: req.rules.clone(),
        };
        let entry = self.issue_with(Some(&info.code), &d, &opts)?;
        let draft = match self.draft_json(entry.id)? {
            Some(json) => DraftFile::from_json(&json)?,
            None => file.clone(),
        };
        Ok(Numbered { entry, draft })
    }
}
