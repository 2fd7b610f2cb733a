//! The `vanthu` command line: a thin face over the core.

mod check;
mod kinds;
mod new;
mod register;
mod render;
mod template;
mod validate;

use clap::{Parser, Subcommand};

/// Văn Thư: Vietnamese official documents, drafted to the letter of the law.
#[derive(Debug, Parser)]
#[command(name = "vanthu", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render drafts to DOCX or PDF.
    Render(render::Args),
    /// Check drafts against the draft format and the regime's rules.
    Validate(validate::Args),
    /// Print a skeleton draft of a type.
    New(new::Args),
    /// List the document types of each regime.
    Kinds(kinds::Args),
    /// The register of outgoing documents (sổ đăng ký văn bản đi).
    Register(register::Args),
    /// Check the text of a draft or a plain text file for spacing, spelling, consistency,
    /// citation and form defects.
    Check(check::Args),
    /// Templates: list, show, fill, save, import, export.
    Template(template::Args),
}

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: bad input or failed work.
pub const EXIT_FAIL: i32 = 1;
/// Exit code: wrong usage.
pub const EXIT_USAGE: i32 = 2;

/// Parses the process arguments, runs the command and returns the exit code.
pub fn run() -> i32 {
    run_from(std::env::args_os())
}

/// Runs with the given arguments (the first is the program name).
pub fn run_from<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Render(a) => render::run(a),
        Command::Validate(a) => validate::run(a),
        Command::New(a) => new::run(a),
        Command::Kinds(a) => kinds::run(a),
        Command::Register(a) => register::run(a),
        Command::Check(a) => check::run(a),
        Command::Template(a) => template::run(a),
    }
}

/// Parses `--regime` (`state`, `party`).
pub(crate) fn regime_arg(s: &str) -> Result<crate::regime::Regime, String> {
    crate::regime::Regime::parse(s).ok_or_else(|| {
        let known: Vec<&str> = crate::regime::Regime::ALL
            .iter()
            .map(|r| r.as_str())
            .collect();
        format!("unknown regime \"{s}\" (expected {})", known.join(" or "))
    })
}

/// Prints an error line for a file: `FILE: field: message`, one line per problem.
pub(crate) fn report(file: &std::path::Path, err: &crate::Error) {
    match err {
        crate::Error::Invalid(list) => {
            for e in &list.0 {
                eprintln!("error: {}: {}", file.display(), e);
            }
        }
        e => eprintln!("error: {}: {}", file.display(), e),
    }
}
