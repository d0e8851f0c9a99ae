//! The binned Poisson likelihood with normalisation uncertainties on the signal and the
//! background, profiled: two nuisance parameters θ_s, θ_b with unit-Gaussian constraints and
//! log-normal responses,
//!
//!   ν_i(μ, θ) = μ s_i κ_s^θ_s + b_i κ_b^θ_b,  κ = 1 + σ,
//!   ln L(μ, θ) = Σ_i [n_i ln ν_i − ν_i] − (θ_s² + θ_b²)/2,
//!
//! which is HistFactory's `normsys` modifier with hi = κ, lo = 1/κ and exponential
//! interpolation (Cranmer et al., CERN-OPEN-2012-016, Eq. 7 and Table 1, "interpolation code 1";
//! pyhf's default for `normsys`). An uncorrelated bin-by-bin background uncertainty δ (the
//! κ of a cut and count, S/√(B + κ²B²)) multiplies each bin's background by γ_i with a
//! Gaussian constraint −(γ_i − 1)²/(2δ²): pyhf's `staterror` modifier with data δ b_i. The profile likelihood maximises ln L over θ at fixed μ
//! (Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554, Eq. 7) by damped Newton steps.

use crate::error::{Error, Result};

/// Relative (1σ) normalisation uncertainties of the signal and the background.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Systematics {
    /// σ_b: relative uncertainty of the background normalisation.
    pub background_rel: f64,
    /// σ_s: relative uncertainty of the signal normalisation (efficiency, luminosity, …).
    pub signal_rel: f64,
    /// δ: relative background uncertainty of each bin, uncorrelated between bins.
    pub background_bin_rel: f64,
}

/// Largest relative uncertainty accepted (κ = 11: a factor-of-ten uncertainty).
pub const MAX_REL_UNCERTAINTY: f64 = 10.0;

impl Systematics {
    /// No uncertainty: the likelihood of [`super::BinnedLikelihood`] without nuisances.
    pub const NONE: Systematics = Systematics {
        background_rel: 0.0,
        signal_rel: 0.0,
        background_bin_rel: 0.0,
    };

    /// Checks both uncertainties: finite and in [0, 10]; the message names the field.
    pub fn new(background_rel: f64, signal_rel: f64) -> Result<Self> {
        for (field, v) in [
            ("background_rel_uncertainty", background_rel),
            ("signal_rel_uncertainty", signal_rel),
        ] {
            if !(v.is_finite() && (0.0..=MAX_REL_UNCERTAINTY).contains(&v)) {
                return Err(Error::out_of_range(
                    field,
                    v,
                    format!(
                        "must be a relative (1 sigma) uncertainty in [0, {MAX_REL_UNCERTAINTY}]"
                    ),
                ));
            }
        }
        Ok(Systematics {
            background_rel,
            signal_rel,
            background_bin_rel: 0.0,
        })
    }

    /// The same with an uncorrelated bin-by-bin background uncertainty δ, finite and in
    /// [0, 1] (a Gaussian constraint on a linear response needs δ well below 1).
    pub fn with_bin_uncertainty(mut self, background_bin_rel: f64) -> Result<Self> {
        if !(background_bin_rel.is_finite() && (0.0..=1.0).contains(&background_bin_rel)) {
            return Err(Error::out_of_range(
                "background_bin_rel_uncertainty",
                background_bin_rel,
                "must be a relative (1 sigma) uncertainty in [0, 1]",
            ));
        }
        self.background_bin_rel = background_bin_rel;
        Ok(self)
    }

    /// Whether every uncertainty is zero.
    pub fn is_none(&self) -> bool {
        self.background_rel == 0.0 && self.signal_rel == 0.0 && self.background_bin_rel == 0.0
    }

    /// (ln κ_s, ln κ_b).
    fn log_kappas(self) -> (f64, f64) {
        (self.signal_rel.ln_1p(), self.background_rel.ln_1p())
    }
}

/// The bins of a likelihood: signal per unit μ, background and observed counts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bins<'a> {
    pub signal: &'a [f64],
    pub background: &'a [f64],
    pub observed: &'a [f64],
}

/// A point of the profile: μ, the conditional θ̂(μ) = (θ_s, θ_b) and the bin factors γ̂_i
/// (empty without a bin-by-bin uncertainty: all 1).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ProfilePoint {
    pub mu: f64,
    pub theta: [f64; 2],
    pub gamma: Vec<f64>,
}

