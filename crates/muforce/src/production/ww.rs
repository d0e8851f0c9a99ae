//! Weizsäcker–Williams (WW) cross section of μN → μNX with an angle-dependent t_min
//! (REFERENCE §3.1; Liu–McKeen–Miller arXiv:1609.06781, Liu–Miller arXiv:1705.01633).
//!
//! dσ/(dx dcos θ_X) = (g²/4π) α² 2|k| E (1−x) χ(t_min(ũ), t_max) A_X(ũ, x)/ũ², with
//! ũ = −xE²θ_X² − m_X²(1−x)/x − m_μ²x (small angle), t_min = (ũ/(2E(1−x)))²,
//! t_max = m_X² + m_μ² (the Liu–Miller choice). dσ/dx integrates ln θ_X from far below the
//! peak θ_X ~ √(m_μ² + m_X²(1−x)/x²)/E up to min(0.5 rad, the angle where t_min reaches t_max,
//! the muon-angle cut); REFERENCE §8 item 3 integrates θ_X up to 0.5 too.
//!
//! χ is read from a flux table (`flux_table` module) built once per call (cubic Hermite in
//! ln t_min with exact derivatives); its conservative interpolation error is added to the
//! reported error.

use crate::error::Result;
use crate::numerics::{try_integrate, Integral, Tolerance};
use crate::production::amplitude::Amplitude;
use crate::production::flux_table::FluxTable;
use crate::production::kinematics::{
    accept, check_inputs, check_x, integrate_x, k_over_e, kinematic_range, theta_x_limit, x_window,
};
use crate::production::{Cuts, Process};
use crate::units::{ALPHA, M_MU};
use std::f64::consts::PI;

/// Upper end of the θ_X integration, rad (REFERENCE §3.1, §8 item 3).
pub const THETA_X_MAX: f64 = 0.5;
/// Lower end of the θ_X integration relative to the peak angle (the integrand ∝ θ_X² below
/// the peak, so the neglected part is ~10⁻⁸ of the total).
const THETA_LO_OVER_PEAK: f64 = 1e-4;

/// The WW calculation for one process and beam energy: flux table and constants.
pub(crate) struct Ww<'a> {
    process: &'a Process,
    energy: f64,
    t_max: f64,
    pub(crate) table: FluxTable,
}

impl<'a> Ww<'a> {
    pub(crate) fn new(process: &'a Process, energy: f64, rel_tol: f64) -> Result<Self> {
        let mass = process.mass_gev;
        let t_max = mass * mass + M_MU * M_MU;
        // t_min ≥ (ũ_max/2E)² and |ũ_max| ≥ min(√2 m_X m_μ, m_μ²/2) for any x.
        let u_floor = (std::f64::consts::SQRT_2 * mass * M_MU).min(0.5 * M_MU * M_MU);
        let t_lo = (0.5 * u_floor / energy).powi(2) * 0.5;
        let table_tol = (0.05 * rel_tol).clamp(1e-10, 1e-4);
        let table = FluxTable::new(
            &process.form_factor,
            t_lo.min(0.5 * t_max),
            t_max,
            table_tol,
        )?;
        Ok(Ww {
            process,
            energy,
            t_max,
            table,
        })
    }

    /// The x-dependent constants of the angular density; `None` where x is closed.
    fn at_x(&self, x: f64) -> Option<AtX> {
        let (e, mass) = (self.energy, self.process.mass_gev);
        let k = k_over_e(mass, e, x) * e;
        if k <= 0.0 || x >= 1.0 {
            return None;
        }
        let amp = Amplitude::new(self.process.spin, mass, x);
        let u_max = amp.u_max();
        let y = 1.0 - x;
        // θ_X where t_min(ũ) = t_max: x E² θ² = 2E(1−x)√t_max − |ũ_max|.
        let room = 2.0 * e * y * self.t_max.sqrt() + u_max;
        if room <= 0.0 {
            return None;
        }
        Some(AtX {
            theta_hi: THETA_X_MAX.min((room / (x * e * e)).sqrt()),
            theta_peak: (-u_max / x).sqrt() / e,
            front: self.process.coupling.powi(2) * ALPHA * ALPHA / (4.0 * PI) * 2.0 * k * e * y,
            amp,
            u_max,
            x,
            y,
        })
    }

    /// d²σ/(dx d ln θ_X) / `front` at θ_X (the integrand of the angular integral).
    fn angular(&self, c: &AtX, theta: f64) -> Result<f64> {
        let e = self.energy;
        let u = c.u_max - c.x * e * e * theta * theta;
        let t_min = (u / (2.0 * e * c.y)).powi(2);
        let chi = self.table.eval(t_min)?;
        Ok(theta * theta.sin() * chi * c.amp.at(u) / (u * u))
    }

