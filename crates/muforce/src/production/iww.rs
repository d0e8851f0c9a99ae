//! Improved Weizsäcker–Williams (IWW) cross section of μN → μNX with an x-independent flux
//! (REFERENCE §3.2; Chen–Pospelov–Zhong arXiv:1701.07437 Eqs. 12–13; Liu–Miller
//! arXiv:1705.01633).
//!
//! dσ/dx = (g²α²/4π) χ β_μ (|k|/E) ((1−x)/x) ∫_{−∞}^{ũ_max} dũ A_X(ũ)/ũ²,
//! χ = χ(t_min = m_X⁴/(4E²), t_max = m_X² + m_μ²) (CPZ Eq. 13), ũ_max = −m_X²(1−x)/x − m_μ²x.
//!
//! The ũ integral is elementary; with c = m_X²(1−x) + m_μ²x² the closed forms are
//!
//! - scalar (= CPZ Eq. 12): g²α²χ/(12π) β_μ (|k|/E) x² [m²(3x²−4x+4) + 2m_X²(1−x)]/c²
//! - pseudoscalar: g²α²χ/(12π) β_μ (|k|/E) x² [3m²x² + 2m_X²(1−x)]/c²
//! - vector: g²α²χ/(6π) β_μ (|k|/E) [m²x²(3x²−4x+4) + 2m_X²(1−x)(3−3x+x²)]/c²
//! - axial vector: g²α²χ/(6π) β_μ (|k|/E) [m²x²(3x²−4x+4) + 2m_X²(1−x)(3−3x+x²)
//!   + 6m²x²(1−x) + 6m²x²c/m_X²]/c²
//!
//! (derived here from the A_X of REFERENCE §3.1, see the `amplitude` module; checked against
//! numerical ũ integration in the tests). The factor β_μ = √(1 − m_μ²/E²) is CPZ Eq. 12's; it is not
//! produced by the ũ integral and differs from 1 by m_μ²/2E² (2·10⁻⁶ at 50 GeV). It is kept
//! for all four spins so that the scalar line is CPZ Eq. 12 exactly.
//!
//! A cut on the muon angle limits ũ from below (see `kinematics::theta_x_limit`); the total
//! then uses the antiderivative between the two ũ limits.

use crate::error::Result;
use crate::model::Spin;
use crate::numerics::Integral;
use crate::production::amplitude::Amplitude;
use crate::production::kinematics::{
    accept, check_inputs, check_x, integrate_x, k_over_e, kinematic_range, theta_x_limit, x_window,
};
use crate::production::{Cuts, Process};
use crate::units::{ALPHA, M_MU};
use std::f64::consts::PI;

/// The IWW photon flux χ with CPZ Eq. 13's limits t_min = m_X⁴/(4E²), t_max = m_X² + m_μ².
pub fn flux(process: &Process, energy_gev: f64, rel_tol: f64) -> Result<Integral> {
    let m2 = process.mass_gev * process.mass_gev;
    let t_min = m2 * m2 / (4.0 * energy_gev * energy_gev);
    process.form_factor.flux(t_min, m2 + M_MU * M_MU, rel_tol)
}

/// dσ/dx / (g²α²χ β_μ (|k|/E)) in GeV⁻²: the spin-dependent closed forms of the module
/// documentation (REFERENCE §3.2; CPZ Eq. 12 for the scalar).
pub(crate) fn closed_form(spin: Spin, mass: f64, x: f64) -> f64 {
    let m2 = M_MU * M_MU;
    let mx2 = mass * mass;
    let y = 1.0 - x;
    let c = mx2 * y + m2 * x * x;
    let poly = 3.0 * x * x - 4.0 * x + 4.0;
    let numerator = match spin {
        Spin::Scalar => x * x * (m2 * poly + 2.0 * mx2 * y) / (12.0 * PI),
        Spin::Pseudoscalar => x * x * (3.0 * m2 * x * x + 2.0 * mx2 * y) / (12.0 * PI),
        Spin::Vector => (m2 * x * x * poly + 2.0 * mx2 * y * (3.0 - 3.0 * x + x * x)) / (6.0 * PI),
        Spin::AxialVector => {
            (m2 * x * x * poly
                + 2.0 * mx2 * y * (3.0 - 3.0 * x + x * x)
                + 6.0 * m2 * x * x * y
                + 6.0 * m2 * x * x * c / mx2)
                / (6.0 * PI)
        }
    };
    numerator / (c * c)
}

