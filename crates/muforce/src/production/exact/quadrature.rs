//! Fixed composite Kronrod rules for the nested integrals of the exact cross section.
//!
//! Each integral is split at breakpoints chosen from the physics scales (a smooth integrand
//! in every piece); every piece gets one 15-point Kronrod panel with QUADPACK's error
//! estimate (Piessens et al., QUADPACK 1983, QK15: comparison with the embedded 7-point
//! Gauss rule), and the pieces are halved a limited number of times until the estimate
//! meets the tolerance. The integrand returns its own value and error (an inner integral);
//! the inner errors are integrated with the same rule and added, so the returned error
//! covers both levels. Fixed rules keep nested integrands smooth functions of the outer
//! variables and the results deterministic. Whether the final error is acceptable is
//! decided by the caller at the outermost level.

use crate::error::{Error, Result};
use crate::numerics::{GAUSS_7_WEIGHTS as WG, KRONROD_15_NODES as XGK, KRONROD_15_WEIGHTS as WGK};

/// A value with its absolute error estimate.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Estimate {
    pub value: f64,
    pub error: f64,
}

impl Estimate {
    /// Relative error (0 for an exact zero).
    pub fn relative_error(&self) -> f64 {
        if self.error == 0.0 {
            0.0
        } else {
            self.error / self.value.abs()
        }
    }

    /// The estimate multiplied by a non-negative factor.
    #[must_use]
    pub fn scaled(self, factor: f64) -> Self {
        Estimate {
            value: factor * self.value,
            error: factor * self.error,
        }
    }
}

/// One 15-point Kronrod panel on [a, b] of an integrand with its own error.
fn panel<F: FnMut(f64) -> Estimate>(f: &mut F, a: f64, b: f64) -> Estimate {
    let center = 0.5 * (a + b);
    let half = 0.5 * (b - a);
    let fc = f(center);
    let mut kronrod = fc.value * WGK[7];
    let mut gauss = fc.value * WG[3];
    let mut inner = fc.error * WGK[7];
    let mut values = [(0.0, 0.0); 7];
    for (j, slot) in values.iter_mut().enumerate() {
        let dx = half * XGK[j];
        let f1 = f(center - dx);
        let f2 = f(center + dx);
        kronrod += WGK[j] * (f1.value + f2.value);
        inner += WGK[j] * (f1.error + f2.error);
        if j % 2 == 1 {
            gauss += WG[j / 2] * (f1.value + f2.value);
        }
        *slot = (f1.value, f2.value);
    }
    let mean = 0.5 * kronrod;
    let mut asc = WGK[7] * (fc.value - mean).abs();
    for (j, (f1, f2)) in values.iter().enumerate() {
        asc += WGK[j] * ((f1 - mean).abs() + (f2 - mean).abs());
    }
    let asc = asc * half.abs();
    let mut error = ((kronrod - gauss) * half).abs();
    if asc != 0.0 && error != 0.0 {
        error = asc * (200.0 * error / asc).powf(1.5).min(1.0);
    }
    error = error.max(1e2 * f64::EPSILON * (kronrod * half).abs());
    Estimate {
        value: kronrod * half,
        error: error + inner * half.abs(),
    }
}

/// ∫ f over the ascending `breaks`: one panel per gap, then the panel with the largest error
/// estimate bisected, repeatedly, until the total error is below max(`rel_tol`·|value|,
/// `abs_tol`) or the panels number (gaps)·2^`max_halvings` (the count that halving every gap
/// `max_halvings` times would give, at a fraction of its cost where only one piece is hard).
/// Returns the last estimate even if it misses the tolerance (the caller decides); a
/// non-finite result is an error naming `what`.
pub(crate) fn integrate<F: FnMut(f64) -> Estimate>(
    what: &str,
    mut f: F,
    breaks: &[f64],
    rel_tol: f64,
    abs_tol: f64,
    max_halvings: u32,
) -> Result<Estimate> {
    let mut panels: Vec<(f64, f64, Estimate)> = breaks
        .windows(2)
        .map(|pair| (pair[0], pair[1], panel(&mut f, pair[0], pair[1])))
        .collect();
    let budget = panels.len() << max_halvings;
    let mut total = sum(&panels);
    while panels.len() < budget && total.error > (rel_tol * total.value.abs()).max(abs_tol) {
        let Some(worst) =
            (0..panels.len()).max_by(|&i, &j| panels[i].2.error.total_cmp(&panels[j].2.error))
        else {
            break;
        };
        let (a, b, _) = panels[worst];
        let mid = 0.5 * (a + b);
        panels[worst] = (a, mid, panel(&mut f, a, mid));
        panels.push((mid, b, panel(&mut f, mid, b)));
        // Re-summed rather than updated, so that the result does not depend on round-off in
        // the order of the bisections.
        total = sum(&panels);
    }
    if total.value.is_finite() && total.error.is_finite() {
        Ok(total)
    } else {
        Err(Error::out_of_range(
            format!("{what} integrand"),
            total.value,
            "must be finite (numerical failure)",
        ))
    }
}

