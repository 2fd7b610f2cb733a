//! Reads rendered DOCX files back and checks them element by element against nd30.md / hd36.md.

mod common;
use common::*;

fn numbered_cong_van() -> String {
    with(&example(CONG_VAN), |v| {
        v["number"] = 5.into();
        v["date"] = "2024-02-05".into();
        v["year"] = serde_json::Value::Null;
    })
}

#[test]
fn page_setup_is_a4_with_default_margins_and_title_page() {
    for name in [CONG_VAN, KE_HOACH] {
        let d = render_json(&example(name));
        let doc = roxmltree::Document::parse(&d.document).expect("xml");
        let sect = doc
            .descendants()
            .find(|n| n.has_tag_name((W, "sectPr")))
            .expect("sectPr");
        let sz = child(sect, "pgSz").expect("pgSz");
        assert_eq!(wattr(sz, "w"), Some("11906"), "{name}");
        assert_eq!(wattr(sz, "h"), Some("16838"), "{name}");
        assert_eq!(wattr(sz, "orient"), None, "portrait");
        let mar = child(sect, "pgMar").expect("pgMar");
        assert_eq!(wattr(mar, "top"), Some("1134"));
        assert_eq!(wattr(mar, "bottom"), Some("1134"));
        assert_eq!(wattr(mar, "left"), Some("1701"));
        assert_eq!(wattr(mar, "right"), Some("850"));
        assert!(
            child(sect, "titlePg").is_some(),
            "no number on page 1 needs titlePg"
        );
        let refs: Vec<_> = sect
            .children()
            .filter(|c| c.has_tag_name((W, "headerReference")))
            .map(|c| wattr(c, "type").unwrap_or("").to_string())
            .collect();
        assert!(refs.contains(&"default".to_string()) && refs.contains(&"first".to_string()));
    }
}

#[test]
fn page_number_is_a_centred_page_field_and_the_first_page_header_is_empty() {
    let d = render_json(&example(CONG_VAN));
    let with_field: Vec<_> = d
        .headers
        .iter()
        .filter(|(_, x)| x.contains("<w:instrText>PAGE</w:instrText>"))
        .collect();
    assert_eq!(
        with_field.len(),
        1,
        "exactly one header carries the PAGE field"
    );
    assert!(with_field[0].1.contains("VtSoTrang"));
    let empty: Vec<_> = d
        .headers
        .iter()
        .filter(|(_, x)| !x.contains("<w:t"))
        .collect();
    assert_eq!(empty.len(), 1, "the first-page header has no text");
    let st = styles(&d.styles);
    let pn = style(&st, "VtSoTrang");
    assert_eq!(pn.align.as_deref(), Some("center"));
    assert_eq!(pn.half_points, Some(28));
    assert!(!pn.bold && !pn.italic);
}

#[test]
fn times_new_roman_in_every_font_slot() {
    for name in [CONG_VAN, KE_HOACH] {
        let d = render_json(&example(name));
        let doc = roxmltree::Document::parse(&d.styles).expect("xml");
        let defaults = doc
            .descendants()
            .find(|n| n.has_tag_name((W, "rPrDefault")))
            .expect("defaults");
        let f = defaults
            .descendants()
            .find(|n| n.has_tag_name((W, "rFonts")))
            .expect("rFonts");
        for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
            assert_eq!(wattr(f, slot), Some("Times New Roman"), "default {slot}");
        }
        for s in styles(&d.styles).iter().filter(|s| s.id.starts_with("Vt")) {
            assert_eq!(s.fonts.len(), 4, "{} sets every slot", s.id);
            assert!(
                s.fonts.iter().all(|(_, v)| v == "Times New Roman"),
                "{}: {:?}",
                s.id,
                s.fonts
            );
        }
        assert!(!d.document.contains("Calibri") && !d.styles.contains("Calibri"));
    }
}

