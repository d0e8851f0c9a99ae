//! The total cross section with cuts, σ = ∫dx dσ/dx over the open and selected x range
//! (REFERENCE §1.3, §8 item 3), integrated in the logit u = ln(x/(1 − x)), which spreads
//! both the small-x rise and the x → 1 edge over a few units.

use super::differential::Setup;
use super::fast::logistic;
use super::quadrature::{self, Estimate};
use crate::error::Result;
use crate::production::Cuts;

/// Longest piece of the logit(x) integral.
const MAX_GAP: f64 = 4.0;
/// Halvings allowed in the x rule.
const X_HALVINGS: u32 = 3;
/// Share of the tolerance given to the inner (θ, t) integrals.
const INNER_SHARE: f64 = 0.3;

fn logit(x: f64) -> f64 {
    (x / (1.0 - x)).ln()
}

impl Setup {
    /// Smallest x = 1 − E′/E at which the process is open (W ≥ M + m_X at θ = 0), found by
    /// bisection on the threshold excess (REFERENCE §1.2).
    pub fn x_threshold(&self) -> f64 {
        let open = |x: f64| self.forward_excess(self.energy * (1.0 - x)) > 0.0;
        let (mut lo, mut hi) = (0.0, 1.0 - self.masses.m / self.energy);
        if !open(hi) {
            return hi;
        }
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if open(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
            if hi - lo <= 1e-15 * hi {
                break;
            }
        }
        hi
    }

    /// The x window open and kept by `cuts`, or `None` if it is empty.
    pub fn x_window(&self, cuts: &Cuts) -> Option<(f64, f64)> {
        let m = self.masses.m;
        let e_out_min = cuts.p_out_min.hypot(m);
        let x_lo = cuts.x_min.max(self.x_threshold());
        let x_hi = cuts.x_max.min(1.0 - e_out_min / self.energy);
        (x_hi > x_lo).then_some((x_lo, x_hi))
    }

    /// σ in GeV⁻² with `cuts`, to relative tolerance `rel_tol` (the caller checks the
    /// returned error against it): by the product rule refined by cell (`cells`) where its
    /// ladder of orders suffices, else by [`Self::total_nested`].
    pub fn total(&self, cuts: &Cuts, rel_tol: f64) -> Result<Estimate> {
        let Some((x_lo, x_hi)) = self.x_window(cuts) else {
            return Ok(Estimate::default());
        };
        // The window ends on an edge of phase space unless a cut closes it first.
        let lower_edge = x_lo > cuts.x_min;
        let upper_edge = x_hi < cuts.x_max && cuts.p_out_min == 0.0;
        let (u_lo, u_hi) = (logit(x_lo), logit(x_hi));
        if let Some(estimate) =
            self.total_product(cuts, u_lo, u_hi, lower_edge, upper_edge, rel_tol)
        {
            return Ok(estimate);
        }
        self.total_nested(cuts, rel_tol)
    }

    /// σ in GeV⁻² with `cuts` by the nested error-controlled integrals (adaptive in x), to
    /// relative tolerance `rel_tol`.
    pub fn total_nested(&self, cuts: &Cuts, rel_tol: f64) -> Result<Estimate> {
        let Some((x_lo, x_hi)) = self.x_window(cuts) else {
            return Ok(Estimate::default());
        };
        let (u_lo, u_hi) = (logit(x_lo), logit(x_hi));
        let breaks = quadrature::breakpoints(u_lo, u_hi, &[], MAX_GAP);
        // Pilot: the largest x(1 − x) dσ/dx at the piece centres sets the absolute accuracy
        // the inner integrals need.
        let mut peak = 0.0_f64;
        for pair in breaks.windows(2) {
            let x = logistic(0.5 * (pair[0] + pair[1]));
            let v = self.dsigma_dx(x, cuts.theta_max, 0.1, 0.0)?;
            peak = peak.max(x * (1.0 - x) * v.value);
        }
        let inner_abs = INNER_SHARE * rel_tol * peak;
        let mut failure = None;
        let integrand = |u: f64| {
            let x = logistic(u);
            let jacobian = x * (1.0 - x);
            match self.dsigma_dx(
                x,
                cuts.theta_max,
                INNER_SHARE * rel_tol,
                inner_abs / jacobian,
            ) {
                Ok(v) => v.scaled(jacobian),
                Err(e) => {
                    failure.get_or_insert(e);
                    Estimate::default()
                }
            }
        };
        let result = quadrature::integrate(
            "exact total cross section",
            integrand,
            &breaks,
            (1.0 - INNER_SHARE) * rel_tol,
            0.0,
            X_HALVINGS,
        )?;
        match failure {
            Some(e) => Err(e),
            None => Ok(result),
        }
    }
}
