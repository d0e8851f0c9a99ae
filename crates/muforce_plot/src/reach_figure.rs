//! The reach figure: excluded regions in the (m_X, g_X) plane on log–log axes, with bands such
//! as the (g−2)_μ preferred region and overlays of constraint files.

use super::backend::{check_axis, drawing_error, render_to, Figure, PALETTE};
use super::legend::{column_width, draw_legend, Entry, Legend, Sample};
use muforce::error::Result;
use muforce::reach::{Band, BandKind};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use std::path::Path;

/// Line pattern of a curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// Solid.
    Solid,
    /// Long dashes.
    Dashed,
    /// Short dashes.
    Dotted,
    /// Very long dashes.
    LongDashed,
}

impl Dash {
    /// Dash and gap lengths in pixels (None: solid).
    fn pattern(self) -> Option<(u32, u32)> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some((9, 5)),
            Dash::Dotted => Some((3, 3)),
            Dash::LongDashed => Some((18, 4)),
        }
    }
}

/// One experiment's reach: per mass the excluded couplings g_low < g < g_high (None: open above).
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Legend label.
    pub label: String,
    /// (m_X in GeV, g_low, g_high) sorted by mass.
    pub points: Vec<(f64, f64, Option<f64>)>,
    /// Palette index (None: the curve's position in its list).
    pub color: Option<usize>,
    /// Line pattern.
    pub dash: Dash,
    /// A line that is not an excluded region (e.g. an iso-ΔN_eff contour): no fill.
    pub contour: bool,
}

impl Curve {
    /// A solid curve coloured by its position.
    pub fn new(label: impl Into<String>, points: Vec<(f64, f64, Option<f64>)>) -> Curve {
        Curve {
            label: label.into(),
            points,
            color: None,
            dash: Dash::Solid,
            contour: false,
        }
    }

    /// The same curve with a fixed palette colour and line pattern.
    #[must_use]
    pub fn styled(mut self, color: usize, dash: Dash) -> Curve {
        self.color = Some(color);
        self.dash = dash;
        self
    }
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
    /// Constraint files drawn behind the experiments as grey regions with dashed edges.
    pub overlays: Vec<Curve>,
    /// Bands.
    pub bands: Vec<Band>,
    /// Shade the experiments' excluded regions lightly (off for crowded figures).
    pub fill_curves: bool,
    /// Legend placement.
    pub legend: Legend,
    /// Pixel size.
    pub size: (u32, u32),
}

/// Colours of the overlays: dark greys and browns, apart from the experiments'.
const OVERLAY_PALETTE: [RGBColor; 4] = [
    RGBColor(80, 80, 80),
    RGBColor(120, 90, 50),
    RGBColor(60, 80, 110),
    RGBColor(110, 60, 90),
];

/// The fill of every existing limit: one light grey, so that overlapping limits darken
/// evenly, as the field draws them; their edges keep the colours above.
const OVERLAY_FILL: RGBColor = RGBColor(128, 128, 128);

const FAVOURED: RGBColor = RGBColor(120, 200, 120);
const EXCLUDED: RGBColor = RGBColor(220, 110, 110);
const ONE_SIGMA: RGBColor = RGBColor(0, 170, 0);
const TWO_SIGMA: RGBColor = RGBColor(255, 210, 0);

