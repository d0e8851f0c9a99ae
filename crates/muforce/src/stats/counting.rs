//! Poisson upper limits for counting experiments: classical (known background) and the
//! Cousins–Highland hybrid with log-normal uncertainties on the background and the signal
//! efficiency.

use crate::error::{within, Error, Result};
use crate::numerics::{brent, try_integrate, Integral, Tolerance};
use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::gamma::checked_gamma_ur;

/// Upper limit on the mean signal count when no event is seen and no background is expected:
/// s = −ln(1 − CL), i.e. 2.30 events at 90 % CL and 3.00 at 95 % CL (PDG Review "Statistics",
/// §40.4.1, Table 40.3).
///
/// ```
/// use muforce::stats::zero_background_limit;
/// assert!((zero_background_limit(0.95)? - 2.996).abs() < 5e-4);
/// assert!((zero_background_limit(0.90)? - 2.303).abs() < 5e-4);
/// let err = zero_background_limit(1.5).unwrap_err().to_string();
/// assert!(err.starts_with("confidence level = 1.5"), "{err}");
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn zero_background_limit(cl: f64) -> Result<f64> {
    within("confidence level", cl, 1e-12, 1.0 - 1e-12)?;
    Ok(-(-cl).ln_1p())
}

/// Classical (Neyman) upper limit on the signal mean for `observed` events over a known
/// background `background`: s_up = ½ F⁻¹_{χ²}(CL; 2(n+1)) − b (PDG Review "Statistics",
/// Eq. 40.76), floored at 0. With n = 0 and b = 0 this is [`zero_background_limit`].
/// `observed` may be at most [`MAX_CLASSICAL_COUNT`].
///
/// PDG Review "Statistics", Table 40.3 (b = 0): one observed event gives 3.89 (90 % CL) and
/// 4.74 (95 % CL), three give 6.68 and 7.75. A known background lowers the limit by b until
/// the floor at zero.
///
/// ```
/// use muforce::stats::poisson_upper_limit;
/// for (n, cl, table) in [(1, 0.90, 3.89), (1, 0.95, 4.74), (3, 0.90, 6.68), (3, 0.95, 7.75)] {
///     let s = poisson_upper_limit(n, 0.0, cl)?;
///     assert!((s - table).abs() < 5e-3, "n = {n}, CL = {cl}: {s}");
/// }
/// let with_b = poisson_upper_limit(3, 1.5, 0.90)?;
/// assert!((with_b - (poisson_upper_limit(3, 0.0, 0.90)? - 1.5)).abs() < 1e-12);
/// assert_eq!(poisson_upper_limit(0, 5.0, 0.90)?, 0.0);
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn poisson_upper_limit(observed: u64, background: f64, cl: f64) -> Result<f64> {
    within("confidence level", cl, 1e-12, 1.0 - 1e-12)?;
    within("background", background, 0.0, f64::MAX)?;
    within("observed", observed as f64, 0.0, MAX_CLASSICAL_COUNT)?;
    Ok((total_mean_limit(observed, cl)? - background).max(0.0))
}

/// Largest observed count of [`poisson_upper_limit`] (the Poisson CDF costs O(√n)).
pub const MAX_CLASSICAL_COUNT: f64 = 1e9;

/// μ_up with P(N ≤ n | μ_up) = 1 − CL: −ln(1 − CL) for n = 0; otherwise statrs's χ² quantile
/// when it solves this to 10⁻⁸ (1 − CL), else Brent's method on the Poisson CDF (statrs's
/// inverse takes 8 bisection and 4 Newton steps: it is up to 10 % off in 1 − CL for
/// n ≈ 125–160 and returns 0 from n ≈ 2·10⁷).
fn total_mean_limit(observed: u64, cl: f64) -> Result<f64> {
    if observed == 0 {
        return zero_background_limit(cl);
    }
    let alpha = 1.0 - cl;
    let dof = 2.0 * (observed as f64 + 1.0);
    let chi2 = ChiSquared::new(dof)
        .map_err(|e| crate::Error::out_of_range("observed", observed, e.to_string()))?;
    let excess = |mu: f64| Ok(poisson_cdf(observed, mu)? - alpha);
    let quantile = 0.5 * chi2.inverse_cdf(cl);
    if quantile.is_finite() && quantile > 0.0 && excess(quantile)?.abs() <= 1e-8 * alpha {
        return Ok(quantile);
    }
    let (mut lo, mut hi) = (0.0, observed as f64 + 1.0);
    while excess(hi)? > 0.0 {
        lo = hi;
        hi *= 2.0;
    }
    brent("classical Poisson upper limit", excess, lo, hi, 1e-13 * hi)
}

