//! The text checker (kiểm tra văn bản): the small defects a reader sees at once — spacing,
//! spelling, consistency, citations and form — each reported with a rule id, a severity, a
//! Vietnamese message, exact character offsets into its field and, where certain, a fix.
//!
//! [`check_draft`] reads every printed field of a draft (the body markup aware);
//! [`check_text`] reads a plain text (a letter pasted from elsewhere). Both are pure and fast
//! enough to run on every keystroke; the Hunspell dictionary, when installed, is loaded once.

pub mod citations;
pub mod consistency;
pub mod dictionary;
mod fix_one;
pub mod form;
pub mod lexicon;
pub mod names;
pub mod spacing;
pub mod spelling;
pub mod syllable;
pub mod text;
pub mod word;

use serde::{Deserialize, Serialize};

use crate::draft::{Draft, Regime, Signer, Status};
use crate::rules::{self, RuleSet};
use text::{FieldKind, Source};

pub use fix_one::fix_one;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A defect to correct before signing (the CLI exits 1).
    Error,
    /// Very likely a defect.
    Warning,
    /// Worth a look.
    Info,
}

impl Severity {
    /// The lower-case name (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One defect found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, `family.name` (`spacing.so-glued`).
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// The draft field (`body`, `recipients[1]`); absent for a plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// 1-based line inside the field's text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Start, as a character offset into the field's text.
    pub start: usize,
    /// End (exclusive), as a character offset.
    pub end: usize,
    /// The exact flagged text (`field_text[start..end]`).
    pub excerpt: String,
    /// The replacement of the excerpt, when the fix is certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// What the rules know about the document besides its text.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The regime, when known (a draft) or recognised (a plain text's header).
    pub regime: Option<Regime>,
    /// The rule set the document follows, when its regime is known: the form rules read the
    /// signing forms, the Nơi nhận punctuation and the archive line from it.
    pub rules: Option<&'static RuleSet>,
    /// The document is marked final.
    pub is_final: bool,
    /// The drafting unit's code in the symbol (state công văn).
    pub unit_code: Option<String>,
    /// The issuer's code.
    pub issuer_code: Option<String>,
    /// The text is a whole letter pasted as plain text (the form rules read its lines).
    pub plain: bool,
}

/// The texts of one document and its context.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The texts, in print order.
    pub sources: Vec<Source>,
    /// The context.
    pub ctx: Context,
}

/// A finding before it is placed: offsets into the clean text of source `src`.
#[derive(Debug, Clone)]
pub struct Raw {
    /// Index of the source.
    pub src: usize,
    /// Rule id.
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Vietnamese message.
    pub message: String,
    /// Start in the clean text.
    pub start: usize,
    /// End in the clean text.
    pub end: usize,
    /// Replacement, if certain.
    pub fix: Option<String>,
}

impl Raw {
    /// A finding without a fix.
    pub fn new(
        src: usize,
        rule: &'static str,
        severity: Severity,
        start: usize,
        end: usize,
        message: impl Into<String>,
    ) -> Raw {
        Raw {
            src,
            rule,
            severity,
            message: message.into(),
            start,
            end,
            fix: None,
        }
    }

    /// Adds a certain fix.
    pub fn fix(mut self, f: impl Into<String>) -> Raw {
        self.fix = Some(f.into());
        self
    }
}

