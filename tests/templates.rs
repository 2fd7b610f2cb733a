//! Templates: every built-in fills with its defaults to a draft that renders to a DOCX meeting
//! its regime's rules; wrong values and broken templates are refused by name and place.

use std::io::Read;

use chrono::NaiveDate;
use vanthu::draft::{self, DraftFile, Regime};
use vanthu::profile::Profile;
use vanthu::templates::{builtin, fill_template, Store, Template, Values, VarValue};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).expect("date")
}

fn builtin_named(name: &str) -> &'static Template {
    builtin::get(name).unwrap_or_else(|| panic!("built-in {name}"))
}

fn fill_default(t: &Template) -> DraftFile {
    let profile = Profile::sample(t.file.regime);
    fill_template(t, &Values::new(), &profile, today())
        .unwrap_or_else(|e| panic!("{}: {e}", t.name()))
}

/// The paragraphs of word/document.xml, as text.
fn paragraphs(docx: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("read");
    let doc = roxmltree::Document::parse(&xml).expect("xml");
    doc.descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|n| n.text())
                .collect::<String>()
        })
        .collect()
}

fn render(f: &DraftFile) -> Vec<String> {
    let d = draft::validate(f).expect("valid draft");
    let bytes = vanthu::render_docx(&d).expect("docx");
    paragraphs(&bytes)
}

/// A symbol line with a blank number: prefix, only spaces, then the symbol.
fn blank_symbol(paras: &[String], prefix: &str, rest: &str) -> bool {
    paras.iter().any(|p| {
        p.strip_prefix(prefix)
            .and_then(|m| m.strip_suffix(rest))
            .is_some_and(|m| !m.is_empty() && m.chars().all(|c| c == ' '))
    })
}

#[test]
fn every_builtin_compiles() {
    for r in builtin::compile_all() {
        r.unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(builtin::all().len() >= 15);
}

#[test]
fn every_builtin_renders_to_a_conforming_docx() {
    for t in builtin::all() {
        let f = fill_default(t);
        let paras = render(&f);
        let name = t.name();
        let rules = vanthu::rules::default_for(t.file.regime);
        let kind = rules.kind(&t.file.kind).expect("kind");
        let has = |s: &str| paras.iter().any(|p| p == s);
        let starts = |s: &str| paras.iter().any(|p| p.starts_with(s));
        // Type name (not on a công văn).
        if t.file.kind == "cong-van" {
            assert!(
                !has(&kind.name.to_uppercase()),
                "{name}: a công văn has no type name"
            );
        } else {
            assert!(
                has(&kind.name.to_uppercase()),
                "{name}: type name {}",
                kind.name.to_uppercase()
            );
        }
        // Symbol form.
        match t.file.regime {
            Regime::State if t.file.kind == "cong-van" => {
                assert!(
                    paras
                        .iter()
                        .any(|p| p.starts_with("Số:") && p.contains("/SVHTTDL-")),
                    "{name}: {paras:?}"
                )
            }
            Regime::State => assert!(
                blank_symbol(&paras, "Số:", &format!("/{}-SVHTTDL", kind.abbr)),
                "{name}: symbol {paras:?}"
            ),
            Regime::Party => assert!(
                blank_symbol(&paras, "Số ", &format!("-{}/TU", kind.abbr)),
                "{name}: symbol {paras:?}"
            ),
        }
        // Signer block: authority line, title, name.
        let s = f.signer.as_ref().expect("signer");
        assert!(has(s.name.as_deref().expect("name")), "{name}: signer name");
        match (t.file.regime, s.authority.as_deref()) {
            (Regime::State, Some(a)) => assert!(starts(&format!("{a}. ")), "{name}: {a}."),
            (Regime::Party, Some(a)) => {
                let p = &a[..1];
                assert!(starts(&format!("{p}/{} ", &a[1..])), "{name}: {a}")
            }
            _ => assert!(
                has(&s.title.clone().expect("title").to_uppercase()),
                "{name}: title"
            ),
        }
        // Nơi nhận and its last line.
        assert!(has("Nơi nhận:"), "{name}: Nơi nhận");
        match t.file.regime {
            Regime::State => assert!(starts("- Lưu: VT"), "{name}: - Lưu: VT"),
            Regime::Party => assert!(has("- Lưu Văn phòng Tỉnh ủy."), "{name}: - Lưu Văn phòng …"),
        }
        // Body ends ./.
        let body = f.body.as_deref().expect("body");
        assert!(body.trim_end().ends_with("./."), "{name}: body ends ./.");
        assert!(unicode_normalization::is_nfc(body), "{name}: NFC");
        // Party headings `I - …`, never `I.`.
        if t.file.regime == Regime::Party && body.contains("\n# ") {
            assert!(body.contains("# I - "), "{name}: Party headings");
        }
    }
}

#[test]
fn filled_drafts_match_their_snapshots() {
    for t in builtin::all() {
        let f = fill_default(t);
        insta::assert_snapshot!(t.name().to_string(), f.to_json());
    }
}

fn values(pairs: &[(&str, &str)]) -> Values {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), VarValue::Text(v.to_string())))
        .collect()
}

