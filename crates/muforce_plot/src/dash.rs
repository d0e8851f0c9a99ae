//! Line patterns: solid, dashed, dotted, dash-dotted and long dashes, drawn by one element that
//! takes any on/off sequence (plotters' own dashed path knows one dash and one gap only).

use plotters::element::{Drawable, PointCollection};
use plotters::prelude::{DrawingBackend, ShapeStyle};
use plotters_backend::{BackendCoord, DrawingErrorKind};

/// Line pattern of a curve. The order of [`Dash::CYCLE`] is that of the Python layer's
/// `muforce.plot.LINESTYLES` ("-", "--", ":", "-.", long dashes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// Solid.
    Solid,
    /// Dashes.
    Dashed,
    /// Dots.
    Dotted,
    /// Very long dashes.
    LongDashed,
    /// Dash, dot, dash.
    DashDot,
}

impl Dash {
    /// The patterns in the order curves of one colour take them.
    pub const CYCLE: [Dash; 5] = [
        Dash::Solid,
        Dash::Dashed,
        Dash::Dotted,
        Dash::DashDot,
        Dash::LongDashed,
    ];

    /// The on/off lengths in pixels for a 2-pixel line, starting with "on" (empty: solid).
    pub(crate) fn pattern(self) -> &'static [f64] {
        match self {
            Dash::Solid => &[],
            Dash::Dashed => &[9.0, 5.0],
            Dash::Dotted => &[2.5, 3.5],
            Dash::LongDashed => &[18.0, 5.0],
            Dash::DashDot => &[10.0, 4.0, 2.5, 4.0],
        }
    }
}

/// Cuts a polyline into the "on" pieces of `pattern` (on, off, on, … in the polyline's units),
/// carrying the phase across vertices; an empty or non-positive pattern gives the whole line.
pub(crate) fn dash_pieces(points: &[(f64, f64)], pattern: &[f64]) -> Vec<Vec<(f64, f64)>> {
    if pattern.is_empty() || pattern.iter().any(|&p| p.is_nan() || p <= 0.0) {
        return if points.len() > 1 {
            vec![points.to_vec()]
        } else {
            Vec::new()
        };
    }
    let mut pieces = Vec::new();
    let (mut k, mut left) = (0, pattern[0]);
    let mut current: Vec<(f64, f64)> = points.first().into_iter().copied().collect();
    for w in points.windows(2) {
        let (mut a, b) = (w[0], w[1]);
        let mut d = (b.0 - a.0).hypot(b.1 - a.1);
        if !d.is_finite() {
            continue;
        }
        while d >= left {
            let t = left / d;
            a = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            d -= left;
            if k % 2 == 0 {
                current.push(a);
                pieces.push(std::mem::take(&mut current));
            } else {
                current = vec![a];
            }
            k = (k + 1) % pattern.len();
            left = pattern[k];
        }
        left -= d;
        if k % 2 == 0 {
            current.push(b);
        }
    }
    if k % 2 == 0 && current.len() > 1 {
        pieces.push(current);
    }
    pieces
}

/// A polyline drawn in a [`Dash`] pattern (in pixels, whatever the coordinates).
pub(crate) struct PatternedPath<C> {
    points: Vec<C>,
    dash: Dash,
    style: ShapeStyle,
}

impl<C> PatternedPath<C> {
    /// The polyline through `points` in `dash` with `style`.
    pub(crate) fn new(points: Vec<C>, dash: Dash, style: impl Into<ShapeStyle>) -> Self {
        PatternedPath {
            points,
            dash,
            style: style.into(),
        }
    }
}

impl<'a, C: 'a> PointCollection<'a, C> for &'a PatternedPath<C> {
    type Point = &'a C;
    type IntoIter = &'a [C];
    fn point_iter(self) -> &'a [C] {
        &self.points
    }
}

impl<C, DB: DrawingBackend> Drawable<DB> for PatternedPath<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let pixels: Vec<(f64, f64)> = points.map(|(x, y)| (f64::from(x), f64::from(y))).collect();
        for piece in dash_pieces(&pixels, self.dash.pattern()) {
            let piece: Vec<BackendCoord> = piece
                .iter()
                .map(|&(x, y)| (x.round() as i32, y.round() as i32))
                .collect();
            backend.draw_path(piece, &self.style)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces follow the pattern across a corner and stop at the end of the line.
    #[test]
    fn pieces_follow_the_pattern() {
        let line = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        let pieces = dash_pieces(&line, &[4.0, 2.0]);
        assert_eq!(pieces.len(), 4);
        assert_eq!(pieces[0], vec![(0.0, 0.0), (4.0, 0.0)]);
        assert_eq!(pieces[1], vec![(6.0, 0.0), (10.0, 0.0)]);
        assert_eq!(pieces[2], vec![(10.0, 2.0), (10.0, 6.0)]);
        assert_eq!(pieces[3], vec![(10.0, 8.0), (10.0, 10.0)]);
        assert_eq!(dash_pieces(&line, &[]), vec![line.to_vec()]);
        assert_eq!(dash_pieces(&line, &[0.0, 1.0]), vec![line.to_vec()]);
        assert!(dash_pieces(&[(1.0, 1.0)], &[1.0, 1.0]).is_empty());
        // Dash-dot: on 3, off 1, on 1, off 1, then again.
        let dots = dash_pieces(&[(0.0, 0.0), (8.0, 0.0)], &[3.0, 1.0, 1.0, 1.0]);
        let starts: Vec<f64> = dots.iter().map(|p| p[0].0).collect();
        assert_eq!(starts, [0.0, 4.0, 6.0]);
    }
}
