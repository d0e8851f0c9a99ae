//! Line and histogram figures: several labelled series on linear or logarithmic axes (momentum
//! spectra, ρ line shapes).

use super::axes::{axis_titles, titled, MARGIN, MARGIN_RIGHT, TICK_SIZE, TITLE_HEIGHT};
use super::axes::{X_LABEL_AREA, Y_LABEL_AREA};
use super::backend::{check_axis, drawing_error, render_to, Figure};
use super::dash::{Dash, PatternedPath};
use super::legend::{draw_legend, place, Entry, Legend, Placed, Sample};
use super::palette::PALETTE;
use super::placement::{Axis, Drawn, Frame};
use super::ticks::{linear_label, log_tick_label};
use muforce::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// One labelled series of (x, y) points, drawn as a polyline.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label (`_{…}` and `^{…}` mark sub- and superscripts).
    pub label: String,
    /// The points, in drawing order.
    pub points: Vec<(f64, f64)>,
    /// Line pattern.
    pub dash: Dash,
    /// Index into the Okabe–Ito palette (0 blue, 1 vermillion, 2 bluish green, 3 reddish
    /// purple, 4 orange, 5 sky blue, 6 black, 7 yellow); None: the series' position.
    pub color: Option<usize>,
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
            dash: Dash::Solid,
            color: None,
        }
    }

    /// The same series drawn dashed.
    #[must_use]
    pub fn dashed(self) -> Series {
        self.with_dash(Dash::Dashed)
    }

    /// The same series in colour `index` of the palette (see [`Series::color`]).
    #[must_use]
    pub fn with_color(mut self, index: usize) -> Series {
        self.color = Some(index);
        self
    }

    /// The same series drawn in `dash`.
    #[must_use]
    pub fn with_dash(mut self, dash: Dash) -> Series {
        self.dash = dash;
        self
    }
}

/// A figure of series on one pair of axes; series `i` takes colour `i` of the Okabe–Ito
/// palette and its own line pattern, and the legend goes where it hides least.
#[derive(Debug, Clone, PartialEq)]
pub struct LineFigure {
    /// Title above the plot (`_{…}` and `^{…}` mark sub- and superscripts).
    pub title: String,
    /// Axis labels (marked as the title).
    pub x_label: String,
    /// Axis labels (marked as the title).
    pub y_label: String,
    /// Axis ranges.
    pub x_range: (f64, f64),
    /// Axis ranges.
    pub y_range: (f64, f64),
    /// Logarithmic x axis (points with x ≤ 0 are clipped to the left end).
    pub x_log: bool,
    /// Logarithmic y axis (points with y ≤ 0 are clipped to the bottom).
    pub y_log: bool,
    /// The series.
    pub series: Vec<Series>,
    /// Pixel size.
    pub size: (u32, u32),
}

impl LineFigure {
    /// Draws the figure to `path` (.svg or .png).
    pub fn render(&self, path: &Path) -> Result<()> {
        check_axis("x range", self.x_range, self.x_log)?;
        check_axis("y range", self.y_range, self.y_log)?;
        render_to(self, path, self.size)
    }
}

/// Clamps a coordinate into `(lo, hi)`; NaN and infinities go to the low end.
fn clip(v: f64, (lo, hi): (f64, f64)) -> f64 {
    if v.is_finite() {
        v.clamp(lo, hi)
    } else {
        lo
    }
}

/// A series as drawn: points clipped to the axes, colour, pattern.
type SeriesLine = (Vec<(f64, f64)>, RGBColor, Dash);

impl LineFigure {
    /// The series clipped to the axes with their colours and patterns, and the legend entries.
    fn lines(&self) -> (Vec<SeriesLine>, Vec<Entry>) {
        let mut lines = Vec::new();
        let mut entries = Vec::new();
        for (i, s) in self.series.iter().enumerate() {
            let color = PALETTE[s.color.unwrap_or(i) % PALETTE.len()];
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|&(x, y)| (clip(x, self.x_range), clip(y, self.y_range)))
                .collect();
            lines.push((pts, color, s.dash));
            entries.push(Entry {
                label: s.label.clone(),
                sample: Sample::Line(color, s.dash),
            });
        }
        (lines, entries)
    }

    /// Where the legend goes on a body (the area under the title) of `body` pixels.
    fn placement(&self, body: (u32, u32), path: &Path) -> Result<Placed> {
        let (lines, entries) = self.lines();
        let drawn = Drawn {
            lines: lines.into_iter().map(|l| l.0).collect(),
            fills: Vec::new(),
        };
        let x = Axis {
            range: self.x_range,
            log: self.x_log,
        };
        let y = Axis {
            range: self.y_range,
            log: self.y_log,
        };
        let frame = Frame::new(x, y, body);
        let in_pixels = (&frame.pixels(&drawn), frame.pixel_size());
        place(body.0, &entries, Legend::Best, in_pixels, path)
    }
}

