//! LibreOffice round trip: the DOCX opens, converts to PDF, and page numbers show from page 2.
//! Runs when `soffice` and `pdftotext` are installed (CI installs both); otherwise it says so.

mod common;
use common::*;
use std::process::Command;

fn page_text(pdf: &std::path::Path, page: usize) -> String {
    let o = Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn page_count(pdf: &std::path::Path) -> usize {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse().expect("n"))
        })
        .expect("Pages:")
}

/// A công văn whose body fills about three pages.
fn three_page_draft() -> String {
    with(&example(CONG_VAN), |v| {
        let para = "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ và tình hình thực tế để tổ chức tuyên truyền bằng các hình thức phù hợp, thiết thực, hiệu quả.";
        let body: Vec<String> = (1..=22).map(|i| format!("{i}. {para} {para}")).collect();
        v["body"] = (body.join("\n\n") + "./.").into();
        v["number"] = 5.into();
        v["date"] = "2024-02-05".into();
    })
}

#[test]
fn three_pages_numbered_from_page_two() {
    if !have("soffice") || !have("pdftotext") {
        eprintln!("skipped: LibreOffice (soffice) or poppler-utils not installed");
        return;
    }
    let d = vanthu::draft::from_json(&three_page_draft()).expect("valid");
    let docx = vanthu::render_docx(&d).expect("renders");
    let pdf = vanthu::render::pdf::from_docx(&docx).expect("converts");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("three.pdf");
    std::fs::write(&path, &pdf).expect("write");
    assert_eq!(page_count(&path), 3, "the draft fills three pages");
    let first_line = |page: usize| {
        page_text(&path, page)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let p1 = first_line(1);
    assert!(
        p1.starts_with("UBND TỈNH LẠNG SƠN"),
        "page 1 starts with the header, no number: {p1:?}"
    );
    assert_eq!(first_line(2), "2");
    assert_eq!(first_line(3), "3");
    let all = page_text(&path, 1);
    assert!(all.contains("Số: 05/SVHTTDL-QLVHGĐ"));
    assert!(all.contains("Lạng Sơn, ngày 05 tháng 02 năm 2024"));
    assert!(all.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
}

#[test]
fn both_examples_open_in_libreoffice() {
    if !have("soffice") {
        eprintln!("skipped: LibreOffice (soffice) not installed");
        return;
    }
    for name in [CONG_VAN, KE_HOACH] {
        let d = vanthu::draft::from_json(&example(name)).expect("valid");
        let pdf = vanthu::render::pdf::from_docx(&vanthu::render_docx(&d).expect("renders"))
            .expect("converts");
        assert!(pdf.len() > 10_000, "{name}: a real PDF");
    }
}

#[test]
fn cli_renders_pdf_through_libreoffice_when_asked() {
    if !have("soffice") {
        eprintln!("skipped: LibreOffice (soffice) not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("kh.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_vanthu"))
        .arg("render")
        .arg(examples_dir().join(KE_HOACH))
        .arg("-o")
        .arg(&out)
        .args(["--pdf-engine", "libreoffice"])
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let pdf = std::fs::read(&out).expect("written");
    assert!(pdf.starts_with(b"%PDF"));
}

/// A batch through LibreOffice into a folder that does not exist yet: the folder is made, as
/// for the native engine, and every draft gets its PDF.
#[test]
fn libreoffice_batch_makes_its_output_folder() {
    if !have("soffice") {
        eprintln!("skipped: LibreOffice (soffice) not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("new").join("pdf");
    let (kh, cv) = (examples_dir().join(KE_HOACH), examples_dir().join(CONG_VAN));
    let path = |p: &std::path::Path| p.to_str().expect("utf-8 path").to_string();
    let o = cli::vanthu(&[
        "render",
        &path(&kh),
        &path(&cv),
        "--out-dir",
        &path(&out),
        "--format",
        "pdf",
        "--pdf-engine",
        "libreoffice",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", cli::stderr(&o));
    let mut made: Vec<String> = std::fs::read_dir(&out)
        .expect("folder made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    assert_eq!(made.len(), 2, "{made:?}");
    assert!(made.iter().all(|n| n.ends_with(".pdf")), "{made:?}");
}
