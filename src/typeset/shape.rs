//! Text measuring: shaped with the system's fonts (rustybuzz), or, for a preview on a machine
//! without them, with the built-in Times New Roman advance widths. Words repeat a lot in
//! Vietnamese (every syllable is a word), so shaped words are cached per thread, from one
//! document to the next (a batch, the preview as the clerk types).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::fonts::{Family, Glyph, Variant};

/// A shaped piece of text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    /// Total advance, ems.
    pub width: f32,
    /// Advance of the spaces that end it, ems (they hang past a line's end).
    pub trailing: f32,
    /// The glyphs, in ems (empty when measured with the built-in widths).
    pub glyphs: Vec<Glyph>,
}

type Cache = [HashMap<String, Rc<Shaped>>; 4];

/// Words kept per face before the thread's cache starts again (a few megabytes).
const CACHE_WORDS: usize = 50_000;

thread_local! {
    /// The thread's shaped words, with the family they were shaped in (`None`: built-in widths).
    static WORDS: RefCell<Option<(Option<usize>, Cache)>> = const { RefCell::new(None) };
}

fn family_key(family: Option<&Family>) -> Option<usize> {
    family.map(|f| f as *const Family as usize)
}

/// Measures text in one of the four faces.
pub struct Shaper<'f> {
    family: Option<&'f Family>,
    cache: Cache,
}

impl<'f> Shaper<'f> {
    /// A shaper over real fonts, or over the built-in widths when `family` is `None`; it starts
    /// with the words this thread shaped before in the same fonts.
    pub fn new(family: Option<&'f Family>) -> Self {
        let key = family_key(family);
        let cache = WORDS
            .with(|w| w.borrow_mut().take())
            .filter(|(k, _)| *k == key)
            .map(|(_, c)| c)
            .unwrap_or_default();
        Shaper { family, cache }
    }

    /// The fonts shaped with, if any.
    pub fn family(&self) -> Option<&'f Family> {
        self.family
    }

    /// Height of a single-spaced line, ems (ascender + descender + line gap).
    pub fn line_em(&self, v: Variant) -> f32 {
        self.family.map_or(BUILTIN_LINE_EM, |f| f.face(v).line_em)
    }

    /// Distance from a line's top to its baseline, ems.
    pub fn ascent_em(&self, v: Variant) -> f32 {
        self.family
            .map_or(BUILTIN_ASCENT_EM, |f| f.face(v).ascent_em)
    }

    /// Shapes `text` in variant `v` (cached).
    pub fn shape(&mut self, v: Variant, text: &str) -> Rc<Shaped> {
        if let Some(s) = self.cache[v.index()].get(text) {
            return s.clone();
        }
        let shaped = Rc::new(match self.family {
            Some(f) => shape_with(f, v, text),
            None => builtin(v, text),
        });
        self.cache[v.index()].insert(text.to_string(), shaped.clone());
        shaped
    }
}

impl Drop for Shaper<'_> {
    fn drop(&mut self) {
        let mut cache = std::mem::take(&mut self.cache);
        for words in &mut cache {
            if words.len() > CACHE_WORDS {
                words.clear();
            }
        }
        let key = family_key(self.family);
        let _ = WORDS.try_with(|w| *w.borrow_mut() = Some((key, cache)));
    }
}

/// Times New Roman / Liberation Serif: (1825 + 443 + 87) / 2048.
const BUILTIN_LINE_EM: f32 = 2355.0 / 2048.0;
/// (1825 + 87) / 2048.
const BUILTIN_ASCENT_EM: f32 = 1912.0 / 2048.0;

fn shape_with(f: &Family, v: Variant, text: &str) -> Shaped {
    let face = f.face(v);
    let upem = face.units_per_em;
    let glyphs: Vec<Glyph> = face
        .shape(text)
        .into_iter()
        .map(|g| Glyph {
            id: g.id,
            cluster: g.cluster,
            advance: g.advance / upem,
            x_offset: g.x_offset / upem,
            y_offset: g.y_offset / upem,
        })
        .collect();
    let width = glyphs.iter().map(|g| g.advance).sum();
    let body_end = text.trim_end_matches(' ').len();
    let trailing = glyphs
        .iter()
        .filter(|g| g.cluster >= body_end)
        .map(|g| g.advance)
        .sum();
    Shaped {
        width,
        trailing,
        glyphs,
    }
}

fn builtin(v: Variant, text: &str) -> Shaped {
    let (bold, italic) = match v {
        Variant::Regular => (false, false),
        Variant::Bold => (true, false),
        Variant::Italic => (false, true),
        Variant::BoldItalic => (true, true),
    };
    let em = |s: &str| crate::layout::text_width_em(s, bold, italic);
    let body = text.trim_end_matches(' ');
    let width = em(text);
    Shaped {
        width,
        trailing: width - em(body),
        glyphs: Vec::new(),
    }
}
