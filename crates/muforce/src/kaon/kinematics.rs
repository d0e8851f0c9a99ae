//! Three-body kinematics of K⁺(P) → μ⁺(p) ν(n) X(k) in the invariants
//! s12 = m²_miss = (n + k)² and s23 = (p + k)² (REFERENCE §7; PDG Review "Kinematics",
//! three-body Dalitz-plot boundaries).

use crate::error::{Error, Result};
use crate::units::{M_K, M_MU};

/// The largest X mass for which K⁺ → μ⁺νX is open: m_K − m_μ in GeV.
pub const MAX_X_MASS: f64 = M_K - M_MU;

/// Checks that `m_x` (field `field`) is a usable X mass: finite, 0 < m_X < m_K − m_μ.
pub fn check_x_mass(field: &str, m_x: f64) -> Result<f64> {
    if m_x.is_finite() && m_x > 0.0 && m_x < MAX_X_MASS {
        Ok(m_x)
    } else {
        Err(Error::out_of_range(
            field,
            m_x,
            format!("must be a finite mass in GeV with 0 < m_X < m_K - m_mu = {MAX_X_MASS:.9}"),
        ))
    }
}

/// Range of s12 = m²_miss: [m_X², (m_K − m_μ)²] (REFERENCE §7).
pub fn s12_range(m_x: f64) -> (f64, f64) {
    (m_x * m_x, MAX_X_MASS * MAX_X_MASS)
}

/// Range of s23 = m²_{μX} at fixed s12 (PDG review "Kinematics", three-body Dalitz-plot limits, with the (12) system made of
/// the massless ν and X): with E2* = (s12 + m_X²)/(2√s12) the X energy and
/// E3* = (m_K² − s12 − m_μ²)/(2√s12) the muon energy in the (νX) rest frame,
/// s23± = (E2* + E3*)² − (p2* ∓ p3*)². Evaluated in the cancellation-free form
/// s23± = (E2* + E3*)² − p2*² − p3*² ± 2p2*p3* with p2* = (s12 − m_X²)/(2√s12) and
/// p3* = λ^½(m_K², s12, m_μ²)/(2√s12), λ factorised into (m_K ∓ √s12 ∓ m_μ) factors, so that the
/// range stays accurate at the kinematic endpoints. Outside the s12 range the interval is empty.
pub fn s23_range(m_x: f64, s12: f64) -> (f64, f64) {
    let root = s12.sqrt();
    let e_sum = (M_K * M_K - M_MU * M_MU + m_x * m_x) / (2.0 * root);
    let p2 = ((s12 - m_x * m_x) / (2.0 * root)).max(0.0);
    let lambda =
        ((M_K - root - M_MU) * (M_K + root + M_MU) * (M_K - root + M_MU) * (M_K + root - M_MU))
            .max(0.0);
    let p3 = lambda.sqrt() / (2.0 * root);
    let mid = e_sum * e_sum - p2 * p2 - p3 * p3;
    (mid - 2.0 * p2 * p3, mid + 2.0 * p2 * p3)
}

/// Källén function λ(a, b, c) = a² + b² + c² − 2ab − 2bc − 2ca.
///
/// The two-body momentum is λ^{1/2}(M², m₁², m₂²)/(2M) (PDG Review "Kinematics", Eq. 49.17):
/// the muon of K⁺ → μ⁺ν has p = 235.5 MeV (PDG K⁺ listing). λ is symmetric in its arguments.
///
/// ```
/// use muforce::kaon::kallen;
/// use muforce::units::{M_K, M_MU};
/// let p = kallen(M_K * M_K, M_MU * M_MU, 0.0).sqrt() / (2.0 * M_K);
/// assert!((p - 0.2355).abs() < 5e-5, "{p}");
/// assert_eq!(kallen(1.0, 2.0, 3.0), kallen(3.0, 1.0, 2.0));
/// ```
pub fn kallen(a: f64, b: f64, c: f64) -> f64 {
    a * a + b * b + c * c - 2.0 * (a * b + b * c + c * a)
}

/// Whether (s12, s23) is a physical point, decided independently of [`s23_range`]: the
/// kaon-rest-frame energies E_μ = (m_K² + m_μ² − s12)/(2m_K), E_ν = (m_K² − s23)/(2m_K) and
/// E_X = m_K − E_μ − E_ν must give momenta that close into a triangle (|p_i| ≤ sum of the other
/// two), since the three momenta add up to zero.
pub fn is_physical(m_x: f64, s12: f64, s23: f64) -> bool {
    let m2 = M_MU * M_MU;
    let e_mu = (M_K * M_K + m2 - s12) / (2.0 * M_K);
    let e_nu = (M_K * M_K - s23) / (2.0 * M_K);
    let e_x = M_K - e_mu - e_nu;
    if e_mu < M_MU || e_nu < 0.0 || e_x < m_x {
        return false;
    }
    let p_mu = (e_mu * e_mu - m2).sqrt();
    let p_nu = e_nu;
    let p_x = (e_x * e_x - m_x * m_x).sqrt();
    p_mu <= p_nu + p_x && p_nu <= p_mu + p_x && p_x <= p_mu + p_nu
}
