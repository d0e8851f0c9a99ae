//! One-loop contribution of X to the muon anomalous magnetic moment.
//!
//! Feynman-parameter integrals of REFERENCE §5, from Jegerlehner & Nyffeler, Phys. Rept. 477
//! (2009) 1 (one-loop exchange of a new scalar, pseudoscalar, vector or axial vector), with
//! r = m_X/m_μ and D(x) = x² + r²(1 − x):
//!
//! * scalar:       Δa = g²/(8π²) ∫₀¹ x²(2 − x)/D  (= CPZ Eq. 3, arXiv:1701.07437, with x → 1 − z)
//! * pseudoscalar: Δa = −g²/(8π²) ∫₀¹ x³/D
//! * vector:       Δa = g²/(8π²) ∫₀¹ 2x²(1 − x)/D
//! * axial vector: Δa = g²/(8π²) ∫₀¹ [−2x(1 − x)(4 − x) − 4x³/r²]/D

use super::couplings::MAX_COUPLING;
use super::mediator::check_mass;
use super::spin::Spin;
use crate::error::{Error, Result};
use crate::numerics::{integrate, Tolerance};
use crate::units::M_MU;
use serde::Serialize;
use std::f64::consts::PI;

/// Relative accuracy requested from the quadrature.
const RELATIVE_TOLERANCE: f64 = 1e-10;

/// Δa_μ with the quadrature's error estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DeltaAMu {
    /// Δa_μ.
    pub value: f64,
    /// Estimated absolute error of `value`.
    pub error: f64,
}

/// The integrand of REFERENCE §5 (without g²/(8π²)) at Feynman parameter x, given with
/// y = 1 − x (both passed so that neither has to be recovered by a cancelling subtraction),
/// r = m_X/m_μ.
fn integrand(spin: Spin, x: f64, y: f64, r: f64) -> f64 {
    let d = x * x + r * r * y;
    let numerator = match spin {
        Spin::Scalar => x * x * (1.0 + y),
        Spin::Pseudoscalar => -x * x * x,
        Spin::Vector => 2.0 * x * x * y,
        Spin::AxialVector => -2.0 * x * y * (3.0 + y) - 4.0 * x * x * x / (r * r),
    };
    numerator / d
}

/// Δa_μ per unit coupling squared (Δa_μ at g = 1) for a mediator of spin `spin` and mass
/// `mass` (GeV); Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1; REFERENCE §5.
///
/// The integrand changes scale at x ≈ r for a light X and at 1 − x ≈ 1/r² for a heavy one;
/// the integral is split there, taken in x (light) or in y = 1 − x (heavy) so that the
/// narrow region is resolved in double precision, and integrated adaptively to 1e-10
/// relative accuracy.
///
/// Analytic limits (REFERENCE §5; Jegerlehner & Nyffeler §7): for m_X ≪ m_μ the scalar gives
/// 3/(16π²) and the vector 1/(8π²); for m_X ≫ m_μ the scalar gives
/// (m_μ²/(4π² m_X²)) (ln(m_X/m_μ) − 7/12) and the vector m_μ²/(12π² m_X²).
///
/// ```
/// use muforce::model::{delta_a_mu_unit, Spin};
/// use muforce::units::M_MU;
/// use std::f64::consts::PI;
/// let rel = |got: f64, want: f64| (got / want - 1.0).abs();
/// let light = 1e-6; // GeV
/// assert!(rel(delta_a_mu_unit(Spin::Scalar, light)?.value, 3.0 / (16.0 * PI * PI)) < 1e-4);
/// assert!(rel(delta_a_mu_unit(Spin::Vector, light)?.value, 1.0 / (8.0 * PI * PI)) < 1e-4);
/// let heavy: f64 = 1000.0; // GeV
/// let r2 = (M_MU / heavy).powi(2);
/// let scalar = r2 / (4.0 * PI * PI) * ((heavy / M_MU).ln() - 7.0 / 12.0);
/// assert!(rel(delta_a_mu_unit(Spin::Scalar, heavy)?.value, scalar) < 1e-4);
/// assert!(rel(delta_a_mu_unit(Spin::Vector, heavy)?.value, r2 / (12.0 * PI * PI)) < 1e-4);
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn delta_a_mu_unit(spin: Spin, mass: f64) -> Result<DeltaAMu> {
    check_mass("mass", mass)?;
    let r = mass / M_MU;
    let heavy = r > 1.0;
    // Breaks in the integration variable t (t = x when light, t = y when heavy).
    let edge = if heavy { 1.0 / (r * r) } else { r };
    let breaks: &[f64] = if edge < 0.5 {
        &[0.0, edge, 1.0]
    } else {
        &[0.0, 1.0]
    };
    let what = format!("(g-2) integral for a {spin} of mass {mass:e} GeV");
    let tol = Tolerance::relative(RELATIVE_TOLERANCE);
    let f = |t: f64| {
        if heavy {
            integrand(spin, 1.0 - t, t, r)
        } else {
            integrand(spin, t, 1.0 - t, r)
        }
    };
    let (mut value, mut error) = (0.0, 0.0);
    for pair in breaks.windows(2) {
        let part = integrate(&what, f, pair[0], pair[1], tol)?;
        value += part.value;
        error += part.error;
    }
    let prefactor = 1.0 / (8.0 * PI * PI);
    Ok(DeltaAMu {
        value: prefactor * value,
        error: prefactor * error,
    })
}

