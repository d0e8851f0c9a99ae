//! Where a legend covers least: the drawn lines and shaded regions of a plot, in its pixels,
//! scored over a few candidate spots of the legend box.

use super::axes::{MARGIN, MARGIN_RIGHT, X_LABEL_AREA, Y_LABEL_AREA};

/// One axis of a plot: its range and scale.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Axis {
    /// Low and high end.
    pub range: (f64, f64),
    /// Logarithmic.
    pub log: bool,
}

impl Axis {
    /// Where `v` lies between the ends, 0 at the low one and 1 at the high one (clamped; a
    /// non-positive value on a log axis is at the low end).
    fn fraction(self, v: f64) -> f64 {
        let (lo, hi) = self.range;
        let f = if self.log {
            (v.max(f64::MIN_POSITIVE).ln() - lo.ln()) / (hi.ln() - lo.ln())
        } else {
            (v - lo) / (hi - lo)
        };
        if f.is_finite() {
            f.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The axes of a plot and the pixel size of its plotting area when the chart fills an area
/// of `area` pixels (plotters' margins and label areas of [`super::axes`] taken off).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
    /// Pixels of the plotting area.
    pub size: (f64, f64),
}

impl Frame {
    /// The frame of a chart with axes `x`, `y` built on an area of `area` pixels.
    pub(crate) fn new(x: Axis, y: Axis, area: (u32, u32)) -> Self {
        let w = f64::from(area.0) - f64::from(Y_LABEL_AREA) - f64::from(MARGIN + MARGIN_RIGHT);
        let h = f64::from(area.1) - f64::from(X_LABEL_AREA) - 2.0 * f64::from(MARGIN);
        Frame {
            x,
            y,
            size: (w.max(1.0), h.max(1.0)),
        }
    }

    fn pixel(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.x.fraction(x) * self.size.0,
            (1.0 - self.y.fraction(y)) * self.size.1,
        )
    }

    /// `drawn` (in data coordinates) in the pixels of the plotting area.
    pub(crate) fn pixels(&self, drawn: &Drawn) -> Drawn {
        let map = |shapes: &Vec<Vec<(f64, f64)>>| -> Vec<Vec<(f64, f64)>> {
            shapes
                .iter()
                .map(|s| s.iter().map(|&p| self.pixel(p)).collect())
                .collect()
        };
        Drawn {
            lines: map(&drawn.lines),
            fills: map(&drawn.fills),
        }
    }

    /// The plotting area in whole pixels.
    pub(crate) fn pixel_size(&self) -> (i32, i32) {
        (self.size.0 as i32, self.size.1 as i32)
    }
}

/// What a plot draws: in data coordinates, or in the pixels of its plotting area.
#[derive(Debug, Clone, Default)]
pub(crate) struct Drawn {
    /// Polylines (curves, edges).
    pub lines: Vec<Vec<(f64, f64)>>,
    /// Closed shaded regions.
    pub fills: Vec<Vec<(f64, f64)>>,
}

/// A covered line pixel counts as much as this many covered pixels of shading: hiding a curve
/// loses information, hiding part of a shaded region rarely does.
const LINE_WEIGHT: usize = 25;
/// Spacing of the samples along lines and of the grid over regions, in pixels.
const STEP: f64 = 4.0;
/// Distance of the legend box from the frame, in pixels.
pub(crate) const INSET: i32 = 10;

/// The x where the edges of `polygon` cross the row at height `y`, sorted into `crossings`:
/// by the even–odd rule a point (x, y) is inside when an odd number of them lie beyond x
/// (edges that do not cross, and NaN crossings, are never counted). One pass over the edges
/// serves a whole row of points.
fn row_crossings(polygon: &[(f64, f64)], y: f64, crossings: &mut Vec<f64>) {
    crossings.clear();
    let n = polygon.len();
    for i in 0..n {
        let (a, b) = (polygon[i], polygon[(i + n - 1) % n]);
        if (a.1 > y) != (b.1 > y) {
            let x = a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1);
            if !x.is_nan() {
                crossings.push(x);
            }
        }
    }
    crossings.sort_unstable_by(f64::total_cmp);
}

