//! Filling a template: check the values against the variables, render each field with the
//! values in the context, and assemble the draft structurally.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::compile::Template;
use super::format::{Values, Var, VarType, VarValue};
use super::TemplateError;
use crate::dates;
use crate::draft::{self, DraftFile, SignerFile};
use crate::error::{Error, ErrorCode, FieldError, FieldErrors, Result};
use crate::profile::Profile;

/// Longest one-line value, in characters.
pub const TEXT_CHARS: usize = 1_000;
/// Longest long-text value, in bytes.
pub const LONG_TEXT_BYTES: usize = 512 * 1024;
/// Most entries of a list value.
pub const LIST_LEN: usize = 200;

/// A checked value, as the template sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
enum Checked {
    Text(String),
    Number(i64),
    List(Vec<String>),
}

fn has_control(s: &str, allow_newline: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(c == '\t' || (allow_newline && (c == '\n' || c == '\r'))))
}

/// Checks one value against its variable; `None` means empty.
fn check_value(var: &Var, v: Option<&VarValue>) -> std::result::Result<Checked, FieldError> {
    let key = var.key.as_str();
    let bad = |code: ErrorCode, msg: String| FieldError::new(key, code, msg);
    let text = match v {
        None => None,
        Some(VarValue::Text(s)) => Some(crate::chars::normalise(s)),
        Some(VarValue::Number(n)) => Some(n.to_string()),
        Some(VarValue::List(l)) if var.ty == VarType::List => {
            let items: Vec<String> = l
                .iter()
                .map(|s| crate::chars::normalise(s.trim()))
                .filter(|s| !s.is_empty())
                .collect();
            if let Some(e) = items
                .iter()
                .find_map(|s| crate::draft::forbidden_char(key, s))
            {
                return Err(e);
            }
            return check_list(var, items);
        }
        Some(VarValue::List(_)) => {
            return Err(bad(
                ErrorCode::InvalidType,
                format!("expected {}, got a list", type_en(var.ty)),
            ));
        }
    };
    let trimmed = text.as_deref().map(str::trim).unwrap_or("");
    if let Some(e) = crate::draft::forbidden_char(key, trimmed) {
        return Err(e);
    }
    if crate::chars::is_blank(trimmed) {
        if var.required {
            return Err(bad(
                ErrorCode::Required,
                format!("required ({})", var.label),
            ));
        }
        return Ok(match var.ty {
            VarType::List => Checked::List(Vec::new()),
            _ => Checked::Text(String::new()),
        });
    }
    match var.ty {
        VarType::Text => {
            if trimmed.contains(['\n', '\r']) {
                return Err(bad(
                    ErrorCode::InvalidValue,
                    "must be one line (use a long_text variable for paragraphs)".into(),
                ));
            }
            if has_control(trimmed, false) {
                return Err(bad(
                    ErrorCode::InvalidValue,
                    "contains control characters".into(),
                ));
            }
            let n = trimmed.chars().count();
            if n > TEXT_CHARS {
                return Err(bad(
                    ErrorCode::TooLong,
                    format!("too long ({n} characters, limit {TEXT_CHARS})"),
                ));
            }
            Ok(Checked::Text(trimmed.to_string()))
        }
        VarType::LongText => {
            // One line typed in the form is one paragraph of the body.
            let t = trimmed
                .lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            if t.len() > LONG_TEXT_BYTES {
                return Err(bad(
                    ErrorCode::TooLong,
                    format!("too long ({} bytes, limit {LONG_TEXT_BYTES})", t.len()),
                ));
            }
            if has_control(&t, true) {
                return Err(bad(
                    ErrorCode::InvalidValue,
                    "contains control characters".into(),
                ));
            }
            Ok(Checked::Text(t))
        }
        VarType::Date => match dates::parse_user_date(key, trimmed)? {
            Some(d) => Ok(Checked::Text(dates::iso(d))),
            None => Err(bad(
                ErrorCode::InvalidDate,
                format!("\"{trimmed}\" is not a date ({})", dates::TYPED_FORMS),
            )),
        },
        VarType::Number => match trimmed.parse::<i64>() {
            Ok(n) if (-1_000_000_000..=1_000_000_000).contains(&n) => Ok(Checked::Number(n)),
            _ => Err(bad(
                ErrorCode::InvalidValue,
                format!("\"{trimmed}\" is not a whole number"),
            )),
        },
        VarType::Choice => {
            if var.choices.iter().any(|c| c == trimmed) {
                Ok(Checked::Text(trimmed.to_string()))
            } else {
                let all: Vec<String> = var.choices.iter().map(|c| format!("\"{c}\"")).collect();
                Err(bad(
                    ErrorCode::InvalidValue,
                    format!(
                        "unknown choice \"{trimmed}\" (expected one of {})",
                        all.join(", ")
                    ),
                ))
            }
        }
        VarType::List => {
            let items: Vec<String> = trimmed
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            check_list(var, items)
        }
    }
}

