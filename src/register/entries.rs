//! Entries: reserve, issue, cancel, correct, attach, and read them back.

use super::db::{params, Db, DbResult, Row};
use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::error::{RegisterError, Result};
use super::model::{
    AuditRecord, Correction, Entry, EntryDetail, EntryStatus, FileInfo, IssueOptions, RegisterInfo,
    Reservation,
};
use super::sequences::{kind_key, last_date, next_number, period_of};
use super::stored::{search_text, stored, stored_opt};
use super::{actor, fold, nfc, now, today, Register};
use crate::draft::{Draft, Status};
use crate::{dates, layout, render, rules, symbol};

/// Largest attachment accepted (a signed scan, a PDF).
pub const MAX_ATTACHMENT: u64 = 100 * 1024 * 1024;

pub(crate) const ENTRY_COLUMNS: &str = "e.id, r.code, e.number, e.symbol, e.date, e.kind, e.unit_code, \
     e.subject, e.signer, e.recipients, e.archive, e.copies, e.sent_date, e.receipt, e.note, e.status, \
     e.cancel_reason, e.draft_json IS NOT NULL, e.docx IS NOT NULL, e.created_at, e.updated_at, COALESCE(e.rules_id, r.rules_id)";

pub(crate) fn kind_name(rules_id: &str, kind: &str) -> String {
    rules::by_id(rules_id)
        .and_then(|r| r.kind(kind))
        .map(|k| k.name.clone())
        .unwrap_or_else(|| kind.to_string())
}

pub(crate) fn entry_row(r: &Row) -> DbResult<Entry> {
    let kind: String = r.get(5)?;
    let rules_id: String = r.get(21)?;
    Ok(Entry {
        id: r.get(0)?,
        register: r.get(1)?,
        number: r.get(2)?,
        symbol: r.get(3)?,
        date: stored(r, 4, "date", dates::parse_iso)?,
        kind_name: kind_name(&rules_id, &kind),
        kind,
        unit_code: r.get(6)?,
        subject: r.get(7)?,
        signer: r.get(8)?,
        recipients: r.get(9)?,
        archive: r.get(10)?,
        copies: r.get(11)?,
        sent_date: stored_opt(r, 12, "date", dates::parse_iso)?,
        receipt: r.get(13)?,
        note: r.get(14)?,
        status: stored(r, 15, "status", EntryStatus::parse)?,
        cancel_reason: r.get(16)?,
        has_draft: r.get(17)?,
        has_docx: r.get(18)?,
        created_at: r.get(19)?,
        updated_at: r.get(20)?,
        rules_id,
    })
}

fn load(db: &Db, id: i64) -> Result<Entry> {
    db.query_opt(
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e JOIN registers r ON r.id = e.register_id WHERE e.id = ?1"
        ),
        params![id],
        entry_row,
    )?
    .ok_or_else(|| RegisterError::UnknownEntry(id.to_string()))
}

fn audit(tx: &Db, entry_id: i64, action: &str, detail: serde_json::Value) -> Result<()> {
    tx.execute(
        "INSERT INTO audit (entry_id, at, actor, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![entry_id, now(), actor(), action, detail.to_string()],
    )?;
    Ok(())
}

/// Refuses a date later than today unless the register allows it explicitly.
fn check_not_future(tx: &Db, reg: &RegisterInfo, date: NaiveDate) -> Result<()> {
    if !dates::plausible(date) {
        return Err(RegisterError::invalid(
            "date",
            dates::implausible(&date.to_string()),
        ));
    }
    let today = today();
    if date <= today {
        return Ok(());
    }
    let allowed: bool = tx.query_row(
        "SELECT allow_future FROM registers WHERE id = ?1",
        params![reg.id],
        |r| r.get(0),
    )?;
    if allowed {
        Ok(())
    } else {
        Err(RegisterError::FutureDate {
            date: date.to_string(),
            today: today.to_string(),
            register: reg.code.clone(),
        })
    }
}

