//! Golden snapshots of `word/document.xml` for the two real examples.

mod common;
use common::*;

/// One XML element per line, so a change shows as a readable diff.
fn pretty(xml: &str) -> String {
    xml.replace("><", ">\n<")
}

#[test]
fn cong_van_lang_son_document_xml() {
    let d = render_json(&example(CONG_VAN));
    insta::assert_snapshot!("cong_van_lang_son_document_xml", pretty(&d.document));
}

#[test]
fn ke_hoach_binh_dinh_document_xml() {
    let d = render_json(&example(KE_HOACH));
    insta::assert_snapshot!("ke_hoach_binh_dinh_document_xml", pretty(&d.document));
}

#[test]
fn cong_van_lang_son_styles_xml() {
    let d = render_json(&example(CONG_VAN));
    insta::assert_snapshot!("cong_van_lang_son_styles_xml", pretty(&d.styles));
}

#[test]
fn rendering_is_deterministic() {
    let d = vanthu::draft::from_json(&example(CONG_VAN)).expect("valid");
    assert_eq!(
        vanthu::render_docx(&d).expect("a"),
        vanthu::render_docx(&d).expect("b")
    );
}
