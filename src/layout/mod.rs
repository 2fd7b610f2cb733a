//! Layout: draft + rule set → the one document model ([`Document`]).
//!
//! Every position, case, size and line length comes from the [`RuleSet`]; nothing here
//! names a regime.

mod measure;
mod metrics;
mod model;

pub use measure::{mm, text_width, text_width_em, TWIPS_PER_MM};
pub use model::{Block, Border, Cell, Document, Page, Para, Run, Style, Table, TableRole};

use crate::draft::Draft;
use crate::error::{Error, ErrorCode, FieldError, FieldErrors, Result};
use crate::markup::{self, BlockKind, Inline};
use crate::rules::{Element, Form, IssuerMark, RuleSet, ALL_ELEMENTS};
use crate::symbol;

/// Left plus right padding Word puts inside a table cell (0.19 cm each side).
const CELL_PADDING: u32 = 108 * 2;

/// Lays out a draft with the rule set of its regime in force on its date.
pub fn build(draft: &Draft) -> Result<Document> {
    build_with(draft, crate::rules::in_force(draft.regime, draft.date))
}

/// Lays out a draft with a given rule set.
pub fn build_with(draft: &Draft, rules: &RuleSet) -> Result<Document> {
    if rules.regime != draft.regime {
        return Err(Error::Invalid(FieldErrors(vec![FieldError::new(
            "regime",
            ErrorCode::InvalidValue,
            format!(
                "rule set {} is for regime {}",
                rules.id,
                rules.regime.as_str()
            ),
        )])));
    }
    let kind = rules.kind(&draft.kind).ok_or_else(|| {
        Error::Invalid(FieldErrors(vec![FieldError::new(
            "kind",
            ErrorCode::UnknownKind,
            format!("unknown kind \"{}\" for {}", draft.kind, rules.id),
        )]))
    })?;
    let l = Layouter::new(draft, rules);
    let mut blocks = Vec::new();

    if let Some(c) = &draft.circulation {
        blocks.push(Block::Para(l.frame(Element::Circulation, &upper(c), true)));
    }
    blocks.push(Block::Table(
        l.header(kind.form == Form::Letter, &kind.subject_prefix),
    ));
    for mark in [
        draft.secrecy.map(|s| s.label()),
        draft.urgency.map(|u| u.label()),
    ]
    .into_iter()
    .flatten()
    {
        blocks.push(Block::Para(l.frame(Element::Mark, mark, false)));
    }
    if kind.form != Form::Letter {
        blocks.push(Block::Para(Para::text(
            Element::TypeName,
            upper(&kind.name),
        )));
        if let Some(s) = &draft.subject {
            blocks.push(Block::Para(l.lines(Element::Subject, s)));
            if rules.header.subject_rule {
                blocks.push(Block::Para(l.rule_under(
                    Element::Subject,
                    s,
                    rules.header.subject_rule_share,
                    l.text_width,
                )));
            }
        }
    }
    if !draft.recipients.is_empty() {
        blocks.extend(l.greeting().into_iter().map(Block::Para));
    }
    if kind.form == Form::Decision {
        blocks.extend(l.preamble(&kind.enacting).into_iter().map(Block::Para));
    }
    blocks.extend(l.body().into_iter().map(Block::Para));
    if let Some(p) = l.attachments() {
        blocks.push(Block::Para(p));
    }
    blocks.extend(l.signature());

    let page = Page {
        width: mm(rules.page.width_mm),
        height: mm(rules.page.height_mm),
        margin_top: mm(rules.page.margin_top_mm),
        margin_bottom: mm(rules.page.margin_bottom_mm),
        margin_left: mm(rules.page.margin_left_mm),
        margin_right: mm(rules.page.margin_right_mm),
        header: mm(rules.page.header_mm),
        number_from_page: rules.page.number_from_page,
    };
    let title = match &draft.subject {
        Some(s) if kind.form == Form::Letter => format!("{}{}", kind.subject_prefix, s),
        Some(s) => format!("{} {}", kind.name, s),
        None => kind.name.clone(),
    };
    Ok(Document {
        rules_id: rules.id.clone(),
        page,
        styles: styles(rules),
        page_header: Para::new(Element::PageNumber, vec![Run::PageNumber]),
        blocks,
        title,
        creator: draft
            .drafter
            .clone()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| draft.issuer.name.clone()),
    })
}

