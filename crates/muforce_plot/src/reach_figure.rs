//! The reach figure: excluded regions in the (m_X, g_X) plane on log–log axes, with bands such
//! as the (g−2)_μ preferred region and overlays of constraint files.

use super::axes::{axis_titles, titled, MARGIN, MARGIN_RIGHT, TICK_SIZE, TITLE_HEIGHT};
use super::axes::{X_LABEL_AREA, Y_LABEL_AREA};
use super::backend::{check_axis, drawing_error, render_to, Figure};
use super::dash::{Dash, PatternedPath};
use super::legend::{draw_legend, place, Entry, Legend, Placed, Sample};
use super::palette::{
    EXCLUDED, FAVOURED, ONE_SIGMA, OVERLAY_EDGES, OVERLAY_FILL, PALETTE, TWO_SIGMA,
};
use super::placement::{Axis, Drawn, Frame};
use super::ticks::log_tick_label;
use muforce::error::Result;
use muforce::reach::{Band, BandKind};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// Axis titles: the mass of X in GeV across, its coupling to muons up (units in square
/// brackets, as muforce.plot writes them).
pub(crate) const MASS_TITLE: &str = "m_{X} [GeV]";
/// See [`MASS_TITLE`].
pub(crate) const COUPLING_TITLE: &str = "g_{X}";

/// Edge patterns of the existing limits: each round through [`OVERLAY_EDGES`] takes the next
/// (as `muforce.plot.EXISTING_PATTERNS`); contours are solid.
const OVERLAY_PATTERNS: [Dash; 3] = [Dash::Dashed, Dash::DashDot, Dash::Dotted];

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
    /// Constraint files drawn behind the experiments as grey regions with broken edges.
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
    /// An empty 800 × 600 figure with the legend where it hides least.
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
            legend: Legend::Best,
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
    fn curve_shapes(
        &self,
        curve: &Curve,
        (color, dash): (RGBColor, Dash),
        (fill, opacity): (RGBColor, f64),
        shapes: &mut Vec<Shape>,
    ) {
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
            return;
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
            shapes.push(Shape::Fill(outline, fill, opacity));
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
        shapes.extend(lines.into_iter().map(|l| Shape::Line(l, color, dash)));
    }

    /// Everything the plot draws, in drawing order, and the legend entries.
    fn shapes(&self) -> (Vec<Shape>, Vec<Entry>) {
        let (g0, g1) = self.coupling_range;
        let clamp = |g: f64| g.clamp(g0, g1);
        let mut shapes = Vec::new();
        let mut entries = Vec::new();
        for band in &self.bands {
            let (color, opacity) = match band.kind {
                // The opacity of muforce.plot.G2_ALPHA.
                BandKind::Favoured => (FAVOURED, 0.25),
                BandKind::Excluded => (EXCLUDED, 0.25),
                BandKind::ExpectedOneSigma => (ONE_SIGMA, 0.45),
                BandKind::ExpectedTwoSigma => (TWO_SIGMA, 0.6),
            };
            let mut outline: Vec<(f64, f64)> = band
                .points
                .iter()
                .map(|&(m, lo, _)| (m, clamp(lo)))
                .collect();
            outline.extend(band.points.iter().rev().map(|&(m, _, hi)| (m, clamp(hi))));
            shapes.push(Shape::Fill(outline, color, opacity));
            // One legend entry per label: every scenario's expected bands share theirs.
            if !entries.iter().any(|e: &Entry| e.label == band.label) {
                entries.push(Entry {
                    label: band.label.clone(),
                    sample: Sample::Fill {
                        fill: color,
                        opacity,
                        edge: (color, Dash::Solid),
                    },
                });
            }
        }
        for (index, curve) in self.overlays.iter().enumerate() {
            let color = OVERLAY_EDGES[index % OVERLAY_EDGES.len()];
            let dash = if curve.contour {
                Dash::Solid
            } else {
                OVERLAY_PATTERNS[(index / OVERLAY_EDGES.len()) % OVERLAY_PATTERNS.len()]
            };
            let opacity = if curve.contour { 0.0 } else { 0.1 };
            self.curve_shapes(curve, (color, dash), (OVERLAY_FILL, opacity), &mut shapes);
            entries.push(Entry {
                label: curve.label.clone(),
                sample: if curve.contour {
                    Sample::Line(color, dash)
                } else {
                    Sample::Fill {
                        fill: OVERLAY_FILL,
                        opacity: 0.2,
                        edge: (color, dash),
                    }
                },
            });
        }
        for (index, curve) in self.curves.iter().enumerate() {
            let color = PALETTE[curve.color.unwrap_or(index) % PALETTE.len()];
            let opacity = if self.fill_curves && !curve.contour {
                0.05
            } else {
                0.0
            };
            self.curve_shapes(curve, (color, curve.dash), (color, opacity), &mut shapes);
            entries.push(Entry {
                label: curve.label.clone(),
                sample: Sample::Line(color, curve.dash),
            });
        }
        (shapes, entries)
    }
}

