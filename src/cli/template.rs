//! `vanthu template`: list, show, fill, save, import and export templates.

use std::path::PathBuf;

use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use crate::draft::{DraftFile, Regime};
use crate::profile::Profile;
use crate::templates::{Store, Template, Values, VarType, VarValue};

/// Arguments of `vanthu template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do with templates.
    #[command(subcommand)]
    pub action: Action,
}

/// The template subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the built-in and the saved templates.
    List {
        /// Print JSON (name, title, description, regime, kind, builtin, vars).
        #[arg(long)]
        json: bool,
    },
    /// Show a template's variables (or its file with --source).
    Show {
        /// Template name.
        name: String,
        /// Print the template file itself.
        #[arg(long, conflicts_with = "json")]
        source: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Fill a template and print the draft (JSON) on stdout.
    Fill {
        /// Template name.
        name: String,
        /// A value: `key=value` (repeat for each; a list variable takes one entry per --set).
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// A value read from a file: `key=PATH` (for long texts).
        #[arg(long = "set-file", value_name = "KEY=PATH")]
        set_file: Vec<String>,
        /// Organisation profile (JSON); the built-in sample of the template's regime otherwise.
        #[arg(long)]
        profile: Option<PathBuf>,
    },
    /// Save a draft as a template; the fields named by --var become variables.
    Save {
        /// The draft (`vanthu/draft@1` JSON).
        draft: PathBuf,
        /// Name of the new template (lower-case ASCII letters, digits, hyphens).
        name: String,
        /// A draft field to turn into a variable (`subject`, `body`, `recipients`, `signer.name`, …).
        #[arg(long = "var", value_name = "FIELD")]
        vars: Vec<String>,
        /// Vietnamese title of the template.
        #[arg(long)]
        title: Option<String>,
        /// Overwrite a saved template of the same name.
        #[arg(long)]
        replace: bool,
    },
    /// Import a template file into the user's templates.
    Import {
        /// The template file (TOML).
        file: PathBuf,
        /// Overwrite a saved template of the same name.
        #[arg(long)]
        replace: bool,
    },
    /// Write a template (built-in or saved) to one file.
    Export {
        /// Template name.
        name: String,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Copy a template (typically a built-in) under a new name, to change it.
    Copy {
        /// Template to copy.
        name: String,
        /// Name of the copy.
        new_name: String,
    },
}

fn fail(e: &crate::Error) -> i32 {
    match e {
        crate::Error::Invalid(list) => {
            for f in &list.0 {
                eprintln!("error: {f}");
            }
        }
        e => eprintln!("error: {e}"),
    }
    EXIT_FAIL
}

fn load_profile(path: &Option<PathBuf>, regime: Regime) -> Result<Profile, String> {
    match path {
        None => Ok(Profile::sample(regime)),
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Profile>(&t).map_err(|e| e.to_string()))
            .map_err(|e| format!("--profile {}: {e}", p.display())),
    }
}

