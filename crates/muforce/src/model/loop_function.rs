//! The fermion-loop amplitudes of a spin-0 X → γγ.
//!
//! With τ = 4 m_ℓ²/m_X² the scalar amplitude is A_S(τ) = τ [1 + (1 − τ) f(τ)] (CPZ Eq. 5–6,
//! arXiv:1701.07437) and the pseudoscalar one A_P(τ) = τ f(τ). In Djouadi's notation
//! (τ_D = 1/τ) these are A^H_{1/2}/2 = τ [1 + (1 − τ) f] (Phys. Rept. 457 (2008) 1, the
//! H → γγ form factor) and A^A_{1/2}/2 = f/τ_D (Phys. Rept. 459 (2008) 1, the A → γγ form
//! factor), with the same normalisation; see also Gunion, Haber, Kane, Dawson, *The Higgs Hunter's Guide*,
//! ch. 2. Heavy-lepton limits (τ → ∞): A_S → 2/3, A_P → 1.

use num_complex::Complex64;
use std::f64::consts::PI;

/// Above this τ the amplitudes are summed as power series in 1/τ (no cancellations).
const SERIES_FROM_TAU: f64 = 4.0;

/// f(τ) of CPZ Eq. (6): arcsin²(τ^{-1/2}) for τ ≥ 1,
/// −¼ [ln((1 + √(1−τ))/(1 − √(1−τ))) − iπ]² for τ < 1. Requires τ > 0.
pub fn f_tau(tau: f64) -> Complex64 {
    if tau >= 1.0 {
        Complex64::new((1.0 / tau.sqrt()).asin().powi(2), 0.0)
    } else {
        let s = (1.0 - tau).sqrt();
        // (1 + s)/(1 − s) = (1 + s)²/τ, without the cancellation in 1 − s.
        let log = 2.0 * s.ln_1p() - tau.ln();
        -0.25 * Complex64::new(log, -PI).powi(2)
    }
}

/// Coefficients c_n of arcsin²(√u) = Σ_{n≥1} c_n uⁿ, c_n = 2^{2n−1}/(n² C(2n, n)).
fn arcsin2_coefficients() -> impl Iterator<Item = f64> {
    // a_n = 4ⁿ/C(2n, n): a_1 = 2, a_{n+1} = a_n · 2(n + 1)/(2n + 1).
    (1..).scan(2.0_f64, |a, n: i32| {
        let n = f64::from(n);
        let c = *a / (2.0 * n * n);
        *a *= 2.0 * (n + 1.0) / (2.0 * n + 1.0);
        Some(c)
    })
}

/// Sums Σ_k w_k u^k with w_k taken from `coefficient(k)` until the terms are negligible.
fn series(u: f64, coefficient: impl Fn(&[f64], usize) -> f64) -> f64 {
    let c: Vec<f64> = arcsin2_coefficients().take(80).collect();
    let mut sum = 0.0;
    let mut power = 1.0;
    for k in 0..78 {
        let term = coefficient(&c, k) * power;
        sum += term;
        if term.abs() < 1e-17 * sum.abs() {
            break;
        }
        power *= u;
    }
    sum
}

/// Scalar loop amplitude A_S(τ) = τ [1 + (1 − τ) f(τ)] (CPZ Eq. 5). Requires τ > 0.
///
/// For a lepton much heavier than X (τ → ∞) the loop decouples to the low-energy-theorem
/// values A_S → 2/3 and A_P → 1 (Djouadi, Phys. Rept. 457 (2008) 1 and 459 (2008) 1; the Higgs
/// Hunter's Guide, ch. 2); at threshold τ = 1, f = arcsin²(1) = π²/4; below threshold the
/// amplitude has an absorptive part.
///
/// ```
/// use muforce::model::{f_tau, pseudoscalar_amplitude, scalar_amplitude};
/// use std::f64::consts::PI;
/// assert!((scalar_amplitude(1e6).re - 2.0 / 3.0).abs() < 1e-6);
/// assert!((pseudoscalar_amplitude(1e6).re - 1.0).abs() < 1e-6);
/// assert!((f_tau(1.0).re - PI * PI / 4.0).abs() < 1e-12);
/// assert!(scalar_amplitude(0.5).im.abs() > 0.0 && scalar_amplitude(2.0).im == 0.0);
/// ```
pub fn scalar_amplitude(tau: f64) -> Complex64 {
    if tau > SERIES_FROM_TAU {
        // τ [1 + (1 − τ) f] = Σ_k (c_{k+1} − c_{k+2}) τ^{−k}: the O(τ) terms cancel exactly.
        Complex64::new(series(1.0 / tau, |c, k| c[k] - c[k + 1]), 0.0)
    } else {
        tau * (1.0 + (1.0 - tau) * f_tau(tau))
    }
}

