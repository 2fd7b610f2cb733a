//! `vanthu register`: the register of outgoing documents (sổ đăng ký văn bản đi).

use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{regime_arg, report, EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use crate::draft;
use crate::profile::Profile;
use crate::regime::Regime;
use crate::register::{
    self, Correction, Entry, EntryStatus, ExportFormat, ExportSpec, NewRegister, NumberRequest,
    Period, Query, Register, RegisterError, Reservation, Sort,
};
use crate::write;

/// Arguments of `vanthu register`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Database: a file, or a server as postgres://user@host:port/database (also
    /// ?host=/socket/dir, sslmode=disable|prefer|require). Default: $VANTHU_DB, else
    /// register.sqlite in the user's data directory.
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Sub,
}

fn date_arg(s: &str) -> Result<NaiveDate, String> {
    let d = crate::dates::parse(s).ok_or_else(|| {
        format!(
            "\"{s}\" is not a date (expected {})",
            crate::dates::TYPED_FORMS
        )
    })?;
    if !crate::dates::plausible(d) {
        return Err(crate::dates::implausible(&format!("\"{s}\"")));
    }
    Ok(d)
}

/// The subcommands of `vanthu register`.
#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Create the database (if needed) and a register in it.
    Init(InitArgs),
    /// Add a committee term (nhiệm kỳ) to a Party register.
    Term(TermArgs),
    /// List the registers of the database.
    Registers(JsonArgs),
    /// Reserve the next number (số dự kiến) of a type, or for an unfinished draft.
    Reserve(ReserveArgs),
    /// Issue a draft: give it the next number and date, render and store its DOCX.
    Issue(IssueArgs),
    /// Cancel an entry; its number stays taken and is never reused.
    Cancel(CancelArgs),
    /// Correct columns of an entry (every change is audited).
    Correct(CorrectArgs),
    /// Attach files (the signed scan, a PDF) to an entry.
    Attach(AttachArgs),
    /// Show an entry with its files and audit trail.
    Show(ShowArgs),
    /// List entries, newest first.
    List(ListArgs),
    /// Search entries, accents ignored (`dang` finds `Đảng`).
    Search(SearchArgs),
    /// Export the register as Excel, CSV or the printable DOCX.
    Export(ExportArgs),
    /// Write a consistent copy of the database.
    Backup(PathArgs),
    /// Replace the database with a backup (the current one is saved first).
    Restore(RestoreArgs),
    /// Check the database: integrity, search index, no doubled or missing number.
    Check(JsonArgs),
    /// Show or change a register's settings.
    Config(ConfigArgs),
    /// Copy this register (a local file) into an empty register on a server, verified.
    Migrate(MigrateArgs),
}

/// Arguments of `register migrate`.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// The empty target: postgres://user@host:port/database (or a new file).
    #[arg(long, value_name = "URL")]
    pub to: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `register config`.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Register code.
    #[arg(long)]
    pub register: Option<String>,
    /// Accept dates later than today for reserve and issue (`on` or `off`).
    #[arg(long, value_parser = ["on", "off"])]
    pub allow_future_dates: Option<String>,
}

/// `--json` only.
#[derive(Debug, clap::Args)]
pub struct JsonArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// A file argument.
#[derive(Debug, clap::Args)]
pub struct PathArgs {
    /// The backup file.
    pub file: PathBuf,
}

