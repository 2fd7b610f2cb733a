//! What Word expects of a DOCX beyond the schema: Vietnamese proofing, real properties, no empty
//! part, compatibility mode 15; the ordering tables checked against `wml.xsd`; the register's
//! stored DOCX the same as the app's export.

mod common;
#[path = "ooxml/validate.rs"]
mod validate;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use common::*;
use vanthu::draft;
use vanthu::register::Register;
use vanthu::render::ooxml::order::{self, SEQUENCES};

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("time")
}

fn text(parts: &HashMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts.get(name).unwrap_or_else(|| panic!("{name}")).clone()).expect("utf-8")
}

fn package(json: &str, time: DateTime<Utc>) -> HashMap<String, Vec<u8>> {
    let d = draft::from_json(json).expect("valid");
    let doc = vanthu::layout::build(&d).expect("lays out");
    let bytes = vanthu::render::docx::to_bytes_at(&doc, time).expect("renders");
    validate::parts(&bytes).into_iter().collect()
}

fn element_text<'a>(doc: &'a roxmltree::Document, ns: &str, name: &str) -> Option<&'a str> {
    doc.descendants()
        .find(|n| n.has_tag_name((ns, name)))
        .and_then(|n| n.text())
}

const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const EXT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";

#[test]
fn the_package_holds_only_the_parts_it_needs() {
    let parts = package(&example(CONG_VAN), at(1_752_537_600));
    let mut names: Vec<&str> = parts.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/fontTable.xml",
            "word/header1.xml",
            "word/header2.xml",
            "word/settings.xml",
            "word/styles.xml",
        ]
    );
    let rels = text(&parts, "word/_rels/document.xml.rels");
    assert!(!rels.contains("comments"), "{rels}");
}

#[test]
fn word_proofs_the_text_in_vietnamese() {
    let parts = package(&example(CONG_VAN), at(0));
    let styles = text(&parts, "word/styles.xml");
    let doc = roxmltree::Document::parse(&styles).expect("xml");
    let lang = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "rPrDefault")))
        .and_then(|d| d.descendants().find(|n| n.has_tag_name((W, "lang"))))
        .expect("w:lang in the run defaults");
    assert_eq!(wattr(lang, "val"), Some("vi-VN"));
    assert_eq!(wattr(lang, "eastAsia"), Some("en-US"));
    assert_eq!(wattr(lang, "bidi"), Some("ar-SA"));
    // No style or run says otherwise.
    let document = text(&parts, "word/document.xml");
    assert_eq!(styles.matches("<w:lang ").count(), 1, "{styles}");
    assert!(!document.contains("<w:lang "));
}

#[test]
fn core_properties_carry_title_creator_and_time() {
    let time = at(1_752_537_600); // 2025-07-15 00:00:00 UTC
    let parts = package(&example(CONG_VAN), time);
    let core = text(&parts, "docProps/core.xml");
    let doc = roxmltree::Document::parse(&core).expect("xml");
    assert_eq!(
        element_text(&doc, DC, "title"),
        Some("V/v triển khai thực hiện Kế hoạch số 113-KH/TU, ngày 16/5/2023 của Ban Thường vụ Tỉnh ủy về thông tin, tuyên truyền về công tác xây dựng Đảng, xây dựng hệ thống chính trị năm 2023")
    );
    assert_eq!(
        element_text(&doc, DC, "creator"),
        Some("HVĐ"),
        "the drafter"
    );
    assert_eq!(element_text(&doc, DC, "language"), Some("vi-VN"));
    assert_eq!(
        element_text(&doc, DCTERMS, "created"),
        Some("2025-07-15T00:00:00Z")
    );
    assert_eq!(
        element_text(&doc, DCTERMS, "modified"),
        Some("2025-07-15T00:00:00Z")
    );

    // Without a drafter, the issuer; a titled document's title is its type and subject.
    let party = with(&example(KE_HOACH), |v| {
        v["drafter"] = serde_json::Value::Null
    });
    let parts = package(&party, time);
    let core = text(&parts, "docProps/core.xml");
    let doc = roxmltree::Document::parse(&core).expect("xml");
    let d = draft::from_json(&party).expect("valid");
    assert_eq!(
        element_text(&doc, DC, "creator"),
        Some(d.issuer.name.as_str())
    );
    let title = element_text(&doc, DC, "title").expect("title");
    assert!(title.starts_with("Kế hoạch "), "{title}");
}

#[test]
fn a_new_file_is_stamped_now() {
    let d = draft::from_json(&example(CONG_VAN)).expect("valid");
    let before = Utc::now().timestamp();
    let bytes = vanthu::render_docx(&d).expect("renders");
    let after = Utc::now().timestamp();
    let parts = validate::parts(&bytes);
    let core = String::from_utf8(parts["docProps/core.xml"].clone()).expect("utf-8");
    let doc = roxmltree::Document::parse(&core).expect("xml");
    let created = element_text(&doc, DCTERMS, "created").expect("created");
    let t = DateTime::parse_from_rfc3339(created)
        .expect("a time")
        .timestamp();
    assert!(before <= t && t <= after, "{created}");
}

