//! Every Office Open XML package the project writes validates against the ISO/IEC 29500-4:2016
//! transitional schemas (libxml2's `xmllint --schema`, after markup-compatibility processing):
//! documents of every type of both regimes, every built-in template, edge drafts, an issued
//! letter, the printable register and the Excel register. Needs `xmllint` (libxml2-utils,
//! installed by scripts/setup.sh); without it the tests fail.

mod common;
#[path = "ooxml/validate.rs"]
mod validate;

use chrono::NaiveDate;
use common::*;
use validate::Validator;
use vanthu::draft::{self, Draft, Regime};
use vanthu::profile::Profile;
use vanthu::register::{ExportFormat, ExportSpec, Register};
use vanthu::rules;
use vanthu::templates::{builtin, fill_template, Values};

fn assert_valid(v: Validator, at_least: usize) {
    let packages = v.packages();
    let (problems, parts) = v.run();
    assert!(
        problems.is_empty(),
        "{} problem(s) in {packages} packages:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        packages >= at_least && parts >= packages * 6,
        "{packages} packages, {parts} parts validated"
    );
    eprintln!("{packages} packages, {parts} XML parts: all valid");
}

fn render(json: &str) -> Vec<u8> {
    let d = draft::from_json(json).unwrap_or_else(|e| panic!("valid draft: {e}"));
    vanthu::render_docx(&d).expect("renders")
}

/// A draft of every type of both regimes, numbered and dated.
fn every_kind() -> Vec<(String, Draft)> {
    let mut out = Vec::new();
    for regime in [Regime::State, Regime::Party] {
        let profile = Profile::sample(regime);
        for k in &rules::default_for(regime).kinds {
            let mut f = vanthu::skeleton::skeleton(&profile, &k.slug, 2025).expect("skeleton");
            f.number = Some(12);
            f.date = Some("2025-07-15".into());
            let d = draft::validate(&f).unwrap_or_else(|e| panic!("{}: {e}", k.slug));
            out.push((format!("{}/{}", regime.as_str(), k.slug), d));
        }
    }
    out
}

/// Edge drafts: blank number and date, every mark, three pages, 50 recipients, Party letters.
fn edge_drafts() -> Vec<(&'static str, String)> {
    let cong_van = example(CONG_VAN);
    let para = "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ và tình hình thực tế để tổ chức tuyên truyền bằng các hình thức phù hợp, thiết thực, hiệu quả.";
    vec![
        ("sample: Lạng Sơn (blank number and date)", cong_van.clone()),
        ("sample: Bình Định (Party)", example(KE_HOACH)),
        (
            "marks: urgency, secrecy, circulation",
            with(&cong_van, |v| {
                v["urgency"] = "hoa-toc".into();
                v["secrecy"] = "toi-mat".into();
                v["circulation"] = "Xem xong trả lại nơi gửi".into();
                v["number"] = 3.into();
                v["date"] = "2025-07-15".into();
            }),
        ),
        (
            "three pages",
            with(&cong_van, |v| {
                let body: Vec<String> = (1..=22).map(|i| format!("{i}. {para} {para}")).collect();
                v["body"] = (body.join("\n\n") + "./.").into();
            }),
        ),
        (
            "50 recipients",
            with(&cong_van, |v| {
                let r: Vec<String> = (1..=50)
                    .map(|i| format!("Ủy ban nhân dân xã số {i}"))
                    .collect();
                v["recipients"] = r.into();
            }),
        ),
        (
            "Party: marks and blank number",
            with(&example(KE_HOACH), |v| {
                v["number"] = serde_json::Value::Null;
                v["date"] = serde_json::Value::Null;
                v["year"] = 2025.into();
                v["urgency"] = "khan".into();
                v["secrecy"] = "mat".into();
            }),
        ),
    ]
}

#[test]
fn documents_of_every_type_and_edge_drafts_are_schema_valid() {
    let mut v = Validator::new();
    let kinds = every_kind();
    assert!(kinds.len() >= 29 + 20, "{} kinds", kinds.len());
    for (label, d) in &kinds {
        v.add(label, &vanthu::render_docx(d).expect("renders"));
    }
    for (label, json) in edge_drafts() {
        v.add(label, &render(&json));
    }
    assert_valid(v, kinds.len() + 6);
}

#[test]
fn every_builtin_template_is_schema_valid() {
    let mut v = Validator::new();
    let today = NaiveDate::from_ymd_opt(2025, 7, 15).expect("date");
    let all = builtin::all();
    assert!(all.len() >= 15, "{} built-in templates", all.len());
    for t in &all {
        let profile = Profile::sample(t.file.regime);
        let f = fill_template(t, &Values::new(), &profile, today)
            .unwrap_or_else(|e| panic!("{}: {e}", t.name()));
        let d = draft::validate(&f).unwrap_or_else(|e| panic!("{}: {e}", t.name()));
        v.add(
            &format!("template {}", t.name()),
            &vanthu::render_docx(&d).expect("renders"),
        );
    }
    assert_valid(v, all.len());
}