/// Arguments of `register restore`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup file.
    pub file: PathBuf,
    /// Restore even when the backup lacks issued entries (they are listed for
    /// re-registration; numbering continues above them).
    #[arg(long)]
    pub force: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `register init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Short code of the register (`main`, `mat`, `dang`, `hoidong`).
    #[arg(long, default_value = "main")]
    pub code: String,
    /// Its name.
    #[arg(long, default_value = "")]
    pub name: String,
    /// `state` or `party`; taken from --profile when given.
    #[arg(long, value_parser = regime_arg)]
    pub regime: Option<Regime>,
    /// Organisation profile (JSON) giving regime, issuer and cơ quan chủ quản.
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Issuing body (`SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH`).
    #[arg(long)]
    pub issuer_name: Option<String>,
    /// Its abbreviation in symbols (`SVHTTDL`).
    #[arg(long)]
    pub issuer_code: Option<String>,
    /// Cơ quan chủ quản (`UBND TỈNH LẠNG SƠN`).
    #[arg(long)]
    pub parent: Option<String>,
    /// Numbering period, `year` or `term` (default: the rule set's).
    #[arg(long, value_parser = ["year", "term"])]
    pub period: Option<String>,
    /// One sequence per document type (default: the rule set's).
    #[arg(long, conflicts_with = "common")]
    pub per_kind: bool,
    /// One common sequence for all types (default: the rule set's).
    #[arg(long)]
    pub common: bool,
    /// A register of văn bản mật (own sequence; only drafts with a secrecy mark).
    #[arg(long)]
    pub secret: bool,
    /// Quyển số printed on the cover.
    #[arg(long)]
    pub volume: Option<String>,
    /// Rule set giving the numbering defaults (default: the regime's in force today).
    #[arg(long)]
    pub rules: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `register term`.
#[derive(Debug, clap::Args)]
pub struct TermArgs {
    /// Register code.
    #[arg(long)]
    pub register: Option<String>,
    /// Label, e.g. `2020-2025`.
    #[arg(long)]
    pub label: String,
    /// First day of the term.
    #[arg(long, value_parser = date_arg)]
    pub from: NaiveDate,
    /// Last day of the term.
    #[arg(long, value_parser = date_arg)]
    pub to: NaiveDate,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `register reserve`.
#[derive(Debug, clap::Args)]
pub struct ReserveArgs {
    /// An unfinished draft: its regime, kind and issuer choose the register (as the app's
    /// *Lấy số dự kiến*); prints the draft with the number when `--json` is not given.
    #[arg(conflicts_with_all = ["kind", "unit", "date", "subject", "repeat"])]
    pub draft: Option<PathBuf>,
    /// Register code (needed when the database keeps several).
    #[arg(long)]
    pub register: Option<String>,
    /// Document type slug (see `vanthu kinds`).
    #[arg(long, required_unless_present = "draft")]
    pub kind: Option<String>,
    /// Drafting unit's code (state công văn: `QLVHGĐ`).
    #[arg(long)]
    pub unit: Option<String>,
    /// Date (default today).
    #[arg(long, value_parser = date_arg)]
    pub date: Option<NaiveDate>,
    /// Trích yếu, if known.
    #[arg(long)]
    pub subject: Option<String>,
    /// Ghi chú.
    #[arg(long)]
    pub note: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Test helper: reserve N numbers, one transaction each, printing each as it commits.
    #[arg(long, hide = true, default_value_t = 1)]
    pub repeat: u64,
}

/// Arguments of `register issue`.
#[derive(Debug, clap::Args)]
pub struct IssueArgs {
    /// The draft (`vanthu/draft@1` JSON).
    pub draft: PathBuf,
    /// Register code (needed when the database keeps several).
    #[arg(long)]
    pub register: Option<String>,
    /// Bind the draft to this reserved entry (id) instead of taking the next number.
    #[arg(long)]
    pub reserved: Option<i64>,
    /// Rule set to follow (default: the one in force on the draft's date).
    #[arg(long)]
    pub rules: Option<String>,
    /// Also write the rendered DOCX here.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `register cancel`.
#[derive(Debug, clap::Args)]
pub struct CancelArgs {
    /// Entry id or symbol.
    pub entry: String,
    /// Why (required for an issued entry).
    #[arg(long)]
    pub reason: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `register correct`.
#[derive(Debug, clap::Args)]
pub struct CorrectArgs {
    /// Entry id or symbol.
    pub entry: String,
    /// Trích yếu.
    #[arg(long)]
    pub subject: Option<String>,
    /// Người ký.
    #[arg(long)]
    pub signer: Option<String>,
    /// Nơi nhận.
    #[arg(long)]
    pub recipients: Option<String>,
    /// Đơn vị, người nhận bản lưu.
    #[arg(long)]
    pub archive: Option<String>,
    /// Số lượng bản.
    #[arg(long)]
    pub copies: Option<u32>,
    /// Ngày chuyển.
    #[arg(long, value_parser = date_arg)]
    pub sent_date: Option<NaiveDate>,
    /// The entry's date, when it was wrong (same period, in the order of the numbers).
    #[arg(long, value_parser = date_arg)]
    pub date: Option<NaiveDate>,
    /// Ký nhận.
    #[arg(long)]
    pub receipt: Option<String>,
    /// Ghi chú.
    #[arg(long)]
    pub note: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `register attach`.
#[derive(Debug, clap::Args)]
pub struct AttachArgs {
    /// Entry id or symbol.
    pub entry: String,
    /// Files to attach.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Arguments of `register show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Entry id or symbol.
    pub entry: String,
    /// Write the stored DOCX here.
    #[arg(long)]
    pub docx: Option<PathBuf>,
    /// Write the stored draft JSON here.
    #[arg(long)]
    pub draft: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Filters shared by `list` and `search`.
