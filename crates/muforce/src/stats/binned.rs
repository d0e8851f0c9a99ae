//! Binned Poisson likelihood with one signal-strength parameter μ and asymptotic limits
//! (Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554, "CCGV" below).

use crate::error::{Error, Result};
use crate::numerics::brent;
use statrs::distribution::{ContinuousCDF, Normal};

/// How an upper limit on μ is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LimitMethod {
    /// Asymptotic CLs with the q̃_μ test statistic (CCGV Eqs. 16, 65–66; the default of
    /// pyhf's `upper_limit`).
    Cls,
    /// One-sided profile-likelihood limit, CL_{s+b}: q̃_μ = (Φ⁻¹(CL))² (CCGV Eq. 59).
    ProfileLikelihood,
    /// Δ(−2 ln L) threshold: exclude where q̃_μ exceeds the given value (e.g. Λ(S) > 4 of the
    /// NA62 study, arXiv:1902.07715).
    DeltaChi2(f64),
}

/// Poisson likelihood L(μ) = Π_i Pois(n_i | μ s_i + b_i) over bins.
#[derive(Debug, Clone, PartialEq)]
pub struct BinnedLikelihood {
    signal: Vec<f64>,
    background: Vec<f64>,
    observed: Vec<f64>,
}

fn check_bins(field: &str, values: &[f64]) -> Result<()> {
    for (i, v) in values.iter().enumerate() {
        if !(v.is_finite() && *v >= 0.0) {
            return Err(Error::out_of_range(
                format!("{field}[{i}]"),
                v,
                "must be a finite count >= 0",
            ));
        }
    }
    Ok(())
}

impl BinnedLikelihood {
    /// Builds the likelihood from the expected signal per unit μ, the expected background and
    /// the observed counts (non-integer counts are allowed: the Poisson term is continued with
    /// Γ(n+1), as pyhf does).
    pub fn new(signal: Vec<f64>, background: Vec<f64>, observed: Vec<f64>) -> Result<Self> {
        if signal.is_empty() {
            return Err(Error::out_of_range(
                "signal",
                "[]",
                "needs at least one bin",
            ));
        }
        if background.len() != signal.len() || observed.len() != signal.len() {
            return Err(Error::out_of_range(
                "bins",
                format!(
                    "signal {}, background {}, observed {}",
                    signal.len(),
                    background.len(),
                    observed.len()
                ),
                "signal, background and observed must have the same number of bins",
            ));
        }
        check_bins("signal", &signal)?;
        check_bins("background", &background)?;
        check_bins("observed", &observed)?;
        if signal.iter().all(|&s| s == 0.0) {
            return Err(Error::out_of_range(
                "signal",
                "all zero",
                "needs a positive expectation in some bin",
            ));
        }
        for i in 0..signal.len() {
            if background[i] == 0.0 && observed[i] > 0.0 && signal[i] == 0.0 {
                return Err(Error::out_of_range(
                    format!("observed[{i}]"),
                    observed[i],
                    "events in a bin with zero expectation make the likelihood vanish",
                ));
            }
        }
        Ok(BinnedLikelihood {
            signal,
            background,
            observed,
        })
    }

    /// The Asimov data set for background only: observed = background (CCGV §4.2).
    pub fn asimov(signal: Vec<f64>, background: Vec<f64>) -> Result<Self> {
        let observed = background.clone();
        Self::new(signal, background, observed)
    }

    /// ln L(μ) up to a μ-independent constant.
    pub fn log_likelihood(&self, mu: f64) -> f64 {
        let mut sum = 0.0;
        for ((s, b), n) in self.signal.iter().zip(&self.background).zip(&self.observed) {
            let nu = mu * s + b;
            if nu > 0.0 {
                if *n > 0.0 {
                    sum += n * nu.ln();
                }
                sum -= nu;
            }
        }
        sum
    }

