//! The HTML preview: a second renderer over the same layout model as the DOCX.
//!
//! A4 pages at their real size in points (the UI scales them), Times New Roman with the
//! metric-compatible Liberation Serif as fallback, the styles' sizes, weights, alignment,
//! indents and spacing, the drawn lines and frames, and the header and signature tables.
//! Page breaks are estimated: each paragraph is wrapped word by word with
//! [`crate::layout::text_width`] and its lines stacked at the style's line height; a paragraph
//! that does not fit is split between pages (keeping two lines on each side, as Word does).
//! Page numbers print from the page the rules say (page 2 for both regimes).

use std::fmt::Write as _;

use crate::layout::{text_width, Block, Border, Document, Para, Run, Style, Table};
use crate::rules::{Align, Element};

/// The font stack of every page.
pub const FONT_STACK: &str = "'Times New Roman', 'Liberation Serif', Tinos, serif";

/// Height of one line at single spacing, in ems (Times New Roman: ascent + descent + gap).
const LINE_EM: f32 = 1.15;

/// Word's left and right cell padding, twips.
const CELL_PAD: u32 = 108;

/// A rendered preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Html {
    /// The pages: a `<div class="vt-doc">` holding one `<section class="vt-page">` per page.
    pub html: String,
    /// How many pages.
    pub pages: u32,
}

/// Renders the laid-out document as HTML pages (a fragment, styled inline).
pub fn render(doc: &Document) -> Html {
    let mut r = Renderer::new(doc);
    for (i, b) in doc.blocks.iter().enumerate() {
        let next = doc.blocks.get(i + 1);
        r.block(b, next);
    }
    r.finish()
}

/// A standalone HTML file of the preview (for saving or a browser).
pub fn standalone(doc: &Document) -> String {
    let h = render(doc);
    format!(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"background:#e8e8e8;margin:0\">{}</body></html>\n",
        escape(&doc.title),
        h.html
    )
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn pt(twips: u32) -> f32 {
    twips as f32 / 20.0
}

/// `12.5pt`, trimmed.
fn pts(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}pt")
}

fn align_css(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Both => "justify",
    }
}

/// One wrapped line: its runs (no breaks), and whether a hard break ends it.
#[derive(Debug, Clone)]
struct Line {
    runs: Vec<Run>,
    hard_break: bool,
}

/// The style values a paragraph resolves to, in points.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    size: f32,
    bold: bool,
    italic: bool,
    line_height: f32,
    before: f32,
    after: f32,
}

fn default_style() -> Style {
    Style {
        element: Element::Body,
        id: "Normal",
        name: String::new(),
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
    }
}

struct Renderer<'a> {
    doc: &'a Document,
    fallback: Style,
    /// Height of the text area, points.
    avail: f32,
    /// Finished pages' inner HTML.
    pages: Vec<String>,
    /// The page being filled.
    cur: String,
    /// Height used on the page being filled, points.
    y: f32,
}

impl<'a> Renderer<'a> {
    fn new(doc: &'a Document) -> Self {
        let p = &doc.page;
        Renderer {
            doc,
            fallback: default_style(),
            avail: pt(p.height.saturating_sub(p.margin_top + p.margin_bottom)),
            pages: Vec::new(),
            cur: String::new(),
            y: 0.0,
        }
    }

    fn style(&self, e: Element) -> &Style {
        self.doc.style(e).unwrap_or(&self.fallback)
    }

    fn metrics(&self, p: &Para) -> Metrics {
        let s = self.style(p.element);
        let size = s.half_points as f32 / 2.0;
        let (line_height, before, after) = match p.border {
            Some(Border::Bottom) => (1.0, 0.0, 0.0),
            _ => (
                size * LINE_EM * s.line as f32 / 240.0,
                pt(p.before.unwrap_or(s.before)),
                pt(s.after),
            ),
        };
        Metrics {
            size,
            bold: s.bold,
            italic: s.italic,
            line_height,
            before,
            after,
        }
    }