#[derive(Debug, clap::Args)]
pub struct Filters {
    /// Register code.
    #[arg(long)]
    pub register: Option<String>,
    /// Year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Type slug.
    #[arg(long)]
    pub kind: Option<String>,
    /// Signer's name (accents ignored).
    #[arg(long)]
    pub signer: Option<String>,
    /// From date.
    #[arg(long, value_parser = date_arg)]
    pub from: Option<NaiveDate>,
    /// To date.
    #[arg(long, value_parser = date_arg)]
    pub to: Option<NaiveDate>,
    /// reserved, issued or cancelled.
    #[arg(long, value_parser = ["reserved", "issued", "cancelled"])]
    pub status: Option<String>,
    /// newest, oldest, date-desc, date-asc.
    #[arg(long, default_value = "newest", value_parser = ["newest", "oldest", "date-desc", "date-asc"])]
    pub sort: String,
    /// Page size.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Entries to skip.
    #[arg(long)]
    pub offset: Option<u64>,
    /// Cursor of the next page (printed by the previous page).
    #[arg(long)]
    pub after: Option<String>,
    /// Also count all matches.
    #[arg(long)]
    pub total: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `register list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Filters.
    #[command(flatten)]
    pub filters: Filters,
}

/// Arguments of `register search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words to find (accents and đ ignored).
    pub query: String,
    /// Treat the last word as a prefix.
    #[arg(long)]
    pub prefix: bool,
    /// Filters.
    #[command(flatten)]
    pub filters: Filters,
}

/// Arguments of `register export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// xlsx, csv or docx (the printable register).
    #[arg(long, value_parser = ["xlsx", "csv", "docx"])]
    pub format: String,
    /// Output file.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Register code.
    #[arg(long)]
    pub register: Option<String>,
    /// Year.
    #[arg(long)]
    pub year: Option<i32>,
    /// From date.
    #[arg(long, value_parser = date_arg)]
    pub from: Option<NaiveDate>,
    /// To date.
    #[arg(long, value_parser = date_arg)]
    pub to: Option<NaiveDate>,
}

fn fail(e: &RegisterError) -> i32 {
    match e {
        RegisterError::Draft(inner) => {
            eprintln!("error: {inner}");
        }
        e => eprintln!("error: {e}"),
    }
    EXIT_FAIL
}

/// Prints a line on stdout, ignoring a closed pipe (`vanthu register list | head`).
macro_rules! outln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

fn print_json<T: Serialize>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => outln!("{s}"),
        Err(e) => eprintln!("error: json: {e}"),
    }
}

/// A stored text made safe for the terminal (an ESC sequence in a note is shown, not run).
fn safe(s: &str) -> std::borrow::Cow<'_, str> {
    crate::chars::terminal_safe(s)
}

/// A stored text as one cell of a tab-separated row: its line breaks and tabs become spaces
/// (a subject pasted from Word may hold a line break), then made safe for the terminal.
fn cell(s: &str) -> String {
    safe(s).replace(['\t', '\n', '\r'], " ")
}

fn print_entry(e: &Entry, json: bool) {
    if json {
        print_json(e);
    } else {
        outln!(
            "{}\t{}\t{}\t{}\t{}",
            e.id,
            e.symbol,
            e.date,
            e.status.as_str(),
            cell(&e.subject)
        );
    }
}

/// Opens the database for a subcommand: the reading ones (list, search, show, export, check,
/// registers, backup) never create it.
fn open_for(db: Option<&Path>, sub: &Sub) -> Result<Register, RegisterError> {
    let reading = matches!(
        sub,
        Sub::List(_)
            | Sub::Search(_)
            | Sub::Show(_)
            | Sub::Export(_)
            | Sub::Check(_)
            | Sub::Registers(_)
            | Sub::Backup(_)
            | Sub::Migrate(_)
    );
    if reading {
        Register::open_existing(&register::resolve_path(db)?)
    } else {
        open(db)
    }
}

