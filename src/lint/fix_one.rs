//! One finding's fix applied to a draft as the form holds it (the wire form, which need not be
//! valid yet): what the app's *Sửa* button does.

use crate::draft::DraftFile;

/// The draft with `fix` put in place of the characters `start..end` of `field` (`body`,
/// `subject`, `cc[1]`, `signer.name`), provided they still read `excerpt`; `None` when the
/// field is not a text of the draft or its text has changed since it was checked.
pub fn fix_one(
    file: &DraftFile,
    field: &str,
    start: usize,
    end: usize,
    excerpt: &str,
    fix: &str,
) -> Option<DraftFile> {
    let mut value = serde_json::to_value(file).ok()?;
    let mut at = &mut value;
    for key in field.split(['.', '[', ']']).filter(|k| !k.is_empty()) {
        at = match key.parse::<usize>() {
            Ok(i) => at.get_mut(i)?,
            Err(_) => at.get_mut(key)?,
        };
    }
    let text = at.as_str()?;
    let chars: Vec<char> = text.chars().collect();
    if start > end || end > chars.len() || chars[start..end].iter().collect::<String>() != excerpt {
        return None;
    }
    let fixed: String = chars[..start]
        .iter()
        .copied()
        .chain(fix.chars())
        .chain(chars[end..].iter().copied())
        .collect();
    *at = serde_json::Value::String(fixed);
    serde_json::from_value(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> DraftFile {
        let mut d = crate::profile::Profile::sample(crate::Regime::State).draft_file("cong-van");
        d.body = Some("Sở đề nghỉ các phòng thực hiện.".into());
        d.cc = vec!["Như trên".into(), "Sở Tài chính;(p/h)".into()];
        d
    }

    #[test]
    fn the_fix_replaces_the_flagged_characters_of_its_field() {
        let d = fix_one(&file(), "body", 3, 10, "đề nghỉ", "đề nghị").expect("fixed");
        assert_eq!(d.body.as_deref(), Some("Sở đề nghị các phòng thực hiện."));
        let d = fix_one(&file(), "cc[1]", 12, 18, ";(p/h)", " (p/h);").expect("fixed");
        assert_eq!(d.cc[1], "Sở Tài chính (p/h);");
        assert_eq!(d.cc[0], "Như trên");
    }

    #[test]
    fn a_changed_text_or_an_unknown_field_is_left_alone() {
        assert!(fix_one(&file(), "body", 3, 10, "đề nghị", "x").is_none());
        assert!(fix_one(&file(), "body", 3, 99, "đề nghỉ", "x").is_none());
        assert!(fix_one(&file(), "cc[7]", 0, 1, "N", "x").is_none());
        assert!(fix_one(&file(), "nowhere", 0, 1, "N", "x").is_none());
        assert!(fix_one(&file(), "cc", 0, 1, "N", "x").is_none());
    }
}
