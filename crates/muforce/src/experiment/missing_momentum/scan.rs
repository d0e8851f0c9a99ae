//! The mass scan: per mediator and mass, the signal shape at g = 1, then per scenario the
//! expected limit on g from the binned ρ likelihood (GKSST arXiv:1906.09272 Sect. IV.D).

use super::signal::{signal, Signal};
use crate::error::Result;
use crate::experiment::description::{Experiment, Scenario};
use crate::model::Spin;
use crate::reach::{
    excluded_interval, reach_header, BandRow, BandTable, CouplingInterval, ReachRow, ReachTable,
    WorkspaceEntry, WorkspaceSet,
};
use crate::stats::{BinnedLikelihood, BANDS};
use rayon::prelude::*;

/// Background events per bin of a scenario: N_μ × ∫_bin R(ρ) dρ summed over its samples
/// (GKSST Eq. 9–10; R is per muon and, for case A, integrates to 1 + c₃).
///
/// ATLAS at the HL-LHC (GKSST arXiv:1906.09272): σ_Z^fid = 0.39 nb times 3 ab⁻¹ gives
/// 1.17·10⁹ Z muons (GKSST Eq. 7); the window |ρ| < 1 holds the three Gaussians entirely, so
/// case B (c₃ = 0) counts every muon once and case A (c₃ = 5·10⁻³) 0.5 % more.
///
/// ```
/// use muforce::experiment::{builtin, missing_momentum::background};
/// let atlas = builtin("atlas-hllhc")?;
/// let scenario = |name: &str| atlas.scenarios.iter().find(|s| s.name == name).unwrap();
/// let case_a: f64 = background(&atlas, scenario("Z/A")).iter().sum();
/// let case_b: f64 = background(&atlas, scenario("Z/B")).iter().sum();
/// assert!((case_b / (0.39 * 3e9) - 1.0).abs() < 1e-6, "{case_b:e}");
/// assert!((case_a / case_b - 1.005).abs() < 1e-6);
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn background(experiment: &Experiment, scenario: &Scenario) -> Vec<f64> {
    let muons: f64 = scenario
        .samples
        .iter()
        .map(|&i| experiment.samples[i].muons(scenario.luminosity_inv_fb))
        .sum();
    let r = &experiment.backgrounds[scenario.background].resolution;
    experiment
        .analysis
        .edges()
        .windows(2)
        .map(|w| muons * r.integral(w[0], w[1]))
        .collect()
}

/// (sample index, N_μ) of a scenario.
pub fn scenario_muons(experiment: &Experiment, scenario: &Scenario) -> Vec<(usize, f64)> {
    scenario
        .samples
        .iter()
        .map(|&i| (i, experiment.samples[i].muons(scenario.luminosity_inv_fb)))
        .collect()
}

/// The likelihood of one scenario with the signal at g = 1 (Asimov data = background, the
/// scenario's normalisation uncertainties profiled); None when there is no signal.
fn likelihood(
    experiment: &Experiment,
    scenario: &Scenario,
    signal: &Signal,
    background: &[f64],
) -> Result<Option<BinnedLikelihood>> {
    let s = signal.events(1.0, &scenario_muons(experiment, scenario));
    if s.iter().sum::<f64>() <= 0.0 {
        return Ok(None);
    }
    Ok(Some(
        BinnedLikelihood::asimov(s, background.to_vec())?.with_systematics(scenario.systematics),
    ))
}

/// The pyhf workspaces of a scan: one per (model, scenario, mass) with a signal, the ρ
/// likelihood with Asimov data and the scenario's systematics (module
/// [`crate::reach::WorkspaceSet`]).
pub fn workspaces(experiment: &Experiment, scan: &Scan) -> Result<WorkspaceSet> {
    let mut entries = Vec::new();
    for scenario in &experiment.scenarios {
        let b = background(experiment, scenario);
        for p in &scan.points {
            if let Some(likelihood) = likelihood(experiment, scenario, &p.signal, &b)? {
                entries.push(WorkspaceEntry {
                    model: p.signal.spin.name().to_string(),
                    scenario: scenario.name.clone(),
                    mass_gev: p.signal.mass_gev,
                    limit: crate::reach::LimitKind::Expected,
                    likelihood,
                });
            }
        }
    }
    Ok(WorkspaceSet {
        experiment: experiment.name.clone(),
        channel: "rho".into(),
        method: experiment.analysis.limit,
        confidence_level: experiment.analysis.confidence_level,
        note: "channel 'rho': the binned muon momentum-loss rho of the analysis, Asimov data = background".into(),
        entries,
    })
}

/// The couplings excluded by an upper limit μ_up on the signal strength at g = 1: g² < μ_up,
/// since N_X ∝ g².
fn couplings_below(experiment: &Experiment, mu_up: f64) -> Result<Option<CouplingInterval>> {
    let (g0, g1) = experiment.analysis.coupling_range;
    let ln_mu = mu_up.ln();
    excluded_interval(|g: f64| Ok(2.0 * g.ln() - ln_mu), g0, g1, 4, 1e-10)
}

