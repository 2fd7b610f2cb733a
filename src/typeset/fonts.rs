//! The serif family every document is set in: Times New Roman when the system has it,
//! otherwise the metric-compatible Liberation Serif. Located with fontdb, loaded once per
//! process and kept for its lifetime.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The family the DOCX names.
pub const PRIMARY: &str = "Times New Roman";
/// The metric-compatible family used when Times New Roman is not installed.
pub const FALLBACK: &str = "Liberation Serif";
/// Environment variable naming a folder to take the fonts from instead of the system's.
pub const FONT_DIR_ENV: &str = "VANTHU_FONT_DIR";

/// What to tell a user whose system has neither family.
pub const INSTALL_HINT: &str =
    "install Times New Roman (Windows and macOS have it) or Liberation Serif \
     (Debian/Ubuntu: `sudo apt-get install fonts-liberation2`; Fedora: `liberation-serif-fonts`)";

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Variant {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
}

impl Variant {
    /// The variant of a run's weight and slant.
    pub fn of(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => Variant::Regular,
            (true, false) => Variant::Bold,
            (false, true) => Variant::Italic,
            (true, true) => Variant::BoldItalic,
        }
    }

    /// Index 0..4.
    pub fn index(self) -> usize {
        self as usize
    }

    /// All four, in index order.
    pub const ALL: [Variant; 4] = [
        Variant::Regular,
        Variant::Bold,
        Variant::Italic,
        Variant::BoldItalic,
    ];

    fn query(self) -> (fontdb::Weight, fontdb::Style) {
        match self {
            Variant::Regular => (fontdb::Weight::NORMAL, fontdb::Style::Normal),
            Variant::Bold => (fontdb::Weight::BOLD, fontdb::Style::Normal),
            Variant::Italic => (fontdb::Weight::NORMAL, fontdb::Style::Italic),
            Variant::BoldItalic => (fontdb::Weight::BOLD, fontdb::Style::Italic),
        }
    }
}

/// A loaded face: its bytes (kept for the process), shaping tables and vertical metrics.
pub struct Face {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its PostScript name (`TimesNewRomanPSMT`, `LiberationSerif-Bold`…).
    pub postscript_name: String,
    /// Collection index.
    pub index: u32,
    data: &'static [u8],
    shaper: rustybuzz::Face<'static>,
    plan: rustybuzz::ShapePlan,
    /// Font units per em.
    pub units_per_em: f32,
    /// Ascender + descender + line gap of the `hhea` table, in ems: one "single" line.
    pub line_em: f32,
    /// Ascender in ems.
    pub ascent_em: f32,
    /// Underline position (below the baseline, positive) and thickness, ems.
    pub underline_em: (f32, f32),
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("path", &self.path)
            .field("postscript_name", &self.postscript_name)
            .finish()
    }
}

impl Face {
    fn load(path: &Path, index: u32, postscript_name: String) -> Option<Face> {
        let bytes = std::fs::read(path).ok()?;
        // Kept for the life of the process: the four faces are read once and shared by every
        // document, the shaper borrowing them.
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let shaper = rustybuzz::Face::from_slice(data, index)?;
        let units_per_em = shaper.units_per_em() as f32;
        let (asc, desc, gap) = (
            f32::from(shaper.ascender()),
            f32::from(shaper.descender()),
            f32::from(shaper.line_gap()),
        );
        let plan = rustybuzz::ShapePlan::new(
            &shaper,
            rustybuzz::Direction::LeftToRight,
            Some(rustybuzz::script::LATIN),
            None,
            &[rustybuzz::Feature::new(
                rustybuzz::ttf_parser::Tag::from_bytes(b"kern"),
                0,
                ..,
            )],
        );
        let underline_em = shaper
            .underline_metrics()
            .map(|m| {
                (
                    -f32::from(m.position) / units_per_em,
                    f32::from(m.thickness) / units_per_em,
                )
            })
            .unwrap_or((0.1, 0.05));
        Some(Face {
            underline_em,
            path: path.to_path_buf(),
            postscript_name,
            index,
            data,
            plan,
            units_per_em,
            line_em: (asc - desc + gap) / units_per_em,
            ascent_em: (asc + gap) / units_per_em,
            shaper,
        })
    }

    /// The font file's bytes.
    pub fn data(&self) -> &'static [u8] {
        self.data
    }

    /// Shapes `text` left to right (Latin script, no kerning: Word's default), returning
    /// each glyph's id, advance and offsets in font units, and its byte offset in `text`.
    pub fn shape(&self, text: &str) -> Vec<Glyph> {
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.set_direction(rustybuzz::Direction::LeftToRight);
        buf.set_script(rustybuzz::script::LATIN);
        let out = rustybuzz::shape_with_plan(&self.shaper, &self.plan, buf);
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(i, p)| Glyph {
                id: i.glyph_id as u16,
                cluster: i.cluster as usize,
                advance: p.x_advance as f32,
                x_offset: p.x_offset as f32,
                y_offset: p.y_offset as f32,
            })
            .collect()
    }

    /// The face's tables (cmap, hmtx, head, OS/2…), for embedding it.
    pub fn tables(&self) -> &rustybuzz::ttf_parser::Face<'static> {
        &self.shaper
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }
}

