//! The NA62 visible search K⁺ → μ⁺ν(X → μ⁺μ⁻) (NA62 slides, seed 004, "The visible search"):
//! a bump hunt in the two opposite-sign μ⁺μ⁻ masses against K⁺ → μ⁺νμ⁺μ⁻.
//!
//! * Resolution: δp/p of [`MomentumResolution`] (slides: 0.3 % ⊕ 0.005 p/GeV) propagated to
//!   m_μμ per event from the lab muon momenta ([`pair_mass_resolution`]); the slides'
//!   δm/m = ½ (δp₊/p₊ ⊕ δp₋/p₋) is its massless limit ([`dimuon_relative_resolution`]), which
//!   overestimates the width by 1/β² near the 2m_μ threshold.
//! * Window: m_X ± `window_sigmas` σ̄_m, with σ̄_m the signal-averaged resolution of the true
//!   pairing at m_X (2σ by default, a documented choice: the slides give no number).
//! * Counting: an event counts when either opposite-sign pairing, smeared by its Gaussian
//!   resolution, falls in the window: P = P₁ + P₂ − P₁P₂ (the two smearings treated as
//!   independent).
//! * Signal: N_K𝒜 · BR(K⁺ → μ⁺νX) · BR(X → μμ) · P(X decays in the FV) · ε_window;
//!   background: N_K𝒜 · BR(K⁺ → μ⁺νμ⁺μ⁻) · ε_window.
//! * Limit: classical Poisson upper limit (PDG Eq. 40.76) with the expected background and the
//!   observed count set to the median of the background-only Poisson distribution: the median
//!   expected limit ([`counting_band_limit`] at band 0).

use super::channel::KaonModel;
use super::dimuon_events::{generate, momentum, DimuonEvent, Source, P4};
use super::geometry::DecayVolume;
use super::rate::{total_ratio, BR_K_MU_NU};
use super::resolution::MomentumResolution;
use super::search::Exposure;
use super::three_muon::{BR_K_3MU_NU, DIMUON_THRESHOLD};
use super::x_decay::{dimuon_branching, BoostSpectrum};
use crate::error::{Error, Result};
use crate::stats::counting_band_limit;
use statrs::function::erf::erfc;

/// δm/m of a μ⁺μ⁻ pair as written on the NA62 slides: ½ √((δp/p)(p₊)² + (δp/p)(p₋)²). It is
/// the massless limit of [`pair_mass_resolution`] (m² ≈ 2p₊p₋(1 − cos θ₊₋), so that
/// ∂ln m/∂ln p = ½); near threshold it overestimates the width by 1/β², β² = 1 − 4m_μ²/m².
pub fn dimuon_relative_resolution(
    resolution: &MomentumResolution,
    p_plus: f64,
    p_minus: f64,
) -> f64 {
    0.5 * resolution
        .relative(p_plus)
        .hypot(resolution.relative(p_minus))
}

/// σ(m) of the pair (a, b) of lab four-momenta (GeV), propagated exactly from independent
/// relative momentum errors δp/p at fixed directions: m² = 2m_μ² + 2(E_aE_b − p⃗_a·p⃗_b) gives
/// ∂m²/∂ln p_a = 2(|p⃗_a|² E_b/E_a − p⃗_a·p⃗_b), and σ(m) = √Σ(∂m²/∂ln p · δp/p)² / (2m).
pub fn pair_mass_resolution(resolution: &MomentumResolution, a: P4, b: P4) -> f64 {
    let pa = momentum(a);
    let pb = momentum(b);
    let dot = a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
    let da = 2.0 * (pa * pa * b[0] / a[0] - dot);
    let db = 2.0 * (pb * pb * a[0] / b[0] - dot);
    let m2 = (a[0] + b[0]).powi(2)
        - (a[1] + b[1]).powi(2)
        - (a[2] + b[2]).powi(2)
        - (a[3] + b[3]).powi(2);
    let m = m2.max(f64::MIN_POSITIVE).sqrt();
    (da * resolution.relative(pa)).hypot(db * resolution.relative(pb)) / (2.0 * m)
}

/// The visible-search settings.
#[derive(Debug, Clone, PartialEq)]
pub struct VisibleSearch {
    /// Kaons, acceptance and trigger.
    pub exposure: Exposure,
    /// Beam momentum and decay volume.
    pub volume: DecayVolume,
    /// Spectrometer momentum resolution.
    pub momentum: MomentumResolution,
    /// BR(K⁺ → μ⁺νμ⁺μ⁻) of the background (seed 004: 7 × 10⁻⁸).
    pub background_branching_ratio: f64,
    /// Half-width of the mass window in units of σ̄_m (> 0).
    pub window_sigmas: f64,
    /// Monte Carlo events per sample (signal per mass, and background).
    pub events: usize,
    /// Seed of the `Pcg64` generator (the background uses it, each signal sample a value
    /// derived from it and the mass).
    pub seed: u64,
    /// Confidence level of the Poisson limit.
    pub confidence_level: f64,
}