/// The excluded couplings of one scenario given the signal at g = 1: the upper limit μ_up on
/// the signal strength (binned Poisson likelihood, Asimov data = background, the scenario's
/// systematics profiled) gives g² < μ_up, since N_X ∝ g². `None` when no coupling in the
/// analysis range is excluded.
pub fn limit(
    experiment: &Experiment,
    scenario: &Scenario,
    signal: &Signal,
    background: &[f64],
) -> Result<Option<CouplingInterval>> {
    let Some(likelihood) = likelihood(experiment, scenario, signal, background)? else {
        return Ok(None);
    };
    let a = &experiment.analysis;
    couplings_below(
        experiment,
        likelihood.upper_limit(a.limit, a.confidence_level)?,
    )
}

/// The excluded couplings of the expected bands −2 … 2 of one scenario (asymptotic bands of
/// the binned likelihood, [`BinnedLikelihood::expected_limit`]); band 0 is [`limit`].
pub fn band_limits(
    experiment: &Experiment,
    scenario: &Scenario,
    signal: &Signal,
    background: &[f64],
) -> Result<[Option<CouplingInterval>; 5]> {
    let mut out = [None; 5];
    let Some(likelihood) = likelihood(experiment, scenario, signal, background)? else {
        return Ok(out);
    };
    let a = &experiment.analysis;
    for (slot, band) in out.iter_mut().zip(BANDS) {
        let mu = likelihood.expected_limit(a.limit, a.confidence_level, band)?;
        *slot = couplings_below(experiment, mu)?;
    }
    Ok(out)
}

/// One mediator and mass: the signal and the excluded interval of every scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct MassPoint {
    /// The signal at g = 1.
    pub signal: Signal,
    /// Per scenario (same order as the experiment's).
    pub intervals: Vec<Option<CouplingInterval>>,
    /// Per scenario, the intervals of bands −2 … 2 (empty unless asked for).
    pub bands: Vec<[Option<CouplingInterval>; 5]>,
}

/// The result of a scan.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    /// Per (model, mass), models outermost, masses ascending.
    pub points: Vec<MassPoint>,
    /// The reach table in the common long format.
    pub table: ReachTable,
    /// The expected bands, when asked for.
    pub bands: Option<BandTable>,
}

/// Scans every model and mass of the analysis in parallel (rayon; the result does not
/// depend on the number of threads). `progress` is called once per finished mass point.
pub fn scan(experiment: &Experiment, progress: &(dyn Fn() + Sync)) -> Result<Scan> {
    scan_with(experiment, false, progress)
}

/// [`scan`], with the expected bands −2 … 2 of every point when `bands` is true.
pub fn scan_with(
    experiment: &Experiment,
    bands: bool,
    progress: &(dyn Fn() + Sync),
) -> Result<Scan> {
    scan_with_signals(experiment, None, bands, progress)
}

/// The signals of a scan at g = 1, per (model, mass), with what they depend on: every field
/// of the experiment but those the signal does not read (scenarios, backgrounds, sample
/// counts, luminosity, the limit settings, names, the figures' band), so experiments that
/// differ only there share them.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalTables {
    key: Experiment,
    signals: Vec<Signal>,
}

impl SignalTables {
    /// The signals of a finished scan of `experiment`.
    pub fn from_scan(experiment: &Experiment, scan: &Scan) -> Self {
        SignalTables {
            key: signal_key(experiment),
            signals: scan.points.iter().map(|p| p.signal.clone()).collect(),
        }
    }

    /// Whether these are the signals a scan of `experiment` would compute.
    pub fn serve(&self, experiment: &Experiment) -> bool {
        self.key == signal_key(experiment)
    }
}

/// `experiment` with the fields [`signal`] does not read set to fixed values; the fields it
/// reads (target, form factor, method, tolerance, cuts, resolution, sample spectra, ρ bins,
/// models, masses) and any not listed here are kept.
fn signal_key(experiment: &Experiment) -> Experiment {
    let mut key = experiment.clone();
    key.name.clear();
    key.title.clear();
    key.luminosity_inv_fb = 0.0;
    for sample in &mut key.samples {
        sample.count = crate::experiment::description::MuonCount::Muons(0.0);
    }
    key.backgrounds.clear();
    key.scenarios.clear();
    key.g2_sigma = 0.0;
    let a = &mut key.analysis;
    a.confidence_level = 0.0;
    a.limit = crate::stats::LimitMethod::Cls;
    a.coupling_range = (0.0, 0.0);
    a.systematics = crate::stats::Systematics::default();
    key
}

