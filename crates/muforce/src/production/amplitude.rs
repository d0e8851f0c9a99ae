//! The 2 → 2 "amplitudes" A_X(ũ, x) of γ μ → X μ used by the WW and IWW approximations.
//!
//! Liu, McKeen, Miller, arXiv:1609.06781 (scalar) and Liu, Miller, arXiv:1705.01633
//! (pseudoscalar, vector, axial vector); REFERENCE §3.1. With c = m_X²(1−x) + m²x²:
//!
//! - A_S = x²/(1−x) + 2 (m_X² − 4m²)(ũx + c)/ũ²
//! - A_P = x²/(1−x) + 2 m_X² (ũx + c)/ũ²
//! - A_V = 2(2 − 2x + x²)/(1−x) + 4 (m_X² + 2m²)(ũx + c)/ũ²
//! - A_A = 4m²x²/((1−x) m_X²) + 2(2 − 2x + x²)/(1−x) + 4 (m_X² − 4m²)(ũx + c)/ũ²
//!
//! All four have the form A = a(x) + 2K (ũx + c)/ũ², which is what the IWW closed forms
//! integrate; [`Amplitude`] stores a, K and c for one (spin, m_X, x).
//!
//! REFERENCE marks A_P and A_A as quoted, not re-derived; `amplitude_check` verifies all four
//! against explicit Dirac-matrix traces of γμ → Xμ (Σ|M|² = 4 e²g² A_X at x = 1 + ũ/s̃).

use crate::model::Spin;
use crate::units::M_MU;

/// A_X(ũ) = a + 2K (ũx + c)/ũ² for fixed spin, mass and x.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Amplitude {
    /// The ũ-independent term a(x).
    pub a: f64,
    /// The coefficient K (GeV²) of 2(ũx + c)/ũ².
    pub k: f64,
    /// c = m_X²(1−x) + m²x² (GeV²).
    pub c: f64,
    /// Energy fraction x = E_X/E.
    pub x: f64,
}

impl Amplitude {
    /// Coefficients of A_X at energy fraction `x` ∈ (0, 1) for an X of mass `mass` (GeV)
    /// (Liu–McKeen–Miller arXiv:1609.06781; Liu–Miller arXiv:1705.01633; REFERENCE §3.1).
    pub fn new(spin: Spin, mass: f64, x: f64) -> Self {
        let m2 = M_MU * M_MU;
        let mx2 = mass * mass;
        let one_minus_x = 1.0 - x;
        let c = mx2 * one_minus_x + m2 * x * x;
        let transverse = 2.0 * (2.0 - 2.0 * x + x * x) / one_minus_x;
        let (a, k) = match spin {
            Spin::Scalar => (x * x / one_minus_x, mx2 - 4.0 * m2),
            Spin::Pseudoscalar => (x * x / one_minus_x, mx2),
            Spin::Vector => (transverse, 2.0 * (mx2 + 2.0 * m2)),
            Spin::AxialVector => (
                4.0 * m2 * x * x / (one_minus_x * mx2) + transverse,
                2.0 * (mx2 - 4.0 * m2),
            ),
        };
        Amplitude { a, k, c, x }
    }

    /// A_X at ũ (GeV², negative in the physical region), clamped at zero against round-off.
    pub fn at(&self, u: f64) -> f64 {
        (self.a + 2.0 * self.k * (u * self.x + self.c) / (u * u)).max(0.0)
    }

    /// The largest ũ, ũ_max = −c/x = −m_X²(1−x)/x − m²x (REFERENCE §3.2).
    pub fn u_max(&self) -> f64 {
        -self.c / self.x
    }

    /// ∫_{u1}^{u0} dũ A_X(ũ)/ũ² for u1 ≤ u0 < 0 (u1 may be −∞), from the antiderivative
    /// G(ũ) = −a/ũ − Kx/ũ² − 2Kc/(3ũ³) of a/ũ² + 2Kx/ũ³ + 2Kc/ũ⁴.
    pub fn u_integral(&self, u1: f64, u0: f64) -> f64 {
        let g = |u: f64| {
            if u.is_infinite() {
                0.0
            } else {
                let w = 1.0 / u;
                -w * (self.a + w * (self.k * self.x + w * 2.0 * self.k * self.c / 3.0))
            }
        };
        (g(u0) - g(u1)).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numerics::{integrate, Tolerance};

    /// The closed-form ũ integral against adaptive quadrature in ln(−ũ), for all spins.
    #[test]
    fn u_integral_matches_quadrature() {
        for spin in Spin::ALL {
            for (mass, x) in [(0.016, 0.3), (0.126, 0.5), (1.0, 0.05), (1.0, 0.97)] {
                let amp = Amplitude::new(spin, mass, x);
                let u0 = amp.u_max();
                let lo = (-u0).ln();
                let f = |s: f64| {
                    let u = -s.exp();
                    amp.at(u) / (u * u) * (-u)
                };
                let tol = Tolerance::relative(1e-11);
                let num = integrate("u", f, lo, lo + 60.0, tol).unwrap().value;
                let closed = amp.u_integral(f64::NEG_INFINITY, u0);
                assert!((num / closed - 1.0).abs() < 1e-9, "{spin} {mass} {x}");
                let num_part = integrate("u", f, lo, lo + 2.0, tol).unwrap().value;
                let closed_part = amp.u_integral(u0 * 2f64.exp(), u0);
                assert!(
                    (num_part / closed_part - 1.0).abs() < 1e-9,
                    "{spin} {mass} {x}"
                );
            }
        }
    }

    /// A_X ≥ 0 on the physical region ũ ≤ ũ_max (a requirement of |M|² ≥ 0).
    #[test]
    fn amplitudes_are_non_negative() {
        for spin in Spin::ALL {
            for mass in [1e-3, 0.016, 0.3, 3.0] {
                for x in [1e-3, 0.1, 0.5, 0.9, 0.999] {
                    let amp = Amplitude::new(spin, mass, x);
                    for scale in [1.0, 1.5, 3.0, 10.0, 1e3] {
                        let raw = amp.a
                            + 2.0 * amp.k * (amp.u_max() * scale * x + amp.c)
                                / (amp.u_max() * scale).powi(2);
                        assert!(raw > -1e-12 * amp.a, "{spin} {mass} {x} {scale}: {raw}");
                    }
                }
            }
        }
    }
}
