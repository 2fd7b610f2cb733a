//! The typesetter: breaks the layout model's paragraphs into lines and the blocks into pages
//! with real font metrics, the way LibreOffice and Word set the DOCX (auto line spacing from
//! the font's ascent, descent and gap × `w:line`/240 rounded to twips, spacing before and
//! after, none before a paragraph at the top of a following page, first-line and hanging
//! indents, justified lines, two-line widow and orphan control, keep-with-next, rows kept
//! whole, the page number in the header from the rule set's page).
//!
//! Both the PDF and the HTML preview draw what this returns, so they break lines and pages
//! identically.

pub mod fonts;
mod lines;
mod pages;
pub mod shape;

pub use fonts::{Family, Glyph, MissingFont, Variant};

use crate::layout::{Document, Para, Style, Table};

/// Twips per point.
pub const TWIPS_PER_PT: f32 = 20.0;

/// Width of a drawn border (`w:sz="6"`: ¾ pt).
pub const BORDER_PT: f32 = 0.75;
/// Distance between a border and the text (`w:space="1"`).
pub const BORDER_SPACE_PT: f32 = 1.0;

/// A typeset document.
#[derive(Debug)]
pub struct Typeset<'d> {
    /// The laid-out document it sets.
    pub doc: &'d Document,
    /// The pages, first to last.
    pub pages: Vec<PageBox<'d>>,
    /// The font family measured with (`None`: the built-in widths).
    pub family: Option<String>,
}

/// One page.
#[derive(Debug)]
pub struct PageBox<'d> {
    /// Its number, from 1.
    pub number: u32,
    /// The page header (the number), when this page shows it.
    pub header: Option<ParaBox<'d>>,
    /// What the page holds, top to bottom.
    pub blocks: Vec<BlockBox<'d>>,
}

impl<'d> PageBox<'d> {
    /// Every paragraph on the page, the header first, then the blocks' (a table's cell by cell).
    pub fn paras(&self) -> impl Iterator<Item = &ParaBox<'d>> {
        self.header.iter().chain(self.blocks.iter().flat_map(|b| {
            let (para, rows) = match b {
                BlockBox::Para(pb) => (Some(pb), &[][..]),
                BlockBox::Table(t) => (None, &t.rows[..]),
            };
            para.into_iter().chain(
                rows.iter()
                    .flat_map(|r| r.cells.iter().flat_map(|c| &c.paras)),
            )
        }))
    }
}

/// A block placed on a page.
#[derive(Debug)]
pub enum BlockBox<'d> {
    /// A paragraph or the part of one on this page.
    Para(ParaBox<'d>),
    /// A table.
    Table(TableBox<'d>),
}

/// A paragraph, or its part on one page, placed. Positions in points from the page's top
/// left corner.
#[derive(Debug, Clone)]
pub struct ParaBox<'d> {
    /// The paragraph.
    pub para: &'d Para,
    /// Its style.
    pub style: &'d Style,
    /// Holds the paragraph's first line.
    pub starts: bool,
    /// Holds the paragraph's last line.
    pub ends: bool,
    /// Top of the box (space before included).
    pub top: f32,
    /// Space before the first line, as placed (0 when suppressed at a page's top).
    pub space_before: f32,
    /// Space after the last line, as placed.
    pub space_after: f32,
    /// Left edge of the paragraph's area (its indent applied).
    pub left: f32,
    /// Right edge of the paragraph's area (its indent applied).
    pub right: f32,
    /// The lines.
    pub lines: Vec<LineBox>,
}

impl ParaBox<'_> {
    /// Height of the box.
    pub fn height(&self) -> f32 {
        self.space_before
            + self.border_top()
            + self.lines.iter().map(|l| l.height).sum::<f32>()
            + self.border_bottom()
            + self.space_after
    }

    /// Room the top border takes (frames).
    pub fn border_top(&self) -> f32 {
        match self.para.border {
            Some(crate::layout::Border::Frame) if self.starts => BORDER_SPACE_PT + BORDER_PT,
            _ => 0.0,
        }
    }

    /// Room the bottom border takes (frames and drawn rules).
    pub fn border_bottom(&self) -> f32 {
        match self.para.border {
            Some(_) if self.ends => BORDER_SPACE_PT + BORDER_PT,
            _ => 0.0,
        }
    }
}

/// One line of a paragraph, placed.
#[derive(Debug, Clone)]
pub struct LineBox {
    /// Top of the line.
    pub top: f32,
    /// Its height.
    pub height: f32,
    /// The baseline.
    pub baseline: f32,
    /// Where its text starts.
    pub x: f32,
    /// Width of its text (without the spaces that end it), stretch included.
    pub width: f32,
    /// The text, in runs of one face.
    pub pieces: Vec<Piece>,
    /// Ends with a line break typed in the text.
    pub hard_break: bool,
    /// Its spaces are stretched to fill the line (justified, not the last line).
    pub justified: bool,
}

