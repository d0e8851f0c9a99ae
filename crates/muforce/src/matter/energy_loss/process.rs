//! What every energy-loss process provides, and the integrals over its spectrum in v = ε/E.

use crate::error::{Error, Result};
use crate::matter::Material;
use crate::numerics::{try_integrate, Integral, Tolerance};
use crate::units::M_MU;

/// Highest muon energy accepted, in GeV: the parametrisations are not meant for more
/// (the LPM suppression of bremsstrahlung and pair production sets in above ~10⁷ GeV).
pub const MAX_ENERGY_GEV: f64 = 1e7;

/// Relative tolerance of the one-dimensional v integrals.
pub(crate) const TOL_1D: f64 = 1e-6;
/// Relative tolerance of the outer integral of a double integral.
pub(crate) const TOL_OUTER: f64 = 1e-5;
/// Relative tolerance of the inner integral of a double integral.
pub(crate) const TOL_INNER: f64 = 1e-4;

/// Checks a muon total energy: finite, > m_μ and ≤ [`MAX_ENERGY_GEV`].
pub fn check_energy(energy_gev: f64) -> Result<f64> {
    if energy_gev.is_finite() && energy_gev > M_MU && energy_gev <= MAX_ENERGY_GEV {
        Ok(energy_gev)
    } else {
        Err(Error::out_of_range(
            "energy_gev",
            energy_gev,
            format!("muon total energy in GeV, must lie in (m_mu = {M_MU}, {MAX_ENERGY_GEV:e}]"),
        ))
    }
}

/// Checks a fractional energy transfer v = ε/E: finite, in [0, 1].
pub fn check_fraction(field: &str, v: f64) -> Result<f64> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(Error::out_of_range(
            field,
            v,
            "fraction of the muon energy, must lie in [0, 1]",
        ))
    }
}

/// A differential cross section value with its absolute error estimate (zero for closed
/// forms, the quadrature estimate for cross sections that are themselves integrals).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Differential {
    /// (N_A/A) dσ/dv in cm²/g.
    pub value: f64,
    /// Estimated absolute error, cm²/g.
    pub error: f64,
}

impl Differential {
    /// A closed-form value.
    pub fn exact(value: f64) -> Self {
        Differential { value, error: 0.0 }
    }
}

/// One mechanism of muon energy loss: its kinematic range and differential cross section
/// per unit mass, (N_A/A) dσ/dv, in v = ε/E (ε the energy transferred, E the muon total energy).
pub trait Process {
    /// Short name, e.g. `bremsstrahlung`.
    fn name(&self) -> &'static str;

    /// The kinematic range (v_min, v_max); the process is closed when v_max ≤ v_min.
    /// `energy_gev` must have passed [`check_energy`].
    fn limits(&self, material: &Material, energy_gev: f64) -> (f64, f64);

    /// (N_A/A) dσ/dv in cm²/g at v inside the limits (zero outside), with its error.
    /// `energy_gev` must have passed [`check_energy`].
    fn differential(&self, material: &Material, energy_gev: f64, v: f64) -> Result<Differential>;

    /// (N_A/A) dσ/dv in cm²/g, checking the inputs.
    fn dsigma_dv(&self, material: &Material, energy_gev: f64, v: f64) -> Result<f64> {
        check_energy(energy_gev)?;
        check_fraction("v", v)?;
        Ok(self.differential(material, energy_gev, v)?.value)
    }

    /// Mean energy loss per unit mass thickness ⟨−dE/dx⟩ = E (N_A/A) ∫ v dσ/dv dv over the
    /// whole kinematic range, in GeV cm²/g, with its error estimate.
    fn energy_loss(&self, material: &Material, energy_gev: f64) -> Result<Integral> {
        check_energy(energy_gev)?;
        let b = spectrum_moment(self, material, energy_gev, 0.0, 1.0, 1, TOL_OUTER)?;
        Ok(scale(b, energy_gev))
    }
}

/// Multiplies an integral and its error by a positive factor.
pub(crate) fn scale(integral: Integral, factor: f64) -> Integral {
    Integral {
        value: integral.value * factor,
        error: integral.error * factor,
        evaluations: integral.evaluations,
    }
}

/// (N_A/A) ∫ vᵏ dσ/dv dv over [v_lo, v_hi] ∩ kinematic range (k = `moment`), in cm²/g:
/// k = 0 is the probability of a transfer in the range per g/cm², k = 1 the fractional
/// energy loss b. Integrated in ln v with adaptive Gauss–Kronrod; the error estimate adds the
/// largest relative error of the inner integrals; `relative_tolerance` is the outer one (the integrand is non-negative, so this
/// bounds their contribution).
pub fn spectrum_moment<P: Process + ?Sized>(
    process: &P,
    material: &Material,
    energy_gev: f64,
    v_lo: f64,
    v_hi: f64,
    moment: i32,
    relative_tolerance: f64,
) -> Result<Integral> {
    check_energy(energy_gev)?;
    check_fraction("v_lo", v_lo)?;
    check_fraction("v_hi", v_hi)?;
    if v_hi < v_lo {
        return Err(Error::out_of_range(
            "v_hi",
            v_hi,
            format!("must not be below v_lo = {v_lo}"),
        ));
    }
    if !(relative_tolerance.is_finite() && relative_tolerance > 0.0 && relative_tolerance < 1.0) {
        return Err(Error::out_of_range(
            "relative_tolerance",
            relative_tolerance,
            "must lie in (0, 1)",
        ));
    }
    let (v_min, v_max) = process.limits(material, energy_gev);
    let lo = v_lo.max(v_min);
    let hi = v_hi.min(v_max);
    if hi <= lo || hi <= 0.0 {
        return Ok(Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        });
    }
    // A transfer spectrum starting at v = 0 (bremsstrahlung) is cut where it no longer matters.
    let lo = lo.max(hi * 1e-14);
    let mut inner_relative: f64 = 0.0;
    let what = format!("{} spectrum integral", process.name());
    let outer = try_integrate(
        &what,
        |t| {
            let v = t.exp();
            let d = process.differential(material, energy_gev, v)?;
            if d.value > 0.0 {
                inner_relative = inner_relative.max(d.error / d.value);
            }
            Ok(v.powi(moment + 1) * d.value)
        },
        lo.ln(),
        hi.ln(),
        Tolerance::relative(relative_tolerance),
    )?;
    Ok(Integral {
        value: outer.value,
        error: outer.error + inner_relative * outer.value.abs(),
        evaluations: outer.evaluations,
    })
}