/// The sum of the panels' estimates, in order of position.
fn sum(panels: &[(f64, f64, Estimate)]) -> Estimate {
    let mut total = Estimate::default();
    for (_, _, part) in panels {
        total.value += part.value;
        total.error += part.error;
    }
    total
}

/// Most breakpoints a [`Breaks`] holds; longer gaps are cut into fewer pieces beyond it.
/// The longest lists are those of ln t: two ends, four scales, two graded ridges of seven
/// breaks and ≲ 12 cuts of the ≲ 50 e-folds between t_min and the cap. The arrays are filled
/// and copied once per muon frame, so they are kept short.
pub(crate) const MAX_BREAKS: usize = 48;
/// Most scales passed to [`breakpoints`].
pub(crate) const MAX_SCALES: usize = 24;

/// A short ascending list of breakpoints, kept on the stack.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Breaks {
    points: [f64; MAX_BREAKS],
    len: usize,
}

impl Breaks {
    /// An empty list, to be filled by [`breakpoints_into`].
    pub fn new() -> Self {
        Breaks {
            points: [0.0; MAX_BREAKS],
            len: 0,
        }
    }

    /// The breakpoints as a slice.
    pub fn as_slice(&self) -> &[f64] {
        &self.points[..self.len]
    }

    fn push(&mut self, point: f64) {
        if self.len < MAX_BREAKS {
            self.points[self.len] = point;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Breaks {
    type Target = [f64];
    fn deref(&self) -> &[f64] {
        self.as_slice()
    }
}

/// ⌈`ratio`⌉, at least 1 (and 1 for NaN), without a call to `ceil` (a library call on the
/// baseline x86-64 instruction set, once per gap of every muon frame).
fn pieces_for(ratio: f64) -> usize {
    // Saturating: infinity becomes usize::MAX.
    let whole = ratio as usize;
    let up = if (whole as f64) < ratio {
        whole.saturating_add(1)
    } else {
        whole
    };
    up.max(1)
}

/// Sorted breakpoints: the ends plus every scale strictly inside (at most [`MAX_SCALES`]
/// are used), with gaps longer than `max_gap` cut evenly and near-duplicates dropped.
pub(crate) fn breakpoints(lo: f64, hi: f64, scales: &[f64], max_gap: f64) -> Breaks {
    let mut points = Breaks::new();
    breakpoints_into(lo, hi, scales, max_gap, &mut points);
    points
}

/// [`breakpoints`] written into `points` (its earlier content is dropped): a loop over
/// frames reuses one list instead of building and copying a new one each time.
pub(crate) fn breakpoints_into(
    lo: f64,
    hi: f64,
    scales: &[f64],
    max_gap: f64,
    points: &mut Breaks,
) {
    let mut inner = [0.0; MAX_SCALES + 1];
    let mut count = 0;
    for &s in scales {
        if s > lo && s < hi && count < MAX_SCALES {
            inner[count] = s;
            count += 1;
        }
    }
    // No NaN passed the range test, so the partial order is total here.
    inner[..count].sort_unstable_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    inner[count] = hi;
    count += 1;
    points.len = 0;
    points.push(lo);
    for (i, &next) in inner[..count].iter().enumerate() {
        let last = points.as_slice()[points.len - 1];
        let gap = next - last;
        if gap <= 1e-9 * (1.0 + next.abs()) {
            continue;
        }
        // Room left for the remaining scales and the end.
        let room = MAX_BREAKS - points.len - (count - i);
        let cuts = pieces_for(gap / max_gap).min(room + 1);
        for j in 1..cuts {
            points.push(last + gap * j as f64 / cuts as f64);
        }
        points.push(next);
    }
    let last = points.len - 1;
    points.points[last] = hi;
}

#[cfg(test)]
mod tests {
    use super::pieces_for;

    /// ⌈x⌉ as `f64::ceil` gives it, at least 1: on and between integers, below 1, and for
    /// the values a gap can take when something upstream is not finite.
    #[test]
    fn pieces_for_is_the_ceiling() {
        for i in 0..4000 {
            let ratio = f64::from(i) * 0.0125;
            let expected = ratio.ceil().max(1.0) as usize;
            assert_eq!(pieces_for(ratio), expected, "{ratio}");
            let above = f64::from_bits(ratio.to_bits() + 1);
            assert_eq!(pieces_for(above), above.ceil().max(1.0) as usize, "{above}");
        }
        assert_eq!(pieces_for(f64::NAN), 1);
        assert_eq!(pieces_for(-3.0), 1);
        assert_eq!(pieces_for(f64::INFINITY), usize::MAX);
    }
}
