//! The reach of a kaon experiment (family `kaon` of the experiment files, experiments/na62.toml):
//! per model, mass and scenario, the excluded couplings in the long reach-table format.
//!
//! * invisible scenarios: the NA62-slides statistic (cut and count S/√(B + κ²B²) = 2, or the
//!   binned likelihood Λ(S) < 4) gives the limit g₀ for an X that always escapes; with the
//!   model's widths X may instead decay visibly inside the detector, so the excluded region is
//!   g² P_inv(g) > g₀² with P_inv of [`XInVolume::invisible_probability`]. Above 2m_μ a short-lived X
//!   decays to μμ before the end of the detector: the upper edge `coupling_high`.
//! * visible scenarios: N_S(g) = g² s₁ BR(X → μμ) P_FV(g) above the Poisson limit
//!   ([`VisibleSearch`]); a long-lived X (small g) decays beyond the FV, so the lower edge
//!   rises above the prompt value. Below 2m_μ nothing is excluded.

use super::channel::KaonModel;
use super::dimuon_events::signal_boost_events;
use super::geometry::DecayVolume;
use super::search::{required_signal, InvisibleSearch};
use super::visible::VisibleSearch;
use super::x_decay::{preset, BoostSpectrum, XInVolume};
use crate::error::Result;
use crate::model::{Era, MAX_COUPLING};
use crate::reach::{reach_header, signal_interval, CouplingInterval, ReachTable, ScanGrid};

/// The statistic of an invisible scenario (NA62 slides, "Challenge 2").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvisibleStatistic {
    /// S/√(B + κ²B²) = significance.
    CutAndCount,
    /// Binned Poisson likelihood, Λ(S) < 4.
    Likelihood,
}

/// What a scenario searches for.
#[derive(Debug, Clone, PartialEq)]
pub enum KaonSearch {
    /// X invisible: the m²_miss tail of the single-muon sample.
    Invisible(InvisibleSearch, InvisibleStatistic),
    /// X → μ⁺μ⁻ inside the fiducial volume.
    Visible(VisibleSearch),
}

/// One scenario: the reach-table column and its search.
#[derive(Debug, Clone, PartialEq)]
pub struct KaonScenario {
    /// Scenario name (reach-table column).
    pub name: String,
    /// The search and its settings.
    pub search: KaonSearch,
}

/// A validated kaon experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct KaonExperiment {
    /// The experiment column of the reach table.
    pub name: String,
    /// Title of the figures.
    pub title: String,
    /// Beam and decay volume (shared by every scenario).
    pub volume: DecayVolume,
    /// Confidence level quoted in the HEPData output.
    pub confidence_level: f64,
    /// The models scanned.
    pub models: Vec<KaonModel>,
    /// Mass grid in GeV, ascending, below m_K − m_μ.
    pub masses_gev: Vec<f64>,
    /// Coupling range searched.
    pub coupling_range: (f64, f64),
    /// Grid points per decade of the coupling search.
    pub couplings_per_decade: usize,
    /// Monte Carlo events of the X boost samples of the invisible scenarios.
    pub boost_events: usize,
    /// (g−2)_μ era of the figures' band.
    pub g2_era: &'static Era,
    /// Half-width of that band in standard deviations.
    pub g2_sigma: f64,
    /// Masses (GeV) of the signals drawn on the missing-mass figure.
    pub figure_masses_gev: Vec<f64>,
    /// Coupling of the signals drawn on the missing-mass figure.
    pub figure_coupling: f64,
    /// The scenarios.
    pub scenarios: Vec<KaonScenario>,
}

/// Limit on g for an X that always escapes, from the scenario's statistic.
fn invisible_limit(
    search: &InvisibleSearch,
    statistic: InvisibleStatistic,
    model: KaonModel,
    m_x: f64,
) -> Result<f64> {
    let counts = search.counts(model, m_x)?;
    match statistic {
        InvisibleStatistic::CutAndCount => {
            let need = required_signal(counts.background, search.kappa, search.significance)?;
            crate::error::positive(
                "signal per g^2 in the m_miss^2 window",
                counts.signal_per_g2,
            )?;
            Ok((need / counts.signal_per_g2).sqrt())
        }
        InvisibleStatistic::Likelihood => search.likelihood_limit(model, m_x),
    }
}

fn scan_range(experiment: &KaonExperiment) -> (f64, f64) {
    let (g0, g1) = experiment.coupling_range;
    (g0, g1.min(MAX_COUPLING))
}

/// The excluded interval of one invisible scenario at one mass.
pub fn invisible_interval(
    experiment: &KaonExperiment,
    search: &InvisibleSearch,
    statistic: InvisibleStatistic,
    model: KaonModel,
    m_x: f64,
) -> Result<Option<CouplingInterval>> {
    let g_limit = invisible_limit(search, statistic, model, m_x)?;
    let (lo, _) = search.window(m_x)?;
    let events = signal_boost_events(
        model,
        m_x,
        experiment.volume.kaon_momentum_gev,
        experiment.boost_events,
        0x6b61_6f6e ^ m_x.to_bits(),
    )?;
    let boosts = BoostSpectrum::from_events(&events, |e| e.s12 >= lo)?;
    let (g0, g1) = scan_range(experiment);
    let ln_limit = 2.0 * g_limit.ln();
    let x = XInVolume {
        model,
        m_x,
        boosts: &boosts,
        volume: &experiment.volume,
    };
    signal_interval(
        |g| Ok(g * g * x.invisible_probability(g)?),
        ln_limit,
        g0,
        g1,
        experiment.couplings_per_decade,
    )
}

