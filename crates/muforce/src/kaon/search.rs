//! Reach of the NA62 invisible search K⁺ → μ⁺νX, X invisible (NA62 slides, seed 004, after
//! arXiv:1902.07715): cut and count with a relative background systematic, and a binned Poisson
//! likelihood in m²_miss with the Λ(S) < 4 criterion.

use super::background::{BackgroundModel, L1_CUT_M2};
use super::channel::KaonModel;
use super::kinematics::{check_x_mass, MAX_X_MASS};
use super::observed::ObservedHistogram;
use super::rate::{ratio_in_window, BR_K_MU_NU};
use crate::error::{Error, Result};
use crate::stats::{BinnedLikelihood, LimitMethod, Systematics};

/// Number of kaons seen by the single-muon analysis.
///
/// NA62 slides: the 2015 data had 2.4 × 10⁷ K⁺ → μ⁺ν after a 1/3 single-muon prescale and a 0.35
/// acceptance, i.e. ≈ 3 × 10⁸ K⁺ ([`Exposure::na62_2015`]); the goal is 10¹³ K⁺ with the
/// prescale replaced by the L1 cut m²_miss > 2.3 × 10⁻² GeV² ([`Exposure::projection`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exposure {
    /// Kaon decays in the fiducial volume, N_K.
    pub kaons: f64,
    /// Acceptance 𝒜 of the selection.
    pub acceptance: f64,
    /// Fraction of events kept by the trigger (1/prescale).
    pub trigger_fraction: f64,
}

impl Exposure {
    /// The 10¹³ K⁺ projection of the slides: acceptance 0.35, no prescale above the L1 cut.
    pub fn projection() -> Self {
        Exposure {
            kaons: 1e13,
            acceptance: 0.35,
            trigger_fraction: 1.0,
        }
    }

    /// The 2015 data set of the slides: 3 × 10⁸ K⁺, acceptance 0.35, prescale 1/3.
    pub fn na62_2015() -> Self {
        Exposure {
            kaons: 3e8,
            acceptance: 0.35,
            trigger_fraction: 1.0 / 3.0,
        }
    }

    /// Checks the fields.
    pub fn validate(&self) -> Result<()> {
        crate::error::positive("number of kaons", self.kaons)?;
        if !(self.acceptance.is_finite() && self.acceptance > 0.0 && self.acceptance <= 1.0) {
            return Err(Error::out_of_range(
                "acceptance",
                self.acceptance,
                "must lie in (0, 1]",
            ));
        }
        if !(self.trigger_fraction.is_finite()
            && self.trigger_fraction > 0.0
            && self.trigger_fraction <= 1.0)
        {
            return Err(Error::out_of_range(
                "trigger fraction (1/prescale)",
                self.trigger_fraction,
                "must lie in (0, 1]",
            ));
        }
        Ok(())
    }

    /// Effective number of K⁺ decays: N_K × 𝒜 × trigger fraction.
    pub fn effective_kaons(&self) -> f64 {
        self.kaons * self.acceptance * self.trigger_fraction
    }
}

impl Default for Exposure {
    fn default() -> Self {
        Self::projection()
    }
}

/// Everything the invisible search needs besides the model and mass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InvisibleSearch {
    /// Kaon exposure.
    pub exposure: Exposure,
    /// Background model.
    pub background: BackgroundModel,
    /// Lower edge of the m²_miss window (GeV²); the window starts at max(this, m_X²).
    pub m2_lower: f64,
    /// Upper edge of the m²_miss window (GeV²), at most (m_K − m_μ)².
    pub m2_upper: f64,
    /// Relative background systematic κ ≥ 0: of the cut and count, S/√(B + κ²B²); in the
    /// likelihood, an uncorrelated bin-by-bin background uncertainty (at most 1).
    pub kappa: f64,
    /// Significance asked of the cut and count, S/√(B + κ²B²) = this (2 in the slides).
    pub significance: f64,
    /// Number of equal-width m²_miss bins of the likelihood.
    pub bins: usize,
}

impl Default for InvisibleSearch {
    fn default() -> Self {
        InvisibleSearch {
            exposure: Exposure::projection(),
            background: BackgroundModel::default(),
            m2_lower: L1_CUT_M2,
            m2_upper: MAX_X_MASS * MAX_X_MASS,
            kappa: 0.0,
            significance: 2.0,
            bins: 20,
        }
    }
}

