//! Titles of a figure and of its axes, drawn as rich labels ([`super::rich_text`]) in the
//! places plotters would put its own plain ones.

use super::rich_text::{self, RichStyle};
use muforce::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::path::Path;

/// Height of the title strip, in pixels.
pub(crate) const TITLE_HEIGHT: u32 = 38;
/// Font size of a figure title.
const TITLE_SIZE: f64 = 20.0;
/// Font size of the axis titles.
const AXIS_SIZE: f64 = 17.0;
/// Margin of a chart inside its area, in pixels.
pub(crate) const MARGIN: u32 = 12;
/// Right margin: room for half the last tick label of the x axis ("5 × 10⁻¹").
pub(crate) const MARGIN_RIGHT: u32 = 30;
/// Height of the band under the plot for tick labels and the x-axis title.
pub(crate) const X_LABEL_AREA: u32 = 50;
/// Width of the band left of the plot for tick labels and the y-axis title.
pub(crate) const Y_LABEL_AREA: u32 = 78;
/// Font size of tick labels.
pub(crate) const TICK_SIZE: f64 = 15.0;

/// Draws `title` centred in a strip at the top of `root`; returns the area below the strip.
pub(crate) fn titled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    path: &Path,
) -> Result<DrawingArea<DB, Shift>> {
    let (strip, rest) = root.split_vertically(TITLE_HEIGHT);
    let (w, h) = strip.dim_in_pixel();
    let at = ((w / 2) as i32, (h / 2 + 2) as i32);
    let style = RichStyle::new(TITLE_SIZE);
    rich_text::draw(&strip, title, &style, at, HPos::Center, path)?;
    Ok(rest)
}

/// Draws the titles of the x and y axes of the chart whose plotting area is `plot`, both
/// drawn on `area` (the area the chart was built on): under the x tick labels, centred, and
/// left of the y tick labels, reading upwards.
pub(crate) fn axis_titles<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, Shift>,
    plot: &DrawingArea<DB, CT>,
    (x_title, y_title): (&str, &str),
    path: &Path,
) -> Result<()> {
    let (base_x, base_y) = area.get_base_pixel();
    let (xs, ys) = plot.get_pixel_range();
    let style = RichStyle::new(AXIS_SIZE);
    let x_at = ((xs.start + xs.end) / 2 - base_x, ys.end - base_y + 36);
    rich_text::draw(area, x_title, &style, x_at, HPos::Center, path)?;
    let vertical = RichStyle {
        vertical: true,
        ..style
    };
    let y_at = (
        xs.start - base_x - Y_LABEL_AREA as i32 + 6,
        (ys.start + ys.end) / 2 - base_y,
    );
    rich_text::draw(area, y_title, &vertical, y_at, HPos::Center, path)
}
