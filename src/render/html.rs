//! The HTML preview: the typesetter's pages (the same line and page breaks as the PDF) written
//! as HTML.
//!
//! A4 pages at their real size in points (the UI scales them), Times New Roman with the
//! metric-compatible Liberation Serif as fallback, the styles' sizes, weights, alignment,
//! indents and spacing, the drawn lines and frames, and the header and signature tables. Each
//! paragraph holds the lines [`crate::typeset`] broke it into, so the browser does not wrap
//! them again; page numbers print from the page the rules say (page 2 for both regimes).

use std::fmt::Write as _;

use crate::layout::{Border, Document, TableRole};
use crate::rules::Align;
use crate::typeset::{self, BlockBox, LineBox, ParaBox, TableBox, Typeset};

/// The font stack of every page.
pub const FONT_STACK: &str = "'Times New Roman', 'Liberation Serif', Tinos, serif";

/// Word's left and right cell padding, twips.
const CELL_PAD: u32 = typeset::CELL_PADDING_TWIPS;

/// A rendered preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Html {
    /// The pages: a `<div class="vt-doc">` holding one `<section class="vt-page">` per page.
    pub html: String,
    /// How many pages.
    pub pages: u32,
}

/// Renders the laid-out document as HTML pages (a fragment, styled inline), typeset with the
/// system's fonts, or with the built-in Times New Roman widths where they are missing.
pub fn render(doc: &Document) -> Html {
    render_typeset(&typeset::typeset_or_builtin(doc))
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

/// Writes typeset pages as HTML.
pub fn render_typeset(set: &Typeset) -> Html {
    let doc = set.doc;
    let p = &doc.page;
    let n = set.pages.len();
    let mut html = String::with_capacity(16 * 1024 * n.max(1));
    let _ = write!(
        html,
        "<div class=\"vt-doc\" data-pages=\"{n}\" lang=\"vi\" style=\"font-family:{FONT_STACK};color:#000\">"
    );
    for page in &set.pages {
        let number = page.number;
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
        if let Some(h) = &page.header {
            let _ = write!(
                html,
                "<div class=\"vt-page-number\" style=\"position:absolute;top:{};left:{};right:{};\
                 text-align:{};font-size:{};line-height:{}\">",
                pts(h.top),
                pts(pt(p.margin_left)),
                pts(pt(p.margin_right)),
                align_css(h.para.align.unwrap_or(h.style.align)),
                pts(h.style.half_points as f32 / 2.0),
                pts(h.lines.first().map_or(0.0, |l| l.height)),
            );
            for l in &h.lines {
                line_runs(&mut html, l);
            }
            html.push_str("</div>");
        }
        for b in &page.blocks {
            match b {
                BlockBox::Para(pb) => para_html(&mut html, pb),
                BlockBox::Table(t) => table_html(&mut html, t),
            }
        }
        html.push_str("</section>");
    }
    html.push_str("</div>");
    Html {
        html,
        pages: n as u32,
    }
}

fn table_html(out: &mut String, t: &TableBox) {
    let total: u32 = t.table.columns.iter().sum();
    let _ = write!(
        out,
        "<table class=\"vt-table vt-{}\" style=\"width:{};table-layout:fixed;border-collapse:collapse;margin:0 0 0 {}\"><colgroup>",
        match t.table.role {
            TableRole::Header => "header",
            TableRole::Signature => "signature",
        },
        pts(pt(total)),
        pts(t.table.indent as f32 / 20.0),
    );
    for &w in &t.table.columns {
        let _ = write!(out, "<col style=\"width:{}\">", pts(pt(w)));
    }
    out.push_str("</colgroup>");
    for row in &t.rows {
        let _ = write!(out, "<tr style=\"height:{}\">", pts(row.height));
        for c in &row.cells {
            let _ = write!(
                out,
                "<td style=\"vertical-align:top;padding:0 {};width:{}\">",
                pts(pt(CELL_PAD)),
                pts(c.width - 2.0 * pt(CELL_PAD))
            );
            for pb in &c.paras {
                para_html(out, pb);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// Writes a paragraph (or its part on a page) with its lines.
fn para_html(out: &mut String, pb: &ParaBox) {
    let p = pb.para;
    let s = pb.style;
    if p.border == Some(Border::Bottom) {
        let _ = write!(
            out,
            "<div class=\"vt-rule\" style=\"margin:0 {} 0 {};height:{};border-bottom:{} solid #000\"></div>",
            pts(pt(p.indent_right.unwrap_or(0))),
            pts(pt(p.indent_left.unwrap_or(0))),
            pts(pb.lines.iter().map(|l| l.height).sum::<f32>() + typeset::BORDER_SPACE_PT),
            pts(typeset::BORDER_PT),
        );
        return;
    }
    let size = s.half_points as f32 / 2.0;
    let line_height = pb.lines.first().map_or(size, |l| l.height);
    let align = p.align.unwrap_or(s.align);
    let mut css = format!(
        "margin:0;font-size:{};line-height:{};text-align:{};",
        pts(size),
        pts(line_height),
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
    if pb.starts {
        let indent: i64 = match (p.hanging, p.first_line) {
            (Some(h), _) => -i64::from(h),
            (None, Some(f)) => i64::from(f),
            (None, None) => i64::from(s.first_line),
        };
        if indent != 0 {
            let _ = write!(css, "text-indent:{};", pts(indent as f32 / 20.0));
        }
    }
    let frame = p.border == Some(Border::Frame);
    if frame {
        let _ = write!(
            css,
            "border:0.5pt solid #000;padding:1pt 4pt;margin-top:{};margin-bottom:{};",
            pts(pb.space_before),
            pts(pb.space_after)
        );
    } else {
        if pb.space_before > 0.0 {
            let _ = write!(css, "padding-top:{};", pts(pb.space_before));
        }
        if pb.space_after > 0.0 {
            let _ = write!(css, "padding-bottom:{};", pts(pb.space_after));
        }
    }
    // Word keeps runs of spaces (the blank number `Số:      /…`, `ngày    tháng`), and the
    // lines are the typesetter's: the browser, whose font metrics differ by a hair, must
    // not wrap them again.
    css.push_str("white-space:pre;");
    let _ = write!(out, "<p class=\"vt-p vt-{}\" style=\"{css}\">", s.id);
    match pb.lines.as_slice() {
        [only] if !only.justified => line_runs(out, only),
        lines => {
            for (i, l) in lines.iter().enumerate() {
                out.push_str("<span class=\"vt-l\" style=\"display:block");
                if i > 0 || !pb.starts {
                    out.push_str(";text-indent:0");
                }
                if l.justified {
                    out.push_str(";text-align-last:justify");
                }
                out.push_str("\">");
                line_runs(out, l);
                out.push_str("</span>");
            }
        }
    }
    if pb
        .lines
        .iter()
        .all(|l| l.pieces.iter().all(|x| x.text.trim().is_empty()))
    {
        out.push('\u{a0}');
    }
    out.push_str("</p>");
}

/// The space a line was broken at: kept in the text (copying the preview, or reading its text,
/// gives the words apart) but collapsible, so it takes no room at the end of the line.
const BREAK_SPACE: &str = "<span style=\"white-space:normal\"> </span>";

/// The runs of a line, bold and italic overrides as spans; the spaces that end the line become
/// one [`BREAK_SPACE`] (under `white-space:pre` they would shift a centred or justified line).
fn line_runs(out: &mut String, l: &LineBox) {
    let last = l
        .pieces
        .iter()
        .rposition(|p| !p.text.trim_end_matches(' ').is_empty());
    let broken_at_space = last.is_some() && l.pieces.last().is_some_and(|p| p.text.ends_with(' '));
    for (i, piece) in l.pieces.iter().enumerate() {
        let text = match last {
            Some(n) if i == n => piece.text.trim_end_matches(' '),
            Some(n) if i > n => continue,
            _ => piece.text.as_str(),
        };
        let mut css = String::new();
        match piece.bold {
            Some(true) => css.push_str("font-weight:bold;"),
            Some(false) => css.push_str("font-weight:normal;"),
            None => {}
        }
        match piece.italic {
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
    if broken_at_space {
        out.push_str(BREAK_SPACE);
    }
}

#[cfg(test)]
/// The text of an HTML fragment: tags dropped, a line's element ending a word.
pub(crate) fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::draft::from_json;
    use crate::layout::build;
    use crate::rules::Element;

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

    /// The browser shows the typesetter's lines as they are: no paragraph may wrap again (a
    /// hair of difference in the browser's font made a justified line spill its last word),
    /// and no line keeps the spaces it was broken at.
    #[test]
    fn lines_are_the_typesetters_and_never_wrap_again() {
        let h = render(&draft(&long_body(3), "")).html;
        assert!(!h.contains("pre-wrap"), "a paragraph may wrap");
        let lines: Vec<&str> = h.split("<span class=\"vt-l\"").skip(1).collect();
        assert!(lines.len() > 10, "{} lines", lines.len());
        for l in lines {
            let start = l.find('>').expect("tag") + 1;
            let end = l[start..].find('<').expect("closed") + start;
            let text = &l[start..end];
            assert!(!text.ends_with(' '), "a line ends with a space: {text}");
        }
        // The words stay apart in the text: the break space is there, only collapsible.
        assert!(h.matches(BREAK_SPACE).count() >= 6);
        // What a browser's textContent gives: the tags dropped, nothing added.
        let content = |h: &str| {
            let mut out = String::new();
            let mut in_tag = false;
            for c in h.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out
        };
        let one = long_body(1);
        assert!(content(&h).contains(&one), "{}", content(&h));
        let glued = h.replace(BREAK_SPACE, "");
        assert!(
            !content(&glued).contains(&one),
            "the test sees the break spaces"
        );
    }

    #[test]
    fn blanks_keep_their_spaces() {
        let json = r#"{"format":"vanthu/draft@1","regime":"state","kind":"cong-van",
            "issuer":{"name":"SỞ NỘI VỤ","code":"SNV"},"place":"Hà Nội","year":2024,
            "subject":"x","recipients":["A"],"body":"y","signer":{"title":"GIÁM ĐỐC","name":"A B"}}"#;
        let h = render(&build(&from_json(json).unwrap()).unwrap()).html;
        assert!(h.contains("white-space:pre;"));
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
        // Every word of the body is printed exactly as often as it was typed (the lines are
        // elements of their own: compare the text without the markup).
        assert_eq!(
            text_of(&h.html)
                .matches("tuyên truyền cổ động trực quan.")
                .count(),
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
                format!("{} ", text_of(body))
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