/// Expected counts of one mass point: signal per g² and background, in the window and per bin.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchCounts {
    /// The m²_miss window used (GeV²).
    pub window: (f64, f64),
    /// Signal events per g² in the window.
    pub signal_per_g2: f64,
    /// Background events in the window.
    pub background: f64,
    /// Signal per g² in each bin.
    pub signal_bins: Vec<f64>,
    /// Background in each bin.
    pub background_bins: Vec<f64>,
}

/// The signal S needed by the cut and count of the slides, S/√(B + κ²B²) = Z:
/// S = Z √(B + κ²B²). B ≥ 0 and κ ≥ 0 (negative κ is an error).
pub fn required_signal(background: f64, kappa: f64, significance: f64) -> Result<f64> {
    crate::error::non_negative("background", background)?;
    crate::error::non_negative("kappa (relative background systematic)", kappa)?;
    crate::error::positive("significance", significance)?;
    Ok(significance * (background + kappa * kappa * background * background).sqrt())
}

impl InvisibleSearch {
    /// Checks every field.
    pub fn validate(&self) -> Result<()> {
        self.exposure.validate()?;
        self.background.validate()?;
        crate::error::non_negative("kappa (relative background systematic)", self.kappa)?;
        crate::error::positive("significance", self.significance)?;
        crate::error::finite("m_miss^2 lower edge", self.m2_lower)?;
        crate::error::finite("m_miss^2 upper edge", self.m2_upper)?;
        if !(1..=10_000).contains(&self.bins) {
            return Err(Error::out_of_range(
                "bins",
                self.bins,
                "must lie in [1, 10000]",
            ));
        }
        Ok(())
    }

    /// The m²_miss window for mass `m_x`: [max(m2_lower, m_X²), min(m2_upper, (m_K − m_μ)²)];
    /// an empty window is an error naming the edges.
    pub fn window(&self, m_x: f64) -> Result<(f64, f64)> {
        check_x_mass("m_X", m_x)?;
        let lo = self.m2_lower.max(m_x * m_x);
        let hi = self.m2_upper.min(MAX_X_MASS * MAX_X_MASS);
        if lo.is_nan() || hi.is_nan() || lo >= hi {
            return Err(Error::out_of_range(
                "m_miss^2 window",
                format!("[{lo}, {hi}]"),
                format!(
                    "is empty: needs max(lower edge, m_X^2) < min(upper edge, (m_K - m_mu)^2 = {:.6}) GeV^2",
                    MAX_X_MASS * MAX_X_MASS
                ),
            ));
        }
        Ok((lo, hi))
    }

    /// Signal per g² and background in the window and in its bins. The signal m²_miss is taken
    /// at its true value (s12): its smearing by the ~6 × 10⁻⁴ GeV² resolution is negligible
    /// against the ~10⁻¹ GeV² width of the window.
    pub fn counts(&self, model: KaonModel, m_x: f64) -> Result<SearchCounts> {
        self.validate()?;
        let (lo, hi) = self.window(m_x)?;
        let n_eff = self.exposure.effective_kaons();
        let width = (hi - lo) / self.bins as f64;
        let mut signal_bins = Vec::with_capacity(self.bins);
        let mut background_bins = Vec::with_capacity(self.bins);
        for i in 0..self.bins {
            let a = lo + width * i as f64;
            let b = if i + 1 == self.bins { hi } else { a + width };
            let s = ratio_in_window(model, m_x, a, b)?.value;
            signal_bins.push(n_eff * BR_K_MU_NU * s);
            background_bins.push(n_eff * self.background.fraction_in(a, b)?);
        }
        Ok(SearchCounts {
            window: (lo, hi),
            signal_per_g2: signal_bins.iter().sum(),
            background: background_bins.iter().sum(),
            signal_bins,
            background_bins,
        })
    }

