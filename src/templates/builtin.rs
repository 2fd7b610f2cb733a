//! The built-in templates, embedded in the binary (a const list of `include_str!`).

use std::sync::OnceLock;

use super::compile::Template;

/// Name and source of every built-in, state regime first.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "cong-van-trien-khai",
        include_str!("../../templates/cong-van-trien-khai.toml"),
    ),
    (
        "cong-van-de-nghi",
        include_str!("../../templates/cong-van-de-nghi.toml"),
    ),
    (
        "cong-van-tra-loi",
        include_str!("../../templates/cong-van-tra-loi.toml"),
    ),
    (
        "giay-moi-hop",
        include_str!("../../templates/giay-moi-hop.toml"),
    ),
    ("to-trinh", include_str!("../../templates/to-trinh.toml")),
    (
        "bao-cao-dinh-ky",
        include_str!("../../templates/bao-cao-dinh-ky.toml"),
    ),
    (
        "thong-bao-ket-luan",
        include_str!("../../templates/thong-bao-ket-luan.toml"),
    ),
    (
        "quyet-dinh-khen-thuong",
        include_str!("../../templates/quyet-dinh-khen-thuong.toml"),
    ),
    (
        "quyet-dinh-to-cong-tac",
        include_str!("../../templates/quyet-dinh-to-cong-tac.toml"),
    ),
    ("ke-hoach", include_str!("../../templates/ke-hoach.toml")),
    (
        "bien-ban-hop",
        include_str!("../../templates/bien-ban-hop.toml"),
    ),
    (
        "dang-ke-hoach",
        include_str!("../../templates/dang-ke-hoach.toml"),
    ),
    (
        "dang-bao-cao",
        include_str!("../../templates/dang-bao-cao.toml"),
    ),
    (
        "dang-cong-van",
        include_str!("../../templates/dang-cong-van.toml"),
    ),
    (
        "dang-thong-bao",
        include_str!("../../templates/dang-thong-bao.toml"),
    ),
];

/// Compiles every built-in; any error is a defect of the program.
pub fn compile_all() -> Vec<Result<Template, super::TemplateError>> {
    SOURCES
        .iter()
        .map(|(name, src)| Template::from_source(src, name, true))
        .collect()
}

static CELLS: [OnceLock<Option<Template>>; SOURCES.len()] =
    [const { OnceLock::new() }; SOURCES.len()];

fn at(i: usize) -> Option<&'static Template> {
    let (name, src) = SOURCES[i];
    CELLS[i]
        .get_or_init(|| Template::from_source(src, name, true).ok())
        .as_ref()
}

/// The built-ins, each compiled once on first use. (The tests check that every one compiles.)
pub fn all() -> Vec<&'static Template> {
    (0..SOURCES.len()).filter_map(at).collect()
}

/// A built-in by name (only that one is compiled).
pub fn get(name: &str) -> Option<&'static Template> {
    SOURCES.iter().position(|(n, _)| *n == name).and_then(at)
}
