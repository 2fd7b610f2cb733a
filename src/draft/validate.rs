//! Validation of a draft file: collects every problem, each named by its field path.

use super::file::{DraftFile, SignerFile};
use super::model::{Draft, Issuer, Signer, Status};
use crate::error::{Error, ErrorCode, FieldError, FieldErrors, Result};
use crate::regime::{Authority, Regime, Secrecy, Urgency};
use crate::rules::{self, FieldUse, RuleSet};

/// Size limits of a draft.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A draft file larger than this is refused before it is parsed.
    pub file_bytes: u64,
    /// The body's limit in bytes of UTF-8 text.
    pub body_bytes: usize,
    /// Limit of a one-line text field, in characters.
    pub line_chars: usize,
    /// Limit of the subject and other paragraph-sized fields, in characters.
    pub paragraph_chars: usize,
    /// Limit of the number of entries of a list field.
    pub list_len: usize,
    /// Highest document number.
    pub max_number: u32,
}

/// The limits in force (`docs/spec/draft.md`: body 1 MiB, file 8 MiB; caps of our own elsewhere).
pub const LIMITS: Limits = Limits {
    file_bytes: 8 * 1024 * 1024,
    body_bytes: 1024 * 1024,
    line_chars: 300,
    paragraph_chars: 5_000,
    list_len: 500,
    max_number: 999_999,
};

/// Collects errors while reading a draft file.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn push(&mut self, e: FieldError) {
        self.errors.push(e);
    }

    fn text(
        &mut self,
        field: &str,
        v: &Option<String>,
        required: bool,
        cap: usize,
    ) -> Option<String> {
        match v
            .as_deref()
            .map(str::trim)
            .filter(|s| !crate::chars::is_blank(s))
        {
            None => {
                if required {
                    self.push(FieldError::required(field));
                }
                None
            }
            Some(s) => {
                let n = s.chars().count();
                if n > cap {
                    self.push(FieldError::new(
                        field,
                        ErrorCode::TooLong,
                        format!("too long ({n} characters, limit {cap})"),
                    ));
                }
                self.chars(field, s);
                Some(s.to_string())
            }
        }
    }

    /// Refuses a character no document can carry, naming it and where it is.
    fn chars(&mut self, field: &str, s: &str) {
        if let Some(e) = forbidden_char(field, s) {
            self.push(e);
        }
    }

    fn list(&mut self, field: &str, v: &[String], cap: usize) -> Vec<String> {
        if v.len() > LIMITS.list_len {
            self.push(FieldError::new(
                field,
                ErrorCode::TooLong,
                format!("too many entries ({}, limit {})", v.len(), LIMITS.list_len),
            ));
        }
        let mut out = Vec::with_capacity(v.len());
        for (i, s) in v.iter().enumerate() {
            let path = format!("{field}[{i}]");
            if let Some(t) = self.text(&path, &Some(s.clone()), true, cap) {
                out.push(t);
            }
        }
        out
    }

    fn choice<T: Copy>(&mut self, field: &str, v: &Option<String>, all: &[(&str, T)]) -> Option<T> {
        let s = v.as_deref()?;
        if s.is_empty() {
            return None;
        }
        match all.iter().find(|(k, _)| *k == s) {
            Some((_, t)) => Some(*t),
            None => {
                let names: Vec<String> = all.iter().map(|(k, _)| format!("\"{k}\"")).collect();
                self.push(FieldError::new(
                    field,
                    ErrorCode::InvalidValue,
                    format!(
                        "unknown value \"{s}\" (expected {} or null)",
                        names.join(", ")
                    ),
                ));
                None
            }
        }
    }

    fn signer(&mut self, field: &str, s: &Option<SignerFile>, required: bool) -> Option<Signer> {
        let Some(s) = s else {
            if required {
                self.push(FieldError::required(field));
            }
            return None;
        };
        let authority = self.choice(&format!("{field}.authority"), &s.authority, &Authority::ALL);
        let on_behalf_of = self.text(
            &format!("{field}.on_behalf_of"),
            &s.on_behalf_of,
            authority.is_some(),
            LIMITS.line_chars,
        );
        let title = self.text(&format!("{field}.title"), &s.title, true, LIMITS.line_chars);
        let name = self.text(&format!("{field}.name"), &s.name, true, LIMITS.line_chars);
        Some(Signer {
            authority,
            on_behalf_of,
            title: title.unwrap_or_default(),
            name: name.unwrap_or_default(),
        })
    }
}

