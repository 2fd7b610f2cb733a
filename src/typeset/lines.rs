//! A paragraph into lines: break opportunities from Unicode line breaking (UAX #14), first fit
//! as Word and LibreOffice do, spaces hanging past the line's end, justified lines stretched
//! at their spaces, the last line and a line ending in a manual break set by the paragraph's
//! alignment without stretching.

use std::rc::Rc;

use unicode_linebreak::linebreaks;

use super::fonts::Variant;
use super::shape::{Shaped, Shaper};
use super::{Glyph, LineBox, Piece, TWIPS_PER_PT};
use crate::layout::{Border, Para, Run, Style};
use crate::rules::Align;

/// Tolerance when fitting text, points: LibreOffice measures at its reference device's
/// resolution, and a line within a twentieth of a point of the full width does not fit there
/// (checked against its conversions of the samples, the templates and every type).
const FIT_EPSILON: f32 = -0.05;

/// Height of the drawn-rule paragraph: an exact 4 pt line (`w:line="80"`, exact).
pub const RULE_LINE_PT: f32 = 4.0;

/// A run of text of one face inside a hard line.
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    variant: Variant,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// A piece of text between two break opportunities, shaped.
#[derive(Debug, Clone)]
struct Segment {
    parts: Vec<(usize, usize, Rc<Shaped>)>,
    /// Width in points.
    width: f32,
    /// Width of its trailing spaces, points.
    trailing: f32,
}

/// The text of the paragraph split at its typed line breaks.
struct HardLine {
    text: String,
    spans: Vec<Span>,
}

fn hard_lines(p: &Para, st: &Style, page: u32) -> Vec<HardLine> {
    let mut out = vec![HardLine {
        text: String::new(),
        spans: Vec::new(),
    }];
    for r in &p.runs {
        let (text, bold, italic) = match r {
            Run::Break => {
                out.push(HardLine {
                    text: String::new(),
                    spans: Vec::new(),
                });
                continue;
            }
            Run::PageNumber => (page.to_string(), None, None),
            Run::Text { text, bold, italic } => (text.clone(), *bold, *italic),
        };
        if text.is_empty() {
            continue;
        }
        let Some(cur) = out.last_mut() else { continue };
        let start = cur.text.len();
        cur.text.push_str(&text);
        cur.spans.push(Span {
            start,
            end: cur.text.len(),
            variant: Variant::of(bold.unwrap_or(st.bold), italic.unwrap_or(st.italic)),
            bold,
            italic,
        });
    }
    out
}

/// Height and baseline offset of a line of the paragraph, points.
pub fn line_metrics(p: &Para, st: &Style, shaper: &Shaper) -> (f32, f32) {
    let size = st.half_points as f32 / 2.0;
    if p.border == Some(Border::Bottom) {
        return (RULE_LINE_PT, RULE_LINE_PT);
    }
    let v = Variant::of(st.bold, st.italic);
    let single = (size * TWIPS_PER_PT * shaper.line_em(v)).round();
    let height = (single * st.line as f32 / 240.0).round() / TWIPS_PER_PT;
    (height, size * shaper.ascent_em(v))
}