#[test]
fn source_date_epoch_makes_the_command_line_reproducible() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("cv.json");
    std::fs::write(&input, example(CONG_VAN)).expect("write");
    let mut outs = Vec::new();
    for name in ["a.docx", "b.docx"] {
        let out = dir.path().join(name);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_vanthu"))
            .args(["render"])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .env("SOURCE_DATE_EPOCH", "1752537600")
            .status()
            .expect("runs vanthu");
        assert!(status.success());
        outs.push(std::fs::read(&out).expect("read"));
    }
    assert_eq!(outs[0], outs[1], "same input, same epoch: same bytes");
    let core =
        String::from_utf8(validate::parts(&outs[0])["docProps/core.xml"].clone()).expect("utf-8");
    assert!(
        core.contains(">2025-07-15T00:00:00Z</dcterms:created>"),
        "{core}"
    );
}

#[test]
fn app_properties_name_van_thu_and_its_version() {
    let parts = package(&example(CONG_VAN), at(0));
    let app = text(&parts, "docProps/app.xml");
    let doc = roxmltree::Document::parse(&app).expect("xml");
    assert_eq!(element_text(&doc, EXT, "Application"), Some("Văn Thư"));
    let version: Vec<u32> = env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|p| p.parse().expect("number"))
        .collect();
    assert_eq!(
        element_text(&doc, EXT, "AppVersion"),
        Some(format!("{:02}.{:02}{:02}", version[0], version[1], version[2]).as_str())
    );
}

#[test]
fn word_opens_in_its_current_mode() {
    let parts = package(&example(KE_HOACH), at(0));
    let settings = text(&parts, "word/settings.xml");
    let doc = roxmltree::Document::parse(&settings).expect("xml");
    let mode = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "compatSetting")))
        .find(|n| wattr(*n, "name") == Some("compatibilityMode"))
        .expect("compatibilityMode");
    assert_eq!(wattr(mode, "val"), Some("15"));
}

/// Replaces the times in core.xml, which differ between two renders.
fn without_times(core: &str) -> String {
    let mut s = core.to_string();
    for tag in ["dcterms:created", "dcterms:modified"] {
        let open = format!("<{tag} xsi:type=\"dcterms:W3CDTF\">");
        let close = format!("</{tag}>");
        let a = s.find(&open).expect("open tag") + open.len();
        let b = a + s[a..].find(&close).expect("close tag");
        s.replace_range(a..b, "T");
    }
    s
}

#[test]
fn the_register_stores_what_the_app_exports() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut reg = Register::open(&dir.path().join("r.sqlite")).expect("open");
    let d = draft::from_json(&example(CONG_VAN)).expect("valid");
    reg.register_for(d.regime, &d.issuer, false, true)
        .expect("the issuer's register, as the app's first Cấp số creates it");
    let e = reg.issue(None, &d).expect("issue");
    let stored = reg.docx(e.id).expect("read").expect("stored DOCX");
    // What the app exports for the numbered letter: `vanthu::render_docx` of its draft.
    let numbered = draft::from_json(&reg.draft_json(e.id).expect("read").expect("draft"))
        .expect("the stored draft is valid");
    assert_eq!(numbered.number, Some(e.number));
    let exported = vanthu::render_docx(&numbered).expect("renders");

    let (a, b) = (validate::parts(&stored), validate::parts(&exported));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same parts"
    );
    for (name, data) in &a {
        if name == "docProps/core.xml" {
            let (x, y) = (
                String::from_utf8_lossy(data),
                String::from_utf8_lossy(&b[name]),
            );
            assert_eq!(without_times(&x), without_times(&y), "{name}");
        } else {
            assert!(data == &b[name], "{name} differs");
        }
    }
    let document = String::from_utf8_lossy(&a["word/document.xml"]).into_owned();
    assert!(
        document.contains(&e.symbol.replace('&', "&amp;")),
        "the number is printed"
    );

    let mut v = validate::Validator::new();
    v.add("stored", &stored);
    v.add("exported", &exported);
    let (problems, _) = v.run();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The element declarations of `wml.xsd`, flattened by complex type.
struct Wml {
    text: String,
}

struct Decl {
    name: String,
    ty: Option<String>,
}

impl Wml {
    fn load() -> Self {
        let path = validate::schemas_dir().join("ISO-IEC29500-4_2016/wml.xsd");
        Wml {
            text: std::fs::read_to_string(path).expect("wml.xsd in the repository"),
        }
    }

    fn with<R>(&self, f: impl FnOnce(&Schema) -> R) -> R {
        let doc = roxmltree::Document::parse(&self.text).expect("wml.xsd parses");
        let named = |kind: &str| -> HashMap<String, roxmltree::Node> {
            doc.root_element()
                .children()
                .filter(|n| n.has_tag_name((XS, kind)))
                .filter_map(|n| Some((n.attribute("name")?.to_string(), n)))
                .collect()
        };
        let schema = Schema {
            root: doc.root_element(),
            types: named("complexType"),
            groups: named("group"),
        };
        f(&schema)
    }
}

