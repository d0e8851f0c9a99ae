//! Partial widths of a scalar (g ψ̄ψ) or pseudoscalar (i g ψ̄γ⁵ψ) X.

use super::super::loop_function::{pseudoscalar_amplitude, scalar_amplitude};
use super::super::spin::Spin;
use crate::units::ALPHA;
use num_complex::Complex64;
use std::f64::consts::PI;

/// Γ(X → f f̄) for a fermion f of velocity β = √(1 − 4m_f²/m²) coupled with strength g.
///
/// Scalar: g² m β³/(8π) (CPZ Eq. 4, arXiv:1701.07437; REFERENCE §4.1).
/// Pseudoscalar: g² m β/(8π) (S-wave instead of the scalar's P-wave β³; Djouadi, Phys. Rept.
/// 459 (2008) 1, fermionic decays of the CP-odd A: Γ ∝ β; Higgs Hunter's Guide, ch. 2).
/// A Majorana pair with (g/2) χ̄Γχ has half of this (identical particles).
pub fn fermion_pair(spin: Spin, g: f64, mass: f64, beta: f64) -> f64 {
    let power = if spin == Spin::Pseudoscalar { 1 } else { 3 };
    g * g * mass * beta.powi(power) / (8.0 * PI)
}

/// Γ(X → γγ) through charged-lepton loops:
/// α² m³/(64π³) |Σ_ℓ (g_ℓ/m_ℓ) A(τ_ℓ)|², τ_ℓ = 4m_ℓ²/m², A = A_S (scalar, CPZ Eq. 5) or A_P
/// (pseudoscalar; Djouadi, Phys. Rept. 459 (2008) 1, amplitude A^A_{1/2}, same normalisation).
/// `loops` lists (g_ℓ, m_ℓ) pairs.
pub fn photons(spin: Spin, mass: f64, loops: &[(f64, f64)]) -> f64 {
    let sum: Complex64 = loops
        .iter()
        .filter(|(g, _)| *g != 0.0)
        .map(|&(g, m_l)| {
            let tau = 4.0 * m_l * m_l / (mass * mass);
            let amplitude = if spin == Spin::Pseudoscalar {
                pseudoscalar_amplitude(tau)
            } else {
                scalar_amplitude(tau)
            };
            amplitude * (g / m_l)
        })
        .sum();
    ALPHA * ALPHA * mass.powi(3) / (64.0 * PI.powi(3)) * sum.norm_sqr()
}