/// Validates a draft file against the rule set of its regime in force on its date (the newest
/// when it has none).
pub fn validate(file: &DraftFile) -> Result<Draft> {
    validate_for(file, None).map(|(d, _)| d)
}

/// Validates a draft file against the rule set it follows: `explicit` when given, otherwise
/// the one in force on its date ([`rules::resolve`]). Returns the draft and that rule set.
pub fn validate_for(file: &DraftFile, explicit: Option<&str>) -> Result<(Draft, &'static RuleSet)> {
    let Some(regime) = file.regime.as_deref().and_then(Regime::parse) else {
        // The regime's own error (missing or unknown) comes from the field checks.
        return Err(validate_with(file, None)
            .err()
            .unwrap_or_else(|| Error::Invalid(FieldErrors(vec![FieldError::required("regime")]))));
    };
    let date = file.date.as_deref().and_then(crate::dates::parse_iso);
    let set = rules::resolve(regime, date, explicit)?;
    Ok((validate_with(file, Some(set))?, set))
}

/// Validates a draft file against a given rule set (`None` when the regime is unknown).
pub fn validate_with(file: &DraftFile, rules: Option<&RuleSet>) -> Result<Draft> {
    let mut c = Checker { errors: Vec::new() };

    match file.format.as_deref() {
        None | Some("") => c.push(FieldError::required("format")),
        Some(super::FORMAT) => {}
        Some(other) => c.push(FieldError::new(
            "format",
            ErrorCode::InvalidValue,
            format!(
                "unsupported format \"{other}\" (expected \"{}\")",
                super::FORMAT
            ),
        )),
    }

    let regime = match file.regime.as_deref() {
        None | Some("") => {
            c.push(FieldError::required("regime"));
            None
        }
        Some(s) => match Regime::parse(s) {
            Some(r) => Some(r),
            None => {
                c.push(FieldError::new(
                    "regime",
                    ErrorCode::InvalidValue,
                    format!(
                        "unknown regime \"{s}\" (expected {})",
                        Regime::ALL
                            .iter()
                            .map(|r| format!("\"{}\"", r.as_str()))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                ));
                None
            }
        },
    };

    let kind_rule = match (file.kind.as_deref(), rules) {
        (None | Some(""), _) => {
            c.push(FieldError::required("kind"));
            None
        }
        (Some(k), Some(rules)) => match rules.kind(k) {
            Some(kr) => Some(kr),
            None => {
                c.push(FieldError::new(
                    "kind",
                    ErrorCode::UnknownKind,
                    format!(
                        "unknown kind \"{k}\" for regime {} (see `vanthu kinds`)",
                        rules.regime.as_str()
                    ),
                ));
                None
            }
        },
        (Some(_), None) => None,
    };

    let issuer = match &file.issuer {
        None => {
            c.push(FieldError::required("issuer"));
            Issuer {
                parent: None,
                name: String::new(),
                code: String::new(),
            }
        }
        Some(i) => Issuer {
            parent: c.text("issuer.parent", &i.parent, false, LIMITS.line_chars),
            name: c
                .text("issuer.name", &i.name, true, LIMITS.line_chars)
                .unwrap_or_default(),
            code: c.text("issuer.code", &i.code, true, 40).unwrap_or_default(),
        },
    };
    if issuer.code.chars().any(char::is_whitespace) {
        c.push(FieldError::new(
            "issuer.code",
            ErrorCode::InvalidValue,
            "must not contain spaces",
        ));
    }

    let unit_code = c.text("unit_code", &file.unit_code, false, 40);
    if unit_code
        .as_deref()
        .is_some_and(|u| u.chars().any(char::is_whitespace))
    {
        c.push(FieldError::new(
            "unit_code",
            ErrorCode::InvalidValue,
            "must not contain spaces",
        ));
    }

    let number = match file.number {
        None => None,
        Some(n) if n >= 1 && n <= i64::from(LIMITS.max_number) => Some(n as u32),
        Some(n) => {
            c.push(FieldError::new(
                "number",
                ErrorCode::OutOfRange,
                format!(
                    "must be between 1 and {} or null (got {n})",
                    LIMITS.max_number
                ),
            ));
            None
        }
    };

    let place = c
        .text("place", &file.place, true, LIMITS.line_chars)
        .unwrap_or_default();

    let date = match file.date.as_deref() {
        None | Some("") => None,
        Some(s) => match crate::dates::parse_iso(s) {
            Some(d) if crate::dates::plausible(d) => Some(d),
            Some(_) => {
                c.push(FieldError::new(
                    "date",
                    ErrorCode::OutOfRange,
                    crate::dates::implausible(&format!("\"{s}\"")),
                ));
                None
            }
            None => {
                c.push(FieldError::new(
                    "date",
                    ErrorCode::InvalidDate,
                    format!("\"{s}\" is not a date in the form YYYY-MM-DD"),
                ));
                None
            }
        },
    };
    let year = match file.year {
        None => None,
        Some(y) if i32::try_from(y).is_ok_and(|y| crate::dates::PLAUSIBLE_YEARS.contains(&y)) => {
            Some(y as i32)
        }
        Some(y) => {
            c.push(FieldError::new(
                "year",
                ErrorCode::OutOfRange,
                format!(
                    "must be between {} and {} (got {y})",
                    crate::dates::PLAUSIBLE_YEARS.start(),
                    crate::dates::PLAUSIBLE_YEARS.end()
                ),
            ));
            None
        }
    };
    if file.date.as_deref().unwrap_or("").is_empty() && file.year.is_none() {
        c.push(FieldError::new(
            "year",
            ErrorCode::Required,
            "required when date is null",
        ));
    }
    let urgency = c.choice("urgency", &file.urgency, &Urgency::ALL);
    let secrecy = c.choice("secrecy", &file.secrecy, &Secrecy::ALL);
    let circulation = c.text("circulation", &file.circulation, false, LIMITS.line_chars);

    let subject_use = kind_rule.map(|k| k.subject).unwrap_or(FieldUse::Optional);
    let subject = c.text(
        "subject",
        &file.subject,
        subject_use == FieldUse::Required,
        LIMITS.paragraph_chars,
    );
    if subject.is_some() && subject_use == FieldUse::None {
        c.push(FieldError::new(
            "subject",
            ErrorCode::NotAllowed,
            "this kind of document has no trích yếu",
        ));
    }

    let recipients_use = kind_rule
        .map(|k| k.recipients)
        .unwrap_or(FieldUse::Optional);
    let recipients = c.list("recipients", &file.recipients, LIMITS.paragraph_chars);
    if recipients.is_empty() && file.recipients.is_empty() && recipients_use == FieldUse::Required {
        c.push(FieldError::new(
            "recipients",
            ErrorCode::Required,
            "required (at least one Kính gửi entry)",
        ));
    }

    let body = match file.body.as_deref() {
        None => {
            c.push(FieldError::required("body"));
            String::new()
        }
        Some(b) if b.len() > LIMITS.body_bytes => {
            c.push(FieldError::new(
                "body",
                ErrorCode::TooLong,
                format!(
                    "too long ({} bytes, limit {} bytes)",
                    b.len(),
                    LIMITS.body_bytes
                ),
            ));
            String::new()
        }
        Some(b) if crate::chars::is_blank(b) => {
            c.push(FieldError::required("body"));
            String::new()
        }
        Some(b) => {
            c.chars("body", b);
            b.replace("\r\n", "\n").replace('\r', "\n")
        }
    };

    let signer = c.signer("signer", &file.signer, true);
    let cc = c.list("cc", &file.cc, LIMITS.line_chars * 2);
    let archive = c.text("archive", &file.archive, false, LIMITS.line_chars);
    let drafter = c.text("drafter", &file.drafter, false, 40);
    let copies = match file.copies {
        None => None,
        Some(n) if (1..=1_000_000).contains(&n) => Some(n as u32),
        Some(n) => {
            c.push(FieldError::new(
                "copies",
                ErrorCode::OutOfRange,
                format!("must be between 1 and 1000000 (got {n})"),
            ));
            None
        }
    };
    let attachments = c.list("attachments", &file.attachments, LIMITS.paragraph_chars);
    let authority_line = c.text(
        "authority_line",
        &file.authority_line,
        false,
        LIMITS.line_chars,
    );
    let bases = c.list("bases", &file.bases, LIMITS.paragraph_chars);
    let proposal = c.text("proposal", &file.proposal, false, LIMITS.paragraph_chars);
    let countersigner = c.signer("countersigner", &file.countersigner, false);
    let status = match file.status.as_deref() {
        None | Some("") | Some("draft") => Status::Draft,
        Some("final") => Status::Final,
        Some(s) => {
            c.push(FieldError::new(
                "status",
                ErrorCode::InvalidValue,
                format!("unknown status \"{s}\" (expected \"draft\" or \"final\")"),
            ));
            Status::Draft
        }
    };
    if status == Status::Final {
        if number.is_none() && file.number.is_none() {
            c.push(FieldError::new(
                "number",
                ErrorCode::Required,
                "required when status is \"final\"",
            ));
        }
        if date.is_none() && file.date.as_deref().unwrap_or("").is_empty() {
            c.push(FieldError::new(
                "date",
                ErrorCode::Required,
                "required when status is \"final\"",
            ));
        }
    }

    if let (Some(rules), Some(signer)) = (rules, &signer) {
        if let Some(a) = signer.authority {
            if rules.signer.prefix(a).is_none() {
                c.push(FieldError::new(
                    "signer.authority",
                    ErrorCode::InvalidValue,
                    format!(
                        "\"{}\" is not a signing authority of {}",
                        a.slug(),
                        rules.id
                    ),
                ));
            }
        }
    }

    if !c.errors.is_empty() {
        return Err(Error::Invalid(FieldErrors(c.errors)));
    }
    let (Some(regime), Some(signer)) = (regime, signer) else {
        return Err(Error::Invalid(FieldErrors(vec![FieldError::required(
            "regime",
        )])));
    };
    Ok(Draft {
        regime,
        kind: file.kind.clone().unwrap_or_default(),
        issuer,
        unit_code,
        number,
        place,
        date,
        year,
        urgency,
        secrecy,
        circulation,
        subject,
        recipients,
        body,
        signer,
        cc,
        archive,
        drafter,
        copies,
        attachments,
        authority_line,
        bases,
        proposal,
        countersigner,
        status,
    })
}

/// The error for a text holding a character no document can carry (XML 1.0 has no control
/// characters but tab and line breaks, and no U+FFFE/U+FFFF), or `None`.
pub fn forbidden_char(field: &str, s: &str) -> Option<FieldError> {
    let (at, c) = crate::chars::first_forbidden(s)?;
    Some(FieldError::new(
        field,
        ErrorCode::InvalidChar,
        format!(
            "contains {} at character {}, which a document cannot carry (pasted from Word or a web page?): remove it",
            crate::chars::code_point(c),
            at + 1
        ),
    ))
}