/// Text of one face and size on a line, with its glyphs placed.
#[derive(Debug, Clone)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// The face.
    pub variant: Variant,
    /// The run's bold override (as in the model).
    pub bold: Option<bool>,
    /// The run's italic override (as in the model).
    pub italic: Option<bool>,
    /// Size, points.
    pub size: f32,
    /// Where it starts.
    pub x: f32,
    /// Its width, stretch included.
    pub width: f32,
    /// The glyphs, in points (empty when measured with the built-in widths).
    pub glyphs: Vec<Glyph>,
}

/// A table placed on a page.
#[derive(Debug)]
pub struct TableBox<'d> {
    /// The table.
    pub table: &'d Table,
    /// Top edge.
    pub top: f32,
    /// Left edge (indent applied).
    pub left: f32,
    /// The rows.
    pub rows: Vec<RowBox<'d>>,
}

impl TableBox<'_> {
    /// Height of the table.
    pub fn height(&self) -> f32 {
        self.rows.iter().map(|r| r.height).sum()
    }
}

/// A table row placed.
#[derive(Debug)]
pub struct RowBox<'d> {
    /// Top edge.
    pub top: f32,
    /// Height.
    pub height: f32,
    /// Cells, one per column.
    pub cells: Vec<CellBox<'d>>,
}

/// A table cell placed.
#[derive(Debug)]
pub struct CellBox<'d> {
    /// Left edge of the cell (padding not included).
    pub left: f32,
    /// Width of the cell (padding included).
    pub width: f32,
    /// Its paragraphs.
    pub paras: Vec<ParaBox<'d>>,
}

/// Word's left and right padding inside a table cell, twips.
pub const CELL_PADDING_TWIPS: u32 = 108;

/// Typesets with the system's fonts (Times New Roman, else Liberation Serif).
pub fn typeset(doc: &Document) -> Result<Typeset<'_>, MissingFont> {
    let family = fonts::system()?;
    Ok(typeset_with(doc, Some(family)))
}

/// Typesets with the system's fonts when there are, else with the built-in widths (the
/// preview on a machine without either font).
pub fn typeset_or_builtin(doc: &Document) -> Typeset<'_> {
    typeset_with(doc, fonts::system().ok())
}

/// Typesets with given fonts, or the built-in widths when `None`.
pub fn typeset_with<'d>(doc: &'d Document, family: Option<&Family>) -> Typeset<'d> {
    let mut shaper = shape::Shaper::new(family);
    let pages = pages::paginate(doc, &mut shaper);
    Typeset {
        doc,
        pages,
        family: family.map(|f| f.name.clone()),
    }
}

