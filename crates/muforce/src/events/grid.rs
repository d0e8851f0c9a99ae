//! The table's x coordinate: v ∈ [0, 1], uniform in logit x = ln(x/(1 − x)) between the
//! kinematic limits m_X/E and 1 − m_μ/E. The logit spreads both the threshold rise at small x
//! and the x → 1 edge over several nodes, where a uniform x grid puts one cell (the same
//! variable as the exact total cross section's x integral, `production::exact::total`).

use crate::error::{Error, Result};
use crate::units::M_MU;

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
        let u0 = logit(lo);
        Ok(XMap {
            u0,
            du: logit(hi) - u0,
        })
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
