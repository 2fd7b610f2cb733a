//! The `vanthu` command line.

fn main() {
    std::process::exit(vanthu::cli::run())
}
