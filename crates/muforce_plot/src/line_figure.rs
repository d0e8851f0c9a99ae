//! Line and histogram figures: several labelled series on linear or logarithmic axes (momentum
//! spectra, ρ line shapes).

use super::backend::{check_axis, drawing_error, render_to, Figure, PALETTE};
use muforce::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// One labelled series of (x, y) points, drawn as a polyline.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// The points, in drawing order.
    pub points: Vec<(f64, f64)>,
    /// Dashed instead of solid.
    pub dashed: bool,
}

impl Series {
    /// A histogram as a step line: bin edges (n + 1) and contents (n).
    pub fn histogram(label: &str, edges: &[f64], values: &[f64]) -> Series {
        let mut points = Vec::with_capacity(2 * values.len());
        for (w, &v) in edges.windows(2).zip(values) {
            points.push((w[0], v));
            points.push((w[1], v));
        }
        Series {
            label: label.to_string(),
            points,
            dashed: false,
        }
    }

    /// The same series drawn dashed.
    #[must_use]
    pub fn dashed(mut self) -> Series {
        self.dashed = true;
        self
    }
}

/// A figure of series on one pair of axes.
#[derive(Debug, Clone, PartialEq)]
pub struct LineFigure {
    /// Title above the plot.
    pub title: String,
    /// Axis labels.
    pub x_label: String,
    /// Axis labels.
    pub y_label: String,
    /// Axis ranges.
    pub x_range: (f64, f64),
    /// Axis ranges.
    pub y_range: (f64, f64),
    /// Logarithmic y axis (points with y ≤ 0 are clipped to the bottom).
    pub y_log: bool,
    /// The series.
    pub series: Vec<Series>,
    /// Pixel size.
    pub size: (u32, u32),
}

/// The colour of series `i`: the first eight of the shared palette, with black in place of
/// pink.
fn series_color(i: usize) -> RGBColor {
    match i % 8 {
        6 => BLACK,
        k => PALETTE[k],
    }
}

impl LineFigure {
    /// Draws the figure to `path` (.svg or .png).
    pub fn render(&self, path: &Path) -> Result<()> {
        check_axis("x range", self.x_range, false)?;
        check_axis("y range", self.y_range, self.y_log)?;
        render_to(self, path, self.size)
    }
}

impl Figure for LineFigure {
    fn draw_on<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        path: &Path,
    ) -> Result<()> {
        root.fill(&WHITE).map_err(|e| drawing_error(path, e))?;
        let (x0, x1) = self.x_range;
        let (y0, y1) = self.y_range;
        let clip = move |y: f64| {
            if y.is_finite() {
                y.clamp(y0, y1)
            } else {
                y0
            }
        };
        let mut builder = ChartBuilder::on(root);
        builder
            .caption(&self.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(72);
        macro_rules! finish {
            ($chart:expr, $fmt:expr) => {{
                let mut chart = $chart.map_err(|e| drawing_error(path, e))?;
                chart
                    .configure_mesh()
                    .x_desc(self.x_label.as_str())
                    .y_desc(self.y_label.as_str())
                    .label_style(("sans-serif", 14))
                    .axis_desc_style(("sans-serif", 16))
                    .y_label_formatter($fmt)
                    .draw()
                    .map_err(|e| drawing_error(path, e))?;
                for (i, s) in self.series.iter().enumerate() {
                    let color = series_color(i);
                    let pts: Vec<(f64, f64)> = s
                        .points
                        .iter()
                        .map(|&(x, y)| (x.clamp(x0, x1), clip(y)))
                        .collect();
                    let anno = if s.dashed {
                        chart.draw_series(DashedLineSeries::new(pts, 6, 4, color.stroke_width(2)))
                    } else {
                        chart.draw_series(LineSeries::new(pts, color.stroke_width(2)))
                    }
                    .map_err(|e| drawing_error(path, e))?;
                    anno.label(s.label.clone()).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
                    });
                }
                chart
                    .configure_series_labels()
                    .label_font(("sans-serif", 13))
                    .background_style(WHITE.mix(0.85))
                    .border_style(BLACK)
                    .position(SeriesLabelPosition::UpperRight)
                    .draw()
                    .map_err(|e| drawing_error(path, e))?;
            }};
        }
        if self.y_log {
            finish!(
                builder.build_cartesian_2d(x0..x1, (y0..y1).log_scale()),
                &|v: &f64| format!("{v:.0e}")
            );
        } else {
            finish!(
                builder.build_cartesian_2d(x0..x1, y0..y1),
                &|v: &f64| format!("{v:.3}")
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_histograms_on_both_axes() {
        let dir = std::env::temp_dir().join(format!("muforce-line-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut fig = LineFigure {
            title: "test".into(),
            x_label: "rho".into(),
            y_label: "1/N dN/drho".into(),
            x_range: (-1.0, 1.0),
            y_range: (1e-6, 10.0),
            y_log: true,
            series: vec![
                Series::histogram("h", &[-1.0, 0.0, 1.0], &[1.0, 0.0]),
                Series::histogram("d", &[-1.0, 1.0], &[0.5]).dashed(),
            ],
            size: (600, 400),
        };
        fig.render(&dir.join("a.svg")).unwrap();
        fig.y_log = false;
        fig.y_range = (0.0, 2.0);
        fig.render(&dir.join("a.png")).unwrap();
        let text = std::fs::read_to_string(dir.join("a.svg")).unwrap();
        assert!(text.contains("rho"));
        fig.y_log = true;
        fig.y_range = (0.0, 1.0);
        assert!(fig.render(&dir.join("b.svg")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