fn open(db: Option<&Path>) -> Result<Register, RegisterError> {
    let path = register::resolve_path(db)?;
    Register::open(&path)
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    let db = a.db.as_deref();
    match a.command {
        Sub::Init(x) => init(db, x),
        Sub::Issue(x) => issue(db, x),
        Sub::Reserve(x) if x.draft.is_some() => reserve_draft(db, x),
        Sub::Restore(x) => restore(db, x),
        other => match open_for(db, &other) {
            Ok(mut reg) => match run_with(&mut reg, other) {
                Ok(code) => code,
                Err(e) => fail(&e),
            },
            Err(e) => fail(&e),
        },
    }
}

fn init(db: Option<&Path>, a: InitArgs) -> i32 {
    let profile = match &a.profile {
        None => None,
        Some(p) => match Profile::load(p) {
            Ok(pr) => Some(pr),
            Err(e) => {
                report(p, &e);
                return EXIT_FAIL;
            }
        },
    };
    let regime = a.regime.or(profile.as_ref().map(|p| p.regime));
    let Some(regime) = regime else {
        eprintln!("error: --regime: required (state or party), or give --profile");
        return EXIT_USAGE;
    };
    let new = NewRegister {
        code: a.code,
        name: a.name,
        regime: Some(regime),
        rules_id: a.rules,
        period: a.period.as_deref().and_then(Period::parse),
        per_kind: if a.per_kind {
            Some(true)
        } else if a.common {
            Some(false)
        } else {
            None
        },
        secret: a.secret,
        parent: a.parent.or(profile.as_ref().and_then(|p| p.parent.clone())),
        issuer_name: a
            .issuer_name
            .or(profile.as_ref().map(|p| p.name.clone()))
            .unwrap_or_default(),
        issuer_code: a
            .issuer_code
            .or(profile.as_ref().map(|p| p.code.clone()))
            .unwrap_or_default(),
        volume: a.volume,
    };
    let result = open(db).and_then(|mut reg| {
        let info = reg.create_register(&new)?;
        let roles = reg.ensure_roles()?;
        Ok((reg.path().to_path_buf(), info, roles))
    });
    match result {
        Ok((path, info, roles)) => {
            match roles {
                Some(true) => eprintln!(
                    "roles on the server: {clerk} (issue, cancel, correct: the văn thư) and {drafter} \
                     (read, reserve a số dự kiến); give them to logins with GRANT {clerk} TO <login>",
                    clerk = register::db::postgres::CLERK_ROLE,
                    drafter = register::db::postgres::DRAFTER_ROLE
                ),
                Some(false) => eprintln!(
                    "note: this role may not create roles; run `vanthu register init` once as a superuser \
                     to create {} and {}",
                    register::db::postgres::CLERK_ROLE,
                    register::db::postgres::DRAFTER_ROLE
                ),
                None => {}
            }
            if a.json {
                print_json(&info);
            } else {
                eprintln!(
                    "created register \"{}\" ({}, numbers per {}{}) in {}",
                    info.code,
                    info.regime.as_str(),
                    info.period.as_str(),
                    if info.per_kind { " and type" } else { "" },
                    path.display()
                );
            }
            EXIT_OK
        }
        Err(e) => fail(&e),
    }
}

/// Reads a draft file with the core's reader; a problem is reported naming the file.
fn read_draft(path: &Path) -> Option<draft::DraftFile> {
    match draft::read(path) {
        Ok(f) => Some(f),
        Err(e) => {
            report(path, &e);
            None
        }
    }
}

/// Reports a failure of numbering a draft: its field errors name the file.
fn fail_draft(path: &Path, e: RegisterError) -> i32 {
    match e {
        RegisterError::Draft(e) => {
            report(path, &e);
            EXIT_FAIL
        }
        e => fail(&e),
    }
}

/// The draft file and the register database, or the exit code of what failed (reported).
fn draft_and_register(db: Option<&Path>, path: &Path) -> Result<(draft::DraftFile, Register), i32> {
    let file = read_draft(path).ok_or(EXIT_FAIL)?;
    let reg = open(db).map_err(|e| fail(&e))?;
    Ok((file, reg))
}