/// What a reach plot draws, in data coordinates.
enum Shape {
    /// A shaded region: outline, colour, opacity.
    Fill(Vec<(f64, f64)>, RGBColor, f64),
    /// A line: points, colour, pattern.
    Line(Vec<(f64, f64)>, RGBColor, Dash),
}

impl ReachFigure {
    /// Where the legend goes on a body (the area under the title) of `body` pixels.
    fn placement(&self, body: (u32, u32), entries: &[Entry], path: &Path) -> Result<Placed> {
        let mut drawn = Drawn::default();
        for shape in self.shapes().0 {
            match shape {
                Shape::Fill(points, ..) => drawn.fills.push(points),
                Shape::Line(points, ..) => drawn.lines.push(points),
            }
        }
        let axis = |range| Axis { range, log: true };
        let frame = Frame::new(axis(self.mass_range), axis(self.coupling_range), body);
        let in_pixels = (&frame.pixels(&drawn), frame.pixel_size());
        place(body.0, entries, self.legend, in_pixels, path)
    }
}

impl Figure for ReachFigure {
    fn legend_strip(&self, size: (u32, u32), path: &Path) -> Result<Option<u32>> {
        let body = (size.0, size.1.saturating_sub(TITLE_HEIGHT));
        Ok(match self.placement(body, &self.shapes().1, path)? {
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
        let (shapes, entries) = self.shapes();
        let placed = match strip {
            Some(h) => Placed::Strip(h),
            None => self.placement(body.dim_in_pixel(), &entries, path)?,
        };
        let (w, h) = body.dim_in_pixel();
        let (plot_area, legend_area) = match placed {
            Placed::Column(column) => {
                let (left, right) = body.split_horizontally(w - column);
                (left, Some(right))
            }
            Placed::Strip(strip) => {
                let (top, bottom) = body.split_vertically(h.saturating_sub(strip));
                (top, Some(bottom))
            }
            Placed::Inside(_) => (body.clone(), None),
        };
        let (m0, m1) = self.mass_range;
        let (g0, g1) = self.coupling_range;
        let mut chart = ChartBuilder::on(&plot_area)
            .margin(MARGIN)
            .margin_right(MARGIN_RIGHT)
            .x_label_area_size(X_LABEL_AREA)
            .y_label_area_size(Y_LABEL_AREA)
            // Lower ends a hair below, so that a decade there (1e-6) still gets its label
            // despite the rounding of log10 in plotters' key points.
            .build_cartesian_2d(
                (m0 * (1.0 - 1e-9)..m1).log_scale(),
                (g0 * (1.0 - 1e-9)..g1).log_scale(),
            )
            .map_err(|e| fail(&e))?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", TICK_SIZE))
            .x_label_formatter(&|v| log_tick_label(*v, self.mass_range))
            .y_label_formatter(&|v| log_tick_label(*v, self.coupling_range))
            .draw()
            .map_err(|e| fail(&e))?;
        let plot = chart.plotting_area();
        axis_titles(&plot_area, plot, (MASS_TITLE, COUPLING_TITLE), path)?;
        for shape in shapes {
            match shape {
                Shape::Fill(outline, color, opacity) => {
                    plot.draw(&Polygon::new(outline, color.mix(opacity).filled()))
                }
                Shape::Line(line, color, dash) => {
                    plot.draw(&PatternedPath::new(line, dash, color.stroke_width(2)))
                }
            }
            .map_err(|e| fail(&e))?;
        }
        match legend_area {
            Some(area) => draw_legend(&area, &entries, placed, path),
            None => draw_legend(&plot.strip_coord_spec(), &entries, placed, path),
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
        // Axis titles in runs (m, X subscript, [GeV]); decades as powers of ten.
        assert!(text.contains("<svg") && text.contains("[GeV]") && text.contains("band"));
        assert!(text.contains("10⁻³") && text.contains("10⁰") && text.contains("10⁻⁶"));
        assert!(!text.contains("1e-3") && !text.contains("m_X"));
        assert!(text.contains("overlay") && text.contains("island"));
        let png = dir.join("reach.png");
        let mut right = figure();
        right.legend = Legend::Right;
        right.size = (1100, 600);
        right.render(&png).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        assert!(figure().render(&dir.join("reach.pdf")).is_err());
        // An axis shorter than two decades labels its 1, 2 and 5 ticks.
        let mut short = figure();
        short.mass_range = (0.02, 0.5);
        short.render(&svg).unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("2 × 10⁻¹") && text.contains("10⁻¹") && !text.contains("3 × 10⁻¹"));
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
