//! Every type of both regimes renders to a DOCX with its form's elements.

mod common;
use common::*;
use vanthu::draft::Regime;
use vanthu::profile::Profile;
use vanthu::rules::{self, FieldUse, Form};

#[test]
fn every_kind_of_both_regimes_renders_with_its_form() {
    let mut count = 0;
    for regime in [Regime::State, Regime::Party] {
        let rs = rules::default_for(regime);
        let profile = Profile::sample(regime);
        for k in &rs.kinds {
            let mut f = vanthu::skeleton::skeleton(&profile, &k.slug, 2024).expect("skeleton");
            f.number = Some(7);
            f.date = Some("2024-02-05".into());
            let d = vanthu::draft::validate(&f).unwrap_or_else(|e| panic!("{}: {e}", k.slug));
            let docx = unzip(&vanthu::render_docx(&d).expect("renders"));
            let ps = paragraphs(&docx.document);
            let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
            let sym = vanthu::symbol::line(&d, rs);
            assert!(texts.contains(&sym.as_str()), "{}: symbol {sym}", k.slug);
            if regime == Regime::State {
                if k.abbr.is_empty() {
                    assert!(sym.starts_with("Số: 07/SVHTTDL"), "{sym}");
                } else {
                    assert_eq!(sym, format!("Số: 07/{}-SVHTTDL", k.abbr));
                }
            } else {
                assert_eq!(
                    sym,
                    if k.abbr.is_empty() {
                        "Số 07-TU".to_string()
                    } else {
                        format!("Số 07-{}/TU", k.abbr)
                    }
                );
            }
            assert!(
                texts
                    .iter()
                    .any(|t| t.ends_with("ngày 05 tháng 02 năm 2024")),
                "{}",
                k.slug
            );
            match k.form {
                Form::Letter => assert!(!ps.iter().any(|p| p.style == "VtTenLoai"), "{}", k.slug),
                _ => {
                    let name = k.name.to_uppercase();
                    assert!(
                        texts.contains(&name.as_str()),
                        "{}: type name {name}",
                        k.slug
                    );
                }
            }
            if k.form == Form::Decision {
                assert!(texts.contains(&k.enacting.as_str()), "{}", k.slug);
            }
            if k.recipients == FieldUse::Required {
                assert!(ps.iter().any(|p| p.style == "VtKinhGui"), "{}", k.slug);
            }
            assert!(texts.contains(&"Nơi nhận:"), "{}", k.slug);
            count += 1;
        }
    }
    assert!(count >= 29 + 30, "{count} kinds");
    assert!(rules::by_id("nd30-2020").expect("nd30").kinds.len() >= 29);
}

#[test]
fn state_rule_set_has_the_29_types_of_article_7() {
    let rs = rules::by_id("nd30-2020").expect("nd30");
    let table = [
        ("nghi-quyet", "NQ"),
        ("quyet-dinh", "QĐ"),
        ("chi-thi", "CT"),
        ("quy-che", "QC"),
        ("quy-dinh", "QyĐ"),
        ("thong-cao", "TC"),
        ("thong-bao", "TB"),
        ("huong-dan", "HD"),
        ("chuong-trinh", "CTr"),
        ("ke-hoach", "KH"),
        ("phuong-an", "PA"),
        ("de-an", "ĐA"),
        ("du-an", "DA"),
        ("bao-cao", "BC"),
        ("bien-ban", "BB"),
        ("to-trinh", "TTr"),
        ("hop-dong", "HĐ"),
        ("cong-van", ""),
        ("cong-dien", "CĐ"),
        ("ban-ghi-nho", "BGN"),
        ("ban-thoa-thuan", "BTT"),
        ("giay-uy-quyen", "GUQ"),
        ("giay-moi", "GM"),
        ("giay-gioi-thieu", "GGT"),
        ("giay-nghi-phep", "GNP"),
        ("phieu-gui", "PG"),
        ("phieu-chuyen", "PC"),
        ("phieu-bao", "PB"),
        ("thu-cong", ""),
    ];
    for (slug, abbr) in table {
        let k = rs.kind(slug).unwrap_or_else(|| panic!("{slug}"));
        assert_eq!(k.abbr, abbr, "{slug}");
    }
    let party = rules::by_id("hd36-2018").expect("hd36");
    assert_eq!(party.kind("quy-dinh").expect("qđi").abbr, "QĐi");
    assert_eq!(party.kind("cong-van").expect("cv").abbr, "CV");
    assert_eq!(party.kind("chuong-trinh").expect("ctr").abbr, "CTr");
}

#[test]
fn a_new_party_rule_set_is_data_alone() {
    // A hypothetical HD 05 rule set: the HD 36 file with another id and `;` line ends.
    let text = vanthu::rules::BUILTIN
        .iter()
        .find(|(id, _)| *id == "hd36-2018")
        .expect("hd36")
        .1
        .replace("id = \"hd36-2018\"", "id = \"hd05-2026\"")
        .replace("line_end = \",\"", "line_end = \";\"")
        .replace("abbr = \"QĐi\"", "abbr = \"QĐ\"");
    let set = vanthu::rules::RuleSet::from_toml(&text).expect("parses");
    let d = vanthu::draft::from_json(&example(KE_HOACH)).expect("valid");
    let doc = vanthu::layout::build_with(&d, &set).expect("lays out");
    assert_eq!(doc.rules_id, "hd05-2026");
    let xml = unzip(&vanthu::render::docx::to_bytes(&doc).expect("renders")).document;
    assert!(xml.contains("- Ban Tổ chức Trung ương (b/c);"));
    assert_eq!(
        vanthu::symbol::compose(&set, "quy-dinh", Some(3), "TW", None),
        "03-QĐ/TW"
    );
}

#[test]
fn the_line_under_a_long_subject_is_its_share_of_the_full_text_width() {
    use vanthu::layout::{Block, Border};
    use vanthu::rules::Element;
    for regime in [Regime::State, Regime::Party] {
        let rs = rules::default_for(regime);
        let mut f = vanthu::skeleton::skeleton(&Profile::sample(regime), "ke-hoach", 2024)
            .expect("skeleton");
        f.subject = Some("tổ chức các hoạt động tuyên truyền kỷ niệm các ngày lễ lớn, sự kiện lịch sử quan trọng của đất nước và của tỉnh trong năm 2024".into());
        let d = vanthu::draft::validate(&f).expect("draft");
        let doc = vanthu::layout::build(&d).expect("layout");
        let width = doc.page.text_width();
        let at = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Para(p) if p.element == Element::Subject))
            .expect("subject");
        let Block::Para(rule) = &doc.blocks[at + 1] else {
            panic!("a drawn line follows the subject")
        };
        assert_eq!(rule.border, Some(Border::Bottom));
        let drawn = width - rule.indent_left.unwrap_or(0) - rule.indent_right.unwrap_or(0);
        let want = (width as f32 * rs.header.subject_rule_share).round() as u32;
        assert!(
            drawn.abs_diff(want) <= 2,
            "{regime:?}: {drawn} twips drawn, {want} wanted"
        );
    }
}