/// [`scan_with`], taking the signals from `signals` when given (made by a scan of an
/// experiment they [`SignalTables::serve`]; other signals are an error).
pub fn scan_with_signals(
    experiment: &Experiment,
    signals: Option<&SignalTables>,
    bands: bool,
    progress: &(dyn Fn() + Sync),
) -> Result<Scan> {
    if signals.is_some_and(|t| !t.serve(experiment)) {
        return Err(crate::error::Error::out_of_range(
            "signal tables",
            &experiment.name,
            "signals made for this experiment's target, production, cuts, resolution, \
             samples, bins, models and masses",
        ));
    }
    let backgrounds: Vec<Vec<f64>> = experiment
        .scenarios
        .iter()
        .map(|s| background(experiment, s))
        .collect();
    let jobs: Vec<(Spin, f64)> = experiment
        .analysis
        .models
        .iter()
        .flat_map(|&spin| {
            experiment
                .analysis
                .masses_gev
                .iter()
                .map(move |&m| (spin, m))
        })
        .collect();
    let points = jobs
        .par_iter()
        .enumerate()
        .map(|(i, &(spin, mass))| -> Result<MassPoint> {
            let signal = match signals {
                Some(t) => t.signals[i].clone(),
                None => signal(experiment, spin, mass)?,
            };
            let intervals = experiment
                .scenarios
                .iter()
                .zip(&backgrounds)
                .map(|(scenario, b)| limit(experiment, scenario, &signal, b))
                .collect::<Result<Vec<_>>>()?;
            let band_intervals = if bands {
                experiment
                    .scenarios
                    .iter()
                    .zip(&backgrounds)
                    .map(|(scenario, b)| band_limits(experiment, scenario, &signal, b))
                    .collect::<Result<Vec<_>>>()?
            } else {
                Vec::new()
            };
            progress();
            Ok(MassPoint {
                signal,
                intervals,
                bands: band_intervals,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut rows = Vec::new();
    for (k, scenario) in experiment.scenarios.iter().enumerate() {
        for p in &points {
            rows.push(reach_row(experiment, scenario, p, p.intervals[k]));
        }
    }
    let a = &experiment.analysis;
    // The constraint-file header: every reach table can be overlaid as a constraint.
    let [source, cl] = reach_header(&experiment.title, a.confidence_level);
    let table = ReachTable {
        provenance: vec![
            source,
            cl,
            format!(
                "production method {}, target {} {} cm, cuts theta < {} rad, p_out > {} GeV",
                experiment.method.name(),
                experiment.target.material.name,
                experiment.target.length_cm,
                experiment.cuts.theta_max,
                experiment.cuts.p_out_min
            ),
            format!(
                "binned rho likelihood, {} bins on [{}, {}], Asimov data = background, {} limit at {} CL",
                a.bins, a.rho_min, a.rho_max, limit_name(a.limit), a.confidence_level
            ),
            "coupling_high empty: every coupling above coupling_low (up to the scan's end) is excluded"
                .into(),
            systematics_line(experiment),
        ],
        rows,
    };
    let bands = bands.then(|| band_table(experiment, &points, &table.provenance));
    Ok(Scan {
        points,
        table,
        bands,
    })
}

/// The reach-table row of one scenario at one mass point.
fn reach_row(
    experiment: &Experiment,
    scenario: &Scenario,
    point: &MassPoint,
    interval: Option<CouplingInterval>,
) -> ReachRow {
    ReachRow {
        experiment: experiment.name.clone(),
        model: point.signal.spin.name().to_string(),
        scenario: scenario.name.clone(),
        mass_gev: point.signal.mass_gev,
        coupling_low: interval.map(|i| i.coupling_low),
        coupling_high: interval.and_then(|i| i.coupling_high),
        limit: crate::reach::LimitKind::Expected,
    }
}

/// The band rows of a scan, scenario by scenario as in the reach table.
fn band_table(experiment: &Experiment, points: &[MassPoint], provenance: &[String]) -> BandTable {
    let mut rows = Vec::new();
    for (k, scenario) in experiment.scenarios.iter().enumerate() {
        for p in points {
            for (band, iv) in BANDS.iter().zip(p.bands[k]) {
                rows.push(BandRow {
                    row: reach_row(experiment, scenario, p, iv),
                    band: *band,
                });
            }
        }
    }
    let mut provenance = provenance.to_vec();
    provenance.push(
        "expected bands: band = sigma of the background-only distribution of the limit \
         (-2 strongest, 0 = reach.csv), asymptotic (CCGV EPJC 71 (2011) 1554 Eqs. 88-89)"
            .into(),
    );
    BandTable { provenance, rows }
}

/// The scenarios' normalisation uncertainties, for the provenance.
fn systematics_line(experiment: &Experiment) -> String {
    let parts: Vec<String> = experiment
        .scenarios
        .iter()
        .map(|s| {
            format!(
                "{}: background {}, signal {}",
                s.name, s.systematics.background_rel, s.systematics.signal_rel
            )
        })
        .collect();
    format!(
        "relative normalisation uncertainties (profiled, log-normal as HistFactory normsys): {}",
        parts.join("; ")
    )
}

/// The name of a limit method as written in experiment files.
fn limit_name(method: crate::stats::LimitMethod) -> String {
    match method {
        crate::stats::LimitMethod::Cls => "CLs".into(),
        crate::stats::LimitMethod::ProfileLikelihood => "profile-likelihood".into(),
        crate::stats::LimitMethod::DeltaChi2(x) => format!("delta-chi2 > {x}"),
    }
}
