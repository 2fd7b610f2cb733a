//! Same pages as the DOCX: on both samples, every built-in template and every document type of
//! both regimes, the native PDF has the page count of LibreOffice's conversion of the project's
//! own DOCX and the same words on each page in the same order. And a visual regression test:
//! the samples' pages rendered to PNG (pdftoppm) against committed references, and beside
//! LibreOffice's rendering. Runs when `soffice`, `pdftotext` and `pdftoppm` are installed (CI
//! installs them); otherwise it says so.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

use vanthu::draft::Regime;
use vanthu::profile::Profile;
use vanthu::templates::{builtin, fill_template, Values};

fn ready() -> bool {
    if vanthu::typeset::fonts::system().is_err() {
        eprintln!("skipped: no Times New Roman or Liberation Serif");
        return false;
    }
    for bin in ["soffice", "pdftotext", "pdftoppm", "pdfinfo"] {
        if !have(bin) {
            eprintln!("skipped: {bin} not installed");
            return false;
        }
    }
    true
}

/// Both samples, every built-in template with its defaults, every type of both regimes.
fn corpus() -> Vec<(String, vanthu::Draft)> {
    let mut out = Vec::new();
    for name in [CONG_VAN, KE_HOACH] {
        let d = vanthu::draft::from_json(&example(name)).expect("valid");
        out.push((name.to_string(), d));
    }
    let today = chrono::NaiveDate::from_ymd_opt(2025, 4, 10).expect("date");
    for t in builtin::all() {
        let profile = Profile::sample(t.file.regime);
        let f = fill_template(t, &Values::new(), &profile, today).expect("fills");
        out.push((
            format!("template {}", t.name()),
            vanthu::draft::validate(&f).expect("valid"),
        ));
    }
    for regime in [Regime::State, Regime::Party] {
        let profile = Profile::sample(regime);
        for k in &vanthu::rules::default_for(regime).kinds {
            let mut f = vanthu::skeleton::skeleton(&profile, &k.slug, 2024).expect("skeleton");
            f.number = Some(7);
            f.date = Some("2024-02-05".into());
            out.push((
                format!("{} {}", regime.as_str(), k.slug),
                vanthu::draft::validate(&f).expect("valid"),
            ));
        }
    }
    out
}

/// The words of each page, in content order (`pdftotext -raw`).
fn page_words(pdf: &Path) -> Vec<Vec<String>> {
    let o = Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&o.stdout);
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| p.split_whitespace().map(str::to_string).collect())
        .collect();
    if pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

#[test]
fn native_pdf_has_the_pages_and_words_of_libreoffices_conversion() {
    if !ready() {
        return;
    }
    let docs = corpus();
    assert!(docs.len() >= 2 + 15 + 29 + 30, "{} documents", docs.len());
    let docx: Vec<Vec<u8>> = docs
        .iter()
        .map(|(_, d)| vanthu::render_docx(d).expect("docx"))
        .collect();
    let lo = vanthu::render::pdf::from_docx_many(&docx).expect("LibreOffice converts");
    let dir = tempfile::tempdir().expect("tmp");
    let mut failures = Vec::new();
    for (i, ((name, d), lo_pdf)) in docs.iter().zip(lo).enumerate() {
        let native = vanthu::render_pdf(d).expect("native pdf");
        let (a, b) = (
            dir.path().join(format!("{i}-lo.pdf")),
            dir.path().join(format!("{i}-native.pdf")),
        );
        std::fs::write(&a, &lo_pdf).expect("write");
        std::fs::write(&b, &native.bytes).expect("write");
        let (wa, wb) = (page_words(&a), page_words(&b));
        if wa.len() != wb.len() {
            failures.push(format!(
                "{name}: {} pages, LibreOffice {}",
                wb.len(),
                wa.len()
            ));
        } else if let Some(p) = (0..wa.len()).find(|&p| wa[p] != wb[p]) {
            failures.push(format!(
                "{name}: page {} words differ: {:?} … vs LibreOffice {:?} …",
                p + 1,
                wb[p].iter().rev().take(6).collect::<Vec<_>>(),
                wa[p].iter().rev().take(6).collect::<Vec<_>>()
            ));
        }
        assert_eq!(native.pages as usize, wb.len(), "{name}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Renders one page of a PDF to a grey PNG at `dpi`.
fn png(pdf: &Path, page: u32, dpi: u32, out: &Path) -> image::GrayImage {
    let stem = out.with_extension("");
    let o = Command::new("pdftoppm")
        .args(["-png", "-gray", "-singlefile"])
        .args(["-r", &dpi.to_string()])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg(&stem)
        .output()
        .expect("pdftoppm");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    image::open(stem.with_extension("png"))
        .expect("png")
        .to_luma8()
}

/// Share of pixels that differ by more than a third of the grey range.
fn difference(a: &image::GrayImage, b: &image::GrayImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions(), "page size");
    let differ = a
        .pixels()
        .zip(b.pixels())
        .filter(|(x, y)| x.0[0].abs_diff(y.0[0]) > 85)
        .count();
    differ as f64 / f64::from(a.width() * a.height())
}

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/visual")
}

/// The samples' first and last pages against committed references (`UPDATE_VISUAL=1`
/// rewrites them after an intended change), and beside LibreOffice's rendering of the DOCX.
#[test]
fn sample_pages_look_as_recorded_and_as_libreoffice_prints_them() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let update = std::env::var_os("UPDATE_VISUAL").is_some();
    for name in [CONG_VAN, KE_HOACH] {
        let d = vanthu::draft::from_json(&example(name)).expect("valid");
        let native = vanthu::render_pdf(&d).expect("native");
        let lo = vanthu::render::pdf::from_docx(&vanthu::render_docx(&d).expect("docx"))
            .expect("LibreOffice converts");
        let stem = name.trim_end_matches(".json");
        let (np, lp) = (
            dir.path().join(format!("{stem}.pdf")),
            dir.path().join(format!("{stem}-lo.pdf")),
        );
        std::fs::write(&np, &native.bytes).expect("write");
        std::fs::write(&lp, &lo).expect("write");
        for page in [1, native.pages] {
            let ours = png(
                &np,
                page,
                40,
                &dir.path().join(format!("{stem}-{page}.png")),
            );
            let theirs = png(
                &lp,
                page,
                40,
                &dir.path().join(format!("{stem}-{page}-lo.png")),
            );
            let vs_lo = difference(&ours, &theirs);
            eprintln!(
                "{stem} page {page}: {:.3}% differ from LibreOffice",
                vs_lo * 100.0
            );
            assert!(
                vs_lo < 0.02,
                "{stem} page {page}: {:.2}% of pixels differ from LibreOffice's",
                vs_lo * 100.0
            );
            let reference = reference_dir().join(format!("{stem}-{page}.png"));
            if update || !reference.exists() {
                std::fs::create_dir_all(reference_dir()).expect("dir");
                ours.save(&reference).expect("save reference");
                continue;
            }
            let recorded = image::open(&reference).expect("reference").to_luma8();
            let drift = difference(&ours, &recorded);
            assert!(
                drift < 0.002,
                "{stem} page {page}: {:.3}% of pixels changed from {}",
                drift * 100.0,
                reference.display()
            );
        }
    }
}
