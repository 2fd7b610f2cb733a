//! Helpers shared by the integration tests: render a draft and read the DOCX back.
#![allow(dead_code, missing_docs)]

pub mod cli;
pub mod db;

use std::io::Read;
use std::path::{Path, PathBuf};

pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

pub fn example(name: &str) -> String {
    std::fs::read_to_string(examples_dir().join(name)).expect("example exists")
}

pub const CONG_VAN: &str = "cong-van-lang-son-2023.json";
pub const KE_HOACH: &str = "ke-hoach-binh-dinh-2023.json";

/// The parts of a rendered DOCX, as text.
pub struct Docx {
    pub document: String,
    pub styles: String,
    pub settings: String,
    pub headers: Vec<(String, String)>,
    pub names: Vec<String>,
}

pub fn unzip(bytes: &[u8]) -> Docx {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut read = |name: &str| -> Option<String> {
        let mut f = z.by_name(name).ok()?;
        let mut s = String::new();
        f.read_to_string(&mut s).expect("utf-8 part");
        Some(s)
    };
    let document = read("word/document.xml").expect("document.xml");
    let styles = read("word/styles.xml").expect("styles.xml");
    let settings = read("word/settings.xml").unwrap_or_default();
    let mut headers = Vec::new();
    for i in 1..=4 {
        let n = format!("word/header{i}.xml");
        if let Some(h) = read(&n) {
            headers.push((n, h));
        }
    }
    let names = (0..z.len())
        .map(|i| z.by_index(i).expect("entry").name().to_string())
        .collect();
    Docx {
        document,
        styles,
        settings,
        headers,
        names,
    }
}

pub fn render_json(json: &str) -> Docx {
    let d = vanthu::draft::from_json(json).expect("valid draft");
    unzip(&vanthu::render_docx(&d).expect("renders"))
}

pub fn with(json: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("json");
    edit(&mut v);
    serde_json::to_string(&v).expect("json")
}

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Attribute `w:name` of a node.
pub fn wattr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

pub fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

/// The text of a paragraph (`w:t` joined; `w:br` as newline).
pub fn para_text(p: roxmltree::Node) -> String {
    let mut s = String::new();
    for d in p.descendants() {
        if d.has_tag_name((W, "t")) {
            s.push_str(d.text().unwrap_or(""));
        } else if d.has_tag_name((W, "br")) {
            s.push('\n');
        }
    }
    s
}

/// A paragraph read back: style id, text, and its own properties.
#[derive(Debug, Clone)]
pub struct P {
    pub style: String,
    pub text: String,
    pub in_table: Option<(usize, usize, usize)>,
    pub borders: Vec<String>,
    pub ind_left: Option<i64>,
    pub ind_right: Option<i64>,
    pub align: Option<String>,
    pub bold_runs: Vec<String>,
}

pub fn paragraphs(xml: &str) -> Vec<P> {
    let doc = roxmltree::Document::parse(xml).expect("xml");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .expect("body");
    let mut out = Vec::new();
    let mut table_no = 0;
    for block in body.children().filter(|n| n.is_element()) {
        if block.has_tag_name((W, "p")) {
            out.push(read_p(block, None));
        } else if block.has_tag_name((W, "tbl")) {
            for (r, row) in block
                .children()
                .filter(|n| n.has_tag_name((W, "tr")))
                .enumerate()
            {
                for (c, cell) in row
                    .children()
                    .filter(|n| n.has_tag_name((W, "tc")))
                    .enumerate()
                {
                    for p in cell.children().filter(|n| n.has_tag_name((W, "p"))) {
                        out.push(read_p(p, Some((table_no, r, c))));
                    }
                }
            }
            table_no += 1;
        }
    }
    out
}