/// Reads a `--set-file` value: a regular file (a FIFO or a device such as `/dev/zero` is
/// refused before it is opened), at most the long-text limit, counted while reading rather
/// than trusted from the file's metadata.
fn read_value_file(key: &str, path: &str) -> Result<String, (i32, String)> {
    use std::io::Read;
    let limit = crate::templates::fill::LONG_TEXT_BYTES as u64;
    let fail = |m: String| (EXIT_FAIL, format!("--set-file {key}: {path}: {m}"));
    let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if !meta.is_file() {
        return Err(fail(
            "not a regular file (a folder, a device or a pipe cannot be read as a value)".into(),
        ));
    }
    let f = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    let mut buf = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| fail(e.to_string()))?;
    if buf.len() as u64 > limit {
        return Err(fail(format!("too large (more than {limit} bytes)")));
    }
    String::from_utf8(buf).map_err(|e| {
        fail(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Collects `--set` and `--set-file` into values; list variables accumulate entries.
fn collect_values(
    t: &Template,
    set: &[String],
    set_file: &[String],
) -> Result<Values, (i32, String)> {
    let mut values = Values::new();
    let mut put = |key: &str, value: String| {
        let is_list = t
            .file
            .vars
            .iter()
            .any(|v| v.key == key && v.ty == VarType::List);
        match values.get_mut(key) {
            Some(VarValue::List(l)) if is_list => {
                if !value.trim().is_empty() {
                    l.push(value)
                }
            }
            _ if is_list => {
                let l = if value.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![value]
                };
                values.insert(key.to_string(), VarValue::List(l));
            }
            _ => {
                values.insert(key.to_string(), VarValue::Text(value));
            }
        }
    };
    for s in set {
        let Some((k, v)) = s.split_once('=') else {
            return Err((EXIT_USAGE, format!("--set {s}: expected KEY=VALUE")));
        };
        put(k.trim(), v.to_string());
    }
    for s in set_file {
        let Some((k, p)) = s.split_once('=') else {
            return Err((EXIT_USAGE, format!("--set-file {s}: expected KEY=PATH")));
        };
        let text = read_value_file(k, p)?;
        put(k.trim(), text);
    }
    Ok(values)
}

fn show_text(t: &Template) -> String {
    let f = &t.file;
    let mut s = format!(
        "{} — {}\n{}\nregime: {}, kind: {}{}\n\nvariables:\n",
        f.name,
        f.title,
        f.description,
        f.regime.as_str(),
        f.kind,
        if t.builtin { ", built-in" } else { "" }
    );
    for v in &f.vars {
        let ty = match v.ty {
            VarType::Text => "text",
            VarType::LongText => "long_text",
            VarType::Date => "date",
            VarType::Number => "number",
            VarType::List => "list",
            VarType::Choice => "choice",
        };
        s.push_str(&format!(
            "  {:<22} {:<9} {}{}\n",
            v.key,
            ty,
            v.label,
            if v.required { " (bắt buộc)" } else { "" }
        ));
        if !v.choices.is_empty() {
            s.push_str(&format!(
                "  {:<22} {:<9} lựa chọn: {}\n",
                "",
                "",
                v.choices.join(" | ")
            ));
        }
        if let Some(d) = &v.default {
            let d = match d {
                VarValue::Text(t) => t
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(70)
                    .collect::<String>(),
                VarValue::Number(n) => n.to_string(),
                VarValue::List(l) => format!("{} mục", l.len()),
            };
            s.push_str(&format!("  {:<22} {:<9} mặc định: {d}\n", "", ""));
        }
    }
    s
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    let store = match Store::default_location() {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    match a.action {
        Action::List { json } => {
            let (list, broken) = store.list_checked();
            for (p, e) in &broken {
                eprintln!("warning: {}: {e}", p.display());
            }
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).unwrap_or_default()
                );
            } else {
                for i in &list {
                    let origin = if i.builtin { "built-in" } else { "saved" };
                    println!(
                        "{:<26} {:<6} {:<12} {:<9} {}",
                        i.name, i.regime, i.kind, origin, i.title
                    );
                }
            }
            EXIT_OK
        }
        Action::Show { name, source, json } => match store.get(&name) {
            Ok(t) if source => {
                print!("{}", t.source);
                EXIT_OK
            }
            Ok(t) if json => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&t.info()).unwrap_or_default()
                );
                EXIT_OK
            }
            Ok(t) => {
                print!("{}", show_text(&t));
                EXIT_OK
            }
            Err(e) => fail(&e),
        },
        Action::Fill {
            name,
            set,
            set_file,
            profile,
        } => {
            let t = match store.get(&name) {
                Ok(t) => t,
                Err(e) => return fail(&e),
            };
            let values = match collect_values(&t, &set, &set_file) {
                Ok(v) => v,
                Err((code, msg)) => {
                    eprintln!("error: {msg}");
                    return code;
                }
            };
            let profile = match load_profile(&profile, t.file.regime) {
                Ok(p) => p,
                Err(msg) => {
                    eprintln!("error: {msg}");
                    return EXIT_FAIL;
                }
            };
            let today = chrono::Local::now().date_naive();
            match crate::templates::fill_template(&t, &values, &profile, today) {
                Ok(f) => {
                    print!("{}", f.to_json());
                    EXIT_OK
                }
                Err(e) => fail(&e),
            }
        }
        Action::Save {
            draft,
            name,
            vars,
            title,
            replace,
        } => {
            let file = match crate::draft::load(&draft) {
                Ok(d) => d.to_file(),
                Err(e) => {
                    super::report(&draft, &e);
                    return EXIT_FAIL;
                }
            };
            let file: DraftFile = file;
            match store.save_from_draft(&file, &name, title.as_deref(), &vars, replace) {
                Ok(t) => {
                    eprintln!(
                        "saved template {} ({} variables) in {}",
                        t.name(),
                        t.file.vars.len(),
                        store.dir().display()
                    );
                    EXIT_OK
                }
                Err(e) => fail(&e),
            }
        }
        Action::Import { file, replace } => match store.import(&file, replace) {
            Ok(t) => {
                eprintln!(
                    "imported template {} into {}",
                    t.name(),
                    store.dir().display()
                );
                EXIT_OK
            }
            Err(e) => fail(&e),
        },
        Action::Export { name, output } => match store.export(&name, &output) {
            Ok(()) => {
                eprintln!("wrote {}", output.display());
                EXIT_OK
            }
            Err(e) => fail(&e),
        },
        Action::Copy { name, new_name } => match store.copy(&name, &new_name, false) {
            Ok(t) => {
                eprintln!("copied {name} to {} in {}", t.name(), store.dir().display());
                EXIT_OK
            }
            Err(e) => fail(&e),
        },
    }
}
