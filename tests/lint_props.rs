//! Property tests: the checker never panics and its offsets always point at the excerpt.

use proptest::prelude::*;
use vanthu::lint;

fn assert_sound(text: &str, f: &[lint::Finding]) {
    let chars: Vec<char> = text.chars().collect();
    for x in f {
        assert!(x.start <= x.end && x.end <= chars.len(), "{x:?}");
        assert_eq!(chars[x.start..x.end].iter().collect::<String>(), x.excerpt);
    }
}

/// Text biased towards what the rules look at: Vietnamese letters, marks, markup, spaces.
fn vietnamese_text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("số".to_string()),
            Just("Số:".to_string()),
            Just("KT.".to_string()),
            Just("K/T".to_string()),
            Just("Công văn số 12".to_string()),
            Just("/QĐ-UBND".to_string()),
            Just(", ngày 05/3/2024 của".to_string()),
            Just("nhân dân".to_string()),
            Just("hóa hoá".to_string()),
            Just("pa-nô pano".to_string()),
            Just("**".to_string()),
            Just("*".to_string()),
            Just("# ".to_string()),
            Just("\\".to_string()),
            Just("\n".to_string()),
            Just("\n- Lưu: VT, ".to_string()),
            Just("Nơi nhận:\n".to_string()),
            Just("II - ".to_string()),
            Just("; ".to_string()),
            Just("  ".to_string()),
            Just("\u{a0}".to_string()),
            "[a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵA-ZĐ]{1,8}",
            any::<String>(),
        ],
        0..40,
    );
    pieces.prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_never_panics(s in any::<String>()) {
        let f = lint::check_text(&s);
        assert_sound(&s, &f);
    }

    #[test]
    fn vietnamese_like_text_never_panics(s in vietnamese_text()) {
        let f = lint::check_text(&s);
        assert_sound(&s, &f);
        let all: Vec<&lint::Finding> = f.iter().collect();
        let _ = lint::apply_fixes(&s, &all);
    }

    #[test]
    fn random_bodies_never_panic(s in vietnamese_text()) {
        let path = format!("{}/tests/corpus/clean/examples/ke-hoach-binh-dinh-2023.json", env!("CARGO_MANIFEST_DIR"));
        let mut d = vanthu::draft::load(std::path::Path::new(&path)).expect("example");
        d.body = s.clone();
        let f = lint::check_draft(&d);
        let body: Vec<&lint::Finding> = f.iter().filter(|x| x.field.as_deref() == Some("body")).collect();
        let chars: Vec<char> = s.chars().collect();
        for x in &body {
            prop_assert!(x.end <= chars.len());
            prop_assert_eq!(chars[x.start..x.end].iter().collect::<String>(), x.excerpt.clone());
        }
        let _ = lint::apply_draft_fixes(&d, &f);
    }
}
