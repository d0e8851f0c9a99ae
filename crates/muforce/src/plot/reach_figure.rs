//! The reach figure: excluded regions in the (m_X, g_X) plane on log–log axes, with bands such
//! as the (g−2)_μ preferred region.

use super::backend::{drawing_error, render_to, Figure};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// One experiment's reach: per mass the excluded couplings g_low < g < g_high (None: open above).
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Legend label.
    pub label: String,
    /// (m_X in GeV, g_low, g_high) sorted by mass.
    pub points: Vec<(f64, f64, Option<f64>)>,
}

/// A shaded band between two couplings per mass, e.g. the coupling that explains Δa_μ within 2σ.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Legend label.
    pub label: String,
    /// (m_X in GeV, g_low, g_high) sorted by mass.
    pub points: Vec<(f64, f64, f64)>,
}

/// A reach figure.
#[derive(Debug, Clone, PartialEq)]
pub struct ReachFigure {
    /// Title above the plot.
    pub title: String,
    /// Mass axis range in GeV (log scale).
    pub mass_range: (f64, f64),
    /// Coupling axis range (log scale).
    pub coupling_range: (f64, f64),
    /// Experiments.
    pub curves: Vec<Curve>,
    /// Bands.
    pub bands: Vec<Band>,
    /// Pixel size.
    pub size: (u32, u32),
}

const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(23, 190, 207),
];

fn check_range(field: &str, (lo, hi): (f64, f64)) -> Result<()> {
    if lo.is_finite() && hi.is_finite() && lo > 0.0 && hi > lo {
        Ok(())
    } else {
        Err(Error::out_of_range(
            field,
            format!("[{lo}, {hi}]"),
            "needs finite 0 < low < high (log axis)",
        ))
    }
}

impl ReachFigure {
    /// Draws the figure to `path` (.svg or .png).
    pub fn render(&self, path: &Path) -> Result<()> {
        check_range("mass range", self.mass_range)?;
        check_range("coupling range", self.coupling_range)?;
        render_to(self, path, self.size)
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        path: &Path,
    ) -> Result<()> {
        let fail = |e: &dyn std::fmt::Display| drawing_error(path, e);
        root.fill(&WHITE).map_err(|e| fail(&e))?;
        let (m0, m1) = self.mass_range;
        let (g0, g1) = self.coupling_range;
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, ("sans-serif", 22))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(64)
            .build_cartesian_2d((m0..m1).log_scale(), (g0..g1).log_scale())
            .map_err(|e| fail(&e))?;
        chart
            .configure_mesh()
            .x_desc("m_X [GeV]")
            .y_desc("g_X")
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .x_label_formatter(&|v| format!("{v:.0e}"))
            .y_label_formatter(&|v| format!("{v:.0e}"))
            .draw()
            .map_err(|e| fail(&e))?;
        let clamp = |g: f64| g.clamp(g0, g1);
        for band in &self.bands {
            let color = RGBColor(120, 200, 120);
            let mut outline: Vec<(f64, f64)> = band
                .points
                .iter()
                .map(|&(m, lo, _)| (m, clamp(lo)))
                .collect();
            outline.extend(band.points.iter().rev().map(|&(m, _, hi)| (m, clamp(hi))));
            chart
                .draw_series(std::iter::once(Polygon::new(
                    outline,
                    color.mix(0.35).filled(),
                )))
                .map_err(|e| fail(&e))?
                .label(band.label.clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 16, y + 5)], color.mix(0.35).filled())
                });
        }
        for (index, curve) in self.curves.iter().enumerate() {
            let color = PALETTE[index % PALETTE.len()];
            let mut outline: Vec<(f64, f64)> = curve
                .points
                .iter()
                .map(|&(m, lo, _)| (m, clamp(lo)))
                .collect();
            outline.extend(
                curve
                    .points
                    .iter()
                    .rev()
                    .map(|&(m, _, hi)| (m, clamp(hi.unwrap_or(g1)))),
            );
            chart
                .draw_series(std::iter::once(Polygon::new(
                    outline.clone(),
                    color.mix(0.12).filled(),
                )))
                .map_err(|e| fail(&e))?;
            outline.push(outline[0]);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    outline,
                    color.stroke_width(2),
                )))
                .map_err(|e| fail(&e))?
                .label(curve.label.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(2))
                });
        }
        chart
            .configure_series_labels()
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .position(SeriesLabelPosition::LowerRight)
            .draw()
            .map_err(|e| fail(&e))?;
        Ok(())
    }
}

impl Figure for ReachFigure {
    fn draw_on<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        path: &Path,
    ) -> Result<()> {
        self.draw(root, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure() -> ReachFigure {
        ReachFigure {
            title: "test reach".into(),
            mass_range: (1e-3, 10.0),
            coupling_range: (1e-6, 1e-1),
            curves: vec![Curve {
                label: "open".into(),
                points: vec![(1e-3, 1e-4, None), (1.0, 1e-3, None), (10.0, 1e-2, None)],
            }],
            bands: vec![Band {
                label: "band".into(),
                points: vec![(1e-3, 4e-4, 8e-4), (1.0, 2e-3, 4e-3)],
            }],
            size: (800, 600),
        }
    }

    #[test]
    fn renders_svg_and_png_with_embedded_font() {
        let dir = std::env::temp_dir().join(format!("muforce-plot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let svg = dir.join("reach.svg");
        figure().render(&svg).unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("<svg") && text.contains("m_X [GeV]") && text.contains("band"));
        let png = dir.join("reach.png");
        figure().render(&png).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        assert!(figure().render(&dir.join("reach.pdf")).is_err());
        let mut bad = figure();
        bad.coupling_range = (0.0, 1.0);
        assert!(bad.render(&svg).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
