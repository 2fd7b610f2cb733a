//! `vanthu kinds`: the document types of each regime.

use super::EXIT_OK;
use crate::rules;

/// Arguments of `vanthu kinds`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this regime (`state` or `party`).
    #[arg(long, value_parser = ["state", "party"])]
    pub regime: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    let sets: Vec<_> = rules::all()
        .iter()
        .filter(|r| a.regime.as_deref().is_none_or(|g| g == r.regime.as_str()))
        .collect();
    if a.json {
        let v: Vec<_> = sets
            .iter()
            .map(|r| {
                serde_json::json!({
                    "rules": r.id,
                    "regime": r.regime.as_str(),
                    "title": r.title,
                    "kinds": r.kinds.iter().map(|k| serde_json::json!({
                        "slug": k.slug, "name": k.name, "abbr": k.abbr,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return EXIT_OK;
    }
    for r in sets {
        println!("{} ({}): {}", r.regime.as_str(), r.id, r.title);
        for k in &r.kinds {
            let abbr = if k.abbr.is_empty() {
                "—"
            } else {
                k.abbr.as_str()
            };
            println!("  {:<18} {:<5} {}", k.slug, abbr, k.name);
        }
    }
    EXIT_OK
}