fn check_order(
    tx: &Db,
    reg: &RegisterInfo,
    period: &str,
    key: &str,
    date: NaiveDate,
) -> Result<()> {
    if let Some(last) = last_date(tx, reg, period, key)? {
        if date < last {
            return Err(RegisterError::DateOutOfOrder {
                date: date.to_string(),
                last: last.to_string(),
            });
        }
    }
    Ok(())
}

fn opt_text(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(nfc)
}

/// A register field's text, refused when it holds a character no document can carry.
fn field_text(field: &str, s: Option<&str>) -> Result<Option<String>> {
    let v = opt_text(s);
    if let Some(v) = &v {
        super::check_chars(field, v)?;
    }
    Ok(v)
}

/// The values an entry row is written with.
struct Row0<'a> {
    register_id: i64,
    sequence_id: i64,
    number: u32,
    symbol: &'a str,
    date: NaiveDate,
    kind: &'a str,
    unit_code: Option<&'a str>,
    subject: &'a str,
    signer: &'a str,
    recipients: &'a str,
    archive: &'a str,
    copies: Option<u32>,
    note: &'a str,
    status: EntryStatus,
    draft_json: Option<&'a str>,
    docx: Option<&'a [u8]>,
    rules_id: &'a str,
}

fn insert(tx: &Db, v: &Row0) -> Result<i64> {
    let t = now();
    let folded = search_text(
        v.symbol,
        i64::from(v.number),
        v.subject,
        v.signer,
        v.recipients,
    );
    Ok(tx.insert(
        "INSERT INTO entries (register_id, sequence_id, number, symbol, date, year, kind, unit_code, \
         subject, signer, recipients, archive, copies, note, status, draft_json, docx, created_at, \
         updated_at, folded, signer_key, symbol_key, rules_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19, ?20, ?21, ?22)",
        params![
        v.register_id,
        v.sequence_id,
        v.number,
        v.symbol,
        v.date.to_string(),
        v.date.year(),
        v.kind,
        v.unit_code,
        v.subject,
        v.signer,
        v.recipients,
        v.archive,
        v.copies,
        v.note,
        v.status.as_str(),
        v.draft_json,
        v.docx,
        t,
        folded,
        fold(v.signer),
        fold(v.symbol),
            v.rules_id,
        ],
    )?)
}

