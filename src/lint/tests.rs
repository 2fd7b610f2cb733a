//! Unit tests of the rule families: each rule fires on a defect and stays quiet on the
//! corrected text.

use super::*;

/// (rule, text with the defect, the same text corrected). Texts are checked as plain text.
const CASES: &[(&str, &str, &str)] = &[
    ("spacing.so-glued", "Thực hiện Quyết định số12/QĐ-UBND của tỉnh.", "Thực hiện Quyết định số 12/QĐ-UBND của tỉnh."),
    ("spacing.fused", "Giao Sở Tài chínhtỉnh chủ trì.", "Giao Sở Tài chính tỉnh chủ trì."),
    ("spacing.case-join", "Ủy banNhân dân tỉnh chỉ đạo.", "Ủy ban Nhân dân tỉnh chỉ đạo."),
    ("spacing.multiple-spaces", "Các đơn vị  thực hiện.", "Các đơn vị thực hiện."),
    ("spacing.nbsp", "Các đơn vị\u{a0}thực hiện.", "Các đơn vị thực hiện."),
    ("spacing.before-punct", "Các sở , ban, ngành thực hiện.", "Các sở, ban, ngành thực hiện."),
    ("spacing.after-punct", "Các sở,ban, ngành thực hiện.", "Các sở, ban, ngành thực hiện."),
    ("spelling.syllable", "Tổng kết nhữg kết quả.", "Tổng kết những kết quả."),
    ("spelling.unknown", "Tình hình khuểnh khoáng.", "Tình hình khó khăn."),
    ("spelling.pair", "Công tác chuẩn đoán bệnh.", "Công tác chẩn đoán bệnh."),
    ("consistency.tone-placement", "Phòng Văn hóa và Trung tâm Văn hoá.", "Phòng Văn hóa và Trung tâm Văn hóa."),
    ("consistency.i-y", "Quản lý nhà nước và xử lí vi phạm.", "Quản lý nhà nước và xử lý vi phạm."),
    ("consistency.loanword", "Treo pa nô và băng pano.", "Treo pa nô và băng rôn."),
    (
        "consistency.citation-style",
        "Công văn số 215/UBND-VX, ngày 03/3/2024 của UBND tỉnh và Công văn số 37/SNV-VP ngày 26/5/2023 của Sở Nội vụ.",
        "Công văn số 215/UBND-VX ngày 03/3/2024 của UBND tỉnh và Công văn số 37/SNV-VP ngày 26/5/2023 của Sở Nội vụ.",
    ),
    ("citations.no-symbol", "Thực hiện Công văn số 2373 ngày 26/5/2023 của Văn phòng.", "Thực hiện Công văn số 2373/VP-KGVX ngày 26/5/2023 của Văn phòng."),
    ("citations.no-date", "Gắn với Chỉ thị số 05-CT/TW của Bộ Chính trị.", "Gắn với Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị."),
    ("citations.no-issuer", "Thực hiện Công văn số 215/UBND-VX ngày 03/3/2024 về việc này.", "Thực hiện Công văn số 215/UBND-VX ngày 03/3/2024 của UBND tỉnh về việc này."),
    ("citations.symbol-regime", "Thực hiện Kế hoạch số 175/KH-TU ngày 26/5/2023 của Tỉnh ủy.", "Thực hiện Kế hoạch số 175-KH/TU ngày 26/5/2023 của Tỉnh ủy."),
    ("form.sign-prefix-space", "KT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
    (
        "form.sign-prefix-regime",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nK/T GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    ),
    (
        "form.archive-unit",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 05/SVHTTDL-QLVHGĐ\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, QLVH&GĐ.",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 05/SVHTTDL-QLVHGĐ\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, QLVHGĐ.",
    ),
    (
        "form.archive-form",
        "ĐẢNG CỘNG SẢN VIỆT NAM\n\nNơi nhận:\n- Các ban của Tỉnh ủy,\n- Lưu VT, Văn phòng Tỉnh ủy.",
        "ĐẢNG CỘNG SẢN VIỆT NAM\n\nNơi nhận:\n- Các ban của Tỉnh ủy,\n- Lưu Văn phòng Tỉnh ủy.",
    ),
    (
        "form.list-punct",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nNơi nhận:\n- Như trên,\n- Lưu: VT, VP.",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, VP.",
    ),
    ("form.heading-numbering", "I. MỤC ĐÍCH\n\nII - NỘI DUNG\n\nIII. TỔ CHỨC", "I. MỤC ĐÍCH\n\nII. NỘI DUNG\n\nIII. TỔ CHỨC"),
    ("form.capital-after-semicolon", "Rà soát thủ tục; Tăng cường kiểm tra.", "Rà soát thủ tục; tăng cường kiểm tra."),
    ("form.special-noun", "Gắn bó giữa Đảng với nhân dân.", "Gắn bó giữa Đảng với Nhân dân."),
    (
        "form.abbrev-before-full",
        "Phối hợp với MTTQ các cấp. Ủy ban Mặt trận Tổ quốc (MTTQ) tỉnh chủ trì.",
        "Ủy ban Mặt trận Tổ quốc (MTTQ) tỉnh chủ trì. Phối hợp với MTTQ các cấp.",
    ),
    ("form.repeated", "Báo cáo của của Sở Nội vụ.", "Báo cáo của Sở Nội vụ."),
    (
        "word.misspelt",
        "Đề nghị các đơn vị phối hớp thực hiện.",
        "Đề nghị các đơn vị phối hợp thực hiện.",
    ),
];

fn rules_of(t: &str) -> Vec<String> {
    check_text(t).into_iter().map(|f| f.rule).collect()
}

#[test]
fn every_rule_fires_on_its_defect_and_not_on_the_correction() {
    for (rule, bad, good) in CASES {
        assert!(
            rules_of(bad).iter().any(|r| r == rule),
            "{rule} should fire on {bad:?}: {:?}",
            check_text(bad)
        );
        assert!(
            !rules_of(good).iter().any(|r| r == rule),
            "{rule} should stay quiet on {good:?}: {:?}",
            check_text(good)
        );
    }
}

#[test]
fn every_rule_has_a_case() {
    for (id, _, _) in RULES {
        let in_cases = CASES.iter().any(|c| c.0 == *id);
        let draft_only = matches!(*id, "form.sign-prefix-typed" | "form.blank-in-final");
        assert!(in_cases || draft_only, "no test case for {id}");
    }
}

#[test]
fn offsets_are_char_offsets_and_fixes_apply() {
    let t = "Ủy ban nhân dân tỉnh yêu cầu: Sở Tài chínhtỉnh và các sở , ngành thực hiện Quyết định số12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh.";
    let f = check_text(t);
    let chars: Vec<char> = t.chars().collect();
    for x in &f {
        assert_eq!(chars[x.start..x.end].iter().collect::<String>(), x.excerpt);
        assert_eq!(x.line, 1);
        assert_eq!(x.column, x.start + 1);
    }
    let refs: Vec<&Finding> = f.iter().collect();
    let (fixed, n) = apply_fixes(t, &refs);
    assert_eq!(n, 3);
    assert_eq!(
        fixed,
        "Ủy ban nhân dân tỉnh yêu cầu: Sở Tài chính tỉnh và các sở, ngành thực hiện Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh."
    );
    assert!(check_text(&fixed).is_empty(), "{:?}", check_text(&fixed));
}

#[test]
fn lines_and_columns_are_one_based_in_characters() {
    let f = check_text("Dòng một.\nĐảng với nhân dân.");
    let x = f
        .iter()
        .find(|x| x.rule == "form.special-noun")
        .expect("finding");
    assert_eq!((x.line, x.column), (2, 10));
    assert_eq!(x.excerpt, "nhân dân");
    assert_eq!(x.fix.as_deref(), Some("Nhân dân"));
}

fn example(name: &str) -> Draft {
    let path = format!(
        "{}/tests/corpus/clean/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    crate::draft::load(std::path::Path::new(&path)).expect("example")
}

#[test]
fn body_offsets_point_into_the_markup_text() {
    let mut d = example("ke-hoach-binh-dinh-2023.json");
    d.body = "# I - MỤC ĐÍCH\n\n**1. Ban Tổ chức:** Thực hiện Quyết định số12/QĐ-UBND; Tăng cường *kiểm  tra*.".into();
    let f = check_draft(&d);
    let chars: Vec<char> = d.body.chars().collect();
    let so = f
        .iter()
        .find(|x| x.rule == "spacing.so-glued")
        .expect("so-glued");
    assert_eq!(so.field.as_deref(), Some("body"));
    assert_eq!(chars[so.start..so.end].iter().collect::<String>(), "số");
    assert_eq!(so.line, 3);
    let cap = f
        .iter()
        .find(|x| x.rule == "form.capital-after-semicolon")
        .expect("capital");
    assert_eq!(cap.excerpt, "Tăng");
    let sp = f
        .iter()
        .find(|x| x.rule == "spacing.multiple-spaces")
        .expect("spaces");
    assert_eq!(sp.excerpt, "  ");
    for x in &f {
        assert_eq!(
            chars[x.start..x.end].iter().collect::<String>(),
            x.excerpt,
            "{x:?}"
        );
    }
    let (fixed, _) = apply_draft_fixes(&d, &f);
    assert_eq!(
        fixed.body,
        "# I - MỤC ĐÍCH\n\n**1. Ban Tổ chức:** Thực hiện Quyết định số 12/QĐ-UBND; tăng cường *kiểm tra*."
    );
}

#[test]
fn a_fix_across_markup_is_not_offered() {
    let mut d = example("ke-hoach-binh-dinh-2023.json");
    d.body = "Các đơn vị thực hiện **Quyết định** **Quyết định** này.".into();
    let f = check_draft(&d);
    let r = f
        .iter()
        .find(|x| x.rule == "form.repeated")
        .expect("repeated");
    assert!(r.fix.is_none(), "{r:?}");
}

#[test]
fn draft_form_rules_know_the_fields() {
    let mut d = example("cong-van-lang-son-2023.json");
    d.signer.on_behalf_of = Some("KT.GIÁM ĐỐC".into());
    d.archive = Some("Lưu: VT, KHTC".into());
    d.cc[1] = "Văn phòng UBND tỉnh (b/c);".into();
    let f = check_draft(&d);
    let has = |field: &str, rule: &str, ex: &str| {
        f.iter()
            .any(|x| x.field.as_deref() == Some(field) && x.rule == rule && x.excerpt == ex)
    };
    assert!(
        has("signer.on_behalf_of", "form.sign-prefix-space", "KT."),
        "{f:#?}"
    );
    assert!(
        has("signer.on_behalf_of", "form.sign-prefix-typed", "KT."),
        "{f:#?}"
    );
    assert!(has("archive", "form.archive-form", "Lưu: "), "{f:#?}");
    assert!(has("archive", "form.archive-unit", "KHTC"), "{f:#?}");
    assert!(has("cc[1]", "form.list-punct", ";"), "{f:#?}");
    let (fixed, _) = apply_draft_fixes(&d, &f);
    assert_eq!(fixed.archive.as_deref(), Some("VT, KHTC"));
    assert_eq!(fixed.cc[1], "Văn phòng UBND tỉnh (b/c)");
    assert_eq!(fixed.signer.on_behalf_of.as_deref(), Some("GIÁM ĐỐC"));
}

#[test]
fn party_drafts_flag_state_prefixes_and_vt() {
    let mut d = example("ke-hoach-binh-dinh-2023.json");
    d.signer.title = "KT. PHÓ BÍ THƯ".into();
    d.archive = Some("VT, Văn phòng Tỉnh ủy".into());
    let f = check_draft(&d);
    assert!(
        f.iter()
            .any(|x| x.rule == "form.sign-prefix-regime"
                && x.field.as_deref() == Some("signer.title")),
        "{f:#?}"
    );
    assert!(
        f.iter()
            .any(|x| x.rule == "form.archive-form" && x.excerpt == "VT"),
        "{f:#?}"
    );
}

#[test]
fn final_documents_must_not_keep_blanks() {
    let mut d = example("cong-van-lang-son-2023.json");
    d.status = crate::draft::Status::Final;
    d.body = "Theo Giấy mời số …/GM-UBND ngày … tháng 5 năm 2024.".into();
    let f = check_draft(&d);
    assert!(f.iter().any(|x| x.rule == "form.blank-in-final"), "{f:#?}");
    d.status = crate::draft::Status::Draft;
    assert!(!check_draft(&d)
        .iter()
        .any(|x| x.rule == "form.blank-in-final"));
}

#[test]
fn names_abbreviations_and_symbols_are_not_misspellings() {
    let t = "Đồng chí Hồ Quốc Dũng, UBND, HĐND, QLVHGĐ, Kế hoạch số 113-KH/TU, XIII, Mác - Lênin, Facebook, Zalo, YouTube, internet, b/c, t/h, đ/c, Q.1, TP.HCM.";
    let f: Vec<Finding> = check_text(t)
        .into_iter()
        .filter(|f| f.rule.starts_with("spelling"))
        .collect();
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn the_checker_runs_without_a_dictionary() {
    // The rule-based validator alone still catches a broken syllable.
    assert!(!syllable::is_valid("nhữg"));
    assert!(syllable::is_valid("những"));
}