/// Twips to points.
pub fn pt(twips: u32) -> f32 {
    twips as f32 / TWIPS_PER_PT
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::draft::from_json;
    use crate::layout::{build, TableRole};

    const PARA: &str = "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ và tình hình thực tế để tổ chức tuyên truyền bằng các hình thức phù hợp, thiết thực, hiệu quả; báo cáo kết quả về Sở trước ngày 15 hằng tháng.";

    fn letter(paras: usize, kind: &str, extra: &str) -> Document {
        letter_with(&vec![PARA; paras].join("\n\n"), kind, extra)
    }

    fn letter_with(body: &str, kind: &str, extra: &str) -> Document {
        let json = format!(
            r#"{{"format":"vanthu/draft@1","regime":"state","kind":"{kind}",
            "issuer":{{"parent":"UBND TỈNH LẠNG SƠN","name":"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH","code":"SVHTTDL"}},
            "unit_code":"QLVHGĐ","number":5,"place":"Lạng Sơn","date":"2024-02-05",
            "subject":"triển khai công tác tuyên truyền","recipients":["Các phòng thuộc Sở"],
            "body":{},"signer":{{"authority":"KT","on_behalf_of":"GIÁM ĐỐC","title":"PHÓ GIÁM ĐỐC","name":"Phan Văn Hòa"}},
            "cc":["Như trên","Giám đốc Sở","Các Phó Giám đốc Sở","Văn phòng Sở","Phòng Quản lý Văn hóa","Trang thông tin điện tử Sở"],"archive":"VT"{extra}}}"#,
            serde_json::to_string(&body).unwrap()
        );
        build(&from_json(&json).unwrap()).unwrap()
    }

    fn paras<'a>(set: &'a Typeset) -> impl Iterator<Item = (u32, &'a ParaBox<'a>)> {
        set.pages.iter().flat_map(|p| {
            p.blocks.iter().filter_map(move |b| match b {
                BlockBox::Para(pb) => Some((p.number, pb)),
                BlockBox::Table(_) => None,
            })
        })
    }

    #[test]
    fn numbers_from_page_two_centred_in_the_header() {
        let doc = letter(30, "cong-van", "");
        let set = typeset_with(&doc, None);
        assert!(set.pages.len() >= 3);
        assert!(set.pages[0].header.is_none());
        let mid = (pt(doc.page.margin_left) + pt(doc.page.width - doc.page.margin_right)) / 2.0;
        for p in &set.pages[1..] {
            let h = p.header.as_ref().unwrap();
            let l = &h.lines[0];
            assert_eq!(l.pieces[0].text, p.number.to_string());
            assert!((l.x + l.width / 2.0 - mid).abs() < 0.5, "centred");
            assert!((h.top - pt(doc.page.header)).abs() < 0.01);
        }
    }

    #[test]
    fn breaks_keep_two_lines_each_side_and_drop_space_at_the_top() {
        let doc = letter(30, "cong-van", "");
        let set = typeset_with(&doc, None);
        let bottom = pt(doc.page.height - doc.page.margin_bottom);
        for (page, pb) in paras(&set) {
            if !(pb.starts && pb.ends) {
                assert!(pb.lines.len() >= 2, "page {page}: a widow or an orphan");
            }
            for l in &pb.lines {
                assert!(
                    l.top + l.height <= bottom + 0.01,
                    "page {page}: below the margin"
                );
            }
        }
        for p in &set.pages[1..] {
            if let Some(BlockBox::Para(first)) = p.blocks.first() {
                assert_eq!(first.space_before, 0.0, "page {}", p.number);
                assert!((first.top - pt(doc.page.margin_top)).abs() < 0.01);
            }
        }
    }

    #[test]
    fn justified_lines_fill_the_measure_and_the_last_does_not() {
        let doc = letter(3, "cong-van", "");
        let set = typeset_with(&doc, None);
        let (_, pb) = paras(&set)
            .find(|(_, pb)| pb.style.align == crate::rules::Align::Both && pb.lines.len() > 2)
            .unwrap();
        let (last, rest) = pb.lines.split_last().unwrap();
        for l in rest {
            assert!(l.justified);
            assert!(
                (l.x + l.width - pb.right).abs() < 0.05,
                "{} {}",
                l.x + l.width,
                pb.right
            );
        }
        assert!(!last.justified);
        assert!(last.x + last.width < pb.right - 1.0);
    }

    #[test]
    fn a_line_ending_in_a_manual_break_is_not_stretched() {
        let doc = letter_with(&format!("Đoạn hai có dòng ngắn\n{PARA}"), "cong-van", "");
        let set = typeset_with(&doc, None);
        let (_, pb) = paras(&set)
            .find(|(_, pb)| pb.lines.first().is_some_and(|l| l.hard_break))
            .unwrap();
        let short = &pb.lines[0];
        assert!(!short.justified);
        assert!(short.x + short.width < pb.right - 100.0);
        assert!(pb.lines[1].justified, "the wrapped line after it still is");
    }

    #[test]
    fn spacing_between_paragraphs_is_the_larger_of_after_and_before() {
        let doc = letter(
            1,
            "quyet-dinh",
            r#","bases":["Căn cứ Luật Tổ chức chính quyền địa phương"]"#,
        );
        let set = typeset_with(&doc, None);
        let list: Vec<&ParaBox> = paras(&set).map(|(_, p)| p).collect();
        let i = list
            .iter()
            .position(|p| p.para.element == crate::rules::Element::Basis)
            .unwrap();
        let (prev, basis) = (list[i - 1], list[i]);
        let gap = basis.top + basis.space_before - (prev.top + prev.height() - prev.space_after);
        let want = pt(prev.style.after.max(basis.style.before));
        assert!((gap - want).abs() < 0.01, "{gap} vs {want}");
    }

    #[test]
    fn a_signature_row_that_does_not_fit_flows_on_cell_by_cell() {
        let mut split_seen = false;
        for n in 20..34 {
            let doc = letter(n, "cong-van", "");
            let set = typeset_with(&doc, None);
            let parts: Vec<(u32, &TableBox)> = set
                .pages
                .iter()
                .flat_map(|p| {
                    p.blocks.iter().filter_map(move |b| match b {
                        BlockBox::Table(t) if t.table.role == TableRole::Signature => {
                            Some((p.number, t))
                        }
                        _ => None,
                    })
                })
                .collect();
            let lines = |col: usize| -> usize {
                parts
                    .iter()
                    .flat_map(|(_, t)| &t.rows)
                    .flat_map(|r| &r.cells[col].paras)
                    .map(|p| p.lines.len())
                    .sum()
            };
            let table = parts[0].1.table;
            for col in 0..2 {
                let want = table.rows[0][col].paras.len();
                assert!(lines(col) >= want, "n={n}: every paragraph placed");
            }
            if parts.len() > 1 {
                split_seen = true;
                assert_eq!(parts[1].0, parts[0].0 + 1, "continued on the next page");
            }
        }
        assert!(split_seen, "some length splits the signature");
    }
}