#[test]
fn state_styles_follow_nd30() {
    let d = render_json(&example(CONG_VAN));
    let st = styles(&d.styles);
    let check = |id: &str, hp: u32, bold: bool, italic: bool, align: &str| {
        let s = style(&st, id);
        assert_eq!(s.half_points, Some(hp), "{id} size");
        assert_eq!(s.bold, bold, "{id} bold");
        assert_eq!(s.italic, italic, "{id} italic");
        assert_eq!(s.align.as_deref(), Some(align), "{id} align");
    };
    check("VtQuocHieu", 24, true, false, "center"); // 12–13
    check("VtTieuNgu", 26, true, false, "center"); // 13–14
    check("VtCoQuanChuQuan", 24, false, false, "center");
    check("VtCoQuanBanHanh", 24, true, false, "center");
    check("VtSoKyHieu", 26, false, false, "center"); // 13
    check("VtDiaDanhNgay", 26, false, true, "center"); // 13–14 italic
    check("VtTrichYeuCongVan", 24, false, false, "center"); // 12–13
    check("VtTenLoai", 28, true, false, "center");
    check("VtTrichYeu", 28, true, false, "center");
    check("VtNoiDung", 28, false, false, "both");
    check("VtQuyenHan", 28, true, false, "center");
    check("VtChucVu", 28, true, false, "center");
    check("VtHoTen", 28, true, false, "center");
    check("VtNoiNhan", 24, true, true, "left"); // 12 bold italic
    check("VtNoiNhanDong", 22, false, false, "left"); // 11
    check("VtDoMatKhan", 26, true, false, "left");
    let body = style(&st, "VtNoiDung");
    assert!(
        matches!(body.first_line, Some(567..=720)),
        "first-line indent 1–1.27 cm: {:?}",
        body.first_line
    );
    assert!(body.before.unwrap_or(0) >= 120, "paragraph spacing ≥ 6 pt");
    assert!(matches!(body.line, Some(240..=360)), "single to 1.5 lines");
    for name in [
        "Nội dung",
        "Nơi nhận",
        "Quốc hiệu",
        "Tiêu ngữ",
        "Trích yếu",
        "Họ tên người ký",
    ] {
        assert!(st.iter().any(|s| s.name == name), "named style {name}");
    }
}

#[test]
fn party_styles_follow_hd36() {
    let d = render_json(&example(KE_HOACH));
    let st = styles(&d.styles);
    let s = |id: &str| style(&st, id).clone();
    assert_eq!(s("VtQuocHieu").half_points, Some(30), "tiêu đề 15 pt");
    assert!(s("VtQuocHieu").bold);
    assert_eq!(s("VtQuocHieu").name, "Tiêu đề");
    assert_eq!(s("VtCoQuanChuQuan").half_points, Some(28));
    assert!(!s("VtCoQuanChuQuan").bold);
    assert_eq!(s("VtCoQuanBanHanh").half_points, Some(28));
    assert!(s("VtCoQuanBanHanh").bold);
    assert_eq!(s("VtSoKyHieu").half_points, Some(28));
    assert_eq!(s("VtDiaDanhNgay").half_points, Some(28));
    assert!(s("VtDiaDanhNgay").italic);
    assert!(
        matches!(s("VtTenLoai").half_points, Some(30..=32)),
        "tên loại 15–16"
    );
    assert!(
        matches!(s("VtTrichYeu").half_points, Some(28..=30)),
        "trích yếu 14–15"
    );
    assert!(
        matches!(s("VtNoiDung").half_points, Some(28..=30)),
        "nội dung 14–15"
    );
    let noi_nhan = s("VtNoiNhan");
    assert_eq!(noi_nhan.half_points, Some(28));
    assert_eq!(noi_nhan.underline.as_deref(), Some("single"));
    assert!(!noi_nhan.bold && !noi_nhan.italic);
    assert_eq!(s("VtNoiNhanDong").half_points, Some(24));
    assert!(s("VtQuyenHan").bold, "T/M … bold");
    assert!(!s("VtChucVu").bold, "chức vụ not bold");
    assert!(s("VtHoTen").bold);
    let ci = s("VtTrichYeuCongVan");
    assert_eq!(ci.half_points, Some(24));
    assert!(ci.italic);
}

