//! The muon-angle integral: d²σ/(dx dθ) and dσ/dx (REFERENCE §1.3: dσ/dx = E dσ/dE′,
//! dσ/dE′ = (E′/|p′|) dσ/d|p′|, E′ = E(1 − x)), integrated in ln θ as REFERENCE §1.5 advises.

use super::differential::Setup;
use super::kinematics::{momentum, Masses};
use super::quadrature::{self, Estimate};
use crate::error::Result;
use std::f64::consts::PI;

/// Smallest muon angle kept, in units of the characteristic angle θ_c (the integrand of
/// dσ/d ln θ grows as θ² below θ_c, so the part left out is ≲ 1e-6 of the total).
const THETA_LO: f64 = 1e-3;
/// Longest piece of the ln θ integral, in e-folds.
const MAX_GAP: f64 = 4.0;
/// Halvings allowed in the θ rule before its estimate is passed on as it is.
const THETA_HALVINGS: u32 = 2;
/// Share of the tolerance given to the inner (t) integrals.
const INNER_SHARE: f64 = 0.3;

impl Setup {
    /// Characteristic muon angle at energy fraction x: θ_c = x θ_X/(1 − x) with
    /// θ_X² = (m² + m_X²(1 − x)/x²)/E² (the collinear scale of ũ, REFERENCE §3.1, and
    /// transverse-momentum balance E′θ ≈ xEθ_X).
    pub fn theta_scale(&self, x: f64) -> f64 {
        let Masses { m, mx, .. } = self.masses;
        let theta_x = (m * m + mx * mx * (1.0 - x) / (x * x)).sqrt() / self.energy;
        (x * theta_x / (1.0 - x)).min(PI)
    }

    /// W² − (M + m_X)² for forward emission (θ = 0) at outgoing energy `e_out`
    /// (REFERENCE §1.2): 2M(V₀ − m_X) + V²(θ=0) − m_X², with the stable E E′ − |p||p′|.
    pub fn forward_excess(&self, e_out: f64) -> f64 {
        let Masses { m, mx, big_m } = self.masses;
        let p = self.momentum;
        let p_out = momentum(e_out, m);
        let ee_pp = m * m * (self.energy.powi(2) + e_out * e_out - m * m)
            / (self.energy * e_out + p * p_out);
        let v2_forward = 2.0 * m * m - 2.0 * ee_pp;
        2.0 * big_m * (self.energy - e_out - mx) + v2_forward - mx * mx
    }

    /// Largest muon angle allowed by W ≥ M + m_X at outgoing energy `e_out`
    /// (REFERENCE §1.2: V² falls by 4|p||p′| sin²(θ/2)), or `None` if no angle is.
    pub fn theta_kinematic(&self, e_out: f64) -> Option<f64> {
        let p_out = momentum(e_out, self.masses.m);
        if !(p_out > 0.0 && e_out < self.energy) {
            return None;
        }
        let excess = self.forward_excess(e_out);
        if excess <= 0.0 {
            return None;
        }
        let sin2_half = excess / (4.0 * self.momentum * p_out);
        Some(if sin2_half >= 1.0 {
            PI
        } else {
            2.0 * sin2_half.sqrt().asin()
        })
    }

    /// d²σ/(dx dθ) in GeV⁻² rad⁻¹: E (E′/|p′|) sin θ d²σ/(d|p′| d cos θ) at E′ = E(1 − x),
    /// to `rel_tol` or the absolute `abs_tol` (same units), whichever is looser.
    pub fn d2sigma_dx_dtheta(
        &self,
        x: f64,
        theta: f64,
        rel_tol: f64,
        abs_tol: f64,
    ) -> Result<Estimate> {
        let e_out = self.energy * (1.0 - x);
        let p_out = momentum(e_out, self.masses.m);
        if p_out <= 0.0 || theta <= 0.0 {
            return Ok(Estimate::default());
        }
        let jacobian = self.energy * e_out / p_out * theta.sin();
        let inner = self.d2sigma_dp_dcos(e_out, theta, rel_tol, abs_tol / jacobian)?;
        Ok(inner.scaled(jacobian))
    }

    /// The muon-angle range (θ_lo, θ_hi) integrated at energy fraction x with θ ≤
    /// `theta_max`, and the characteristic angle θ_c; `None` if it is empty.
    pub fn theta_range(&self, x: f64, theta_max: f64) -> Option<(f64, f64, f64)> {
        let e_out = self.energy * (1.0 - x);
        let theta_kin = self.theta_kinematic(e_out)?;
        let theta_hi = theta_max.min(theta_kin);
        let theta_c = self.theta_scale(x);
        let theta_lo = (THETA_LO * theta_c).min(0.5 * theta_hi);
        (theta_hi > theta_lo && theta_lo > 0.0).then_some((theta_lo, theta_hi, theta_c))
    }

    /// Breakpoints of the ln θ integral, split at 0.3, 3 and 30 θ_c, pieces at most
    /// `max_gap` long.
    pub fn theta_breaks(
        theta_lo: f64,
        theta_hi: f64,
        theta_c: f64,
        max_gap: f64,
    ) -> quadrature::Breaks {
        let scales = [
            (0.3 * theta_c).ln(),
            (3.0 * theta_c).ln(),
            (30.0 * theta_c).ln(),
        ];
        quadrature::breakpoints(theta_lo.ln(), theta_hi.ln(), &scales, max_gap)
    }

    /// dσ/dx in GeV⁻² with the muon angle limited to θ ≤ `theta_max`, to `rel_tol` or the
    /// absolute `abs_tol` (GeV⁻²), whichever is looser.
    pub fn dsigma_dx(
        &self,
        x: f64,
        theta_max: f64,
        rel_tol: f64,
        abs_tol: f64,
    ) -> Result<Estimate> {
        let Some((theta_lo, theta_hi, theta_c)) = self.theta_range(x, theta_max) else {
            return Ok(Estimate::default());
        };
        // The peak of the ln θ integrand sets the absolute accuracy the t integrals need.
        let theta_peak = theta_c.clamp(theta_lo, theta_hi);
        let peak = theta_peak * self.d2sigma_dx_dtheta(x, theta_peak, 0.1, 0.0)?.value;
        let inner_abs = (INNER_SHARE * rel_tol * peak).max(INNER_SHARE * abs_tol);
        let breaks = Self::theta_breaks(theta_lo, theta_hi, theta_c, MAX_GAP);
        let mut failure = None;
        let integrand = |ln_theta: f64| {
            let theta = ln_theta.exp();
            match self.d2sigma_dx_dtheta(x, theta, INNER_SHARE * rel_tol, inner_abs / theta) {
                Ok(v) => v.scaled(theta),
                Err(e) => {
                    failure.get_or_insert(e);
                    Estimate::default()
                }
            }
        };
        let result = quadrature::integrate(
            "exact muon-angle integral",
            integrand,
            &breaks,
            (1.0 - INNER_SHARE) * rel_tol,
            (1.0 - INNER_SHARE) * abs_tol,
            THETA_HALVINGS,
        )?;
        match failure {
            Some(e) => Err(e),
            None => Ok(result),
        }
    }
}