/// Δa_μ for coupling `coupling` to muons (0 < g ≤ 4π): g² times [`delta_a_mu_unit`].
///
/// At g = 5·10⁻⁴ and m_X = 100 MeV the four spins give 1.649·10⁻⁹, −9.48·10⁻¹⁰,
/// 7.01·10⁻¹⁰ and −9.21·10⁻⁹ (docs/reference.md §8 item 1, computed independently; CPZ
/// arXiv:1701.07437 quote ≈ 1.6·10⁻⁹ for the scalar). A coupling outside (0, 4π] is refused.
///
/// ```
/// use muforce::model::{delta_a_mu, Spin};
/// let expected = [
///     (Spin::Scalar, 1.649e-9),
///     (Spin::Pseudoscalar, -9.48e-10),
///     (Spin::Vector, 7.01e-10),
///     (Spin::AxialVector, -9.21e-9),
/// ];
/// for (spin, want) in expected {
///     let got = delta_a_mu(spin, 0.1, 5e-4)?.value;
///     assert!((got / want - 1.0).abs() < 1e-3, "{spin}: {got:e}");
/// }
/// let err = delta_a_mu(Spin::Scalar, 0.1, 0.0).unwrap_err().to_string();
/// assert!(err.starts_with("coupling = 0"), "{err}");
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn delta_a_mu(spin: Spin, mass: f64, coupling: f64) -> Result<DeltaAMu> {
    check_coupling(coupling)?;
    let unit = delta_a_mu_unit(spin, mass)?;
    let g2 = coupling * coupling;
    Ok(DeltaAMu {
        value: g2 * unit.value,
        error: g2 * unit.error,
    })
}

