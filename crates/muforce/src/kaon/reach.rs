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
use super::dimuon_events::{signal_boosts, DimuonEvent, XBoost};
use super::geometry::DecayVolume;
use super::observed::ObservedHistogram;
use super::search::{required_signal, InvisibleSearch};
use super::visible::{ResolvedPairs, VisibleSearch};
use super::x_decay::{preset, BoostSpectrum, XInVolume};
use crate::error::Result;
use crate::model::{Era, MAX_COUPLING};
use crate::reach::{
    reach_header, signal_interval, BandRow, BandTable, CouplingInterval, LimitKind, ReachRow,
    ReachTable, ScanGrid, WorkspaceEntry, WorkspaceSet,
};
use crate::stats::{counting_bands, BANDS};

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
    /// Observed m²_miss histogram of an invisible likelihood scenario with data (its rows are
    /// observed limits); None for a projection.
    pub observed: Option<ObservedHistogram>,
}

impl KaonScenario {
    /// Whether the scenario's statistic has expected bands: the binned likelihood and the
    /// visible search's Poisson count do; the slides' cut and count S/√(B + κ²B²) = Z is a
    /// significance formula without a distribution of the limit, so it has none.
    pub fn has_bands(&self) -> bool {
        !matches!(
            self.search,
            KaonSearch::Invisible(_, InvisibleStatistic::CutAndCount)
        )
    }
}

/// The seed of the X boost sample of the invisible scenarios at m_X (shared with the signal
/// events, `events::kaon`, so that their expected count is the reach's).
pub(crate) fn boost_seed(m_x: f64) -> u64 {
    0x6b61_6f6e ^ m_x.to_bits()
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
    Ok(invisible_intervals(experiment, search, model, m_x, &[g_limit], &mut None)?[0])
}

/// The excluded intervals of an invisible search at one mass for each limit g₀ of `g_limits`
/// (for an X that always escapes): g² P_inv(g) > g₀², one boost sample for all.
///
/// The boost sample depends only on the experiment, the model and the mass, so the invisible
/// scenarios of one (model, mass) share it: `boost_events` holds it once made.
fn invisible_intervals(
    experiment: &KaonExperiment,
    search: &InvisibleSearch,
    model: KaonModel,
    m_x: f64,
    g_limits: &[f64],
    boost_events: &mut Option<Vec<XBoost>>,
) -> Result<Vec<Option<CouplingInterval>>> {
    let (lo, _) = search.window(m_x)?;
    let events = match boost_events {
        Some(events) => events,
        None => boost_events.insert(signal_boosts(
            model,
            m_x,
            experiment.volume.kaon_momentum_gev,
            experiment.boost_events,
            boost_seed(m_x),
        )?),
    };
    let boosts = BoostSpectrum::from_boosts(events, |b| b.s12 >= lo)?;
    let (g0, g1) = scan_range(experiment);
    let x = XInVolume {
        model,
        m_x,
        boosts: &boosts,
        volume: &experiment.volume,
    };
    g_limits
        .iter()
        .map(|g_limit| {
            signal_interval(
                |g| Ok(g * g * x.invisible_probability(g)?),
                2.0 * g_limit.ln(),
                g0,
                g1,
                experiment.couplings_per_decade,
            )
        })
        .collect()
}

/// The excluded interval of one visible scenario at one mass (None below 2m_μ).
pub fn visible_interval(
    experiment: &KaonExperiment,
    search: &VisibleSearch,
    background: &[DimuonEvent],
    model: KaonModel,
    m_x: f64,
) -> Result<Option<CouplingInterval>> {
    let background = ResolvedPairs::new(background, &search.momentum);
    Ok(visible_intervals(experiment, search, &background, model, m_x, false)?[0])
}

