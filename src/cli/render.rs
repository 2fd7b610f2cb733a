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
    /// Output file for a single draft (`.docx`, or `.pdf` through LibreOffice).
    #[arg(short, long, conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Output folder: one DOCX per draft, named after it.
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// Rule set id (default: the one in force on the draft's date, e.g. nd30-2020, hd36-2018).
    #[arg(long)]
    pub rules: Option<String>,
}

/// Renders one draft file to DOCX bytes, with the rule set named or the one in force on its
/// date.
pub fn docx_of(path: &Path, rules_id: Option<&str>) -> Result<Vec<u8>> {
    let (d, set) = draft::load_with(path, rules_id)?;
    let doc = layout::build_with(&d, set)?;
    render::docx::to_bytes(&doc)
}

fn render_one(path: &Path, out: &Path, rules_id: Option<&str>) -> Result<()> {
    let bytes = docx_of(path, rules_id)?;
    let is_pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        let pdf = render::pdf::from_docx(&bytes)?;
        write::atomic(out, &pdf)
    } else {
        write::atomic(out, &bytes)
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
    if let Some(dir) = &a.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: {}: {e}", dir.display());
            return EXIT_FAIL;
        }
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
                    let out = dir.join(stem).with_extension("docx");
                    match render_one(p, &out, rules_id) {
                        Ok(()) => 0,
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
        eprintln!(
            "rendered {ok} of {} drafts into {}",
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
    let out = a
        .output
        .clone()
        .unwrap_or_else(|| input.with_extension("docx"));
    match render_one(input, &out, rules_id) {
        Ok(()) => {
            eprintln!("wrote {}", out.display());
            EXIT_OK
        }
        Err(e) => {
            report(input, &e);
            EXIT_FAIL
        }
    }
}