/// A shaped glyph: advance and offsets in font units out of [`Face::shape`], in ems once
/// measured ([`super::shape`]), in points once placed on a line (justification included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id.
    pub id: u16,
    /// Byte offset of its cluster in the shaped text (or the piece's text, once placed).
    pub cluster: usize,
    /// Horizontal advance.
    pub advance: f32,
    /// Horizontal offset.
    pub x_offset: f32,
    /// Vertical offset (up).
    pub y_offset: f32,
}

/// The four faces of the family found.
#[derive(Debug)]
pub struct Family {
    /// The family's name (`Times New Roman` or `Liberation Serif`).
    pub name: String,
    faces: Vec<Face>,
}

impl Family {
    /// The face of a variant.
    pub fn face(&self, v: Variant) -> &Face {
        &self.faces[v.index()]
    }
}

/// The fonts could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingFont {
    /// The faces missing, e.g. `Liberation Serif Bold`.
    pub missing: Vec<String>,
}

impl std::fmt::Display for MissingFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "font not found: {} ({}); {INSTALL_HINT}",
            PRIMARY,
            self.missing.join(", ")
        )
    }
}

static SYSTEM: OnceLock<Family> = OnceLock::new();

/// The family of this system, located and loaded on first use.
pub fn system() -> Result<&'static Family, MissingFont> {
    if let Some(f) = SYSTEM.get() {
        return Ok(f);
    }
    let found = locate()?;
    Ok(SYSTEM.get_or_init(|| found))
}

/// Folders that usually hold Times New Roman or Liberation Serif, searched before the
/// whole system is scanned.
fn usual_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if cfg!(windows) {
        let root = std::env::var_os("SYSTEMROOT").unwrap_or_else(|| "C:\\Windows".into());
        dirs.push(Path::new(&root).join("Fonts"));
    } else if cfg!(target_os = "macos") {
        dirs.push("/System/Library/Fonts/Supplemental".into());
        dirs.push("/Library/Fonts".into());
    } else {
        dirs.push("/usr/share/fonts/truetype/msttcorefonts".into());
        dirs.push("/usr/share/fonts/truetype/liberation2".into());
        dirs.push("/usr/share/fonts/truetype/liberation".into());
        dirs.push("/usr/share/fonts/liberation-serif".into());
        dirs.push("/usr/share/fonts/TTF".into());
    }
    dirs
}

fn locate() -> Result<Family, MissingFont> {
    let mut db = fontdb::Database::new();
    if let Some(dir) = std::env::var_os(FONT_DIR_ENV) {
        db.load_fonts_dir(dir);
        return pick(&db);
    }
    for d in usual_dirs() {
        if d.is_dir() {
            db.load_fonts_dir(d);
        }
    }
    match pick(&db) {
        Ok(f) => Ok(f),
        Err(_) => {
            db = fontdb::Database::new();
            db.load_system_fonts();
            pick(&db)
        }
    }
}

/// Times New Roman when all four faces are there, else Liberation Serif.
fn pick(db: &fontdb::Database) -> Result<Family, MissingFont> {
    let mut missing = Vec::new();
    for name in [PRIMARY, FALLBACK] {
        match family(db, name) {
            Ok(f) => return Ok(f),
            Err(m) => missing.extend(m),
        }
    }
    Err(MissingFont { missing })
}

fn family(db: &fontdb::Database, name: &str) -> Result<Family, Vec<String>> {
    let mut faces = Vec::new();
    let mut missing = Vec::new();
    for v in Variant::ALL {
        let (weight, style) = v.query();
        let q = fontdb::Query {
            families: &[fontdb::Family::Name(name)],
            weight,
            stretch: fontdb::Stretch::Normal,
            style,
        };
        let label = format!("{name} {v:?}");
        let face = db.query(&q).and_then(|id| db.face(id)).filter(|info| {
            // fontdb returns the nearest face; a synthesised bold or italic would not match.
            info.weight == weight && info.style == style
        });
        let loaded = face.and_then(|info| match &info.source {
            fontdb::Source::File(p) => Face::load(p, info.index, info.post_script_name.clone()),
            fontdb::Source::SharedFile(p, _) => {
                Face::load(p, info.index, info.post_script_name.clone())
            }
            fontdb::Source::Binary(_) => None,
        });
        match loaded {
            Some(f) => faces.push(f),
            None => missing.push(label),
        }
    }
    if missing.is_empty() {
        Ok(Family {
            name: name.to_string(),
            faces,
        })
    } else {
        Err(missing)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_system_family_has_four_faces_with_vietnamese() {
        let Ok(f) = system() else {
            eprintln!("skipped: no Times New Roman or Liberation Serif here");
            return;
        };
        for v in Variant::ALL {
            let face = f.face(v);
            for c in "ẠặỆữỡĐđƯơ".chars() {
                assert!(face.has_char(c), "{:?} lacks {c}", face.path);
            }
            assert!((1.1..1.2).contains(&face.line_em), "{}", face.line_em);
        }
        assert!(f.name == PRIMARY || f.name == FALLBACK);
    }

    #[test]
    fn an_empty_folder_is_a_missing_font_naming_what_to_install() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = fontdb::Database::new();
        db.load_fonts_dir(dir.path());
        let e = pick(&db).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("Times New Roman"), "{msg}");
        assert!(msg.contains("fonts-liberation2"), "{msg}");
        assert!(e.missing.iter().any(|m| m.contains("Liberation Serif")));
    }
}