/// Every rule id with its family, severity and what it flags (for documentation and the app).
pub const RULES: &[(&str, Severity, &str)] = &[
    (
        "spacing.so-glued",
        Severity::Error,
        "«số» dính liền với con số",
    ),
    ("spacing.fused", Severity::Error, "hai âm tiết viết liền"),
    (
        "spacing.case-join",
        Severity::Error,
        "chữ thường liền chữ hoa trong một từ",
    ),
    (
        "spacing.multiple-spaces",
        Severity::Warning,
        "nhiều dấu cách liền nhau",
    ),
    (
        "spacing.nbsp",
        Severity::Warning,
        "dấu cách không ngắt hoặc ký tự vô hình",
    ),
    (
        "spacing.before-punct",
        Severity::Warning,
        "dấu cách trước dấu câu",
    ),
    (
        "spacing.after-punct",
        Severity::Warning,
        "thiếu dấu cách sau dấu câu",
    ),
    (
        "spelling.syllable",
        Severity::Error,
        "không phải âm tiết tiếng Việt",
    ),
    (
        "spelling.unknown",
        Severity::Warning,
        "âm tiết không có trong từ điển",
    ),
    ("spelling.pair", Severity::Error, "cặp từ hay viết sai"),
    (
        "word.misspelt",
        Severity::Warning,
        "không phải một từ, gần một từ thường dùng",
    ),
    (
        "consistency.tone-placement",
        Severity::Warning,
        "lẫn hai kiểu đặt dấu thanh",
    ),
    (
        "consistency.i-y",
        Severity::Warning,
        "lẫn «i» và «y» trong cùng một từ",
    ),
    (
        "consistency.loanword",
        Severity::Warning,
        "một từ vay mượn viết hai cách",
    ),
    (
        "consistency.citation-style",
        Severity::Warning,
        "lẫn «số X, ngày» và «số X ngày»",
    ),
    (
        "citations.no-symbol",
        Severity::Error,
        "văn bản được dẫn thiếu ký hiệu",
    ),
    (
        "citations.no-date",
        Severity::Warning,
        "lần dẫn đầu tiên thiếu ngày ban hành",
    ),
    (
        "citations.no-issuer",
        Severity::Info,
        "lần dẫn đầu tiên thiếu cơ quan ban hành",
    ),
    (
        "citations.symbol-regime",
        Severity::Warning,
        "ký hiệu lẫn hai thể thức",
    ),
    (
        "form.sign-prefix-space",
        Severity::Error,
        "thiếu dấu cách sau TM., KT., TL., TUQ., Q.",
    ),
    (
        "form.sign-prefix-regime",
        Severity::Error,
        "thẩm quyền ký theo thể thức khác",
    ),
    (
        "form.sign-prefix-typed",
        Severity::Warning,
        "thẩm quyền ký gõ vào chức danh",
    ),
    (
        "form.archive-unit",
        Severity::Warning,
        "đơn vị ở dòng Lưu khác ký hiệu",
    ),
    (
        "form.archive-form",
        Severity::Warning,
        "dòng Lưu sai thể thức",
    ),
    (
        "form.list-punct",
        Severity::Warning,
        "dấu câu cuối dòng Kính gửi/Nơi nhận",
    ),
    (
        "form.blank-in-final",
        Severity::Error,
        "văn bản chính thức còn chỗ trống",
    ),
    (
        "form.heading-numbering",
        Severity::Warning,
        "lẫn kiểu đánh số đề mục",
    ),
    (
        "form.capital-after-semicolon",
        Severity::Warning,
        "viết hoa sau dấu chấm phẩy",
    ),
    (
        "form.special-noun",
        Severity::Warning,
        "danh từ đặc biệt không viết hoa",
    ),
    (
        "form.abbrev-before-full",
        Severity::Warning,
        "dùng chữ viết tắt trước khi viết đầy đủ",
    ),
    ("form.repeated", Severity::Error, "cụm từ lặp liền nhau"),
];

fn signer_sources(out: &mut Vec<Source>, prefix: &str, s: &Signer) {
    if let Some(o) = &s.on_behalf_of {
        out.push(Source::plain(
            Some(format!("{prefix}.on_behalf_of")),
            FieldKind::Caps,
            o,
        ));
    }
    out.push(Source::plain(
        Some(format!("{prefix}.title")),
        FieldKind::Caps,
        &s.title,
    ));
    out.push(Source::plain(
        Some(format!("{prefix}.name")),
        FieldKind::Name,
        &s.name,
    ));
}

