//! The native PDF: PDF/A-2b with XMP metadata, fonts subset and embedded, text that extracts
//! as the Vietnamese typed, page numbers from page 2, the same pagination as the preview, the
//! command line without LibreOffice, and clear errors with nothing half-written.
//! The poppler/qpdf checks run when the tools are installed (CI installs them).

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn tool(bin: &str, args: &[&str], pdf: &Path) -> String {
    let o = Command::new(bin)
        .args(args)
        .arg(pdf)
        .args(if bin == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .expect("runs");
    assert!(
        o.status.success(),
        "{bin} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Runs `vanthu render DRAFT ARGS…` with one environment variable set.
fn render_cli(draft: &str, args: &[&std::ffi::OsStr], env: (&str, &Path)) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vanthu"))
        .env(env.0, env.1)
        .arg("render")
        .arg(examples_dir().join(draft))
        .args(args)
        .output()
        .expect("runs");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn sample_pdf(name: &str) -> vanthu::render::pdf::Pdf {
    let d = vanthu::draft::from_json(&example(name)).expect("valid");
    vanthu::render_pdf(&d).expect("renders")
}

#[test]
fn samples_are_pdfa_with_the_metadata_of_the_letter() {
    if vanthu::typeset::fonts::system().is_err() {
        eprintln!("skipped: no Times New Roman or Liberation Serif");
        return;
    }
    let pdf = sample_pdf(CONG_VAN);
    assert!(pdf.bytes.starts_with(b"%PDF-1.7"));
    assert_eq!(pdf.pages, 4, "the same 4 pages as LibreOffice's conversion");
    let text = String::from_utf8_lossy(&pdf.bytes);
    assert!(text.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A-2");
    assert!(text.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(
        text.contains("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
        "author = issuer"
    );
    assert!(
        text.contains("triển khai thực hiện Kế hoạch số 113-KH/TU"),
        "title = trích yếu"
    );
    assert!(text.contains("xmp:CreateDate"), "creation date");
    assert!(text.contains(&format!("font: {}", pdf.font)), "font named");
    if !(have("qpdf") && have("pdfinfo") && have("pdffonts") && have("pdftotext")) {
        eprintln!("skipped the tool checks: qpdf or poppler-utils missing");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("cv.pdf");
    std::fs::write(&path, &pdf.bytes).expect("write");
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let info = tool("pdfinfo", &[], &path);
    assert!(info.contains("Pages:           4"), "{info}");
    assert!(info.contains("Author:          SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"));
    assert!(info.contains(" pts (A4)"), "{info}");
    let fonts = tool("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        // name type… encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, ToUnicode: {r}"
        );
        assert!(r.contains(&pdf.font.replace(' ', "")), "{r}");
    }
    let text = tool("pdftotext", &["-layout"], &path);
    for s in [
        "UBND TỈNH LẠNG SƠN",
        "SỞ VĂN HÓA, THỂ THAO VÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Kính gửi: - Các đơn vị trực thuộc Sở;",
        "Truyền thông các huyện, thành phố triển khai thực hiện tuyên truyền đạt kết quả./.",
        "Nơi nhận:",
        "KT. GIÁM ĐỐC",
        "Phan Văn Hòa",
    ] {
        assert!(text.contains(s), "pdftotext lacks {s:?}");
    }
    // Page numbers: none on page 1, then 2, 3, 4 alone on the first line of their page.
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let first_line = |p: &str| {
        p.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string()
    };
    assert!(first_line(pages[0]).starts_with("UBND TỈNH LẠNG SƠN"));
    for n in 2..=4 {
        assert_eq!(first_line(pages[n - 1]), n.to_string());
    }
}

/// The Lạng Sơn letter with `first` as its first paragraph, rendered natively into `dir`.
fn letter_opening_with(first: &str, dir: &Path) -> std::path::PathBuf {
    let mut d = vanthu::draft::from_json(&example(CONG_VAN)).expect("valid");
    d.body = format!("{first}\n\n{}", d.body);
    let path = dir.join("letter.pdf");
    std::fs::write(&path, vanthu::render_pdf(&d).expect("renders").bytes).expect("write");
    path
}

/// Text beyond the faces' shared Vietnamese repertoire (signs, a decomposed letter) is embedded
/// too, and still copies out of the PDF as typed.
#[test]
fn characters_outside_the_vietnamese_repertoire_embed_and_extract() {
    if vanthu::typeset::fonts::system().is_err() || !have("pdftotext") || !have("pdffonts") {
        eprintln!("skipped: no fonts or poppler-utils");
        return;
    }
    let extra = "Định mức ≥ 50 € ± 2 ‰, chỉ số ∑ và Ω.";
    let dir = tempfile::tempdir().expect("tmp");
    let path = letter_opening_with(extra, dir.path());
    let text = tool("pdftotext", &[], &path);
    assert!(text.contains(extra), "{text}");
    let fonts = tool("pdffonts", &[], &path);
    for r in fonts.lines().skip(2) {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{r}");
    }
}

/// A character no face has (Han script in Liberation Serif) does not fail the PDF: it is left as
/// a gap, since PDF/A may not show the .notdef glyph, and the words around it stay.
#[test]
fn a_character_the_font_lacks_is_left_as_a_gap() {
    if vanthu::typeset::fonts::system().is_err() || !have("pdftotext") {
        eprintln!("skipped: no fonts or poppler-utils");
        return;
    }
    if vanthu::typeset::fonts::system()
        .is_ok_and(|f| f.face(vanthu::typeset::Variant::Regular).has_char('漢'))
    {
        eprintln!("skipped: the font has Han characters");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let text = tool(
        "pdftotext",
        &[],
        &letter_opening_with("Trước 漢 sau.", dir.path()),
    );
    assert!(text.contains("Trước") && text.contains("sau."), "{text}");
    assert!(!text.contains('漢'), "{text}");
}

#[test]
fn preview_and_pdf_break_lines_and_pages_alike() {
    for name in [CONG_VAN, KE_HOACH] {
        let d = vanthu::draft::from_json(&example(name)).expect("valid");
        let doc = vanthu::layout::build(&d).expect("lays out");
        let set = vanthu::typeset::typeset_or_builtin(&doc);
        let html = vanthu::render::html::render_typeset(&set);
        assert_eq!(html.pages as usize, set.pages.len(), "{name}");
        let preview = vanthu::render::html::render(&doc);
        assert_eq!(
            preview, html,
            "{name}: the preview is the typesetter's pages"
        );
        if let Ok(pdf) = vanthu::render_pdf(&d) {
            assert_eq!(pdf.pages, html.pages, "{name}");
        }
        // Every line of every page is written into the preview as it was broken.
        for page in &set.pages {
            for b in &page.blocks {
                if let vanthu::typeset::BlockBox::Para(pb) = b {
                    for l in &pb.lines {
                        let t: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
                        let t = vanthu::render::html::escape(t.trim_end());
                        if l.pieces.len() == 1 && !t.is_empty() {
                            assert!(html.html.contains(&t), "{name}: line {t:?}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_command_line_writes_pdf_without_libreoffice() {
    if vanthu::typeset::fonts::system().is_err() {
        eprintln!("skipped: no Times New Roman or Liberation Serif");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let empty_path = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("cv.pdf");
    let (code, err) = render_cli(
        CONG_VAN,
        &["-o".as_ref(), out.as_os_str()],
        ("PATH", empty_path.path()),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("(font: "), "the font is named: {err}");
    assert!(std::fs::read(&out).expect("written").starts_with(b"%PDF"));

    let batch = dir.path().join("batch");
    let second = examples_dir().join(KE_HOACH);
    let (code, err) = render_cli(
        CONG_VAN,
        &[
            second.as_os_str(),
            "--format".as_ref(),
            "pdf".as_ref(),
            "--out-dir".as_ref(),
            batch.as_os_str(),
        ],
        ("PATH", empty_path.path()),
    );
    assert_eq!(code, Some(0), "{err}");
    for stem in ["cong-van-lang-son-2023", "ke-hoach-binh-dinh-2023"] {
        let pdf = std::fs::read(batch.join(format!("{stem}.pdf"))).expect("written");
        assert!(pdf.starts_with(b"%PDF"), "{stem}");
    }
}

#[test]
fn a_missing_font_names_what_to_install_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let fonts = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("cv.pdf");
    let (code, err) = render_cli(
        CONG_VAN,
        &["-o".as_ref(), out.as_os_str()],
        (vanthu::typeset::fonts::FONT_DIR_ENV, fonts.path()),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("Times New Roman"), "{err}");
    assert!(err.contains("fonts-liberation2"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "no file, no temporary file"
    );
}

#[test]
fn bad_input_gets_the_field_named_errors_of_docx_rendering() {
    let dir = tempfile::tempdir().expect("tmp");
    let json = with(&example(CONG_VAN), |v| {
        v["signer"]["name"] = "".into();
        v["date"] = "2023-02-30".into();
    });
    let input = dir.path().join("bad.json");
    std::fs::write(&input, json).expect("write");
    let mut errs = Vec::new();
    for out in ["bad.pdf", "bad.docx"] {
        let o = Command::new(env!("CARGO_BIN_EXE_vanthu"))
            .arg("render")
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join(out))
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(1));
        errs.push(String::from_utf8_lossy(&o.stderr).into_owned());
    }
    assert!(errs[0].contains("signer.name: required"), "{}", errs[0]);
    assert!(errs[0].contains("date: \"2023-02-30\""), "{}", errs[0]);
    assert_eq!(errs[0], errs[1], "the same messages as DOCX rendering");
    assert!(!dir.path().join("bad.pdf").exists());
}
