//! `vanthu check`: the text checker on a draft or a plain text file.

use std::path::{Path, PathBuf};

use super::{report, EXIT_FAIL, EXIT_OK};
use crate::error::{Error, Result};
use crate::lint::{self, Finding};
use crate::{draft, write};

/// Arguments of `vanthu check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A draft (`.json`) or a plain text file (any other extension).
    pub file: PathBuf,
    /// Print the findings as a JSON array.
    #[arg(long)]
    pub json: bool,
    /// Write the certain fixes to a new file (next to the input, `NAME.fixed.EXT`, or `--out`).
    #[arg(long)]
    pub fix: bool,
    /// Where `--fix` writes (implies `--fix`).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// What was checked.
enum Input {
    Draft(Box<crate::Draft>),
    Text(String),
}

fn is_draft(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("vanthu"))
}

/// Reads a plain text file: refused when over the draft file limit, binary, or not UTF-8.
fn read_text(path: &Path) -> Result<String> {
    use std::io::Read;
    use unicode_normalization::UnicodeNormalization;
    let limit = draft::LIMITS.file_bytes;
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            field: "file".into(),
            size: bytes.len() as u64,
            limit,
        });
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Error::Parse {
            field: ".".into(),
            message: "binary file, not text (expected a UTF-8 text file or a draft .json)".into(),
        });
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| Error::Parse {
        field: ".".into(),
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(text.nfc().collect())
}

fn load(path: &Path) -> Result<Input> {
    if is_draft(path) {
        draft::load(path).map(|d| Input::Draft(Box::new(d)))
    } else {
        read_text(path).map(Input::Text)
    }
}

/// The default output of `--fix`: `letter.txt` → `letter.fixed.txt`.
pub fn fixed_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let name = match path.extension() {
        Some(e) => format!("{stem}.fixed.{}", e.to_string_lossy()),
        None => format!("{stem}.fixed"),
    };
    path.with_file_name(name)
}

/// One line per finding: `severity rule-id location: message [→ fix]`.
pub fn format_line(file: &Path, f: &Finding) -> String {
    let loc = match &f.field {
        Some(field) => format!("{}:{field}:{}:{}", file.display(), f.line, f.column),
        None => format!("{}:{}:{}", file.display(), f.line, f.column),
    };
    let fix = match &f.fix {
        Some(x) => format!(" [→ «{x}»]"),
        None => String::new(),
    };
    format!(
        "{} {} {loc}: {}{fix}",
        f.severity.as_str(),
        f.rule,
        f.message
    )
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    let input = match load(&a.file) {
        Ok(i) => i,
        Err(e) => {
            report(&a.file, &e);
            return EXIT_FAIL;
        }
    };
    let findings = match &input {
        Input::Draft(d) => lint::check_draft(d),
        Input::Text(t) => lint::check_text(t),
    };
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&findings).unwrap_or_else(|_| "[]".into())
        );
    } else {
        for f in &findings {
            println!("{}", format_line(&a.file, f));
        }
    }
    if a.fix || a.out.is_some() {
        let out = a.out.clone().unwrap_or_else(|| fixed_path(&a.file));
        let (bytes, n) = match &input {
            Input::Draft(d) => {
                let (fixed, n) = lint::apply_draft_fixes(d, &findings);
                (fixed.to_json().into_bytes(), n)
            }
            Input::Text(t) => {
                let all: Vec<&Finding> = findings.iter().collect();
                let (fixed, n) = lint::apply_fixes(t, &all);
                (fixed.into_bytes(), n)
            }
        };
        let written = write::guard_output("--out", &out, &[("the file checked", a.file.as_path())])
            .and_then(|()| write::atomic(&out, &bytes));
        if let Err(e) = written {
            report(&out, &e);
            return EXIT_FAIL;
        }
        eprintln!("fixed: {n} certain fix(es) written to {}", out.display());
    }
    let errors = lint::error_count(&findings);
    if !a.json {
        eprintln!(
            "{}: {} finding(s), {errors} error(s)",
            a.file.display(),
            findings.len()
        );
    }
    if errors > 0 {
        EXIT_FAIL
    } else {
        EXIT_OK
    }
}