/// The excluded interval of one visible scenario at one mass (None below 2m_μ).
pub fn visible_interval(
    experiment: &KaonExperiment,
    search: &VisibleSearch,
    background: &[super::dimuon_events::DimuonEvent],
    model: KaonModel,
    m_x: f64,
) -> Result<Option<CouplingInterval>> {
    if m_x <= super::three_muon::DIMUON_THRESHOLD {
        return Ok(None);
    }
    let counts = search.counts(model, m_x, background)?;
    let (g0, g1) = scan_range(experiment);
    let ln_limit = counts.signal_limit.max(f64::MIN_POSITIVE).ln();
    let x = XInVolume {
        model,
        m_x,
        boosts: &counts.boosts,
        volume: &search.volume,
    };
    signal_interval(
        |g| Ok(g * g * counts.signal_per_g2 * x.visible_dimuon_probability(g)?),
        ln_limit,
        g0,
        g1,
        experiment.couplings_per_decade,
    )
}

/// The reach table of a kaon experiment: every model × mass × scenario (rayon over the
/// points; each point is deterministic, so the table does not depend on the thread count).
/// `progress` is called once per finished (model, mass) point.
pub fn reach_table(
    experiment: &KaonExperiment,
    progress: &(dyn Fn() + Sync),
) -> Result<ReachTable> {
    // One background sample per visible scenario, shared by every mass and model.
    let backgrounds = experiment
        .scenarios
        .iter()
        .map(|s| match &s.search {
            KaonSearch::Visible(v) => {
                v.validate()?;
                v.background_events().map(Some)
            }
            KaonSearch::Invisible(i, _) => i.validate().map(|()| None),
        })
        .collect::<Result<Vec<_>>>()?;
    let scenarios: Vec<&str> = experiment
        .scenarios
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let grid = ScanGrid {
        experiment: &experiment.name,
        models: &experiment.models,
        masses_gev: &experiment.masses_gev,
        scenarios: &scenarios,
    };
    let rows = grid.rows(KaonModel::name, progress, |model, m_x| {
        experiment
            .scenarios
            .iter()
            .zip(&backgrounds)
            .map(|(s, bkg)| match (&s.search, bkg) {
                (KaonSearch::Invisible(search, statistic), _) => {
                    invisible_interval(experiment, search, *statistic, model, m_x)
                }
                (KaonSearch::Visible(search), Some(b)) => {
                    visible_interval(experiment, search, b, model, m_x)
                }
                (KaonSearch::Visible(_), None) => Ok(None),
            })
            .collect()
    })?;
    Ok(ReachTable {
        provenance: provenance(experiment),
        rows,
    })
}

fn provenance(experiment: &KaonExperiment) -> Vec<String> {
    let v = &experiment.volume;
    // The constraint-file header first: every reach table can be overlaid as a constraint.
    let [source, cl] = reach_header(&experiment.title, experiment.confidence_level);
    let mut lines = vec![
        source,
        cl,
        format!(
            "K+ -> mu+ nu X (REFERENCE sec. 7, NA62 slides after arXiv:1902.07715): {} GeV K+, fiducial volume {}-{} m, detector end {} m; X widths of the muforce model presets",
            v.kaon_momentum_gev, v.fiducial_start_m, v.fiducial_end_m, v.detector_end_m
        ),
    ];
    for s in &experiment.scenarios {
        lines.push(match &s.search {
            KaonSearch::Invisible(i, stat) => format!(
                "scenario {}: invisible, {:e} K+ x acceptance {} x trigger {}, m_miss^2 > {} GeV^2, {}; excluded where g^2 P(X escapes or decays invisibly) exceeds the limit",
                s.name,
                i.exposure.kaons,
                i.exposure.acceptance,
                i.exposure.trigger_fraction,
                i.m2_lower,
                match stat {
                    InvisibleStatistic::CutAndCount => format!(
                        "cut and count S/sqrt(B + kappa^2 B^2) = {} with kappa = {}",
                        i.significance, i.kappa
                    ),
                    InvisibleStatistic::Likelihood =>
                        format!("binned likelihood Lambda(S) < 4 in {} bins", i.bins),
                }
            ),
            KaonSearch::Visible(vs) => format!(
                "scenario {}: visible X -> mu+ mu- in the fiducial volume, {:e} K+ x acceptance {} x trigger {}, background BR(K -> mu nu mu mu) = {:e}, window +-{} sigma_m over both pairings, Poisson limit at {} CL, {} MC events (seed {})",
                s.name,
                vs.exposure.kaons,
                vs.exposure.acceptance,
                vs.exposure.trigger_fraction,
                vs.background_branching_ratio,
                vs.window_sigmas,
                vs.confidence_level,
                vs.events,
                vs.seed
            ),
        });
    }
    lines.push("coupling_high: upper edge where X decays visibly too early (invisible) ; empty: open up to the scan's end".into());
    lines
}

/// The preset spin of a model, for the (g−2)_μ band of the figures.
pub fn model_spin(model: KaonModel) -> crate::model::Spin {
    preset(model).spin()
}