/// Checks a corrected date: plausible, not later than today (unless allowed), in the same
/// period as the entry's number, and between the dates of the numbers before and after it.
fn check_date_correction(tx: &Db, reg: &RegisterInfo, id: i64, date: NaiveDate) -> Result<()> {
    check_not_future(tx, reg, date)?;
    let (sequence_id, number, period): (i64, i64, String) = tx.query_row(
        "SELECT e.sequence_id, e.number, s.period FROM entries e \
         JOIN sequences s ON s.id = e.sequence_id WHERE e.id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if period_of(tx, reg, date)? != period {
        return Err(RegisterError::invalid(
            "--date",
            format!("{date} is outside the numbering period of this entry's number ({period}): cancel it and take a number in the right period"),
        ));
    }
    let bounds: (Option<String>, Option<String>) = tx.query_row(
        "SELECT (SELECT max(date) FROM entries WHERE sequence_id = ?1 AND number < ?2), \
                (SELECT min(date) FROM entries WHERE sequence_id = ?1 AND number > ?2)",
        params![sequence_id, number],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some(before) = bounds.0.filter(|b| date.to_string() < *b) {
        return Err(RegisterError::DateOutOfOrder {
            date: date.to_string(),
            last: before,
        });
    }
    if let Some(after) = bounds.1.filter(|a| date.to_string() > *a) {
        return Err(RegisterError::invalid(
            "--date",
            format!("{date} is after {after}, the date of the next number in this sequence; numbers follow the order of issue"),
        ));
    }
    Ok(())
}

impl Register {
    /// Whether a register accepts dates later than today for reserve and issue.
    pub fn allows_future_dates(&self, register: Option<&str>) -> Result<bool> {
        let reg = self.register(register)?;
        Ok(self.db.query_row(
            "SELECT allow_future FROM registers WHERE id = ?1",
            params![reg.id],
            |r| r.get(0),
        )?)
    }

    /// Lets a register accept (or again refuse) dates later than today.
    pub fn set_allow_future_dates(&mut self, register: Option<&str>, allow: bool) -> Result<()> {
        let reg = self.register(register)?;
        self.db.execute(
            "UPDATE registers SET allow_future = ?2 WHERE id = ?1",
            params![reg.id, allow],
        )?;
        Ok(())
    }

    /// Reserves the next number (số dự kiến) of a type, dated today unless a date is given;
    /// its symbol follows the rule set in force on that day.
    pub fn reserve(&mut self, register: Option<&str>, res: &Reservation) -> Result<Entry> {
        let reg = self.register(register)?;
        let date = res.date.unwrap_or_else(today);
        let rules = rules::in_force(reg.regime, Some(date));
        if rules.kind(&res.kind).is_none() {
            return Err(RegisterError::UnknownKind {
                kind: res.kind.clone(),
                rules: rules.id.clone(),
            });
        }
        let unit = field_text("unit_code", res.unit_code.as_deref())?;
        let subject = field_text("subject", res.subject.as_deref())?.unwrap_or_default();
        let note = field_text("note", res.note.as_deref())?.unwrap_or_default();
        let tx = self.begin()?;
        check_not_future(&tx, &reg, date)?;
        let period = period_of(&tx, &reg, date)?;
        let key = kind_key(&reg, &res.kind);
        check_order(&tx, &reg, &period, key, date)?;
        let (sequence_id, number) = next_number(&tx, &reg, &period, key)?;
        let symbol = symbol::compose(
            rules,
            &res.kind,
            Some(number),
            &reg.issuer_code,
            unit.as_deref(),
        );
        let id = insert(
            &tx,
            &Row0 {
                register_id: reg.id,
                sequence_id,
                number,
                symbol: &symbol,
                date,
                kind: &res.kind,
                unit_code: unit.as_deref(),
                subject: &subject,
                signer: "",
                recipients: "",
                archive: "",
                copies: None,
                note: &note,
                status: EntryStatus::Reserved,
                draft_json: None,
                docx: None,
                rules_id: &rules.id,
            },
        )?;
        audit(
            &tx,
            id,
            "reserve",
            json!({"number": number, "symbol": symbol, "date": date}),
        )?;
        let entry = load(&tx, id)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Issues a draft: takes the next number, dates it (today unless the draft has a date),
    /// renders the DOCX with the rule set in force on that date and stores draft and DOCX, all
    /// in one transaction.
    pub fn issue(&mut self, register: Option<&str>, draft: &Draft) -> Result<Entry> {
        self.issue_with(register, draft, &IssueOptions::default())
    }

    /// Issues a draft, optionally binding it to a reserved number or following a named rule
    /// set. The numbered draft is validated again against that rule set (a signing form the
    /// guide in force on the issue date does not have is refused, naming the field).
    pub fn issue_with(
        &mut self,
        register: Option<&str>,
        draft: &Draft,
        opts: &IssueOptions,
    ) -> Result<Entry> {
        let reg = match (register, opts.reserved) {
            (None, Some(id)) => {
                let e = self.entry(id)?;
                self.register(Some(&e.register))?
            }
            _ => self.register(register)?,
        };
        if draft.regime != reg.regime {
            return Err(RegisterError::Mismatch {
                field: "regime".into(),
                message: format!(
                    "the draft is {} but register \"{}\" numbers {} documents",
                    draft.regime.as_str(),
                    reg.code,
                    reg.regime.as_str()
                ),
            });
        }
        if draft.issuer.code != reg.issuer_code {
            return Err(RegisterError::Mismatch {
                field: "issuer.code".into(),
                message: format!(
                    "\"{}\" is not the issuer of register \"{}\" ({})",
                    draft.issuer.code, reg.code, reg.issuer_code
                ),
            });
        }
        if draft.secrecy.is_some() != reg.secret {
            let message = if reg.secret {
                format!(
                    "register \"{}\" is for văn bản mật; this draft has no secrecy mark",
                    reg.code
                )
            } else {
                format!(
                    "văn bản mật take their own number sequence: issue into a register created with --secret, not \"{}\"",
                    reg.code
                )
            };
            return Err(RegisterError::Mismatch {
                field: "secrecy".into(),
                message,
            });
        }
        let date = draft.date.unwrap_or_else(today);
        let rules = rules::resolve(draft.regime, Some(date), opts.rules.as_deref())?;
        if rules.kind(&draft.kind).is_none() {
            return Err(RegisterError::UnknownKind {
                kind: draft.kind.clone(),
                rules: rules.id.clone(),
            });
        }
        let tx = self.begin()?;
        check_not_future(&tx, &reg, date)?;
        let period = period_of(&tx, &reg, date)?;
        let key = kind_key(&reg, &draft.kind);
        let (existing, sequence_id, number) = match opts.reserved {
            Some(id) => {
                let e = load(&tx, id)?;
                if e.register != reg.code {
                    return Err(RegisterError::Mismatch {
                        field: "--reserved".into(),
                        message: format!(
                            "entry {id} belongs to register \"{}\", not \"{}\"",
                            e.register, reg.code
                        ),
                    });
                }
                if e.status != EntryStatus::Reserved {
                    return Err(RegisterError::WrongStatus {
                        id,
                        symbol: e.symbol,
                        status: e.status.as_str().into(),
                        message: "only a reserved number can be bound to a draft".into(),
                    });
                }
                let (seq_id, seq_period, seq_kind): (i64, String, String) = tx.query_row(
                    "SELECT s.id, s.period, s.kind FROM sequences s JOIN entries e ON e.sequence_id = s.id WHERE e.id = ?1",
                    params![id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                if seq_kind != key {
                    return Err(RegisterError::Mismatch {
                        field: "kind".into(),
                        message: format!(
                            "number {} was reserved for {}, not {}",
                            e.symbol, e.kind, draft.kind
                        ),
                    });
                }
                if seq_period != period {
                    return Err(RegisterError::Mismatch {
                        field: "date".into(),
                        message: format!(
                            "{date} is outside the period of reserved number {} ({})",
                            e.symbol,
                            e.date.year()
                        ),
                    });
                }
                let n = e.number;
                (Some(e), seq_id, n)
            }
            None => {
                check_order(&tx, &reg, &period, key, date)?;
                let (s, n) = next_number(&tx, &reg, &period, key)?;
                (None, s, n)
            }
        };
        if let Some(n) = draft.number {
            if n != number {
                return Err(RegisterError::Mismatch {
                    field: "number".into(),
                    message: format!(
                        "the draft already carries number {n}; the register gives the number ({number}): remove it from the draft"
                    ),
                });
            }
        }
        let mut d = draft.clone();
        d.number = Some(number);
        d.date = Some(date);
        d.year = None;
        d.status = Status::Final;
        let d = crate::draft::validate_with(&d.to_file(), Some(rules))?;
        let docx = render::docx::to_bytes(&layout::build_with(&d, rules)?)?;
        let draft_json = d.to_json();
        let symbol = symbol::of_draft(&d, rules);
        let subject = d.subject.clone().unwrap_or_default();
        let recipients = d
            .recipients
            .iter()
            .chain(d.cc.iter())
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        let archive = d.archive.clone().unwrap_or_default();
        let signer = d.signer.name.clone();
        let id = match existing {
            Some(e) => {
                let folded =
                    search_text(&symbol, i64::from(number), &subject, &signer, &recipients);
                tx.execute(
                    "UPDATE entries SET symbol = ?2, date = ?3, year = ?4, kind = ?5, unit_code = ?6, subject = ?7, \
                     signer = ?8, recipients = ?9, archive = ?10, copies = ?11, status = 'issued', draft_json = ?12, \
                     docx = ?13, updated_at = ?14, folded = ?15, signer_key = ?16, symbol_key = ?17, rules_id = ?18 \
                     WHERE id = ?1",
                    params![
                        e.id,
                        symbol,
                        date.to_string(),
                        date.year(),
                        d.kind,
                        d.unit_code,
                        subject,
                        signer,
                        recipients,
                        archive,
                        d.copies,
                        draft_json,
                        docx,
                        now(),
                        folded,
                        fold(&signer),
                        fold(&symbol),
                        rules.id,
                    ],
                )?;
                e.id
            }
            None => insert(
                &tx,
                &Row0 {
                    register_id: reg.id,
                    sequence_id,
                    number,
                    symbol: &symbol,
                    date,
                    kind: &d.kind,
                    unit_code: d.unit_code.as_deref(),
                    subject: &subject,
                    signer: &signer,
                    recipients: &recipients,
                    archive: &archive,
                    copies: d.copies,
                    note: "",
                    status: EntryStatus::Issued,
                    draft_json: Some(&draft_json),
                    docx: Some(&docx),
                    rules_id: &rules.id,
                },
            )?,
        };
        audit(
            &tx,
            id,
            "issue",
            json!({"number": number, "symbol": symbol, "date": date}),
        )?;
        let entry = load(&tx, id)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Cancels an entry. The number stays in the register, marked cancelled, and is never
    /// reused. An issued entry needs a reason.
    pub fn cancel(&mut self, id: i64, reason: Option<&str>) -> Result<Entry> {
        let reason = field_text("reason", reason)?;
        let tx = self.begin()?;
        let e = load(&tx, id)?;
        match e.status {
            EntryStatus::Cancelled => {
                return Err(RegisterError::WrongStatus {
                    id,
                    symbol: e.symbol,
                    status: e.status.as_str().into(),
                    message: "already cancelled".into(),
                })
            }
            EntryStatus::Issued if reason.is_none() => {
                let sent = e
                    .sent_date
                    .map(|d| format!(", sent {d}"))
                    .unwrap_or_default();
                return Err(RegisterError::ReasonRequired(format!(
                    "{id} ({}{sent})",
                    e.symbol
                )));
            }
            _ => {}
        }
        tx.execute(
            "UPDATE entries SET status = 'cancelled', cancel_reason = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, reason, now()],
        )?;
        audit(
            &tx,
            id,
            "cancel",
            json!({"from": e.status.as_str(), "reason": reason}),
        )?;
        let entry = load(&tx, id)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Corrects columns of an entry; every change is written to the audit trail.
    pub fn correct(&mut self, id: i64, c: &Correction) -> Result<Entry> {
        let reg = match c.date {
            Some(_) => Some(self.register(Some(&self.entry(id)?.register))?),
            None => None,
        };
        let tx = self.begin()?;
        let mut e = load(&tx, id)?;
        let old_date = e.date;
        if let (Some(d), Some(reg)) = (c.date, &reg) {
            if d != e.date {
                check_date_correction(&tx, reg, id, d)?;
                e.date = d;
            }
        }
        for (field, v) in [
            ("subject", &c.subject),
            ("signer", &c.signer),
            ("recipients", &c.recipients),
            ("archive", &c.archive),
            ("receipt", &c.receipt),
            ("note", &c.note),
        ] {
            if let Some(v) = v {
                super::check_chars(field, &nfc(v))?;
            }
        }
        let mut changes = serde_json::Map::new();
        let mut text = |name: &str, field: &mut String, new: &Option<String>| {
            if let Some(v) = new {
                let v = nfc(v.trim());
                if *field != v {
                    changes.insert(name.into(), json!({"old": field.clone(), "new": v}));
                    *field = v;
                }
            }
        };
        text("subject", &mut e.subject, &c.subject);
        text("signer", &mut e.signer, &c.signer);
        text("recipients", &mut e.recipients, &c.recipients);
        text("archive", &mut e.archive, &c.archive);
        text("receipt", &mut e.receipt, &c.receipt);
        text("note", &mut e.note, &c.note);
        if let Some(n) = c.copies {
            if e.copies != Some(n) {
                changes.insert("copies".into(), json!({"old": e.copies, "new": n}));
                e.copies = Some(n);
            }
        }
        if e.date != old_date {
            changes.insert("date".into(), json!({"old": old_date, "new": e.date}));
            if let Some(sent) = e.sent_date.filter(|s| *s < e.date) {
                return Err(RegisterError::invalid(
                    "--date",
                    format!("{} is after the sending date {sent}", e.date),
                ));
            }
        }
        if let Some(d) = c.sent_date {
            if d < e.date {
                return Err(RegisterError::invalid(
                    "--sent-date",
                    format!("{d} is before the document's date {}", e.date),
                ));
            }
            if e.sent_date != Some(d) {
                changes.insert("sent_date".into(), json!({"old": e.sent_date, "new": d}));
                e.sent_date = Some(d);
            }
        }
        if changes.is_empty() {
            return Err(RegisterError::invalid("correction", "nothing to change"));
        }
        let folded = search_text(
            &e.symbol,
            i64::from(e.number),
            &e.subject,
            &e.signer,
            &e.recipients,
        );
        tx.execute(
            "UPDATE entries SET subject = ?2, signer = ?3, recipients = ?4, archive = ?5, copies = ?6, \
             sent_date = ?7, receipt = ?8, note = ?9, updated_at = ?10, folded = ?11, signer_key = ?12, \
             date = ?13, year = ?14 WHERE id = ?1",
            params![
                id,
                e.subject,
                e.signer,
                e.recipients,
                e.archive,
                e.copies,
                e.sent_date.map(|d| d.to_string()),
                e.receipt,
                e.note,
                now(),
                folded,
                fold(&e.signer),
                e.date.to_string(),
                e.date.year(),
            ],
        )?;
        audit(&tx, id, "correct", serde_json::Value::Object(changes))?;
        let entry = load(&tx, id)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Attaches a file (the signed scan, a PDF) to an entry.
    pub fn attach(&mut self, id: i64, name: &str, data: &[u8]) -> Result<FileInfo> {
        let name = nfc(name.trim());
        if name.is_empty() {
            return Err(RegisterError::invalid("file", "a file name is required"));
        }
        if data.len() as u64 > MAX_ATTACHMENT {
            return Err(RegisterError::invalid(
                "file",
                format!(
                    "{name}: too large ({} bytes, limit {MAX_ATTACHMENT})",
                    data.len()
                ),
            ));
        }
        let media_type = media_type(&name);
        let tx = self.begin()?;
        load(&tx, id)?;
        let at = now();
        let file_id = tx.insert(
            "INSERT INTO files (entry_id, name, media_type, size, data, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, name, media_type, data.len() as i64, data, at],
        )?;
        tx.execute(
            "UPDATE entries SET updated_at = ?2 WHERE id = ?1",
            params![id, at],
        )?;
        audit(
            &tx,
            id,
            "attach",
            json!({"file": file_id, "name": name, "size": data.len()}),
        )?;
        tx.commit()?;
        Ok(FileInfo {
            id: file_id,
            entry_id: id,
            name,
            media_type: media_type.into(),
            size: data.len() as u64,
            added_at: at,
        })
    }

    /// Attaches a file read from disk.
    pub fn attach_path(&mut self, id: i64, path: &std::path::Path) -> Result<FileInfo> {
        let meta = std::fs::metadata(path).map_err(|e| RegisterError::io(path, e))?;
        if meta.len() > MAX_ATTACHMENT {
            return Err(RegisterError::invalid(
                "file",
                format!(
                    "{}: too large ({} bytes, limit {MAX_ATTACHMENT})",
                    path.display(),
                    meta.len()
                ),
            ));
        }
        let data = std::fs::read(path).map_err(|e| RegisterError::io(path, e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        self.attach(id, &name, &data)
    }

    /// The entry with this id.
    pub fn entry(&self, id: i64) -> Result<Entry> {
        load(&self.db, id).map_err(|e| match e {
            RegisterError::Database(e) => self.classify(e),
            e => e,
        })
    }

    /// The entry named by an id (`42`) or a symbol (`05/SVHTTDL-QLVHGĐ`, the newest with it).
    pub fn find(&self, selector: &str) -> Result<Entry> {
        let s = selector.trim();
        if let Ok(id) = s.parse::<i64>() {
            return self.entry(id);
        }
        let id: Option<i64> = self.db.query_opt(
            "SELECT id FROM entries WHERE symbol = ?1 ORDER BY id DESC LIMIT 1",
            params![nfc(s)],
            |r| r.get(0),
        )?;
        match id {
            Some(id) => self.entry(id),
            None => Err(RegisterError::UnknownEntry(s.to_string())),
        }
    }

    /// An entry with its files and audit trail.
    pub fn detail(&self, id: i64) -> Result<EntryDetail> {
        Ok(EntryDetail {
            entry: self.entry(id)?,
            files: self.files(id)?,
            audit: self.audit(id)?,
        })
    }

    /// The files attached to an entry.
    pub fn files(&self, id: i64) -> Result<Vec<FileInfo>> {
        Ok(self.db.query_map(
            "SELECT id, entry_id, name, media_type, size, added_at FROM files WHERE entry_id = ?1 ORDER BY id",
            params![id],
            |r| {
            Ok(FileInfo {
                id: r.get(0)?,
                entry_id: r.get(1)?,
                name: r.get(2)?,
                media_type: r.get(3)?,
                size: r.get::<i64>(4)? as u64,
                added_at: r.get(5)?,
            })
        },
        )?)
    }

    /// The bytes of an attached file.
    pub fn file_data(&self, file_id: i64) -> Result<Vec<u8>> {
        self.db
            .query_opt(
                "SELECT data FROM files WHERE id = ?1",
                params![file_id],
                |r| r.get(0),
            )?
            .ok_or_else(|| RegisterError::invalid("file", format!("no file {file_id}")))
    }

    /// The audit trail of an entry, oldest first.
    pub fn audit(&self, id: i64) -> Result<Vec<AuditRecord>> {
        Ok(self.db.query_map(
            "SELECT id, entry_id, at, actor, action, detail, db_role FROM audit WHERE entry_id = ?1 ORDER BY id",
            params![id],
            |r| {
            let detail: String = r.get(5)?;
            Ok(AuditRecord {
                id: r.get(0)?,
                entry_id: r.get(1)?,
                at: r.get(2)?,
                actor: r.get(3)?,
                action: r.get(4)?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
                db_role: r.get(6)?,
            })
        },
        )?)
    }

    /// The stored draft (with number and date filled in), if the entry was issued from one.
    pub fn draft_json(&self, id: i64) -> Result<Option<String>> {
        let v: Option<Option<String>> = self.db.query_opt(
            "SELECT draft_json FROM entries WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )?;
        v.ok_or_else(|| RegisterError::UnknownEntry(id.to_string()))
    }

    /// The stored DOCX, if the entry was issued from a draft.
    pub fn docx(&self, id: i64) -> Result<Option<Vec<u8>>> {
        let v: Option<Option<Vec<u8>>> =
            self.db
                .query_opt("SELECT docx FROM entries WHERE id = ?1", params![id], |r| {
                    r.get(0)
                })?;
        v.ok_or_else(|| RegisterError::UnknownEntry(id.to_string()))
    }
}

/// A media type from a file name's extension.
fn media_type(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "tif" | "tiff" => "image/tiff",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" => "text/plain",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}
