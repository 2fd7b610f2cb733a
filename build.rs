//! Lists the built-in rule sets: every `rules/*.toml` is compiled into the program, so a new
//! guide is one new file and no code changes.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("rules/ is part of the source tree")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
        let id = p
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 file name");
        let _ = writeln!(
            out,
            "    ({id:?}, include_str!({:?})),",
            p.display().to_string()
        );
    }
    out.push(']');
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(target, out).expect("write the list of rule sets");
}
