//! PDF: the native engine writes the typesetter's pages with pdf-writer as PDF/A-2b (XMP
//! metadata, sRGB output intent, the fonts subset by subsetter and embedded with ToUnicode
//! maps); [`libreoffice`] keeps the path through LibreOffice.

mod archive;
mod embed;
pub mod libreoffice;

pub use libreoffice::{from_docx, from_docx_many, soffice, INSTALL_HINT, TIMEOUT};

use std::sync::Arc;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Rect, Ref, Str};

use crate::error::{Error, Result};
use crate::layout::{Border, Document};
use crate::typeset::{
    self, Family, LineBox, PageBox, ParaBox, Piece, Typeset, BORDER_PT, BORDER_SPACE_PT,
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

/// The resource name of a variant's font on every page.
const FONT_NAMES: [&[u8]; 4] = [b"F0", b"F1", b"F2", b"F3"];

/// Level of the page streams' compression: text operators shrink about as well at 1 as at 6.
const CONTENT_LEVEL: u32 = 1;

/// Writes typeset pages as a PDF/A-2b file.
pub fn write(set: &Typeset, family: &'static Family, meta: &Meta) -> Result<Pdf> {
    let fonts = embed_fonts(set, family)?;
    let p = &set.doc.page;
    let (w, h) = (typeset::pt(p.width), typeset::pt(p.height));
    let contents: Vec<Vec<u8>> = set
        .pages
        .iter()
        .map(|page| embed::deflate(&page_content(page, h, &fonts, family), CONTENT_LEVEL))
        .collect();
    let names = archive::Names {
        meta,
        creator: format!("Văn Thư {}", env!("CARGO_PKG_VERSION")),
        producer: format!(
            "Văn Thư {} (font: {})",
            env!("CARGO_PKG_VERSION"),
            family.name
        ),
        keywords: format!("font: {}", family.name),
        pages: set.pages.len() as u32,
    };

    let mut next = Ref::new(1);
    let mut alloc = || next.bump();
    let (catalog_id, pages_id, info_id, xmp_id, icc_id) =
        (alloc(), alloc(), alloc(), alloc(), alloc());
    let page_ids: Vec<(Ref, Ref)> = contents.iter().map(|_| (alloc(), alloc())).collect();
    let font_ids: Vec<Option<[Ref; 6]>> = fonts
        .iter()
        .map(|f| {
            f.as_ref()
                .map(|_| [alloc(), alloc(), alloc(), alloc(), alloc(), alloc()])
        })
        .collect();

    let font_bytes: usize = fonts.iter().flatten().map(|f| f.font_file.len()).sum();
    let mut pdf = pdf_writer::Pdf::with_capacity(
        contents.iter().map(Vec::len).sum::<usize>() + font_bytes + 16 * 1024,
    );
    let xmp = archive::xmp(&names);
    {
        let mut catalog = pdf.catalog(catalog_id);
        catalog
            .pages(pages_id)
            .metadata(xmp_id)
            .lang(pdf_writer::TextStr("vi"));
        archive::output_intent(&mut catalog, icc_id);
    }
    archive::info(&mut pdf, info_id, &names);
    pdf.metadata(xmp_id, xmp.as_bytes());
    archive::icc_profile(&mut pdf, icc_id);
    pdf.pages(pages_id)
        .kids(page_ids.iter().map(|&(id, _)| id))
        .count(page_ids.len() as i32);
    for (&(page_id, content_id), content) in page_ids.iter().zip(&contents) {
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, w, h))
            .parent(pages_id)
            .contents(content_id);
        let mut resources = page.resources();
        let mut dict = resources.fonts();
        for (v, ids) in font_ids.iter().enumerate() {
            if let Some(ids) = ids {
                dict.pair(Name(FONT_NAMES[v]), ids[0]);
            }
        }
        dict.finish();
        resources.finish();
        page.finish();
        pdf.stream(content_id, content).filter(Filter::FlateDecode);
    }
    for (f, ids) in fonts.iter().zip(&font_ids) {
        if let (Some(f), Some(ids)) = (f, ids) {
            write_font(&mut pdf, f, *ids);
        }
    }
    pdf.set_file_id(archive::file_id(&names, &contents));
    Ok(Pdf {
        bytes: pdf.finish(),
        pages: set.pages.len() as u32,
        font: family.name.clone(),
    })
}