/// Resolves every element's style to twips and half points.
pub fn styles(rules: &RuleSet) -> Vec<Style> {
    ALL_ELEMENTS
        .iter()
        .map(|&e| {
            let s = rules.style(e);
            Style {
                element: e,
                id: e.style_id(),
                name: s.name.clone(),
                half_points: (s.size * 2.0).round() as u32,
                bold: s.bold,
                italic: s.italic,
                underline: s.underline,
                align: s.align,
                before: (s.before * 20.0).round() as u32,
                after: (s.after * 20.0).round() as u32,
                line: (s.line * 240.0).round() as u32,
                first_line: mm(s.first_line_mm),
                keep_next: s.keep_next,
            }
        })
        .collect()
}

/// Upper-cases Vietnamese text (`Kế hoạch` → `KẾ HOẠCH`).
fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Removes the line-end punctuation a user may have typed on a list entry.
fn strip_end(s: &str) -> &str {
    s.trim_end().trim_end_matches([';', ',', '.']).trim_end()
}

struct Layouter<'a> {
    draft: &'a Draft,
    rules: &'a RuleSet,
    text_width: u32,
    left_width: u32,
    right_width: u32,
}

impl<'a> Layouter<'a> {
    fn new(draft: &'a Draft, rules: &'a RuleSet) -> Self {
        let text_width = mm(rules.page.width_mm)
            - mm(rules.page.margin_left_mm)
            - mm(rules.page.margin_right_mm);
        let table_width = text_width + CELL_PADDING;
        let left_width = (table_width as f32 * rules.header.left_share).round() as u32;
        Layouter {
            draft,
            rules,
            text_width,
            left_width,
            right_width: table_width - left_width,
        }
    }

    /// Text of an element as printed (upper-cased where the style says so).
    fn cased(&self, e: Element, s: &str) -> String {
        if self.rules.style(e).caps {
            upper(s)
        } else {
            s.to_string()
        }
    }

    fn width_of(&self, e: Element, s: &str) -> u32 {
        let st = self.rules.style(e);
        s.split('\n')
            .map(|line| text_width(line, st.size, st.bold, st.italic))
            .max()
            .unwrap_or(0)
    }

