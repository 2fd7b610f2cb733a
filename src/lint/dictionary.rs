//! The Vietnamese Hunspell dictionary (Debian's `hunspell-vi`), read once with `spellbook`.
//! The checker runs without it, with the syllable validator alone.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::syllable::{self, Placement};

/// Where Debian installs `hunspell-vi`.
pub const DEFAULT_DIR: &str = "/usr/share/hunspell";

/// Environment variable naming another folder holding `vi_VN.aff` and `vi_VN.dic`
/// (an empty value turns the dictionary off).
pub const ENV_DIR: &str = "VANTHU_HUNSPELL_DIR";

/// Valid syllables of official text that the Debian list lacks (loanword syllables mostly).
const SUPPLEMENT: &[&str] = &["rôn"];

/// A loaded dictionary.
pub struct Dictionary {
    inner: spellbook::Dictionary,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Dictionary(vi_VN)")
    }
}

impl Dictionary {
    /// Reads `vi_VN.aff` and `vi_VN.dic` from a folder; `None` when missing or unreadable.
    pub fn load_from(dir: &Path) -> Option<Dictionary> {
        let aff = std::fs::read_to_string(dir.join("vi_VN.aff")).ok()?;
        let dic = std::fs::read_to_string(dir.join("vi_VN.dic")).ok()?;
        let inner = spellbook::Dictionary::new(&aff, &dic).ok()?;
        Some(Dictionary { inner })
    }

    /// Whether a lower-case syllable is in the dictionary, in either tone placement
    /// (the Debian list spells `hoà`, `thuỷ`; `hòa`, `thủy` are accepted as the same word).
    pub fn knows(&self, lower: &str) -> bool {
        if self.inner.check(lower) || SUPPLEMENT.contains(&lower) {
            return true;
        }
        [Placement::New, Placement::Old]
            .into_iter()
            .filter_map(|p| syllable::to_placement(lower, p))
            .any(|w| self.inner.check(&w))
    }
}

fn dir() -> Option<PathBuf> {
    match std::env::var_os(ENV_DIR) {
        Some(v) if v.is_empty() => None,
        Some(v) => Some(PathBuf::from(v)),
        None => Some(PathBuf::from(DEFAULT_DIR)),
    }
}

/// The installed dictionary, loaded on first use and kept for the life of the process.
pub fn get() -> Option<&'static Dictionary> {
    static D: OnceLock<Option<Dictionary>> = OnceLock::new();
    D.get_or_init(|| dir().and_then(|d| Dictionary::load_from(&d)))
        .as_ref()
}

/// Whether a lower-case syllable is known: `None` when no dictionary is installed.
pub fn knows(lower: &str) -> Option<bool> {
    get().map(|d| d.knows(lower))
}
