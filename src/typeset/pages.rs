//! Blocks into pages: paragraphs split between pages with two-line widow and orphan control,
//! keep-with-next chains moved together, table rows kept whole, no space before a paragraph
//! that a page break put at the top of a page.

use super::lines::set_lines;
use super::shape::Shaper;
use super::{
    pt, BlockBox, CellBox, LineBox, PageBox, ParaBox, RowBox, TableBox, CELL_PADDING_TWIPS,
};
use crate::layout::{Block, Border, Document, Para, Style, Table};
use crate::rules::{Align, Element};

/// Lines a paragraph keeps together at the start and at the end of a page.
const ORPHANS: usize = 2;
const WIDOWS: usize = 2;
/// Tolerance when fitting, points.
const EPS: f32 = 0.005;

/// Word's Normal style (the cell of a table with no paragraph holds one).
static NORMAL: std::sync::LazyLock<Style> = std::sync::LazyLock::new(|| Style {
    element: Element::Body,
    id: "Normal",
    name: "Normal".into(),
    half_points: 28,
    bold: false,
    italic: false,
    underline: false,
    align: Align::Left,
    before: 0,
    after: 0,
    line: 240,
    first_line: 0,
    keep_next: false,
});

/// An empty paragraph of the Normal style.
static EMPTY: std::sync::LazyLock<Para> =
    std::sync::LazyLock::new(|| Para::new(Element::Body, Vec::new()));

/// A paragraph broken into lines, not yet placed.
#[derive(Debug, Clone)]
struct Prepared<'d> {
    para: &'d Para,
    style: &'d Style,
    left: f32,
    right: f32,
    before: f32,
    after: f32,
    lines: Vec<LineBox>,
}

impl<'d> Prepared<'d> {
    /// A paragraph set without spacing (an empty cell's paragraph, the page header).
    fn bare(para: &'d Para, style: &'d Style, left: f32, right: f32, lines: Vec<LineBox>) -> Self {
        Prepared {
            para,
            style,
            left,
            right,
            before: 0.0,
            after: 0.0,
            lines,
        }
    }

    fn border_top(&self) -> f32 {
        match self.para.border {
            Some(Border::Frame) => super::BORDER_SPACE_PT + super::BORDER_PT,
            _ => 0.0,
        }
    }

    fn border_bottom(&self) -> f32 {
        match self.para.border {
            Some(_) => super::BORDER_SPACE_PT + super::BORDER_PT,
            None => 0.0,
        }
    }

    fn lines_height(&self, range: std::ops::Range<usize>) -> f32 {
        self.lines[range].iter().map(|l| l.height).sum()
    }

    /// Height when placed whole, space before included.
    fn height(&self, before: f32) -> f32 {
        before
            + self.border_top()
            + self.lines_height(0..self.lines.len())
            + self.border_bottom()
            + self.after
    }

    /// Places lines `range` from `top`, returning the box.
    fn place(
        &self,
        range: std::ops::Range<usize>,
        top: f32,
        before: f32,
        total: usize,
    ) -> ParaBox<'d> {
        let starts = range.start == 0;
        let ends = range.end == total;
        let mut y = top + before + if starts { self.border_top() } else { 0.0 };
        let lines = self.lines[range]
            .iter()
            .map(|l| {
                let mut l = l.clone();
                l.top = y;
                l.baseline += y;
                y += l.height;
                l
            })
            .collect();
        ParaBox {
            para: self.para,
            style: self.style,
            starts,
            ends,
            top,
            space_before: before,
            space_after: if ends { self.after } else { 0.0 },
            left: self.left,
            right: self.right,
            lines,
        }
    }
}

fn style_of<'d>(doc: &'d Document, p: &Para) -> &'d Style {
    doc.style(p.element).unwrap_or(&NORMAL)
}

/// Space before and after as the DOCX writes them (a drawn rule has none).
fn spacing(p: &Para, st: &Style) -> (f32, f32) {
    if p.border == Some(Border::Bottom) {
        return (0.0, 0.0);
    }
    (pt(p.before.unwrap_or(st.before)), pt(st.after))
}