/// Splits an edge (m, g) into the runs inside the plot, where g = None stands for "above the
/// top": a run that leaves through the top ends on it, so that no line is drawn along the frame.
fn edge_runs(edge: &[(f64, Option<f64>)], (g0, g1): (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let inside = |g: Option<f64>| g.is_some_and(|g| g <= g1);
    let mut runs = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, &(m, g)) in edge.iter().enumerate() {
        if inside(g) {
            if run.is_empty() && i > 0 {
                run.push((m_between(edge[i - 1].0, m), g1));
            }
            run.push((m, g.unwrap_or(g1).max(g0)));
        } else if !run.is_empty() {
            run.push((m_between(run[run.len() - 1].0, m), g1));
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// The geometric mean: where an edge is taken to cross the top between two scan masses.
fn m_between(a: f64, b: f64) -> f64 {
    (a * b).sqrt()
}

impl ReachFigure {
    /// An empty 800 × 600 figure with the legend in the lower right corner.
    pub fn new(
        title: impl Into<String>,
        mass_range: (f64, f64),
        coupling_range: (f64, f64),
    ) -> Self {
        ReachFigure {
            title: title.into(),
            mass_range,
            coupling_range,
            curves: Vec::new(),
            overlays: Vec::new(),
            bands: Vec::new(),
            fill_curves: true,
            legend: Legend::LowerRight,
            size: (800, 600),
        }
    }

    /// Draws the figure to `path` (.svg or .png).
    pub fn render(&self, path: &Path) -> Result<()> {
        check_axis("mass range", self.mass_range, true)?;
        check_axis("coupling range", self.coupling_range, true)?;
        render_to(self, path, self.size)
    }

    /// One excluded region: a light fill and its edges (lower edge, upper edge where the
    /// region closes below the top, and the vertical ends of an island inside the mass range;
    /// the end of a region open to the top is where the scan stops, not an edge).
    fn draw_curve<DB: DrawingBackend, CT: CoordTranslate<From = (f64, f64)>>(
        &self,
        plot: &DrawingArea<DB, CT>,
        curve: &Curve,
        color: RGBColor,
        (fill, opacity): (RGBColor, f64),
        dash: Option<(u32, u32)>,
        path: &Path,
    ) -> Result<()> {
        let fail = |e: &dyn std::fmt::Display| drawing_error(path, e);
        let (g0, g1) = self.coupling_range;
        let (m0, m1) = self.mass_range;
        // Points beyond the mass axis would be drawn along its ends.
        let points: Vec<(f64, f64, Option<f64>)> = curve
            .points
            .iter()
            .copied()
            .filter(|p| (m0..=m1).contains(&p.0))
            .collect();
        let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
            return Ok(());
        };
        if opacity > 0.0 {
            let mut outline: Vec<(f64, f64)> = points
                .iter()
                .map(|&(m, lo, _)| (m, lo.clamp(g0, g1)))
                .collect();
            outline.extend(
                points
                    .iter()
                    .rev()
                    .map(|&(m, _, hi)| (m, hi.unwrap_or(g1).clamp(g0, g1))),
            );
            plot.draw(&Polygon::new(outline, fill.mix(opacity).filled()))
                .map_err(|e| fail(&e))?;
        }
        let lower: Vec<(f64, Option<f64>)> =
            points.iter().map(|&(m, lo, _)| (m, Some(lo))).collect();
        let upper: Vec<(f64, Option<f64>)> = points.iter().map(|&(m, _, hi)| (m, hi)).collect();
        let mut lines = edge_runs(&lower, self.coupling_range);
        lines.extend(edge_runs(&upper, self.coupling_range));
        let inner = |m: f64| m > m0 * (1.0 + 1e-9) && m < m1 * (1.0 - 1e-9);
        for (m, lo, hi) in [first, last] {
            if let (true, true, Some(hi)) = (inner(m), lo < g1, hi) {
                lines.push(vec![(m, lo.max(g0)), (m, hi.min(g1))]);
            }
        }
        let style = color.stroke_width(2);
        for line in lines {
            match dash {
                None => plot.draw(&PathElement::new(line, style)),
                Some((d, gap)) => plot.draw(&DashedPathElement::new(line, d, gap, style)),
            }
            .map_err(|e| fail(&e))?;
        }
        Ok(())
    }
}

impl Figure for ReachFigure {
    fn draw_on<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        path: &Path,
    ) -> Result<()> {
        let fail = |e: &dyn std::fmt::Display| drawing_error(path, e);
        root.fill(&WHITE).map_err(|e| fail(&e))?;
        let (width, _) = root.dim_in_pixel();
        let labels = self.bands.iter().map(|b| b.label.as_str()).chain(
            self.overlays
                .iter()
                .chain(&self.curves)
                .map(|c| c.label.as_str()),
        );
        let column = column_width(root, labels, path)?;
        let (plot_area, column) = if self.legend == Legend::Right && width > 2 * column {
            let (left, right) = root.split_horizontally(width - column);
            (left, Some(right))
        } else {
            (root.clone(), None)
        };
        let (m0, m1) = self.mass_range;
        let (g0, g1) = self.coupling_range;
        let mut chart = ChartBuilder::on(&plot_area)
            .caption(&self.title, ("sans-serif", 22))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(64)
            // Lower ends a hair below, so that a decade there (1e-6) still gets its label
            // despite the rounding of log10 in plotters' key points.
            .build_cartesian_2d(
                (m0 * (1.0 - 1e-9)..m1).log_scale(),
                (g0 * (1.0 - 1e-9)..g1).log_scale(),
            )
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
        let plot = chart.plotting_area();
        let clamp = |g: f64| g.clamp(g0, g1);
        let mut entries = Vec::new();
        for band in &self.bands {
            let color = match band.kind {
                BandKind::Favoured => FAVOURED,
                BandKind::Excluded => EXCLUDED,
                BandKind::ExpectedOneSigma => ONE_SIGMA,
                BandKind::ExpectedTwoSigma => TWO_SIGMA,
            };
            let opacity = match band.kind {
                BandKind::ExpectedOneSigma | BandKind::ExpectedTwoSigma => 0.45,
                _ => 0.35,
            };
            let mut outline: Vec<(f64, f64)> = band
                .points
                .iter()
                .map(|&(m, lo, _)| (m, clamp(lo)))
                .collect();
            outline.extend(band.points.iter().rev().map(|&(m, _, hi)| (m, clamp(hi))));
            plot.draw(&Polygon::new(outline, color.mix(opacity).filled()))
                .map_err(|e| fail(&e))?;
            // One legend entry per label: every scenario's expected bands share theirs.
            if !entries.iter().any(|e: &Entry| e.label == band.label) {
                entries.push(Entry {
                    label: band.label.clone(),
                    sample: Sample::Fill(color, opacity),
                });
            }
        }
        let layers = [
            (&self.overlays, &OVERLAY_PALETTE[..], 0.1, true),
            (
                &self.curves,
                &PALETTE[..],
                if self.fill_curves { 0.05 } else { 0.0 },
                false,
            ),
        ];
        for (list, palette, opacity, is_overlay) in layers {
            for (index, curve) in list.iter().enumerate() {
                let color = palette[curve.color.unwrap_or(index) % palette.len()];
                let dash = if is_overlay && !curve.contour {
                    Dash::Dashed.pattern()
                } else {
                    curve.dash.pattern()
                };
                let opacity = if curve.contour { 0.0 } else { opacity };
                let fill = if is_overlay { OVERLAY_FILL } else { color };
                self.draw_curve(plot, curve, color, (fill, opacity), dash, path)?;
                entries.push(Entry {
                    label: curve.label.clone(),
                    sample: if is_overlay && !curve.contour {
                        Sample::Fill(color, opacity)
                    } else {
                        Sample::Line(color, dash)
                    },
                });
            }
        }
        match &column {
            Some(area) => draw_legend(area, &entries, Legend::Right, path),
            None => draw_legend(&plot.strip_coord_spec(), &entries, self.legend, path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure() -> ReachFigure {
        let mut f = ReachFigure::new("test reach", (1e-3, 10.0), (1e-6, 1e-1));
        f.curves = vec![
            Curve::new(
                "open",
                vec![(1e-3, 1e-4, None), (1.0, 1e-3, None), (10.0, 1e-2, None)],
            ),
            Curve::new(
                "island",
                vec![(1e-2, 1e-5, Some(1e-3)), (0.1, 1e-5, Some(1e-4))],
            )
            .styled(3, Dash::Dotted),
        ];
        f.overlays = vec![Curve::new(
            "overlay",
            vec![(0.2, 1e-3, None), (5.0, 1e-2, None)],
        )];
        f.bands = vec![Band {
            label: "band".into(),
            points: vec![(1e-3, 4e-4, 8e-4), (1.0, 2e-3, 4e-3)],
            kind: BandKind::Favoured,
        }];
        f
    }

    #[test]
    fn renders_svg_and_png_with_embedded_font() {
        let dir = std::env::temp_dir().join(format!("muforce-plot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let svg = dir.join("reach.svg");
        figure().render(&svg).unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("<svg") && text.contains("m_X [GeV]") && text.contains("band"));
        assert!(text.contains("overlay") && text.contains("island"));
        let png = dir.join("reach.png");
        let mut right = figure();
        right.legend = Legend::Right;
        right.size = (1100, 600);
        right.render(&png).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        assert!(figure().render(&dir.join("reach.pdf")).is_err());
        let mut bad = figure();
        bad.coupling_range = (0.0, 1.0);
        assert!(bad.render(&svg).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// An edge that leaves through the top ends on it (between the two scan masses) and comes
    /// back from it; None counts as above the top.
    #[test]
    fn edges_leave_through_the_top() {
        let edge = [
            (1.0, Some(1e-3)),
            (4.0, Some(1.0)),
            (9.0, None),
            (16.0, Some(1e-2)),
        ];
        let runs = edge_runs(&edge, (1e-6, 0.1));
        assert_eq!(
            runs,
            vec![
                vec![(1.0, 1e-3), (2.0, 0.1)],
                vec![(12.0, 0.1), (16.0, 1e-2)]
            ]
        );
        assert!(edge_runs(&[(1.0, None), (2.0, None)], (1e-6, 0.1)).is_empty());
    }
}
