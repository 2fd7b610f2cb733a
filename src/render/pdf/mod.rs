//! PDF: the native engine draws the typesetter's pages with krilla (PDF/A-2b, XMP metadata,
//! the fonts subset and embedded with ToUnicode maps); [`libreoffice`] keeps the path through
//! LibreOffice.

pub mod libreoffice;

pub use libreoffice::{from_docx, from_docx_many, soffice, INSTALL_HINT, TIMEOUT};

use std::sync::OnceLock;

use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};

use crate::error::{Error, Result};
use crate::layout::{Border, Document};
use crate::typeset::{
    self, BlockBox, Family, LineBox, ParaBox, Typeset, Variant, BORDER_PT, BORDER_SPACE_PT,
};

/// What the PDF's metadata says.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// Title: the trích yếu, else the document's title.
    pub title: String,
    /// Author: the issuing body.
    pub author: String,
    /// When the file is made.
    pub created: chrono::DateTime<chrono::FixedOffset>,
}

impl Meta {
    /// Metadata of a draft's document, made now.
    pub fn of(draft: &crate::Draft, doc: &Document) -> Meta {
        Meta {
            title: draft
                .subject
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map_or_else(|| doc.title.clone(), str::to_string),
            author: draft.issuer.name.trim().to_string(),
            created: chrono::Local::now().fixed_offset(),
        }
    }
}

/// A PDF made natively.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// How many pages.
    pub pages: u32,
    /// The font family it is set in (`Times New Roman` or `Liberation Serif`).
    pub font: String,
}

/// Typesets a laid-out document with the system's fonts and writes it as PDF/A-2b.
pub fn to_pdf(doc: &Document, meta: &Meta) -> Result<Pdf> {
    let family = typeset::fonts::system().map_err(|e| Error::MissingFont(e.to_string()))?;
    let set = typeset::typeset_with(doc, Some(family));
    write(&set, family, meta)
}

/// The krilla fonts of the four faces, made once per process.
fn pdf_fonts(family: &'static Family) -> Result<&'static [Font; 4]> {
    static FONTS: OnceLock<[Font; 4]> = OnceLock::new();
    if let Some(f) = FONTS.get() {
        return Ok(f);
    }
    let mut fonts = Vec::with_capacity(4);
    for v in Variant::ALL {
        let face = family.face(v);
        let font = Font::new(face.data().into(), face.index).ok_or_else(|| {
            Error::MissingFont(format!("{}: not a usable font file", face.path.display()))
        })?;
        fonts.push(font);
    }
    let fonts: [Font; 4] = fonts
        .try_into()
        .map_err(|_| Error::Render("four faces expected".into()))?;
    Ok(FONTS.get_or_init(|| fonts))
}

fn date(d: &chrono::DateTime<chrono::FixedOffset>) -> DateTime {
    use chrono::{Datelike, Timelike};
    let offset = d.offset().local_minus_utc();
    DateTime::new(d.year().clamp(0, 9999) as u16)
        .month(d.month() as u8)
        .day(d.day() as u8)
        .hour(d.hour() as u8)
        .minute(d.minute() as u8)
        .second(d.second().min(59) as u8)
        .utc_offset_hour((offset / 3600) as i8)
        .utc_offset_minute(((offset.abs() % 3600) / 60) as u8)
}

/// Writes typeset pages as a PDF/A-2b file.
pub fn write(set: &Typeset, family: &'static Family, meta: &Meta) -> Result<Pdf> {
    let fonts = pdf_fonts(family)?;
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| Error::Render(format!("pdf: {e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    let producer = format!(
        "Văn Thư {} (font: {})",
        env!("CARGO_PKG_VERSION"),
        family.name
    );
    pdf.set_metadata(
        Metadata::new()
            .title(meta.title.clone())
            .authors(vec![meta.author.clone()])
            .creator(format!("Văn Thư {}", env!("CARGO_PKG_VERSION")))
            .producer(producer)
            .keywords(vec![format!("font: {}", family.name)])
            .language("vi".to_string())
            .creation_date(date(&meta.created)),
    );
    let p = &set.doc.page;
    let (w, h) = (typeset::pt(p.width), typeset::pt(p.height));
    for page in &set.pages {
        let settings = PageSettings::from_wh(w, h)
            .ok_or_else(|| Error::Render("pdf: bad page size".into()))?;
        let mut pg = pdf.start_page_with(settings);
        let mut s = pg.surface();
        if let Some(hd) = &page.header {
            para(&mut s, hd, fonts, family);
        }
        for b in &page.blocks {
            match b {
                BlockBox::Para(pb) => para(&mut s, pb, fonts, family),
                BlockBox::Table(t) => {
                    for r in &t.rows {
                        for c in &r.cells {
                            for pb in &c.paras {
                                para(&mut s, pb, fonts, family);
                            }
                        }
                    }
                }
            }
        }
        s.finish();
        pg.finish();
    }
    let bytes = pdf
        .finish()
        .map_err(|e| Error::Render(format!("pdf: {e:?}")))?;
    Ok(Pdf {
        bytes,
        pages: set.pages.len() as u32,
        font: family.name.clone(),
    })
}

fn stroke(s: &mut Surface, x0: f32, y0: f32, x1: f32, y1: f32, width: f32) {
    let mut pb = PathBuilder::new();
    pb.move_to(x0, y0);
    pb.line_to(x1, y1);
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(Stroke {
            width,
            ..Stroke::default()
        }));
        s.draw_path(&path);
        s.set_stroke(None);
    }
}