/// The excluded intervals of a visible search at one mass: its expected limit, then, with
/// `bands`, bands −2 … 2 (Poisson quantiles of the background count,
/// [`crate::stats::counting_bands`]). All None below 2m_μ.
fn visible_intervals(
    experiment: &KaonExperiment,
    search: &VisibleSearch,
    background: &ResolvedPairs,
    model: KaonModel,
    m_x: f64,
    bands: bool,
) -> Result<Vec<Option<CouplingInterval>>> {
    let n = if bands { 1 + BANDS.len() } else { 1 };
    if m_x <= super::three_muon::DIMUON_THRESHOLD {
        return Ok(vec![None; n]);
    }
    let counts = search.counts_resolved(model, m_x, background)?;
    let mut limits = vec![counts.signal_limit];
    if bands {
        limits.extend(counting_bands(
            counts.background,
            0.0,
            0.0,
            search.confidence_level,
        )?);
    }
    let (g0, g1) = scan_range(experiment);
    let x = XInVolume {
        model,
        m_x,
        boosts: &counts.boosts,
        volume: &search.volume,
    };
    limits
        .iter()
        .map(|limit| {
            signal_interval(
                |g| Ok(g * g * counts.signal_per_g2 * x.visible_dimuon_probability(g)?),
                limit.max(f64::MIN_POSITIVE).ln(),
                g0,
                g1,
                experiment.couplings_per_decade,
            )
        })
        .collect()
}

/// The intervals of one scenario at one mass: its limit (observed with data, else the
/// expected limit), then, with `bands` and where the statistic has them, bands −2 … 2.
fn scenario_intervals(
    experiment: &KaonExperiment,
    scenario: &KaonScenario,
    background: Option<&ResolvedPairs>,
    (model, m_x): (KaonModel, f64),
    bands: bool,
    boost_events: &mut Option<Vec<XBoost>>,
) -> Result<Vec<Option<CouplingInterval>>> {
    let bands = bands && scenario.has_bands();
    match (&scenario.search, background) {
        (KaonSearch::Invisible(search, statistic), _) => {
            let mut limits = vec![match &scenario.observed {
                Some(h) => search.observed_likelihood_limit(model, m_x, h)?,
                None => invisible_limit(search, *statistic, model, m_x)?,
            }];
            if bands {
                limits.extend(search.likelihood_bands(model, m_x, scenario.observed.is_some())?);
            }
            invisible_intervals(experiment, search, model, m_x, &limits, boost_events)
        }
        (KaonSearch::Visible(search), Some(b)) => {
            visible_intervals(experiment, search, b, model, m_x, bands)
        }
        (KaonSearch::Visible(_), None) => Ok(vec![None; if bands { 6 } else { 1 }]),
    }
}

/// The reach table of a kaon experiment: every model × mass × scenario (rayon over the
/// points; each point is deterministic, so the table does not depend on the thread count).
/// `progress` is called once per finished (model, mass) point.
pub fn reach_table(
    experiment: &KaonExperiment,
    progress: &(dyn Fn() + Sync),
) -> Result<ReachTable> {
    Ok(reach_table_with(experiment, false, progress)?.0)
}