/// Checks a muon coupling: finite, 0 < g ≤ 4π.
pub fn check_coupling(coupling: f64) -> Result<f64> {
    if coupling.is_finite() && coupling > 0.0 && coupling <= MAX_COUPLING {
        Ok(coupling)
    } else {
        Err(Error::out_of_range(
            "coupling",
            coupling,
            format!("must be a finite number in (0, 4 pi = {MAX_COUPLING:.4}]"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(spin: Spin, mass: f64) -> f64 {
        delta_a_mu_unit(spin, mass).unwrap().value
    }

    fn close(got: f64, want: f64, rel: f64) -> bool {
        (got / want - 1.0).abs() < rel
    }

    /// Seed 002 (CPZ, arXiv:1701.07437, text below Eq. 3): g_μ = 5e-4, m_S = 100 MeV gives
    /// Δa_μ ≈ 1.6e-9; REFERENCE §8 item 1 gives the four spins to 4 digits.
    #[test]
    fn reference_values_at_100_mev() {
        let s = delta_a_mu(Spin::Scalar, 0.1, 5e-4).unwrap();
        assert!(close(s.value, 1.6e-9, 0.05), "{s:?}");
        assert!(close(s.value, 1.649e-9, 1e-3), "{s:?}");
        assert!(s.error < 1e-8 * s.value.abs());
        let p = delta_a_mu(Spin::Pseudoscalar, 0.1, 5e-4).unwrap().value;
        assert!(close(p, -9.48e-10, 1e-3), "{p}");
        let v = delta_a_mu(Spin::Vector, 0.1, 5e-4).unwrap().value;
        assert!(close(v, 7.01e-10, 1e-3), "{v}");
        let a = delta_a_mu(Spin::AxialVector, 0.1, 5e-4).unwrap().value;
        assert!(close(a, -9.21e-9, 1e-3), "{a}");
    }

    /// REFERENCE §8 item 1, g = 1e-3 table at m_X = 1, 10, 100, 1000 MeV.
    #[test]
    fn reference_table_g_1e_3() {
        let masses = [1e-3, 1e-2, 0.1, 1.0];
        let scalar = [1.864e-8, 1.607e-8, 6.594e-9, 4.873e-10];
        let vector = [1.231e-8, 9.912e-9, 2.804e-9, 8.600e-11];
        for (i, &m) in masses.iter().enumerate() {
            let s = delta_a_mu(Spin::Scalar, m, 1e-3).unwrap().value;
            let v = delta_a_mu(Spin::Vector, m, 1e-3).unwrap().value;
            assert!(close(s, scalar[i], 1e-3), "scalar {m}: {s}");
            assert!(close(v, vector[i], 1e-3), "vector {m}: {v}");
        }
    }

    /// Light-X limits (m_X → 0), from the integrals with r = 0: scalar 3/(16π²) (REFERENCE §5),
    /// vector 1/(8π²) (REFERENCE §5), pseudoscalar −1/(16π²) (∫x dx = 1/2), axial
    /// −1/(4π² r²) (the longitudinal term −4x³/(r² x²) dominates). Corrections are O(r).
    #[test]
    fn light_limits() {
        let pi2 = PI * PI;
        let r = 1e-6;
        let m = r * M_MU;
        assert!(close(unit(Spin::Scalar, m), 3.0 / (16.0 * pi2), 1e-4));
        assert!(close(
            unit(Spin::Pseudoscalar, m),
            -1.0 / (16.0 * pi2),
            1e-4
        ));
        assert!(close(unit(Spin::Vector, m), 1.0 / (8.0 * pi2), 1e-4));
        assert!(close(
            unit(Spin::AxialVector, m),
            -1.0 / (4.0 * pi2 * r * r),
            1e-4
        ));
    }

    /// Heavy-X limits (m_X ≫ m_μ, expanding D ≈ r²(1 − x) + x² near x = 1):
    /// scalar (ln r² − 7/6)/(8π² r²), pseudoscalar −(ln r² − 11/6)/(8π² r²) (both derived
    /// here), vector 1/(12π² r²) and axial −5/(12π² r²) (REFERENCE §5). Corrections O(ln r/r²).
    #[test]
    fn heavy_limits() {
        let pi2 = PI * PI;
        let r = 1e4;
        let m = r * M_MU;
        let l = (r * r).ln();
        let r2 = r * r;
        assert!(close(
            unit(Spin::Scalar, m),
            (l - 7.0 / 6.0) / (8.0 * pi2 * r2),
            1e-6
        ));
        assert!(close(
            unit(Spin::Pseudoscalar, m),
            -(l - 11.0 / 6.0) / (8.0 * pi2 * r2),
            1e-6
        ));
        assert!(close(unit(Spin::Vector, m), 1.0 / (12.0 * pi2 * r2), 1e-5));
        assert!(close(
            unit(Spin::AxialVector, m),
            -5.0 / (12.0 * pi2 * r2),
            1e-5
        ));
    }

    #[test]
    fn bad_input_is_an_error() {
        for m in [0.0, -0.1, f64::NAN, f64::INFINITY] {
            assert!(delta_a_mu(Spin::Vector, m, 1e-3).is_err());
        }
        for g in [0.0, -1e-3, f64::NAN, f64::INFINITY, 100.0] {
            let e = delta_a_mu(Spin::Vector, 0.1, g).unwrap_err().to_string();
            assert!(e.contains("coupling"), "{e}");
        }
        // Extreme but allowed masses still converge to finite numbers.
        for m in [1e-12, 1e6] {
            for s in Spin::ALL {
                assert!(unit(s, m).is_finite());
            }
        }
    }
}
