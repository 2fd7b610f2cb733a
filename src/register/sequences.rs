//! Registers, committee terms and number sequences.

use super::db::{params, Db, DbResult, Row};
use chrono::{Datelike, NaiveDate};

use super::error::{RegisterError, Result};
use super::model::{NewRegister, RegisterInfo, Term};
use super::stored::{parse_stored, stored};
use super::{now, Register};
use crate::dates;
use crate::draft::{Issuer, Regime};
use crate::rules::Period;
use crate::rules::{self, RuleSet};

const REGISTER_COLUMNS: &str =
    "id, code, name, regime, rules_id, period, per_kind, secret, parent, \
     issuer_name, issuer_code, volume, created_at";

fn register_row(r: &Row) -> DbResult<RegisterInfo> {
    Ok(RegisterInfo {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        regime: stored(r, 3, "regime", Regime::parse)?,
        rules_id: r.get(4)?,
        period: stored(r, 5, "numbering period", Period::parse)?,
        per_kind: r.get(6)?,
        secret: r.get(7)?,
        parent: r.get(8)?,
        issuer_name: r.get(9)?,
        issuer_code: r.get(10)?,
        volume: r.get(11)?,
        created_at: r.get(12)?,
    })
}

impl RegisterInfo {
    /// The rule set it was created under (its numbering scheme); each entry follows the one
    /// in force on its own date.
    pub fn rules(&self) -> &'static RuleSet {
        rules::by_id(&self.rules_id).unwrap_or_else(|| rules::default_for(self.regime))
    }

    /// How its numbers run, in Vietnamese (`Theo năm, một dãy số chung`).
    pub fn numbering_vi(&self) -> &'static str {
        super::labels::numbering_vi(self.period, self.per_kind)
    }
}

