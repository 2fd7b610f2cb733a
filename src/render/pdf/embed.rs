//! The fonts of a native PDF: each face embedded as a CID-keyed TrueType subset with its widths,
//! ToUnicode map and CIDSet.
//!
//! A letter in Vietnamese uses a few hundred distinct glyphs at most, nearly all from one fixed
//! repertoire (ASCII, the Vietnamese letters, the office's punctuation). So each face's subset of
//! that repertoire is made, compressed and mapped once per process and shared by every document.
//! A face that shows only a few glyphs (an italic line) is embedded with just those, and one that
//! shows a glyph outside the repertoire (a symbol, a ligature) with the repertoire plus it; those
//! subsets are remembered for the next document that shows the same glyphs. The same document
//! always gives the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use rustybuzz::ttf_parser;
use subsetter::GlyphRemapper;

use crate::error::{Error, Result};
use crate::typeset::fonts::Face;

/// The characters whose glyphs every face embeds: printable ASCII, the letters of Vietnamese and
/// the punctuation of administrative letters.
fn repertoire() -> impl Iterator<Item = char> {
    let ascii = ' '..='~';
    let latin1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".chars();
    let vietnamese = "ĂăĐđĨĩŨũƠơƯư".chars().chain('\u{1EA0}'..='\u{1EF9}');
    let punctuation = "\u{A0}–—‘’“”…•·°×§«»№".chars();
    ascii.chain(latin1).chain(vietnamese).chain(punctuation)
}

/// What a face embeds in one PDF.
pub(super) struct Embedded {
    /// Old glyph id → CID, `u16::MAX` where the glyph is not embedded.
    cids: Vec<u16>,
    /// `ABCDEF+PostScriptName`.
    pub base_font: String,
    /// The subset font program, deflated.
    pub font_file: Vec<u8>,
    /// The CIDSet bitmap, deflated.
    pub cid_set: Vec<u8>,
    /// The ToUnicode CMap, deflated.
    pub to_unicode: Vec<u8>,
    /// Width of each CID in thousandths of an em.
    pub widths: Vec<f32>,
    /// Font descriptor values.
    pub descriptor: Descriptor,
}

/// The numbers of a font descriptor, in thousandths of an em.
#[derive(Debug, Clone, Copy)]
pub(super) struct Descriptor {
    pub italic: bool,
    pub italic_angle: f32,
    pub bbox: [f32; 4],
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub stem_v: f32,
}

impl Embedded {
    /// The CID of a glyph of the face, if embedded.
    pub fn cid(&self, glyph: u16) -> Option<u16> {
        self.cids
            .get(usize::from(glyph))
            .copied()
            .filter(|&c| c != u16::MAX)
    }

    /// The advance of a CID in thousandths of an em.
    pub fn width(&self, cid: u16) -> f32 {
        self.widths.get(usize::from(cid)).copied().unwrap_or(0.0)
    }
}

/// The glyphs a document uses in one face, with their text: all of them while they are few,
/// else those outside the shared repertoire.
pub(super) struct Usage {
    face: &'static Face,
    base: Arc<Embedded>,
    used: BTreeMap<u16, String>,
}

/// A face that shows at most this many distinct glyphs (a heading in italics, a bold word) is
/// embedded with just those: smaller than the repertoire and quick to subset.
const FEW_GLYPHS: usize = 48;

impl Usage {
    /// Starts from the face's shared repertoire subset.
    pub fn new(face: &'static Face) -> Result<Usage> {
        Ok(Usage {
            face,
            base: subset(face, false, Vec::new())?,
            used: BTreeMap::new(),
        })
    }

    /// Notes a glyph and the text it shows.
    pub fn add(&mut self, glyph: u16, text: &str) {
        if self.used.len() <= FEW_GLYPHS || self.base.cid(glyph).is_none() {
            self.used.entry(glyph).or_insert_with(|| text.to_string());
        }
    }

