//! The shape of a rule set file.

use crate::error::{Error, Result};
use crate::regime::{Authority, Regime};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Whether a form uses a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FieldUse {
    /// Must be present.
    Required,
    /// May be present.
    #[default]
    Optional,
    /// Not part of this form.
    None,
}

/// The layout family of a document type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Form {
    /// Công văn: no type name; the subject sits under the number; Kính gửi above the body.
    Letter,
    /// A type name and the subject centred under the header.
    Titled,
    /// Titled, plus the authority line, the căn cứ, the proposal and the enacting word.
    Decision,
}

/// How the issuing body's name is closed off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssuerMark {
    /// A short solid line (state).
    Rule,
    /// A star `*` (Party).
    Star,
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
    /// Justified.
    Both,
}

/// The elements of a document, each with its own named paragraph style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Element {
    Parent,
    Issuer,
    IssuerMark,
    National,
    Motto,
    Symbol,
    PlaceDate,
    LetterSubject,
    TypeName,
    Subject,
    Mark,
    Circulation,
    Greeting,
    AuthorityLine,
    Basis,
    Enacting,
    Body,
    Heading1,
    Heading2,
    Heading3,
    Part,
    Attachment,
    SignAuthority,
    SignTitle,
    SignName,
    CcHeading,
    CcLine,
    PageNumber,
}

impl Element {
    /// The style id in the DOCX (ASCII, stable).
    pub fn style_id(self) -> &'static str {
        match self {
            Element::Parent => "VtCoQuanChuQuan",
            Element::Issuer => "VtCoQuanBanHanh",
            Element::IssuerMark => "VtDauPhanCach",
            Element::National => "VtQuocHieu",
            Element::Motto => "VtTieuNgu",
            Element::Symbol => "VtSoKyHieu",
            Element::PlaceDate => "VtDiaDanhNgay",
            Element::LetterSubject => "VtTrichYeuCongVan",
            Element::TypeName => "VtTenLoai",
            Element::Subject => "VtTrichYeu",
            Element::Mark => "VtDoMatKhan",
            Element::Circulation => "VtPhamViLuuHanh",
            Element::Greeting => "VtKinhGui",
            Element::AuthorityLine => "VtThamQuyen",
            Element::Basis => "VtCanCu",
            Element::Enacting => "VtQuyetNghi",
            Element::Body => "VtNoiDung",
            Element::Heading1 => "VtDeMuc1",
            Element::Heading2 => "VtDeMuc2",
            Element::Heading3 => "VtDeMuc3",
            Element::Part => "VtPhanChuong",
            Element::Attachment => "VtKemTheo",
            Element::SignAuthority => "VtQuyenHan",
            Element::SignTitle => "VtChucVu",
            Element::SignName => "VtHoTen",
            Element::CcHeading => "VtNoiNhan",
            Element::CcLine => "VtNoiNhanDong",
            Element::PageNumber => "VtSoTrang",
        }
    }
}

/// The typography of one element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleRule {
    /// The style's name as a clerk sees it in Word or LibreOffice.
    pub name: String,
    /// Size in points (half points allowed).
    pub size: f32,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
    /// Single underline.
    #[serde(default)]
    pub underline: bool,
    /// Printed in capitals (the text is upper-cased).
    #[serde(default)]
    pub caps: bool,
    /// Alignment.
    pub align: Align,
    /// Space before, in points.
    #[serde(default)]
    pub before: f32,
    /// Space after, in points.
    #[serde(default)]
    pub after: f32,
    /// Line spacing as a multiple of single (1.0 = single).
    #[serde(default = "one")]
    pub line: f32,
    /// First-line indent, in millimetres.
    #[serde(default)]
    pub first_line_mm: f32,
    /// Keep with the next paragraph.
    #[serde(default)]
    pub keep_next: bool,
}

fn one() -> f32 {
    1.0
}

/// Page set-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageRules {
    /// Paper width, mm.
    pub width_mm: f32,
    /// Paper height, mm.
    pub height_mm: f32,
    /// Margins, mm.
    pub margin_top_mm: f32,
    /// Bottom margin, mm.
    pub margin_bottom_mm: f32,
    /// Left margin, mm.
    pub margin_left_mm: f32,
    /// Right margin, mm.
    pub margin_right_mm: f32,
    /// Distance of the header (page number) from the top edge, mm.
    pub header_mm: f32,
    /// First page that shows its number (2: none on page 1).
    pub number_from_page: u32,
}