/// Writes one embedded face: Type0 font, CID font, descriptor, ToUnicode, program, CIDSet.
fn write_font(pdf: &mut pdf_writer::Pdf, f: &embed::Embedded, ids: [Ref; 6]) {
    let [type0, cid_font, descriptor, to_unicode, program, cid_set] = ids;
    let name = Name(f.base_font.as_bytes());
    pdf.type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);
    let mut cid = pdf.cid_font(cid_font);
    cid.subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    cid.widths().consecutive(0, f.widths.iter().copied());
    cid.finish();
    let d = f.descriptor;
    let mut flags = FontFlags::SERIF | FontFlags::SYMBOLIC;
    flags.set(FontFlags::ITALIC, d.italic);
    pdf.font_descriptor(descriptor)
        .name(name)
        .flags(flags)
        .bbox(Rect::new(d.bbox[0], d.bbox[1], d.bbox[2], d.bbox[3]))
        .italic_angle(d.italic_angle)
        .ascent(d.ascent)
        .descent(d.descent)
        .cap_height(d.cap_height)
        .stem_v(d.stem_v)
        .cid_set(cid_set)
        .font_file2(program);
    pdf.cmap(to_unicode, &f.to_unicode)
        .filter(Filter::FlateDecode);
    pdf.stream(program, &f.font_file)
        .filter(Filter::FlateDecode);
    pdf.stream(cid_set, &f.cid_set).filter(Filter::FlateDecode);
}

/// The faces a document uses, each embedded with the glyphs it shows.
fn embed_fonts(
    set: &Typeset,
    family: &'static Family,
) -> Result<[Option<Arc<embed::Embedded>>; 4]> {
    let mut usage: [Option<embed::Usage>; 4] = Default::default();
    for page in &set.pages {
        for pb in page.paras() {
            for l in &pb.lines {
                for piece in &l.pieces {
                    if piece.glyphs.is_empty() {
                        continue;
                    }
                    let u = match &mut usage[piece.variant.index()] {
                        Some(u) => u,
                        slot => slot.insert(embed::Usage::new(family.face(piece.variant))?),
                    };
                    for (i, g) in piece.glyphs.iter().enumerate() {
                        u.add(g.id, cluster_text(piece, i));
                    }
                }
            }
        }
    }
    let mut fonts: [Option<Arc<embed::Embedded>>; 4] = Default::default();
    for (slot, u) in fonts.iter_mut().zip(usage) {
        if let Some(u) = u {
            *slot = Some(u.embed()?);
        }
    }
    Ok(fonts)
}

/// The text of glyph `i`'s cluster, empty for the second and later glyphs of a cluster.
fn cluster_text(piece: &Piece, i: usize) -> &str {
    let g = &piece.glyphs[i];
    if i > 0 && piece.glyphs[i - 1].cluster == g.cluster {
        return "";
    }
    let end = piece.glyphs[i + 1..]
        .iter()
        .map(|n| n.cluster)
        .find(|&c| c > g.cluster)
        .unwrap_or(piece.text.len());
    piece.text.get(g.cluster..end).unwrap_or("")
}

/// A page's content stream, in PDF's coordinates (origin bottom left; `h` the page height).
fn page_content(
    page: &PageBox,
    h: f32,
    fonts: &[Option<Arc<embed::Embedded>>; 4],
    family: &Family,
) -> Vec<u8> {
    let mut c = Content::with_capacity(16 * 1024);
    for pb in page.paras() {
        para(&mut c, pb, h, fonts, family);
    }
    c.finish().into_vec()
}

fn stroke(c: &mut Content, h: f32, (x0, y0): (f32, f32), (x1, y1): (f32, f32), width: f32) {
    c.set_line_width(width);
    c.move_to(x0, h - y0);
    c.line_to(x1, h - y1);
    c.stroke();
}

