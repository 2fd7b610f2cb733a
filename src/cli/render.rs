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
        if dir.exists() && !dir.is_dir() {
            eprintln!(
                "error: --out-dir: {} is a file, not a folder; give a folder (it is created if needed)",
                dir.display()
            );
            return EXIT_USAGE;
        }
        let format = a.format.unwrap_or(Format::Docx);
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: {}: {e}", dir.display());
            return EXIT_FAIL;
        }
        let outs = out_names(&a.drafts, dir, format.extension());
        let renamed: Vec<String> = a
            .drafts
            .iter()
            .zip(&outs)
            .filter(|(p, out)| out.file_stem() != p.file_stem())
            .map(|(p, out)| format!("{} → {}", p.display(), out.display()))
            .collect();
        let inputs = draft_inputs(&a.drafts);
        let guard = write::Inputs::new(&inputs);
        let font = std::sync::Mutex::new(None::<String>);
        let failures = if format == Format::Pdf && engine == PdfEngine::Libreoffice {
            match libreoffice_batch(&a.drafts, &outs, &guard, rules_id) {
                Ok(failures) => failures,
                Err(e) => {
                    report(dir, &e);
                    return EXIT_FAIL;
                }
            }
        } else {
            // Rendering is quick; the fsync of each atomic write is what waits, so more
            // threads than cores keep the disk busy.
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(BATCH_THREADS)
                .build();
            let work = || -> usize {
                a.drafts
                    .par_iter()
                    .zip(outs.par_iter())
                    .map(|(p, out)| {
                        let written = guard
                            .guard("--output", out)
                            .and_then(|()| render_one(p, out, rules_id, format, engine));
                        match written {
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
            match pool {
                Ok(p) => p.install(work),
                Err(_) => work(),
            }
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
        if !renamed.is_empty() {
            eprintln!("named apart (same file name from different folders):");
            for r in &renamed {
                eprintln!("  {r}");
            }
        }
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
    let checked = match &a.output {
        Some(o) => write::check_extension("--output", o, &[format.extension()]),
        None => Ok(()),
    }
    .and_then(|()| write::guard_output("--output", &out, &draft_inputs(&a.drafts)));
    if let Err(e) = checked {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
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

/// The drafts as inputs an output must not replace.
fn draft_inputs(drafts: &[PathBuf]) -> Vec<(&'static str, &Path)> {
    drafts.iter().map(|d| ("a draft", d.as_path())).collect()
}

/// The output file of each draft in `dir`: its file stem with `ext`; a stem already taken
/// (the same name from another folder) gets `-2`, `-3`… so that no output replaces another.
fn out_names(drafts: &[PathBuf], dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut taken = std::collections::HashSet::new();
    drafts
        .iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "draft".into());
            let mut name = stem.clone();
            let mut n = 1;
            // Case folded: the same name differing in case is one file on Windows and macOS.
            while !taken.insert(name.to_lowercase()) {
                n += 1;
                name = format!("{stem}-{n}");
            }
            dir.join(format!("{name}.{ext}"))
        })
        .collect()
}

/// `--out-dir --format pdf --pdf-engine libreoffice`: every DOCX converted by one LibreOffice
/// process (its start-up paid once), each PDF then written atomically to its name in `outs`.
/// Returns how many drafts failed; an error when LibreOffice could not convert at all.
fn libreoffice_batch(
    drafts: &[PathBuf],
    outs: &[PathBuf],
    guard: &write::Inputs,
    rules_id: Option<&str>,
) -> Result<usize> {
    let mut failures = 0;
    let mut targets: Vec<&Path> = Vec::new();
    let mut docs: Vec<Vec<u8>> = Vec::new();
    for (p, out) in drafts.iter().zip(outs) {
        match guard
            .guard("--output", out)
            .and_then(|()| docx_of(p, rules_id))
        {
            Ok(bytes) => {
                targets.push(out);
                docs.push(bytes);
            }
            Err(e) => {
                report(p, &e);
                failures += 1;
            }
        }
    }
    for (out, pdf) in targets.into_iter().zip(render::pdf::from_docx_many(&docs)?) {
        if let Err(e) = write::atomic(out, &pdf) {
            report(out, &e);
            failures += 1;
        }
    }
    Ok(failures)
}