fn check_list(var: &Var, items: Vec<String>) -> std::result::Result<Checked, FieldError> {
    let key = var.key.as_str();
    if items.is_empty() && var.required {
        return Err(FieldError::new(
            key,
            ErrorCode::Required,
            format!("required ({})", var.label),
        ));
    }
    if items.len() > LIST_LEN {
        return Err(FieldError::new(
            key,
            ErrorCode::TooLong,
            format!("too many entries ({}, limit {LIST_LEN})", items.len()),
        ));
    }
    for (i, s) in items.iter().enumerate() {
        if s.contains(['\n', '\r']) || has_control(s, false) {
            return Err(FieldError::new(
                format!("{key}[{i}]"),
                ErrorCode::InvalidValue,
                "must be one line without control characters",
            ));
        }
        if s.chars().count() > TEXT_CHARS {
            return Err(FieldError::new(
                format!("{key}[{i}]"),
                ErrorCode::TooLong,
                format!("too long (limit {TEXT_CHARS} characters)"),
            ));
        }
    }
    Ok(Checked::List(items))
}

fn type_en(t: VarType) -> &'static str {
    match t {
        VarType::Text => "a text",
        VarType::LongText => "a long text",
        VarType::Date => "a date",
        VarType::Number => "a number",
        VarType::List => "a list",
        VarType::Choice => "a choice",
    }
}

/// The signer the templates see as `signer`: the profile's first, or blanks.
#[derive(Serialize)]
struct SignerCtx<'a> {
    authority: &'a str,
    on_behalf_of: &'a str,
    title: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct TodayCtx {
    iso: String,
    day: u32,
    month: u32,
    year: i32,
    words: String,
    short: String,
}

/// Checks every value: unknown keys, missing required ones, wrong types; all problems at once.
fn check_values(t: &Template, values: &Values) -> Result<Vec<(String, Checked)>> {
    let mut errors = Vec::new();
    for k in values.keys() {
        if !t.file.vars.iter().any(|v| &v.key == k) {
            errors.push(FieldError::new(
                k.clone(),
                ErrorCode::UnknownField,
                format!(
                    "not a variable of template {} (see `vanthu template show {}`)",
                    t.name(),
                    t.name()
                ),
            ));
        }
    }
    let mut out = Vec::with_capacity(t.file.vars.len());
    for var in &t.file.vars {
        let given = values.get(&var.key).or(var.default.as_ref());
        match check_value(var, given) {
            Ok(c) => out.push((var.key.clone(), c)),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(FieldErrors(errors)))
    }
}

/// Fills a template found by name (built-ins, then the default store) with today's date.
pub fn fill(name: &str, values: &Values, profile: &Profile) -> Result<DraftFile> {
    let t = super::get(name)?;
    fill_template(&t, values, profile, chrono::Local::now().date_naive())
}

/// Fills a template found by name as of a given day (for reproducible output).
pub fn fill_at(
    name: &str,
    values: &Values,
    profile: &Profile,
    today: NaiveDate,
) -> Result<DraftFile> {
    let t = super::get(name)?;
    fill_template(&t, values, profile, today)
}