fn prepare<'d>(
    doc: &'d Document,
    p: &'d Para,
    left: f32,
    right: f32,
    shaper: &mut Shaper,
    page: u32,
) -> Prepared<'d> {
    let style = style_of(doc, p);
    let (before, after) = spacing(p, style);
    let l = left + pt(p.indent_left.unwrap_or(0));
    let r = right - pt(p.indent_right.unwrap_or(0));
    Prepared {
        para: p,
        style,
        left: l,
        right: r,
        before,
        after,
        lines: set_lines(p, style, l, r, shaper, page),
    }
}

/// A table's rows with their cells' paragraphs set.
struct PreparedTable<'d> {
    table: &'d Table,
    left: f32,
    rows: Vec<PreparedRow<'d>>,
}

struct PreparedRow<'d> {
    height: f32,
    cells: Vec<(f32, f32, Vec<Prepared<'d>>)>,
}

fn prepare_table<'d>(
    doc: &'d Document,
    t: &'d Table,
    margin_left: f32,
    shaper: &mut Shaper,
) -> PreparedTable<'d> {
    let left = margin_left + t.indent as f32 / super::TWIPS_PER_PT;
    let pad = pt(CELL_PADDING_TWIPS);
    let rows = t
        .rows
        .iter()
        .map(|cells| {
            let mut x = left;
            let cells: Vec<(f32, f32, Vec<Prepared<'d>>)> = cells
                .iter()
                .zip(&t.columns)
                .map(|(c, &w)| {
                    let width = pt(w);
                    let (l, r) = (x + pad, x + width - pad);
                    let paras: Vec<Prepared<'d>> = if c.paras.is_empty() {
                        vec![prepare_empty(&EMPTY, &NORMAL, l, r, shaper)]
                    } else {
                        c.paras
                            .iter()
                            .map(|p| prepare(doc, p, l, r, shaper, 1))
                            .collect()
                    };
                    let cell = (x, width, paras);
                    x += width;
                    cell
                })
                .collect();
            let height = cells
                .iter()
                .map(|(_, _, ps)| flow(ps, (0, 0), 0.0, f32::INFINITY, false, false).2)
                .fold(0.0, f32::max);
            PreparedRow { height, cells }
        })
        .collect();
    PreparedTable {
        table: t,
        left,
        rows,
    }
}

fn prepare_empty<'d>(
    p: &'d Para,
    st: &'d Style,
    left: f32,
    right: f32,
    shaper: &mut Shaper,
) -> Prepared<'d> {
    Prepared::bare(p, st, left, right, set_lines(p, st, left, right, shaper, 1))
}

enum Prep<'d> {
    Para(Prepared<'d>),
    Table(PreparedTable<'d>),
}

struct Pager<'d> {
    top: f32,
    bottom: f32,
    pages: Vec<PageBox<'d>>,
    blocks: Vec<BlockBox<'d>>,
    y: f32,
    /// Space after the paragraph just placed (spacing between paragraphs collapses to the
    /// larger of the two, as LibreOffice sets the DOCX).
    prev_after: f32,
}

/// Where a flow of paragraphs has got to: paragraph index, line index.
type Pos = (usize, usize);

/// Flows paragraphs from `from` into `room` points below `top`, keeping two lines of a
/// paragraph on each side of a break. `fresh`: this is the top of a page after a break (no
/// space before). `force`: place at least one line even if nothing fits.
fn flow<'d>(
    paras: &[Prepared<'d>],
    from: Pos,
    top: f32,
    room: f32,
    fresh: bool,
    force: bool,
) -> (Vec<ParaBox<'d>>, Pos, f32) {
    let mut out: Vec<ParaBox<'d>> = Vec::new();
    let (mut i, mut l) = from;
    let mut y = top;
    let mut prev_after = 0.0f32;
    while let Some(p) = paras.get(i) {
        let n = p.lines.len();
        let before = if l > 0 || (fresh && out.is_empty()) {
            0.0
        } else {
            (p.before - prev_after).max(0.0)
        };
        let border = if l == 0 { p.border_top() } else { 0.0 };
        let avail = top + room - y - before - border;
        let take = take_lines(p, l, avail, force && out.is_empty());
        if take == 0 {
            break;
        }
        let b = p.place(l..l + take, y, before, n);
        y += b.height();
        out.push(b);
        if l + take == n {
            prev_after = p.after;
            i += 1;
            l = 0;
        } else {
            l += take;
            break;
        }
    }
    (out, (i, l), y - top)
}