/// Breaks a paragraph into lines between `left` and `right` (absolute x, its own indents
/// already applied). Line tops start at 0; the caller places them.
pub fn set_lines(
    p: &Para,
    st: &Style,
    left: f32,
    right: f32,
    shaper: &mut Shaper,
    page: u32,
) -> Vec<LineBox> {
    let size = st.half_points as f32 / 2.0;
    let (height, ascent) = line_metrics(p, st, shaper);
    let first_indent = match (p.hanging, p.first_line) {
        (Some(h), _) => -(h as f32) / TWIPS_PER_PT,
        (None, Some(f)) => f as f32 / TWIPS_PER_PT,
        (None, None) => st.first_line as f32 / TWIPS_PER_PT,
    };
    let align = p.align.unwrap_or(st.align);
    let mut lines: Vec<LineBox> = Vec::new();
    let hard = hard_lines(p, st, page);
    let n_hard = hard.len();
    for (hi, hl) in hard.into_iter().enumerate() {
        let segments = segments(&hl, size, shaper);
        let mut groups: Vec<Vec<Segment>> = Vec::new();
        let mut cur: Vec<Segment> = Vec::new();
        let mut used = 0.0f32;
        for seg in segments {
            let start = if lines.is_empty() && groups.is_empty() {
                left + first_indent
            } else {
                left
            };
            let avail = right - start;
            if !cur.is_empty() && used + seg.width - seg.trailing > avail + FIT_EPSILON {
                groups.push(std::mem::take(&mut cur));
                used = 0.0;
            }
            let avail = if lines.is_empty() && groups.is_empty() {
                right - (left + first_indent)
            } else {
                right - left
            };
            if cur.is_empty() && seg.width - seg.trailing > avail + FIT_EPSILON {
                // A word longer than the line: broken between characters, as Word does.
                for piece in explode(&hl, &seg, size, shaper) {
                    if !cur.is_empty() && used + piece.width - piece.trailing > avail + FIT_EPSILON
                    {
                        groups.push(std::mem::take(&mut cur));
                        used = 0.0;
                    }
                    used += piece.width;
                    cur.push(piece);
                }
                continue;
            }
            used += seg.width;
            cur.push(seg);
        }
        groups.push(cur);
        let n_groups = groups.len();
        for (gi, g) in groups.into_iter().enumerate() {
            let first = lines.is_empty();
            let start = if first { left + first_indent } else { left };
            let last_of_hard = gi + 1 == n_groups;
            let hard_break = last_of_hard && hi + 1 < n_hard;
            let last_of_para = last_of_hard && hi + 1 == n_hard;
            lines.push(line(
                &hl,
                g,
                LineFrame {
                    start,
                    right,
                    size,
                    height,
                    ascent,
                    align,
                    hard_break,
                    last: last_of_para,
                },
            ));
        }
    }
    lines
}

struct LineFrame {
    start: f32,
    right: f32,
    size: f32,
    height: f32,
    ascent: f32,
    align: Align,
    hard_break: bool,
    last: bool,
}

