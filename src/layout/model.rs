//! The one document model: what both renderers (DOCX and HTML preview) walk.

use crate::rules::{Align, Element};
use serde::Serialize;

/// Page set-up in twips.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// Paper width.
    pub width: u32,
    /// Paper height.
    pub height: u32,
    /// Top margin.
    pub margin_top: u32,
    /// Bottom margin.
    pub margin_bottom: u32,
    /// Left margin.
    pub margin_left: u32,
    /// Right margin.
    pub margin_right: u32,
    /// Distance of the header from the top edge.
    pub header: u32,
    /// First page that shows its number.
    pub number_from_page: u32,
}

impl Page {
    /// Width of the text area.
    pub fn text_width(&self) -> u32 {
        self.width - self.margin_left - self.margin_right
    }
}

/// A named paragraph style, resolved to twips and half points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Style {
    /// The element it serves.
    pub element: Element,
    /// Style id in the DOCX.
    pub id: &'static str,
    /// Name shown to the clerk.
    pub name: String,
    /// Size in half points.
    pub half_points: u32,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
    /// Alignment.
    pub align: Align,
    /// Space before, twips.
    pub before: u32,
    /// Space after, twips.
    pub after: u32,
    /// Line spacing in 240ths of a line.
    pub line: u32,
    /// First-line indent, twips.
    pub first_line: u32,
    /// Keep with next.
    pub keep_next: bool,
}

/// A run of text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Run {
    /// Text; `bold`/`italic` override the style when set.
    Text {
        /// The text.
        text: String,
        /// Bold override.
        bold: Option<bool>,
        /// Italic override.
        italic: Option<bool>,
    },
    /// A line break inside the paragraph.
    Break,
    /// The current page number.
    PageNumber,
}

impl Run {
    /// Plain text in the paragraph's style.
    pub fn plain(text: impl Into<String>) -> Self {
        Run::Text {
            text: text.into(),
            bold: None,
            italic: None,
        }
    }
}

/// A border drawn by a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Border {
    /// A solid line under the (empty) paragraph: a drawn rule.
    Bottom,
    /// A single-line frame around the text: a mark.
    Frame,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Para {
    /// The element, hence the style.
    pub element: Element,
    /// Content.
    pub runs: Vec<Run>,
    /// Left indent override, twips.
    pub indent_left: Option<u32>,
    /// Right indent override, twips.
    pub indent_right: Option<u32>,
    /// Hanging indent override, twips (replaces the style's first-line indent).
    pub hanging: Option<u32>,
    /// First-line indent override, twips.
    pub first_line: Option<u32>,
    /// Alignment override.
    pub align: Option<Align>,
    /// Drawn border.
    pub border: Option<Border>,
    /// Space before override, twips.
    pub before: Option<u32>,
}

impl Para {
    /// A paragraph of one element with the given runs.
    pub fn new(element: Element, runs: Vec<Run>) -> Self {
        Para {
            element,
            runs,
            indent_left: None,
            indent_right: None,
            hanging: None,
            first_line: None,
            align: None,
            border: None,
            before: None,
        }
    }

    /// A paragraph of plain text.
    pub fn text(element: Element, text: impl Into<String>) -> Self {
        Self::new(element, vec![Run::plain(text)])
    }

    /// The paragraph's text (breaks as newlines, page numbers as `#`).
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for r in &self.runs {
            match r {
                Run::Text { text, .. } => s.push_str(text),
                Run::Break => s.push('\n'),
                Run::PageNumber => s.push('#'),
            }
        }
        s
    }
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Its paragraphs.
    pub paras: Vec<Para>,
}

/// A borderless layout table (header block, signature block).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// What it holds, for readers of the model.
    pub role: TableRole,
    /// Column widths, twips (cell padding included).
    pub columns: Vec<u32>,
    /// Shift of the table's left edge from the margin, twips: minus the cell padding, so that
    /// the text inside the cells lines up with the margins.
    pub indent: i32,
    /// Rows of cells, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// The role of a layout table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TableRole {
    /// Issuer and number on the left, national title and date on the right.
    Header,
    /// Nơi nhận on the left, the signature on the right (or two signatures).
    Signature,
}

/// A block of the document body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Rule set id it was laid out with.
    pub rules_id: String,
    /// Page set-up.
    pub page: Page,
    /// Named styles, one per element.
    pub styles: Vec<Style>,
    /// The page header shown from `page.number_from_page` on.
    pub page_header: Para,
    /// The body, top to bottom.
    pub blocks: Vec<Block>,
    /// Document title for the file's properties.
    pub title: String,
    /// Who wrote it, for the file's properties: the drafter, else the issuing body.
    pub creator: String,
}

impl Document {
    /// The style of an element.
    pub fn style(&self, e: Element) -> Option<&Style> {
        self.styles.iter().find(|s| s.element == e)
    }
}