    /// The face as embedded in this document.
    pub fn embed(self) -> Result<Arc<Embedded>> {
        let few = self.used.len() <= FEW_GLYPHS;
        let base = &self.base;
        let key: Vec<(u16, String)> = self
            .used
            .into_iter()
            .filter(|(g, _)| few || base.cid(*g).is_none())
            .collect();
        if !few && key.is_empty() {
            return Ok(self.base);
        }
        subset(self.face, few, key)
    }
}

/// A subset of a face: the face, whether it holds only the glyphs listed (else the repertoire
/// besides them), and those glyphs with their text. The repertoire itself lists none.
type SubsetKey = (usize, bool, Vec<(u16, String)>);

/// The subset of `face` that `few` and `glyphs` describe ([`SubsetKey`]), made once per process:
/// the repertoire for every document, the others for the next document that shows the same
/// glyphs (letters of a batch share their italic and bold lines).
fn subset(face: &'static Face, few: bool, glyphs: Vec<(u16, String)>) -> Result<Arc<Embedded>> {
    type Memo = Mutex<HashMap<SubsetKey, Arc<Embedded>>>;
    /// Subsets besides the repertoires kept before the memo starts again.
    const KEPT: usize = 512;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let key = (face as *const Face as usize, few, glyphs);
    let memo = MEMO.get_or_init(Memo::default);
    if let Some(e) = memo.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(e);
    }
    let (mut ids, mut text) = if few {
        (Vec::new(), HashMap::new())
    } else {
        base_glyphs(face)
    };
    for (g, t) in &key.2 {
        if *g != 0 {
            ids.push(*g);
        }
        text.insert(*g, t.clone());
    }
    let made = Arc::new(build(face, &ids, &text)?);
    if let Ok(mut m) = memo.lock() {
        if m.len() >= KEPT {
            m.retain(|(_, few, glyphs), _| !few && glyphs.is_empty());
        }
        return Ok(m.entry(key).or_insert(made).clone());
    }
    Ok(made)
}

/// The repertoire's glyphs of a face in CID order (after .notdef), with each one's text.
fn base_glyphs(face: &Face) -> (Vec<u16>, HashMap<u16, String>) {
    let t = face.tables();
    let mut text = HashMap::new();
    for c in repertoire() {
        if let Some(g) = t.glyph_index(c) {
            text.entry(g.0).or_insert_with(|| c.to_string());
        }
    }
    let mut glyphs: Vec<u16> = text.keys().copied().filter(|&g| g != 0).collect();
    glyphs.sort_unstable();
    (glyphs, text)
}

/// Deflates a stream's bytes (zlib format). The compressor of each level is kept per thread and
/// reset between streams: a fresh one allocates and clears its window every time.
pub(super) fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static COMPRESSORS: std::cell::RefCell<HashMap<u32, Compress>> =
            std::cell::RefCell::new(HashMap::new());
    }
    COMPRESSORS.with(|c| {
        let mut c = c.borrow_mut();
        let z = c
            .entry(level)
            .or_insert_with(|| Compress::new(Compression::new(level), true));
        z.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = z.total_in() as usize;
            match z.compress_vec(
                &data[read.min(data.len())..],
                &mut out,
                FlushCompress::Finish,
            ) {
                Ok(Status::StreamEnd) => break,
                Ok(_) => out.reserve(out.capacity().max(1024)),
                Err(_) => return deflate_fresh(data, level),
            }
        }
        out
    })
}

fn deflate_fresh(data: &[u8], level: u32) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    // Writing into a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

fn font_error(face: &Face, what: impl std::fmt::Display) -> Error {
    Error::MissingFont(format!("{}: {what}", face.path.display()))
}

