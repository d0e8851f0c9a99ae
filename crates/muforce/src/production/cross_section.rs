//! One entry point for every method: the caller picks exact, WW or IWW by [`Method`].

use crate::error::{Error, Result};
use crate::numerics::{try_integrate, Integral, Tolerance};
use crate::production::{exact, iww, ww, Cuts, Method, Process};
use crate::units::M_MU;

/// Total cross section σ(E) in GeV⁻² with the cuts, by the chosen method
/// (exact: REFERENCE §1; WW: §3.1; IWW: §3.2).
///
/// A 126 MeV scalar with g = 1 from 50 GeV muons on ⁶³Cu (docs/reference.md §8 item 3,
/// computed independently): exact 2.20·10⁸ pb, WW 2.21·10⁸ pb, IWW 4.34·10⁸ pb (CPZ's IWW
/// t_min inflates it, REFERENCE §9). Cross sections scale as g².
///
/// ```
/// use muforce::matter::{FormFactorModel, Material};
/// use muforce::model::Spin;
/// use muforce::production::{total, Cuts, Method, Process};
/// use muforce::units::gev2_to_pb;
/// let cu63 = Material::built_in("copper-63")?;
/// let scalar = Process::new(Spin::Scalar, 0.126, 1.0, &cu63, FormFactorModel::Full)?;
/// let sigma = |method, process: &Process| -> muforce::Result<f64> {
///     Ok(gev2_to_pb(total(method, process, 50.0, &Cuts::default(), 1e-4)?.value))
/// };
/// for (method, reference_pb) in [(Method::Exact, 2.20e8), (Method::Ww, 2.21e8), (Method::Iww, 4.34e8)] {
///     let got = sigma(method, &scalar)?;
///     assert!((got / reference_pb - 1.0).abs() < 5e-3, "{}: {got:e} pb", method.name());
/// }
/// let weak = Process { coupling: 1e-3, ..scalar };
/// assert!((sigma(Method::Ww, &weak)? / sigma(Method::Ww, &scalar)? / 1e-6 - 1.0).abs() < 1e-9);
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn total(
    method: Method,
    process: &Process,
    energy_gev: f64,
    cuts: &Cuts,
    rel_tol: f64,
) -> Result<Integral> {
    match method {
        Method::Exact => exact::total(process, energy_gev, cuts, rel_tol),
        Method::Ww => ww::total(process, energy_gev, cuts, rel_tol),
        Method::Iww => iww::total(process, energy_gev, cuts, rel_tol),
    }
}

/// dσ/dx in GeV⁻² at x = 1 − E′/E. The exact method applies the angular and momentum cuts;
/// WW and IWW give the full angular integral (their x is E_X/E, equal to 1 − E′/E up to the
/// nuclear recoil, REFERENCE §1.3).
///
/// Reference point of docs/reference.md §8 item 3 (126 MeV scalar, g = 1, 50 GeV on ⁶³Cu,
/// x = 0.5): IWW dσ/dx = 0.680 GeV⁻², WW = 0.648 × IWW, exact = 1.005 × WW.
///
/// ```
/// use muforce::matter::{FormFactorModel, Material};
/// use muforce::model::Spin;
/// use muforce::production::{dsigma_dx, Cuts, Method, Process};
/// let cu63 = Material::built_in("copper-63")?;
/// let p = Process::new(Spin::Scalar, 0.126, 1.0, &cu63, FormFactorModel::Full)?;
/// let at = |m| dsigma_dx(m, &p, 50.0, 0.5, &Cuts::default(), 1e-5).map(|i| i.value);
/// let (iww, ww, exact) = (at(Method::Iww)?, at(Method::Ww)?, at(Method::Exact)?);
/// assert!((iww / 0.680 - 1.0).abs() < 2e-3, "{iww}");
/// assert!((ww / iww / 0.648 - 1.0).abs() < 2e-3, "{}", ww / iww);
/// assert!((exact / ww / 1.005 - 1.0).abs() < 2e-3, "{}", exact / ww);
/// assert!(dsigma_dx(Method::Ww, &p, 50.0, 1.5, &Cuts::default(), 1e-5).is_err());
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn dsigma_dx(
    method: Method,
    process: &Process,
    energy_gev: f64,
    x: f64,
    cuts: &Cuts,
    rel_tol: f64,
) -> Result<Integral> {
    match method {
        Method::Exact => exact::dsigma_dx(process, energy_gev, x, cuts, rel_tol),
        Method::Ww => ww::dsigma_dx(process, energy_gev, x, rel_tol),
        Method::Iww => iww::dsigma_dx(process, energy_gev, x, rel_tol),
    }
}

