//! The exact tree-level cross section of μ N → μ N X (REFERENCE §1; Liu–McKeen–Miller
//! arXiv:1609.06781; Liu–Miller arXiv:1705.01633; GKSST arXiv:1906.09272 Eqs. S7–S18) for
//! scalar, pseudoscalar, vector and axial-vector X, with the atomic + nuclear form factor
//! G₂(t) of REFERENCE §2.
//!
//! All inputs and outputs are in GeV units: cross sections in GeV⁻² (convert with
//! [`crate::units::gev2_to_pb`]), momenta and energies in GeV, angles in radians. Every
//! result carries an error estimate and meets the requested relative tolerance, or the call
//! fails with [`crate::Error::NotConverged`]. `x = 1 − E′/E` as in [`Cuts`].
//!
//! Integration variables (REFERENCE §1.5): the recoil azimuth φ_q in closed form where the
//! s̃ or ũ pole is near (including the ridge s̃ + ũ → 0) and by a midpoint rule elsewhere;
//! ln t and ln θ split at the form-factor and collinear scales, the θ range ending where the
//! t range closes (the kinematic edge θ_kin or the t cap), the last e-fold below θ_kin in
//! √(ln θ_kin − ln θ), which removes the square-root edge there; x in logit. The total cross
//! section and dσ/dx use a Gauss–Legendre product rule on these pieces (graded towards the
//! square-root edges of x and θ), refined cell by cell on a ladder of orders whose
//! differences are the error estimate (`cells`), and fall back to nested fixed Kronrod rules
//! with an adaptive Gauss–Kronrod x integral when the ladder ends before the tolerance is
//! met; the other differential cross sections use the nested rules.

mod angular;
mod azimuth;
mod cells;
mod differential;
mod fast;
mod kinematics;
mod matrix_element;
mod quadrature;
mod ridge;
mod total;
mod validate;

#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use crate::numerics::Integral;
use crate::production::{Cuts, Process};
use crate::units::M_MU;
use differential::Setup;
use quadrature::Estimate;

/// Converts an estimate into the public [`Integral`], or [`Error::NotConverged`] naming `what`
/// when its error exceeds the requested relative tolerance.
fn checked(what: &str, estimate: Estimate, rel_tol: f64) -> Result<Integral> {
    if estimate.error > rel_tol * estimate.value.abs() {
        return Err(Error::NotConverged {
            what: what.to_string(),
            achieved: estimate.relative_error(),
            requested: rel_tol,
        });
    }
    Ok(integral(estimate))
}

fn integral(estimate: Estimate) -> Integral {
    Integral {
        value: estimate.value,
        error: estimate.error,
        evaluations: 0,
    }
}

/// Total cross section σ(μN → μNX) in GeV⁻² at beam energy `energy_gev`, within `cuts`
/// (x window, largest muon angle, smallest outgoing momentum), to relative tolerance
/// `rel_tol` ∈ [1e-10, 0.5]. Zero if the cuts remove the whole open region.
///
/// Source: REFERENCE §1.3 integrated over x (REFERENCE §8 item 3 for reference values).
pub fn total(process: &Process, energy_gev: f64, cuts: &Cuts, rel_tol: f64) -> Result<Integral> {
    validate::inputs(process, energy_gev, rel_tol)?;
    cuts.validate()?;
    let estimate = Setup::new(process, energy_gev).total(cuts, rel_tol)?;
    checked("exact total cross section", estimate, rel_tol)
}

/// dσ/dx in GeV⁻² at x = 1 − E′/E (REFERENCE §1.3: dσ/dx = E dσ/dE′), with the muon-angle
/// cut of `cuts`; zero where `cuts` (x window, smallest outgoing momentum) remove x.
pub fn dsigma_dx(
    process: &Process,
    energy_gev: f64,
    x: f64,
    cuts: &Cuts,
    rel_tol: f64,
) -> Result<Integral> {
    validate::inputs(process, energy_gev, rel_tol)?;
    cuts.validate()?;
    validate::within("x", x, 0.0, 1.0, "")?;
    let setup = Setup::new(process, energy_gev);
    if x < cuts.x_min || x > cuts.x_max || x <= 0.0 || x >= 1.0 {
        return Ok(integral(Estimate::default()));
    }
    let e_out = energy_gev * (1.0 - x);
    if kinematics::momentum(e_out, M_MU) < cuts.p_out_min {
        return Ok(integral(Estimate::default()));
    }
    let estimate = setup.dsigma_dx(x, cuts.theta_max, rel_tol, 0.0)?;
    checked("exact dsigma/dx", estimate, rel_tol)
}

