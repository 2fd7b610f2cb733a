//! The register's words as a clerk reads them, in Vietnamese: numbering schemes, audit
//! actions, file sizes. Both faces show these; neither words them on its own.

pub use crate::rules::numbering_vi;

/// An audit action (`reserve`, `issue`, …) as the entry's history shows it.
pub fn action_vi(action: &str) -> String {
    match action {
        "reserve" => "Lấy số dự kiến",
        "issue" => "Cấp số, phát hành",
        "cancel" => "Hủy số",
        "correct" => "Sửa thông tin",
        "attach" => "Đính kèm tệp",
        other => other,
    }
    .to_string()
}

/// Who made a change, as the history shows it (`?` is an unknown user).
pub fn actor_vi(actor: &str) -> String {
    if actor == "?" {
        "không rõ người dùng".to_string()
    } else {
        actor.to_string()
    }
}

/// A file size as shown beside an attachment: `900 B`, `12 KB`, `3,5 MB`.
pub fn size_vi(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{:.1} MB", b as f64 / 1048576.0).replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Period;

    #[test]
    fn labels_are_vietnamese() {
        assert_eq!(size_vi(900), "900 B");
        assert_eq!(size_vi(12_000), "12 KB");
        assert_eq!(size_vi(3 * 1048576 + 524288), "3,5 MB");
        assert_eq!(action_vi("issue"), "Cấp số, phát hành");
        assert_eq!(actor_vi("?"), "không rõ người dùng");
        assert_eq!(
            numbering_vi(Period::Term, true),
            "Theo nhiệm kỳ, mỗi loại văn bản một dãy số"
        );
    }
}
