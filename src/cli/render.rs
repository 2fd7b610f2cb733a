//! `vanthu render`: drafts to DOCX or PDF.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use super::{report, EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use crate::error::Result;
use crate::{draft, layout, render, rules, write};

/// Threads of a batch render.
const BATCH_THREADS: usize = 16;

/// Arguments of `vanthu render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Draft files (`vanthu/draft@1` JSON).
    #[arg(required = true)]
    pub drafts: Vec<PathBuf>,
    /// Output file for a single draft (`.docx` or `.pdf`).
    #[arg(short, long, conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Output folder: one file per draft, named after it.
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// What to write (default: from the output's extension, else DOCX).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How to make a PDF: typeset natively (default) or through LibreOffice.
    #[arg(long, value_enum, default_value_t = PdfEngine::Native)]
    pub pdf_engine: PdfEngine,
    /// Rule set id (default: the one in force on the draft's date, e.g. nd30-2020, hd36-2018).
    #[arg(long)]
    pub rules: Option<String>,
}

/// The kind of file `vanthu render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Office Open XML (Word).
    Docx,
    /// PDF/A-2b.
    Pdf,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    fn of_path(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("pdf") {
            Some(Format::Pdf)
        } else if ext.eq_ignore_ascii_case("docx") {
            Some(Format::Docx)
        } else {
            None
        }
    }
}

/// How a PDF is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfEngine {
    /// Typeset by Văn Thư itself from the layout model (no LibreOffice needed).
    Native,
    /// The DOCX converted by LibreOffice (`soffice`), for Word-exact output.
    Libreoffice,
}

/// Renders one draft file to DOCX bytes, with the rule set named or the one in force on its
/// date.
pub fn docx_of(path: &Path, rules_id: Option<&str>) -> Result<Vec<u8>> {
    let (_, doc) = layout_of(path, rules_id)?;
    render::docx::to_bytes(&doc)
}

/// Lays out one draft file with the rule set named or the one in force on its date.
fn layout_of(path: &Path, rules_id: Option<&str>) -> Result<(draft::Draft, layout::Document)> {
    let (d, set) = draft::load_with(path, rules_id)?;
    let doc = layout::build_with(&d, set)?;
    Ok((d, doc))
}

/// Renders one draft to `out`; returns the font a native PDF is set in.
fn render_one(
    path: &Path,
    out: &Path,
    rules_id: Option<&str>,
    format: Format,
    engine: PdfEngine,
) -> Result<Option<String>> {
    match (format, engine) {
        (Format::Docx, _) => write::atomic(out, &docx_of(path, rules_id)?).map(|()| None),
        (Format::Pdf, PdfEngine::Libreoffice) => {
            let pdf = render::pdf::from_docx(&docx_of(path, rules_id)?)?;
            write::atomic(out, &pdf).map(|()| None)
        }
        (Format::Pdf, PdfEngine::Native) => {
            let (d, doc) = layout_of(path, rules_id)?;
            let pdf = render::pdf::to_pdf(&doc, &render::pdf::Meta::of(&d, &doc))?;
            write::atomic(out, &pdf.bytes)?;
            Ok(Some(pdf.font))
        }
    }
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    if let Some(id) = &a.rules {
        if rules::by_id(id).is_none() {
            let ids: Vec<&str> = rules::all().iter().map(|r| r.id.as_str()).collect();
            eprintln!(
                "error: --rules: unknown rule set \"{id}\" (known: {})",
                ids.join(", ")
            );
            return EXIT_USAGE;
        }
    }
    let rules_id = a.rules.as_deref();
    let engine = a.pdf_engine;
    if let Some(dir) = &a.out_dir {
        let format = a.format.unwrap_or(Format::Docx);
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: {}: {e}", dir.display());
            return EXIT_FAIL;
        }
        if format == Format::Pdf && engine == PdfEngine::Libreoffice {
            return libreoffice_batch(&a.drafts, dir, rules_id);
        }
        let font = std::sync::Mutex::new(None::<String>);
        // Rendering is quick; the fsync of each atomic write is what waits, so more threads
        // than cores keep the disk busy.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(BATCH_THREADS)
            .build();
        let work = || -> usize {
            a.drafts
                .par_iter()
                .map(|p| {
                    let stem = p
                        .file_stem()
                        .map(|s| s.to_os_string())
                        .unwrap_or_else(|| "draft".into());
                    let out = dir.join(stem).with_extension(format.extension());
                    match render_one(p, &out, rules_id, format, engine) {
                        Ok(f) => {
                            if let (Some(f), Ok(mut slot)) = (f, font.lock()) {
                                *slot = Some(f);
                            }
                            0
                        }
                        Err(e) => {
                            report(p, &e);
                            1
                        }
                    }
                })
                .sum()
        };
        let failures = match pool {
            Ok(p) => p.install(work),
            Err(_) => work(),
        };
        let ok = a.drafts.len() - failures;
        let font = match font.into_inner().ok().flatten() {
            Some(f) => format!(" (font: {f})"),
            None => String::new(),
        };
        eprintln!(
            "rendered {ok} of {} drafts into {}{font}",
            a.drafts.len(),
            dir.display()
        );
        return if failures == 0 { EXIT_OK } else { EXIT_FAIL };
    }
    if a.drafts.len() > 1 {
        eprintln!("error: several drafts need --out-dir DIR");
        return EXIT_USAGE;
    }
    let input = &a.drafts[0];
    let format = a
        .format
        .or_else(|| a.output.as_deref().and_then(Format::of_path))
        .unwrap_or(Format::Docx);
    let out = a
        .output
        .clone()
        .unwrap_or_else(|| input.with_extension(format.extension()));
    match render_one(input, &out, rules_id, format, engine) {
        Ok(Some(font)) => {
            eprintln!("wrote {} (font: {font})", out.display());
            EXIT_OK
        }
        Ok(None) => {
            eprintln!("wrote {}", out.display());
            EXIT_OK
        }
        Err(e) => {
            report(input, &e);
            EXIT_FAIL
        }
    }
}

/// `--out-dir --format pdf --pdf-engine libreoffice`: every DOCX converted by one LibreOffice
/// process (its start-up paid once), each PDF then written atomically.
fn libreoffice_batch(drafts: &[PathBuf], dir: &Path, rules_id: Option<&str>) -> i32 {
    let mut failures = 0;
    let mut ok: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for p in drafts {
        match docx_of(p, rules_id) {
            Ok(bytes) => {
                let stem = p
                    .file_stem()
                    .map(|s| s.to_os_string())
                    .unwrap_or_else(|| "draft".into());
                ok.push((dir.join(stem).with_extension("pdf"), bytes));
            }
            Err(e) => {
                report(p, &e);
                failures += 1;
            }
        }
    }
    let docs: Vec<Vec<u8>> = ok.iter().map(|(_, b)| b.clone()).collect();
    match render::pdf::from_docx_many(&docs) {
        Ok(pdfs) => {
            for ((out, _), pdf) in ok.iter().zip(pdfs) {
                if let Err(e) = write::atomic(out, &pdf) {
                    report(out, &e);
                    failures += 1;
                }
            }
        }
        Err(e) => {
            report(dir, &e);
            return EXIT_FAIL;
        }
    }
    eprintln!(
        "rendered {} of {} drafts into {}",
        drafts.len() - failures,
        drafts.len(),
        dir.display()
    );
    if failures == 0 {
        EXIT_OK
    } else {
        EXIT_FAIL
    }
}