    /// d²σ/(dx d ln θ_X) in GeV⁻² at x = E_X/E and X angle `theta` (the WW form above); zero
    /// where x is closed and beyond the angular range of [`Self::dsigma_dx`].
    pub(crate) fn d2sigma_dx_dln_theta(&self, x: f64, theta: f64) -> Result<f64> {
        match self.at_x(x) {
            Some(c) if theta > 0.0 && theta <= c.theta_hi => Ok(c.front * self.angular(&c, theta)?),
            _ => Ok(0.0),
        }
    }

    /// dσ/dx with θ_X ≤ `theta_cut`, integrated to `rel_tol`.
    pub(crate) fn dsigma_dx(
        &self,
        x: f64,
        theta_cut: Option<f64>,
        rel_tol: f64,
    ) -> Result<Integral> {
        let zero = Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        };
        let Some(c) = self.at_x(x) else {
            return Ok(zero);
        };
        let theta_hi = c.theta_hi.min(theta_cut.unwrap_or(f64::INFINITY));
        let theta_lo = THETA_LO_OVER_PEAK * c.theta_peak;
        if theta_hi <= theta_lo {
            return Ok(zero);
        }
        let integrand = |s: f64| self.angular(&c, s.exp());
        let tol = Tolerance::relative(rel_tol);
        let mut breaks = vec![theta_lo.ln()];
        if c.theta_peak < theta_hi {
            breaks.push(c.theta_peak.ln());
        }
        breaks.push(theta_hi.ln());
        let mut sum = zero;
        for pair in breaks.windows(2) {
            let part = try_integrate("WW angular integral", integrand, pair[0], pair[1], tol)?;
            sum.value += part.value;
            sum.error += part.error;
            sum.evaluations += part.evaluations;
        }
        Ok(Integral {
            value: c.front * sum.value,
            error: c.front * sum.error,
            evaluations: sum.evaluations,
        })
    }
}

/// The constants of the WW angular density at one x.
struct AtX {
    amp: Amplitude,
    u_max: f64,
    x: f64,
    y: f64,
    /// Upper end of θ_X: 0.5 rad or where t_min reaches t_max.
    theta_hi: f64,
    /// θ_X of the peak of the angular density.
    theta_peak: f64,
    /// The prefactor (g²/4π) α² 2|k| E (1−x), GeV.
    front: f64,
}

/// WW dσ/dx in GeV⁻² at energy fraction x = E_X/E, integrated over θ_X ≤ 0.5 rad to relative
/// tolerance `rel_tol` (REFERENCE §3.1; Liu–McKeen–Miller arXiv:1609.06781 and Liu–Miller
/// arXiv:1705.01633, WW form of dσ/(dx dcos θ_X)). Zero outside m_X/E < x < 1 − m_μ/E;
/// x outside [0, 1] is an error.
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
    let ww = Ww::new(process, energy_gev, rel_tol)?;
    let r = ww.dsigma_dx(x, None, 0.5 * rel_tol)?;
    let error = r.error + ww.table.rel_error() * r.value;
    accept("WW dσ/dx", r.value, error, r.evaluations, rel_tol)
}

/// WW total cross section in GeV⁻² over the x window left by `cuts` (REFERENCE §3.1, §8
/// item 3), to relative tolerance `rel_tol`. The muon-angle cut θ_μ ≤ θ_max is applied as
/// θ_X ≤ θ_max p′/|k| ≈ θ_max (1−x)/x (transverse-momentum balance in the collinear 2 → 2
/// picture, small angles; see `kinematics::theta_x_limit`).
pub fn total(process: &Process, energy_gev: f64, cuts: &Cuts, rel_tol: f64) -> Result<Integral> {
    check_inputs(process, energy_gev, rel_tol)?;
    let (lo, hi) = x_window(process, energy_gev, cuts)?;
    let ww = Ww::new(process, energy_gev, rel_tol)?;
    let inner_tol = 0.1 * rel_tol;
    let mut inner_rel = 0.0_f64;
    let mut evaluations = 0;
    let outer = integrate_x(
        "WW x integral",
        process.mass_gev,
        |x| {
            let cut = theta_x_limit(process, energy_gev, cuts, x);
            let r = ww.dsigma_dx(x, cut, inner_tol)?;
            inner_rel = inner_rel.max(r.relative_error());
            evaluations += r.evaluations;
            Ok(r.value)
        },
        lo,
        hi,
        0.5 * rel_tol,
    )?;
    let error = outer.error + (inner_rel + ww.table.rel_error()) * outer.value.abs();
    accept(
        "WW total cross section",
        outer.value,
        error,
        evaluations,
        rel_tol,
    )
}
