//! A heat map of a value over a grid of two parameters (the reach of a design study over two
//! varied fields), each cell coloured by log10 of its value and labelled with it.

use super::backend::{drawing_error, render_to, Figure};
use muforce::error::{show, Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

/// A grid of cells over two parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    /// Title above the plot.
    pub title: String,
    /// The parameter along x.
    pub x_label: String,
    /// The parameter along y.
    pub y_label: String,
    /// The values of the x parameter, one column each.
    pub x_values: Vec<f64>,
    /// The values of the y parameter, one row each.
    pub y_values: Vec<f64>,
    /// `cells[row][column]`: the value (> 0), or None for an empty cell (drawn grey).
    pub cells: Vec<Vec<Option<f64>>>,
    /// Pixel size.
    pub size: (u32, u32),
}

/// Viridis at five stops: dark (the lowest value) to yellow (the highest).
const STOPS: [(f64, f64, f64); 5] = [
    (68.0, 1.0, 84.0),
    (59.0, 82.0, 139.0),
    (33.0, 145.0, 140.0),
    (94.0, 201.0, 98.0),
    (253.0, 231.0, 37.0),
];

/// The colour at `t` in [0, 1] along [`STOPS`].
fn colour(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0) * (STOPS.len() - 1) as f64;
    let i = (t.floor() as usize).min(STOPS.len() - 2);
    let f = t - i as f64;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let mix = |x: f64, y: f64| (x + f * (y - x)).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

impl HeatMap {
    /// Draws the map to `path` (.svg or .png).
    pub fn render(&self, path: &Path) -> Result<()> {
        let shape_ok = !self.x_values.is_empty()
            && self.cells.len() == self.y_values.len()
            && self.cells.iter().all(|r| r.len() == self.x_values.len());
        if !shape_ok {
            return Err(Error::out_of_range(
                "heat map cells",
                format!("{} rows", self.cells.len()),
                "one row per y value, each with one cell per x value",
            ));
        }
        if self
            .cells
            .iter()
            .flatten()
            .flatten()
            .any(|&v| !(v > 0.0 && v.is_finite()))
        {
            return Err(Error::out_of_range(
                "heat map cells",
                "a value <= 0",
                "finite values > 0 (log colour scale)",
            ));
        }
        render_to(self, path, self.size)
    }
}

impl Figure for HeatMap {
    /// The cells carry their values: no legend.
    fn legend_strip(&self, _size: (u32, u32), _path: &Path) -> Result<Option<u32>> {
        Ok(None)
    }

    fn draw_on<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        path: &Path,
        _strip: Option<u32>,
    ) -> Result<()> {
        root.fill(&WHITE).map_err(|e| drawing_error(path, e))?;
        let (nx, ny) = (self.x_values.len(), self.y_values.len());
        let logs: Vec<f64> = self
            .cells
            .iter()
            .flatten()
            .flatten()
            .map(|v| v.log10())
            .collect();
        let lo = logs.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let scale = |v: f64| {
            if hi > lo {
                (v.log10() - lo) / (hi - lo)
            } else {
                0.5
            }
        };
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(80)
            .build_cartesian_2d(-0.5..nx as f64 - 0.5, -0.5..ny as f64 - 0.5)
            .map_err(|e| drawing_error(path, e))?;
        // Tick labels at the cell centres: the parameter values.
        let label = |values: &[f64], v: f64| {
            let i = v.round();
            if (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < values.len() {
                show(values[i as usize])
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(nx.max(2) * 2 + 1)
            .y_labels(ny.max(2) * 2 + 1)
            .x_label_formatter(&|v| label(&self.x_values, *v))
            .y_label_formatter(&|v| label(&self.y_values, *v))
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .draw()
            .map_err(|e| drawing_error(path, e))?;
        for (row, cells) in self.cells.iter().enumerate() {
            for (column, cell) in cells.iter().enumerate() {
                let (x, y) = (column as f64, row as f64);
                let (fill, text) = match cell {
                    Some(v) => (colour(scale(*v)), format!("{v:.2e}")),
                    None => (RGBColor(210, 210, 210), "none".to_string()),
                };
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                        fill.filled(),
                    )))
                    .map_err(|e| drawing_error(path, e))?;
                // Light text on the dark half of the scale.
                let ink = if cell.is_some_and(|v| scale(v) < 0.6) {
                    WHITE
                } else {
                    BLACK
                };
                let style = ("sans-serif", 13)
                    .into_font()
                    .color(&ink)
                    .pos(Pos::new(HPos::Center, VPos::Center));
                chart
                    .draw_series(std::iter::once(Text::new(text, (x, y), style)))
                    .map_err(|e| drawing_error(path, e))?;
            }
        }
        Ok(())
    }
}