/// Largest observed count (and background) the hybrid limit accepts: the Poisson CDF costs
/// O(√n) per evaluation and the limit needs ~10⁴–10⁵ of them; far above this the binned
/// asymptotic likelihood (`BinnedLikelihood`) is the tool.
pub const MAX_HYBRID_COUNT: f64 = 1e6;

/// The unit-normal nuisance integrals run over |z| ≤ 10; the left-out probability 2Φ(−10) is
/// added to the error estimate.
const Z_MAX: f64 = 10.0;
const Z_TAIL: f64 = 1.523_970_604_832_105e-23;

/// Checks the inputs shared by the hybrid limit and its bands; the messages name the field.
pub(super) fn check_hybrid_inputs(
    background: f64,
    background_rel_uncertainty: f64,
    signal_rel_uncertainty: f64,
    cl: f64,
) -> Result<()> {
    within("confidence level", cl, 1e-12, 1.0 - 1e-12)?;
    within("background", background, 0.0, f64::MAX)?;
    for (field, value) in [
        ("background_rel_uncertainty", background_rel_uncertainty),
        ("signal_rel_uncertainty", signal_rel_uncertainty),
    ] {
        within(field, value, 0.0, super::MAX_REL_UNCERTAINTY)?;
    }
    Ok(())
}

/// The log-normal smearing of the hybrid: ε = exp(w_s z_s), b′ = b exp(w_b z_b) with z unit
/// normal and w = ln(1 + σ).
#[derive(Debug, Clone, Copy)]
pub(super) struct Smearing {
    pub background: f64,
    pub background_width: f64,
    pub signal_width: f64,
}

impl Smearing {
    pub(super) fn new(
        background: f64,
        background_rel_uncertainty: f64,
        signal_rel_uncertainty: f64,
    ) -> Self {
        Smearing {
            background,
            background_width: background_rel_uncertainty.ln_1p(),
            signal_width: signal_rel_uncertainty.ln_1p(),
        }
    }

    /// P(N ≤ n | s) averaged over ε and b′ (Cousins–Highland, NIM A 320 (1992) 331,
    /// with the log-normal priors of [`poisson_upper_limit_with_uncertainties`]), by adaptive
    /// Gauss–Kronrod over the unit-normal variables. `scale` is the size of the probabilities
    /// that matter (1 − CL): the absolute accuracy is 10⁻¹¹·scale on top of 10⁻⁹ relative.
    pub(super) fn cdf(&self, observed: u64, signal: f64, scale: f64) -> Result<Integral> {
        let smeared_background = self.background > 0.0 && self.background_width > 0.0;
        let outer_tol = Tolerance::relative(1e-9).with_absolute(1e-11 * scale);
        let inner_tol = Tolerance::relative(1e-11).with_absolute(1e-13 * scale);
        let inner = |background: f64| self.signal_average(observed, signal, background, inner_tol);
        if !smeared_background {
            return inner(self.background);
        }
        let w = self.background_width;
        // The outer integrand falls from ~1 to ~0 where b′ ≈ n + 1: split there.
        let knee = breakpoint(observed as f64 + 1.0, self.background, w);
        // The inner integrals' errors enter with weight ∫φ ≤ 1: add the largest.
        let mut inner_error: f64 = 0.0;
        let mut inner_evaluations = 0;
        let mut total = normal_average(
            "hybrid Poisson probability (background average)",
            knee,
            outer_tol,
            |z| {
                let g = inner(self.background * (w * z).exp())?;
                inner_error = inner_error.max(g.error);
                inner_evaluations += g.evaluations;
                Ok(g.value)
            },
        )?;
        total.error += inner_error;
        total.evaluations += inner_evaluations;
        Ok(total)
    }

