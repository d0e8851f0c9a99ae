//! The Standard-Model background of the visible search, K⁺ → μ⁺ν μ⁺μ⁻ (NA62 slides, seed 004:
//! "BR_bkd = 7·10⁻⁸, not measured yet"; E865, Brookhaven AGS 2002: BR < 10⁻⁷).
//!
//! Shape assumed here (no SM m_μμ spectrum is given in the seed): the decay proceeds through a
//! virtual photon, K⁺ → μ⁺νγ*(q²), γ* → μ⁺μ⁻, and the pair mass follows the Kroll–Wada
//! conversion factor (N. M. Kroll, W. Wada, Phys. Rev. 98 (1955) 1355)
//! ρ(q²) = α/(3π q²) (1 + 2m_μ²/q²) √(1 − 4m_μ²/q²)
//! times the three-body phase space of K⁺ → μ⁺νγ* with a constant matrix element (the Dalitz
//! area A(q²) of [`dalitz_area`]). The structure-dependent K⁺ → μ⁺νγ* form factors are
//! neglected; the total is normalised to the seed's branching ratio.

use super::kinematics::{s12_range, s23_range, MAX_X_MASS};
use crate::error::{Error, Result};
use crate::numerics::{integrate, Integral, Tolerance};
use crate::units::{ALPHA, M_MU};
use std::f64::consts::PI;

/// BR(K⁺ → μ⁺νμ⁺μ⁻) in the Standard Model as quoted on the NA62 slides (seed 004).
pub const BR_K_3MU_NU: f64 = 7e-8;

/// The lightest μ⁺μ⁻ pair: 2m_μ (GeV).
pub const DIMUON_THRESHOLD: f64 = 2.0 * M_MU;

/// Kroll–Wada factor dN(γ* → μ⁺μ⁻)/dq² per real photon, in GeV⁻² (Kroll & Wada 1955):
/// α/(3π q²) (1 + 2m_μ²/q²) √(1 − 4m_μ²/q²); zero below 4m_μ².
pub fn kroll_wada(q2: f64) -> f64 {
    let r = M_MU * M_MU / q2;
    if !(q2.is_finite() && r < 0.25) {
        return 0.0;
    }
    ALPHA / (3.0 * PI * q2) * (1.0 + 2.0 * r) * (1.0 - 4.0 * r).sqrt()
}

/// Closed form of ∫_{4m_μ²}^{Q²} [`kroll_wada`] dq² = α/(3π) [β³/3 − 2β + ln((1 + β)/(1 − β))]
/// with β = √(1 − 4m_μ²/Q²) (substitute x = 4m²/(1 − β²)); for Q ≫ m_μ it tends to
/// α/(3π) [ln(Q²/m_μ²) − 5/3], the textbook pair-conversion probability.
pub fn kroll_wada_integral(q2_max: f64) -> f64 {
    let r = M_MU * M_MU / q2_max;
    if !(q2_max.is_finite() && r < 0.25) {
        return 0.0;
    }
    let b = (1.0 - 4.0 * r).sqrt();
    ALPHA / (3.0 * PI) * (b * b * b / 3.0 - 2.0 * b + ((1.0 + b) / (1.0 - b)).ln())
}

/// Area of the Dalitz region of K⁺ → μ⁺ν Y with Y of mass² `q2` (GeV⁴):
/// ∫ ds12 (s23⁺ − s23⁻) over m_Y² < s12 < (m_K − m_μ)² (the same limits as K⁺ → μ⁺νX,
/// [`s23_range`]); proportional to the three-body phase space (PDG "Kinematics", Eq. 49.22).
pub fn dalitz_area(q2: f64) -> Result<Integral> {
    let m = q2.sqrt();
    if !(m.is_finite() && m > 0.0 && m < MAX_X_MASS) {
        return Err(Error::out_of_range(
            "pair mass",
            m,
            format!("must lie in (0, m_K - m_mu = {MAX_X_MASS:.6}) GeV"),
        ));
    }
    let (lo, hi) = s12_range(m);
    integrate(
        "K -> mu nu Y Dalitz area",
        |s12| {
            let (a, b) = s23_range(m, s12);
            (b - a).max(0.0)
        },
        lo,
        hi,
        Tolerance::relative(1e-9),
    )
}

/// Unnormalised density of the true-pair mass q = m_μμ in K⁺ → μ⁺νμ⁺μ⁻ (GeV⁻¹ up to a constant):
/// 2q ρ(q²) A(q²), zero outside 2m_μ < q < m_K − m_μ.
pub fn pair_mass_weight(q: f64) -> Result<f64> {
    if !(q > DIMUON_THRESHOLD && q < MAX_X_MASS) {
        return Ok(0.0);
    }
    Ok(2.0 * q * kroll_wada(q * q) * dalitz_area(q * q)?.value)
}

/// ∫ [`pair_mass_weight`] dq over the whole range: the normalisation of the pair-mass density.
pub fn pair_mass_normalisation() -> Result<Integral> {
    integrate(
        "K -> mu nu mu mu pair-mass normalisation",
        |q| pair_mass_weight(q).unwrap_or(0.0),
        DIMUON_THRESHOLD,
        MAX_X_MASS,
        Tolerance::relative(1e-7),
    )
}

/// Normalised density of the true-pair mass (GeV⁻¹): [`pair_mass_weight`] / normalisation.
pub fn pair_mass_density(q: f64, normalisation: f64) -> Result<f64> {
    crate::error::positive("pair-mass normalisation", normalisation)?;
    Ok(pair_mass_weight(q)? / normalisation)
}