fn fill_err(name: &str, v: Values) -> String {
    let t = builtin_named(name);
    let p = Profile::sample(t.file.regime);
    match fill_template(t, &v, &p, today()) {
        Ok(_) => panic!("{name}: accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn wrong_values_are_refused_naming_the_variable() {
    let e = fill_err("giay-moi-hop", values(&[("ngay_hop", "31/02/2025")]));
    assert!(
        e.starts_with("ngay_hop: ") && e.contains("not a date"),
        "{e}"
    );
    let e = fill_err("cong-van-trien-khai", values(&[("van_ban", "  ")]));
    assert!(e.starts_with("van_ban: required"), "{e}");
    let e = fill_err("bao-cao-dinh-ky", values(&[("ky", "quý V")]));
    assert!(e.starts_with("ky: unknown choice \"quý V\""), "{e}");
    let e = fill_err("bao-cao-dinh-ky", values(&[("nam", "hai nghìn")]));
    assert!(e.starts_with("nam: ") && e.contains("whole number"), "{e}");
    let e = fill_err("to-trinh", values(&[("khong_co", "x")]));
    assert!(e.starts_with("khong_co: not a variable"), "{e}");
}

#[test]
fn user_text_comes_out_literally() {
    let nasty = "{{ profile }} {% include \"/etc/passwd\" %} <b>&amp; \"trích\" C:\\tài liệu\\ *đậm* # không";
    let t = builtin_named("cong-van-trien-khai");
    let p = Profile::sample(Regime::State);
    let f = fill_template(
        t,
        &values(&[("trich_yeu_van_ban", nasty), ("van_ban", nasty)]),
        &p,
        today(),
    )
    .expect("fill");
    let paras = render(&f);
    let body_line = paras
        .iter()
        .find(|p| p.starts_with("Thực hiện "))
        .expect("first body paragraph");
    assert!(body_line.contains(nasty), "{body_line}");
    assert!(
        paras
            .iter()
            .any(|p| p.contains(&format!("V/v triển khai thực hiện {nasty}"))),
        "{paras:?}"
    );
}

fn broken(body: &str) -> String {
    format!(
        "format = \"vanthu/template@1\"\nname = \"hong\"\ntitle = \"Mẫu hỏng\"\ndescription = \"\"\nregime = \"state\"\nkind = \"thong-bao\"\n\n[[var]]\nkey = \"a\"\nlabel = \"A\"\ntype = \"text\"\n\n[draft]\nsubject = \"x\"\nbody = '''\n{body}'''\n"
    )
}

fn compile_err(src: &str) -> String {
    match Template::from_source(src, "hong.toml", false) {
        Ok(_) => panic!("accepted: {src}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_templates_are_refused_with_line_and_column() {
    // Body starts on line 16 of the file.
    let e = compile_err(&broken("Dòng một.\n\nXin chào {{ b }}./."));
    assert_eq!(e, "template hong: line 18, column 13 (body): variable `b` is not defined (declare it as a [[var]])");
    let e = compile_err(&broken("Dòng một {% if a %}\n./."));
    assert!(
        e.starts_with("template hong: line 1") && e.contains("(body)"),
        "{e}"
    );
    let e = compile_err(&broken("{{ a | nope }}"));
    assert!(
        e.starts_with("template hong: line 16, column 8 (body): filter `nope` is not allowed"),
        "{e}"
    );
    let e = compile_err(&broken("x\n  {% include \"/etc/passwd\" %}"));
    assert!(
        e.starts_with("template hong: line 17, column 6 (body): tag `include` is not allowed"),
        "{e}"
    );
    let e = compile_err(&broken("{% extends \"a\" %}"));
    assert!(e.contains("tag `extends` is not allowed"), "{e}");
    let e = compile_err("format = \"vanthu/template@1\"\nname = \"hong\"\ntitle = \n");
    assert!(e.starts_with("template hong.toml: line 3, column"), "{e}");
}

#[test]
fn store_saves_imports_exports_and_protects_builtins() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::at(dir.path().join("templates"));
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/cong-van-lang-son-2023.json"
    ))
    .expect("example");
    let d = DraftFile::from_json(&example).expect("draft");
    let marked = vec![
        "subject".to_string(),
        "recipients".to_string(),
        "body".to_string(),
    ];
    let t = store
        .save_from_draft(
            &d,
            "tuyen-truyen",
            Some("Công văn tuyên truyền"),
            &marked,
            false,
        )
        .expect("save");
    assert_eq!(t.file.vars.len(), 3);
    // Filling it with its defaults gives the draft back (issuer and place from the profile).
    let p = Profile::sample(Regime::State);
    let f = fill_template(&t, &Values::new(), &p, today()).expect("fill");
    assert_eq!(f.subject, d.subject);
    assert_eq!(f.body, d.body);
    assert_eq!(f.recipients, d.recipients);
    assert_eq!(f.cc, d.cc);
    // A changed value replaces the default, literally.
    let f =
        fill_template(&t, &values(&[("trich_yeu", "{{ x }} & <y>")]), &p, today()).expect("fill");
    assert_eq!(f.subject.as_deref(), Some("{{ x }} & <y>"));
    // Listed, exported, imported elsewhere.
    assert!(store
        .list()
        .expect("list")
        .iter()
        .any(|i| i.name == "tuyen-truyen" && !i.builtin));
    let out = dir.path().join("x.toml");
    store.export("tuyen-truyen", &out).expect("export");
    let other = Store::at(dir.path().join("other"));
    other.import(&out, false).expect("import");
    assert!(other
        .import(&out, false)
        .expect_err("twice")
        .to_string()
        .contains("already exists"));
    // Built-ins cannot be overwritten, only copied.
    let e = store
        .save_from_draft(&d, "to-trinh", None, &marked, true)
        .expect_err("builtin");
    assert!(e.to_string().contains("built-in"), "{e}");
    let b = dir.path().join("b.toml");
    store.export("to-trinh", &b).expect("export builtin");
    assert!(store
        .import(&b, true)
        .expect_err("builtin")
        .to_string()
        .contains("built-in"));
    let c = store
        .copy("to-trinh", "to-trinh-cua-toi", false)
        .expect("copy");
    assert!(!c.builtin);
    assert_eq!(
        store.get("to-trinh-cua-toi").expect("get").file.title,
        builtin_named("to-trinh").file.title
    );
}

#[test]
fn rendering_errors_name_the_place() {
    let src = broken("Xin chào {{ a }} {{ profile.khong_co }}./.");
    let t = Template::from_source(&src, "hong.toml", false).expect("compiles");
    let p = Profile::sample(Regime::State);
    let e = fill_template(&t, &values(&[("a", "x")]), &p, today())
        .expect_err("undefined field")
        .to_string();
    assert!(
        e.starts_with("template hong: line 16, column ") && e.contains("(body)"),
        "{e}"
    );
    assert!(e.contains("khong_co"), "{e}");
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn any_body_source_is_accepted_or_refused(body in "[ -~\\n{}%#|aéạ]{0,80}") {
            let src = broken(&body);
            if let Ok(t) = Template::from_source(&src, "hong.toml", false) {
                let p = Profile::sample(Regime::State);
                let _ = fill_template(&t, &values(&[("a", "x")]), &p, today());
            }
        }

        #[test]
        fn any_value_fills_or_is_refused(v in "\\PC{0,60}", d in "[0-9/-]{0,12}") {
            let t = builtin_named("giay-moi-hop");
            let p = Profile::sample(Regime::State);
            if let Ok(f) = fill_template(t, &values(&[("cuoc_hop", &v), ("ngay_hop", &d)]), &p, today()) {
                let body = f.body.clone().unwrap_or_default();
                prop_assert!(body.contains(v.trim()));
            }
        }
    }
}