fn para(s: &mut Surface, pb: &ParaBox, fonts: &[Font; 4], family: &Family) {
    for l in &pb.lines {
        line(s, l, fonts, pb.style.underline.then_some(family));
    }
    let half = BORDER_PT / 2.0;
    let bottom = pb.lines.last().map_or(pb.top, |l| l.top + l.height) + BORDER_SPACE_PT + half;
    match pb.para.border {
        Some(Border::Bottom) if pb.ends => {
            stroke(s, pb.left, bottom, pb.right, bottom, BORDER_PT);
        }
        Some(Border::Frame) => {
            let top = pb.top + pb.space_before + half;
            let (l, r) = (
                pb.left - BORDER_SPACE_PT - half,
                pb.right + BORDER_SPACE_PT + half,
            );
            let mut path = PathBuilder::new();
            path.move_to(l, top);
            path.line_to(r, top);
            path.line_to(r, bottom);
            path.line_to(l, bottom);
            path.close();
            if let Some(path) = path.finish() {
                s.set_fill(None);
                s.set_stroke(Some(Stroke {
                    width: BORDER_PT,
                    ..Stroke::default()
                }));
                s.draw_path(&path);
                s.set_stroke(None);
            }
        }
        _ => {}
    }
}

fn line(s: &mut Surface, l: &LineBox, fonts: &[Font; 4], underline: Option<&Family>) {
    for piece in &l.pieces {
        if piece.glyphs.is_empty() {
            continue;
        }
        let size = piece.size;
        let glyphs: Vec<KrillaGlyph> = piece
            .glyphs
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let end = piece
                    .glyphs
                    .get(i + 1..)
                    .and_then(|rest| rest.iter().map(|n| n.cluster).find(|&c| c > g.cluster))
                    .unwrap_or(piece.text.len());
                KrillaGlyph::new(
                    GlyphId::new(u32::from(g.id)),
                    g.advance / size,
                    g.x_offset / size,
                    -g.y_offset / size,
                    0.0,
                    g.cluster..end,
                    None,
                )
            })
            .collect();
        s.set_stroke(None);
        s.set_fill(Some(krilla::paint::Fill::default()));
        s.draw_glyphs(
            Point::from_xy(piece.x, l.baseline),
            &glyphs,
            fonts[piece.variant.index()].clone(),
            &piece.text,
            size,
            false,
        );
        if let Some(family) = underline {
            let (position, thickness) = family.face(piece.variant).underline_em;
            let body = piece.text.trim_end_matches(' ');
            if !body.is_empty() {
                let trailing: f32 = piece
                    .glyphs
                    .iter()
                    .filter(|g| g.cluster >= body.len())
                    .map(|g| g.advance)
                    .sum();
                let y = l.baseline + size * position;
                stroke(
                    s,
                    piece.x,
                    y,
                    piece.x + piece.width - trailing,
                    y,
                    size * thickness,
                );
            }
        }
    }
}
