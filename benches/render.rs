//! DOCX rendering benchmark (placeholder until the renderer bench lands).

fn main() {}
