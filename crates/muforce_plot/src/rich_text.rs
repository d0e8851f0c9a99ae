//! Labels with letter subscripts and superscripts.
//!
//! Unicode has superscript digits and signs (10⁻³, K⁺, μ⁻) but no subscript capital X, so
//! `g_X` cannot be written as one string: "gₓ" has the wrong case and most subscript letters
//! are missing from the font. A label marks such runs as `_{X}` or `^{2}` and is drawn run by
//! run, the marked ones smaller and shifted, as TeX sets them. An `_` or `^` not followed by
//! `{` is an ordinary character, so names from data files draw unchanged.

use super::backend::drawing_error;
use muforce::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

/// Where a run sits relative to the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// On the baseline, full size.
    Base,
    /// Lowered and smaller.
    Sub,
    /// Raised and smaller.
    Sup,
}

/// Size of a sub- or superscript relative to the text.
const SCRIPT_SCALE: f64 = 0.72;

/// Splits a label into runs: text, `_{…}` subscripts and `^{…}` superscripts (an unclosed
/// brace runs to the end).
pub(crate) fn runs(label: &str) -> Vec<(Level, String)> {
    let mut out: Vec<(Level, String)> = Vec::new();
    let mut rest = label;
    while !rest.is_empty() {
        let marker = rest.find("_{").into_iter().chain(rest.find("^{")).min();
        let Some(at) = marker else {
            push(&mut out, Level::Base, rest);
            break;
        };
        push(&mut out, Level::Base, &rest[..at]);
        let level = if rest[at..].starts_with('_') {
            Level::Sub
        } else {
            Level::Sup
        };
        let inner = &rest[at + 2..];
        let end = inner.find('}').unwrap_or(inner.len());
        push(&mut out, level, &inner[..end]);
        rest = inner.get(end + 1..).unwrap_or("");
    }
    out
}

fn push(out: &mut Vec<(Level, String)>, level: Level, text: &str) {
    if !text.is_empty() {
        out.push((level, text.to_string()));
    }
}

/// The label as plain text, markers removed ("g_{X}" → "gX"): what a reader of the SVG source
/// or a test sees.
#[cfg(test)]
pub(crate) fn plain(label: &str) -> String {
    runs(label).into_iter().map(|(_, t)| t).collect()
}

/// How a label is laid out: its size, direction and colour.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RichStyle {
    /// Font size of the base runs.
    pub size: f64,
    /// Read bottom to top (a y-axis title).
    pub vertical: bool,
    /// Text colour.
    pub color: RGBColor,
}

impl RichStyle {
    /// Horizontal black text of `size`.
    pub(crate) fn new(size: f64) -> Self {
        RichStyle {
            size,
            vertical: false,
            color: BLACK,
        }
    }

    fn font(&self, level: Level) -> TextStyle<'static> {
        let size = match level {
            Level::Base => self.size,
            Level::Sub | Level::Sup => self.size * SCRIPT_SCALE,
        };
        let style = ("sans-serif", size)
            .into_font()
            .color(&self.color)
            .pos(Pos::new(HPos::Left, VPos::Center));
        if self.vertical {
            style.transform(FontTransform::Rotate270)
        } else {
            style
        }
    }

    /// Offset of a run's centre line from the base runs', in pixels (down is positive). The
    /// centre of a box of height h = size/1.24 sits (0.5 − 1/2.48)·size above its baseline,
    /// so a smaller run is moved by that difference to share the baseline, then shifted.
    fn shift(&self, level: Level) -> f64 {
        let centre_above_baseline = |size: f64| (0.5 - 1.0 / 2.48) * size;
        let small = self.size * SCRIPT_SCALE;
        let align = centre_above_baseline(self.size) - centre_above_baseline(small);
        match level {
            Level::Base => 0.0,
            Level::Sub => align + 0.22 * self.size,
            Level::Sup => align - 0.38 * self.size,
        }
    }
}

/// A run placed in a label: level, text, offset along the reading direction in pixels.
type Placed = (Level, String, i32);

/// The runs of `label` with the offset of each along the reading direction, and the total
/// width, in pixels. A superscript right after a subscript (or the reverse) starts where that
/// one started, the two stacked as TeX sets m²_miss, and the text goes on after the wider.
fn layout(label: &str, style: &RichStyle, path: &Path) -> Result<(Vec<Placed>, i32)> {
    let flat = RichStyle {
        vertical: false,
        ..*style
    };
    let mut placed = Vec::new();
    let mut end = 0;
    // The script run just placed: its level, start and width.
    let mut script: Option<(Level, i32, i32)> = None;
    for (level, text) in runs(label) {
        let (w, _) = flat
            .font(level)
            .font
            .box_size(&text)
            .map_err(|e| drawing_error(path, e))?;
        let w = w as i32;
        match script {
            Some((prev, start, prev_w)) if level != Level::Base && level != prev => {
                end = start + prev_w.max(w);
                script = None;
                placed.push((level, text, start));
            }
            _ => {
                let start = end;
                script = (level != Level::Base).then_some((level, start, w));
                end = start + w;
                placed.push((level, text, start));
            }
        }
    }
    Ok((placed, end))
}

/// The width of `label` drawn in `style` (its length along the reading direction), in pixels.
pub(crate) fn width(label: &str, style: &RichStyle, path: &Path) -> Result<i32> {
    Ok(layout(label, style, path)?.1)
}

/// Draws `label` on `area` with the middle of its base line at `at`, starting there (`anchor`
/// Left), ending there (Right) or centred on it (Center); a vertical label reads upwards.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    style: &RichStyle,
    at: (i32, i32),
    anchor: HPos,
    path: &Path,
) -> Result<()> {
    let (placed, total) = layout(label, style, path)?;
    let origin = match anchor {
        HPos::Left => 0,
        HPos::Center => -total / 2,
        HPos::Right => -total,
    };
    for (level, text, offset) in placed {
        let along = origin + offset;
        let across = style.shift(level).round() as i32;
        let pos = if style.vertical {
            (at.0 + across, at.1 - along)
        } else {
            (at.0 + along, at.1 + across)
        };
        area.draw_text(&text, &style.font(level), pos)
            .map_err(|e| drawing_error(path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_split_runs() {
        assert_eq!(
            runs("m_{X} [GeV]"),
            vec![
                (Level::Base, "m".to_string()),
                (Level::Sub, "X".to_string()),
                (Level::Base, " [GeV]".to_string())
            ]
        );
        assert_eq!(
            runs("m^{2}_{miss}"),
            vec![
                (Level::Base, "m".to_string()),
                (Level::Sup, "2".to_string()),
                (Level::Sub, "miss".to_string())
            ]
        );
        // Plain underscores and carets, and an unclosed brace, do not break a label.
        assert_eq!(plain("data_2024 x^2"), "data_2024 x^2");
        assert_eq!(plain("g_{X"), "gX");
        assert_eq!(plain("a_{}b"), "ab");
        assert!(runs("").is_empty());
    }

    /// A superscript after a subscript stacks on it; the label goes on after the wider.
    #[test]
    fn scripts_stack() {
        crate::font::ensure_registered().unwrap();
        let style = RichStyle::new(16.0);
        let path = Path::new("test");
        let w = |l: &str| width(l, &style, path).unwrap();
        let (placed, total) = layout("m_{miss}^{2}x", &style, path).unwrap();
        assert_eq!(placed[1].2, placed[2].2);
        assert_eq!(total, w("m_{miss}x"));
        assert!(w("m_{miss}^{2}") < w("m_{miss}") + w("^{2}"));
        assert_eq!(w("m_{X}"), w("m") + w("_{X}"));
    }
}