/// The printed texts of a draft, in print order.
pub fn draft_doc(d: &Draft) -> Doc {
    let mut s = Vec::new();
    let opt = |s: &mut Vec<Source>, name: &str, kind, v: &Option<String>| {
        if let Some(v) = v {
            s.push(Source::plain(Some(name.into()), kind, v));
        }
    };
    let list = |s: &mut Vec<Source>, name: &str, kind, v: &[String]| {
        for (i, t) in v.iter().enumerate() {
            s.push(Source::plain(Some(format!("{name}[{i}]")), kind, t));
        }
    };
    opt(&mut s, "issuer.parent", FieldKind::Caps, &d.issuer.parent);
    s.push(Source::plain(
        Some("issuer.name".into()),
        FieldKind::Caps,
        &d.issuer.name,
    ));
    s.push(Source::plain(
        Some("place".into()),
        FieldKind::Name,
        &d.place,
    ));
    opt(&mut s, "circulation", FieldKind::Caps, &d.circulation);
    opt(&mut s, "subject", FieldKind::Prose, &d.subject);
    list(&mut s, "recipients", FieldKind::List, &d.recipients);
    opt(&mut s, "authority_line", FieldKind::Caps, &d.authority_line);
    list(&mut s, "bases", FieldKind::Prose, &d.bases);
    opt(&mut s, "proposal", FieldKind::Prose, &d.proposal);
    s.push(Source::body(Some("body".into()), &d.body));
    list(&mut s, "attachments", FieldKind::Prose, &d.attachments);
    signer_sources(&mut s, "signer", &d.signer);
    if let Some(c) = &d.countersigner {
        signer_sources(&mut s, "countersigner", c);
    }
    list(&mut s, "cc", FieldKind::List, &d.cc);
    opt(&mut s, "archive", FieldKind::List, &d.archive);
    Doc {
        sources: s,
        ctx: Context {
            regime: Some(d.regime),
            rules: Some(rules::in_force(d.regime, d.date)),
            is_final: d.status == Status::Final,
            unit_code: d.unit_code.clone(),
            issuer_code: Some(d.issuer.code.clone()),
            plain: false,
        },
    }
}

/// A plain text as one document; the regime is recognised from its header when present (the
/// texts each rule set is recognised by), and the text follows that regime's newest rule set.
pub fn text_doc(t: &str) -> Doc {
    let regime = rules::all()
        .iter()
        .find(|r| r.recognised_by().iter().any(|h| t.contains(h)))
        .map(|r| r.regime);
    Doc {
        sources: vec![Source::plain(None, FieldKind::Prose, t)],
        ctx: Context {
            regime,
            rules: regime.map(rules::default_for),
            plain: true,
            ..Context::default()
        },
    }
}

/// Runs every rule family on a document.
pub fn check_doc(doc: &Doc) -> Vec<Finding> {
    let mut raw = Vec::new();
    spacing::check(doc, &mut raw);
    spelling::check(doc, &mut raw);
    consistency::check(doc, &mut raw);
    citations::check(doc, &mut raw);
    form::check(doc, &mut raw);
    word::check(doc, &mut raw);
    place(doc, raw)
}

/// Checks every printed field of a draft.
pub fn check_draft(d: &Draft) -> Vec<Finding> {
    check_doc(&draft_doc(d))
}

/// Checks a plain text (a whole letter, or any passage).
pub fn check_text(t: &str) -> Vec<Finding> {
    check_doc(&text_doc(t))
}

/// Turns raw findings into placed ones: original offsets, line and column, excerpt; sorted,
/// duplicates (same rule and range) dropped.
fn place(doc: &Doc, mut raw: Vec<Raw>) -> Vec<Finding> {
    raw.sort_by(|a, b| (a.src, a.start, a.end, a.rule).cmp(&(b.src, b.start, b.end, b.rule)));
    raw.dedup_by(|a, b| a.src == b.src && a.start == b.start && a.end == b.end && a.rule == b.rule);
    let mut out = Vec::with_capacity(raw.len());
    let mut lines: Vec<Option<Vec<usize>>> = vec![None; doc.sources.len()];
    for r in raw {
        let Some(src) = doc.sources.get(r.src) else {
            continue;
        };
        let (s, e, exact) = src.orig_range(r.start, r.end);
        let starts = lines[r.src].get_or_insert_with(|| {
            let mut v = vec![0];
            v.extend(
                src.orig
                    .iter()
                    .enumerate()
                    .filter(|(_, &c)| c == '\n')
                    .map(|(i, _)| i + 1),
            );
            v
        });
        let li = starts.partition_point(|&x| x <= s).max(1) - 1;
        out.push(Finding {
            rule: r.rule.to_string(),
            severity: r.severity,
            message: r.message,
            field: src.field.clone(),
            line: li + 1,
            column: s - starts[li] + 1,
            start: s,
            end: e,
            excerpt: src.orig[s..e.min(src.orig.len())].iter().collect(),
            fix: if exact { r.fix } else { None },
        });
    }
    out
}

