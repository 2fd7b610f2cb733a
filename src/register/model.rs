//! The register's data types: what the API takes and returns (all serde-serialisable).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::regime::Regime;
use crate::rules::Period;

/// A register (sổ đăng ký văn bản đi) with its numbering scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterInfo {
    /// Row id.
    pub id: i64,
    /// Short code used on the command line (`main`, `mat`, `dang`).
    pub code: String,
    /// Its name (`Sổ đăng ký văn bản đi`).
    pub name: String,
    /// The regime of the documents it numbers.
    pub regime: Regime,
    /// The rule set in force when it was created, which gave its numbering scheme; each entry
    /// follows the rule set of its own date (see [`Entry::rules_id`]).
    pub rules_id: String,
    /// When numbers restart.
    pub period: Period,
    /// One sequence per document type (true) or one common sequence (false).
    pub per_kind: bool,
    /// A register of văn bản mật (its own sequence; only secret drafts go in).
    pub secret: bool,
    /// Cơ quan chủ quản, printed on the cover.
    pub parent: Option<String>,
    /// The issuing body.
    pub issuer_name: String,
    /// Its abbreviation, which every draft issued here must carry.
    pub issuer_code: String,
    /// Quyển số, printed on the cover.
    pub volume: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: String,
}

/// What `create_register` needs; unset scheme fields take the `[numbering]` of the rule set
/// in force (state: per year, one common sequence; Party: per term, one sequence per type).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewRegister {
    /// Short code (letters, digits, `-`, `_`).
    pub code: String,
    /// Name; `Sổ đăng ký văn bản đi` when empty.
    pub name: String,
    /// Regime.
    pub regime: Option<Regime>,
    /// Rule set id; the one of the regime in force today when unset.
    pub rules_id: Option<String>,
    /// Numbering period.
    pub period: Option<Period>,
    /// One sequence per type.
    pub per_kind: Option<bool>,
    /// A register of văn bản mật.
    pub secret: bool,
    /// Cơ quan chủ quản.
    pub parent: Option<String>,
    /// Issuing body.
    pub issuer_name: String,
    /// Its abbreviation.
    pub issuer_code: String,
    /// Quyển số.
    pub volume: Option<String>,
}

/// A committee term (nhiệm kỳ) of a Party register: its numbers run from 01 for the term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// Row id.
    pub id: i64,
    /// Register code.
    pub register: String,
    /// Label, e.g. `2020-2025`.
    pub label: String,
    /// First day (the day after the congress closes).
    pub start: NaiveDate,
    /// Last day (the closing day of the next congress).
    pub end: NaiveDate,
}

/// The life of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    /// Số dự kiến: taken, not yet bound to a signed document.
    Reserved,
    /// Issued: number and date given to a document.
    Issued,
    /// Cancelled: the number stays taken and is never reused.
    Cancelled,
}

impl EntryStatus {
    /// The slug stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Reserved => "reserved",
            EntryStatus::Issued => "issued",
            EntryStatus::Cancelled => "cancelled",
        }
    }

    /// Parses the slug.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "reserved" => Some(EntryStatus::Reserved),
            "issued" => Some(EntryStatus::Issued),
            "cancelled" => Some(EntryStatus::Cancelled),
            _ => None,
        }
    }

    /// The Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            EntryStatus::Reserved => "Số dự kiến",
            EntryStatus::Issued => "Đã phát hành",
            EntryStatus::Cancelled => "Đã hủy",
        }
    }
}

/// One line of the register, with every column of Phụ lục IV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Row id.
    pub id: i64,
    /// Register code.
    pub register: String,
    /// The number.
    pub number: u32,
    /// Số, ký hiệu (`05/SVHTTDL-QLVHGĐ`, `175-KH/TU`).
    pub symbol: String,
    /// Ngày tháng văn bản (for a reservation: the day it was reserved).
    pub date: NaiveDate,
    /// Document type slug.
    pub kind: String,
    /// Tên loại (`Công văn`, `Kế hoạch`).
    pub kind_name: String,
    /// The drafting unit's code in the symbol.
    pub unit_code: Option<String>,
    /// Trích yếu.
    pub subject: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận văn bản.
    pub recipients: String,
    /// Đơn vị, người nhận bản lưu.
    pub archive: String,
    /// Số lượng bản.
    pub copies: Option<u32>,
    /// Ngày chuyển.
    pub sent_date: Option<NaiveDate>,
    /// Ký nhận.
    pub receipt: String,
    /// Ghi chú.
    pub note: String,
    /// Status.
    pub status: EntryStatus,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// Whether the draft JSON is stored.
    pub has_draft: bool,
    /// Whether the rendered DOCX is stored.
    pub has_docx: bool,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
    /// The rule set its symbol and DOCX follow (`nd30-2020`, `hd36-2018`).
    pub rules_id: String,
}