    /// P(N ≤ n | ε s + b′) averaged over the signal efficiency ε at fixed b′.
    fn signal_average(
        &self,
        observed: u64,
        signal: f64,
        background: f64,
        tol: Tolerance,
    ) -> Result<Integral> {
        let w = self.signal_width;
        if signal == 0.0 || w == 0.0 {
            return Ok(Integral {
                value: poisson_cdf(observed, signal + background)?,
                error: 0.0,
                evaluations: 1,
            });
        }
        let knee = breakpoint(observed as f64 + 1.0 - background, signal, w);
        normal_average(
            "hybrid Poisson probability (signal average)",
            knee,
            tol,
            |z| poisson_cdf(observed, signal * (w * z).exp() + background),
        )
    }
}

/// ∫ φ(z) f(z) dz over |z| ≤ 10 (φ the unit normal density), split at `knee` where f drops,
/// by adaptive Gauss–Kronrod; the error estimate includes the truncated tails (`Z_TAIL`).
fn normal_average(
    what: &str,
    knee: f64,
    tol: Tolerance,
    mut f: impl FnMut(f64) -> Result<f64>,
) -> Result<Integral> {
    let mut total = Integral {
        value: 0.0,
        error: Z_TAIL,
        evaluations: 0,
    };
    for (a, b) in [(-Z_MAX, knee), (knee, Z_MAX)] {
        let piece = try_integrate(what, |z| Ok(normal_density(z) * f(z)?), a, b, tol)?;
        total.value += piece.value;
        total.error += piece.error;
        total.evaluations += piece.evaluations;
    }
    Ok(total)
}

/// The z in [−10, 10] where `scale`·exp(w z) = `target` (clamped; 0 when there is none).
fn breakpoint(target: f64, scale: f64, width: f64) -> f64 {
    if target > 0.0 && scale > 0.0 && width > 0.0 {
        ((target / scale).ln() / width).clamp(-Z_MAX, Z_MAX)
    } else {
        0.0
    }
}