    fn score(&self, mu: f64) -> f64 {
        let mut d = 0.0;
        for ((s, b), n) in self.signal.iter().zip(&self.background).zip(&self.observed) {
            let nu = mu * s + b;
            if nu > 0.0 {
                d += n * s / nu;
            }
            d -= s;
        }
        d
    }

    /// Maximum-likelihood μ̂ constrained to μ ≥ 0 (ln L is concave in μ).
    pub fn best_fit(&self) -> Result<f64> {
        if self.score(0.0) <= 0.0 {
            return Ok(0.0);
        }
        let total_signal: f64 = self.signal.iter().sum();
        let total_observed: f64 = self.observed.iter().sum();
        let mut hi = (total_observed / total_signal).max(1.0);
        while self.score(hi) > 0.0 {
            hi *= 2.0;
        }
        brent(
            "best-fit signal strength",
            |mu| Ok(self.score(mu)),
            0.0,
            hi,
            1e-12 * hi,
        )
    }

    /// The test statistic q̃_μ = −2 ln[L(μ)/L(μ̂)] for μ ≥ μ̂, 0 otherwise (CCGV Eq. 16 with μ̂ ≥ 0).
    pub fn q_tilde(&self, mu: f64, mu_hat: f64) -> f64 {
        if mu <= mu_hat {
            return 0.0;
        }
        // Bin by bin, ln L(μ̂) − ln L(μ) = (μ − μ̂)s − n ln(1 + (μ − μ̂)s/ν̂) with ν̂ = μ̂s + b:
        // no cancellation between large sums when the counts are large (10⁹ muons per bin).
        let mut sum = 0.0;
        for ((s, b), n) in self.signal.iter().zip(&self.background).zip(&self.observed) {
            let d = (mu - mu_hat) * s;
            let nu_hat = mu_hat * s + b;
            sum += d;
            if *n > 0.0 && nu_hat > 0.0 {
                sum -= n * (d / nu_hat).ln_1p();
            }
        }
        (2.0 * sum).max(0.0)
    }

    /// CLs at μ in the asymptotic approximation (CCGV Eqs. 65–66), with q_{μ,A} from the
    /// background-only Asimov data set.
    pub fn cls(&self, mu: f64, mu_hat: f64) -> Result<f64> {
        let asimov = Self::asimov(self.signal.clone(), self.background.clone())?;
        let q = self.q_tilde(mu, mu_hat);
        let q_a = asimov.q_tilde(mu, 0.0);
        let normal = Normal::standard();
        if q_a <= 0.0 {
            return Ok(1.0);
        }
        let (cls_b, cl_b) = if q <= q_a {
            (
                1.0 - normal.cdf(q.sqrt()),
                normal.cdf(q_a.sqrt() - q.sqrt()),
            )
        } else {
            let root = q_a.sqrt();
            (
                1.0 - normal.cdf((q + q_a) / (2.0 * root)),
                1.0 - normal.cdf((q - q_a) / (2.0 * root)),
            )
        };
        if cl_b <= 0.0 {
            return Ok(0.0);
        }
        Ok(cls_b / cl_b)
    }

