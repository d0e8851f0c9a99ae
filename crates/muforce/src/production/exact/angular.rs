//! The muon-angle integral: d²σ/(dx dθ) and dσ/dx (REFERENCE §1.3: dσ/dx = E dσ/dE′,
//! dσ/dE′ = (E′/|p′|) dσ/d|p′|, E′ = E(1 − x)), integrated in ln θ as REFERENCE §1.5 advises.

use super::differential::{Setup, T_CAP_GEV2};
use super::kinematics::{momentum, Masses, MuonFrame};
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
/// Width in e-folds of the region below the kinematic edge θ_kin integrated in
/// v = √(ln θ_kin − ln θ).
const EDGE_WIDTH: f64 = 1.0;
/// Share of the tolerance given to the inner (t) integrals.
const INNER_SHARE: f64 = 0.3;
/// Accuracy in ln θ of the angle where t_min reaches the cap of the t integral: the
/// integrand closes linearly there, so an end off by δ changes dσ/dx by O(δ²) of it.
const CAP_TOL: f64 = 1e-7;
/// Accuracy in ln θ of the breaks where t_min crosses a form-factor scale (a break only has
/// to be near the real part of the singularity it separates).
const CROSSING_TOL: f64 = 1e-3;

/// Where t_min(θ) stands against a level over an angle range.
enum Crossing {
    /// Below it over the whole range.
    Below,
    /// Crosses it at this ln θ.
    At(f64),
    /// Above it over the whole range.
    Above,
}

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
    /// (REFERENCE §1.2): 2M(V₀ − m_X) + V²(θ=0) − m_X² = 2M(V₀ − m_X) − Δ(θ=0).
    pub fn forward_excess(&self, e_out: f64) -> f64 {
        let Masses { mx, big_m, .. } = self.masses;
        2.0 * big_m * (self.energy - e_out - mx) - self.forward_delta(e_out)
    }

    /// Δ = m_X² − V² for forward emission (θ = 0) at outgoing energy `e_out` (REFERENCE
    /// §1.1), with V² = 2m² − 2(E E′ − |p||p′|) and the stable E E′ − |p||p′|.
    pub fn forward_delta(&self, e_out: f64) -> f64 {
        let Masses { m, mx, .. } = self.masses;
        let p = self.momentum;
        let p_out = momentum(e_out, m);
        let ee_pp = m * m * (self.energy.powi(2) + e_out * e_out - m * m)
            / (self.energy * e_out + p * p_out);
        mx * mx - 2.0 * m * m + 2.0 * ee_pp
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
        if !(theta_hi > theta_lo && theta_lo > 0.0) {
            return None;
        }
        let theta_hi = self.theta_t_cap(e_out, theta_lo, theta_hi)?;
        (theta_hi > theta_lo).then_some((theta_lo, theta_hi, theta_c))
    }

    /// The largest angle in [`lo`, `hi`] at which t_min stays below the cap of the t integral
    /// (t_min grows with θ; beyond the cap the integrand is exactly zero, and the edge where
    /// the t range closes must be an end of the θ integral): `hi` if t_min(hi) is below it,
    /// else the crossing; `None` if t_min(lo) is already above.
    fn theta_t_cap(&self, e_out: f64, lo: f64, hi: f64) -> Option<f64> {
        match self.t_min_crossing(e_out, lo, hi, T_CAP_GEV2, CAP_TOL)? {
            Crossing::Below => Some(hi),
            Crossing::At(ln_theta) => Some(ln_theta.exp()),
            Crossing::Above => None,
        }
    }

    /// Where t_min(θ) (which grows with θ) reaches `level` (GeV²) in [`lo`, `hi`], to
    /// `ln_tol` in ln θ, by Illinois regula falsi on the smooth ln t_min(ln θ), bisecting
    /// where a step leaves the physical region. `None` if the frame at `lo` is unphysical.
    fn t_min_crossing(
        &self,
        e_out: f64,
        lo: f64,
        hi: f64,
        level: f64,
        ln_tol: f64,
    ) -> Option<Crossing> {
        // ln(t_min/level) at ln θ, `None` outside the physical region.
        let excess = |ln_theta: f64| {
            MuonFrame::new(&self.masses, self.energy, e_out, ln_theta.exp())
                .map(|frame| (frame.t_min / level).ln())
        };
        // At θ_kin itself the frame is degenerate; just below it t_min has its limit there.
        let mut b = hi.ln();
        let mut fb = if let Some(f) = excess(b) {
            f
        } else {
            b = (hi * (1.0 - 1e-9)).ln();
            excess(b)?
        };
        if fb < 0.0 {
            return Some(Crossing::Below);
        }
        let mut a = lo.ln();
        let mut fa = excess(a)?;
        if fa >= 0.0 {
            return Some(Crossing::Above);
        }
        let mut side = 0;
        for _ in 0..100 {
            let secant = (a * fb - b * fa) / (fb - fa);
            let c = if secant > a && secant < b {
                secant
            } else {
                0.5 * (a + b)
            };
            let fc = excess(c).unwrap_or(f64::INFINITY);
            if fc < 0.0 {
                a = c;
                fa = fc;
                if side == -1 && fb.is_finite() {
                    fb *= 0.5;
                }
                side = -1;
            } else {
                b = c;
                fb = if fc.is_finite() { fc } else { 1.0 };
                if side == 1 {
                    fa *= 0.5;
                }
                side = 1;
            }
            if fc.abs() < 1e-12 {
                return Some(Crossing::At(c));
            }
            if b - a <= ln_tol * (1.0 + a.abs()) {
                break;
            }
        }
        Some(Crossing::At(a))
    }

    /// Breakpoints in ln θ at outgoing energy `e_out` over [θ_lo, θ_hi]: split at 0.3, 3 and
    /// 30 θ_c and where t_min(θ) crosses the form-factor scales 1/a² and d, pieces at most
    /// `max_gap` long. Where t_min passes a pole of G₂ (at t = −1/a², −d) the θ integrand
    /// has a complex singularity only π/4–π/2 off the real ln θ axis in the tail (t_min grows
    /// as θ² to θ⁴ there); without the break, the angle error in the tail cell of a 1 keV scalar on
    /// copper at 50 GeV is not monotone in the order (8e-4, 2e-4, 2.3e-3, 3e-5 of the cell at
    /// orders 4, 5, 6, 8), with it 7e-4, 3e-4, 6e-5, 3e-6. The crossings are only sought
    /// beyond 30 θ_c (the breaks below do not depend on them).
    pub fn theta_breaks(
        &self,
        e_out: f64,
        (theta_lo, theta_hi): (f64, f64),
        theta_c: f64,
        max_gap: f64,
    ) -> quadrature::Breaks {
        let screening = self.form_factor.screening();
        let mut scales = [
            (0.3 * theta_c).ln(),
            (3.0 * theta_c).ln(),
            (30.0 * theta_c).ln(),
            f64::NAN,
            f64::NAN,
        ];
        for (slot, level) in [
            1.0 / (screening * screening),
            self.form_factor.nuclear_size(),
        ]
        .into_iter()
        .enumerate()
        {
            let tail_start = 30.0 * theta_c;
            if theta_hi <= tail_start {
                continue;
            }
            if let Some(Crossing::At(ln_theta)) = self.t_min_crossing(
                e_out,
                tail_start.max(theta_lo),
                theta_hi,
                level,
                CROSSING_TOL,
            ) {
                scales[3 + slot] = ln_theta;
            }
        }
        quadrature::breakpoints(theta_lo.ln(), theta_hi.ln(), &scales, max_gap)
    }

    /// dσ/dx in GeV⁻² with the muon angle limited to θ ≤ `theta_max`, to `rel_tol` or the
    /// absolute `abs_tol` (GeV⁻²), whichever is looser.
    ///
    /// First by the product rule refined by class of muon angle (`cells`); where its ladder
    /// of orders ends before the tolerance is met, by the nested rules of
    /// [`Self::dsigma_dx_nested`].
    pub fn dsigma_dx(
        &self,
        x: f64,
        theta_max: f64,
        rel_tol: f64,
        abs_tol: f64,
    ) -> Result<Estimate> {
        if let Some(fast) = self.dsigma_dx_fast(x, theta_max, rel_tol, abs_tol) {
            return Ok(fast);
        }
        self.dsigma_dx_nested(x, theta_max, rel_tol, abs_tol)
    }

    /// dσ/dx as [`Self::dsigma_dx`] by nested error-controlled rules alone: below the
    /// kinematic edge θ_kin the t range closes as √(θ_kin − θ), and so does the integrand; the
    /// last [`EDGE_WIDTH`] e-folds below θ_kin are therefore integrated in
    /// v = √(ln θ_kin − ln θ), in which the integrand is smooth, with a cut θ_max inside them
    /// as the end v = √(ln θ_kin − ln θ_max); the angles below run in ln θ.
    pub fn dsigma_dx_nested(
        &self,
        x: f64,
        theta_max: f64,
        rel_tol: f64,
        abs_tol: f64,
    ) -> Result<Estimate> {
        let Some((theta_lo, theta_hi, theta_c)) = self.theta_range(x, theta_max) else {
            return Ok(Estimate::default());
        };
        let e_out = self.energy * (1.0 - x);
        let Some(theta_kin) = self.theta_kinematic(e_out) else {
            return Ok(Estimate::default());
        };
        let ln_kin = theta_kin.ln();
        // Start of the edge region (in ln θ); the ln θ part ends there or at the cut.
        let ln_edge = (ln_kin - EDGE_WIDTH).max(theta_lo.ln());
        let (ln_lo, ln_hi) = (theta_lo.ln(), theta_hi.ln());
        // The peak of the ln θ integrand sets the absolute accuracy the t integrals need; it
        // is sought away from θ_kin, where the integrand vanishes.
        let theta_peak = theta_c.clamp(theta_lo, theta_hi.min(theta_kin * (-0.25f64).exp()));
        let peak = theta_peak * self.d2sigma_dx_dtheta(x, theta_peak, 0.1, 0.0)?.value;
        let inner_abs = (INNER_SHARE * rel_tol * peak).max(INNER_SHARE * abs_tol);
        let mut failure = None;
        let mut at = |ln_theta: f64| {
            let theta = ln_theta.exp();
            match self.d2sigma_dx_dtheta(x, theta, INNER_SHARE * rel_tol, inner_abs / theta) {
                Ok(v) => v.scaled(theta),
                Err(e) => {
                    failure.get_or_insert(e);
                    Estimate::default()
                }
            }
        };
        let outer_rel = (1.0 - INNER_SHARE) * rel_tol;
        let outer_abs = 0.5 * (1.0 - INNER_SHARE) * abs_tol;
        let scales = [
            (0.3 * theta_c).ln(),
            (3.0 * theta_c).ln(),
            (30.0 * theta_c).ln(),
        ];
        let mut result = Estimate::default();
        // The ln θ part below the edge region (or below the cut, if it comes first).
        let ln_top = ln_hi.min(ln_edge);
        if ln_top > ln_lo {
            let breaks = quadrature::breakpoints(ln_lo, ln_top, &scales, MAX_GAP);
            let part = quadrature::integrate(
                "exact muon-angle integral",
                &mut at,
                &breaks,
                outer_rel,
                outer_abs,
                THETA_HALVINGS,
            )?;
            result.value += part.value;
            result.error += part.error;
        }
        // The edge region in v, ln θ = ln θ_kin − v²: dlnθ = 2v dv.
        if ln_hi > ln_edge {
            let v_lo = (ln_kin - ln_hi).max(0.0).sqrt();
            let v_hi = (ln_kin - ln_edge).sqrt();
            let v_scales = scales.map(|s| (ln_kin - s).max(0.0).sqrt());
            let breaks = quadrature::breakpoints(v_lo, v_hi, &v_scales, MAX_GAP);
            let part = quadrature::integrate(
                "exact muon-angle integral",
                |v: f64| at(ln_kin - v * v).scaled(2.0 * v),
                &breaks,
                outer_rel,
                outer_abs,
                THETA_HALVINGS,
            )?;
            result.value += part.value;
            result.error += part.error;
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(result),
        }
    }
}