fn read_p(p: roxmltree::Node, in_table: Option<(usize, usize, usize)>) -> P {
    let ppr = child(p, "pPr");
    let style = ppr
        .and_then(|x| child(x, "pStyle"))
        .and_then(|s| wattr(s, "val"))
        .unwrap_or("")
        .to_string();
    let borders = ppr
        .and_then(|x| child(x, "pBdr"))
        .map(|b| {
            b.children()
                .filter(|c| {
                    c.is_element() && wattr(*c, "val").is_some_and(|v| v != "nil" && v != "none")
                })
                .map(|c| c.tag_name().name().to_string())
                .collect()
        })
        .unwrap_or_default();
    let ind = ppr.and_then(|x| child(x, "ind"));
    let num = |n: Option<roxmltree::Node>, a: &str| {
        n.and_then(|n| wattr(n, a)).and_then(|v| v.parse().ok())
    };
    let bold_runs = p
        .children()
        .filter(|r| r.has_tag_name((W, "r")))
        .filter(|r| child(*r, "rPr").and_then(|x| child(x, "b")).is_some())
        .map(para_text)
        .collect();
    P {
        style,
        text: para_text(p),
        in_table,
        borders,
        ind_left: num(ind, "left").or(num(ind, "start")),
        ind_right: num(ind, "right").or(num(ind, "end")),
        align: ppr
            .and_then(|x| child(x, "jc"))
            .and_then(|j| wattr(j, "val"))
            .map(str::to_string),
        bold_runs,
    }
}

/// A style read back from styles.xml.
#[derive(Debug, Clone, Default)]
pub struct S {
    pub id: String,
    pub name: String,
    pub half_points: Option<u32>,
    pub bold: bool,
    pub italic: bool,
    pub underline: Option<String>,
    pub align: Option<String>,
    pub fonts: Vec<(String, String)>,
    pub first_line: Option<i64>,
    pub before: Option<i64>,
    pub line: Option<i64>,
}

pub fn styles(xml: &str) -> Vec<S> {
    let doc = roxmltree::Document::parse(xml).expect("xml");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .map(|s| {
            let rpr = child(s, "rPr");
            let ppr = child(s, "pPr");
            let on = |name: &str| {
                rpr.and_then(|r| child(r, name))
                    .is_some_and(|b| wattr(b, "val").is_none_or(|v| v != "false" && v != "0"))
            };
            S {
                id: wattr(s, "styleId").unwrap_or("").into(),
                name: child(s, "name")
                    .and_then(|n| wattr(n, "val"))
                    .unwrap_or("")
                    .into(),
                half_points: rpr
                    .and_then(|r| child(r, "sz"))
                    .and_then(|z| wattr(z, "val"))
                    .and_then(|v| v.parse().ok()),
                bold: on("b"),
                italic: on("i"),
                underline: rpr
                    .and_then(|r| child(r, "u"))
                    .and_then(|u| wattr(u, "val"))
                    .map(str::to_string),
                align: ppr
                    .and_then(|p| child(p, "jc"))
                    .and_then(|j| wattr(j, "val"))
                    .map(str::to_string),
                fonts: rpr
                    .and_then(|r| child(r, "rFonts"))
                    .map(|f| {
                        f.attributes()
                            .map(|a| (a.name().to_string(), a.value().to_string()))
                            .collect()
                    })
                    .unwrap_or_default(),
                first_line: ppr
                    .and_then(|p| child(p, "ind"))
                    .and_then(|i| wattr(i, "firstLine"))
                    .and_then(|v| v.parse().ok()),
                before: ppr
                    .and_then(|p| child(p, "spacing"))
                    .and_then(|i| wattr(i, "before"))
                    .and_then(|v| v.parse().ok()),
                line: ppr
                    .and_then(|p| child(p, "spacing"))
                    .and_then(|i| wattr(i, "line"))
                    .and_then(|v| v.parse().ok()),
            }
        })
        .collect()
}

pub fn style<'a>(all: &'a [S], id: &str) -> &'a S {
    all.iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("style {id} missing"))
}

/// Whether a program is on the PATH.
pub fn have(bin: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {bin}")])
        .output()
        .is_ok_and(|o| o.status.success())
}