impl Default for VisibleSearch {
    fn default() -> Self {
        VisibleSearch {
            exposure: Exposure::projection(),
            volume: DecayVolume::default(),
            momentum: MomentumResolution::default(),
            background_branching_ratio: BR_K_3MU_NU,
            window_sigmas: 2.0,
            events: 100_000,
            seed: 20_190_215,
            confidence_level: 0.95,
        }
    }
}

/// What the visible search expects at one mass.
#[derive(Debug, Clone, PartialEq)]
pub struct VisibleCounts {
    /// m_X in GeV.
    pub mass_gev: f64,
    /// Signal-averaged mass resolution σ̄_m of the true pairing (GeV).
    pub sigma_m_gev: f64,
    /// The m_μμ window (GeV).
    pub window: (f64, f64),
    /// Fraction of the signal with a pairing in the window.
    pub signal_efficiency: f64,
    /// Fraction of K⁺ → μ⁺νμ⁺μ⁻ with a pairing in the window.
    pub background_efficiency: f64,
    /// BR(X → μ⁺μ⁻).
    pub dimuon_branching: f64,
    /// Signal events per g² if every X decayed to μμ promptly in the FV:
    /// N_K𝒜 · BR(K → μνX)/g² · ε_window.
    pub signal_per_g2: f64,
    /// Background events in the window.
    pub background: f64,
    /// Poisson upper limit on the signal events.
    pub signal_limit: f64,
    /// Lab boosts of X, for the decay probability.
    pub boosts: BoostSpectrum,
}

/// Half-width, in resolutions, beyond which a pairing is not evaluated: the Gaussian
/// probability it would put into the window is below ½ erfc(9/√2) = 1.1 × 10⁻¹⁹.
const FAR_SIGMAS: f64 = 9.0;

/// P(mean + σ·N(0, 1) ∈ [lo, hi]); zero for a mean more than [`FAR_SIGMAS`] widths outside.
fn gaussian_fraction(mean: f64, sigma: f64, lo: f64, hi: f64) -> f64 {
    let reach = FAR_SIGMAS * sigma;
    if mean + reach < lo || mean - reach > hi {
        return 0.0;
    }
    let s = sigma * std::f64::consts::SQRT_2;
    0.5 * (erfc((lo - mean) / s) - erfc((hi - mean) / s))
}

/// One event's two opposite-sign pairings (the true one first) with their mass resolutions.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ResolvedEvent {
    mass: [f64; 2],
    sigma: [f64; 2],
    weight: f64,
}

/// A sample's pairings with their mass resolutions ([`pair_mass_resolution`]), computed once so
/// that the window of every mass reads them instead of recomputing them.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedPairs {
    events: Vec<ResolvedEvent>,
}

impl ResolvedPairs {
    /// The pairings of `events` under the momentum resolution `res`.
    pub fn new(events: &[DimuonEvent], res: &MomentumResolution) -> Self {
        let events = events
            .iter()
            .map(|e| {
                let [plus_y, minus, plus_k] = e.lab;
                ResolvedEvent {
                    mass: [e.true_pair_mass, e.other_pair_mass],
                    sigma: [
                        pair_mass_resolution(res, plus_y, minus),
                        pair_mass_resolution(res, plus_k, minus),
                    ],
                    weight: e.weight,
                }
            })
            .collect();
        ResolvedPairs { events }
    }

    /// The weighted fraction of events with either pairing in [lo, hi].
    fn window_fraction(&self, lo: f64, hi: f64) -> f64 {
        let (mut inside, mut total) = (0.0, 0.0);
        for e in &self.events {
            let f1 = gaussian_fraction(e.mass[0], e.sigma[0], lo, hi);
            let f2 = gaussian_fraction(e.mass[1], e.sigma[1], lo, hi);
            inside += e.weight * (f1 + f2 - f1 * f2);
            total += e.weight;
        }
        if total > 0.0 {
            inside / total
        } else {
            0.0
        }
    }

    /// The weighted mean resolution of the true pairing, None without positive weight.
    fn mean_true_resolution(&self) -> Option<f64> {
        let (mut sum_sigma, mut sum_w) = (0.0, 0.0);
        for e in &self.events {
            sum_sigma += e.weight * e.sigma[0];
            sum_w += e.weight;
        }
        (sum_w > 0.0).then(|| sum_sigma / sum_w)
    }
}