/// Fills a compiled template: values checked, fields rendered, the draft assembled and validated.
pub fn fill_template(
    t: &Template,
    values: &Values,
    profile: &Profile,
    today: NaiveDate,
) -> Result<DraftFile> {
    if profile.regime != t.file.regime {
        return Err(Error::Invalid(FieldErrors(vec![FieldError::new(
            "profile.regime",
            ErrorCode::InvalidValue,
            format!(
                "template {} is for regime {}, the profile is {}",
                t.name(),
                t.file.regime.as_str(),
                profile.regime.as_str()
            ),
        )])));
    }
    let checked = check_values(t, values)?;
    let mut ctx = tera::Context::new();
    for (k, v) in &checked {
        ctx.insert(k.clone(), v);
    }
    ctx.insert("profile", profile);
    let first = profile.signers.first();
    ctx.insert(
        "signer",
        &SignerCtx {
            authority: first.and_then(|s| s.authority.as_deref()).unwrap_or(""),
            on_behalf_of: first.and_then(|s| s.on_behalf_of.as_deref()).unwrap_or(""),
            title: first.map(|s| s.title.as_str()).unwrap_or(""),
            name: first.map(|s| s.name.as_str()).unwrap_or(""),
        },
    );
    ctx.insert(
        "today",
        &TodayCtx {
            iso: dates::iso(today),
            day: today.day(),
            month: today.month(),
            year: today.year(),
            words: dates::words(today),
            short: dates::citation(today),
        },
    );

    let mut f = profile.draft_file(&t.file.kind);
    if let Some(fixed) = &t.file.fixed {
        overlay(&mut f, fixed);
    }
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    for field in &t.fields {
        let out = super::budget::render(&t.tera, &field.tera_name, &ctx).map_err(|stop| {
            Error::from(match stop {
                super::budget::Stop::Tera(e) => t.render_error(field, &e),
                super::budget::Stop::Budget(message) => TemplateError::Budget {
                    template: t.name().to_string(),
                    field: field.path.clone(),
                    message,
                },
            })
        })?;
        if let Some((base, _)) = field.path.split_once('[') {
            let entries = out
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from);
            match lists.iter_mut().find(|(b, _)| b == base) {
                Some((_, l)) => l.extend(entries),
                None => lists.push((base.to_string(), entries.collect())),
            }
        } else {
            set_scalar(t, &mut f, &field.path, &out)?;
        }
    }
    // A list declared in the template replaces the profile's, even when it renders empty.
    for (name, present) in [
        ("recipients", t.file.draft.recipients.is_some()),
        ("cc", t.file.draft.cc.is_some()),
        ("attachments", t.file.draft.attachments.is_some()),
        ("bases", t.file.draft.bases.is_some()),
    ] {
        if present && !lists.iter().any(|(b, _)| b == name) {
            lists.push((name.to_string(), Vec::new()));
        }
    }
    for (name, l) in lists {
        match name.as_str() {
            "recipients" => f.recipients = l,
            "cc" => f.cc = l,
            "attachments" => f.attachments = l,
            _ => f.bases = l,
        }
    }
    if f.date.as_deref().unwrap_or("").is_empty() && f.year.is_none() {
        f.year = Some(i64::from(today.year()));
    }
    if let Some(d) = f.date.as_deref().and_then(dates::parse) {
        f.year = None;
        f.date = Some(dates::iso(d));
    }
    f.normalize();
    draft::validate(&f)?;
    Ok(f)
}

/// Puts the fixed fields of a template over the profile's draft.
fn overlay(f: &mut DraftFile, x: &DraftFile) {
    macro_rules! opt {
        ($($n:ident),*) => { $( if x.$n.is_some() { f.$n = x.$n.clone(); } )* };
    }
    macro_rules! list {
        ($($n:ident),*) => { $( if !x.$n.is_empty() { f.$n = x.$n.clone(); } )* };
    }
    opt!(
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
        body,
        signer,
        archive,
        drafter,
        copies,
        authority_line,
        proposal,
        countersigner,
        status
    );
    list!(recipients, cc, attachments, bases);
}

fn set_scalar(t: &Template, f: &mut DraftFile, path: &str, out: &str) -> Result<()> {
    let v = if path == "body" {
        out.trim_end().trim_start_matches(['\n', '\r'])
    } else {
        out.trim()
    };
    let v = if v.is_empty() {
        None
    } else {
        Some(v.to_string())
    };
    let int = |v: &Option<String>| -> Result<Option<i64>> {
        match v {
            None => Ok(None),
            Some(s) => s.parse::<i64>().map(Some).map_err(|_| {
                Error::Invalid(FieldErrors(vec![FieldError::new(
                    path,
                    ErrorCode::InvalidValue,
                    format!("template {} renders \"{s}\", not a whole number", t.name()),
                )]))
            }),
        }
    };
    fn signer(s: &mut Option<SignerFile>) -> &mut SignerFile {
        s.get_or_insert_with(SignerFile::default)
    }
    match path {
        "unit_code" => f.unit_code = v,
        "number" => f.number = int(&v)?,
        "date" => f.date = v,
        "year" => f.year = int(&v)?,
        "urgency" => f.urgency = v,
        "secrecy" => f.secrecy = v,
        "circulation" => f.circulation = v,
        "subject" => f.subject = v,
        "body" => f.body = v,
        "archive" => f.archive = v,
        "drafter" => f.drafter = v,
        "copies" => f.copies = int(&v)?,
        "authority_line" => f.authority_line = v,
        "proposal" => f.proposal = v,
        "signer.authority" => signer(&mut f.signer).authority = v,
        "signer.on_behalf_of" => signer(&mut f.signer).on_behalf_of = v,
        "signer.title" => signer(&mut f.signer).title = v,
        "signer.name" => signer(&mut f.signer).name = v,
        "countersigner.authority" => signer(&mut f.countersigner).authority = v,
        "countersigner.on_behalf_of" => signer(&mut f.countersigner).on_behalf_of = v,
        "countersigner.title" => signer(&mut f.countersigner).title = v,
        "countersigner.name" => signer(&mut f.countersigner).name = v,
        _ => {}
    }
    Ok(())
}