/// Since 1/7/2025 there is no district level and 34 provinces: what a clerk starts from today
/// (every built-in template filled with its defaults, both sample organisations) names no
/// district-level body and no province that was merged away.
#[test]
fn templates_and_sample_organisations_use_todays_administrative_units() {
    use vanthu::lint::names::{provinces, Era};
    let today = provinces(Era::After2025);
    let mut gone: Vec<&str> = vec!["huyện", "quận", "thị xã", "thị trấn", "thị ủy", "quận ủy"];
    let merged: Vec<&str> = provinces(Era::Before2025)
        .into_iter()
        .filter(|p| !today.contains(p))
        .collect();
    // 29 provinces merged into others, and Thừa Thiên Huế is now the city of Huế.
    assert_eq!(merged.len(), 30, "{merged:?}");
    // A double name counts by each half too (`Bà Rịa`, `Vũng Tàu`).
    gone.extend(merged.iter().flat_map(|p| p.split(" - ")));
    let mut texts: Vec<(String, String)> = builtin::all()
        .into_iter()
        .map(|t| {
            let f = fill_default(t);
            (
                t.name().to_string(),
                serde_json::to_string(&f).expect("json"),
            )
        })
        .collect();
    for regime in [Regime::State, Regime::Party] {
        let p = Profile::sample(regime);
        texts.push((
            format!("{regime:?} sample"),
            serde_json::to_string(&p).expect("json"),
        ));
    }
    let mut found = Vec::new();
    for (name, text) in &texts {
        let lower = text.to_lowercase();
        for gone in &gone {
            if lower.contains(&gone.to_lowercase()) {
                found.push(format!("{name}: {gone}"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
