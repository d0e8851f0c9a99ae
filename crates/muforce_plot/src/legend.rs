//! A legend drawn by hand, so that it can sit inside the plotting area or beside it.

use super::backend::drawing_error;
use super::dash::{Dash, PatternedPath};
use super::placement::{Drawn, INSET};
use super::rich_text::{self, RichStyle};
use muforce::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::path::Path;

/// Where the legend goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legend {
    /// Inside the plotting area, lower right corner.
    LowerRight,
    /// Inside the plotting area, upper left corner.
    UpperLeft,
    /// In a column to the right of the plot (for many entries).
    Right,
    /// Inside the plotting area, where it hides least of the curves and regions: one of the
    /// corners or the middles of the sides.
    Best,
}

/// Left margin of the legend box in the column of [`Legend::Right`], in pixels.
const COLUMN_MARGIN: i32 = 8;

/// The sample drawn before a legend label.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sample {
    /// A line of a colour and pattern.
    Line(RGBColor, Dash),
    /// A filled box (fill colour and opacity) with a border of a colour and pattern.
    Fill {
        /// Fill colour.
        fill: RGBColor,
        /// Fill opacity.
        opacity: f64,
        /// Border colour and pattern.
        edge: (RGBColor, Dash),
    },
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub label: String,
    pub sample: Sample,
}

const FONT: f64 = 14.0;
const ROW: i32 = 19;
const SAMPLE: i32 = 34;
const PAD: i32 = 7;

fn draw_sample<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sample: Sample,
    (x, y): (i32, i32),
    path: &Path,
) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| drawing_error(path, e);
    match sample {
        Sample::Line(color, dash) => area
            .draw(&PatternedPath::new(
                vec![(x, y), (x + SAMPLE, y)],
                dash,
                color.stroke_width(2),
            ))
            .map_err(|e| fail(&e)),
        Sample::Fill {
            fill,
            opacity,
            edge: (edge, dash),
        } => {
            let corners = [(x, y - 6), (x + SAMPLE, y + 6)];
            area.draw(&Rectangle::new(corners, fill.mix(opacity).filled()))
                .map_err(|e| fail(&e))?;
            let border = vec![
                (x, y - 6),
                (x + SAMPLE, y - 6),
                (x + SAMPLE, y + 6),
                (x, y + 6),
                (x, y - 6),
            ];
            area.draw(&PatternedPath::new(border, dash, edge.stroke_width(2)))
                .map_err(|e| fail(&e))
        }
    }
}

fn label_style() -> RichStyle {
    RichStyle::new(FONT)
}

/// The width of the legend box of `labels`, in pixels.
fn box_width<'a>(labels: impl Iterator<Item = &'a str>, path: &Path) -> Result<i32> {
    let style = label_style();
    let mut text_width = 0;
    for label in labels {
        text_width = text_width.max(rich_text::width(label, &style, path)?);
    }
    Ok(PAD + SAMPLE + PAD + text_width + PAD)
}

/// The height of a legend box of `rows` rows, in pixels.
fn box_height(rows: usize) -> i32 {
    PAD + ROW * rows as i32 + PAD / 2
}

/// Where a legend is drawn, once decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placed {
    /// Inside the plotting area, its box's top-left corner at this pixel.
    Inside((i32, i32)),
    /// In a column of this width right of the plot.
    Column(u32),
    /// In a strip of this height under the plot, in as many columns as fit.
    Strip(u32),
}

/// Columns of a legend strip on an area `width` wide for boxes `box_w` wide.
fn strip_columns(width: u32, box_w: i32, n: usize) -> usize {
    let fit = (width as i32 - 2 * INSET) / box_w.max(1);
    (fit.max(1) as usize).min(n.max(1))
}

/// Decides where the legend of `entries` goes on a figure whose body (below the title) is
/// `width` pixels wide and whose plot has drawn `drawn` (pixels of the plotting area
/// `plot_size`):
/// [`Legend::Right`] in a column if the plot keeps half the width; [`Legend::Best`] at the
/// spot inside that hides no line, else in a strip under the plot; the corners as named.
pub(crate) fn place(
    width: u32,
    entries: &[Entry],
    legend: Legend,
    (drawn, plot_size): (&Drawn, (i32, i32)),
    path: &Path,
) -> Result<Placed> {
    let box_w = box_width(entries.iter().map(|e| e.label.as_str()), path)?;
    let box_h = box_height(entries.len());
    let w = width;
    let strip = || {
        let rows = entries
            .len()
            .div_ceil(strip_columns(w, box_w, entries.len()));
        Placed::Strip((box_height(rows) + 2 * INSET) as u32)
    };
    Ok(match legend {
        _ if entries.is_empty() => Placed::Inside((INSET, INSET)),
        Legend::Right => {
            let column = (2 * COLUMN_MARGIN + box_w) as u32;
            if w > 2 * column {
                Placed::Column(column)
            } else {
                strip()
            }
        }
        Legend::LowerRight => {
            Placed::Inside((plot_size.0 - box_w - INSET, plot_size.1 - box_h - INSET))
        }
        Legend::UpperLeft => Placed::Inside((INSET, INSET)),
        Legend::Best => match drawn.best_spot(plot_size, (box_w, box_h)) {
            (spot, false) => Placed::Inside(spot),
            (_, true) => strip(),
        },
    })
}

/// Draws `entries` in a box with its top-left corner at `(x0, y0)` of `area`, in `columns`
/// columns filled top to bottom.
fn draw_box<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    (x0, y0): (i32, i32),
    columns: usize,
    path: &Path,
) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| drawing_error(path, e);
    let style = label_style();
    let col_w = box_width(entries.iter().map(|e| e.label.as_str()), path)? - PAD;
    let rows = entries.len().div_ceil(columns.max(1));
    let corners = [
        (x0, y0),
        (x0 + col_w * columns as i32 + PAD, y0 + box_height(rows)),
    ];
    area.draw(&Rectangle::new(corners, WHITE.mix(0.9).filled()))
        .map_err(|e| fail(&e))?;
    area.draw(&Rectangle::new(corners, BLACK.stroke_width(1)))
        .map_err(|e| fail(&e))?;
    for (i, e) in entries.iter().enumerate() {
        let (col, row) = (i / rows, i % rows);
        let x = x0 + PAD + col_w * col as i32;
        let y = y0 + PAD + ROW * row as i32 + ROW / 2;
        draw_sample(area, e.sample, (x, y), path)?;
        let at = (x + SAMPLE + PAD, y);
        rich_text::draw(area, &e.label, &style, at, HPos::Left, path)?;
    }
    Ok(())
}

/// Draws `entries` as `placed` says: `area` is the plotting area (inside), the column or the
/// strip.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    placed: Placed,
    path: &Path,
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    match placed {
        Placed::Inside(at) => draw_box(area, entries, at, 1, path),
        Placed::Column(_) => draw_box(area, entries, (COLUMN_MARGIN, 40), 1, path),
        Placed::Strip(_) => {
            let box_w = box_width(entries.iter().map(|e| e.label.as_str()), path)?;
            let (w, _) = area.dim_in_pixel();
            let columns = strip_columns(w, box_w, entries.len());
            let total = (box_w - PAD) * columns as i32 + PAD;
            let x0 = ((w as i32 - total) / 2).max(0);
            draw_box(area, entries, (x0, INSET), columns, path)
        }
    }
}
