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
    let doc = vanthu::layout::build(&d).expect("lays out");
    let t = chrono::DateTime::from_timestamp(1_752_537_600, 0).expect("time");
    assert_eq!(
        vanthu::render::docx::to_bytes_at(&doc, t).expect("a"),
        vanthu::render::docx::to_bytes_at(&doc, t).expect("b")
    );
}

/// The package around the text: part names, content types, relationships, properties.
#[test]
fn cong_van_lang_son_package() {
    let d = vanthu::draft::from_json(&example(CONG_VAN)).expect("valid");
    let doc = vanthu::layout::build(&d).expect("lays out");
    let t = chrono::DateTime::from_timestamp(1_752_537_600, 0).expect("time");
    let bytes = vanthu::render::docx::to_bytes_at(&doc, t).expect("renders");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let name = f.name().to_string();
        out.push_str(&format!("== {name}\n"));
        if name.starts_with("word/") && !name.contains("_rels") {
            continue; // the WordprocessingML parts have their own snapshots
        }
        let mut s = String::new();
        std::io::Read::read_to_string(&mut f, &mut s).expect("utf-8");
        out.push_str(&pretty(&s));
        out.push('\n');
    }
    insta::assert_snapshot!("cong_van_lang_son_package", out);
}