fn para(
    c: &mut Content,
    pb: &ParaBox,
    h: f32,
    fonts: &[Option<Arc<embed::Embedded>>; 4],
    family: &Family,
) {
    for l in &pb.lines {
        line(c, l, h, fonts, pb.style.underline.then_some(family));
    }
    let half = BORDER_PT / 2.0;
    let bottom = pb.lines.last().map_or(pb.top, |l| l.top + l.height) + BORDER_SPACE_PT + half;
    match pb.para.border {
        Some(Border::Bottom) if pb.ends => {
            stroke(c, h, (pb.left, bottom), (pb.right, bottom), BORDER_PT);
        }
        Some(Border::Frame) => {
            let top = pb.top + pb.space_before + half;
            let (l, r) = (
                pb.left - BORDER_SPACE_PT - half,
                pb.right + BORDER_SPACE_PT + half,
            );
            c.set_line_width(BORDER_PT);
            c.move_to(l, h - top);
            c.line_to(r, h - top);
            c.line_to(r, h - bottom);
            c.line_to(l, h - bottom);
            c.close_path();
            c.stroke();
        }
        _ => {}
    }
}

/// Glyphs shown from one origin: CIDs, and after each the TJ adjustment (thousandths of an
/// em, positive moves left) that makes its advance the typesetter's.
struct Run {
    x: f32,
    y: f32,
    glyphs: Vec<(u16, f32)>,
}

fn show(c: &mut Content, name: &[u8], size: f32, run: &Run) {
    if run.glyphs.is_empty() {
        return;
    }
    c.begin_text();
    c.set_font(Name(name), size);
    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x, run.y]);
    let mut tj = c.show_positioned();
    let mut items = tj.items();
    let mut bytes = Vec::with_capacity(run.glyphs.len() * 2);
    for &(cid, adjust) in &run.glyphs {
        bytes.extend_from_slice(&cid.to_be_bytes());
        if adjust != 0.0 {
            items.show(Str(&bytes));
            items.adjust(adjust);
            bytes.clear();
        }
    }
    if !bytes.is_empty() {
        items.show(Str(&bytes));
    }
    items.finish();
    tj.finish();
    c.end_text();
}

fn line(
    c: &mut Content,
    l: &LineBox,
    h: f32,
    fonts: &[Option<Arc<embed::Embedded>>; 4],
    underline: Option<&Family>,
) {
    let baseline = h - l.baseline;
    for piece in &l.pieces {
        let Some(font) = fonts[piece.variant.index()].as_deref() else {
            continue;
        };
        let size = piece.size;
        let name = FONT_NAMES[piece.variant.index()];
        let mut pen = piece.x;
        let mut run = Run {
            x: pen,
            y: baseline,
            glyphs: Vec::with_capacity(piece.glyphs.len()),
        };
        for g in &piece.glyphs {
            let cid = font.cid(g.id).unwrap_or(0);
            // A character the font lacks is left as a gap (PDF/A shows no .notdef); a glyph
            // set off its pen position (a mark) is shown on its own.
            if cid == 0 || g.x_offset != 0.0 || g.y_offset != 0.0 {
                show(c, name, size, &run);
                if cid != 0 {
                    let lone = Run {
                        x: pen + g.x_offset,
                        y: baseline + g.y_offset,
                        glyphs: vec![(cid, 0.0)],
                    };
                    show(c, name, size, &lone);
                }
                pen += g.advance;
                run = Run {
                    x: pen,
                    y: baseline,
                    glyphs: Vec::new(),
                };
                continue;
            }
            let natural = font.width(cid) * size / 1000.0;
            let adjust = (natural - g.advance) * 1000.0 / size;
            let adjust = if adjust.abs() < 0.01 { 0.0 } else { adjust };
            run.glyphs.push((cid, adjust));
            pen += g.advance;
        }
        show(c, name, size, &run);
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
                    c,
                    h,
                    (piece.x, y),
                    (piece.x + piece.width - trailing, y),
                    size * thickness,
                );
            }
        }
    }
}