/// The header block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderRules {
    /// The national title (Quốc hiệu) or the Party's title (tiêu đề).
    pub national: String,
    /// The motto (Tiêu ngữ), if the regime has one.
    #[serde(default)]
    pub motto: Option<String>,
    /// Share of the text width given to the left column (issuer, number).
    pub left_share: f32,
    /// How the issuer's name is closed off.
    pub issuer_mark: IssuerMark,
    /// Length of the issuer's line as a share of the issuer's longest text line.
    pub issuer_rule_share: f32,
    /// Length of the line under the subject as a share of its longest text line.
    pub subject_rule_share: f32,
    /// Whether a line is drawn under the subject of titled forms.
    pub subject_rule: bool,
    /// Texts whose presence marks a pasted letter as one of this regime (the national title
    /// and its other spellings); the national title alone when empty.
    #[serde(default)]
    pub recognised_by: Vec<String>,
}

/// Number and symbol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SymbolRules {
    /// Text before the number (`Số: ` or `Số `).
    pub prefix: String,
    /// Form with a type abbreviation: `{number}`, `{type}`, `{issuer}`, `{unit}` are replaced.
    pub form: String,
    /// Form for types without an abbreviation (state công văn).
    pub form_without_type: String,
    /// What a blank number prints as.
    pub blank: String,
    /// Digits the number is zero-padded to.
    pub pad: usize,
}

/// Signature block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerRules {
    /// Printed prefix per authority (`TM` → `TM.` or `T/M`); an authority absent here is refused.
    pub prefixes: BTreeMap<String, String>,
    /// Blank lines left for the signature and seal.
    pub blank_lines: u32,
}

impl SignerRules {
    /// The printed prefix of an authority in this rule set.
    pub fn prefix(&self, a: Authority) -> Option<&str> {
        self.prefixes.get(a.slug()).map(String::as_str)
    }
}

/// Nơi nhận.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CcRules {
    /// The heading (`Nơi nhận:`).
    pub heading: String,
    /// End of every line but the last.
    pub line_end: String,
    /// End of the last line.
    pub last_end: String,
    /// The archive line, `{archive}` replaced (`Lưu: {archive}` or `Lưu {archive}`).
    pub archive: String,
    /// Archive line when the draft gives none.
    pub archive_default: String,
    /// Other line ends tolerated when a document keeps one throughout (the first line decides).
    #[serde(default)]
    pub line_end_alternatives: Vec<String>,
    /// The clerk's office code in the archive line (`VT`).
    #[serde(default)]
    pub office: String,
    /// Whether the archive line names the office: `required` (state `Lưu: VT, …`) or `none`
    /// (Party `Lưu Văn phòng …`, never `VT`); `optional` checks nothing.
    #[serde(default)]
    pub office_in_archive: FieldUse,
    /// Whether the drafting unit of the symbol must be the archive line's unit.
    #[serde(default)]
    pub unit_in_archive: bool,
}

/// How numbers are given (the register's defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberingRules {
    /// When numbers restart.
    pub period: Period,
    /// One sequence per document type (true) or one common sequence.
    pub per_kind: bool,
    /// The rule in one Vietnamese sentence, for the app.
    pub note: String,
}

/// How a register's numbers restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Period {
    /// From 01 on 1 January to 31 December.
    Year,
    /// From 01 for the whole term of the committee.
    Term,
}

impl Period {
    /// The slug stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Term => "term",
        }
    }

    /// Parses the slug.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "year" => Some(Period::Year),
            "term" => Some(Period::Term),
            _ => None,
        }
    }
}

/// How a register's numbers run, in Vietnamese: `Theo năm, một dãy số chung`.
pub fn numbering_vi(period: Period, per_kind: bool) -> &'static str {
    match (period, per_kind) {
        (Period::Year, false) => "Theo năm, một dãy số chung",
        (Period::Year, true) => "Theo năm, mỗi loại văn bản một dãy số",
        (Period::Term, false) => "Theo nhiệm kỳ, một dãy số chung",
        (Period::Term, true) => "Theo nhiệm kỳ, mỗi loại văn bản một dãy số",
    }
}

/// What `vanthu new` and a new draft put in each field the form uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkeletonRules {
    /// A letter carries the first drafting unit's code (state công văn symbols).
    #[serde(default)]
    pub unit_code: bool,
    /// Subject of a letter; `{year}` is replaced.
    pub letter_subject: String,
    /// Subject of a titled document; `{year}` is replaced.
    pub titled_subject: String,
    /// Subject of a decision.
    pub decision_subject: String,
    /// Body of a letter or a titled document.
    pub body: String,
    /// Body of a decision.
    pub decision_body: String,
    /// Căn cứ lines of a decision.
    pub bases: Vec<String>,
    /// The proposal line of a decision.
    pub proposal: String,
    /// Nơi nhận of a decision.
    pub decision_cc: Vec<String>,
}

