//! A fixed product rule for the total cross section: Gauss–Legendre of one order on every
//! physics piece of logit x, ln θ and ln t (the same breakpoints as the nested integrals),
//! evaluated at successive orders; their difference is the error estimate. Where it misses the
//! tolerance the caller falls back to the nested, error-controlled integrals.

use super::differential::Setup;
use super::kinematics::{momentum, MuonFrame};
use super::quadrature::Estimate;
use crate::numerics::GaussLegendre;
use crate::production::Cuts;
use crate::units::ALPHA;
use std::f64::consts::PI;
use std::sync::OnceLock;

/// Longest piece in logit x, ln θ and ln t, in e-folds.
const X_GAP: f64 = 4.0;
const THETA_GAP: f64 = 8.0;
const T_GAP: f64 = 4.5;
/// Gauss–Legendre orders compared by [`Setup::dsigma_dx_fast`].
const DIFFERENTIAL_ORDERS: [usize; 2] = [6, 8];
/// Form-factor and mass scales closer than this (e-folds) to another break are dropped.
const T_MIN_SEP: f64 = 1.0;

/// The Gauss–Legendre rule with `n` points (cached for the orders used here).
pub(crate) fn rule(n: usize) -> &'static GaussLegendre {
    static RULES: OnceLock<Vec<GaussLegendre>> = OnceLock::new();
    let rules = RULES.get_or_init(|| (0..=16).map(GaussLegendre::new).collect());
    &rules[n.min(16)]
}

fn logistic(u: f64) -> f64 {
    1.0 / (1.0 + (-u).exp())
}

impl Setup {
    /// σ in GeV⁻² by the product rule with `n` Gauss–Legendre points per piece in each
    /// variable, over the x window (u_lo, u_hi) in logit x.
    pub fn total_product(&self, cuts: &Cuts, u_lo: f64, u_hi: f64, n: usize) -> f64 {
        let gl = rule(n);
        let u_breaks = super::quadrature::breakpoints(u_lo, u_hi, &[], X_GAP);
        let mut sum = 0.0;
        for pair in u_breaks.windows(2) {
            for (u, w) in gl.mapped(pair[0], pair[1]) {
                let x = logistic(u);
                sum += w * x * (1.0 - x) * self.dsigma_dx_product(x, cuts.theta_max, gl);
            }
        }
        sum
    }

    /// dσ/dx in GeV⁻² by the product rule at two successive orders, if they agree within
    /// max(`rel_tol`·|value|, `abs_tol`) (the difference is then the error estimate of the
    /// higher order); `None` if they do not, for the caller to use the nested integrals.
    pub fn dsigma_dx_fast(
        &self,
        x: f64,
        theta_max: f64,
        rel_tol: f64,
        abs_tol: f64,
    ) -> Option<Estimate> {
        let [low, high] = DIFFERENTIAL_ORDERS;
        let previous = self.dsigma_dx_product(x, theta_max, rule(low));
        let value = self.dsigma_dx_product(x, theta_max, rule(high));
        // Twice the difference: the higher order need not be much better than the lower one
        // where the t integrals converge slowly, so the difference alone can fall short.
        let error = 2.0 * (value - previous).abs();
        (value.is_finite() && error <= (rel_tol * value.abs()).max(abs_tol))
            .then_some(Estimate { value, error })
    }

    /// dσ/dx by the product rule `gl` in ln θ and ln t.
    fn dsigma_dx_product(&self, x: f64, theta_max: f64, gl: &GaussLegendre) -> f64 {
        let Some((theta_lo, theta_hi, theta_c)) = self.theta_range(x, theta_max) else {
            return 0.0;
        };
        let e_out = self.energy * (1.0 - x);
        let p_out = momentum(e_out, self.masses.m);
        let breaks = Self::theta_breaks(theta_lo, theta_hi, theta_c, THETA_GAP);
        let mut sum = 0.0;
        for pair in breaks.windows(2) {
            for (ln_theta, w) in gl.mapped(pair[0], pair[1]) {
                let theta = ln_theta.exp();
                let Some(frame) = MuonFrame::new(&self.masses, self.energy, e_out, theta) else {
                    continue;
                };
                let Some(t_breaks) = self.t_breaks(&frame, T_GAP, T_MIN_SEP) else {
                    continue;
                };
                let mut inner = 0.0;
                for t_pair in t_breaks.windows(2) {
                    for (ln_t, wt) in gl.mapped(t_pair[0], t_pair[1]) {
                        inner += wt * self.t_integrand(&frame, ln_t).value;
                    }
                }
                // d²σ/(d|p′| dcos θ) prefactor and dσ/dx = E (E′/|p′|) sin θ θ per ln θ.
                let prefactor = ALPHA * ALPHA * self.coupling2 * frame.p_out * frame.p_out
                    / (16.0 * PI * frame.p * frame.e_out * frame.v_abs);
                let jacobian = self.energy * e_out / p_out * theta.sin() * theta;
                sum += w * prefactor * jacobian * inner;
            }
        }
        sum
    }
}
