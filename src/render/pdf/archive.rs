//! What makes a native PDF a PDF/A-2b file: the XMP metadata (and the same values in the
//! document information dictionary), the sRGB output intent and the file identifier.

use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::{Chunk, Date, Ref, TextStr};
use xmp_writer::{LangId, Timezone, XmpWriter};

use super::Meta;

/// The output intent's profile: compact sRGB v4, CC0 (`data/icc/README.md`).
const SRGB_ICC: &[u8] = include_bytes!("../../../data/icc/sRGB-v4.icc");

/// The strings a PDF names itself with.
pub(super) struct Names<'a> {
    pub meta: &'a Meta,
    pub creator: String,
    pub producer: String,
    pub keywords: String,
    pub pages: u32,
}

/// The XMP packet: Dublin Core title, creator and language, the dates, the tool, and the
/// PDF/A identification (part 2, conformance B).
pub(super) fn xmp(n: &Names) -> String {
    let date = xmp_date(&n.meta.created);
    let mut x = XmpWriter::new();
    x.title([(None, n.meta.title.as_str())]);
    x.creator([n.meta.author.as_str()]);
    x.language([LangId("vi")]);
    x.creator_tool(&n.creator);
    x.producer(&n.producer);
    x.pdf_keywords(&n.keywords);
    x.create_date(date);
    x.modify_date(date);
    x.num_pages(n.pages);
    x.format("application/pdf");
    x.pdfa_part(2);
    x.pdfa_conformance("B");
    x.finish(None)
}

/// Writes the document information dictionary with the values of the XMP packet.
pub(super) fn info(pdf: &mut pdf_writer::Pdf, id: Ref, n: &Names) {
    let date = pdf_date(&n.meta.created);
    pdf.document_info(id)
        .title(TextStr(&n.meta.title))
        .author(TextStr(&n.meta.author))
        .creator(TextStr(&n.creator))
        .producer(TextStr(&n.producer))
        .keywords(TextStr(&n.keywords))
        .creation_date(date)
        .modified_date(date);
}

/// Writes the sRGB profile at `icc`, the one the catalog's output intent names.
pub(super) fn icc_profile(chunk: &mut Chunk, icc: Ref) {
    chunk
        .icc_profile(icc, SRGB_ICC)
        .n(3)
        .range([0.0, 1.0, 0.0, 1.0, 0.0, 1.0]);
}

/// Fills the catalog's /OutputIntents with the PDF/A sRGB intent.
pub(super) fn output_intent(catalog: &mut pdf_writer::writers::Catalog, icc: Ref) {
    catalog
        .output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("Custom"))
        .output_condition(TextStr("sRGB"))
        .registry_name(TextStr(""))
        .info(TextStr("sRGB v4.2"))
        .dest_output_profile(icc);
}

/// The two halves of the trailer's /ID, from what the file says.
pub(super) fn file_id(n: &Names, contents: &[Vec<u8>]) -> (Vec<u8>, Vec<u8>) {
    use std::hash::{Hash, Hasher};
    let half = |salt: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut h);
        n.meta.title.hash(&mut h);
        n.meta.author.hash(&mut h);
        n.meta.created.timestamp().hash(&mut h);
        contents.hash(&mut h);
        h.finish().to_be_bytes()
    };
    let id: Vec<u8> = [half(0), half(1)].concat();
    (id.clone(), id)
}

fn offset_parts(d: &chrono::DateTime<chrono::FixedOffset>) -> (i8, u8) {
    let offset = d.offset().local_minus_utc();
    ((offset / 3600) as i8, ((offset.abs() % 3600) / 60) as u8)
}

fn pdf_date(d: &chrono::DateTime<chrono::FixedOffset>) -> Date {
    use chrono::{Datelike, Timelike};
    let (h, m) = offset_parts(d);
    Date::new(d.year().clamp(0, 9999) as u16)
        .month(d.month() as u8)
        .day(d.day() as u8)
        .hour(d.hour() as u8)
        .minute(d.minute() as u8)
        .second(d.second().min(59) as u8)
        .utc_offset_hour(h)
        .utc_offset_minute(m)
}

fn xmp_date(d: &chrono::DateTime<chrono::FixedOffset>) -> xmp_writer::DateTime {
    use chrono::{Datelike, Timelike};
    let (h, m) = offset_parts(d);
    xmp_writer::DateTime::new(
        d.year().clamp(0, 9999) as u16,
        d.month() as u8,
        d.day() as u8,
        d.hour() as u8,
        d.minute() as u8,
        d.second().min(59) as u8,
        if h == 0 && m == 0 {
            Timezone::Utc
        } else {
            Timezone::Local {
                hour: h,
                minute: if h < 0 { -(m as i8) } else { m as i8 },
            }
        },
    )
}