    /// The upper limit on μ at confidence level `cl` (ignored by [`LimitMethod::DeltaChi2`]).
    pub fn upper_limit(&self, method: LimitMethod, cl: f64) -> Result<f64> {
        if !(cl.is_finite() && cl > 0.0 && cl < 1.0) {
            return Err(Error::out_of_range(
                "confidence level",
                cl,
                "must lie in (0, 1)",
            ));
        }
        let mu_hat = self.best_fit()?;
        let excess = |mu: f64| -> Result<f64> {
            match method {
                LimitMethod::Cls => Ok((1.0 - cl) - self.cls(mu, mu_hat)?),
                LimitMethod::ProfileLikelihood => {
                    let z = Normal::standard().inverse_cdf(cl);
                    Ok(self.q_tilde(mu, mu_hat) - z * z)
                }
                LimitMethod::DeltaChi2(threshold) => Ok(self.q_tilde(mu, mu_hat) - threshold),
            }
        };
        if let LimitMethod::DeltaChi2(threshold) = method {
            if !(threshold.is_finite() && threshold > 0.0) {
                return Err(Error::out_of_range(
                    "Δχ² threshold",
                    threshold,
                    "must be a finite number > 0",
                ));
            }
        }
        // Bracket the crossing: start from the scale where the signal matches √B or 1 event.
        let total_signal: f64 = self.signal.iter().sum();
        let total_background: f64 = self.background.iter().sum();
        let mut hi =
            (mu_hat + (total_background.sqrt().max(1.0)) / total_signal).max(f64::MIN_POSITIVE);
        let mut lo = mu_hat;
        for _ in 0..2000 {
            if excess(hi)? > 0.0 {
                break;
            }
            lo = hi;
            hi *= 2.0;
        }
        if excess(hi)? <= 0.0 {
            return Err(Error::NotConverged {
                what: "upper limit bracket".into(),
                achieved: hi,
                requested: cl,
            });
        }
        brent(
            "upper limit on the signal strength",
            excess,
            lo,
            hi,
            1e-10 * hi,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One bin with zero background and zero observed: ln L(μ) = −μ s, so the one-sided
    /// profile-likelihood limit solves 2μs = z² — an analytic check of the machinery.
    #[test]
    fn single_bin_zero_background() {
        let l = BinnedLikelihood::new(vec![1.0], vec![0.0], vec![0.0]).unwrap();
        let z = Normal::standard().inverse_cdf(0.95);
        let mu = l.upper_limit(LimitMethod::ProfileLikelihood, 0.95).unwrap();
        assert!((mu - z * z / 2.0).abs() < 1e-8);
        let mu = l.upper_limit(LimitMethod::DeltaChi2(4.0), 0.95).unwrap();
        assert!((mu - 2.0).abs() < 1e-8);
    }

    /// Large-background single bin: CLs on Asimov data approaches the Gaussian result
    /// s_up = 1.96 √b (CCGV Eq. 88 with q_μ,A = s²/b for s ≪ b).
    #[test]
    fn gaussian_limit_of_cls() {
        let b = 1e6;
        let l = BinnedLikelihood::asimov(vec![1.0], vec![b]).unwrap();
        let mu = l.upper_limit(LimitMethod::Cls, 0.95).unwrap();
        assert!((mu / (1.959_964 * b.sqrt()) - 1.0).abs() < 2e-3, "{mu}");
    }

    /// Limits tighten with more signal per μ and loosen with more background.
    #[test]
    fn monotonic_in_background_and_signal() {
        let limit = |s: f64, b: f64| {
            BinnedLikelihood::asimov(vec![s, 0.5 * s], vec![b, 2.0 * b])
                .unwrap()
                .upper_limit(LimitMethod::Cls, 0.95)
                .unwrap()
        };
        assert!(limit(1.0, 10.0) < limit(1.0, 20.0));
        assert!(limit(2.0, 10.0) < limit(1.0, 10.0));
        assert!((limit(2.0, 10.0) * 2.0 / limit(1.0, 10.0) - 1.0).abs() < 1e-8);
    }

    #[test]
    fn bad_input() {
        assert!(BinnedLikelihood::new(vec![], vec![], vec![]).is_err());
        assert!(BinnedLikelihood::new(vec![1.0], vec![1.0, 2.0], vec![1.0]).is_err());
        assert!(BinnedLikelihood::new(vec![f64::NAN], vec![1.0], vec![1.0]).is_err());
        assert!(BinnedLikelihood::new(vec![0.0], vec![1.0], vec![1.0]).is_err());
        assert!(BinnedLikelihood::new(vec![0.0, 1.0], vec![0.0, 1.0], vec![3.0, 1.0]).is_err());
        let l = BinnedLikelihood::asimov(vec![1.0], vec![1.0]).unwrap();
        assert!(l.upper_limit(LimitMethod::Cls, 1.5).is_err());
        assert!(l.upper_limit(LimitMethod::DeltaChi2(-1.0), 0.95).is_err());
    }
}