/// dσ/dρ in GeV⁻² for the ATLAS variable ρ = (p_out − p_in)/p_in ∈ (−1, 0):
/// dσ/dρ = p_in dσ/dp_out at p_out = p_in(1 + ρ) (REFERENCE §1.3; GKSST arXiv:1906.09272
/// Eq. 2), with `cuts` applied as in [`dsigma_dx`].
pub fn dsigma_drho(
    process: &Process,
    energy_gev: f64,
    rho: f64,
    cuts: &Cuts,
    rel_tol: f64,
) -> Result<Integral> {
    validate::inputs(process, energy_gev, rel_tol)?;
    validate::within("rho", rho, -1.0, 0.0, "")?;
    let p_in = kinematics::momentum(energy_gev, M_MU);
    let p_out = p_in * (1.0 + rho);
    let e_out = p_out.hypot(M_MU);
    if p_out <= 0.0 || e_out >= energy_gev {
        return Ok(integral(Estimate::default()));
    }
    let x = 1.0 - e_out / energy_gev;
    let per_x = dsigma_dx(process, energy_gev, x, cuts, rel_tol)?;
    // dσ/dp_out = (p_out/E_out) dσ/dE_out and dσ/dx = E dσ/dE_out.
    let jacobian = p_in * p_out / (e_out * energy_gev);
    Ok(Integral {
        value: jacobian * per_x.value,
        error: jacobian * per_x.error,
        evaluations: per_x.evaluations,
    })
}

/// d²σ/(d|p′| d cos θ) in GeV⁻³ at outgoing muon momentum `p_out_gev` and cos θ =
/// `cos_theta` (REFERENCE §1.3 with the φ_q average; GKSST arXiv:1906.09272 Eq. S12 with
/// the corrected prefactor); zero outside the physical region.
pub fn d2sigma_dp_dcos(
    process: &Process,
    energy_gev: f64,
    p_out_gev: f64,
    cos_theta: f64,
    rel_tol: f64,
) -> Result<Integral> {
    validate::inputs(process, energy_gev, rel_tol)?;
    let p_in = kinematics::momentum(energy_gev, M_MU);
    validate::within("p_out", p_out_gev, 0.0, p_in, " GeV (the beam momentum)")?;
    validate::within("cos_theta", cos_theta, -1.0, 1.0, "")?;
    let setup = Setup::new(process, energy_gev);
    let theta = cos_theta.acos();
    let estimate = setup.d2sigma_dp_dcos(p_out_gev.hypot(M_MU), theta, rel_tol, 0.0)?;
    checked("exact d2sigma/(dp dcos)", estimate, rel_tol)
}

/// d²σ/(dx dθ) in GeV⁻² rad⁻¹ at x = 1 − E′/E and muon angle `theta` (REFERENCE §1.3:
/// E (E′/|p′|) sin θ d²σ/(d|p′| d cos θ)); zero outside the physical region.
pub fn d2sigma_dx_dtheta(
    process: &Process,
    energy_gev: f64,
    x: f64,
    theta: f64,
    rel_tol: f64,
) -> Result<Integral> {
    validate::inputs(process, energy_gev, rel_tol)?;
    validate::within("x", x, 0.0, 1.0, "")?;
    validate::within("theta", theta, 0.0, std::f64::consts::PI, " rad")?;
    if x <= 0.0 || x >= 1.0 {
        return Ok(integral(Estimate::default()));
    }
    let estimate = Setup::new(process, energy_gev).d2sigma_dx_dtheta(x, theta, rel_tol, 0.0)?;
    checked("exact d2sigma/(dx dtheta)", estimate, rel_tol)
}
