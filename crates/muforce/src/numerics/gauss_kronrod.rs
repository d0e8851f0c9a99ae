//! Globally adaptive Gauss–Kronrod (7, 15) quadrature, as QUADPACK's QAG
//! (Piessens et al., *QUADPACK*, Springer 1983, routine QK15 and its error estimate).

use crate::error::{Error, Result};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Kronrod abscissae on [0, 1) for the 15-point rule (QUADPACK `xgk`).
pub(crate) const XGK: [f64; 8] = [
    0.991_455_371_120_812_639_206_854_697_526_329,
    0.949_107_912_342_758_524_526_189_684_047_851,
    0.864_864_423_359_769_072_789_712_788_640_926,
    0.741_531_185_599_394_439_863_864_773_280_788,
    0.586_087_235_467_691_130_294_144_845_693_013,
    0.405_845_151_377_397_166_906_606_412_076_961,
    0.207_784_955_007_898_467_600_689_403_773_245,
    0.0,
];
/// Kronrod weights (QUADPACK `wgk`).
pub(crate) const WGK: [f64; 8] = [
    0.022_935_322_010_529_224_963_732_008_058_970,
    0.063_092_092_629_978_553_290_700_663_189_204,
    0.104_790_010_322_250_183_839_876_322_541_518,
    0.140_653_259_715_525_918_745_189_590_510_238,
    0.169_004_726_639_267_902_826_583_426_598_550,
    0.190_350_578_064_785_409_913_256_402_421_014,
    0.204_432_940_075_298_892_414_161_999_234_649,
    0.209_482_141_084_727_828_012_999_174_891_714,
];
/// Gauss weights of the embedded 7-point rule, at `XGK[1], XGK[3], XGK[5], XGK[7]`.
pub(crate) const WG: [f64; 4] = [
    0.129_484_966_168_869_693_270_611_432_679_082,
    0.279_705_391_489_276_667_901_467_771_423_780,
    0.381_830_050_505_118_944_950_369_775_488_975,
    0.417_959_183_673_469_387_755_102_040_816_327,
];

/// Requested accuracy: the integral is accepted once the error estimate is below
/// `max(absolute, relative · |value|)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    /// Relative tolerance.
    pub relative: f64,
    /// Absolute tolerance (in the integral's units).
    pub absolute: f64,
    /// Largest number of subintervals before giving up.
    pub max_intervals: usize,
}

impl Tolerance {
    /// A purely relative tolerance with a generous interval budget.
    pub fn relative(relative: f64) -> Self {
        Tolerance {
            relative,
            absolute: 0.0,
            max_intervals: 2000,
        }
    }

    /// The same tolerance with an absolute floor added.
    #[must_use]
    pub fn with_absolute(mut self, absolute: f64) -> Self {
        self.absolute = absolute;
        self
    }

    /// The same tolerance with another interval budget.
    #[must_use]
    pub fn with_max_intervals(mut self, max_intervals: usize) -> Self {
        self.max_intervals = max_intervals;
        self
    }

    fn target(&self, value: f64) -> f64 {
        self.absolute.max(self.relative * value.abs())
    }
}

/// A definite integral with its error estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Integral {
    /// The value.
    pub value: f64,
    /// Estimated absolute error.
    pub error: f64,
    /// Number of integrand evaluations used.
    pub evaluations: usize,
}

