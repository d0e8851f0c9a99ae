//! Partial widths of a vector (g ψ̄γ^αψ) or axial-vector (g ψ̄γ^αγ⁵ψ) X.

use super::super::dark::ChiKind;
use super::super::spin::Spin;
use std::f64::consts::PI;

/// Γ(X → f f̄) for a Dirac fermion of mass m_f (β = √(1 − 4m_f²/m²)):
/// vector g² m/(12π) (1 + 2m_f²/m²) β (REFERENCE §4.2, standard tree-level result); axial
/// vector g² m/(12π) β³ (derived: the same Dirac trace with γ⁵ turns (1 + 2r) into
/// (1 − 4r) = β², r = m_f²/m²).
pub fn fermion_pair(spin: Spin, g: f64, mass: f64, m_f: f64, beta: f64) -> f64 {
    let factor = if spin == Spin::AxialVector {
        beta * beta
    } else {
        1.0 + 2.0 * (m_f / mass).powi(2)
    };
    g * g * mass / (12.0 * PI) * factor * beta
}

/// Γ(X → ν ν̄) for one left-handed flavour (current ν̄γ^α P_L ν): g² m/(24π), for vector and
/// axial X alike (REFERENCE §4.2; half the massless Dirac width).
pub fn neutrino_pair(g: f64, mass: f64) -> f64 {
    g * g * mass / (24.0 * PI)
}

/// Γ(X → χ χ̄) (REFERENCE §4.2; currents of the NA64μ slides, seed 003):
/// Dirac — as [`fermion_pair`]; complex scalar — g² m β³/(48π) (vector X only);
/// Majorana with (g/2) χ̄γ^αγ⁵χ — g² m β³/(24π).
pub fn dark_pair(spin: Spin, kind: ChiKind, g: f64, mass: f64, m_chi: f64, beta: f64) -> f64 {
    match kind {
        ChiKind::Dirac => fermion_pair(spin, g, mass, m_chi, beta),
        ChiKind::ComplexScalar => g * g * mass * beta.powi(3) / (48.0 * PI),
        ChiKind::Majorana => g * g * mass * beta.powi(3) / (24.0 * PI),
    }
}
