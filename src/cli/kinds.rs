//! `vanthu kinds`: the document types of each rule set, and which one is in force.

use super::{regime_arg, EXIT_OK};
use crate::dates;
use crate::regime::Regime;
use crate::rules;

/// Arguments of `vanthu kinds`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this regime (`state` or `party`).
    #[arg(long, value_parser = regime_arg)]
    pub regime: Option<Regime>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    let today = chrono::Local::now().date_naive();
    let sets: Vec<_> = rules::all()
        .iter()
        .filter(|r| a.regime.is_none_or(|g| g == r.regime))
        .map(|r| (r, rules::in_force(r.regime, Some(today)).id == r.id))
        .collect();
    if a.json {
        let v: Vec<_> = sets
            .iter()
            .map(|(r, current)| {
                serde_json::json!({
                    "rules": r.id,
                    "regime": r.regime.as_str(),
                    "title": r.title,
                    "guide": r.guide,
                    "in_force_from": dates::iso(r.in_force_from),
                    "in_force": current,
                    "kinds": r.kinds.iter().map(|k| serde_json::json!({
                        "slug": k.slug, "name": k.name, "abbr": k.abbr,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return EXIT_OK;
    }
    for (r, current) in sets {
        let from = dates::numeric(r.in_force_from);
        let status = if current {
            format!("in force since {from}")
        } else if r.in_force_from > today {
            format!("in force from {from}")
        } else {
            format!("from {from}, replaced")
        };
        println!("{} ({}, {status}): {}", r.regime.as_str(), r.id, r.title);
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
