//! Binned Poisson likelihood with one signal-strength parameter μ and asymptotic limits
//! (Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554, "CCGV" below).

use super::profile::{Bins, ProfilePoint, Systematics};
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

/// Poisson likelihood L(μ) = Π_i Pois(n_i | μ s_i + b_i) over bins, optionally with
/// normalisation uncertainties on signal and background that are profiled
/// ([`Systematics`], module `profile`).
#[derive(Debug, Clone, PartialEq)]
pub struct BinnedLikelihood {
    signal: Vec<f64>,
    background: Vec<f64>,
    observed: Vec<f64>,
    systematics: Systematics,
}

/// The expected-limit bands: σ of the background-only distribution of the limit, −2 (the
/// strongest limit) to +2.
pub const BANDS: [i32; 5] = [-2, -1, 0, 1, 2];

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
            systematics: Systematics::NONE,
        })
    }

    /// The same likelihood with normalisation uncertainties (profiled nuisance parameters).
    /// [`Systematics::NONE`] gives back the likelihood without nuisances, exactly.
    #[must_use]
    pub fn with_systematics(mut self, systematics: Systematics) -> Self {
        self.systematics = systematics;
        self
    }

    /// Expected signal per unit μ, per bin.
    pub fn signal(&self) -> &[f64] {
        &self.signal
    }

    /// Expected background per bin.
    pub fn background(&self) -> &[f64] {
        &self.background
    }

    /// Observed counts per bin.
    pub fn observed(&self) -> &[f64] {
        &self.observed
    }

    /// The nuisance parameters.
    pub fn systematics(&self) -> Systematics {
        self.systematics
    }

    fn bins(&self) -> Bins<'_> {
        Bins {
            signal: &self.signal,
            background: &self.background,
            observed: &self.observed,
        }
    }

    /// The Asimov data set for background only: observed = background (CCGV §4.2).
    pub fn asimov(signal: Vec<f64>, background: Vec<f64>) -> Result<Self> {
        let observed = background.clone();
        Self::new(signal, background, observed)
    }

    /// The background-only Asimov data set of this likelihood (same signal, background and
    /// systematics; the nuisance parameters at their nominal values, θ = 0).
    fn asimov_of(&self) -> Result<Self> {
        Ok(Self::asimov(self.signal.clone(), self.background.clone())?
            .with_systematics(self.systematics))
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

    /// Maximum-likelihood μ̂ constrained to μ ≥ 0 (ln L is concave in μ), with the
    /// nuisance parameters profiled when there are systematics.
    pub fn best_fit(&self) -> Result<f64> {
        Ok(self.fit()?.mu)
    }

    /// The unconditional maximum (μ̂ ≥ 0, θ̂).
    fn fit(&self) -> Result<ProfilePoint> {
        if self.systematics.is_none() {
            return Ok(ProfilePoint::nominal(self.best_fit_without_nuisances()?));
        }
        let bins = self.bins();
        let sys = self.systematics;
        let at = |mu: f64| bins.profile(mu, sys, [0.0, 0.0]);
        let zero = at(0.0)?;
        if bins.score(&zero, sys) <= 0.0 {
            return Ok(zero);
        }
        let total_signal: f64 = self.signal.iter().sum();
        let total_observed: f64 = self.observed.iter().sum();
        let mut hi = (total_observed / total_signal).max(1.0);
        for _ in 0..200 {
            if bins.score(&at(hi)?, sys) <= 0.0 {
                break;
            }
            hi *= 2.0;
        }
        let mu = brent(
            "best-fit signal strength",
            |mu| Ok(bins.score(&at(mu)?, sys)),
            0.0,
            hi,
            1e-12 * hi,
        )?;
        at(mu)
    }

    fn best_fit_without_nuisances(&self) -> Result<f64> {
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

    /// The test statistic q̃_μ = −2 ln[L(μ, θ̂(μ))/L(μ̂, θ̂)] for μ ≥ μ̂, 0 otherwise (CCGV
    /// Eq. 16 with μ̂ ≥ 0), the nuisance parameters profiled when there are systematics.
    pub fn q_tilde(&self, mu: f64, mu_hat: f64) -> Result<f64> {
        if mu <= mu_hat {
            return Ok(0.0);
        }
        if self.systematics.is_none() {
            return Ok(self.q_tilde_without_nuisances(mu, mu_hat));
        }
        let bins = self.bins();
        let sys = self.systematics;
        let hat = bins.profile(mu_hat, sys, [0.0, 0.0])?;
        let at = bins.profile(mu, sys, hat.theta)?;
        Ok((2.0 * bins.log_ratio(&hat, &at, sys)).max(0.0))
    }

    fn q_tilde_without_nuisances(&self, mu: f64, mu_hat: f64) -> f64 {
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
        let q = self.q_tilde(mu, mu_hat)?;
        let q_a = self.asimov_of()?.q_tilde(mu, 0.0)?;
        Ok(cls_of(q, q_a))
    }

    /// CLs of the expected band `band` at μ. Under the background-only hypothesis the
    /// asymptotic test statistic t (t = √q̃ − √q_A for q̃ ≤ q_A, (q̃ − q_A)/(2√q_A) above) is a
    /// unit normal, so band k sits at t = −k: CLs = [1 − Φ(√q_A − k)]/Φ(k) (CCGV Eqs. 65–66,
    /// 88–89; pyhf's and ROOT's expected CLs bands).
    fn cls_band(asimov: &Self, mu: f64, band: i32) -> Result<f64> {
        let q_a = asimov.q_tilde(mu, 0.0)?;
        let normal = Normal::standard();
        let k = f64::from(band);
        let cl_b = normal.cdf(k);
        Ok((1.0 - normal.cdf(q_a.sqrt() - k)) / cl_b)
    }
}

/// The q̃ of band `band` given q_A: t = −band mapped back to q̃ (t ≤ 0: √q̃ = √q_A + t,
/// floored at 0; t > 0: q̃ = q_A + 2t√q_A; CCGV Eqs. 65–66).
fn band_q(q_a: f64, band: i32) -> f64 {
    let t = -f64::from(band);
    if t <= 0.0 {
        let root = (q_a.sqrt() + t).max(0.0);
        root * root
    } else {
        q_a + 2.0 * t * q_a.sqrt()
    }
}

/// Asymptotic CLs for q̃ = `q` given q_{μ,A} = `q_a` (CCGV Eqs. 65–66).
fn cls_of(q: f64, q_a: f64) -> f64 {
    {
        let normal = Normal::standard();
        if q_a <= 0.0 {
            return 1.0;
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
            return 0.0;
        }
        cls_b / cl_b
    }
}

impl BinnedLikelihood {
    /// The upper limit on μ at confidence level `cl` (ignored by [`LimitMethod::DeltaChi2`]).
    pub fn upper_limit(&self, method: LimitMethod, cl: f64) -> Result<f64> {
        check_method(method, cl)?;
        let mu_hat = self.best_fit()?;
        let excess = |mu: f64| -> Result<f64> {
            match method {
                LimitMethod::Cls => Ok((1.0 - cl) - self.cls(mu, mu_hat)?),
                LimitMethod::ProfileLikelihood => {
                    let z = Normal::standard().inverse_cdf(cl);
                    Ok(self.q_tilde(mu, mu_hat)? - z * z)
                }
                LimitMethod::DeltaChi2(threshold) => Ok(self.q_tilde(mu, mu_hat)? - threshold),
            }
        };
        self.solve_limit(mu_hat, excess, cl)
    }

    /// The expected upper limit on μ of band `band` ∈ {−2, …, 2} (σ of the background-only
    /// distribution of the limit; −2 the strongest) in the asymptotic approximation: under the
    /// background-only hypothesis the test statistic t of [`BinnedLikelihood::cls`] is a unit
    /// normal, and band k takes t = −k (CCGV §5.1, Eqs. 65–66, 88–89; for CLs the bands of pyhf
    /// and ROOT). q_{μ,A}
    /// from the background-only Asimov data with the same systematics. Band 0 equals
    /// [`BinnedLikelihood::upper_limit`] on Asimov data.
    pub fn expected_limit(&self, method: LimitMethod, cl: f64, band: i32) -> Result<f64> {
        check_method(method, cl)?;
        if !BANDS.contains(&band) {
            return Err(Error::out_of_range(
                "band",
                band,
                "must be one of -2, -1, 0, 1, 2 (standard deviations)",
            ));
        }
        let asimov = self.asimov_of()?;
        let shifted_q = |mu: f64| -> Result<f64> { Ok(band_q(asimov.q_tilde(mu, 0.0)?, band)) };
        let excess = |mu: f64| -> Result<f64> {
            match method {
                LimitMethod::Cls => Ok((1.0 - cl) - Self::cls_band(&asimov, mu, band)?),
                LimitMethod::ProfileLikelihood => {
                    let z = Normal::standard().inverse_cdf(cl);
                    Ok(shifted_q(mu)? - z * z)
                }
                LimitMethod::DeltaChi2(threshold) => Ok(shifted_q(mu)? - threshold),
            }
        };
        asimov.solve_limit(0.0, excess, cl)
    }

    /// The five expected limits, bands −2 … 2 (non-decreasing).
    ///
    /// For one bin with a large background b the signal strength is Gaussian with
    /// σ = √b/s, and the CLs bands are σ (Φ⁻¹(1 − α Φ(N)) + N) (CCGV Eq. 89, α = 0.05):
    /// 1.960 σ for the median, 1.411 σ and 2.727 σ for N = ∓1. With b = 10⁴ the Poisson
    /// skewness moves them by < 1.5 %.
    ///
    /// ```
    /// use muforce::stats::{BinnedLikelihood, LimitMethod};
    /// let likelihood = BinnedLikelihood::asimov(vec![1.0], vec![1e4])?;
    /// let bands = likelihood.expected_limits(LimitMethod::Cls, 0.95)?;
    /// let sigma = 100.0; // √b / s
    /// for (k, factor) in [(1, 1.411), (2, 1.960), (3, 2.727)] {
    ///     assert!((bands[k] / (factor * sigma) - 1.0).abs() < 0.015, "band {k}: {}", bands[k]);
    /// }
    /// assert!(bands.windows(2).all(|w| w[0] < w[1]));
    /// let median = likelihood.upper_limit(LimitMethod::Cls, 0.95)?; // Asimov data: the median
    /// assert!((median / bands[2] - 1.0).abs() < 1e-6);
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn expected_limits(&self, method: LimitMethod, cl: f64) -> Result<[f64; 5]> {
        let mut out = [0.0; 5];
        for (slot, band) in out.iter_mut().zip(BANDS) {
            *slot = self.expected_limit(method, cl, band)?;
        }
        Ok(out)
    }

    /// The μ > `mu_hat` where `excess` turns positive: bracketed from the scale where the
    /// signal matches √B or one event, then Brent's method.
    fn solve_limit(
        &self,
        mu_hat: f64,
        mut excess: impl FnMut(f64) -> Result<f64>,
        cl: f64,
    ) -> Result<f64> {
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

/// Checks the confidence level and a Δχ² threshold.
fn check_method(method: LimitMethod, cl: f64) -> Result<()> {
    if !(cl.is_finite() && cl > 0.0 && cl < 1.0) {
        return Err(Error::out_of_range(
            "confidence level",
            cl,
            "must lie in (0, 1)",
        ));
    }
    if let LimitMethod::DeltaChi2(threshold) = method {
        if !(threshold.is_finite() && threshold > 0.0) {
            return Err(Error::out_of_range(
                "Δχ² threshold",
                threshold,
                "must be a finite number > 0",
            ));
        }
    }
    Ok(())
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
