//! File names made from a draft: what the app suggests when a draft is saved or exported.
//!
//! A saved draft is named after its trích yếu (`tăng cường công tác văn thư.vanthu`); an
//! export after its symbol and trích yếu (`05-SVHTTDL-VP tăng cường công tác văn thư.docx`),
//! or `Du-thao <trích yếu>` while it has no number. Every name is legal on Windows, macOS and
//! Linux ([`crate::write::file_stem`]).

use super::DraftFile;

/// The extension of a saved draft (its content is still `vanthu/draft@1` JSON).
pub const DRAFT_EXT: &str = "vanthu";

/// The longest trích yếu part of a name, in characters (cut at a word boundary).
const SUBJECT_CHARS: usize = 80;

/// The name an export suggests, without its extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportName {
    /// `05-SVHTTDL-VP tăng cường công tác văn thư`, or `Du-thao …` before numbering.
    pub stem: String,
    /// Whether the draft has its number (an unnumbered export is a dự thảo).
    pub numbered: bool,
}

/// The trích yếu on one line, cut to [`SUBJECT_CHARS`] at a word boundary; else the type's
/// name (`Công văn`).
fn title(file: &DraftFile) -> String {
    let subject = file
        .subject
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>();
    let mut out = String::new();
    for w in subject {
        if out.chars().count() + w.chars().count() + 1 > SUBJECT_CHARS && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        let slug = file.kind.as_deref().unwrap_or("");
        out = crate::preview::rules_of(file, None)
            .and_then(|r| r.kind(slug).map(|k| k.name.clone()))
            .unwrap_or_else(|| "Văn bản".to_string());
    }
    out.chars().take(SUBJECT_CHARS).collect()
}

/// The name a saved draft suggests, without the extension: its trích yếu (or its type).
pub fn draft_stem(file: &DraftFile) -> String {
    crate::write::file_stem(&title(file))
}

/// The name an export suggests: `<số ký hiệu> <trích yếu>`, or `Du-thao <trích yếu>` while
/// the draft has no number.
pub fn export_name(file: &DraftFile) -> ExportName {
    let number = file
        .number
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n > 0);
    let title = title(file);
    match number {
        Some(n) => {
            let symbol = match crate::preview::rules_of(file, None) {
                Some(rules) => crate::preview::symbol_of(file, rules),
                None => format!("{n:02}"),
            };
            ExportName {
                stem: crate::write::file_stem(&format!("{symbol} {title}")),
                numbered: true,
            }
        }
        None => ExportName {
            stem: crate::write::file_stem(&format!("Du-thao {title}")),
            numbered: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::Regime;

    fn sample() -> DraftFile {
        let mut d = Profile::sample(Regime::State).draft_file("cong-van");
        d.subject = Some("tăng cường  công tác\nvăn thư".into());
        d
    }

    #[test]
    fn a_draft_is_named_after_its_subject_or_its_type() {
        assert_eq!(draft_stem(&sample()), "tăng cường công tác văn thư");
        let d = DraftFile {
            subject: None,
            ..sample()
        };
        assert_eq!(draft_stem(&d), "Công văn");
        let d = DraftFile {
            subject: Some("về việc: a/b? ".repeat(20)),
            ..sample()
        };
        let stem = draft_stem(&d);
        assert!(stem.chars().count() <= SUBJECT_CHARS, "{stem}");
        assert!(!stem.contains(['/', '?', ':']), "{stem}");
    }

    #[test]
    fn an_export_is_named_after_its_symbol_or_as_a_du_thao() {
        let mut d = sample();
        let n = export_name(&d);
        assert_eq!(n.stem, "Du-thao tăng cường công tác văn thư");
        assert!(!n.numbered);
        d.number = Some(5);
        d.unit_code = Some("VP".into());
        let n = export_name(&d);
        assert_eq!(n.stem, "05-SVHTTDL-VP tăng cường công tác văn thư");
        assert!(n.numbered);
    }
}
