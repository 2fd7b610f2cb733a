//! Property tests: random drafts and random markup never make the core panic (DOCX, preview
//! and PDF).

mod common;
use common::*;
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[\\*#\\-\\\\ \nđĐaăâếỹ_]{0,60}",
        "(\\*\\*|\\*|\\\\\\*|# |## |### |- |\n\n|\n|Điều 1\\.|ỦY BAN|[a-zđ ]{1,8}){0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn markup_never_panics_and_keeps_the_letters(body in any_text()) {
        let blocks = vanthu::markup::parse(&body);
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
        let kept: usize = blocks.iter().map(|b| letters(&b.plain_text())).sum();
        prop_assert_eq!(kept, letters(&body));
    }

    #[test]
    fn random_field_values_never_panic(
        body in any_text(),
        subject in any_text(),
        name in any_text(),
        number in prop_oneof![Just(serde_json::Value::Null), any::<i64>().prop_map(Into::into)],
        date in prop_oneof![Just("2024-02-29".to_string()), "[0-9\\-]{0,12}"],
        kind in prop_oneof![Just("cong-van".to_string()), Just("quyet-dinh".to_string()), "[a-z\\-]{0,12}"],
        regime in prop_oneof![Just("state".to_string()), Just("party".to_string()), ".{0,5}"],
        recipients in proptest::collection::vec(any_text(), 0..4),
        cc in proptest::collection::vec(any_text(), 0..4),
        urgency in prop_oneof![Just(serde_json::Value::Null), Just("khan".into()), Just("x".into())],
    ) {
        let json = with(&example(CONG_VAN), |v| {
            v["body"] = body.into();
            v["subject"] = subject.into();
            v["signer"]["name"] = name.into();
            v["number"] = number;
            v["date"] = date.into();
            v["kind"] = kind.into();
            v["regime"] = regime.into();
            v["recipients"] = recipients.into();
            v["cc"] = cc.into();
            v["urgency"] = urgency;
        });
        if let Ok(d) = vanthu::draft::from_json(&json) {
            let bytes = vanthu::render_docx(&d);
            prop_assert!(bytes.is_ok());
            // The typesetter behind the preview and the PDF takes the same drafts.
            let doc = vanthu::layout::build(&d).expect("laid out as for the DOCX");
            let preview = vanthu::render::html::render(&doc);
            prop_assert!(preview.pages >= 1);
            if let Ok(pdf) = vanthu::render_pdf(&d) {
                prop_assert_eq!(pdf.pages, preview.pages);
            }
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = vanthu::draft::from_bytes(&bytes);
    }

    #[test]
    fn truncations_of_a_good_draft_never_panic(cut in 0usize..10_000) {
        let text = example(KE_HOACH);
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) { cut -= 1; }
        let r = vanthu::draft::from_json(&text[..cut]);
        prop_assert!(r.is_err() || cut == text.len());
    }
}
