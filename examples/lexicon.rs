//! Builds `data/lexicon/words.bin` from `vi-lexicon` and `data/lexicon/admin-terms.txt`:
//! `cargo run --example lexicon [SOURCE_DIR]` (default: `$VANTHU_LEXICON_SRC`, else
//! `../shared/data/vi-lexicon`). The output is deterministic; a test compares it.

use std::path::{Path, PathBuf};

use vanthu::lint::lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src: PathBuf = match std::env::args_os().nth(1) {
        Some(a) => a.into(),
        None => lexicon::source_dir(repo).ok_or("vi-lexicon not found: pass its folder")?,
    };
    let admin = std::fs::read_to_string(repo.join("data/lexicon/admin-terms.txt"))?;
    let bytes = lexicon::build(&src, &admin)?;
    let out = repo.join("data/lexicon/words.bin");
    // Temp file, then rename.
    let mut tmp = tempfile::NamedTempFile::new_in(repo.join("data/lexicon"))?;
    std::io::Write::write_all(&mut tmp, &bytes)?;
    tmp.as_file().set_permissions(
        std::fs::metadata(repo.join("data/lexicon/admin-terms.txt"))?.permissions(),
    )?;
    tmp.persist(&out)?;
    let lex = lexicon::Lexicon::parse(&bytes)?;
    let (w, p) = lex.sizes();
    println!(
        "{}: {} bytes, {w} words, {p} pairs",
        out.display(),
        bytes.len()
    );
    Ok(())
}