impl Figure for LineFigure {
    fn legend_strip(&self, size: (u32, u32), path: &Path) -> Result<Option<u32>> {
        let body = (size.0, size.1.saturating_sub(TITLE_HEIGHT));
        Ok(match self.placement(body, path)? {
            Placed::Strip(h) => Some(h),
            Placed::Inside(_) | Placed::Column(_) => None,
        })
    }

    fn draw_on<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        path: &Path,
        strip: Option<u32>,
    ) -> Result<()> {
        let fail = |e: &dyn std::fmt::Display| drawing_error(path, e);
        root.fill(&WHITE).map_err(|e| fail(&e))?;
        let body = titled(root, &self.title, path)?;
        let (x0, x1) = self.x_range;
        let (y0, y1) = self.y_range;
        let (lines, entries) = self.lines();
        let placed = match strip {
            Some(h) => Placed::Strip(h),
            None => self.placement(body.dim_in_pixel(), path)?,
        };
        let (plot_area, strip) = match placed {
            Placed::Strip(height) => {
                let (_, h) = body.dim_in_pixel();
                let (top, bottom) = body.split_vertically(h.saturating_sub(height));
                (top, Some(bottom))
            }
            Placed::Inside(_) | Placed::Column(_) => (body.clone(), None),
        };
        let mut builder = ChartBuilder::on(&plot_area);
        builder
            .margin(MARGIN)
            .margin_right(MARGIN_RIGHT)
            .x_label_area_size(X_LABEL_AREA)
            .y_label_area_size(Y_LABEL_AREA);
        let x_fmt = |v: &f64| {
            if self.x_log {
                log_tick_label(*v, self.x_range)
            } else {
                linear_label(*v)
            }
        };
        let y_fmt = |v: &f64| {
            if self.y_log {
                log_tick_label(*v, self.y_range)
            } else {
                linear_label(*v)
            }
        };
        // The log axes start a hair below their lower end, so that a decade there keeps its
        // label despite the rounding of log10 in plotters' key points.
        let below = |v: f64| v * (1.0 - 1e-9);
        macro_rules! finish {
            ($chart:expr) => {{
                let mut chart = $chart.map_err(|e| fail(&e))?;
                chart
                    .configure_mesh()
                    .label_style(("sans-serif", TICK_SIZE))
                    .x_label_formatter(&x_fmt)
                    .y_label_formatter(&y_fmt)
                    .draw()
                    .map_err(|e| fail(&e))?;
                let plot = chart.plotting_area();
                let titles = (self.x_label.as_str(), self.y_label.as_str());
                axis_titles(&plot_area, plot, titles, path)?;
                for (pts, color, dash) in lines {
                    plot.draw(&PatternedPath::new(pts, dash, color.stroke_width(2)))
                        .map_err(|e| fail(&e))?;
                }
                match &strip {
                    Some(area) => draw_legend(area, &entries, placed, path)?,
                    None => draw_legend(&plot.strip_coord_spec(), &entries, placed, path)?,
                }
            }};
        }
        match (self.x_log, self.y_log) {
            (false, false) => finish!(builder.build_cartesian_2d(x0..x1, y0..y1)),
            (false, true) => {
                finish!(builder.build_cartesian_2d(x0..x1, (below(y0)..y1).log_scale()));
            }
            (true, false) => {
                finish!(builder.build_cartesian_2d((below(x0)..x1).log_scale(), y0..y1));
            }
            (true, true) => finish!(builder
                .build_cartesian_2d((below(x0)..x1).log_scale(), (below(y0)..y1).log_scale())),
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
            x_label: "ρ".into(),
            y_label: "(1/N) dN/dρ".into(),
            x_range: (-1.0, 1.0),
            y_range: (1e-6, 10.0),
            x_log: false,
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
        assert!(text.contains("dN/dρ") && text.contains("10⁻⁶") && text.contains('\u{2212}'));
        fig.y_log = true;
        fig.y_range = (0.0, 1.0);
        assert!(fig.render(&dir.join("b.svg")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