const XS: &str = "http://www.w3.org/2001/XMLSchema";

struct Schema<'a, 'i> {
    root: roxmltree::Node<'a, 'i>,
    types: HashMap<String, roxmltree::Node<'a, 'i>>,
    groups: HashMap<String, roxmltree::Node<'a, 'i>>,
}

impl Schema<'_, '_> {
    /// The child elements of a complex type, in declaration order (base type first).
    fn children(&self, ty: &str) -> Vec<Decl> {
        let mut out = Vec::new();
        let node = *self.types.get(ty).unwrap_or_else(|| panic!("type {ty}"));
        self.particles(node, &mut out);
        out
    }

    fn particles(&self, node: roxmltree::Node, out: &mut Vec<Decl>) {
        for c in node.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "element" => out.push(Decl {
                    name: c
                        .attribute("name")
                        .or(c.attribute("ref"))
                        .expect("name or ref")
                        .to_string(),
                    ty: c.attribute("type").map(str::to_string),
                }),
                "sequence" | "choice" | "all" => self.particles(c, out),
                // Groups and types of other schemas (`m:`…) hold no element the pass orders.
                "group" => {
                    if let Some(g) = c.attribute("ref").and_then(|g| self.groups.get(g)) {
                        self.particles(*g, out);
                    }
                }
                "complexContent" => {
                    for ext in c.children().filter(|n| n.has_tag_name((XS, "extension"))) {
                        if let Some(base) = ext.attribute("base").and_then(|b| self.types.get(b)) {
                            self.particles(*base, out);
                        }
                        self.particles(ext, out);
                    }
                }
                _ => {}
            }
        }
    }

    /// Every complex type's children, and the top-level elements.
    fn all(&self) -> (HashMap<String, Vec<Decl>>, Vec<Decl>) {
        let flat = self
            .types
            .keys()
            .map(|t| (t.clone(), self.children(t)))
            .collect();
        let top = self
            .root
            .children()
            .filter(|n| n.has_tag_name((XS, "element")))
            .map(|n| Decl {
                name: n.attribute("name").unwrap_or_default().to_string(),
                ty: n.attribute("type").map(str::to_string),
            })
            .collect();
        (flat, top)
    }
}

fn is_subsequence(small: &[String], big: &[&str]) -> bool {
    let mut it = big.iter();
    small.iter().all(|s| it.any(|b| b == s))
}

#[test]
fn the_ordering_tables_are_the_schema_s_sequences() {
    Wml::load().with(|schema| {
        for s in SEQUENCES {
            let from_schema: Vec<String> = schema
                .children(s.schema_type)
                .into_iter()
                .map(|d| d.name)
                .collect();
            assert_eq!(
                from_schema, s.children,
                "{} ({}): the table is not the schema's sequence",
                s.element, s.schema_type
            );
        }
    });
}

#[test]
fn every_declaration_of_an_ordered_element_fits_the_table_the_pass_picks() {
    // For every element the pass orders, wherever wml.xsd declares it (at the top or under any
    // parent element), the children its declared type allows come in the order of the table
    // the pass uses under that parent.
    Wml::load().with(|schema| {
        let (flat, top) = schema.all();
        let mut parents_of: HashMap<&str, Vec<&str>> = HashMap::new();
        for d in flat.values().flatten().chain(&top) {
            if let Some(ty) = d.ty.as_deref() {
                parents_of.entry(ty).or_default().push(d.name.as_str());
            }
        }
        let mut uses: Vec<(&str, &str, &str)> = Vec::new(); // (element, its type, parent)
        for d in &top {
            uses.extend(d.ty.as_deref().map(|ty| (d.name.as_str(), ty, "")));
        }
        for (parent_type, decls) in &flat {
            for d in decls {
                let Some(ty) = d.ty.as_deref() else { continue };
                for parent in parents_of.get(parent_type.as_str()).into_iter().flatten() {
                    uses.push((d.name.as_str(), ty, parent));
                }
            }
        }
        let mut checked = 0;
        for (element, ty, parent) in uses {
            if !SEQUENCES.iter().any(|s| s.element == element) || !flat.contains_key(ty) {
                continue;
            }
            let allowed: Vec<String> = flat[ty].iter().map(|d| d.name.clone()).collect();
            let picked = order::sequence_for(element, parent)
                .unwrap_or_else(|| panic!("no table for {element} under {parent}"));
            assert!(
                is_subsequence(&allowed, picked.children),
                "{element} under {parent} is {ty}, whose children do not follow {}",
                picked.schema_type
            );
            checked += 1;
        }
        assert!(checked >= 30, "{checked} declarations checked");
        // A style's paragraph properties (CT_PPrGeneral) get the table without run properties,
        // so docx-rs's empty <w:rPr/> there is dropped.
        for parent in ["style", "pPrDefault"] {
            let t = order::sequence_for("pPr", parent).expect("table");
            assert!(!t.children.contains(&"rPr"), "{parent}");
        }
    });
}