/// Pseudoscalar loop amplitude A_P(τ) = τ f(τ) (Djouadi, Phys. Rept. 459 (2008) 1,
/// A^A_{1/2} = 2 f/τ_D; The Higgs Hunter's Guide, ch. 2). Requires τ > 0.
pub fn pseudoscalar_amplitude(tau: f64) -> Complex64 {
    if tau > SERIES_FROM_TAU {
        Complex64::new(series(1.0 / tau, |c, k| c[k]), 0.0)
    } else {
        tau * f_tau(tau)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// REFERENCE §4.1 / CPZ: heavy-lepton limit τ[1 + (1−τ)f] → 2/3; pseudoscalar τ f → 1
    /// (Djouadi, Phys. Rept. 459 (2008) 1: A^A_{1/2} → 2 for heavy fermions).
    #[test]
    fn heavy_lepton_limits() {
        for tau in [1e3, 1e6, 1e12, 1e20] {
            assert!((scalar_amplitude(tau).re - 2.0 / 3.0).abs() < (1.0 / tau).max(1e-15));
            assert!((pseudoscalar_amplitude(tau).re - 1.0).abs() < (1.0 / tau).max(1e-15));
        }
        // Next order: A_S = 2/3 + 7/(45 τ) + …, A_P = 1 + 1/(3 τ) + … (series of arcsin²).
        let tau = 1e4;
        assert!((scalar_amplitude(tau).re - (2.0 / 3.0 + 7.0 / 45.0 / tau)).abs() < 1e-8);
        assert!((pseudoscalar_amplitude(tau).re - (1.0 + 1.0 / 3.0 / tau)).abs() < 1e-8);
    }

    /// The series branch agrees with the closed form where both are accurate, and f is
    /// continuous at τ = 1 (f(1) = π²/4).
    #[test]
    fn branches_agree() {
        for tau in [4.0001, 5.0, 8.0] {
            let closed_s = tau * (1.0 + (1.0 - tau) * f_tau(tau).re);
            let closed_p = tau * f_tau(tau).re;
            assert!((scalar_amplitude(tau).re - closed_s).abs() < 1e-12);
            assert!((pseudoscalar_amplitude(tau).re - closed_p).abs() < 1e-12);
        }
        let below = f_tau(1.0 - 1e-12);
        assert!((below.re - PI * PI / 4.0).abs() < 1e-5 && below.im.abs() < 1e-5);
        assert!((f_tau(1.0).re - PI * PI / 4.0).abs() < 1e-14);
    }

    /// Light-lepton limit (τ → 0): f → −¼ (ln(4/τ) − iπ)², so A_S ≈ τ (1 + f) → 0.
    #[test]
    fn light_lepton_limit() {
        let tau = 1e-10_f64;
        let l = (4.0 / tau).ln();
        let expected = -0.25 * Complex64::new(l, -PI).powi(2);
        assert!((f_tau(tau) - expected).norm() < 1e-8 * expected.norm());
        assert!(scalar_amplitude(tau).norm() < 1e-7);
        assert!(scalar_amplitude(tau).is_finite() && pseudoscalar_amplitude(tau).is_finite());
    }
}