    /// Cut-and-count limit on g: the coupling where S/√(B + κ²B²) reaches the significance,
    /// g_lim = √(S_required / S(g = 1)) (NA62 slides, "Challenge 2").
    pub fn cut_and_count_limit(&self, model: KaonModel, m_x: f64) -> Result<f64> {
        let counts = self.counts(model, m_x)?;
        coupling_from_counts(
            required_signal(counts.background, self.kappa, self.significance)?,
            counts.signal_per_g2,
        )
    }

    /// Binned-likelihood limit on g: Λ(S) = Σ_i −2 ln[L_i(S)/L_i(Ŝ = 0)] < 4 on the background-only
    /// Asimov data D_i = B_i (NA62 slides; [`LimitMethod::DeltaChi2`] of [`BinnedLikelihood`]).
    /// κ enters as an uncorrelated bin-by-bin background uncertainty, profiled: the
    /// likelihood's form of the cut and count's S/√(B + κ²B²) (docs/statistics.md); it must
    /// be at most 1.
    pub fn likelihood_limit(&self, model: KaonModel, m_x: f64) -> Result<f64> {
        let mu = self
            .asimov_likelihood(model, m_x)?
            .upper_limit(LIKELIHOOD_CRITERION, 0.95)?;
        Ok(mu.sqrt())
    }

    /// The expected limits on g of bands −2 … 2 of the Λ(S) < 4 criterion (asymptotic,
    /// [`BinnedLikelihood::expected_limit`], CCGV §5.1): on the per-mass window binning of
    /// [`InvisibleSearch::likelihood_limit`] (band 0 equals it), or on the fixed binning of
    /// a scenario with data when `data_binning` is true.
    pub fn likelihood_bands(
        &self,
        model: KaonModel,
        m_x: f64,
        data_binning: bool,
    ) -> Result<[f64; 5]> {
        let likelihood = if data_binning {
            let (_, counts) = self.data_counts(model, m_x)?;
            BinnedLikelihood::asimov(counts.signal_bins, counts.background_bins)?
                .with_systematics(self.systematics()?)
        } else {
            self.asimov_likelihood(model, m_x)?
        };
        Ok(likelihood
            .expected_limits(LIKELIHOOD_CRITERION, 0.95)?
            .map(f64::sqrt))
    }

    /// The observed limit on g of the Λ(S) < 4 criterion with the observed histogram (whose
    /// binning must be [`InvisibleSearch::data_bin_edges`]): q̃_μ from the data's best fit
    /// (CCGV Eq. 16), κ profiled as in [`InvisibleSearch::likelihood_limit`].
    pub fn observed_likelihood_limit(
        &self,
        model: KaonModel,
        m_x: f64,
        observed: &ObservedHistogram,
    ) -> Result<f64> {
        self.data_likelihood(model, m_x, observed)?
            .upper_limit(LIKELIHOOD_CRITERION, 0.95)
            .map(f64::sqrt)
    }

    /// The likelihood of a scenario with data at one mass: the bins of
    /// [`InvisibleSearch::data_counts`] with the observed counts of the same bins.
    pub fn data_likelihood(
        &self,
        model: KaonModel,
        m_x: f64,
        observed: &ObservedHistogram,
    ) -> Result<BinnedLikelihood> {
        observed.check_binning(&self.data_bin_edges()?)?;
        let (first, counts) = self.data_counts(model, m_x)?;
        Ok(BinnedLikelihood::new(
            counts.signal_bins,
            counts.background_bins,
            observed.counts[first..].to_vec(),
        )?
        .with_systematics(self.systematics()?))
    }

    /// The Asimov likelihood of the per-mass window binning, signal per unit g².
    pub fn asimov_likelihood(&self, model: KaonModel, m_x: f64) -> Result<BinnedLikelihood> {
        let counts = self.counts(model, m_x)?;
        Ok(
            BinnedLikelihood::asimov(counts.signal_bins, counts.background_bins)?
                .with_systematics(self.systematics()?),
        )
    }

    /// κ as the likelihood's bin-by-bin background uncertainty.
    pub fn systematics(&self) -> Result<Systematics> {
        Systematics::NONE
            .with_bin_uncertainty(self.kappa)
            .map_err(|_| {
                Error::out_of_range(
                    "kappa (relative background systematic)",
                    self.kappa,
                    "must be at most 1 for the likelihood (a bin-by-bin background uncertainty)",
                )
            })
    }