/// Subsets `face` to `.notdef` + `glyphs` (CIDs in that order) and writes its PDF parts.
fn build(face: &Face, glyphs: &[u16], text: &HashMap<u16, String>) -> Result<Embedded> {
    let t = face.tables();
    let mut remapper = GlyphRemapper::new();
    remapper.remap(0);
    for &g in glyphs {
        remapper.remap(g);
    }
    let program = subsetter::subset(face.data(), face.index, &remapper)
        .map_err(|e| font_error(face, format!("cannot subset the font ({e})")))?;
    let embedded_glyphs = ttf_parser::Face::parse(&program, 0)
        .map_err(|e| font_error(face, format!("the font subset does not read back ({e})")))?
        .number_of_glyphs();

    let mut cids = vec![u16::MAX; usize::from(t.number_of_glyphs())];
    let upem = f32::from(t.units_per_em());
    let em = |v: f32| v * 1000.0 / upem;
    let mut widths = Vec::with_capacity(glyphs.len() + 1);
    let mut cmap = pdf_writer::types::UnicodeCmap::new(
        pdf_writer::Name(b"Custom"),
        pdf_writer::types::SystemInfo {
            registry: pdf_writer::Str(b"Adobe"),
            ordering: pdf_writer::Str(b"Identity"),
            supplement: 0,
        },
    );
    for (cid, old) in remapper.remapped_gids().enumerate() {
        let cid = cid as u16;
        if let Some(slot) = cids.get_mut(usize::from(old)) {
            *slot = cid;
        }
        let advance = t
            .glyph_hor_advance(ttf_parser::GlyphId(old))
            .map_or(0.0, f32::from);
        widths.push(em(advance));
        if cid == 0 {
            continue;
        }
        if let Some(s) = text.get(&old) {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => cmap.pair(cid, c),
                (Some(_), Some(_)) => cmap.pair_with_multiple(cid, s.chars()),
                _ => {}
            }
        }
    }

    let n = usize::from(embedded_glyphs);
    let mut cid_set = vec![0xFFu8; n / 8];
    if n % 8 != 0 {
        cid_set.push(!(0xFFu8 >> (n % 8)));
    }

    let bbox = t.global_bounding_box();
    let (ascent, descent) = (em(f32::from(t.ascender())), em(f32::from(t.descender())));
    let weight = f32::from(t.weight().to_number());
    let italic_angle = t.italic_angle();
    let descriptor = Descriptor {
        italic: italic_angle != 0.0 || t.is_italic(),
        italic_angle,
        bbox: [
            em(f32::from(bbox.x_min)),
            em(f32::from(bbox.y_min)),
            em(f32::from(bbox.x_max)),
            em(f32::from(bbox.y_max)),
        ],
        ascent,
        descent,
        cap_height: t.capital_height().map_or(ascent, |h| em(f32::from(h))),
        stem_v: 10.0 + 0.244 * (weight - 50.0),
    };
    Ok(Embedded {
        cids,
        base_font: format!(
            "{}+{}",
            subset_tag(&face.postscript_name, glyphs),
            face.postscript_name
        ),
        font_file: deflate(&program, 6),
        cid_set: deflate(&cid_set, 6),
        to_unicode: deflate(&cmap.finish().into_vec(), 6),
        widths,
        descriptor,
    })
}

/// Six capital letters that name a subset, the same for the same glyphs.
fn subset_tag(font: &str, glyphs: &[u16]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    font.hash(&mut h);
    glyphs.hash(&mut h);
    let mut v = h.finish();
    (0..6)
        .map(|_| {
            let c = (b'A' + (v % 26) as u8) as char;
            v /= 26;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repertoire_covers_every_vietnamese_letter() {
        let r: Vec<char> = repertoire().collect();
        for c in "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ".chars() {
            assert!(r.contains(&c), "{c}");
        }
    }

    #[test]
    fn a_subset_tag_is_six_capitals_and_stable() {
        let t = subset_tag("F", &[3, 4, 5]);
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(t, subset_tag("F", &[3, 4, 5]));
        assert_ne!(t, subset_tag("F", &[3, 4, 6]));
        assert_ne!(t, subset_tag("F-Bold", &[3, 4, 5]));
    }
}
