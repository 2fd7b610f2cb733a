//! Proper names: the official names of the provinces (the 63 until 30/6/2025 and the 34 from
//! 1/7/2025, kept as data in `data/lexicon/provinces.txt`) and the syllables valid only in a
//! name (`Kạn`, `Đắk`, `Lắk`), accepted when capitalised.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::syllable::{self, lower_char};

/// The province list: `before`/`after` TAB name lines, `#` comments.
pub const PROVINCES: &str = include_str!("../../data/lexicon/provinces.txt");

/// Which reorganisation a province list belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// The 63 provinces and cities until 30/6/2025.
    Before2025,
    /// The 34 provinces and cities from 1/7/2025.
    After2025,
}

/// The official province names of an era, in the file's order.
pub fn provinces(era: Era) -> Vec<&'static str> {
    let tag = match era {
        Era::Before2025 => "before",
        Era::After2025 => "after",
    };
    PROVINCES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter(|(t, _)| *t == tag)
        .map(|(_, n)| n)
        .collect()
}

fn name_syllables() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        PROVINCES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .flat_map(|(_, n)| n.split([' ', '-']))
            .filter(|s| !s.is_empty())
            .map(|s| s.chars().map(lower_char).collect())
            .collect()
    })
}

/// Whether a lower-cased word that is not a Vietnamese syllable is still valid in a
/// capitalised name: a syllable of a province's name, or an ordinary syllable spelled with
/// the `k` of names before `a`, `o`, `u` (`Kạn`, `Kon`).
pub fn name_syllable(lower: &str) -> bool {
    if name_syllables().contains(lower) {
        return true;
    }
    match lower.strip_prefix('k') {
        Some(rest) if !rest.starts_with('h') => syllable::is_valid(&format!("c{rest}")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_three_then_thirty_four() {
        let before = provinces(Era::Before2025);
        let after = provinces(Era::After2025);
        assert_eq!(before.len(), 63);
        assert_eq!(after.len(), 34);
        assert!(before.contains(&"Bắc Kạn") && !after.contains(&"Bắc Kạn"));
        assert!(after.contains(&"Huế") && after.contains(&"Thái Nguyên"));
        let mut b = before.clone();
        b.sort_unstable();
        b.dedup();
        assert_eq!(b.len(), 63, "no name twice");
    }

    #[test]
    fn name_only_syllables() {
        assert!(name_syllable("kạn") && name_syllable("đắk") && name_syllable("lắk"));
        assert!(name_syllable("kon") && name_syllable("tum"));
        assert!(!name_syllable("khạn") && !name_syllable("xyz"));
    }
}