#[test]
fn state_header_table_holds_issuer_number_national_title_and_date() {
    let d = render_json(&numbered_cong_van());
    let ps = paragraphs(&d.document);
    let cell = |r: usize, c: usize| -> Vec<&P> {
        ps.iter()
            .filter(|p| p.in_table == Some((0, r, c)))
            .collect()
    };
    let left: Vec<String> = cell(0, 0).iter().map(|p| p.text.clone()).collect();
    assert_eq!(left[0], "UBND TỈNH LẠNG SƠN");
    assert_eq!(left[1], "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    assert_eq!(
        cell(0, 0)[2].borders,
        vec!["bottom"],
        "a line under the issuer"
    );
    let right: Vec<String> = cell(0, 1).iter().map(|p| p.text.clone()).collect();
    assert_eq!(right[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(right[1], "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(
        cell(0, 1)[2].borders,
        vec!["bottom"],
        "a line under the motto"
    );
    let num = cell(1, 0);
    assert_eq!(num[0].text, "Số: 05/SVHTTDL-QLVHGĐ");
    assert!(num[1]
        .text
        .starts_with("V/v triển khai thực hiện Kế hoạch số 113-KH/TU"));
    assert_eq!(cell(1, 1)[0].text, "Lạng Sơn, ngày 05 tháng 02 năm 2024");
    // Số and the date share row 2: one line.
    assert_eq!(
        num[0].in_table.map(|t| t.1),
        cell(1, 1)[0].in_table.map(|t| t.1)
    );
}

#[test]
fn line_lengths_follow_the_spec() {
    let d = render_json(&numbered_cong_van());
    let doc = roxmltree::Document::parse(&d.document).expect("xml");
    let tbl = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "tbl")))
        .expect("header table");
    let grid: Vec<i64> = tbl
        .descendants()
        .filter(|n| n.has_tag_name((W, "gridCol")))
        .map(|g| wattr(g, "w").and_then(|v| v.parse().ok()).expect("width"))
        .collect();
    assert_eq!(grid.len(), 2);
    assert_eq!(
        grid.iter().sum::<i64>(),
        11906 - 1701 - 850 + 216,
        "the header spans the text width plus the cell padding"
    );
    let ind = tbl
        .descendants()
        .find(|n| n.has_tag_name((W, "tblInd")))
        .expect("tblInd");
    assert_eq!(
        wattr(ind, "w"),
        Some("-108"),
        "cell text lines up with the margins"
    );
    let ps = paragraphs(&d.document);
    let width = |p: &P, col: i64| col - 216 - p.ind_left.unwrap_or(0) - p.ind_right.unwrap_or(0);
    // Under the motto: as long as the motto (13 pt bold ≈ 3183 twips).
    let motto_line = ps
        .iter()
        .filter(|p| p.in_table == Some((0, 0, 1)))
        .nth(2)
        .expect("line");
    let w = width(motto_line, grid[1]);
    assert!((3100..=3300).contains(&w), "motto line {w}");
    // Under the issuer: 1/3–1/2 of its text line.
    let issuer_line = ps
        .iter()
        .filter(|p| p.in_table == Some((0, 0, 0)))
        .nth(2)
        .expect("line");
    let w = width(issuer_line, grid[0]) as f64;
    let text_line = (grid[0] - 216) as f64;
    assert!(
        w >= text_line / 3.0 - 20.0 && w <= text_line / 2.0 + 20.0,
        "issuer line {w} of {text_line}"
    );
}

#[test]
fn blank_number_and_date_are_drawn_for_hand_filling() {
    let d = render_json(&example(CONG_VAN));
    let ps = paragraphs(&d.document);
    assert!(ps.iter().any(|p| p.text == "Số:      /SVHTTDL-QLVHGĐ"));
    assert!(ps
        .iter()
        .any(|p| p.text == "Lạng Sơn, ngày    tháng    năm 2023"));
    let d = render_json(&example(KE_HOACH));
    let ps = paragraphs(&d.document);
    assert!(
        ps.iter().any(|p| p.text == "Số     -KH/TU"),
        "{:?}",
        ps.iter().take(8).map(|p| &p.text).collect::<Vec<_>>()
    );
    assert!(ps
        .iter()
        .any(|p| p.text == "Bình Định, ngày    tháng    năm 2023"));
}

