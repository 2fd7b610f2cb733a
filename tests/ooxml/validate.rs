//! An independent check of Office Open XML packages: every XML part, after markup-compatibility
//! processing, validated by libxml2 (`xmllint --schema`) against the ISO/IEC 29500-4:2016
//! transitional schemas in `tests/ooxml/schemas`; and the package's own consistency (content
//! types, relationships, no part left unreferenced).
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const TYPES_NS: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

/// The schema of a part, by the namespace of its root element.
fn schema_for(namespace: &str) -> Option<&'static str> {
    Some(match namespace {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main" => {
            "ISO-IEC29500-4_2016/wml.xsd"
        }
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main" => {
            "ISO-IEC29500-4_2016/sml.xsd"
        }
        "http://schemas.openxmlformats.org/drawingml/2006/main" => {
            "ISO-IEC29500-4_2016/dml-main.xsd"
        }
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" => {
            "ISO-IEC29500-4_2016/shared-documentPropertiesExtended.xsd"
        }
        "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" => {
            "ISO-IEC29500-4_2016/shared-documentPropertiesCustom.xsd"
        }
        TYPES_NS => "ecma/fouth-edition/opc-contentTypes.xsd",
        RELS_NS => "ecma/fouth-edition/opc-relationships.xsd",
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties" => {
            "ecma/fouth-edition/opc-coreProperties.xsd"
        }
        _ => return None,
    })
}

pub fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ooxml/schemas")
}

/// The parts of a package, by name.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read part");
            (f.name().to_string(), data)
        })
        .collect()
}

/// Collects packages, then validates all their parts with one `xmllint` run per schema.
pub struct Validator {
    dir: tempfile::TempDir,
    by_schema: BTreeMap<&'static str, Vec<(PathBuf, String)>>,
    problems: Vec<String>,
    packages: usize,
}

impl Default for Validator {
    fn default() -> Self {
        Self::new()
    }
}

impl Validator {
    pub fn new() -> Self {
        Validator {
            dir: tempfile::tempdir().expect("tempdir"),
            by_schema: BTreeMap::new(),
            problems: Vec::new(),
            packages: 0,
        }
    }

    /// Adds a package (a DOCX or XLSX) under a label used in the messages.
    pub fn add(&mut self, label: &str, bytes: &[u8]) {
        self.packages += 1;
        let parts = parts(bytes);
        self.check_package(label, &parts);
        for (name, data) in &parts {
            if !(name.ends_with(".xml") || name.ends_with(".rels")) {
                continue;
            }
            let text = match std::str::from_utf8(data) {
                Ok(t) => t,
                Err(_) => {
                    self.problems.push(format!("{label}: {name}: not UTF-8"));
                    continue;
                }
            };
            let (namespace, processed) = match markup_compatibility(text) {
                Ok(x) => x,
                Err(e) => {
                    self.problems.push(format!("{label}: {name}: not XML: {e}"));
                    continue;
                }
            };
            let Some(schema) = schema_for(&namespace) else {
                self.problems.push(format!(
                    "{label}: {name}: no schema for namespace {namespace}"
                ));
                continue;
            };
            let file = self.dir.path().join(format!(
                "{:04}-{}",
                self.by_schema.values().map(Vec::len).sum::<usize>(),
                name.replace(['/', '[', ']'], "_")
            ));
            std::fs::write(&file, processed).expect("write part");
            self.by_schema
                .entry(schema)
                .or_default()
                .push((file, format!("{label}: {name}")));
        }
    }