    /// Width available to the paragraph's text in a room of `room` twips.
    fn widths(&self, p: &Para, room: u32) -> (u32, u32) {
        let s = self.style(p.element);
        let w = room
            .saturating_sub(p.indent_left.unwrap_or(0))
            .saturating_sub(p.indent_right.unwrap_or(0));
        let first = match (p.hanging, p.first_line) {
            (Some(h), _) => w + h,
            (None, Some(f)) => w.saturating_sub(f),
            (None, None) => w.saturating_sub(s.first_line),
        };
        (first.max(1), w.max(1))
    }

    /// Wraps a paragraph into lines, word by word, at the style's size.
    fn wrap(&self, p: &Para, room: u32) -> Vec<Line> {
        let m = self.metrics(p);
        let (first_w, rest_w) = self.widths(p, room);
        let mut lines = Vec::new();
        let mut cur: Vec<Run> = Vec::new();
        let mut used = 0u32;
        let limit = |n: usize| if n == 0 { first_w } else { rest_w };
        for r in &p.runs {
            match r {
                Run::Break => {
                    lines.push(Line {
                        runs: std::mem::take(&mut cur),
                        hard_break: true,
                    });
                    used = 0;
                }
                Run::PageNumber => cur.push(Run::PageNumber),
                Run::Text { text, bold, italic } => {
                    let b = bold.unwrap_or(m.bold);
                    let i = italic.unwrap_or(m.italic);
                    for word in text.split_inclusive(' ') {
                        let w = text_width(word, m.size, b, i);
                        let w_fit = text_width(word.trim_end(), m.size, b, i);
                        if used > 0 && used + w_fit > limit(lines.len()) {
                            lines.push(Line {
                                runs: std::mem::take(&mut cur),
                                hard_break: false,
                            });
                            used = 0;
                        }
                        used += w;
                        match cur.last_mut() {
                            Some(Run::Text {
                                text: t,
                                bold: pb,
                                italic: pi,
                            }) if pb == bold && pi == italic => t.push_str(word),
                            _ => cur.push(Run::Text {
                                text: word.to_string(),
                                bold: *bold,
                                italic: *italic,
                            }),
                        }
                    }
                }
            }
        }
        lines.push(Line {
            runs: cur,
            hard_break: false,
        });
        lines
    }

    fn para_height(&self, p: &Para, room: u32) -> f32 {
        let m = self.metrics(p);
        let n = self.wrap(p, room).len() as f32;
        let frame = if p.border == Some(Border::Frame) {
            3.0
        } else {
            0.0
        };
        m.before + n * m.line_height + m.after + frame
    }