impl Integral {
    /// Relative error estimate (0 for a vanishing integral with vanishing error).
    pub fn relative_error(&self) -> f64 {
        if self.error == 0.0 {
            0.0
        } else {
            self.error / self.value.abs()
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Panel {
    a: f64,
    b: f64,
    value: f64,
    error: f64,
}

impl PartialEq for Panel {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Panel {}
impl PartialOrd for Panel {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Panel {
    fn cmp(&self, other: &Self) -> Ordering {
        // Largest error first; ties broken by position so the order is deterministic.
        self.error
            .total_cmp(&other.error)
            .then_with(|| other.a.total_cmp(&self.a))
    }
}

fn kronrod_panel<F>(f: &mut F, a: f64, b: f64) -> Result<Panel>
where
    F: FnMut(f64) -> Result<f64>,
{
    let center = 0.5 * (a + b);
    let half = 0.5 * (b - a);
    let fc = f(center)?;
    let mut kronrod = fc * WGK[7];
    let mut gauss = fc * WG[3];
    let mut abs_sum = kronrod.abs();
    let mut values = [(0.0, 0.0); 7];
    for (j, value) in values.iter_mut().enumerate() {
        let dx = half * XGK[j];
        let f1 = f(center - dx)?;
        let f2 = f(center + dx)?;
        kronrod += WGK[j] * (f1 + f2);
        abs_sum += WGK[j] * (f1.abs() + f2.abs());
        if j % 2 == 1 {
            gauss += WG[j / 2] * (f1 + f2);
        }
        *value = (f1, f2);
    }
    let mean = 0.5 * kronrod;
    let mut asc = WGK[7] * (fc - mean).abs();
    for (j, (f1, f2)) in values.iter().enumerate() {
        asc += WGK[j] * ((f1 - mean).abs() + (f2 - mean).abs());
    }
    let value = kronrod * half;
    let asc = asc * half.abs();
    let abs_sum = abs_sum * half.abs();
    let mut error = ((kronrod - gauss) * half).abs();
    if asc != 0.0 && error != 0.0 {
        error = asc * (200.0 * error / asc).powf(1.5).min(1.0);
    }
    if abs_sum > f64::MIN_POSITIVE / (50.0 * f64::EPSILON) {
        error = error.max(50.0 * f64::EPSILON * abs_sum);
    }
    if !value.is_finite() || !error.is_finite() {
        return Err(Error::out_of_range(
            "integrand",
            value,
            format!("must be finite on [{a}, {b}]"),
        ));
    }
    Ok(Panel { a, b, value, error })
}

/// Integrates a fallible `f` over [a, b] adaptively.
///
/// Errors from `f` propagate; an integral that misses `tol` within its interval budget is an
/// [`Error::NotConverged`] naming `what`.
pub fn try_integrate<F>(what: &str, mut f: F, a: f64, b: f64, tol: Tolerance) -> Result<Integral>
where
    F: FnMut(f64) -> Result<f64>,
{
    if !(a.is_finite() && b.is_finite()) {
        return Err(Error::out_of_range(
            format!("{what} integration limits"),
            format!("[{a}, {b}]"),
            "must be finite",
        ));
    }
    if a == b {
        return Ok(Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        });
    }
    let first = kronrod_panel(&mut f, a, b)?;
    let mut evaluations = 15;
    let mut value = first.value;
    let mut error = first.error;
    let mut heap = BinaryHeap::new();
    heap.push(first);
    while error > tol.target(value) {
        if heap.len() >= tol.max_intervals {
            return Err(Error::NotConverged {
                what: what.to_string(),
                achieved: error / value.abs(),
                requested: tol.relative,
            });
        }
        let Some(worst) = heap.pop() else { break };
        let mid = 0.5 * (worst.a + worst.b);
        if mid <= worst.a.min(worst.b) || mid >= worst.a.max(worst.b) {
            // The interval cannot be split further in double precision.
            return Err(Error::NotConverged {
                what: what.to_string(),
                achieved: error / value.abs(),
                requested: tol.relative,
            });
        }
        let left = kronrod_panel(&mut f, worst.a, mid)?;
        let right = kronrod_panel(&mut f, mid, worst.b)?;
        evaluations += 30;
        value += left.value + right.value - worst.value;
        error += left.error + right.error - worst.error;
        heap.push(left);
        heap.push(right);
        // Re-sum occasionally to stop round-off drift in the running totals.
        if heap.len() % 64 == 0 {
            let mut panels: Vec<_> = heap.iter().copied().collect();
            panels.sort_by(|p, q| p.a.total_cmp(&q.a));
            value = panels.iter().map(|p| p.value).sum();
            error = panels.iter().map(|p| p.error).sum();
        }
    }
    Ok(Integral {
        value,
        error,
        evaluations,
    })
}

/// Integrates an infallible `f` over [a, b] adaptively; see [`try_integrate`].
pub fn integrate<F>(what: &str, mut f: F, a: f64, b: f64, tol: Tolerance) -> Result<Integral>
where
    F: FnMut(f64) -> f64,
{
    try_integrate(what, |x| Ok(f(x)), a, b, tol)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A single K15 panel is exact for polynomials up to degree 23.
    #[test]
    fn exact_for_polynomials() {
        let r = integrate(
            "poly",
            |x| x.powi(22) + 3.0 * x.powi(7),
            0.0,
            1.0,
            Tolerance::relative(1e-12),
        )
        .unwrap();
        assert!((r.value - (1.0 / 23.0 + 3.0 / 8.0)).abs() < 1e-14);
    }

    /// Analytic integrals with peaks and endpoint behaviour.
    #[test]
    fn analytic_integrals() {
        // ∫_0^1 dx / (x² + ε²) = atan(1/ε)/ε.
        let eps = 1e-4;
        let r = integrate(
            "lorentz",
            |x| 1.0 / (x * x + eps * eps),
            0.0,
            1.0,
            Tolerance::relative(1e-10),
        )
        .unwrap();
        let exact = (1.0 / eps).atan() / eps;
        assert!((r.value / exact - 1.0).abs() < 1e-9, "{r:?}");
        assert!(r.error < 1e-10 * exact);
        // ∫_0^1 ln x dx = -1 (integrable endpoint singularity).
        let r = integrate("log", f64::ln, 0.0, 1.0, Tolerance::relative(1e-10)).unwrap();
        assert!((r.value + 1.0).abs() < 1e-9);
        // Reversed limits change the sign.
        let r = integrate("rev", f64::exp, 1.0, 0.0, Tolerance::relative(1e-12)).unwrap();
        assert!((r.value + (1f64.exp() - 1.0)).abs() < 1e-12);
    }

    #[test]
    fn failure_to_converge_is_an_error() {
        let tol = Tolerance::relative(1e-12).with_max_intervals(4);
        let r = integrate("spiky", |x| (1.0 / x).sin() / x, 1e-6, 1.0, tol);
        assert!(matches!(r, Err(Error::NotConverged { .. })), "{r:?}");
    }

    #[test]
    fn non_finite_integrand_is_an_error() {
        let r = integrate("pole", |x| 1.0 / x, 0.0, 1.0, Tolerance::relative(1e-8));
        assert!(r.is_err());
    }
}