    /// Content types for every part, every relationship target present, every part reached.
    fn check_package(&mut self, label: &str, parts: &BTreeMap<String, Vec<u8>>) {
        let text = |name: &str| {
            parts
                .get(name)
                .map(|d| String::from_utf8_lossy(d).into_owned())
        };
        let Some(types) = text("[Content_Types].xml") else {
            self.problems
                .push(format!("{label}: no [Content_Types].xml"));
            return;
        };
        let types = roxmltree::Document::parse(&types).expect("content types parse");
        let defaults: BTreeSet<String> = types
            .descendants()
            .filter(|n| n.has_tag_name((TYPES_NS, "Default")))
            .filter_map(|n| n.attribute("Extension"))
            .map(|e| e.to_ascii_lowercase())
            .collect();
        let overrides: BTreeSet<String> = types
            .descendants()
            .filter(|n| n.has_tag_name((TYPES_NS, "Override")))
            .filter_map(|n| n.attribute("PartName"))
            .map(|p| p.trim_start_matches('/').to_string())
            .collect();
        for o in &overrides {
            if !parts.contains_key(o) {
                self.problems
                    .push(format!("{label}: content type for a missing part /{o}"));
            }
        }
        let mut reached: BTreeSet<String> = BTreeSet::new();
        for (name, data) in parts {
            if name.ends_with('/') {
                self.problems
                    .push(format!("{label}: a folder entry {name} in the package"));
                continue;
            }
            let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
            if name != "[Content_Types].xml"
                && !overrides.contains(name)
                && !defaults.contains(&ext)
            {
                self.problems
                    .push(format!("{label}: {name} has no content type"));
            }
            if !name.ends_with(".rels") {
                continue;
            }
            let source_dir = match name.strip_suffix(".rels") {
                Some("_rels/") => String::new(),
                Some(n) => {
                    let source = n.replace("_rels/", "");
                    match source.rfind('/') {
                        Some(i) => source[..=i].to_string(),
                        None => String::new(),
                    }
                }
                None => String::new(),
            };
            let rels = String::from_utf8_lossy(data);
            let rels = match roxmltree::Document::parse(&rels) {
                Ok(r) => r,
                Err(e) => {
                    self.problems.push(format!("{label}: {name}: {e}"));
                    continue;
                }
            };
            if rels.root_element().children().all(|c| !c.is_element()) {
                self.problems
                    .push(format!("{label}: {name}: an empty relationships part"));
            }
            for r in rels
                .descendants()
                .filter(|n| n.has_tag_name((RELS_NS, "Relationship")))
            {
                if r.attribute("TargetMode") == Some("External") {
                    continue;
                }
                let target = r.attribute("Target").unwrap_or("");
                let path = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => normalize(&format!("{source_dir}{target}")),
                };
                if !parts.contains_key(&path) {
                    self.problems
                        .push(format!("{label}: {name}: target {target} is missing"));
                }
                reached.insert(path);
            }
        }
        for name in parts.keys() {
            if name != "[Content_Types].xml" && !name.ends_with(".rels") && !reached.contains(name)
            {
                self.problems.push(format!(
                    "{label}: {name} is in the package but no relationship reaches it"
                ));
            }
        }
    }

    /// Runs `xmllint`; returns every problem found (empty: all valid), and how many parts
    /// were validated.
    pub fn run(self) -> (Vec<String>, usize) {
        let mut problems = self.problems;
        let mut count = 0;
        for (schema, files) in &self.by_schema {
            count += files.len();
            let out = Command::new("xmllint")
                .arg("--noout")
                .arg("--nonet")
                .arg("--schema")
                .arg(schemas_dir().join(schema))
                .args(files.iter().map(|(f, _)| f))
                .output()
                .unwrap_or_else(|e| {
                    panic!(
                        "xmllint cannot be run ({e}): install libxml2-utils (bash scripts/setup.sh)"
                    )
                });
            let stderr = String::from_utf8_lossy(&out.stderr);
            let label_of = |line: &str| {
                files
                    .iter()
                    .find(|(f, _)| line.starts_with(&*f.to_string_lossy()))
                    .map(|(f, l)| (f.to_string_lossy().into_owned(), l.clone()))
            };
            let mut validated = 0;
            for line in stderr.lines() {
                if line.ends_with(" validates") {
                    validated += 1;
                    continue;
                }
                match label_of(line) {
                    Some((f, l)) => problems.push(format!("{l}{}", &line[f.len()..])),
                    None => problems.push(format!("{schema}: {line}")),
                }
            }
            if validated != files.len() && problems.is_empty() {
                problems.push(format!(
                    "{schema}: xmllint said {validated} of {} parts validate (exit {:?})",
                    files.len(),
                    out.status.code()
                ));
            }
        }
        (problems, count)
    }

    pub fn packages(&self) -> usize {
        self.packages
    }
}

fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            ".." => {
                out.pop();
            }
            "." | "" => {}
            s => out.push(s),
        }
    }
    out.join("/")
}

/// Markup-compatibility processing as a consumer does it (ECMA-376 Part 3): elements and
/// attributes of the namespaces listed in `mc:Ignorable` dropped, `mc:AlternateContent`
/// replaced by the content of its `mc:Fallback`, other `mc:` markup dropped. Returns the root's
/// namespace and the processed part.
pub fn markup_compatibility(xml: &str) -> Result<(String, String), roxmltree::Error> {
    let doc = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            ..Default::default()
        },
    )?;
    let root = doc.root_element();
    let mut ignorable: BTreeSet<String> = BTreeSet::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        if let Some(list) = n.attribute((MC, "Ignorable")) {
            for prefix in list.split_whitespace() {
                if let Some(uri) = n.lookup_namespace_uri(Some(prefix)) {
                    ignorable.insert(uri.to_string());
                }
            }
        }
    }
    let mut out = String::with_capacity(xml.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_node(root, None, &ignorable, &mut out);
    Ok((root.tag_name().namespace().unwrap_or("").to_string(), out))
}

fn qname(node: roxmltree::Node, namespace: Option<&str>, local: &str) -> String {
    match namespace {
        None => local.to_string(),
        Some(XML_NS) => format!("xml:{local}"),
        Some(uri) => match node.lookup_prefix(uri) {
            Some(p) if !p.is_empty() => format!("{p}:{local}"),
            _ => local.to_string(),
        },
    }
}

fn escape(s: &str, out: &mut String) {
    let mut bytes = Vec::with_capacity(s.len());
    vanthu::render::ooxml::properties::escape_into(&mut bytes, s);
    out.push_str(&String::from_utf8_lossy(&bytes));
}

fn write_node(
    node: roxmltree::Node,
    parent: Option<roxmltree::Node>,
    ignorable: &BTreeSet<String>,
    out: &mut String,
) {
    if node.is_text() {
        escape(node.text().unwrap_or(""), out);
        return;
    }
    if !node.is_element() {
        return;
    }
    let ns = node.tag_name().namespace();
    if ns.is_some_and(|n| ignorable.contains(n)) {
        return;
    }
    if ns == Some(MC) {
        if node.tag_name().name() == "AlternateContent" {
            if let Some(fallback) = node.children().find(|c| c.has_tag_name((MC, "Fallback"))) {
                for c in fallback.children() {
                    write_node(c, parent, ignorable, out);
                }
            }
        }
        return;
    }
    let name = qname(node, ns, node.tag_name().name());
    out.push('<');
    out.push_str(&name);
    // Namespace declarations: those in scope here and not in the parent's scope (all of them
    // on the root), so that prefixed values such as xsi:type="dcterms:W3CDTF" still resolve.
    for n in node.namespaces() {
        let declared_above = parent.is_some_and(|p| {
            p.namespaces()
                .any(|pn| pn.name() == n.name() && pn.uri() == n.uri())
        });
        if declared_above || n.name() == Some("xml") {
            continue;
        }
        match n.name() {
            Some(p) => out.push_str(&format!(" xmlns:{p}=\"")),
            None => out.push_str(" xmlns=\""),
        }
        escape(n.uri(), out);
        out.push('"');
    }
    for a in node.attributes() {
        let ans = a.namespace();
        if ans.is_some_and(|n| n == MC || ignorable.contains(n)) {
            continue;
        }
        out.push(' ');
        out.push_str(&qname(node, ans, a.name()));
        out.push_str("=\"");
        escape(a.value(), out);
        out.push('"');
    }
    out.push('>');
    for c in node.children() {
        write_node(c, Some(node), ignorable, out);
    }
    out.push_str("</");
    out.push_str(&name);
    out.push('>');
}
