//! `vanthu validate`: checks drafts without rendering them.

use std::path::PathBuf;

use super::{report, EXIT_FAIL, EXIT_OK};
use crate::draft;

/// Arguments of `vanthu validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Draft files.
    #[arg(required = true)]
    pub drafts: Vec<PathBuf>,
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    let mut code = EXIT_OK;
    for p in &a.drafts {
        match draft::load(p) {
            Ok(d) => println!("ok: {} ({} {})", p.display(), d.regime.as_str(), d.kind),
            Err(e) => {
                report(p, &e);
                code = EXIT_FAIL;
            }
        }
    }
    code
}