/// How many lines of `p` from line `from` to place in `room` points (after its space before
/// and top border): all when they fit, else a split leaving two lines on each side, else none.
fn take_lines(p: &Prepared, from: usize, room: f32, force: bool) -> usize {
    let n = p.lines.len();
    let rest = n - from;
    let fits = fit_count(&p.lines[from..], room);
    if fits >= rest && room - p.lines_height(from..n) - p.border_bottom() > -EPS {
        return rest;
    }
    let mut take = fits.min(rest);
    if p.para.border.is_some() {
        take = 0;
    }
    if rest - take < WIDOWS {
        take = rest.saturating_sub(WIDOWS);
    }
    if take < ORPHANS && from == 0 {
        take = 0;
    }
    if take == 0 && force {
        take = fits.clamp(1, rest);
    }
    take
}

impl<'d> Pager<'d> {
    fn page_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    fn number(&self) -> u32 {
        self.pages.len() as u32 + 1
    }

    fn new_page(&mut self) {
        let number = self.number();
        self.pages.push(PageBox {
            number,
            header: None,
            blocks: std::mem::take(&mut self.blocks),
        });
        self.y = self.top;
        self.prev_after = 0.0;
    }

    /// Space before a paragraph placed now: none at the top of a page after the first,
    /// else what its own space before adds to the space after of the one above.
    fn before(&self, p: &Prepared) -> f32 {
        if self.page_empty() && self.number() > 1 {
            0.0
        } else {
            (p.before - self.prev_after).max(0.0)
        }
    }

    /// Room the first lines of a block take, for the keep-with-next paragraph before it.
    fn head(&self, b: &Prep) -> f32 {
        match b {
            Prep::Table(t) => t.rows.first().map_or(0.0, |r| r.height),
            Prep::Para(p) => {
                let n = p.lines.len();
                let k = if n < ORPHANS + WIDOWS { n } else { ORPHANS };
                p.before + p.border_top() + p.lines_height(0..k)
            }
        }
    }

    fn push_table(&mut self, t: &PreparedTable<'d>, top: f32, rows: Vec<RowBox<'d>>) {
        if !rows.is_empty() {
            self.blocks.push(BlockBox::Table(TableBox {
                table: t.table,
                top,
                left: t.left,
                rows,
            }));
        }
    }

