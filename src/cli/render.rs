//! `vanthu render`: drafts to DOCX or PDF.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use super::{report, EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use crate::error::{Error, Result};
use crate::{draft, layout, render, rules, write};

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
    /// Rule set id (default: the regime's current one, e.g. nd30-2020, hd36-2018).
    #[arg(long)]
    pub rules: Option<String>,
}

/// Renders one draft file to DOCX bytes.
pub fn docx_of(path: &Path, rules_id: Option<&str>) -> Result<Vec<u8>> {
    let d = draft::load(path)?;
    let set = match rules_id {
        Some(id) => rules::by_id(id).ok_or_else(|| Error::Other {
            code: "unknown_rules",
            message: format!("--rules: unknown rule set \"{id}\""),
        })?,
        None => rules::default_for(d.regime),
    };
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
        let failures: usize = a
            .drafts
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
            .sum();
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
