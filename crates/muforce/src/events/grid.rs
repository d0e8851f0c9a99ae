//! The table's x coordinate: v ∈ [0, 1], uniform in logit x = ln(x/(1 − x)) between the
//! kinematic limits m_X/E and 1 − m_μ/E. The logit spreads both the threshold rise at small x
//! and the x → 1 edge over several nodes, where a uniform x grid puts one cell (the same
//! variable as the exact total cross section's x integral, `production::exact::total`).

use crate::error::{Error, Result};
use crate::units::M_MU;

/// A selection on x = 1 − E′/E applied when the events are made: fixed limits and limits on
/// the outgoing muon's energy or momentum, which move with the beam energy E (the signal
/// selection of an experiment, e.g. NA64μ's E′ < 80 GeV). The default is the kinematic range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XWindow {
    /// Smallest x.
    pub x_min: f64,
    /// Largest x.
    pub x_max: f64,
    /// The outgoing muon must have E′ < this (GeV): x > 1 − E′_max/E.
    pub e_out_max_gev: Option<f64>,
    /// The outgoing muon must have p′ ≥ this (GeV): x ≤ 1 − √(p′² + m_μ²)/E.
    pub p_out_min_gev: f64,
}

impl Default for XWindow {
    fn default() -> Self {
        XWindow {
            x_min: 0.0,
            x_max: 1.0,
            e_out_max_gev: None,
            p_out_min_gev: 0.0,
        }
    }
}

impl XWindow {
    /// The open x range (lo, hi) for X mass `m_x` at beam energy `energy` (GeV): the
    /// kinematic limits m_X/E < x < 1 − m_μ/E intersected with the selection; `None` where
    /// it is empty.
    pub fn limits(&self, m_x: f64, energy: f64) -> Option<(f64, f64)> {
        let mut lo = (m_x / energy).max(self.x_min);
        if let Some(e_out) = self.e_out_max_gev {
            lo = lo.max(1.0 - e_out / energy);
        }
        let e_out_min = self.p_out_min_gev.hypot(M_MU);
        let hi = (1.0 - M_MU / energy)
            .min(self.x_max)
            .min(1.0 - e_out_min / energy);
        (energy.is_finite() && lo > 0.0 && lo < hi).then_some((lo, hi))
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<()> {
        if !((0.0..1.0).contains(&self.x_min) && self.x_max > self.x_min && self.x_max <= 1.0) {
            return Err(Error::out_of_range(
                "x_min/x_max",
                format!("{}/{}", self.x_min, self.x_max),
                "need 0 <= x_min < x_max <= 1",
            ));
        }
        if let Some(e) = self.e_out_max_gev {
            if !(e.is_finite() && e > 0.0) {
                return Err(Error::out_of_range(
                    "e_out_max_gev",
                    e,
                    "must be finite and > 0",
                ));
            }
        }
        if !(self.p_out_min_gev.is_finite() && self.p_out_min_gev >= 0.0) {
            return Err(Error::out_of_range(
                "p_out_min_gev",
                self.p_out_min_gev,
                "must be finite and >= 0",
            ));
        }
        Ok(())
    }
}

/// The map v ↦ x at one beam energy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XMap {
    u0: f64,
    du: f64,
}

impl XMap {
    /// The map for X mass `m_x` and beam energy `energy` (GeV); an error when no x is open
    /// (E ≤ m_X + m_μ).
    pub fn new(m_x: f64, energy: f64) -> Result<Self> {
        let (lo, hi) = (m_x / energy, 1.0 - M_MU / energy);
        if !(energy.is_finite() && lo > 0.0 && lo < hi) {
            return Err(Error::out_of_range(
                "energy",
                energy,
                "must exceed m_X + m_mu (no allowed x otherwise)",
            ));
        }
        Ok(Self::between(lo, hi))
    }

    /// The map for X mass `m_x` at beam energy `energy` over the x range the `window` leaves
    /// open; an error when it is empty.
    pub fn within(m_x: f64, energy: f64, window: &XWindow) -> Result<Self> {
        let (lo, hi) = window.limits(m_x, energy).ok_or_else(|| {
            Error::out_of_range(
                "energy",
                energy,
                "leaves no x inside the kinematic limits and the selection",
            )
        })?;
        Ok(Self::between(lo, hi))
    }

    /// The map uniform in logit x on [lo, hi] (0 < lo < hi < 1).
    fn between(lo: f64, hi: f64) -> Self {
        let u0 = logit(lo);
        XMap {
            u0,
            du: logit(hi) - u0,
        }
    }

    /// x at v.
    pub fn x(&self, v: f64) -> f64 {
        1.0 / (1.0 + (-(self.u0 + v * self.du)).exp())
    }

    /// dx/dv = x (1 − x) Δu.
    pub fn dx_dv(&self, v: f64) -> f64 {
        let x = self.x(v);
        x * (1.0 - x) * self.du
    }

    /// v at x (the inverse of [`XMap::x`]).
    pub fn v(&self, x: f64) -> f64 {
        (logit(x) - self.u0) / self.du
    }
}

fn logit(x: f64) -> f64 {
    (x / (1.0 - x)).ln()
}