/// A line of a search result or listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntrySummary {
    /// Row id.
    pub id: i64,
    /// Register code.
    pub register: String,
    /// The number.
    pub number: u32,
    /// Số, ký hiệu.
    pub symbol: String,
    /// Ngày tháng văn bản.
    pub date: NaiveDate,
    /// Type slug.
    pub kind: String,
    /// Tên loại (`Công văn`).
    pub kind_name: String,
    /// Trích yếu.
    pub subject: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận.
    pub recipients: String,
    /// Status.
    pub status: EntryStatus,
}

impl From<&Entry> for EntrySummary {
    fn from(e: &Entry) -> Self {
        EntrySummary {
            id: e.id,
            register: e.register.clone(),
            number: e.number,
            symbol: e.symbol.clone(),
            date: e.date,
            kind: e.kind.clone(),
            kind_name: e.kind_name.clone(),
            subject: e.subject.clone(),
            signer: e.signer.clone(),
            recipients: e.recipients.clone(),
            status: e.status,
        }
    }
}

/// What `reserve` needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reservation {
    /// Document type slug.
    pub kind: String,
    /// Drafting unit's code (state công văn symbols).
    pub unit_code: Option<String>,
    /// The day (today when unset).
    pub date: Option<NaiveDate>,
    /// Trích yếu known so far.
    pub subject: Option<String>,
    /// Ghi chú.
    pub note: Option<String>,
}

/// Options of `issue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IssueOptions {
    /// Bind the draft to this reserved entry instead of taking the next number.
    pub reserved: Option<i64>,
    /// The rule set to follow instead of the one in force on the document's date.
    pub rules: Option<String>,
}

/// A correction: every field set replaces the entry's value (and is audited).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// Trích yếu.
    pub subject: Option<String>,
    /// Người ký.
    pub signer: Option<String>,
    /// Nơi nhận.
    pub recipients: Option<String>,
    /// Đơn vị, người nhận bản lưu.
    pub archive: Option<String>,
    /// Số lượng bản.
    pub copies: Option<u32>,
    /// Ngày chuyển.
    pub sent_date: Option<NaiveDate>,
    /// Ký nhận.
    pub receipt: Option<String>,
    /// Ghi chú.
    pub note: Option<String>,
    /// The date of the entry, when it was wrong (same period, between the dates of the
    /// numbers before and after it).
    pub date: Option<NaiveDate>,
}

/// A file attached to an entry (the signed scan, the PDF).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileInfo {
    /// Row id.
    pub id: i64,
    /// The entry.
    pub entry_id: i64,
    /// File name.
    pub name: String,
    /// Media type guessed from the extension.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// When it was attached.
    pub added_at: String,
}

/// One change in the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Row id.
    pub id: i64,
    /// The entry.
    pub entry_id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who (the user name of the process).
    pub actor: String,
    /// `reserve`, `issue`, `cancel`, `correct`, `attach`.
    pub action: String,
    /// What changed (old and new values).
    pub detail: serde_json::Value,
    /// The database role that made the change (on a PostgreSQL server; `None` in a file).
    #[serde(default)]
    pub db_role: Option<String>,
}

/// An entry with its files and its audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryDetail {
    /// The entry.
    #[serde(flatten)]
    pub entry: Entry,
    /// Attached files.
    pub files: Vec<FileInfo>,
    /// Every change, oldest first.
    pub audit: Vec<AuditRecord>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// Cursor of the next page (pass as `Query::after`), none on the last page.
    pub next: Option<String>,
    /// Number of matches, when asked for (`Query::with_total`).
    pub total: Option<u64>,
}
