//! Fuzz-ish property tests (issue 16): the draft reader, the body markup, the template engine
//! and the checker on random input never panic, never hang, and what they accept renders as
//! well-formed XML. Each property runs a bounded number of cases, the whole file in seconds.

use proptest::prelude::*;
use vanthu::{draft, lint, markup, templates};

/// Characters that have broken things: controls Word pastes, noncharacters, invisible and
/// no-break spaces, XML specials, markup, combining marks, Vietnamese letters.
fn hostile_text() -> impl Strategy<Value = String> {
    // What no document can carry (and arbitrary strings, which often hold it) comes
    // rarely, so that most cases get past validation and are rendered.
    let refused = prop_oneof![
        Just("\u{7}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{fffe}".to_string()),
        Just("\u{ffff}".to_string()),
        any::<String>(),
    ];
    let normalised = prop_oneof![
        Just("\u{b}".to_string()),
        Just("\u{c}".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{301}".to_string()),
        Just("<&>\"'".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just("\\".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n# ".to_string()),
        Just("\n- ".to_string()),
        Just("{{ x }}".to_string()),
        Just("{% for i in range(end=9) %}".to_string()),
        Just("{% endfor %}".to_string()),
        "[a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵA-ZĐ ]{1,12}",
    ];
    let piece = prop_oneof![1 => refused, 30 => normalised];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

fn example() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/cong-van-lang-son-2023.json"
    ))
    .expect("example");
    serde_json::from_str(&text).expect("json")
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// A draft with hostile text in its fields is either refused with field errors or renders
    /// to a DOCX whose document part is well-formed XML.
    #[test]
    fn the_draft_reader_accepts_only_what_renders(
        subject in hostile_text(),
        body in hostile_text(),
        place in hostile_text(),
    ) {
        let mut v = example();
        v["subject"] = format!("Về việc {subject}").into();
        v["body"] = format!("Đoạn mở đầu. {body}").into();
        v["place"] = format!("Lạng Sơn{place}").into();
        let json = serde_json::to_string(&v).expect("json");
        let parsed = draft::from_json(&json);
        if let Ok(d) = parsed {
            let bytes = vanthu::render_docx(&d).expect("a valid draft renders");
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("part"), &mut xml)
                .expect("utf-8");
            prop_assert!(roxmltree::Document::parse(&xml).is_ok(), "not well-formed");
        }
    }

    /// Raw bytes through the reader: an error or a draft, never a panic.
    #[test]
    fn the_draft_reader_survives_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = draft::from_bytes(&bytes);
    }

    /// The body markup parses anything, and its plain text keeps every letter.
    #[test]
    fn the_body_markup_parses_anything(body in hostile_text()) {
        let blocks = markup::parse(&body);
        for b in &blocks {
            let _ = b.plain_text();
        }
    }

    /// The checker never panics and its offsets point at its excerpts.
    #[test]
    fn the_checker_is_sound_on_anything(text in hostile_text()) {
        let chars: Vec<char> = text.chars().collect();
        for f in lint::check_text(&text) {
            prop_assert!(f.start <= f.end && f.end <= chars.len());
            prop_assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.excerpt);
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// A template whose body is random tera text compiles or is refused, and filling it
    /// finishes (within its budget) with a draft or an error.
    #[test]
    fn the_template_engine_finishes_on_anything(body in hostile_text(), value in hostile_text()) {
        let source = format!(
            "format = \"vanthu/template@1\"\nname = \"thu\"\ntitle = \"Thử\"\ndescription = \"Thử.\"\n\
             regime = \"state\"\nkind = \"cong-van\"\n\n[[var]]\nkey = \"x\"\nlabel = \"X\"\ntype = \"long_text\"\n\n\
             [draft]\nsubject = \"thử\"\nrecipients = [\"Sở Tài chính\"]\nbody = {}\n",
            toml_string(&body)
        );
        if let Ok(t) = templates::Template::from_source(&source, "fuzz.toml", false) {
            let mut values = templates::Values::new();
            values.insert("x".into(), templates::VarValue::Text(value));
            let profile = vanthu::profile::Profile::sample(vanthu::draft::Regime::State);
            let today = chrono::NaiveDate::from_ymd_opt(2025, 5, 6).expect("date");
            let started = std::time::Instant::now();
            let _ = templates::fill_template(&t, &values, &profile, today);
            prop_assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
        }
    }
}

/// A TOML basic string holding `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
