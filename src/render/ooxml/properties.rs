//! The package's properties: `docProps/core.xml` (title, creator, times, language) and
//! `docProps/app.xml` (the application and its version).

use chrono::{DateTime, SubsecRound, Utc};

/// What the file says about itself in Word's File → Info.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Properties {
    /// The document's title (its trích yếu, or its type and subject).
    pub title: String,
    /// Who wrote it: the drafter, else the issuing body.
    pub creator: String,
    /// Creation and last modification time.
    pub time: DateTime<Utc>,
}

/// The time to stamp a new file with: `SOURCE_DATE_EPOCH` (seconds since 1970, for
/// reproducible output) when set, else the current time, to the second.
pub fn timestamp() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_else(|| Utc::now().trunc_subsecs(0))
}

/// The language Word proofs the text in.
pub const LANGUAGE: &str = "vi-VN";

/// The application named in `app.xml`.
pub const APPLICATION: &str = "Văn Thư";

/// The version in `app.xml`'s form `XX.YYYY`: major, then minor and patch on two digits each
/// (`0.1.0` → `00.0100`).
pub fn app_version(version: &str) -> String {
    let mut parts = version
        .split(['.', '-', '+'])
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor, patch) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    format!("{:02}.{:02}{:02}", major % 100, minor % 100, patch % 100)
}

/// Appends `text` escaped for XML content, without the characters XML 1.0 cannot carry.
pub fn escape_into(out: &mut Vec<u8>, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '\t' | '\n' | '\r' => out.push(c as u8),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// `docProps/core.xml`.
pub fn core_xml(p: &Properties) -> Vec<u8> {
    let time = p.time.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut x = Vec::with_capacity(1024);
    x.extend_from_slice(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>"#,
    );
    escape_into(&mut x, &p.title);
    x.extend_from_slice(b"</dc:title><dc:creator>");
    escape_into(&mut x, &p.creator);
    x.extend_from_slice(b"</dc:creator><cp:lastModifiedBy>");
    escape_into(&mut x, &p.creator);
    x.extend_from_slice(b"</cp:lastModifiedBy><cp:revision>1</cp:revision><dc:language>");
    x.extend_from_slice(LANGUAGE.as_bytes());
    x.extend_from_slice(br#"</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">"#);
    x.extend_from_slice(time.as_bytes());
    x.extend_from_slice(br#"</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">"#);
    x.extend_from_slice(time.as_bytes());
    x.extend_from_slice(b"</dcterms:modified></cp:coreProperties>");
    x
}

/// `docProps/app.xml`.
pub fn app_xml() -> Vec<u8> {
    let mut x = Vec::with_capacity(512);
    x.extend_from_slice(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>"#,
    );
    escape_into(&mut x, APPLICATION);
    x.extend_from_slice(b"</Application><AppVersion>");
    x.extend_from_slice(app_version(env!("CARGO_PKG_VERSION")).as_bytes());
    x.extend_from_slice(b"</AppVersion></Properties>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_version_has_word_form() {
        assert_eq!(app_version("0.1.0"), "00.0100");
        assert_eq!(app_version("1.12.3"), "01.1203");
        assert_eq!(app_version("2.0.0-rc.1"), "02.0000");
    }

    #[test]
    fn core_xml_escapes_and_stamps() {
        let p = Properties {
            title: "V/v <a> & \u{1}b".into(),
            creator: "HVĐ".into(),
            time: DateTime::from_timestamp(1_700_000_000, 0).expect("time"),
        };
        let x = String::from_utf8(core_xml(&p)).expect("utf-8");
        assert!(
            x.contains("<dc:title>V/v &lt;a&gt; &amp; b</dc:title>"),
            "{x}"
        );
        assert!(x.contains("<dc:creator>HVĐ</dc:creator>"), "{x}");
        assert!(
            x.contains(r#"<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:created>"#),
            "{x}"
        );
    }
}
