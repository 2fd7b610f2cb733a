//! The DOCX package: docx-rs's WordprocessingML parts, put in schema order, in a package whose
//! own parts (content types, relationships, properties) are written here, with no empty
//! optional part.

use std::io::Write;

use docx_rs::{Docx, XMLDocx};
use quick_xml::events::Event;
use quick_xml::Reader;
use zip::write::SimpleFileOptions;

use super::order::{self, Append};
use super::properties::{self, Properties};

/// Why a package could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// docx-rs wrote a part that is not well-formed XML.
    #[error("{part}: {message}")]
    Xml {
        /// The part.
        part: String,
        /// What is wrong.
        message: String,
    },
    /// The document refers to a kind of part the project does not write (images, comments…).
    #[error("unsupported part in the document: {0}")]
    Unsupported(String),
    /// The archive could not be written.
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing to the buffer failed.
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
}

/// The proofing language of the style defaults, as Word writes it for a Vietnamese document.
const LANG: &str = r#"<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA" />"#;

const CT_MAIN: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const CT_STYLES: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
const CT_SETTINGS: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
const CT_FONTS: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
const CT_HEADER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
const CT_FOOTER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
const CT_CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
const CT_APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// Writes a docx-rs document as a DOCX package.
pub fn write_docx(docx: Docx, props: &Properties) -> Result<Vec<u8>, PackageError> {
    let x = docx.build();
    let rels = document_rels(&x)?;
    let time = zip_time(props);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(time);
    let size = x.document.len() + x.styles.len() + 8 * 1024;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(size)));
    let mut buf = Vec::with_capacity(x.document.len() + 1024);

    zip.start_file("[Content_Types].xml", options)?;
    zip.write_all(&content_types(x.headers.len(), x.footers.len()))?;
    zip.start_file("_rels/.rels", options)?;
    zip.write_all(PACKAGE_RELS.as_bytes())?;
    zip.start_file("docProps/core.xml", options)?;
    zip.write_all(&properties::core_xml(props))?;
    zip.start_file("docProps/app.xml", options)?;
    zip.write_all(&properties::app_xml())?;
    zip.start_file("word/_rels/document.xml.rels", options)?;
    zip.write_all(&rels)?;

    let lang = [Append {
        parent: "rPrDefault",
        element: "rPr",
        xml: LANG.as_bytes(),
    }];
    let mut part = |zip: &mut zip::ZipWriter<_>, name: &str, xml: &[u8], appends: &[Append]| {
        buf.clear();
        order::rewrite(xml, appends, &mut buf).map_err(|e| PackageError::Xml {
            part: name.to_string(),
            message: e.to_string(),
        })?;
        zip.start_file(name, options)?;
        zip.write_all(&buf)?;
        Ok::<_, PackageError>(())
    };
    part(&mut zip, "word/document.xml", &x.document, &[])?;
    part(&mut zip, "word/styles.xml", &x.styles, &lang)?;
    part(&mut zip, "word/settings.xml", &x.settings, &[])?;
    for (i, h) in x.headers.iter().enumerate() {
        part(&mut zip, &format!("word/header{}.xml", i + 1), h, &[])?;
    }
    for (i, f) in x.footers.iter().enumerate() {
        part(&mut zip, &format!("word/footer{}.xml", i + 1), f, &[])?;
    }
    zip.start_file("word/fontTable.xml", options)?;
    zip.write_all(&x.font_table)?;
    Ok(zip.finish()?.into_inner())
}

const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    "</Relationships>"
);

fn content_types(headers: usize, footers: usize) -> Vec<u8> {
    let mut x = String::with_capacity(2048);
    x.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    ));
    let mut over = |part: &str, ct: &str| {
        x.push_str(r#"<Override PartName="/"#);
        x.push_str(part);
        x.push_str(r#"" ContentType=""#);
        x.push_str(ct);
        x.push_str(r#""/>"#);
    };
    over("word/document.xml", CT_MAIN);
    over("word/styles.xml", CT_STYLES);
    over("word/settings.xml", CT_SETTINGS);
    over("word/fontTable.xml", CT_FONTS);
    for i in 1..=headers {
        over(&format!("word/header{i}.xml"), CT_HEADER);
    }
    for i in 1..=footers {
        over(&format!("word/footer{i}.xml"), CT_FOOTER);
    }
    over("docProps/core.xml", CT_CORE);
    over("docProps/app.xml", CT_APP);
    x.push_str("</Types>");
    x.into_bytes()
}

/// The main part's relationships: docx-rs's, less those to parts left out (the comment
/// extensions written for no comment). A relationship to a part the project does not write
/// is an error, not a dangling reference.
fn document_rels(x: &XMLDocx) -> Result<Vec<u8>, PackageError> {
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    ).as_bytes());
    let mut reader = Reader::from_reader(x.document_rels.as_slice());
    let mut pos = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| PackageError::Xml {
            part: "word/_rels/document.xml.rels".into(),
            message: e.to_string(),
        })?;
        let end = reader.buffer_position() as usize;
        let raw = &x.document_rels[pos..end];
        pos = end;
        let e = match event {
            Event::Eof => break,
            Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => e,
            _ => continue,
        };
        let kind = e
            .try_get_attribute("Type")
            .ok()
            .flatten()
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
            .unwrap_or_default();
        match kind.strip_prefix(REL) {
            Some("styles" | "settings" | "fontTable" | "header" | "footer") => {
                out.extend_from_slice(raw)
            }
            _ if kind.ends_with("/commentsExtended") && !has_children(&x.comments_extended) => {}
            _ => return Err(PackageError::Unsupported(kind)),
        }
    }
    for rels in x.header_rels.iter().chain(&x.footer_rels) {
        if has_children(rels) {
            return Err(PackageError::Unsupported(
                "header or footer relationships".into(),
            ));
        }
    }
    out.extend_from_slice(b"</Relationships>");
    Ok(out)
}

/// Whether the root element of a part has any child element.
fn has_children(xml: &[u8]) -> bool {
    let mut reader = Reader::from_reader(xml);
    let mut depth = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) if depth == 1 => return true,
            Ok(Event::Empty(_)) if depth == 1 => return true,
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}

fn zip_time(props: &Properties) -> zip::DateTime {
    use chrono::{Datelike, Timelike};
    let t = props.time;
    zip::DateTime::from_date_and_time(
        u16::try_from(t.year()).unwrap_or(1980),
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
    )
    .unwrap_or_default()
}
