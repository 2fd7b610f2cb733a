//! Text width in Times New Roman, for the lengths of the drawn lines and frames.

use super::metrics::WIDTHS;
use unicode_normalization::char::decompose_canonical;

/// Twips per millimetre.
pub const TWIPS_PER_MM: f32 = 56.692_91;

/// Converts millimetres to twips.
pub fn mm(v: f32) -> u32 {
    (v * TWIPS_PER_MM).round() as u32
}

fn base_letter(c: char) -> char {
    match c {
        'đ' => 'd',
        'Đ' => 'D',
        c if c.is_ascii() => c,
        c => {
            let mut first = c;
            let mut seen = false;
            decompose_canonical(c, |d| {
                if !seen {
                    first = d;
                    seen = true;
                }
            });
            first
        }
    }
}

/// Width of a single-line text in twips at `size` points.
pub fn text_width(s: &str, size: f32, bold: bool, italic: bool) -> u32 {
    // units/2048 em × size pt × 20 twips/pt
    ((units(s, bold, italic) as f32) * size * 20.0 / 2048.0).round() as u32
}

/// Width of a single-line text in ems, from the built-in advance widths.
pub fn text_width_em(s: &str, bold: bool, italic: bool) -> f32 {
    units(s, bold, italic) as f32 / 2048.0
}

fn units(s: &str, bold: bool, italic: bool) -> u32 {
    let table = &WIDTHS[usize::from(bold) + 2 * usize::from(italic)];
    s.chars()
        .map(|c| {
            let b = base_letter(c);
            let i = b as u32;
            if (32..127).contains(&i) {
                u32::from(table[(i - 32) as usize])
            } else {
                1024 // half an em for anything else
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_the_font() {
        // Measured from LiberationSerif-Bold.ttf: 5007 twips at 12 pt.
        let w = text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.0, true, false);
        assert!((4990..=5020).contains(&w), "{w}");
        assert_eq!(mm(20.0), 1134);
        assert_eq!(mm(30.0), 1701);
        assert_eq!(mm(15.0), 850);
        assert_eq!(mm(210.0), 11906);
        assert_eq!(mm(297.0), 16838);
    }
}