impl Drawn {
    /// How much of the drawing a box with corners `(x0, y0)`, `(x1, y1)` hides: the weighted
    /// score and the number of line samples under it.
    fn covered(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> (usize, usize) {
        let within = |(x, y): (f64, f64)| x >= x0 && x <= x1 && y >= y0 && y <= y1;
        let mut line_hits = 0;
        for line in &self.lines {
            for w in line.windows(2) {
                let (a, b) = (w[0], w[1]);
                // Every sample lies between a and b: a segment whose bounding box misses the
                // legend box has none under it (the common case, skipped without sampling).
                if a.0.max(b.0) < x0 || a.0.min(b.0) > x1 || a.1.max(b.1) < y0 || a.1.min(b.1) > y1
                {
                    continue;
                }
                let d = (b.0 - a.0).hypot(b.1 - a.1);
                let n = if d.is_finite() {
                    (d / STEP).ceil().clamp(1.0, 1e5) as usize
                } else {
                    1
                };
                line_hits += (0..n)
                    .map(|k| {
                        let t = k as f64 / n as f64;
                        (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
                    })
                    .filter(|&p| within(p))
                    .count();
            }
        }
        // Only the regions whose bounding box meets the legend box can be under it.
        let near: Vec<&Vec<(f64, f64)>> = self
            .fills
            .iter()
            .filter(|f| {
                let xs = f.iter().map(|p| p.0);
                let ys = f.iter().map(|p| p.1);
                xs.clone().fold(f64::INFINITY, f64::min) <= x1
                    && xs.fold(f64::NEG_INFINITY, f64::max) >= x0
                    && ys.clone().fold(f64::INFINITY, f64::min) <= y1
                    && ys.fold(f64::NEG_INFINITY, f64::max) >= y0
            })
            .collect();
        let mut fill_hits = 0;
        let (nx, ny) = (((x1 - x0) / STEP) as usize, ((y1 - y0) / STEP) as usize);
        let mut crossings = Vec::new();
        for j in 0..=ny {
            let y = y0 + j as f64 * STEP;
            for polygon in &near {
                row_crossings(polygon, y, &mut crossings);
                fill_hits += (0..=nx)
                    .filter(|&i| {
                        let x = x0 + i as f64 * STEP;
                        (crossings.len() - crossings.partition_point(|&c| c <= x)) % 2 == 1
                    })
                    .count();
            }
        }
        (LINE_WEIGHT * line_hits + fill_hits, line_hits)
    }

    /// The top-left corner of a `size` box inside a `plot` area that hides least: the four
    /// corners, then the middles of the four sides, the first in that order on a tie (so that
    /// an empty plot keeps its legend in the upper right); and whether it still hides a line.
    pub(crate) fn best_spot(&self, plot: (i32, i32), size: (i32, i32)) -> ((i32, i32), bool) {
        let (w, h) = plot;
        let (bw, bh) = size;
        let (left, top) = (INSET, INSET);
        let (right, bottom) = ((w - bw - INSET).max(INSET), (h - bh - INSET).max(INSET));
        let (mid_x, mid_y) = (((w - bw) / 2).max(INSET), ((h - bh) / 2).max(INSET));
        let spots = [
            (right, top),
            (left, top),
            (right, bottom),
            (left, bottom),
            (mid_x, top),
            (mid_x, bottom),
            (left, mid_y),
            (right, mid_y),
        ];
        let score = |&(x, y): &(i32, i32)| {
            self.covered(
                (f64::from(x), f64::from(y)),
                (f64::from(x + bw), f64::from(y + bh)),
            )
        };
        // min_by_key keeps the first of equal scores.
        spots
            .iter()
            .map(|spot| (*spot, score(spot)))
            .min_by_key(|(_, (weighted, _))| *weighted)
            .map_or(((left, top), false), |(spot, (_, lines))| (spot, lines > 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Even–odd test of one point against a polygon, edge by edge (the plain definition).
    fn inside(polygon: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
        let mut hit = false;
        let n = polygon.len();
        for i in 0..n {
            let (a, b) = (polygon[i], polygon[(i + n - 1) % n]);
            if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1) {
                hit = !hit;
            }
        }
        hit
    }

    /// The row crossings give the same inside/outside answer as the plain test, point by
    /// point, for random polygons (self-intersecting ones included) and points on a grid.
    #[test]
    fn row_crossings_agree_with_the_point_test() {
        let mut state = 12345_u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64 * 100.0
        };
        let mut crossings = Vec::new();
        let mut checked = 0;
        for vertices in [3, 4, 7, 20, 100] {
            let polygon: Vec<(f64, f64)> = (0..vertices).map(|_| (next(), next())).collect();
            for j in 0..=25 {
                let y = f64::from(j) * 4.0;
                row_crossings(&polygon, y, &mut crossings);
                for i in 0..=25 {
                    let x = f64::from(i) * 4.0;
                    let by_row =
                        (crossings.len() - crossings.partition_point(|&c| c <= x)) % 2 == 1;
                    assert_eq!(by_row, inside(&polygon, (x, y)), "{vertices} at ({x}, {y})");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 5 * 26 * 26);
    }

    /// A rising curve leaves the lower right empty; a region over the whole bottom half and a
    /// curve across the top then leave the sides' middles; nothing drawn keeps the upper right.
    #[test]
    fn the_legend_goes_where_nothing_is_drawn() {
        let plot = (400, 300);
        let size = (100, 60);
        let rising = Drawn {
            lines: vec![vec![(0.0, 300.0), (200.0, 150.0), (400.0, 0.0)]],
            fills: Vec::new(),
        };
        // Pixel y grows downwards: the curve rises from lower left to upper right.
        assert_eq!(rising.best_spot(plot, size), ((10, 10), false));
        let falling = Drawn {
            lines: vec![vec![(0.0, 0.0), (400.0, 300.0)]],
            fills: Vec::new(),
        };
        assert_eq!(falling.best_spot(plot, size), ((290, 10), false));
        let crowded = Drawn {
            lines: vec![vec![(0.0, 30.0), (400.0, 30.0)]],
            fills: vec![vec![
                (0.0, 150.0),
                (400.0, 150.0),
                (400.0, 300.0),
                (0.0, 300.0),
            ]],
        };
        assert_eq!(crowded.best_spot(plot, size), ((10, 120), false));
        assert_eq!(Drawn::default().best_spot(plot, size), ((290, 10), false));
        // A box as large as the plot hides the line wherever it goes.
        assert!(rising.best_spot(plot, (380, 280)).1);
        assert!(inside(
            &[(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)],
            (1.0, 1.0)
        ));
        assert!(!inside(&[(0.0, 0.0), (2.0, 0.0), (2.0, 2.0)], (0.5, 1.5)));
    }

    /// Data coordinates map to pixels with y downwards, on log and linear axes alike.
    #[test]
    fn frames_map_data_to_pixels() {
        let frame = Frame {
            x: Axis {
                range: (1e-3, 10.0),
                log: true,
            },
            y: Axis {
                range: (0.0, 2.0),
                log: false,
            },
            size: (400.0, 200.0),
        };
        let drawn = Drawn {
            lines: vec![vec![(1e-3, 0.0), (0.1, 1.0), (1e3, 5.0), (-1.0, f64::NAN)]],
            fills: Vec::new(),
        };
        let expected = [(0.0, 200.0), (200.0, 100.0), (400.0, 0.0), (0.0, 200.0)];
        for (got, want) in frame.pixels(&drawn).lines[0].iter().zip(expected) {
            assert!((got.0 - want.0).abs() < 1e-9 && (got.1 - want.1).abs() < 1e-9);
        }
    }
}