    /// Places a table row by row; a row that does not fit is split between pages, each
    /// cell's paragraphs flowing on (rows may break across pages in the DOCX).
    fn place_table(&mut self, t: &PreparedTable<'d>) {
        let mut rows: Vec<RowBox<'d>> = Vec::new();
        let mut table_top = self.y;
        self.prev_after = 0.0;
        for r in &t.rows {
            let mut pos: Vec<Pos> = vec![(0, 0); r.cells.len()];
            let mut continued = false;
            loop {
                let room = self.bottom - self.y;
                let force = self.page_empty() && rows.is_empty();
                let parts: Vec<(Vec<ParaBox<'d>>, Pos, f32)> = r
                    .cells
                    .iter()
                    .zip(&pos)
                    .map(|((_, _, paras), &from)| flow(paras, from, self.y, room, continued, force))
                    .collect();
                let done = parts
                    .iter()
                    .zip(&r.cells)
                    .all(|((_, p, _), (_, _, paras))| p.0 >= paras.len());
                let placed_any = parts.iter().any(|(b, _, _)| !b.is_empty());
                if !placed_any && !done {
                    self.push_table(t, table_top, std::mem::take(&mut rows));
                    self.new_page();
                    table_top = self.y;
                    continued = continued || pos.iter().any(|&p| p != (0, 0));
                    continue;
                }
                let height = if done && !continued {
                    r.height
                } else {
                    parts.iter().map(|(_, _, h)| *h).fold(0.0, f32::max)
                };
                let row_top = self.y;
                let mut cells = Vec::with_capacity(parts.len());
                for (k, ((boxes, p, _), (x, w, _))) in parts.into_iter().zip(&r.cells).enumerate() {
                    pos[k] = p;
                    cells.push(CellBox {
                        left: *x,
                        width: *w,
                        paras: boxes,
                    });
                }
                rows.push(RowBox {
                    top: row_top,
                    height,
                    cells,
                });
                self.y += height;
                if done {
                    break;
                }
                self.push_table(t, table_top, std::mem::take(&mut rows));
                self.new_page();
                table_top = self.y;
                continued = true;
            }
        }
        self.push_table(t, table_top, rows);
        self.prev_after = 0.0;
    }

    fn place_para(&mut self, p: &Prepared<'d>) {
        let n = p.lines.len();
        let mut from = 0;
        loop {
            let before = if from == 0 { self.before(p) } else { 0.0 };
            let border = if from == 0 { p.border_top() } else { 0.0 };
            let room = self.bottom - self.y - before - border;
            let take = take_lines(p, from, room, self.page_empty());
            if take == 0 {
                self.new_page();
                continue;
            }
            let b = p.place(from..from + take, self.y, before, n);
            self.y += b.height();
            self.blocks.push(BlockBox::Para(b));
            from += take;
            if from == n {
                self.prev_after = p.after;
                return;
            }
            self.new_page();
        }
    }
}

/// How many of `lines` fit in `room` points.
fn fit_count(lines: &[LineBox], room: f32) -> usize {
    let mut used = 0.0;
    for (i, l) in lines.iter().enumerate() {
        used += l.height;
        if used > room + EPS {
            return i;
        }
    }
    lines.len()
}

/// Sets and paginates the document.
pub fn paginate<'d>(doc: &'d Document, shaper: &mut Shaper) -> Vec<PageBox<'d>> {
    let pg = &doc.page;
    let left = pt(pg.margin_left);
    let right = pt(pg.width.saturating_sub(pg.margin_right));
    let preps: Vec<Prep<'d>> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => Prep::Para(prepare(doc, p, left, right, shaper, 1)),
            Block::Table(t) => Prep::Table(prepare_table(doc, t, left, shaper)),
        })
        .collect();
    let top = pt(pg.margin_top);
    let mut pager = Pager {
        top,
        bottom: pt(pg.height.saturating_sub(pg.margin_bottom)),
        pages: Vec::new(),
        blocks: Vec::new(),
        y: top,
        prev_after: 0.0,
    };
    for (i, b) in preps.iter().enumerate() {
        match b {
            Prep::Table(t) => pager.place_table(t),
            Prep::Para(p) => {
                if p.style.keep_next && p.para.border.is_none() && !pager.page_empty() {
                    let needed = keep_chain(&pager, &preps[i..]);
                    if pager.y + needed > pager.bottom + EPS {
                        pager.new_page();
                    }
                }
                pager.place_para(p);
            }
        }
    }
    if !pager.blocks.is_empty() || pager.pages.is_empty() {
        pager.new_page();
    }
    let mut pages = pager.pages;
    for page in &mut pages {
        page.header = header(doc, page.number, left, right, shaper);
    }
    pages
}

/// Room a chain of keep-with-next paragraphs needs with the first lines of what follows.
fn keep_chain(pager: &Pager, rest: &[Prep]) -> f32 {
    let mut needed = 0.0;
    for (k, b) in rest.iter().enumerate() {
        match b {
            Prep::Para(p) if p.style.keep_next && p.para.border.is_none() => {
                let before = if k == 0 { pager.before(p) } else { p.before };
                needed += p.height(before);
            }
            other => {
                needed += pager.head(other);
                break;
            }
        }
    }
    needed
}

fn header<'d>(
    doc: &'d Document,
    number: u32,
    left: f32,
    right: f32,
    shaper: &mut Shaper,
) -> Option<ParaBox<'d>> {
    let from = doc.page.number_from_page;
    if from == 0 || number < from {
        return None;
    }
    let p = &doc.page_header;
    let st = style_of(doc, p);
    let lines = set_lines(p, st, left, right, shaper, number);
    let prepared = Prepared::bare(p, st, left, right, lines);
    let n = prepared.lines.len();
    Some(prepared.place(0..n, pt(doc.page.header), 0.0, n))
}
