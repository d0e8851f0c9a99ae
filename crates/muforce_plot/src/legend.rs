//! A legend drawn by hand, so that it can sit inside the plotting area or beside it.

use super::backend::drawing_error;
use muforce::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
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
}

/// Left margin of the legend box in the column of [`Legend::Right`], in pixels.
const COLUMN_MARGIN: i32 = 8;

/// The sample drawn before a legend label.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sample {
    /// A line of a colour, solid or dashed (dash and gap lengths in pixels).
    Line(RGBColor, Option<(u32, u32)>),
    /// A filled box with a border of the same colour (fill opacity).
    Fill(RGBColor, f64),
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub label: String,
    pub sample: Sample,
}

const FONT: u32 = 14;
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
        Sample::Line(color, None) => area
            .draw(&PathElement::new(
                vec![(x, y), (x + SAMPLE, y)],
                color.stroke_width(2),
            ))
            .map_err(|e| fail(&e)),
        Sample::Line(color, Some((dash, gap))) => {
            let mut start = x;
            while start < x + SAMPLE {
                let end = (start + dash as i32).min(x + SAMPLE);
                area.draw(&PathElement::new(
                    vec![(start, y), (end, y)],
                    color.stroke_width(2),
                ))
                .map_err(|e| fail(&e))?;
                start = end + gap as i32;
            }
            Ok(())
        }
        Sample::Fill(color, opacity) => {
            let corners = [(x, y - 6), (x + SAMPLE, y + 6)];
            area.draw(&Rectangle::new(corners, color.mix(opacity).filled()))
                .map_err(|e| fail(&e))?;
            area.draw(&Rectangle::new(corners, color.stroke_width(1)))
                .map_err(|e| fail(&e))
        }
    }
}

fn label_style() -> TextStyle<'static> {
    ("sans-serif", FONT)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center))
}

/// The width of the legend box of `labels`, in pixels.
fn box_width<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: impl Iterator<Item = &'a str>,
    path: &Path,
) -> Result<i32> {
    let style = label_style();
    let mut text_width = 0;
    for label in labels {
        let (w, _) = area
            .estimate_text_size(label, &style)
            .map_err(|e| drawing_error(path, e))?;
        text_width = text_width.max(w as i32);
    }
    Ok(PAD + SAMPLE + PAD + text_width + PAD)
}

/// The width of the column [`Legend::Right`] needs for `labels`, in pixels.
pub(crate) fn column_width<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: impl Iterator<Item = &'a str>,
    path: &Path,
) -> Result<u32> {
    Ok((2 * COLUMN_MARGIN + box_width(area, labels, path)?) as u32)
}

/// Draws `entries` on `area`: in its lower-right or upper-left corner (inside a plot) or from
/// its top-left corner (a column beside the plot).
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    placement: Legend,
    path: &Path,
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let fail = |e: &dyn std::fmt::Display| drawing_error(path, e);
    let style = label_style();
    let width = box_width(area, entries.iter().map(|e| e.label.as_str()), path)?;
    let height = PAD + ROW * entries.len() as i32 + PAD / 2;
    let (w, h) = area.dim_in_pixel();
    let (x0, y0) = match placement {
        Legend::LowerRight => (w as i32 - width - 10, h as i32 - height - 10),
        Legend::UpperLeft => (10, 10),
        Legend::Right => (COLUMN_MARGIN, 40),
    };
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + width, y0 + height)],
        WHITE.mix(0.9).filled(),
    ))
    .map_err(|e| fail(&e))?;
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + width, y0 + height)],
        BLACK.stroke_width(1),
    ))
    .map_err(|e| fail(&e))?;
    for (i, e) in entries.iter().enumerate() {
        let y = y0 + PAD + ROW * i as i32 + ROW / 2;
        draw_sample(area, e.sample, (x0 + PAD, y), path)?;
        area.draw_text(&e.label, &style, (x0 + PAD + SAMPLE + PAD, y))
            .map_err(|e| fail(&e))?;
    }
    Ok(())
}