#[test]
fn kinh_gui_list_and_noi_nhan_punctuation_state() {
    let d = render_json(&example(CONG_VAN));
    let ps = paragraphs(&d.document);
    let kg: Vec<&P> = ps.iter().filter(|p| p.style == "VtKinhGui").collect();
    assert_eq!(kg.len(), 3);
    assert_eq!(kg[0].text, "Kính gửi: - Các đơn vị trực thuộc Sở;");
    assert_eq!(
        kg[1].text,
        "- Phòng Văn hóa và Thông tin các huyện, thành phố;"
    );
    assert!(kg[2].text.ends_with("Truyền thông các huyện."));
    assert_eq!(kg[1].ind_left, kg[0].ind_left, "dashes aligned");
    let nn: Vec<&str> = ps
        .iter()
        .filter(|p| p.style == "VtNoiNhanDong")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        nn,
        [
            "- Như trên (t/h);",
            "- Văn phòng UBND tỉnh (b/c);",
            "- GĐ, PGĐ Sở;",
            "- Trang TTĐT Sở;",
            "- Lưu: VT, QLVH&GĐ, HVĐ."
        ]
    );
    assert!(ps
        .iter()
        .any(|p| p.style == "VtNoiNhan" && p.text == "Nơi nhận:"));
    let sig: Vec<&str> = ps
        .iter()
        .filter(|p| {
            matches!(p.style.as_str(), "VtQuyenHan" | "VtChucVu" | "VtHoTen") && !p.text.is_empty()
        })
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(sig, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phan Văn Hòa"]);
    // Nơi nhận sits level with the signature: the same table row.
    let heading = ps.iter().find(|p| p.style == "VtNoiNhan").expect("heading");
    let authority = ps
        .iter()
        .find(|p| p.style == "VtQuyenHan")
        .expect("authority");
    assert_eq!(
        heading.in_table.map(|t| (t.0, t.1)),
        authority.in_table.map(|t| (t.0, t.1))
    );
}