    /// The fixed binning of a scenario with data: `bins` equal-width m²_miss bins from
    /// `m2_lower` to min(`m2_upper`, (m_K − m_μ)²), in GeV².
    pub fn data_bin_edges(&self) -> Result<Vec<f64>> {
        self.validate()?;
        let lo = self.m2_lower;
        let hi = self.m2_upper.min(MAX_X_MASS * MAX_X_MASS);
        if lo >= hi {
            return Err(Error::out_of_range(
                "m_miss^2 lower edge",
                lo,
                format!("must lie below the upper edge {hi} GeV^2"),
            ));
        }
        let n = self.bins;
        Ok((0..=n)
            .map(|i| {
                if i == n {
                    hi
                } else {
                    lo + (hi - lo) * i as f64 / n as f64
                }
            })
            .collect())
    }

    /// Counts in the fixed binning of [`InvisibleSearch::data_bin_edges`] for mass `m_x`: the
    /// bins from the one holding the window's lower edge max(m2_lower, m_X²) upwards, the
    /// signal integrated over the part of each bin inside the window and the background over
    /// the whole bin (the data count the whole bin). Returns the index of the first bin used.
    pub fn data_counts(&self, model: KaonModel, m_x: f64) -> Result<(usize, SearchCounts)> {
        let edges = self.data_bin_edges()?;
        let (lo, hi) = self.window(m_x)?;
        let first = edges
            .windows(2)
            .position(|e| e[1] > lo)
            .unwrap_or(edges.len() - 2);
        let n_eff = self.exposure.effective_kaons();
        let mut signal_bins = Vec::new();
        let mut background_bins = Vec::new();
        for e in edges[first..].windows(2) {
            let (a, b) = (e[0].max(lo), e[1].min(hi));
            let s = if b > a {
                ratio_in_window(model, m_x, a, b)?.value
            } else {
                0.0
            };
            signal_bins.push(n_eff * BR_K_MU_NU * s);
            background_bins.push(n_eff * self.background.fraction_in(e[0], e[1])?);
        }
        Ok((
            first,
            SearchCounts {
                window: (lo, hi),
                signal_per_g2: signal_bins.iter().sum(),
                background: background_bins.iter().sum(),
                signal_bins,
                background_bins,
            },
        ))
    }
}

/// The NA62 slides' likelihood criterion, Λ(S) < 4 (arXiv:1902.07715).
pub const LIKELIHOOD_CRITERION: LimitMethod = LimitMethod::DeltaChi2(4.0);

/// One point of a reach curve g_lim(m_X).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReachPoint {
    /// m_X in GeV.
    pub mass_gev: f64,
    /// Signal events per g² in the window.
    pub signal_per_g2: f64,
    /// Background events in the window.
    pub background: f64,
    /// Cut-and-count limit on g.
    pub g_cut_and_count: f64,
    /// Binned-likelihood (Λ(S) < 4) limit on g.
    pub g_likelihood: f64,
}

impl InvisibleSearch {
    /// The reach curve g_lim(m_X) at the given masses, by both methods. Mass points are
    /// independent and computed in parallel (rayon); each is deterministic, so the result does
    /// not depend on the number of threads.
    pub fn reach_curve(&self, model: KaonModel, masses: &[f64]) -> Result<Vec<ReachPoint>> {
        use rayon::prelude::*;
        masses
            .par_iter()
            .map(|&m_x| {
                let counts = self.counts(model, m_x)?;
                Ok(ReachPoint {
                    mass_gev: m_x,
                    signal_per_g2: counts.signal_per_g2,
                    background: counts.background,
                    g_cut_and_count: self.cut_and_count_limit(model, m_x)?,
                    g_likelihood: self.likelihood_limit(model, m_x)?,
                })
            })
            .collect()
    }
}

fn coupling_from_counts(required: f64, signal_per_g2: f64) -> Result<f64> {
    if signal_per_g2.is_nan() || signal_per_g2 <= 0.0 {
        return Err(Error::out_of_range(
            "signal per g^2",
            signal_per_g2,
            "must be > 0 in the m_miss^2 window",
        ));
    }
    Ok((required / signal_per_g2).sqrt())
}