fn issue(db: Option<&Path>, a: IssueArgs) -> i32 {
    let (file, mut reg) = match draft_and_register(db, &a.draft) {
        Ok(v) => v,
        Err(code) => return code,
    };
    // The output is checked before a number is taken.
    if let Some(out) = &a.output {
        let checked = write::check_extension("--output", out, &["docx"])
            .and_then(|()| {
                write::guard_output("--output", out, &[("the draft", a.draft.as_path())])
            })
            .map_err(RegisterError::from)
            .and_then(|()| reg.guard_output("--output", out));
        if let Err(e) = checked {
            return fail(&e);
        }
    }
    let req = NumberRequest {
        register: a.register.clone(),
        reserved: a.reserved,
        rules: a.rules.clone(),
        create: false,
    };
    let entry = match reg.issue_draft(&file, &req) {
        Ok(n) => n.entry,
        Err(e) => return fail_draft(&a.draft, e),
    };
    if let Some(out) = &a.output {
        let written = reg
            .docx(entry.id)
            .map_err(|e| e.to_string())
            .and_then(|b| b.ok_or_else(|| "no DOCX stored".to_string()))
            .and_then(|b| write::atomic(out, &b).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!(
                "error: {}: {e} (number {} was issued; get the DOCX with `vanthu register show {} --docx FILE`)",
                out.display(),
                entry.symbol,
                entry.id
            );
            print_entry(&entry, a.json);
            return EXIT_FAIL;
        }
    }
    print_entry(&entry, a.json);
    EXIT_OK
}

fn restore(db: Option<&Path>, a: RestoreArgs) -> i32 {
    let report = register::resolve_path(db)
        .and_then(|path| register::restore_path(&path, &a.file, a.force).map(|r| (path, r)));
    let (path, r) = match report {
        Ok(v) => v,
        Err(e) => return fail(&e),
    };
    if a.json {
        print_json(&r);
        return EXIT_OK;
    }
    eprintln!(
        "restored {} from {} (the previous database is saved as {})",
        path.display(),
        a.file.display(),
        r.safety.display()
    );
    if r.damaged {
        eprintln!(
            "the previous database was damaged: its entries could not be compared with the backup"
        );
    }
    if !r.lost.is_empty() {
        eprintln!(
            "{} entries of the previous database are not in the backup; register them again:",
            r.lost.len()
        );
        for e in &r.lost {
            outln!(
                "lost\t{}\t{}\t{}\t{}\t{}",
                e.register,
                e.symbol,
                e.date,
                e.status,
                cell(&e.subject)
            );
        }
    }
    for n in &r.continues {
        let kind = if n.kind.is_empty() {
            "all types"
        } else {
            &n.kind
        };
        eprintln!(
            "register {}, {} ({kind}): next number {}",
            n.register, n.period, n.next
        );
    }
    EXIT_OK
}

fn reserve_draft(db: Option<&Path>, a: ReserveArgs) -> i32 {
    let Some(path) = a.draft.as_deref() else {
        return EXIT_USAGE;
    };
    let (file, mut reg) = match draft_and_register(db, path) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let req = NumberRequest {
        register: a.register.clone(),
        ..Default::default()
    };
    match reg.reserve_draft(&file, &req) {
        Ok(n) => {
            if a.json {
                print_entry(&n.entry, true);
            } else {
                eprintln!("reserved {} (entry {})", n.entry.symbol, n.entry.id);
                print!("{}", n.draft.to_json());
            }
            EXIT_OK
        }
        Err(e) => fail_draft(path, e),
    }
}

fn entry_id(reg: &Register, sel: &str) -> Result<i64, RegisterError> {
    Ok(reg.find(sel)?.id)
}

fn query_of(f: Filters, text: Option<String>, prefix: bool) -> (Query, bool) {
    let q = Query {
        text,
        prefix,
        register: f.register,
        year: f.year,
        kind: f.kind,
        signer: f.signer,
        from: f.from,
        to: f.to,
        status: f.status.as_deref().and_then(EntryStatus::parse),
        sort: Sort::parse(&f.sort).unwrap_or_default(),
        limit: Some(f.limit),
        offset: f.offset,
        after: f.after,
        with_total: f.total,
        symbol_key: None,
    };
    (q, f.json)
}

fn run_query(reg: &Register, q: &Query, json: bool) -> Result<i32, RegisterError> {
    let page = reg.search(q)?;
    if json {
        print_json(&page);
    } else {
        for e in &page.items {
            outln!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                e.id,
                e.symbol,
                e.date,
                e.status.as_str(),
                cell(&e.signer),
                cell(&e.subject)
            );
        }
        if let Some(t) = page.total {
            eprintln!("{t} entries");
        }
        if let Some(n) = &page.next {
            eprintln!("more: --after {n}");
        }
    }
    Ok(EXIT_OK)
}