fn normal_density(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// P(N ≤ n) for N ~ Poisson(mean): the regularised upper incomplete gamma Q(n + 1, mean)
/// (DLMF §8.4: Γ(n + 1, μ)/n! = e^{−μ} Σ_{k≤n} μᵏ/k!).
pub(super) fn poisson_cdf(observed: u64, mean: f64) -> Result<f64> {
    if mean <= 0.0 {
        return Ok(1.0);
    }
    if mean == f64::INFINITY {
        return Ok(0.0);
    }
    checked_gamma_ur(observed as f64 + 1.0, mean)
        .map_err(|e| Error::out_of_range("Poisson mean", mean, e.to_string()))
}

/// Upper limit on the signal s (in units of the nominal signal: the expected count is
/// ε·s + b′) for `observed` events, with systematic uncertainties by the Cousins–Highland
/// hybrid method (R. D. Cousins, V. L. Highland, Nucl. Instrum. Meth. A 320 (1992) 331):
/// the Neyman condition P(N ≤ n | s) = 1 − CL with the Poisson CDF averaged over
/// the background b′ and the signal efficiency factor ε.
///
/// Both are log-normal: ε = (1 + σ_s)^{z_s} (median 1) and b′ = b (1 + σ_b)^{z_b} (median b)
/// with z unit normal, i.e. width ln(1 + σ). They stay positive, and this is HistFactory's /
/// pyhf's `normsys` with exponential interpolation (code 1) and hi = 1 + σ, lo = 1/(1 + σ)
/// (Cranmer et al., CERN-OPEN-2012-016), the model of `Systematics`. Note that a
/// median-1 log-normal has mean (1 + σ)^{ln(1+σ)/2} > 1.
///
/// The averages are adaptive Gauss–Kronrod integrals over z (|z| ≤ 10) with error estimates;
/// the root in s is found by Brent's method to 10⁻¹⁰ of its bracket. If even s = 0 gives
/// P(N ≤ n) < 1 − CL the limit is 0, as the classical limit's floor. With σ_s = 0 and σ_b = 0
/// (or b = 0) this returns [`poisson_upper_limit`] itself. With uncertainties, `observed` and
/// `background` may be at most [`MAX_HYBRID_COUNT`]; σ_s, σ_b lie in [0, 10].
pub fn poisson_upper_limit_with_uncertainties(
    observed: u64,
    background: f64,
    background_rel_uncertainty: f64,
    signal_rel_uncertainty: f64,
    cl: f64,
) -> Result<f64> {
    check_hybrid_inputs(
        background,
        background_rel_uncertainty,
        signal_rel_uncertainty,
        cl,
    )?;
    if signal_rel_uncertainty == 0.0 && (background_rel_uncertainty == 0.0 || background == 0.0) {
        return poisson_upper_limit(observed, background, cl);
    }
    within("background", background, 0.0, MAX_HYBRID_COUNT)?;
    within("observed", observed as f64, 0.0, MAX_HYBRID_COUNT)?;
    let alpha = 1.0 - cl;
    let smearing = Smearing::new(
        background,
        background_rel_uncertainty,
        signal_rel_uncertainty,
    );
    let excess = |s: f64| Ok(smearing.cdf(observed, s, alpha)?.value - alpha);
    if excess(0.0)? <= 0.0 {
        return Ok(0.0);
    }
    // Bracket: start at the classical limit on the total mean and widen by 4.
    let mut lo = 0.0;
    let mut hi = poisson_upper_limit(observed, 0.0, cl)?.max(1.0);
    while excess(hi)? > 0.0 {
        lo = hi;
        hi *= 4.0;
        if hi > 1e30 {
            return Err(Error::out_of_range(
                "observed",
                observed,
                "gives no hybrid upper limit below 1e30 signal events",
            ));
        }
    }
    brent("hybrid upper limit", excess, lo, hi, 1e-10 * hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Composite Simpson rule with `panels` (even) panels: an independent check of the
    /// Gauss–Kronrod averages.
    fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64, panels: usize) -> f64 {
        let h = (b - a) / panels as f64;
        let inner: f64 = (1..panels)
            .map(|i| f(a + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 })
            .sum();
        (f(a) + f(b) + inner) * h / 3.0
    }

    /// Log-normal average E[g(median·(1+σ)^z)] over a unit-normal z, by Simpson on |z| ≤ 10.
    fn log_normal_average(g: impl Fn(f64) -> f64, median: f64, sigma: f64) -> f64 {
        let w = sigma.ln_1p();
        simpson(
            |z| normal_density(z) * g(median * (w * z).exp()),
            -10.0,
            10.0,
            4000,
        )
    }

    /// PDG Review "Statistics", Table 40.3: upper limits for n = 0, 1, 2 with b = 0:
    /// 90 %: 2.30, 3.89, 5.32; 95 %: 3.00, 4.74, 6.30.
    #[test]
    fn pdg_table() {
        // −ln(0.1) = ln 10 exactly.
        assert!((zero_background_limit(0.90).unwrap() - std::f64::consts::LN_10).abs() < 1e-12);
        assert!((zero_background_limit(0.95).unwrap() - 2.995_732).abs() < 1e-6);
        for (n, l90, l95) in [(0, 2.30, 3.00), (1, 3.89, 4.74), (2, 5.32, 6.30)] {
            assert!(
                (poisson_upper_limit(n, 0.0, 0.90).unwrap() - l90).abs() < 0.006,
                "{n}"
            );
            assert!(
                (poisson_upper_limit(n, 0.0, 0.95).unwrap() - l95).abs() < 0.006,
                "{n}"
            );
        }
        assert!(zero_background_limit(1.0).is_err());
        assert!(poisson_upper_limit(0, -1.0, 0.9).is_err());
    }

    /// The classical limit solves its defining Neyman condition P(N ≤ n | μ_up) = 1 − CL
    /// (PDG Review "Statistics", Eq. 40.76), with P the Poisson sum Σ_{k≤n} e^{−μ}μᵏ/k! summed
    /// here term by term. statrs's χ² quantile alone misses it by up to 10 % in 1 − CL for
    /// n ≈ 125–160 (e.g. n = 127, CL 95 %: 146.714 instead of 147.160334442153, which is
    /// scipy 1.17 `chi2.ppf(0.95, 256) / 2`) and returns 0 from n ≈ 2·10⁷.
    #[test]
    fn classical_limit_solves_the_neyman_condition() {
        let poisson_sum = |n: u64, mu: f64| {
            let (mut term, mut sum) = ((-mu).exp(), 0.0);
            for k in 0..=n {
                sum += term;
                term *= mu / (k as f64 + 1.0);
            }
            sum
        };
        for n in (0..200).chain([400, 600]) {
            for cl in [0.68, 0.9, 0.95, 0.99] {
                let mu = poisson_upper_limit(n, 0.0, cl).unwrap();
                let p = poisson_sum(n, mu);
                assert!(
                    (p / (1.0 - cl) - 1.0).abs() < 1e-7,
                    "n {n}, CL {cl}: P = {p} at mu = {mu}"
                );
            }
        }
        let mu = poisson_upper_limit(127, 0.0, 0.95).unwrap();
        assert!((mu - 147.160_334_442_153).abs() < 1e-9, "{mu}");
        // Large counts: μ_up ≈ n + 1 + z √(n+1) to O(1) (normal limit).
        let n = 100_000_000;
        let mu = poisson_upper_limit(n, 0.0, 0.9).unwrap();
        let normal = n as f64 + 1.0 + 1.281_551_565_5 * (n as f64).sqrt();
        assert!((mu - normal).abs() < 2.0, "{mu} vs {normal}");
        let err = poisson_upper_limit(u64::MAX, 0.0, 0.9)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("observed = "), "{err}");
    }

    /// With both uncertainties zero the hybrid is the classical limit, bit for bit (the
    /// Cousins–Highland average over a point distribution); σ_b is irrelevant for b = 0; a
    /// tiny uncertainty is continuous with it.
    #[test]
    fn zero_uncertainties_are_the_classical_limit() {
        for n in [0, 1, 2, 3, 7, 20, 140] {
            for b in [0.0, 0.4, 3.2, 10.0, 250.0] {
                for cl in [0.9, 0.95] {
                    let classical = poisson_upper_limit(n, b, cl).unwrap();
                    let hybrid = poisson_upper_limit_with_uncertainties(n, b, 0.0, 0.0, cl);
                    assert_eq!(hybrid.unwrap().to_bits(), classical.to_bits(), "{n} {b}");
                }
            }
            let classical = poisson_upper_limit(n, 0.0, 0.9).unwrap();
            let hybrid = poisson_upper_limit_with_uncertainties(n, 0.0, 0.7, 0.0, 0.9).unwrap();
            assert_eq!(hybrid.to_bits(), classical.to_bits());
            let tiny = poisson_upper_limit_with_uncertainties(n, 3.2, 1e-6, 1e-6, 0.9).unwrap();
            let classical = poisson_upper_limit(n, 3.2, 0.9).unwrap();
            assert!((tiny - classical).abs() < 1e-6 * classical.max(1.0), "{n}");
        }
    }

    /// Cousins & Highland (NIM A 320 (1992) 331): for n = 0, b = 0 and a small relative
    /// spread σ_r of the signal efficiency ε about its mean m, expanding the averaged Poisson
    /// probability to second order gives s_up ≈ (s₀/m)(1 + s₀σ_r²/2), s₀ = ln 10 at 90 % CL
    /// (for a mean-1 Gaussian ε, E[e^{−εs}] = e^{−s+s²σ²/2} and this is its first order). Our
    /// median-1 log-normal with w = ln(1 + σ) has m = e^{w²/2} and σ_r² = e^{w²} − 1. The
    /// neglected terms are O(x²) relatively, x = s₀σ_r² (for a Gaussian ε the next term is
    /// +x²/2, the log-normal's third cumulant adds −x²/2), so the tolerance is x² = 3·10⁻⁵ at
    /// σ = 0.05 and 4·10⁻⁴ at σ = 0.1, against a CH correction x/2 of 0.27 % and 1.05 %; the
    /// agreement found is 5·10⁻⁹ and 3·10⁻⁷. (The nominal σ put into s₀(1 + s₀σ²/2), i.e. a
    /// mean-1 efficiency of spread σ, gives 2.3092 and 2.3291: 0.13 % and 0.56 % above our
    /// median-1 log-normal, whose mean is above 1.)
    #[test]
    fn small_signal_uncertainty_follows_cousins_highland() {
        let s0 = std::f64::consts::LN_10;
        for sigma in [0.05, 0.1] {
            let s = poisson_upper_limit_with_uncertainties(0, 0.0, 0.0, sigma, 0.9).unwrap();
            let w = f64::ln_1p(sigma);
            let mean = (0.5 * w * w).exp();
            let rel_var = (w * w).exp_m1();
            let x = s0 * rel_var;
            let cousins_highland = s0 / mean * (1.0 + 0.5 * x);
            assert!(
                (s / cousins_highland - 1.0).abs() < x * x,
                "sigma {sigma}: {s} vs {cousins_highland}"
            );
            assert!(
                s > s0 && (s / s0 - 1.0) > 0.2 * x,
                "{s}: the correction must show"
            );
        }
    }

    /// Exact n = 0 identities: P(0 | s) = E[e^{−εs}] E[e^{−b′}], so with a background
    /// uncertainty only s_up = ln(E[e^{−b′}]/(1 − CL)) and with b = 0 E[e^{−ε s_up}] = 1 − CL
    /// (Cousins & Highland's average of the Poisson probability, NIM A 320 (1992) 331). The
    /// expectations are taken by composite Simpson, the root by bisection, independently of
    /// the Gauss–Kronrod and Brent code.
    #[test]
    fn zero_count_identities_by_simpson() {
        let alpha: f64 = 0.1;
        for (b, sigma) in [(0.5, 0.2), (1.0, 0.5), (1.5, 1.0), (0.3, 3.0)] {
            let e = log_normal_average(|b| (-b).exp(), b, sigma);
            let expected = (e / alpha).ln();
            let s = poisson_upper_limit_with_uncertainties(0, b, sigma, 0.0, 0.9).unwrap();
            assert!(
                (s - expected).abs() < 1e-8 * expected,
                "{b} {sigma}: {s} vs {expected}"
            );
        }
        for sigma in [0.5, 2.0] {
            let (mut lo, mut hi) = (0.0, 1e4);
            for _ in 0..100 {
                let mid = 0.5 * (lo + hi);
                if log_normal_average(|eps| (-eps * mid).exp(), 1.0, sigma) > alpha {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let s = poisson_upper_limit_with_uncertainties(0, 0.0, 0.0, sigma, 0.9).unwrap();
            assert!((s / lo - 1.0).abs() < 1e-8, "{sigma}: {s} vs {lo}");
        }
    }

    /// The doubly averaged CDF (both uncertainties) against a 2-d product Simpson rule, and
    /// its error estimate within the requested accuracy (Cousins–Highland average, NIM A 320
    /// (1992) 331).
    #[test]
    fn averaged_cdf_matches_a_product_simpson_rule() {
        let (n, s, b) = (3, 2.0, 1.5);
        let smearing = Smearing::new(b, 0.3, 0.2);
        let got = smearing.cdf(n, s, 0.1).unwrap();
        let (wb, ws) = (f64::ln_1p(0.3), f64::ln_1p(0.2));
        let inner = |zb: f64| {
            simpson(
                |zs| {
                    let mean = s * (ws * zs).exp() + b * (wb * zb).exp();
                    normal_density(zs) * poisson_cdf(n, mean).unwrap()
                },
                -10.0,
                10.0,
                800,
            )
        };
        let expected = simpson(|zb| normal_density(zb) * inner(zb), -10.0, 10.0, 800);
        assert!((got.value - expected).abs() < 1e-9, "{got:?} vs {expected}");
        assert!(got.error < 1e-9 * got.value, "{got:?}");
    }

    /// Cousins & Highland (NIM A 320 (1992) 331): an uncertainty on the background (or the
    /// efficiency) weakens the limit, more so the larger it is.
    #[test]
    fn uncertainties_weaken_the_limit_monotonically() {
        let sigmas = [0.0, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0];
        for n in [0, 1, 2, 3, 5, 8] {
            let limits: Vec<f64> = sigmas
                .iter()
                .map(|&sb| poisson_upper_limit_with_uncertainties(n, 3.2, sb, 0.0, 0.9).unwrap())
                .collect();
            for pair in limits.windows(2) {
                assert!(pair[1] > pair[0] || pair[1] == 0.0, "n = {n}: {limits:?}");
            }
        }
        let limits: Vec<f64> = sigmas
            .iter()
            .map(|&ss| poisson_upper_limit_with_uncertainties(3, 3.2, 0.0, ss, 0.9).unwrap())
            .collect();
        assert!(limits.windows(2).all(|p| p[1] > p[0]), "{limits:?}");
    }

    /// Against an independent implementation: scipy 1.17.1, `integrate.quad` over the unit
    /// normal(s) of `special.gammaincc(n + 1, ε s + b′)` with the same log-normal priors
    /// (|z| ≤ 10, epsrel 10⁻¹¹–10⁻¹²) and `optimize.brentq` for s.
    #[test]
    fn matches_scipy_reference_values() {
        for (n, b, sb, ss, cl, scipy) in [
            (5, 3.2, 0.3, 0.2, 0.9, 6.305_277_041_657_457),
            (3, 3.2, 0.2, 0.1, 0.9, 3.535_038_105_127_628),
            (1, 3.2, 1.0, 0.0, 0.9, 1.300_188_626_680_099),
            (7, 3.2, 0.3, 0.1, 0.95, 10.164_753_914_007_83),
            (0, 0.0, 0.0, 0.1, 0.9, 2.316_231_184_360_333),
        ] {
            let s = poisson_upper_limit_with_uncertainties(n, b, sb, ss, cl).unwrap();
            assert!(
                (s / scipy - 1.0).abs() < 1e-9,
                "{n} {b} {sb} {ss}: {s} vs {scipy}"
            );
        }
    }

    /// Bad input: errors name the field and the allowed range; no panics, no NaN.
    #[test]
    fn bad_input_names_the_field() {
        let limit = poisson_upper_limit_with_uncertainties;
        for bad in [-0.1, 10.5, f64::NAN, f64::INFINITY] {
            let err = limit(1, 1.0, bad, 0.1, 0.9).unwrap_err().to_string();
            assert!(err.starts_with("background_rel_uncertainty = "), "{err}");
            assert!(err.contains("[0, 10]"), "{err}");
            let err = limit(1, 1.0, 0.1, bad, 0.9).unwrap_err().to_string();
            assert!(err.starts_with("signal_rel_uncertainty = "), "{err}");
        }
        for bad in [-1.0, f64::NAN, f64::NEG_INFINITY] {
            let err = limit(1, bad, 0.1, 0.1, 0.9).unwrap_err().to_string();
            assert!(err.starts_with("background = "), "{err}");
        }
        for bad in [0.0, 1.0, 1.5, f64::NAN] {
            let err = limit(1, 1.0, 0.1, 0.1, bad).unwrap_err().to_string();
            assert!(err.starts_with("confidence level = "), "{err}");
        }
        let err = limit(2_000_000, 1.0, 0.1, 0.0, 0.9)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("observed = "), "{err}");
        let err = limit(2, 2e6, 0.1, 0.0, 0.9).unwrap_err().to_string();
        assert!(err.starts_with("background = "), "{err}");
        // Extreme but allowed: finite limits >= 0.
        for (n, b, sb, ss, cl) in [
            (0, 0.0, 0.0, 10.0, 1.0 - 1e-12),
            (50, 1e-9, 10.0, 10.0, 1e-12),
            (1000, 999.0, 10.0, 0.0, 0.5),
        ] {
            let l = limit(n, b, sb, ss, cl).unwrap();
            assert!(l.is_finite() && l >= 0.0, "{l}");
        }
    }
}