fn line(hl: &HardLine, segs: Vec<Segment>, f: LineFrame) -> LineBox {
    let natural: f32 =
        segs.iter().map(|s| s.width).sum::<f32>() - segs.last().map_or(0.0, |s| s.trailing);
    // The byte offset where the hanging spaces begin.
    let text_end = segs.last().and_then(|s| s.parts.last()).map_or(0, |p| p.1);
    let text_start = segs
        .first()
        .and_then(|s| s.parts.first())
        .map_or(0, |p| p.0);
    let body_end = text_start + hl.text[text_start..text_end].trim_end_matches(' ').len();
    let avail = f.right - f.start;
    let stretchable = hl.text[text_start..body_end].matches(' ').count();
    // A line ending in a manual break stays unstretched, as Word sets it under the DOCX's
    // `doNotExpandShiftReturn`.
    let justified =
        f.align == Align::Both && !f.last && !f.hard_break && stretchable > 0 && natural < avail;
    let extra = if justified {
        (avail - natural) / stretchable as f32
    } else {
        0.0
    };
    let x = match f.align {
        Align::Left | Align::Both => f.start,
        Align::Center => f.start + ((avail - natural) / 2.0).max(0.0),
        Align::Right => f.start + (avail - natural).max(0.0),
    };
    let mut pieces: Vec<Piece> = Vec::new();
    let mut last_span = usize::MAX;
    for seg in segs {
        for (s, e, shaped) in seg.parts {
            let span_idx = hl
                .spans
                .iter()
                .position(|sp| sp.start <= s && s < sp.end)
                .unwrap_or(0);
            let Some(span) = hl.spans.get(span_idx) else {
                continue;
            };
            let text = &hl.text[s..e];
            if span_idx != last_span || pieces.is_empty() {
                pieces.push(Piece {
                    text: String::new(),
                    variant: span.variant,
                    bold: span.bold,
                    italic: span.italic,
                    size: f.size,
                    x: 0.0,
                    width: 0.0,
                    glyphs: Vec::new(),
                });
                last_span = span_idx;
            }
            let Some(piece) = pieces.last_mut() else {
                continue;
            };
            let base = piece.text.len();
            piece.text.push_str(text);
            let stretch_at = |offset: usize| -> f32 {
                let abs = s + offset;
                if justified && abs < body_end && hl.text[abs..].starts_with(' ') {
                    extra
                } else {
                    0.0
                }
            };
            if shaped.glyphs.is_empty() {
                let spaces = (0..text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .map(stretch_at)
                    .sum::<f32>();
                piece.width += shaped.width * f.size + spaces;
            } else {
                for g in &shaped.glyphs {
                    let adv = g.advance * f.size + stretch_at(g.cluster);
                    piece.glyphs.push(Glyph {
                        id: g.id,
                        cluster: base + g.cluster,
                        advance: adv,
                        x_offset: g.x_offset * f.size,
                        y_offset: g.y_offset * f.size,
                    });
                    piece.width += adv;
                }
            }
        }
    }
    let mut cx = x;
    for p in &mut pieces {
        p.x = cx;
        cx += p.width;
    }
    LineBox {
        top: 0.0,
        height: f.height,
        baseline: f.ascent,
        x,
        width: natural + extra * stretchable as f32,
        pieces,
        hard_break: f.hard_break,
        justified,
    }
}

fn segments(hl: &HardLine, size: f32, shaper: &mut Shaper) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut prev = 0;
    for (pos, _) in linebreaks(&hl.text) {
        if pos == prev || !breaks_like_word(&hl.text, pos) {
            continue;
        }
        out.push(segment(hl, prev, pos, size, shaper));
        prev = pos;
    }
    out
}

/// Word and LibreOffice do not break after a slash inside a symbol (`01-KL/TW`), which
/// UAX #14 allows.
fn breaks_like_word(text: &str, pos: usize) -> bool {
    let before = text[..pos].chars().next_back();
    let after = text[pos..].chars().next();
    !matches!((before, after), (Some('/'), Some(c)) if !c.is_whitespace())
}

fn segment(hl: &HardLine, start: usize, end: usize, size: f32, shaper: &mut Shaper) -> Segment {
    let mut parts = Vec::new();
    let mut width = 0.0;
    let mut trailing = 0.0;
    for sp in &hl.spans {
        let s = sp.start.max(start);
        let e = sp.end.min(end);
        if s >= e {
            continue;
        }
        let shaped = shaper.shape(sp.variant, &hl.text[s..e]);
        width += shaped.width * size;
        // Only the spaces at the very end of the segment hang.
        trailing = if e == end {
            shaped.trailing * size
        } else {
            0.0
        };
        parts.push((s, e, shaped));
    }
    Segment {
        parts,
        width,
        trailing,
    }
}

/// A segment split into single characters (combining marks kept with their letter).
fn explode(hl: &HardLine, seg: &Segment, size: f32, shaper: &mut Shaper) -> Vec<Segment> {
    let (Some(first), Some(last)) = (seg.parts.first(), seg.parts.last()) else {
        return Vec::new();
    };
    let (start, end) = (first.0, last.1);
    let mut bounds: Vec<usize> = hl.text[start..end]
        .char_indices()
        .filter(|(_, c)| !unicode_normalization::char::is_combining_mark(*c))
        .map(|(i, _)| start + i)
        .collect();
    bounds.push(end);
    bounds
        .windows(2)
        .map(|w| segment(hl, w[0], w[1], size, shaper))
        .collect()
}
