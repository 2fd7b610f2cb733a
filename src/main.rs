//! The `vanthu` command line.

/// A batch allocates many short-lived glyph runs and streams; mimalloc serves them faster than
/// the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(vanthu::cli::run())
}