/// A register as the app's first *Cấp số* creates it, with two letters issued.
fn register_with_letters(dir: &std::path::Path) -> (Register, i64) {
    let mut reg = Register::open(&dir.join("register.sqlite")).expect("open register");
    let letter = draft::from_json(&with(&example(CONG_VAN), |v| {
        v["date"] = "2025-07-15".into();
    }))
    .expect("valid");
    reg.register_for(letter.regime, &letter.issuer, false, true)
        .expect("the issuer's register");
    let first = reg.issue(None, &letter).expect("issue");
    let mut second = letter.clone();
    second.subject = Some("mời họp <giao ban> & tổng kết".into());
    second.date = NaiveDate::from_ymd_opt(2025, 7, 16);
    reg.issue(None, &second).expect("issue");
    (reg, first.id)
}

#[test]
fn the_register_s_packages_are_schema_valid() {
    let dir = tempfile::tempdir().expect("tmp");
    let (reg, id) = register_with_letters(dir.path());
    let mut v = Validator::new();
    let stored = reg.docx(id).expect("read").expect("a stored DOCX");
    v.add("issued letter (stored in the register)", &stored);
    let spec = ExportSpec {
        year: Some(2025),
        ..Default::default()
    };
    for (format, name) in [
        (ExportFormat::Docx, "register.docx"),
        (ExportFormat::Xlsx, "register.xlsx"),
    ] {
        let out = dir.path().join(name);
        assert_eq!(reg.export(&spec, format, &out).expect("export"), 2);
        v.add(name, &std::fs::read(&out).expect("read export"));
    }
    let empty = dir.path().join("empty.docx");
    let none = ExportSpec {
        year: Some(2001),
        ..Default::default()
    };
    assert_eq!(
        reg.export(&none, ExportFormat::Docx, &empty)
            .expect("export"),
        0
    );
    v.add(
        "empty printable register",
        &std::fs::read(&empty).expect("read"),
    );
    assert_valid(v, 4);
}

/// A package rebuilt from parts.
fn zip_parts(parts: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        std::io::Write::write_all(&mut z, data).expect("write");
    }
    z.finish().expect("zip").into_inner()
}

/// Replaces the first `from` in a part.
fn edit(parts: &mut std::collections::BTreeMap<String, Vec<u8>>, part: &str, from: &str, to: &str) {
    let text = String::from_utf8(parts[part].clone()).expect("utf-8");
    assert!(text.contains(from), "{part} has no {from}");
    parts.insert(part.into(), text.replacen(from, to, 1).into_bytes());
}

#[test]
fn the_validator_rejects_the_faults_the_issue_found() {
    // A valid letter with the faults docx-rs wrote put back, one per part: the validator must
    // report each, naming package and part.
    let mut parts = validate::parts(&render(&example(CONG_VAN)));
    edit(
        &mut parts,
        "word/document.xml",
        r#"<w:pStyle w:val="VtCoQuanChuQuan" />"#,
        r#"<w:rPr /><w:pStyle w:val="VtCoQuanChuQuan" />"#,
    );
    edit(
        &mut parts,
        "word/document.xml",
        r#"<w:gridCol w:w="3828" />"#,
        r#"<w:gridCol w:w="3828" w:type="dxa" />"#,
    );
    edit(
        &mut parts,
        "word/settings.xml",
        r#"<w:zoom w:percent="100" />"#,
        "",
    );
    edit(
        &mut parts,
        "word/settings.xml",
        "<w:compat>",
        r#"<w:zoom w:percent="100" /><w:compat>"#,
    );
    edit(
        &mut parts,
        "word/styles.xml",
        "<w:basedOn",
        "<w:qFormat /><w:basedOn",
    );
    edit(
        &mut parts,
        "word/header1.xml",
        "<w:pStyle",
        "<w:rPr /><w:pStyle",
    );
    let mut v = Validator::new();
    v.add("faulty", &zip_parts(&parts));
    let (problems, _) = v.run();
    let all = problems.join("\n");
    for (part, element) in [
        ("word/document.xml", "pStyle"),
        ("word/document.xml", "gridCol"),
        ("word/settings.xml", "zoom"),
        ("word/styles.xml", "basedOn"),
        ("word/header1.xml", "pStyle"),
    ] {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(&format!("faulty: {part}")) && p.contains(element)),
            "no problem about {element} in {part}:\n{all}"
        );
    }
}

#[test]
fn the_validator_rejects_a_part_without_a_schema_and_a_dangling_relationship() {
    let good = render(&example(CONG_VAN));
    let mut parts = validate::parts(&good);
    parts.insert(
        "word/extra.xml".into(),
        br#"<x:extra xmlns:x="urn:example"/>"#.to_vec(),
    );
    parts.remove("word/header2.xml");
    let mut v = Validator::new();
    v.add("tampered", &zip_parts(&parts));
    let (problems, _) = v.run();
    let all = problems.join("\n");
    assert!(all.contains("no schema for namespace urn:example"), "{all}");
    assert!(all.contains("target header2.xml is missing"), "{all}");
    assert!(
        all.contains("word/extra.xml is in the package but no relationship reaches it"),
        "{all}"
    );
}
