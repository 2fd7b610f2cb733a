//! `vanthu new`: a skeleton draft that validates and renders as it is.

use chrono::Datelike;
use std::path::PathBuf;

use super::{regime_arg, report, EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use crate::draft;
use crate::profile::Profile;
use crate::regime::Regime;
use crate::skeleton::skeleton;

/// Arguments of `vanthu new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `state` or `party`.
    #[arg(long, value_parser = regime_arg)]
    pub regime: Regime,
    /// Document type slug (see `vanthu kinds`).
    #[arg(long)]
    pub kind: String,
    /// Organisation profile (JSON); the built-in sample otherwise.
    #[arg(long)]
    pub profile: Option<PathBuf>,
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    let regime = a.regime;
    let profile = match &a.profile {
        None => Profile::sample(regime),
        Some(p) => match Profile::load(p) {
            Ok(pr) => pr,
            Err(e) => {
                report(p, &e);
                return EXIT_FAIL;
            }
        },
    };
    let year = chrono::Local::now().year();
    match skeleton(&profile, &a.kind, year) {
        Some(f) => {
            debug_assert!(draft::validate(&f).is_ok());
            print!("{}", f.to_json());
            EXIT_OK
        }
        None => {
            eprintln!(
                "error: --kind: unknown kind \"{}\" for regime {} (see `vanthu kinds`)",
                a.kind,
                regime.as_str()
            );
            EXIT_USAGE
        }
    }
}