/// dσ/dρ in GeV⁻² at ρ = (p_out − p_in)/p_in (the GKSST variable): dσ/dρ = |dx/dρ| dσ/dx with
/// x = 1 − E′/E, E′ = √(p_in²(1+ρ)² + m_μ²), so |dx/dρ| = p_in p_out/(E E′) (REFERENCE §1.3).
pub fn dsigma_drho(
    method: Method,
    process: &Process,
    energy_gev: f64,
    rho: f64,
    cuts: &Cuts,
    rel_tol: f64,
) -> Result<Integral> {
    if method == Method::Exact {
        return exact::dsigma_drho(process, energy_gev, rho, cuts, rel_tol);
    }
    if !(rho.is_finite() && rho > -1.0 && rho < 0.0) {
        return Err(Error::out_of_range(
            "rho",
            rho,
            "must lie in (-1, 0): the muon loses momentum",
        ));
    }
    let p_in = (energy_gev * energy_gev - M_MU * M_MU).max(0.0).sqrt();
    let p_out = p_in * (1.0 + rho);
    let e_out = (p_out * p_out + M_MU * M_MU).sqrt();
    let x = 1.0 - e_out / energy_gev;
    let jacobian = p_in * p_out / (energy_gev * e_out);
    let d = dsigma_dx(method, process, energy_gev, x, cuts, rel_tol)?;
    Ok(Integral {
        value: d.value * jacobian,
        error: d.error * jacobian,
        evaluations: d.evaluations,
    })
}

/// dσ/dθ of the outgoing muon in GeV⁻²/rad, integrated over the x window of the cuts:
/// ∫dx d²σ/(dx dθ) (REFERENCE §1.3). Only the exact method resolves the muon angle.
pub fn dsigma_dtheta(
    method: Method,
    process: &Process,
    energy_gev: f64,
    theta: f64,
    cuts: &Cuts,
    rel_tol: f64,
) -> Result<Integral> {
    if method != Method::Exact {
        return Err(Error::out_of_range(
            "method",
            method.name(),
            "the muon-angle distribution needs the exact method (WW and IWW integrate the muon angle out)",
        ));
    }
    cuts.validate()?;
    if !(theta.is_finite() && theta > 0.0 && theta <= cuts.theta_max) {
        return Err(Error::out_of_range(
            "theta",
            theta,
            format!("must lie in (0, theta_max = {}] rad", cuts.theta_max),
        ));
    }
    let lo = cuts.x_min.max(process.mass_gev / energy_gev);
    let hi = cuts.x_max.min(1.0 - M_MU / energy_gev);
    if lo >= hi {
        return Ok(Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        });
    }
    // Every inner value is positive with relative error ≤ inner_tol, so their integral carries
    // at most inner_tol relative error on top of the outer rule's estimate.
    let inner_tol = 0.3 * rel_tol;
    let mut result = try_integrate(
        "dσ/dθ over x",
        |x| {
            let p_out = ((1.0 - x) * energy_gev).powi(2) - M_MU * M_MU;
            if p_out.max(0.0).sqrt() < cuts.p_out_min {
                return Ok(0.0);
            }
            Ok(exact::d2sigma_dx_dtheta(process, energy_gev, x, theta, inner_tol)?.value)
        },
        lo,
        hi,
        Tolerance::relative(0.5 * rel_tol),
    )?;
    result.error += inner_tol * result.value.abs();
    Ok(result)
}
