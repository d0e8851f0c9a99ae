//! How the X of K⁺ → μ⁺νX decays, with the model's widths ([`crate::model`]: REFERENCE §4.1 for
//! the scalar, §4.2 for the vectors): BR(X → μ⁺μ⁻), the invisible branching ratio, and the
//! probabilities of decaying inside the fiducial volume or beyond the detector, averaged over
//! the lab boosts of X from a 75 GeV K⁺ ([`BoostSpectrum`]).

use super::channel::KaonModel;
use super::dimuon_events::{DimuonEvent, XBoost};
use super::geometry::DecayVolume;
use crate::error::{Error, Result};
use crate::model::{Channel, DecayTable, Lepton, Mediator, Preset};

/// The mediator preset of a kaon-channel model (same couplings: muon-only scalar, L_μ − L_τ,
/// muon-only vector).
pub fn preset(model: KaonModel) -> Preset {
    match model {
        KaonModel::MuonScalar => Preset::MuonScalar,
        KaonModel::LmuLtau => Preset::LmuLtau,
        KaonModel::MuonVector => Preset::MuonVector,
    }
}

/// The decay table of X at coupling g, or None when X has no open channel (a muon-only vector
/// below 2m_μ is stable: it always escapes).
pub fn decay_table(model: KaonModel, m_x: f64, g: f64) -> Result<Option<(Mediator, DecayTable)>> {
    let x = preset(model).mediator(m_x, g)?;
    match DecayTable::new(&x) {
        Ok(t) => Ok(Some((x, t))),
        Err(Error::Closed { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// BR(X → μ⁺μ⁻): 0 below 2m_μ; 1 for the muon-only vector above it; 1 − Γ_γγ/Γ for the
/// muon-only scalar; Γ_μμ/(Γ_μμ + 2Γ_νν) for L_μ − L_τ. The ratio does not depend on g (every
/// width ∝ g²); it is evaluated at g = 10⁻³.
pub fn dimuon_branching(model: KaonModel, m_x: f64) -> Result<f64> {
    if m_x <= 2.0 * Lepton::Muon.mass() {
        return Ok(0.0);
    }
    match decay_table(model, m_x, 1e-3)? {
        Some((x, t)) => t.branching(&x, Channel::Leptons(Lepton::Muon)),
        None => Ok(0.0),
    }
}

/// Weighted lab βγ of X, binned in ln βγ (weights sum to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct BoostSpectrum {
    /// (mean βγ in the bin, weight).
    pub nodes: Vec<(f64, f64)>,
}

/// Bins of the boost spectrum: the decay probabilities vary smoothly with βγ, and 48 bins over
/// the ≲ 2 decades of βγ keep the binning error far below the Monte Carlo error.
const BOOST_BINS: usize = 48;

impl BoostSpectrum {
    /// Bins the events accepted by `keep` (weights ≥ 0, at least one positive).
    pub fn from_events(
        events: &[DimuonEvent],
        keep: impl Fn(&DimuonEvent) -> bool,
    ) -> Result<Self> {
        Self::from_weighted(
            events
                .iter()
                .filter(|e| keep(e))
                .map(|e| (e.y_beta_gamma, e.weight)),
        )
    }

    /// Bins the boosts accepted by `keep` (weights ≥ 0, at least one positive); the same
    /// spectrum as [`Self::from_events`] of the events the boosts were taken from.
    pub fn from_boosts(boosts: &[XBoost], keep: impl Fn(&XBoost) -> bool) -> Result<Self> {
        Self::from_weighted(
            boosts
                .iter()
                .filter(|b| keep(b))
                .map(|b| (b.beta_gamma, b.weight)),
        )
    }

    /// Bins (βγ, weight) pairs in ln βγ.
    fn from_weighted(pairs: impl Iterator<Item = (f64, f64)>) -> Result<Self> {
        let kept: Vec<(f64, f64)> = pairs.filter(|&(bg, w)| w > 0.0 && bg > 0.0).collect();
        let total: f64 = kept.iter().map(|&(_, w)| w).sum();
        if kept.is_empty() || !(total > 0.0 && total.is_finite()) {
            return Err(Error::out_of_range(
                "X boost sample",
                kept.len(),
                "needs events with positive weight in the selection",
            ));
        }
        let lo = kept.iter().map(|&(bg, _)| bg).fold(f64::MAX, f64::min).ln();
        let hi = kept.iter().map(|&(bg, _)| bg).fold(0.0, f64::max).ln();
        let width = ((hi - lo) / BOOST_BINS as f64).max(f64::MIN_POSITIVE);
        let mut sums = vec![(0.0, 0.0); BOOST_BINS];
        for (bg, w) in kept {
            let k = (((bg.ln() - lo) / width) as usize).min(BOOST_BINS - 1);
            sums[k].0 += w * bg;
            sums[k].1 += w;
        }
        let nodes = sums
            .into_iter()
            .filter(|s| s.1 > 0.0)
            .map(|(wb, w)| (wb / w, w / total))
            .collect();
        Ok(BoostSpectrum { nodes })
    }

    /// The weighted mean of `f(L)` over the spectrum, with L = βγ cτ.
    fn mean(&self, ctau_m: f64, f: impl Fn(f64) -> Result<f64>) -> Result<f64> {
        let mut sum = 0.0;
        for &(bg, w) in &self.nodes {
            sum += w * f(bg * ctau_m)?;
        }
        Ok(sum.clamp(0.0, 1.0))
    }

    /// Probability that X (proper decay length `ctau_m`) decays inside the fiducial volume.
    pub fn visible_probability(&self, volume: &DecayVolume, ctau_m: f64) -> Result<f64> {
        self.mean(ctau_m, |l| volume.visible_probability(l))
    }

    /// Probability that X survives to the end of the detector.
    pub fn escape_probability(&self, volume: &DecayVolume, ctau_m: f64) -> Result<f64> {
        self.mean(ctau_m, |l| volume.escape_probability(l))
    }
}

/// X of one model and mass, with the lab boosts of its production, in a decay volume: where it
/// decays as a function of the coupling g (its widths, and so its decay length, scale as g²).
#[derive(Debug, Clone, Copy)]
pub struct XInVolume<'a> {
    /// The model of X.
    pub model: KaonModel,
    /// Its mass in GeV.
    pub m_x: f64,
    /// Its lab boosts.
    pub boosts: &'a BoostSpectrum,
    /// The fiducial volume and the detector end.
    pub volume: &'a DecayVolume,
}

impl XInVolume<'_> {
    /// Probability that X leaves no visible trace at coupling g: BR(invisible) + (1 −
    /// BR(invisible)) × P(survives the detector); 1 for a stable X.
    pub fn invisible_probability(&self, g: f64) -> Result<f64> {
        let Some((_, table)) = decay_table(self.model, self.m_x, g)? else {
            return Ok(1.0);
        };
        let invisible = table.invisible_branching();
        if invisible >= 1.0 {
            return Ok(1.0);
        }
        let escape = self
            .boosts
            .escape_probability(self.volume, table.ctau_m())?;
        Ok((invisible + (1.0 - invisible) * escape).min(1.0))
    }

    /// Probability that X decays to μ⁺μ⁻ inside the fiducial volume at coupling g:
    /// BR(X → μμ) × P(decay in the FV); 0 for a stable X and below 2m_μ.
    pub fn visible_dimuon_probability(&self, g: f64) -> Result<f64> {
        let Some((x, table)) = decay_table(self.model, self.m_x, g)? else {
            return Ok(0.0);
        };
        if self.m_x <= 2.0 * Lepton::Muon.mass() {
            return Ok(0.0);
        }
        let br = table.branching(&x, Channel::Leptons(Lepton::Muon))?;
        Ok(br
            * self
                .boosts
                .visible_probability(self.volume, table.ctau_m())?)
    }
}