/// β_μ = √(1 − m_μ²/E²), the muon velocity factor of CPZ Eq. 12.
fn beta_mu(energy: f64) -> f64 {
    ((energy - M_MU) * (energy + M_MU)).sqrt() / energy
}

/// IWW dσ/dx in GeV⁻² at energy fraction x = E_X/E (REFERENCE §3.2; CPZ Eqs. 12–13 for the
/// scalar, closed forms of the module documentation for the others). Zero outside the
/// kinematic range m_X/E < x < 1 − m_μ/E; x outside [0, 1] is an error. The error estimate
/// is that of the flux χ, computed to `rel_tol`.
pub fn dsigma_dx(process: &Process, energy_gev: f64, x: f64, rel_tol: f64) -> Result<Integral> {
    check_inputs(process, energy_gev, rel_tol)?;
    check_x(x)?;
    let (lo, hi) = kinematic_range(process.mass_gev, energy_gev);
    if x <= lo || x >= hi {
        return Ok(Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        });
    }
    let chi = flux(process, energy_gev, rel_tol)?;
    let scale = process.coupling.powi(2)
        * ALPHA
        * ALPHA
        * beta_mu(energy_gev)
        * k_over_e(process.mass_gev, energy_gev, x)
        * closed_form(process.spin, process.mass_gev, x);
    accept(
        "IWW dσ/dx",
        scale * chi.value,
        scale * chi.error,
        chi.evaluations,
        rel_tol,
    )
}

/// IWW dσ/dx without the χ factor, with the ũ integral limited by the muon-angle cut.
pub(crate) fn reduced_with_cuts(process: &Process, energy: f64, cuts: &Cuts, x: f64) -> f64 {
    let k = k_over_e(process.mass_gev, energy, x);
    if k <= 0.0 || x >= 1.0 {
        return 0.0;
    }
    let front = process.coupling.powi(2) * ALPHA * ALPHA * beta_mu(energy) * k;
    match theta_x_limit(process, energy, cuts, x) {
        None => front * closed_form(process.spin, process.mass_gev, x),
        Some(theta) => {
            let amp = Amplitude::new(process.spin, process.mass_gev, x);
            let u0 = amp.u_max();
            let u1 = u0 - x * energy * energy * theta * theta;
            front / (4.0 * PI) * (1.0 - x) / x * amp.u_integral(u1, u0)
        }
    }
}

/// IWW total cross section in GeV⁻² over the x window left by `cuts`
/// (m_X/E < x < 1 − m_μ/E ∩ cuts; REFERENCE §3.2, §8 item 3), to relative tolerance `rel_tol`.
pub fn total(process: &Process, energy_gev: f64, cuts: &Cuts, rel_tol: f64) -> Result<Integral> {
    check_inputs(process, energy_gev, rel_tol)?;
    let (lo, hi) = x_window(process, energy_gev, cuts)?;
    let chi = flux(process, energy_gev, 0.1 * rel_tol)?;
    let shape = integrate_x(
        "IWW x integral",
        process.mass_gev,
        |x| Ok(reduced_with_cuts(process, energy_gev, cuts, x)),
        lo,
        hi,
        0.5 * rel_tol,
    )?;
    let value = chi.value * shape.value;
    let error = chi.value * shape.error + chi.error * shape.value;
    accept(
        "IWW total cross section",
        value,
        error,
        chi.evaluations + shape.evaluations,
        rel_tol,
    )
}