/// Applies the certain fixes of `findings` to one text (their offsets are into `text`).
/// Overlapping fixes: the first (by start) wins; on the same range, the one that leaves less
/// text. Returns the new text and the count applied.
pub fn apply_fixes(text: &str, findings: &[&Finding]) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut fixes: Vec<&Finding> = findings
        .iter()
        .copied()
        .filter(|f| f.fix.is_some() && f.start <= f.end && f.end <= chars.len())
        .filter(|f| chars[f.start..f.end].iter().collect::<String>() == f.excerpt)
        .collect();
    fixes.sort_by_key(|f| {
        (
            f.start,
            f.end,
            f.fix.as_deref().map_or(0, |x| x.chars().count()),
        )
    });
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut n = 0;
    for f in fixes {
        if f.start < at {
            continue;
        }
        out.extend(&chars[at..f.start]);
        out.push_str(f.fix.as_deref().unwrap_or(""));
        at = f.end;
        n += 1;
    }
    out.extend(&chars[at..]);
    (out, n)
}

fn signer_field<'a>(s: &'a mut Signer, name: &str) -> Option<&'a mut String> {
    match name {
        "on_behalf_of" => s.on_behalf_of.as_mut(),
        "title" => Some(&mut s.title),
        "name" => Some(&mut s.name),
        _ => None,
    }
}

/// The text of a draft field named by its path (`body`, `cc[2]`, `signer.title`).
pub fn field_mut<'a>(d: &'a mut Draft, path: &str) -> Option<&'a mut String> {
    let (name, index) = match path.split_once('[') {
        Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
        None => (path, None),
    };
    if let Some(i) = index {
        let v = match name {
            "recipients" => &mut d.recipients,
            "bases" => &mut d.bases,
            "attachments" => &mut d.attachments,
            "cc" => &mut d.cc,
            _ => return None,
        };
        return v.get_mut(i);
    }
    match name {
        "issuer.parent" => d.issuer.parent.as_mut(),
        "issuer.name" => Some(&mut d.issuer.name),
        "place" => Some(&mut d.place),
        "circulation" => d.circulation.as_mut(),
        "subject" => d.subject.as_mut(),
        "authority_line" => d.authority_line.as_mut(),
        "proposal" => d.proposal.as_mut(),
        "body" => Some(&mut d.body),
        "archive" => d.archive.as_mut(),
        _ => {
            if let Some(rest) = name.strip_prefix("signer.") {
                signer_field(&mut d.signer, rest)
            } else if let Some(rest) = name.strip_prefix("countersigner.") {
                d.countersigner.as_mut().and_then(|s| signer_field(s, rest))
            } else {
                None
            }
        }
    }
}

/// Applies the certain fixes to a draft's fields; returns the fixed draft and the count applied.
pub fn apply_draft_fixes(d: &Draft, findings: &[Finding]) -> (Draft, usize) {
    let mut out = d.clone();
    let mut fields: Vec<&str> = findings.iter().filter_map(|f| f.field.as_deref()).collect();
    fields.sort_unstable();
    fields.dedup();
    let mut n = 0;
    for field in fields {
        let these: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.field.as_deref() == Some(field))
            .collect();
        if let Some(t) = field_mut(&mut out, field) {
            let (fixed, k) = apply_fixes(t, &these);
            *t = fixed;
            n += k;
        }
    }
    (out, n)
}

/// The number of error-level findings.
pub fn error_count(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

#[cfg(test)]
mod tests;