impl Register {
    /// Creates a register. Unset scheme fields take its rule set's `[numbering]`.
    pub fn create_register(&mut self, new: &NewRegister) -> Result<RegisterInfo> {
        let code = new.code.trim();
        if code.is_empty()
            || code.len() > 40
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(RegisterError::invalid(
                "--code",
                "a register code is 1 to 40 letters, digits, '-' or '_' (e.g. main, mat, dang)",
            ));
        }
        let regime = new
            .regime
            .ok_or_else(|| RegisterError::invalid("--regime", "required: state or party"))?;
        let rules = rules::resolve(regime, Some(super::today()), new.rules_id.as_deref())
            .map_err(RegisterError::from)?;
        if new.issuer_name.trim().is_empty() {
            return Err(RegisterError::invalid("--issuer-name", "required"));
        }
        if new.issuer_code.trim().is_empty() {
            return Err(RegisterError::invalid("--issuer-code", "required"));
        }
        let period = new.period.unwrap_or(rules.numbering.period);
        let per_kind = new.per_kind.unwrap_or(rules.numbering.per_kind);
        let name = if new.name.trim().is_empty() {
            if new.secret {
                "Sổ đăng ký văn bản mật đi".to_string()
            } else {
                "Sổ đăng ký văn bản đi".to_string()
            }
        } else {
            super::nfc(new.name.trim())
        };
        for (field, v) in [
            ("--name", Some(name.as_str())),
            ("--parent", new.parent.as_deref()),
            ("--issuer-name", Some(new.issuer_name.as_str())),
            ("--issuer-code", Some(new.issuer_code.as_str())),
            ("--volume", new.volume.as_deref()),
        ] {
            if let Some(v) = v {
                super::check_chars(field, v)?;
            }
        }
        let tx = self.begin()?;
        let exists = tx
            .query_opt(
                "SELECT 1 FROM registers WHERE code = ?1",
                params![code],
                |_| Ok(()),
            )?
            .is_some();
        if exists {
            return Err(RegisterError::DuplicateRegister(code.to_string()));
        }
        tx.execute(
            "INSERT INTO registers (code, name, regime, rules_id, period, per_kind, secret, parent, \
             issuer_name, issuer_code, volume, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                code,
                name,
                regime.as_str(),
                rules.id,
                period.as_str(),
                per_kind,
                new.secret,
                new.parent.as_deref().map(|s| super::nfc(s.trim())),
                super::nfc(new.issuer_name.trim()),
                super::nfc(new.issuer_code.trim()),
                new.volume.as_deref().map(str::trim),
                now(),
            ],
        )?;
        let info = tx.query_row(
            &format!("SELECT {REGISTER_COLUMNS} FROM registers WHERE code = ?1"),
            params![code],
            register_row,
        )?;
        tx.commit()?;
        Ok(info)
    }

    /// Every register in the database.
    pub fn registers(&self) -> Result<Vec<RegisterInfo>> {
        self.db
            .query_map(
                &format!("SELECT {REGISTER_COLUMNS} FROM registers ORDER BY id"),
                params![],
                register_row,
            )
            .map_err(|e| self.classify(e))
    }

    /// The register with this code; with `None`, the only register of the database.
    pub fn register(&self, code: Option<&str>) -> Result<RegisterInfo> {
        let all = self.registers()?;
        let known = || {
            all.iter()
                .map(|r| r.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match code {
            Some(c) => all.iter().find(|r| r.code == c).cloned().ok_or_else(|| {
                RegisterError::UnknownRegister {
                    code: c.to_string(),
                    known: if all.is_empty() {
                        "none".into()
                    } else {
                        known()
                    },
                }
            }),
            None => match all.len() {
                0 => Err(RegisterError::NoRegister),
                1 => Ok(all[0].clone()),
                _ => Err(RegisterError::RegisterRequired { known: known() }),
            },
        }
    }

    /// The register that numbers an issuer's documents of a regime: the first one with that
    /// regime, issuer code and secrecy (văn bản mật go to a secret register). With `create`,
    /// a missing one is created with its rule set's numbering (the app's first *Cấp số*);
    /// its code is the issuer code folded to ASCII (`svhttdl`, `tu`), `-mat` for a secret one.
    pub fn register_for(
        &mut self,
        regime: Regime,
        issuer: &Issuer,
        secret: bool,
        create: bool,
    ) -> Result<RegisterInfo> {
        let all = self.registers()?;
        let found = all
            .iter()
            .find(|r| r.regime == regime && r.issuer_code == issuer.code && r.secret == secret);
        if let Some(r) = found {
            return Ok(r.clone());
        }
        if !create {
            return Err(RegisterError::NoRegisterFor {
                issuer: issuer.code.clone(),
                regime: regime.as_str().to_string(),
            });
        }
        let mut stem: String = super::fold(&issuer.code)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(30)
            .collect();
        if stem.is_empty() {
            stem = "so".into();
        }
        if secret {
            stem.push_str("-mat");
        }
        let code = std::iter::once(stem.clone())
            .chain((2..).map(|i| format!("{stem}-{i}")))
            .find(|c| all.iter().all(|r| r.code != *c))
            .unwrap_or(stem);
        self.create_register(&NewRegister {
            code,
            regime: Some(regime),
            secret,
            parent: issuer.parent.clone(),
            issuer_name: issuer.name.clone(),
            issuer_code: issuer.code.clone(),
            ..Default::default()
        })
    }

    /// Adds a committee term to a register (its numbers restart from 01 in each term).
    pub fn add_term(
        &mut self,
        register: Option<&str>,
        label: &str,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Term> {
        let reg = self.register(register)?;
        if label.trim().is_empty() {
            return Err(RegisterError::invalid(
                "--label",
                "required, e.g. 2020-2025",
            ));
        }
        if end < start {
            return Err(RegisterError::invalid(
                "--to",
                "the term ends before it starts",
            ));
        }
        let tx = self.begin()?;
        let clash: Option<String> = tx.query_opt(
            "SELECT label FROM terms WHERE register_id = ?1 AND start_date <= ?3 AND end_date >= ?2",
            params![reg.id, start.to_string(), end.to_string()],
            |r| r.get(0),
        )?;
        if let Some(l) = clash {
            return Err(RegisterError::TermOverlap(l));
        }
        let dup = tx
            .query_opt(
                "SELECT 1 FROM terms WHERE register_id = ?1 AND label = ?2",
                params![reg.id, label.trim()],
                |_| Ok(()),
            )?
            .is_some();
        if dup {
            return Err(RegisterError::invalid(
                "--label",
                format!("a term \"{}\" already exists", label.trim()),
            ));
        }
        let id = tx.insert(
            "INSERT INTO terms (register_id, label, start_date, end_date) VALUES (?1, ?2, ?3, ?4)",
            params![reg.id, label.trim(), start.to_string(), end.to_string()],
        )?;
        tx.commit()?;
        Ok(Term {
            id,
            register: reg.code,
            label: label.trim().to_string(),
            start,
            end,
        })
    }

    /// The terms of a register, oldest first.
    pub fn terms(&self, register: Option<&str>) -> Result<Vec<Term>> {
        let reg = self.register(register)?;
        Ok(self.db.query_map(
            "SELECT id, label, start_date, end_date FROM terms WHERE register_id = ?1 ORDER BY start_date",
            params![reg.id],
            |r| {
            Ok(Term {
                id: r.get(0)?,
                register: reg.code.clone(),
                label: r.get(1)?,
                start: stored(r, 2, "date", dates::parse_iso)?,
                end: stored(r, 3, "date", dates::parse_iso)?,
            })
        },
        )?)
    }

    /// Starts a write transaction that takes the register's write lock at once.
    pub(crate) fn begin(&mut self) -> Result<super::db::Tx<'_>> {
        self.db
            .begin()
            .map_err(|e| super::db::sqlite::classify_db(&self.path, e))
    }
}

/// The period a date falls in: the year (`2024`) or the term (`term:<id>`).
pub(crate) fn period_of(tx: &Db, reg: &RegisterInfo, date: NaiveDate) -> Result<String> {
    match reg.period {
        Period::Year => Ok(date.year().to_string()),
        Period::Term => {
            let id: Option<i64> = tx.query_opt(
                "SELECT id FROM terms WHERE register_id = ?1 AND start_date <= ?2 AND end_date >= ?2",
                params![reg.id, date.to_string()],
                |r| r.get(0),
            )?;
            id.map(|i| format!("term:{i}"))
                .ok_or_else(|| RegisterError::NoTerm {
                    register: reg.code.clone(),
                    date: date.to_string(),
                })
        }
    }
}

/// The sequence key of a type in a register: the type itself, or `''` for a common sequence.
pub(crate) fn kind_key<'a>(reg: &RegisterInfo, kind: &'a str) -> &'a str {
    if reg.per_kind {
        kind
    } else {
        ""
    }
}