fn run_with(reg: &mut Register, sub: Sub) -> Result<i32, RegisterError> {
    match sub {
        Sub::Init(_) | Sub::Issue(_) | Sub::Restore(_) => Ok(EXIT_USAGE),
        Sub::Reserve(a) if a.draft.is_some() => Ok(EXIT_USAGE),
        Sub::Term(a) => {
            let t = reg.add_term(a.register.as_deref(), &a.label, a.from, a.to)?;
            if a.json {
                print_json(&t);
            } else {
                eprintln!(
                    "added term {} ({} – {}) to register \"{}\"",
                    t.label, t.start, t.end, t.register
                );
            }
            Ok(EXIT_OK)
        }
        Sub::Registers(a) => {
            let all = reg.registers()?;
            if a.json {
                print_json(&all);
            } else {
                for r in all {
                    outln!(
                        "{}\t{}\t{}\tper {}{}{}\t{}",
                        r.code,
                        r.regime.as_str(),
                        r.issuer_code,
                        r.period.as_str(),
                        if r.per_kind { " and type" } else { "" },
                        if r.secret { ", mật" } else { "" },
                        r.name
                    );
                }
            }
            Ok(EXIT_OK)
        }
        Sub::Reserve(a) => {
            let res = Reservation {
                kind: a.kind.unwrap_or_default(),
                unit_code: a.unit,
                date: a.date,
                subject: a.subject,
                note: a.note,
            };
            let stdout = std::io::stdout();
            for _ in 0..a.repeat.max(1) {
                let e = reg.reserve(a.register.as_deref(), &res)?;
                if a.repeat > 1 {
                    // One line per committed number, flushed at once (the crash test reads them).
                    let mut out = stdout.lock();
                    let _ = writeln!(out, "{}\t{}\t{}", e.id, e.number, e.symbol);
                    let _ = out.flush();
                } else {
                    print_entry(&e, a.json);
                }
            }
            Ok(EXIT_OK)
        }
        Sub::Cancel(a) => {
            let id = entry_id(reg, &a.entry)?;
            let e = reg.cancel(id, a.reason.as_deref())?;
            print_entry(&e, a.json);
            Ok(EXIT_OK)
        }
        Sub::Correct(a) => {
            let id = entry_id(reg, &a.entry)?;
            let c = Correction {
                subject: a.subject,
                signer: a.signer,
                recipients: a.recipients,
                archive: a.archive,
                copies: a.copies,
                sent_date: a.sent_date,
                receipt: a.receipt,
                note: a.note,
                date: a.date,
            };
            let e = reg.correct(id, &c)?;
            print_entry(&e, a.json);
            Ok(EXIT_OK)
        }
        Sub::Attach(a) => {
            let id = entry_id(reg, &a.entry)?;
            for f in &a.files {
                if !f.is_file() {
                    return Err(RegisterError::invalid(
                        f.display().to_string(),
                        "no such file",
                    ));
                }
            }
            for f in &a.files {
                let info = reg.attach_path(id, f)?;
                eprintln!("attached {} ({} bytes) to entry {id}", info.name, info.size);
            }
            Ok(EXIT_OK)
        }
        Sub::Show(a) => {
            if let Some(out) = &a.docx {
                write::check_extension("--docx", out, &["docx"])?;
                reg.guard_output("--docx", out)?;
            }
            if let Some(out) = &a.draft {
                write::check_extension("--draft", out, &["json", "vanthu"])?;
                reg.guard_output("--draft", out)?;
            }
            let id = entry_id(reg, &a.entry)?;
            let d = reg.detail(id)?;
            if let Some(out) = &a.docx {
                let bytes = reg.docx(id)?.ok_or_else(|| {
                    RegisterError::invalid("--docx", format!("entry {id} has no stored DOCX"))
                })?;
                write::atomic(out, &bytes)
                    .map_err(|e| RegisterError::invalid("--docx", e.to_string()))?;
            }
            if let Some(out) = &a.draft {
                let text = reg.draft_json(id)?.ok_or_else(|| {
                    RegisterError::invalid("--draft", format!("entry {id} has no stored draft"))
                })?;
                write::atomic(out, text.as_bytes())
                    .map_err(|e| RegisterError::invalid("--draft", e.to_string()))?;
            }
            if a.json {
                print_json(&d);
            } else {
                let e = &d.entry;
                outln!("Số, ký hiệu: {}", e.symbol);
                outln!("Ngày: {}", crate::dates::numeric(e.date));
                outln!("Loại: {}", e.kind_name);
                outln!("Trích yếu: {}", safe(&e.subject));
                outln!("Người ký: {}", safe(&e.signer));
                outln!("Nơi nhận: {}", safe(&e.recipients));
                outln!("Bản lưu: {}", safe(&e.archive));
                if let Some(c) = e.copies {
                    outln!("Số lượng bản: {c}");
                }
                if let Some(s) = e.sent_date {
                    outln!("Ngày chuyển: {}", crate::dates::numeric(s));
                }
                outln!("Trạng thái: {}", e.status.label_vi());
                if !e.note.is_empty() {
                    outln!("Ghi chú: {}", safe(&e.note));
                }
                if !e.receipt.is_empty() {
                    outln!("Ký nhận: {}", safe(&e.receipt));
                }
                if let Some(r) = &e.cancel_reason {
                    outln!("Lý do hủy: {}", safe(r));
                }
                for f in &d.files {
                    outln!("Tệp đính kèm: {} ({} bytes)", safe(&f.name), f.size);
                }
                for r in &d.audit {
                    outln!("{}\t{}\t{}\t{}", r.at, cell(&r.actor), r.action, r.detail);
                }
            }
            Ok(EXIT_OK)
        }
        Sub::List(a) => {
            let (q, json) = query_of(a.filters, None, false);
            run_query(reg, &q, json)
        }
        Sub::Search(a) => {
            let (q, json) = query_of(a.filters, Some(a.query), a.prefix);
            run_query(reg, &q, json)
        }
        Sub::Export(a) => {
            let format = ExportFormat::parse(&a.format).unwrap_or(ExportFormat::Xlsx);
            let spec = ExportSpec {
                register: a.register,
                from: a.from,
                to: a.to,
                year: a.year,
            };
            let n = reg.export(&spec, format, &a.output)?;
            eprintln!("wrote {} entries to {}", n, a.output.display());
            Ok(EXIT_OK)
        }
        Sub::Backup(a) => {
            reg.guard_output("backup", &a.file)?;
            reg.backup(&a.file)?;
            eprintln!("backed up {} to {}", reg.path().display(), a.file.display());
            Ok(EXIT_OK)
        }
        Sub::Config(a) => {
            if let Some(v) = &a.allow_future_dates {
                reg.set_allow_future_dates(a.register.as_deref(), v == "on")?;
            }
            let on = reg.allows_future_dates(a.register.as_deref())?;
            outln!("allow-future-dates: {}", if on { "on" } else { "off" });
            Ok(EXIT_OK)
        }
        Sub::Migrate(a) => {
            let report = reg.migrate_to(&a.to)?;
            if a.json {
                print_json(&report);
            } else {
                for (table, rows, sum) in &report.tables {
                    outln!("{table}\t{rows}\t{}", &sum[..16]);
                }
                eprintln!(
                    "copied {} to {}: counts and checksums verified",
                    reg.path().display(),
                    report.target
                );
            }
            Ok(EXIT_OK)
        }
        Sub::Check(a) => {
            let r = reg.check()?;
            if a.json {
                print_json(&r);
            } else {
                outln!("integrity: {}", r.integrity.join("; "));
                outln!(
                    "search index: {}",
                    if reg.is_server() {
                        "kept by the server"
                    } else if !r.search_index_checked {
                        "not checked (the database is read-only)"
                    } else if r.search_index {
                        "ok"
                    } else {
                        "damaged (rebuild it by restoring a backup)"
                    }
                );
                for fk in &r.foreign_keys {
                    outln!("foreign key: {fk}");
                }
                for s in &r.sequences {
                    outln!("sequence: {s}");
                }
                outln!(
                    "{} registers, {} entries, schema {}",
                    r.registers,
                    r.entries,
                    r.schema
                );
                outln!("{}", if r.ok { "ok" } else { "PROBLEMS FOUND" });
            }
            Ok(if r.ok { EXIT_OK } else { EXIT_FAIL })
        }
    }
}