#[test]
fn party_header_star_symbol_signature_and_noi_nhan() {
    let json = with(&example(KE_HOACH), |v| {
        v["number"] = 175.into();
        v["date"] = "2023-06-09".into();
    });
    let d = render_json(&json);
    let ps = paragraphs(&d.document);
    let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
    let i = texts.iter().position(|t| *t == "TỈNH ỦY").expect("issuer");
    assert_eq!(texts[i - 1], "ĐẢNG BỘ TỈNH BÌNH ĐỊNH");
    assert_eq!(texts[i + 1], "*", "a star under the issuer");
    assert!(texts.contains(&"Số 175-KH/TU"));
    assert!(texts.contains(&"Bình Định, ngày 09 tháng 6 năm 2023"));
    assert!(texts.contains(&"ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(
        !texts.iter().any(|t| t.contains("Độc lập")),
        "no state motto"
    );
    let title = ps
        .iter()
        .find(|p| p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
        .expect("title");
    let next = &ps[ps.iter().position(|p| std::ptr::eq(p, title)).expect("pos") + 1];
    assert_eq!(next.borders, vec!["bottom"], "a line under the tiêu đề");
    assert!(texts.contains(&"KẾ HOẠCH"));
    assert!(texts.contains(&"T/M BAN THƯỜNG VỤ"));
    assert!(texts.contains(&"PHÓ BÍ THƯ"));
    assert!(texts.contains(&"Lê Kim Toàn"));
    let nn: Vec<&str> = ps
        .iter()
        .filter(|p| p.style == "VtNoiNhanDong")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(nn.first(), Some(&"- Ban Tổ chức Trung ương (b/c),"));
    assert!(nn[..nn.len() - 1].iter().all(|l| l.ends_with(',')));
    assert_eq!(nn.last(), Some(&"- Lưu Văn phòng Tỉnh ủy."));
}

#[test]
fn marks_are_framed() {
    let json = with(&example(CONG_VAN), |v| {
        v["urgency"] = "thuong-khan".into();
        v["secrecy"] = "mat".into();
        v["circulation"] = "lưu hành nội bộ".into();
    });
    let ps = paragraphs(&render_json(&json).document);
    for label in ["THƯỢNG KHẨN", "MẬT", "LƯU HÀNH NỘI BỘ"] {
        let p = ps
            .iter()
            .find(|p| p.text == label)
            .unwrap_or_else(|| panic!("{label}"));
        let mut b = p.borders.clone();
        b.sort();
        assert_eq!(b, ["bottom", "left", "right", "top"], "{label} framed");
    }
}

#[test]
fn titled_form_has_type_name_subject_and_a_line() {
    let d = render_json(&example(KE_HOACH));
    let ps = paragraphs(&d.document);
    let i = ps
        .iter()
        .position(|p| p.style == "VtTenLoai")
        .expect("type name");
    assert_eq!(ps[i].text, "KẾ HOẠCH");
    assert_eq!(ps[i + 1].style, "VtTrichYeu");
    assert!(ps[i + 1].text.starts_with("thông tin, tuyên truyền"));
    assert_eq!(ps[i + 2].borders, vec!["bottom"]);
    assert!(ps
        .iter()
        .any(|p| p.style == "VtDeMuc1" && p.text == "I - MỤC ĐÍCH, YÊU CẦU"));
    assert!(ps
        .iter()
        .any(|p| p.style == "VtDeMuc2" && p.text == "1. Nội dung tuyên truyền trọng tâm"));
}

#[test]
fn decision_form_prints_authority_bases_and_enacting_word() {
    let json = r#"{"format":"vanthu/draft@1","regime":"state","kind":"quyet-dinh",
      "issuer":{"parent":"UBND TỈNH LẠNG SƠN","name":"SỞ NỘI VỤ","code":"SNV"},
      "number":12,"place":"Lạng Sơn","date":"2024-01-09",
      "subject":"Về việc thành lập Tổ công tác chuyển đổi số",
      "authority_line":"Giám đốc Sở Nội vụ",
      "bases":["Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư","Căn cứ Quyết định số 15/2021/QĐ-UBND ngày 10 tháng 5 năm 2021 của UBND tỉnh"],
      "proposal":"Theo đề nghị của Chánh Văn phòng Sở",
      "body":"**Điều 1.** Thành lập Tổ công tác.\n\n**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký./.",
      "signer":{"title":"GIÁM ĐỐC","name":"Nguyễn Văn An"},
      "cc":["Như Điều 2"],"archive":"VT, VP"}"#;
    let ps = paragraphs(&render_json(json).document);
    let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
    assert!(texts.contains(&"Số: 12/QĐ-SNV"));
    assert!(texts.contains(&"Lạng Sơn, ngày 09 tháng 01 năm 2024"));
    assert!(texts.contains(&"QUYẾT ĐỊNH"));
    assert!(texts.contains(&"GIÁM ĐỐC SỞ NỘI VỤ"));
    let bases: Vec<&str> = ps
        .iter()
        .filter(|p| p.style == "VtCanCu")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(bases.len(), 3);
    assert!(bases[0].ends_with(';') && bases[1].ends_with(';') && bases[2].ends_with('.'));
    assert!(texts.contains(&"QUYẾT ĐỊNH:"));
    let article = ps
        .iter()
        .find(|p| p.text.starts_with("Điều 1."))
        .expect("article");
    assert_eq!(article.bold_runs, ["Điều 1."]);
    assert!(texts.contains(&"- Như Điều 2;"));
    assert!(texts.contains(&"- Lưu: VT, VP."));
}

#[test]
fn text_is_normalised_to_nfc_on_read() {
    // "Hòa" typed with a combining grave accent (NFD) comes out precomposed.
    let json = with(&example(CONG_VAN), |v| {
        v["signer"]["name"] = "Phan Va\u{306}n Ho\u{300}a".into()
    });
    let ps = paragraphs(&render_json(&json).document);
    assert!(ps.iter().any(|p| p.text == "Phan Văn Hòa"));
    let d = vanthu::draft::from_json(&json).expect("valid");
    assert_eq!(d.signer.name, "Phan Văn Hòa");
    assert!(d.to_json().contains("Phan Văn Hòa"));
}

#[test]
fn a_draft_round_trips_through_its_file_form() {
    for name in [CONG_VAN, KE_HOACH] {
        let d = vanthu::draft::from_json(&example(name)).expect("valid");
        let again = vanthu::draft::from_json(&d.to_json()).expect("valid again");
        assert_eq!(d, again, "{name}");
    }
}