    fn table_height(&self, t: &Table) -> f32 {
        t.rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&t.columns)
                    .map(|(c, &w)| {
                        let room = w.saturating_sub(2 * CELL_PAD);
                        c.paras
                            .iter()
                            .map(|p| self.para_height(p, room))
                            .sum::<f32>()
                    })
                    .fold(0.0, f32::max)
            })
            .sum()
    }

    /// Height of what must stay with a keep-with-next paragraph: the next block's first lines.
    fn head_height(&self, b: &Block) -> f32 {
        let tw = self.doc.page.text_width();
        match b {
            Block::Table(t) => self.table_height(t),
            Block::Para(p) => {
                let m = self.metrics(p);
                let n = self.wrap(p, tw).len().min(2) as f32;
                m.before + n * m.line_height
            }
        }
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.cur));
        self.y = 0.0;
    }

    fn block(&mut self, b: &Block, next: Option<&Block>) {
        let tw = self.doc.page.text_width();
        match b {
            Block::Table(t) => {
                let h = self.table_height(t);
                if self.y > 0.0 && self.y + h > self.avail {
                    self.new_page();
                }
                let mut html = String::new();
                self.table_html(&mut html, t);
                self.cur.push_str(&html);
                self.y += h;
            }
            Block::Para(p) => {
                let m = self.metrics(p);
                let lines = self.wrap(p, tw);
                let total = self.para_height(p, tw);
                let keep = self.style(p.element).keep_next && p.border.is_none();
                let with_next = if keep {
                    next.map(|n| self.head_height(n)).unwrap_or(0.0)
                } else {
                    0.0
                };
                if self.y + total + with_next <= self.avail || (self.y == 0.0 && lines.len() < 4) {
                    let mut html = String::new();
                    self.para_html(&mut html, p, None, true, true);
                    self.cur.push_str(&html);
                    self.y += total;
                    return;
                }
                if keep && self.y > 0.0 && self.y + total <= self.avail {
                    // Fits, but its follower would not: move both to the next page.
                    self.new_page();
                    self.block(b, next);
                    return;
                }
                self.split(p, lines, m);
            }
        }
    }

    /// Places a paragraph that does not fit, line by line, over as many pages as it needs.
    fn split(&mut self, p: &Para, lines: Vec<Line>, m: Metrics) {
        let mut rest: &[Line] = &lines;
        let mut first = true;
        loop {
            let before = if first { m.before } else { 0.0 };
            let room = ((self.avail - self.y - before) / m.line_height)
                .floor()
                .max(0.0) as usize;
            let left = rest.len();
            if room >= left {
                let mut html = String::new();
                self.para_html(&mut html, p, Some(rest), first, true);
                self.cur.push_str(&html);
                self.y += before + left as f32 * m.line_height + m.after;
                return;
            }
            // Widow and orphan control: two lines at least on each side of the break.
            let take = if left - room < 2 {
                room.saturating_sub(2 - (left - room))
            } else {
                room
            };
            if take < 2 {
                if self.y == 0.0 {
                    // A page holds fewer than two lines: place what fits anyway.
                    let take = room.max(1).min(left);
                    let mut html = String::new();
                    self.para_html(&mut html, p, Some(&rest[..take]), first, take == left);
                    self.cur.push_str(&html);
                    rest = &rest[take..];
                    first = false;
                    if rest.is_empty() {
                        return;
                    }
                }
                self.new_page();
                continue;
            }
            let mut html = String::new();
            self.para_html(&mut html, p, Some(&rest[..take]), first, false);
            self.cur.push_str(&html);
            rest = &rest[take..];
            first = false;
            self.new_page();
        }
    }

    fn finish(mut self) -> Html {
        if !self.cur.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let p = &self.doc.page;
        let n = self.pages.len();
        let mut html =
            String::with_capacity(self.pages.iter().map(String::len).sum::<usize>() + 2048);
        let _ = write!(
            html,
            "<div class=\"vt-doc\" data-pages=\"{n}\" lang=\"vi\" style=\"font-family:{FONT_STACK};color:#000\">"
        );
        for (i, body) in self.pages.iter().enumerate() {
            let number = i as u32 + 1;
            let _ = write!(
                html,
                "<section class=\"vt-page\" data-page=\"{number}\" style=\"position:relative;box-sizing:border-box;\
                 width:{};height:{};padding:{} {} {} {};background:#fff;overflow:hidden\">",
                pts(pt(p.width)),
                pts(pt(p.height)),
                pts(pt(p.margin_top)),
                pts(pt(p.margin_right)),
                pts(pt(p.margin_bottom)),
                pts(pt(p.margin_left)),
            );
            if number >= p.number_from_page.max(1) && p.number_from_page > 0 {
                let s = self.style(self.doc.page_header.element);
                let _ = write!(
                    html,
                    "<div class=\"vt-page-number\" style=\"position:absolute;top:{};left:{};right:{};\
                     text-align:{};font-size:{}\">{number}</div>",
                    pts(pt(p.header)),
                    pts(pt(p.margin_left)),
                    pts(pt(p.margin_right)),
                    align_css(self.doc.page_header.align.unwrap_or(s.align)),
                    pts(s.half_points as f32 / 2.0),
                );
            }
            html.push_str(body);
            html.push_str("</section>");
        }
        html.push_str("</div>");
        Html {
            html,
            pages: n as u32,
        }
    }

    fn table_html(&self, out: &mut String, t: &Table) {
        let total: u32 = t.columns.iter().sum();
        let _ = write!(
            out,
            "<table class=\"vt-table vt-{}\" style=\"width:{};table-layout:fixed;border-collapse:collapse;margin:0\"><colgroup>",
            match t.role {
                crate::layout::TableRole::Header => "header",
                crate::layout::TableRole::Signature => "signature",
            },
            pts(pt(total))
        );
        for &w in &t.columns {
            let _ = write!(out, "<col style=\"width:{}\">", pts(pt(w)));
        }
        out.push_str("</colgroup>");
        for row in &t.rows {
            out.push_str("<tr>");
            for (c, &w) in row.iter().zip(&t.columns) {
                let _ = write!(
                    out,
                    "<td style=\"vertical-align:top;padding:0 {};width:{}\">",
                    pts(pt(CELL_PAD)),
                    pts(pt(w.saturating_sub(2 * CELL_PAD)))
                );
                for p in &c.paras {
                    self.para_html(out, p, None, true, true);
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
    }

    /// Writes a paragraph, or the fragment `lines` of it (`first`/`last`: whether the fragment
    /// starts or ends the paragraph).
    fn para_html(
        &self,
        out: &mut String,
        p: &Para,
        lines: Option<&[Line]>,
        first: bool,
        last: bool,
    ) {
        let s = self.style(p.element);
        let m = self.metrics(p);
        if p.border == Some(Border::Bottom) {
            let _ = write!(
                out,
                "<div class=\"vt-rule\" style=\"margin:0 {} 0 {};height:1pt;border-bottom:0.5pt solid #000\"></div>",
                pts(pt(p.indent_right.unwrap_or(0))),
                pts(pt(p.indent_left.unwrap_or(0))),
            );
            return;
        }
        let align = p.align.unwrap_or(s.align);
        let mut css = format!(
            "margin:0;font-size:{};line-height:{};text-align:{};",
            pts(m.size),
            pts(m.line_height),
            align_css(align)
        );
        if s.bold {
            css.push_str("font-weight:bold;");
        }
        if s.italic {
            css.push_str("font-style:italic;");
        }
        if s.underline {
            css.push_str("text-decoration:underline;");
        }
        let left = p.indent_left.unwrap_or(0);
        let right = p.indent_right.unwrap_or(0);
        if left > 0 {
            let _ = write!(css, "margin-left:{};", pts(pt(left)));
        }
        if right > 0 {
            let _ = write!(css, "margin-right:{};", pts(pt(right)));
        }
        if first {
            let indent: i64 = match (p.hanging, p.first_line) {
                (Some(h), _) => -i64::from(h),
                (None, Some(f)) => i64::from(f),
                (None, None) => i64::from(s.first_line),
            };
            if indent != 0 {
                let _ = write!(css, "text-indent:{};", pts(indent as f32 / 20.0));
            }
        }
        let (pad_top, pad_bottom) = (
            if first { m.before } else { 0.0 },
            if last { m.after } else { 0.0 },
        );
        let frame = p.border == Some(Border::Frame);
        if frame {
            let _ = write!(
                css,
                "border:0.5pt solid #000;padding:1pt 4pt;margin-top:{};margin-bottom:{};",
                pts(pad_top),
                pts(pad_bottom)
            );
        } else {
            if pad_top > 0.0 {
                let _ = write!(css, "padding-top:{};", pts(pad_top));
            }
            if pad_bottom > 0.0 {
                let _ = write!(css, "padding-bottom:{};", pts(pad_bottom));
            }
        }
        if !last && align == Align::Both {
            css.push_str("text-align-last:justify;");
        }
        // Word keeps runs of spaces (the blank number `Số:      /…`, `ngày    tháng`).
        css.push_str("white-space:pre-wrap;");
        let _ = write!(out, "<p class=\"vt-p vt-{}\" style=\"{css}\">", s.id);
        let page = self.pages.len() + 1;
        match lines {
            None => runs_html(out, &p.runs, page),
            Some(lines) => {
                for (i, l) in lines.iter().enumerate() {
                    runs_html(out, &l.runs, page);
                    if l.hard_break && i + 1 < lines.len() {
                        out.push_str("<br>");
                    }
                }
            }
        }
        if p.runs.is_empty() || p.plain_text().trim().is_empty() {
            out.push('\u{a0}');
        }
        out.push_str("</p>");
    }
}

fn runs_html(out: &mut String, runs: &[Run], page: usize) {
    for r in runs {
        match r {
            Run::Break => out.push_str("<br>"),
            Run::PageNumber => {
                let _ = write!(out, "{page}");
            }
            Run::Text { text, bold, italic } => {
                let mut css = String::new();
                match bold {
                    Some(true) => css.push_str("font-weight:bold;"),
                    Some(false) => css.push_str("font-weight:normal;"),
                    None => {}
                }
                match italic {
                    Some(true) => css.push_str("font-style:italic;"),
                    Some(false) => css.push_str("font-style:normal;"),
                    None => {}
                }
                if css.is_empty() {
                    out.push_str(&escape(text));
                } else {
                    let _ = write!(out, "<span style=\"{css}\">{}</span>", escape(text));
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::draft::from_json;
    use crate::layout::build;

    fn draft(body: &str, extra: &str) -> Document {
        let json = format!(
            r#"{{"format":"vanthu/draft@1","regime":"state","kind":"cong-van",
            "issuer":{{"parent":"UBND TỈNH LẠNG SƠN","name":"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH","code":"SVHTTDL"}},
            "unit_code":"QLVHGĐ","number":5,"place":"Lạng Sơn","date":"2024-02-05",
            "subject":"tăng cường <công tác> văn thư","recipients":["Các phòng thuộc Sở","Văn phòng Sở"],
            "body":{},"signer":{{"authority":"KT","on_behalf_of":"GIÁM ĐỐC","title":"PHÓ GIÁM ĐỐC","name":"Phan Văn Hòa"}},
            "cc":["Như trên"],"archive":"VT"{extra}}}"#,
            serde_json::to_string(body).unwrap()
        );
        build(&from_json(&json).unwrap()).unwrap()
    }

    fn long_body(paras: usize) -> String {
        let p = "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ và tình hình thực tế của cơ quan, đơn vị để tổ chức tuyên truyền bằng các hình thức phù hợp như tuyên truyền thông qua các phương tiện thông tin đại chúng, trên internet, mạng xã hội, tuyên truyền cổ động trực quan.";
        vec![p; paras].join("\n\n")
    }

    #[test]
    fn a_short_letter_is_one_a4_page_in_times() {
        let h = render(&draft("Nội dung **quan trọng** và *nghiêng*.", ""));
        assert_eq!(h.pages, 1);
        assert!(
            h.html.contains("width:595.3pt;height:841.9pt"),
            "A4 in points"
        );
        assert!(
            h.html.contains("padding:56.7pt 42.5pt 56.7pt 85.05pt"),
            "margins 20/15/20/30 mm"
        );
        assert!(h.html.contains("'Times New Roman', 'Liberation Serif'"));
        assert!(h.html.contains("Số: 05/SVHTTDL-QLVHGĐ"));
        assert!(h.html.contains("Lạng Sơn, ngày 05 tháng 02 năm 2024"));
        assert!(h.html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(h
            .html
            .contains("<span style=\"font-weight:bold;\">quan trọng</span>"));
        assert!(h
            .html
            .contains("<span style=\"font-style:italic;\">nghiêng</span>"));
        assert!(!h.html.contains("vt-page-number"), "no number on page 1");
        assert_eq!(
            h.html.matches("<table").count(),
            2,
            "header and signature tables"
        );
        assert!(h.html.contains("class=\"vt-rule\""), "the drawn lines");
    }

    #[test]
    fn styles_come_from_the_rules() {
        let doc = draft("Đoạn văn.", "");
        let h = render(&doc).html;
        let body = doc.style(Element::Body).unwrap();
        let size = pts(body.half_points as f32 / 2.0);
        let needle = format!("vt-VtNoiDung\" style=\"margin:0;font-size:{size};");
        assert!(h.contains(&needle), "{needle}");
        assert!(h.contains("text-align:justify"));
        assert!(h.contains(&format!("text-indent:{}", pts(pt(body.first_line)))));
        let national = doc.style(Element::National).unwrap();
        assert!(national.bold);
        assert!(h.contains("vt-VtQuocHieu\" style=\"margin:0;font-size:"));
    }

    #[test]
    fn blanks_keep_their_spaces() {
        let json = r#"{"format":"vanthu/draft@1","regime":"state","kind":"cong-van",
            "issuer":{"name":"SỞ NỘI VỤ","code":"SNV"},"place":"Hà Nội","year":2024,
            "subject":"x","recipients":["A"],"body":"y","signer":{"title":"GIÁM ĐỐC","name":"A B"}}"#;
        let h = render(&build(&from_json(json).unwrap()).unwrap()).html;
        assert!(h.contains("white-space:pre-wrap"));
        let blank = &crate::rules::default_for(crate::Regime::State).symbol.blank;
        assert!(h.contains(&format!("Số: {blank}/SNV")));
    }

    #[test]
    fn text_is_escaped() {
        let h = render(&draft("a < b & \"c\"", "")).html;
        assert!(h.contains("V/v tăng cường &lt;công tác&gt; văn thư"));
        assert!(h.contains("a &lt; b &amp; &quot;c&quot;"));
        assert!(!h.contains("<công"));
    }

    #[test]
    fn several_recipients_hang_under_kinh_gui() {
        let h = render(&draft("x", "")).html;
        assert!(h.contains("Kính gửi: - Các phòng thuộc Sở;"));
        assert!(h.contains("- Văn phòng Sở."));
        assert!(h.contains("text-indent:-"), "hanging indent");
    }

    #[test]
    fn long_drafts_break_into_numbered_pages() {
        let doc = draft(&long_body(30), "");
        let h = render(&doc);
        assert!(h.pages >= 3, "{} pages", h.pages);
        assert_eq!(
            h.html.matches("<section class=\"vt-page\"").count() as u32,
            h.pages
        );
        assert_eq!(h.html.matches("vt-page-number").count() as u32, h.pages - 1);
        assert!(h.html.contains("data-page=\"2\""));
        assert!(h.html.contains(">2</div>"));
        // Every word of the body is printed exactly as often as it was typed.
        assert_eq!(
            h.html.matches("tuyên truyền cổ động trực quan.").count(),
            30
        );
        // No page holds more than fits: at 14 pt × 1.15 lines, about 40 lines of body.
        for page in h.html.split("<section").skip(1) {
            assert!(
                page.matches("vt-VtNoiDung").count() <= 12,
                "too many paragraphs on a page"
            );
        }
    }

    #[test]
    fn a_paragraph_longer_than_a_page_is_split_and_justified_to_the_break() {
        let one = long_body(1).replace("\n\n", " ");
        let huge = vec![one.as_str(); 25].join(" ");
        let h = render(&draft(&huge, ""));
        assert!(h.pages >= 2);
        assert!(h.html.contains("text-align-last:justify"));
        let words_in = huge.split_whitespace().count();
        let text: String = h
            .html
            .split("vt-VtNoiDung")
            .skip(1)
            .map(|s| {
                let body = &s[s.find('>').unwrap() + 1..s.find("</p>").unwrap()];
                format!("{body} ")
            })
            .collect();
        assert_eq!(
            text.split_whitespace().count(),
            words_in,
            "no word lost or doubled at the break"
        );
    }

    #[test]
    fn frames_and_marks() {
        let h = render(&draft(
            "x",
            r#","urgency":"khan","circulation":"Lưu hành nội bộ""#,
        ))
        .html;
        assert!(h.contains("border:0.5pt solid #000;padding:1pt 4pt"));
        assert!(h.contains(">KHẨN</p>"));
        assert!(h.contains(">LƯU HÀNH NỘI BỘ</p>"));
    }

    #[test]
    fn standalone_is_a_whole_document() {
        let s = standalone(&draft("x", ""));
        assert!(s.starts_with("<!doctype html>"));
        assert!(s.contains("<html lang=\"vi\">"));
        assert!(s.contains("<meta charset=\"utf-8\">"));
    }

    #[test]
    fn the_example_letter_lays_out_over_several_pages() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/cong-van-lang-son-2023.json"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let h = render(&build(&from_json(&text).unwrap()).unwrap());
        // The LibreOffice rendering of this letter has 3 pages.
        assert!((3..=4).contains(&h.pages), "{} pages", h.pages);
    }
}