    /// A paragraph of an element whose text may hold newlines (kept as breaks).
    fn lines(&self, e: Element, s: &str) -> Para {
        let s = self.cased(e, s);
        let mut runs = Vec::new();
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                runs.push(Run::Break);
            }
            runs.push(Run::plain(line.trim()));
        }
        Para::new(e, runs)
    }

    /// A drawn line under an element's text: `share` of the longest text line (at most
    /// the room available), centred in `room`.
    fn rule_under(&self, e: Element, text: &str, share: f32, room: u32) -> Para {
        let text_w = self
            .width_of(e, &self.cased(e, text))
            .min(self.inner(room).max(1));
        let w = ((text_w as f32) * share).round() as u32;
        self.rule(w, room)
    }

    /// The width text can take in `room`: the text width itself, or a cell without its
    /// padding.
    fn inner(&self, room: u32) -> u32 {
        if room == self.text_width {
            room
        } else {
            room.saturating_sub(CELL_PADDING)
        }
    }

    /// A drawn line of width `w` centred in `room` (a cell or the text width).
    fn rule(&self, w: u32, room: u32) -> Para {
        let side = self.inner(room).saturating_sub(w) / 2;
        let mut p = Para::new(Element::IssuerMark, Vec::new());
        p.border = Some(Border::Bottom);
        p.indent_left = Some(side);
        p.indent_right = Some(side);
        p
    }

    /// A framed mark (urgency, secrecy, circulation).
    fn frame(&self, e: Element, label: &str, right: bool) -> Para {
        let st = self.rules.style(e);
        let w = text_width(label, st.size, st.bold, st.italic) + 2 * 120 + 60;
        let mut p = Para::text(e, label.to_string());
        p.border = Some(Border::Frame);
        let rest = self.text_width.saturating_sub(w);
        if right {
            p.indent_left = Some(rest);
            p.indent_right = Some(0);
        } else {
            p.indent_left = Some(0);
            p.indent_right = Some(rest);
        }
        p.align = Some(crate::rules::Align::Center);
        p
    }

    fn header(&self, letter: bool, subject_prefix: &str) -> Table {
        let d = self.draft;
        let h = &self.rules.header;
        let mut left = Vec::new();
        if let Some(parent) = &d.issuer.parent {
            left.push(self.lines(Element::Parent, parent));
        }
        left.push(self.lines(Element::Issuer, &d.issuer.name));
        match h.issuer_mark {
            IssuerMark::Rule => left.push(self.rule_under(
                Element::Issuer,
                &d.issuer.name,
                h.issuer_rule_share,
                self.left_width,
            )),
            IssuerMark::Star => left.push(Para::text(Element::IssuerMark, "*")),
        }
        let mut left2 = vec![Para::text(Element::Symbol, symbol::line(d, self.rules))];
        if letter {
            if let Some(s) = &d.subject {
                left2.push(self.lines(Element::LetterSubject, &format!("{subject_prefix}{s}")));
            }
        }

        let mut right = vec![Para::text(Element::National, upper(&h.national))];
        match &h.motto {
            Some(m) => {
                right.push(Para::text(Element::Motto, m.clone()));
                let w = self.width_of(Element::Motto, m);
                right.push(self.rule(w, self.right_width));
            }
            None => {
                let w = self.width_of(Element::National, &upper(&h.national));
                right.push(self.rule(w, self.right_width));
            }
        }
        let right2 = vec![Para::text(
            Element::PlaceDate,
            crate::dates::place_date(&d.place, d.date, d.printed_year()),
        )];
        Table {
            role: TableRole::Header,
            columns: vec![self.left_width, self.right_width],
            indent: -((CELL_PADDING / 2) as i32),
            rows: vec![
                vec![Cell { paras: left }, Cell { paras: right }],
                vec![Cell { paras: left2 }, Cell { paras: right2 }],
            ],
        }
    }

    fn greeting(&self) -> Vec<Para> {
        let st = self.rules.style(Element::Greeting);
        let label = "Kính gửi: ";
        let recipients = &self.draft.recipients;
        if recipients.len() == 1 {
            let mut p = Para::text(
                Element::Greeting,
                format!("{label}{}", strip_end(&recipients[0])),
            );
            p.align = Some(crate::rules::Align::Center);
            return vec![p];
        }
        let label_w = text_width(label, st.size, st.bold, st.italic);
        let start = mm(25.0);
        let n = recipients.len();
        recipients
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let end = if i + 1 == n { "." } else { ";" };
                let item = format!("- {}{end}", strip_end(r));
                let mut p = if i == 0 {
                    Para::text(Element::Greeting, format!("{label}{item}"))
                } else {
                    let mut p = Para::text(Element::Greeting, item);
                    p.before = Some(0);
                    p
                };
                p.indent_left = Some(start + label_w);
                if i == 0 {
                    p.hanging = Some(label_w);
                } else {
                    p.first_line = Some(0);
                }
                p
            })
            .collect()
    }

    fn preamble(&self, enacting: &str) -> Vec<Para> {
        let d = self.draft;
        let mut out = Vec::new();
        if let Some(a) = &d.authority_line {
            out.push(self.lines(Element::AuthorityLine, a));
        }
        let n = d.bases.len();
        for (i, b) in d.bases.iter().enumerate() {
            let last = i + 1 == n && d.proposal.is_none();
            out.push(Para::text(
                Element::Basis,
                format!("{}{}", strip_end(b), if last { "." } else { ";" }),
            ));
        }
        if let Some(p) = &d.proposal {
            out.push(Para::text(Element::Basis, format!("{}.", strip_end(p))));
        }
        if !enacting.is_empty() {
            out.push(Para::text(Element::Enacting, enacting.to_string()));
        }
        out
    }

    fn body(&self) -> Vec<Para> {
        markup::parse(&self.draft.body)
            .into_iter()
            .map(|b| {
                let element = match b.kind {
                    BlockKind::Heading(1) if is_part_heading(&b.plain_text()) => Element::Part,
                    BlockKind::Heading(1) => Element::Heading1,
                    BlockKind::Heading(2) => Element::Heading2,
                    BlockKind::Heading(_) => Element::Heading3,
                    BlockKind::Paragraph | BlockKind::Dash => Element::Body,
                };
                let runs = b
                    .inlines
                    .into_iter()
                    .map(|i| match i {
                        Inline::Text { text, bold, italic } => Run::Text {
                            text,
                            bold: bold.then_some(true),
                            italic: italic.then_some(true),
                        },
                        Inline::Break => Run::Break,
                    })
                    .collect();
                Para::new(element, runs)
            })
            .collect()
    }

    /// Attachments the body does not already name, as one italic paragraph.
    fn attachments(&self) -> Option<Para> {
        let missing: Vec<&String> = self
            .draft
            .attachments
            .iter()
            .filter(|a| !self.draft.body.contains(a.as_str()))
            .collect();
        if missing.is_empty() {
            return None;
        }
        let list = missing
            .iter()
            .map(|a| strip_end(a))
            .collect::<Vec<_>>()
            .join("; ");
        Some(Para::text(
            Element::Attachment,
            format!("(Kèm theo: {list}.)"),
        ))
    }

    fn signer_paras(&self, s: &crate::draft::Signer) -> Vec<Para> {
        let mut out = Vec::new();
        match (s.authority, &s.on_behalf_of) {
            (Some(a), Some(who)) => {
                let prefix = self.rules.signer.prefix(a).unwrap_or(a.slug());
                out.push(Para::text(
                    Element::SignAuthority,
                    format!("{prefix} {}", upper(who.trim())),
                ));
                out.push(self.lines(Element::SignTitle, &s.title));
            }
            _ => out.push(self.lines(Element::SignAuthority, &s.title)),
        }
        for _ in 0..self.rules.signer.blank_lines {
            out.push(Para::new(Element::SignName, Vec::new()));
        }
        out.push(Para::text(Element::SignName, s.name.trim().to_string()));
        out
    }

    fn cc_paras(&self) -> Vec<Para> {
        let d = self.draft;
        let cc = &self.rules.cc;
        let mut out = vec![Para::text(Element::CcHeading, cc.heading.clone())];
        let mut archive = match &d.archive {
            Some(a) => cc.archive.replace("{archive}", strip_end(a)),
            None => cc.archive_default.clone(),
        };
        match (&d.drafter, d.copies) {
            (Some(dr), Some(n)) => archive.push_str(&format!(", {dr}.({n})")),
            (Some(dr), None) => archive.push_str(&format!(", {dr}")),
            (None, Some(n)) => archive.push_str(&format!(" ({n})")),
            (None, None) => {}
        }
        for c in &d.cc {
            out.push(Para::text(
                Element::CcLine,
                format!("- {}{}", strip_end(c), cc.line_end),
            ));
        }
        out.push(Para::text(
            Element::CcLine,
            format!("- {}{}", strip_end(&archive), cc.last_end),
        ));
        out
    }

    fn signature(&self) -> Vec<Block> {
        let table_width = self.text_width + CELL_PADDING;
        let half = table_width / 2;
        let cc_width = table_width - (table_width as f32 * 0.55) as u32;
        let sign_width = table_width - cc_width;
        let indent = -((CELL_PADDING / 2) as i32);
        let mut signer = self.signer_paras(&self.draft.signer);
        if let Some(first) = signer.first_mut() {
            first.before = Some(240);
        }
        match &self.draft.countersigner {
            None => vec![Block::Table(Table {
                role: TableRole::Signature,
                columns: vec![cc_width, sign_width],
                indent,
                rows: vec![vec![
                    Cell {
                        paras: pad_first(self.cc_paras()),
                    },
                    Cell { paras: signer },
                ]],
            })],
            Some(cs) => {
                let mut counter = self.signer_paras(cs);
                if let Some(first) = counter.first_mut() {
                    first.before = Some(240);
                }
                vec![
                    Block::Table(Table {
                        role: TableRole::Signature,
                        columns: vec![half, table_width - half],
                        indent,
                        rows: vec![vec![Cell { paras: counter }, Cell { paras: signer }]],
                    }),
                    Block::Table(Table {
                        role: TableRole::Signature,
                        columns: vec![cc_width, sign_width],
                        indent,
                        rows: vec![vec![
                            Cell {
                                paras: pad_first(self.cc_paras()),
                            },
                            Cell { paras: Vec::new() },
                        ]],
                    }),
                ]
            }
        }
    }
}

/// Puts the Nơi nhận heading level with the first line of the signature.
fn pad_first(mut paras: Vec<Para>) -> Vec<Para> {
    if let Some(first) = paras.first_mut() {
        first.before = Some(240);
    }
    paras
}

/// `Phần I`, `Chương II`, `Mục 1`, `Tiểu mục 2`, `Phần thứ nhất`: centred headings.
fn is_part_heading(text: &str) -> bool {
    let t = text.trim();
    [
        "Phần ",
        "Chương ",
        "Mục ",
        "Tiểu mục ",
        "PHẦN ",
        "CHƯƠNG ",
        "MỤC ",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        && t.chars().count() <= 40
}