impl VisibleSearch {
    /// Checks every field.
    pub fn validate(&self) -> Result<()> {
        self.exposure.validate()?;
        self.volume.validate()?;
        crate::error::non_negative("momentum resolution constant", self.momentum.constant)?;
        crate::error::non_negative("momentum resolution slope", self.momentum.per_gev)?;
        if self.momentum.constant == 0.0 && self.momentum.per_gev == 0.0 {
            return Err(Error::out_of_range(
                "momentum resolution",
                0,
                "needs a non-zero constant or slope (a zero-width window is empty)",
            ));
        }
        crate::error::within(
            "background branching ratio",
            self.background_branching_ratio,
            0.0,
            1.0,
        )?;
        if !(self.window_sigmas.is_finite()
            && self.window_sigmas > 0.0
            && self.window_sigmas <= 10.0)
        {
            return Err(Error::out_of_range(
                "window half-width (sigmas)",
                self.window_sigmas,
                "must lie in (0, 10]: a zero or negative half-width is an empty cut window",
            ));
        }
        if !(100..=10_000_000).contains(&self.events) {
            return Err(Error::out_of_range(
                "events",
                self.events,
                "must lie in [100, 10000000]",
            ));
        }
        crate::error::within("confidence level", self.confidence_level, 0.5, 0.999_999)?;
        Ok(())
    }

    /// The background sample (K⁺ → μ⁺νμ⁺μ⁻), generated once per search.
    pub fn background_events(&self) -> Result<Vec<DimuonEvent>> {
        generate(
            Source::ThreeMuon,
            self.volume.kaon_momentum_gev,
            self.events,
            self.seed,
        )
    }

    /// The signal sample at `m_x`: seed derived from the search's seed and the mass bits, so that
    /// every mass has its own reproducible stream.
    pub fn signal_events(&self, model: KaonModel, m_x: f64) -> Result<Vec<DimuonEvent>> {
        generate(
            Source::Signal(model, m_x),
            self.volume.kaon_momentum_gev,
            self.events,
            self.seed ^ m_x.to_bits().rotate_left(17),
        )
    }

    /// Expected counts at `m_x` (2m_μ < m_X < m_K − m_μ) against a background sample from
    /// [`Self::background_events`].
    pub fn counts(
        &self,
        model: KaonModel,
        m_x: f64,
        background: &[DimuonEvent],
    ) -> Result<VisibleCounts> {
        self.counts_resolved(model, m_x, &ResolvedPairs::new(background, &self.momentum))
    }

    /// [`Self::counts`] against a background whose pairings were resolved once
    /// ([`ResolvedPairs::new`] with this search's momentum resolution), for scans over masses.
    pub fn counts_resolved(
        &self,
        model: KaonModel,
        m_x: f64,
        background: &ResolvedPairs,
    ) -> Result<VisibleCounts> {
        self.validate()?;
        super::kinematics::check_x_mass("m_X", m_x)?;
        if m_x <= DIMUON_THRESHOLD {
            return Err(Error::out_of_range(
                "m_X",
                m_x,
                format!(
                    "must exceed 2 m_mu = {DIMUON_THRESHOLD:.6} GeV for the visible search (X -> mu+ mu-)"
                ),
            ));
        }
        let signal = self.signal_events(model, m_x)?;
        let resolved_signal = ResolvedPairs::new(&signal, &self.momentum);
        let Some(sigma_m) = resolved_signal.mean_true_resolution() else {
            return Err(Error::out_of_range(
                "signal sample",
                m_x,
                "has no event with positive weight",
            ));
        };
        let half = self.window_sigmas * sigma_m;
        let window = (m_x - half, m_x + half);
        if window.1.is_nan() || window.0.is_nan() || window.1 <= window.0 {
            return Err(Error::out_of_range(
                "m_mumu window",
                format!("[{}, {}]", window.0, window.1),
                "is empty",
            ));
        }
        let signal_efficiency = resolved_signal.window_fraction(window.0, window.1);
        let background_efficiency = background.window_fraction(window.0, window.1);
        let n_eff = self.exposure.effective_kaons();
        let br_per_g2 = BR_K_MU_NU * total_ratio(model, m_x)?.value;
        let expected_background = n_eff * self.background_branching_ratio * background_efficiency;
        // The median expected limit: the limit for the median background-only count (band 0
        // of the counting bands, so that the bands' median is this limit).
        let signal_limit =
            counting_band_limit(expected_background, 0.0, 0.0, self.confidence_level, 0)?;
        Ok(VisibleCounts {
            mass_gev: m_x,
            sigma_m_gev: sigma_m,
            window,
            signal_efficiency,
            background_efficiency,
            dimuon_branching: dimuon_branching(model, m_x)?,
            signal_per_g2: n_eff * br_per_g2 * signal_efficiency,
            background: expected_background,
            signal_limit,
            boosts: BoostSpectrum::from_events(&signal, |_| true)?,
        })
    }
}