/// Labels of the form's fields that depend on the rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// The subject of a document without a subject prefix.
    pub subject: String,
    /// The subject of a document with one; `{prefix}` is replaced (`V/v`).
    pub prefixed_subject: String,
    /// The archive field; `{archive}` is replaced by the printed form (`Lưu:`).
    pub archive: String,
}

/// One document type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRule {
    /// Slug used in drafts.
    pub slug: String,
    /// Vietnamese name, as printed in title case (`Kế hoạch`).
    pub name: String,
    /// Abbreviation in the symbol; empty when the type has none.
    #[serde(default)]
    pub abbr: String,
    /// Layout family.
    pub form: Form,
    /// Whether the form has a trích yếu.
    #[serde(default = "required")]
    pub subject: FieldUse,
    /// Whether the form has a Kính gửi block.
    #[serde(default)]
    pub recipients: FieldUse,
    /// Text printed before a letter's subject (`V/v `).
    #[serde(default)]
    pub subject_prefix: String,
    /// The enacting word of a decision form (`QUYẾT ĐỊNH:`).
    #[serde(default)]
    pub enacting: String,
    /// Where the sample form comes from (for the reader of the data).
    #[serde(default)]
    pub source: String,
}

fn required() -> FieldUse {
    FieldUse::Required
}

/// A whole rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Version id, e.g. `nd30-2020`.
    pub id: String,
    /// The regime it serves.
    pub regime: Regime,
    /// Human title of the source.
    pub title: String,
    /// Its short name (`Nghị định 30/2020/NĐ-CP`), shown in the app and in messages.
    pub guide: String,
    /// The regime as the app names it (`Nhà nước`, `Đảng`).
    pub regime_label: String,
    /// The first day the rule set applies; a draft dated on or after it takes it (see
    /// [`crate::rules::in_force`]).
    pub in_force_from: NaiveDate,
    /// Page set-up.
    pub page: PageRules,
    /// Header block.
    pub header: HeaderRules,
    /// Number and symbol.
    pub symbol: SymbolRules,
    /// Signature block.
    pub signer: SignerRules,
    /// Nơi nhận.
    pub cc: CcRules,
    /// The register's numbering defaults.
    pub numbering: NumberingRules,
    /// What a skeleton draft holds.
    pub skeleton: SkeletonRules,
    /// Field labels of the form.
    pub labels: Labels,
    /// Typography per element.
    pub styles: BTreeMap<Element, StyleRule>,
    /// Document types.
    pub kinds: Vec<KindRule>,
}

impl RuleSet {
    /// Parses a rule set from TOML and checks that every element has a style.
    pub fn from_toml(text: &str) -> Result<Self> {
        let set: RuleSet = toml::from_str(text).map_err(|e| Error::Rules {
            id: "?".into(),
            message: e.to_string(),
        })?;
        for e in ALL_ELEMENTS {
            if !set.styles.contains_key(e) {
                return Err(Error::Rules {
                    id: set.id.clone(),
                    message: format!("no style for element {e:?}"),
                });
            }
        }
        Ok(set)
    }

    /// The type with this slug.
    pub fn kind(&self, slug: &str) -> Option<&KindRule> {
        self.kinds.iter().find(|k| k.slug == slug)
    }

    /// The style of an element (every element has one: checked on load).
    pub fn style(&self, e: Element) -> &StyleRule {
        &self.styles[&e]
    }

    /// The label of a kind's subject field (`Về việc (in sau «V/v»)`, `Trích yếu nội dung`).
    pub fn subject_label(&self, kind: &KindRule) -> String {
        let prefix = kind.subject_prefix.trim();
        if prefix.is_empty() {
            self.labels.subject.clone()
        } else {
            self.labels.prefixed_subject.replace("{prefix}", prefix)
        }
    }

    /// The texts that mark a pasted letter as one of this rule set's regime.
    pub fn recognised_by(&self) -> Vec<&str> {
        if self.header.recognised_by.is_empty() {
            vec![self.header.national.as_str()]
        } else {
            self.header
                .recognised_by
                .iter()
                .map(String::as_str)
                .collect()
        }
    }
}

/// Every element, in document order.
pub const ALL_ELEMENTS: &[Element] = &[
    Element::Parent,
    Element::Issuer,
    Element::IssuerMark,
    Element::National,
    Element::Motto,
    Element::Symbol,
    Element::PlaceDate,
    Element::LetterSubject,
    Element::TypeName,
    Element::Subject,
    Element::Mark,
    Element::Circulation,
    Element::Greeting,
    Element::AuthorityLine,
    Element::Basis,
    Element::Enacting,
    Element::Body,
    Element::Heading1,
    Element::Heading2,
    Element::Heading3,
    Element::Part,
    Element::Attachment,
    Element::SignAuthority,
    Element::SignTitle,
    Element::SignName,
    Element::CcHeading,
    Element::CcLine,
    Element::PageNumber,
];