/// [`reach_table`], with the expected bands −2 … 2 of every scenario whose statistic has them
/// ([`KaonScenario::has_bands`]) when `bands` is true; asking for bands of an experiment
/// none of whose scenarios has them is an error.
pub fn reach_table_with(
    experiment: &KaonExperiment,
    bands: bool,
    progress: &(dyn Fn() + Sync),
) -> Result<(ReachTable, Option<BandTable>)> {
    if bands && !experiment.scenarios.iter().any(KaonScenario::has_bands) {
        return Err(crate::error::Error::out_of_range(
            "bands",
            &experiment.name,
            "need a scenario with statistic = \"likelihood\" or search = \"visible\": the cut \
             and count S/sqrt(B + kappa^2 B^2) = Z has no distribution of the limit",
        ));
    }
    // One background sample per visible scenario, shared by every mass and model.
    let backgrounds = experiment
        .scenarios
        .iter()
        .map(|s| match &s.search {
            KaonSearch::Visible(v) => {
                v.validate()?;
                let events = v.background_events()?;
                Ok(Some(ResolvedPairs::new(&events, &v.momentum)))
            }
            KaonSearch::Invisible(i, _) => i.validate().map(|()| None),
        })
        .collect::<Result<Vec<_>>>()?;
    // The columns of the grid: each scenario's limit, then its bands where it has them.
    let mut columns: Vec<(&KaonScenario, Option<i32>)> = Vec::new();
    for s in &experiment.scenarios {
        columns.push((s, None));
        if bands && s.has_bands() {
            columns.extend(BANDS.iter().map(|&b| (s, Some(b))));
        }
    }
    let names: Vec<&str> = columns.iter().map(|(s, _)| s.name.as_str()).collect();
    let grid = ScanGrid {
        experiment: &experiment.name,
        models: &experiment.models,
        masses_gev: &experiment.masses_gev,
        scenarios: &names,
    };
    let rows = grid.rows(KaonModel::name, progress, |model, m_x| {
        let mut out = Vec::with_capacity(columns.len());
        // Shared by the invisible scenarios of this (model, mass).
        let mut boost_events = None;
        for (s, bkg) in experiment.scenarios.iter().zip(&backgrounds) {
            out.extend(scenario_intervals(
                experiment,
                s,
                bkg.as_ref(),
                (model, m_x),
                bands,
                &mut boost_events,
            )?);
        }
        Ok(out)
    })?;
    // Rows come grouped by column, each group holding every model and mass.
    let group = experiment.models.len() * experiment.masses_gev.len();
    let mut limits: Vec<ReachRow> = Vec::new();
    let mut band_rows = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let (scenario, band) = columns[i / group];
        match band {
            None => limits.push(ReachRow {
                limit: if scenario.observed.is_some() {
                    LimitKind::Observed
                } else {
                    LimitKind::Expected
                },
                ..row
            }),
            Some(band) => band_rows.push(BandRow { row, band }),
        }
    }
    let provenance = provenance(experiment);
    let band_table = bands.then(|| {
        let mut lines = provenance.clone();
        lines.push(
            "expected bands: band = sigma of the background-only distribution of the limit (-2 \
             strongest); likelihood: asymptotic (CCGV EPJC 71 (2011) 1554, Sec. 5.1) for the \
             Lambda(S) < 4 criterion; visible: the count at the Poisson quantile Phi(band) of \
             the background"
                .into(),
        );
        let without: Vec<&str> = experiment
            .scenarios
            .iter()
            .filter(|s| !s.has_bands())
            .map(|s| s.name.as_str())
            .collect();
        if !without.is_empty() {
            lines.push(format!(
                "no bands for the cut-and-count scenarios (a significance formula without a distribution of the limit): {}",
                without.join(", ")
            ));
        }
        BandTable {
            provenance: lines,
            rows: band_rows,
        }
    });
    Ok((
        ReachTable {
            provenance,
            rows: limits,
        },
        band_table,
    ))
}

/// The pyhf workspaces of the invisible likelihood scenarios: per model and mass, the m²_miss
/// likelihood of an X that escapes (signal per g²; the reach table then folds in the
/// probability that X escapes, which a workspace cannot carry), with Asimov data or the
/// scenario's observed histogram.
pub fn workspaces(experiment: &KaonExperiment) -> Result<WorkspaceSet> {
    let mut entries = Vec::new();
    for s in &experiment.scenarios {
        let KaonSearch::Invisible(search, InvisibleStatistic::Likelihood) = &s.search else {
            continue;
        };
        for &model in &experiment.models {
            for &m_x in &experiment.masses_gev {
                let (likelihood, limit) = match &s.observed {
                    Some(h) => (search.data_likelihood(model, m_x, h)?, LimitKind::Observed),
                    None => (search.asimov_likelihood(model, m_x)?, LimitKind::Expected),
                };
                entries.push(WorkspaceEntry {
                    model: model.name().to_string(),
                    scenario: s.name.clone(),
                    mass_gev: m_x,
                    limit,
                    likelihood,
                });
            }
        }
    }
    if entries.is_empty() {
        return Err(crate::error::Error::out_of_range(
            "pyhf workspaces",
            &experiment.name,
            "need an invisible scenario with statistic = \"likelihood\" (the cut and count and the visible Poisson count are not binned likelihoods)",
        ));
    }
    Ok(WorkspaceSet {
        experiment: experiment.name.clone(),
        channel: "m2miss".into(),
        method: super::search::LIKELIHOOD_CRITERION,
        confidence_level: 0.95,
        note: "channel 'm2miss': K+ -> mu+ nu X with X escaping, binned in m_miss^2; the reach table's coupling_low also folds in the probability that X escapes the detector".into(),
        entries,
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
                    InvisibleStatistic::Likelihood => match &s.observed {
                        None => format!("binned likelihood Lambda(S) < 4 in {} bins of the window", i.bins),
                        Some(h) => format!(
                            "binned likelihood Lambda(S) < 4, observed limit with the histogram {} ({} fixed bins from {} GeV^2)",
                            h.source, i.bins, i.m2_lower
                        ),
                    },
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