/// The date of the highest number of a sequence, if any.
pub(crate) fn last_date(
    tx: &Db,
    reg: &RegisterInfo,
    period: &str,
    kind: &str,
) -> Result<Option<NaiveDate>> {
    // The sequence first, then its highest number through the (sequence, number) index.
    let d: Option<String> = tx.query_opt(
        "SELECT e.date FROM entries e WHERE e.sequence_id = \
         (SELECT id FROM sequences WHERE register_id = ?1 AND period = ?2 AND kind = ?3) \
         ORDER BY e.number DESC LIMIT 1",
        params![reg.id, period, kind],
        |r| r.get(0),
    )?;
    Ok(d.map(|s| parse_stored(&s, "date", dates::parse_iso))
        .transpose()?)
}

/// Takes the next number of a sequence (creating it at 01): `(sequence id, number)`.
/// Must run inside a write transaction ([`Register::begin`]).
pub(crate) fn next_number(
    tx: &Db,
    reg: &RegisterInfo,
    period: &str,
    kind: &str,
) -> Result<(i64, u32)> {
    let (id, n): (i64, i64) = tx.query_row(
        "INSERT INTO sequences (register_id, period, kind, last_number) VALUES (?1, ?2, ?3, 1) \
         ON CONFLICT (register_id, period, kind) DO UPDATE SET last_number = sequences.last_number + 1 \
         RETURNING id, last_number",
        params![reg.id, period, kind],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let n = u32::try_from(n).map_err(|_| RegisterError::invalid("number", "sequence exhausted"))?;
    Ok((id, n))
}