impl ProfilePoint {
    /// The nominal point at μ: θ = 0, γ = 1.
    pub fn nominal(mu: f64) -> Self {
        ProfilePoint {
            mu,
            theta: [0.0, 0.0],
            gamma: Vec::new(),
        }
    }
}

/// γ_i of bin i (1 when there are no bin factors).
fn gamma_of(gamma: &[f64], i: usize) -> f64 {
    gamma.get(i).copied().unwrap_or(1.0)
}

impl Bins<'_> {
    /// (μ s_i κ_s^θ_s, b_i κ_b^θ_b γ_i) of bin i.
    fn parts(
        &self,
        i: usize,
        mu: f64,
        theta: [f64; 2],
        gamma: &[f64],
        (a, c): (f64, f64),
    ) -> (f64, f64) {
        (
            mu * self.signal[i] * (a * theta[0]).exp(),
            self.background[i] * (c * theta[1]).exp() * gamma_of(gamma, i),
        )
    }

    /// The Gaussian constraint of the bin factors: Σ (γ_i − 1)²/(2δ²).
    fn gamma_penalty(gamma: &[f64], sys: Systematics) -> f64 {
        if gamma.is_empty() {
            return 0.0;
        }
        let d2 = sys.background_bin_rel * sys.background_bin_rel;
        gamma.iter().map(|g| (g - 1.0) * (g - 1.0)).sum::<f64>() / (2.0 * d2)
    }

    /// ln L(μ, θ, γ) up to a constant.
    fn log_likelihood(&self, mu: f64, theta: [f64; 2], gamma: &[f64], sys: Systematics) -> f64 {
        let k = sys.log_kappas();
        let mut sum =
            -0.5 * (theta[0] * theta[0] + theta[1] * theta[1]) - Self::gamma_penalty(gamma, sys);
        for (i, n) in self.observed.iter().enumerate() {
            let (s, b) = self.parts(i, mu, theta, gamma, k);
            let nu = s + b;
            if nu > 0.0 {
                if *n > 0.0 {
                    sum += n * nu.ln();
                }
                sum -= nu;
            }
        }
        sum
    }

    /// Gradient and Hessian of ln L in θ at fixed μ and γ.
    fn derivatives(
        &self,
        mu: f64,
        theta: [f64; 2],
        gamma: &[f64],
        sys: Systematics,
    ) -> ([f64; 2], [[f64; 2]; 2]) {
        let (a, c) = sys.log_kappas();
        let mut g = [-theta[0], -theta[1]];
        let mut h = [[-1.0, 0.0], [0.0, -1.0]];
        for (i, n) in self.observed.iter().enumerate() {
            let (s, b) = self.parts(i, mu, theta, gamma, (a, c));
            let nu = s + b;
            if nu <= 0.0 {
                continue;
            }
            let w = n / nu - 1.0;
            let (ds, db) = (a * s, c * b);
            g[0] += w * ds;
            g[1] += w * db;
            let r = n / (nu * nu);
            h[0][0] += w * a * ds - r * ds * ds;
            h[1][1] += w * c * db - r * db * db;
            h[0][1] -= r * ds * db;
        }
        h[1][0] = h[0][1];
        (g, h)
    }

    /// The profile at fixed μ: θ̂(μ) and the bin factors γ̂_i(μ). Without a bin-by-bin
    /// uncertainty this is the Newton maximisation over θ alone; with one, the γ_i (each the
    /// root of a quadratic given θ, ln L being concave in γ_i) and θ are maximised in turn
    /// until ln L changes by less than its rounding.
    pub fn profile(&self, mu: f64, sys: Systematics, start: [f64; 2]) -> Result<ProfilePoint> {
        if sys.background_bin_rel == 0.0 {
            let theta = self.profile_theta(mu, sys, start, &[])?;
            return Ok(ProfilePoint {
                mu,
                theta,
                gamma: Vec::new(),
            });
        }
        let expected: f64 =
            self.background.iter().sum::<f64>() + mu * self.signal.iter().sum::<f64>();
        let tolerance = 1e-13 * expected.max(1.0);
        let mut theta = start;
        let mut value = f64::NEG_INFINITY;
        for _ in 0..500 {
            let gamma = self.best_gamma(mu, theta, sys);
            theta = self.profile_theta(mu, sys, theta, &gamma)?;
            let v = self.log_likelihood(mu, theta, &gamma, sys);
            if (v - value).abs() <= tolerance {
                return Ok(ProfilePoint { mu, theta, gamma });
            }
            value = v;
        }
        Err(Error::NotConverged {
            what: format!("profile of the bin-by-bin background factors at mu = {mu:e}"),
            achieved: 1.0,
            requested: 1e-13,
        })
    }

    /// The γ_i maximising ln L at fixed μ and θ: f'(γ) = n c/(S + cγ) − c − (γ − 1)/δ² = 0
    /// with S = μ s_i κ_s^θ_s, c = b_i κ_b^θ_b, i.e. cγ² + (c²δ² + S − c)γ − (S + cδ²(n − S)) = 0,
    /// its larger root in the cancellation-free form.
    fn best_gamma(&self, mu: f64, theta: [f64; 2], sys: Systematics) -> Vec<f64> {
        let d2 = sys.background_bin_rel * sys.background_bin_rel;
        (0..self.observed.len())
            .map(|i| {
                let (s, c) = self.parts(i, mu, theta, &[], sys.log_kappas());
                if c <= 0.0 {
                    return 1.0;
                }
                let n = self.observed[i];
                let b1 = c * c * d2 + s - c;
                let c0 = -(s + c * d2 * (n - s));
                let root = (b1 * b1 - 4.0 * c * c0).max(0.0).sqrt();
                if b1 > 0.0 {
                    -2.0 * c0 / (b1 + root)
                } else {
                    (root - b1) / (2.0 * c)
                }
            })
            .collect()
    }

    /// θ̂(μ) at fixed μ and bin factors γ: the maximum of ln L over θ by Newton steps with
    /// backtracking (Levenberg–Marquardt shifted where the Hessian is not negative definite).
    /// Only the θ of a non-zero uncertainty moves.
    fn profile_theta(
        &self,
        mu: f64,
        sys: Systematics,
        start: [f64; 2],
        gamma: &[f64],
    ) -> Result<[f64; 2]> {
        let free = [sys.signal_rel > 0.0, sys.background_rel > 0.0];
        let mut theta = [
            if free[0] { start[0] } else { 0.0 },
            if free[1] { start[1] } else { 0.0 },
        ];
        let mut value = self.log_likelihood(mu, theta, gamma, sys);
        let expected: f64 = (0..self.observed.len())
            .map(|i| {
                let (s, b) = self.parts(i, mu, theta, gamma, sys.log_kappas());
                s + b
            })
            .sum();
        let tolerance = 1e-13 * expected.max(1.0);
        for _ in 0..200 {
            let (mut g, mut h) = self.derivatives(mu, theta, gamma, sys);
            for k in 0..2 {
                if !free[k] {
                    g[k] = 0.0;
                    h[k] = [0.0, 0.0];
                    h[0][k] = 0.0;
                    h[1][k] = 0.0;
                    h[k][k] = -1.0;
                }
            }
            // Newton's step; where the Hessian is not negative definite, the step of the
            // Hessian shifted below zero (a Levenberg–Marquardt step).
            let trace = h[0][0] + h[1][1];
            let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            let largest = 0.5 * trace + (0.25 * trace * trace - det).max(0.0).sqrt();
            if largest >= 0.0 {
                let shift = largest + 1.0 + 1e-3 * trace.abs();
                h[0][0] -= shift;
                h[1][1] -= shift;
            }
            let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            let step = [
                -(h[1][1] * g[0] - h[0][1] * g[1]) / det,
                -(h[0][0] * g[1] - h[1][0] * g[0]) / det,
            ];
            // The increase of ln L the step promises: stop when it is below the rounding of
            // ln L itself (1e-13 relative to the expected events, at least 1e-13).
            let promised = 0.5 * (g[0] * step[0] + g[1] * step[1]);
            if promised.is_nan() || promised <= tolerance {
                return Ok(theta);
            }
            let mut t = 1.0;
            let mut moved = false;
            for _ in 0..60 {
                let trial = [theta[0] + t * step[0], theta[1] + t * step[1]];
                let v = self.log_likelihood(mu, trial, gamma, sys);
                if v.is_finite() && v >= value {
                    theta = trial;
                    moved = v > value || t * step[0].abs().max(step[1].abs()) < 1e-14;
                    value = v;
                    break;
                }
                t *= 0.5;
            }
            if !moved {
                // No step raises ln L: the maximum at working precision.
                return Ok(theta);
            }
        }
        Err(Error::NotConverged {
            what: format!("profile of the nuisance parameters at mu = {mu:e}"),
            achieved: 1.0,
            requested: 1e-10,
        })
    }

    /// ∂ ln L/∂μ at (μ, θ): the derivative of the profile likelihood at θ = θ̂(μ).
    pub fn score(&self, point: &ProfilePoint, sys: Systematics) -> f64 {
        let (a, _) = sys.log_kappas();
        let scale = (a * point.theta[0]).exp();
        let mut d = 0.0;
        for (i, n) in self.observed.iter().enumerate() {
            let (s, b) = self.parts(i, point.mu, point.theta, &point.gamma, sys.log_kappas());
            let nu = s + b;
            if nu > 0.0 {
                d += n * self.signal[i] * scale / nu;
            }
            d -= self.signal[i] * scale;
        }
        d
    }

    /// ln L(hat) − ln L(at) bin by bin, with differences formed before the sums (no
    /// cancellation between large sums when the counts are large).
    pub fn log_ratio(&self, hat: &ProfilePoint, at: &ProfilePoint, sys: Systematics) -> f64 {
        let (a, c) = sys.log_kappas();
        let mut sum = 0.5
            * (at.theta[0] * at.theta[0] + at.theta[1] * at.theta[1]
                - hat.theta[0] * hat.theta[0]
                - hat.theta[1] * hat.theta[1])
            + Self::gamma_penalty(&at.gamma, sys)
            - Self::gamma_penalty(&hat.gamma, sys);
        let signal_scale = (a * at.theta[0]).exp();
        let b_hat_scale = (c * hat.theta[1]).exp();
        let delta = c * (at.theta[1] - hat.theta[1]);
        for (i, n) in self.observed.iter().enumerate() {
            let (s_hat, b_hat) = self.parts(i, hat.mu, hat.theta, &hat.gamma, (a, c));
            let nu_hat = s_hat + b_hat;
            let (g_at, g_hat) = (gamma_of(&at.gamma, i), gamma_of(&hat.gamma, i));
            // ν(at) − ν(hat), each part as a difference of like terms:
            // b κ^θ̂ [e^{cΔθ}(γ − γ̂) + γ̂ (e^{cΔθ} − 1)].
            let background_change =
                b_hat_scale * (delta.exp() * (g_at - g_hat) + g_hat * delta.exp_m1());
            let d = self.signal[i] * (at.mu * signal_scale - hat.mu * (a * hat.theta[0]).exp())
                + self.background[i] * background_change;
            sum += d;
            if *n > 0.0 && nu_hat > 0.0 {
                sum -= n * (d / nu_hat).ln_1p();
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One bin, background uncertainty only, n = b: θ̂_b = 0 at μ = 0; at μ > 0 the background
    /// is pulled down to absorb part of the signal. For n = ν exactly the gradient in θ_b is
    /// −θ_b, so the profile at μ = 0 stays at 0 (a fixed point of the Newton iteration).
    #[test]
    fn profile_of_asimov_data() {
        let bins = Bins {
            signal: &[10.0],
            background: &[100.0],
            observed: &[100.0],
        };
        let sys = Systematics::new(0.1, 0.0).unwrap();
        let at_zero = bins.profile(0.0, sys, [0.0, 0.0]).unwrap();
        assert!(at_zero.theta[1].abs() < 1e-12);
        let at_one = bins.profile(1.0, sys, [0.0, 0.0]).unwrap();
        assert!(at_one.theta[1] < 0.0);
        // Stationarity by hand: (n/ν − 1) b c κ^θ = θ with c = ln 1.1.
        let c = 1.1_f64.ln();
        let b = 100.0 * (c * at_one.theta[1]).exp();
        let lhs = (100.0 / (10.0 + b) - 1.0) * b * c;
        // The iteration stops when a step promises less than 1e-13 × 110 events in ln L, i.e. a
        // gradient below ≈ √(2 × 1.1e-11 × |H|) ≈ 7e-6.
        assert!(
            (lhs - at_one.theta[1]).abs() < 1e-5,
            "{lhs} {:?}",
            at_one.theta
        );
        // The profiled ratio is smaller than the unprofiled one (θ absorbs signal).
        let fixed = ProfilePoint::nominal(1.0);
        assert!(bins.log_ratio(&at_zero, &at_one, sys) < bins.log_ratio(&at_zero, &fixed, sys));
    }

    #[test]
    fn bad_uncertainties_name_the_field() {
        for (b, s, field) in [
            (-0.1, 0.0, "background_rel_uncertainty"),
            (f64::NAN, 0.0, "background_rel_uncertainty"),
            (0.0, f64::INFINITY, "signal_rel_uncertainty"),
            (0.0, 11.0, "signal_rel_uncertainty"),
        ] {
            let e = Systematics::new(b, s).unwrap_err().to_string();
            assert!(e.starts_with(field), "{e}");
        }
        assert!(Systematics::new(0.0, 0.0).unwrap().is_none());
    }
}
