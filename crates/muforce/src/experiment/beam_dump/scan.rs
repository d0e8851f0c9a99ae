//! The reach of a beam dump: per model and mass, the couplings for which the expected
//! number of decays in the fiducial region exceeds the Poisson upper limit. The excluded
//! region is an island g_low < g < g_high: the lower edge is set by production (N ∝ g²), the
//! upper edge by X decaying before the fiducial region (CPZ arXiv:1701.07437 Sect. III.A.3,
//! Fig. 4).

use super::yield_::{DepthNode, DumpSetup, DumpYield};
use crate::error::Result;
use crate::model::{Era, Preset, MAX_COUPLING};
use crate::reach::{
    reach_header, signal_interval, BandRow, BandTable, CouplingInterval, ReachTable, ScanGrid,
};
use crate::stats::{
    counting_band_limit, counting_bands, poisson_upper_limit_with_uncertainties, Systematics, BANDS,
};
use rayon::prelude::*;

/// The statistics of one scenario: observed events (data) or none (a projection), and the
/// expected background.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DumpStatistics {
    /// Observed events of a scenario with data: its limit is an observed limit. None for a
    /// projection: the median expected limit (band 0 of [`crate::stats::counting_bands`]).
    pub observed: Option<u64>,
    /// Expected background events.
    pub background: f64,
}

/// One scenario: a number of muons on target and its statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpScenario {
    /// The scenario column of the reach table.
    pub name: String,
    /// Muons on target.
    pub muons: f64,
    /// Signal efficiency (multiplies the expected events).
    pub efficiency: f64,
    /// Observed events and background.
    pub statistics: DumpStatistics,
    /// Relative uncertainties of background and signal (Cousins–Highland hybrid limit).
    pub systematics: Systematics,
}

/// A validated beam-dump experiment (family `beam-dump` of the experiment files).
#[derive(Debug, Clone, PartialEq)]
pub struct BeamDump {
    /// The experiment column of the reach table.
    pub name: String,
    /// Title of the figures.
    pub title: String,
    /// Target, beam, production and decay region.
    pub setup: DumpSetup,
    /// Confidence level of the limit.
    pub confidence_level: f64,
    /// The models scanned.
    pub models: Vec<Preset>,
    /// Mass grid in GeV, ascending.
    pub masses_gev: Vec<f64>,
    /// Coupling range searched.
    pub coupling_range: (f64, f64),
    /// Grid points per decade of the coupling search.
    pub couplings_per_decade: usize,
    /// (g−2)_μ era of the figures' band.
    pub g2_era: &'static Era,
    /// Half-width of that band in standard deviations.
    pub g2_sigma: f64,
    /// The scenarios.
    pub scenarios: Vec<DumpScenario>,
}

/// The result of a scan.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpScan {
    /// The reach table in the common long format.
    pub table: ReachTable,
    /// The expected bands, when asked for.
    pub bands: Option<BandTable>,
}

/// The excluded interval of one yield for `muons` muons (times the efficiency) and an upper limit of `n_up` events:
/// ln N(g) − ln n_up > 0 (CPZ Sect. IV).
pub fn interval(
    experiment: &BeamDump,
    yield_: &DumpYield,
    muons: f64,
    n_up: f64,
) -> Result<Option<CouplingInterval>> {
    let (g0, g1) = experiment.coupling_range;
    let g1 = g1.min(max_muon_coupling(yield_.preset()));
    let ln_up = n_up.ln();
    signal_interval(
        |g| Ok(muons * yield_.events_per_muon(g)?),
        ln_up,
        g0,
        g1,
        experiment.couplings_per_decade,
    )
}

/// The largest muon coupling for which every coupling of `preset` stays perturbative
/// (|g_ℓ| ≤ 4π, [`MAX_COUPLING`]); for `mass-scalar` g_τ = g m_τ/m_μ sets it.
pub fn max_muon_coupling(preset: Preset) -> f64 {
    let c = preset.couplings(1.0);
    let largest = [c.e, c.mu, c.tau, c.nu_mu, c.nu_tau]
        .iter()
        .fold(0.0_f64, |a, b| a.max(b.abs()));
    MAX_COUPLING / largest
}

/// Scans every model and mass (rayon over the points; the result does not depend on the
/// number of threads). `progress` is called once per finished point.
///
/// With no background the 90 % CL limit is 2.303 signal events (PDG Review "Statistics",
/// Table 40.3), and the signal of an invisible X grows as g² (CPZ Eq. 15), so the lower edge
/// of the reach is g = √(2.303/(N_μ Y₁)) with Y₁ the events per muon at g = 1, and 100 times
/// more muons reach 10 times lower couplings.
///
/// ```
/// use muforce::experiment::{beam_dump, Description};
/// use muforce::model::Preset;
/// let text = r#"
/// [experiment]
/// name = "my-dump"
/// title = "50 GeV muons on 10 cm of tungsten, missing momentum"
/// family = "beam-dump"
///
/// [beam]
/// energy_gev = 50.0
///
/// [target]
/// material = "W"
/// length_cm = 10.0
/// energy_loss = "full"
///
/// [production]
/// method = "ww"
/// rel_tol = 1e-3
/// x_min = 0.0
/// e_out_max_gev = 25.0
/// depth_points = 4
/// x_panels = 4
///
/// [decay]
/// signal = "invisible"
///
/// [analysis]
/// confidence_level = 0.90
/// models = ["lmu-ltau"]
/// mass_min_gev = 0.01
/// mass_max_gev = 0.1
/// masses_per_decade = 1
/// coupling_min = 1e-6
/// coupling_max = 1.0
/// couplings_per_decade = 10
///
/// [[scenario]]
/// name = "1e10 MOT"
/// muons = 1e10
/// background = 0.0
///
/// [[scenario]]
/// name = "1e12 MOT"
/// muons = 1e12
/// background = 0.0
/// "#;
/// let no_spectra = |path: &str| -> muforce::Result<muforce::source::MomentumSpectrum> {
///     Err(muforce::Error::out_of_range("spectrum", path, "not used by this experiment"))
/// };
/// let Description::BeamDump(dump) = Description::from_toml("my_dump.toml", text, &no_spectra)?
/// else {
///     panic!("a beam-dump file must give a beam dump")
/// };
/// let rows = beam_dump::scan(&dump, &|| {})?.table.rows;
/// assert_eq!(rows.len(), 4); // 2 scenarios × 2 masses
/// let low = |scenario: &str, mass: f64| {
///     let row = rows.iter().find(|r| r.scenario == scenario && r.mass_gev == mass).unwrap();
///     row.coupling_low.unwrap()
/// };
/// let y1 = beam_dump::DumpYield::new(&dump.setup, Preset::LmuLtau, 0.01)?.events_per_muon(1.0)?;
/// let expected = (2.302_585 / (1e10 * y1)).sqrt();
/// assert!((low("1e10 MOT", 0.01) / expected - 1.0).abs() < 1e-5, "{}", low("1e10 MOT", 0.01));
/// for mass in [0.01, 0.1] {
///     let ratio = low("1e10 MOT", mass) / low("1e12 MOT", mass);
///     assert!((ratio - 10.0).abs() < 1e-4, "{ratio}");
/// }
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn scan(experiment: &BeamDump, progress: &(dyn Fn() + Sync)) -> Result<DumpScan> {
    scan_with(experiment, false, progress)
}

/// [`scan`], with the expected bands −2 … 2 of every scenario when `bands` is true: the
/// limits for the background-only Poisson quantiles of the count
/// ([`crate::stats::counting_bands`]).
pub fn scan_with(
    experiment: &BeamDump,
    bands: bool,
    progress: &(dyn Fn() + Sync),
) -> Result<DumpScan> {
    scan_with_tables(
        experiment,
        &ProductionTables::new(experiment)?,
        bands,
        progress,
    )
}

/// The production yields of a beam dump: for the first model of each spin, the yield at each
/// mass. They depend only on the setup, those models and the masses, so experiments that
/// differ elsewhere (muons on target, backgrounds, confidence level, coupling search) share
/// them.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductionTables {
    setup: DumpSetup,
    presets: Vec<Preset>,
    masses_gev: Vec<f64>,
    nodes: Vec<DepthNode>,
    tables: Vec<Vec<DumpYield>>,
}

impl ProductionTables {
    /// The production tables of `experiment` (rayon over the masses).
    pub fn new(experiment: &BeamDump) -> Result<Self> {
        let nodes = experiment.setup.depth_nodes()?;
        // The production depends on the model only through the spin of X: one table per spin
        // and mass, shared by the models of that spin.
        let presets = spin_representatives(&experiment.models);
        let tables = presets
            .iter()
            .map(|&preset| {
                experiment
                    .masses_gev
                    .par_iter()
                    .map(|&mass| DumpYield::with_nodes(&experiment.setup, &nodes, preset, mass))
                    .collect::<Result<Vec<_>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ProductionTables {
            setup: experiment.setup.clone(),
            presets,
            masses_gev: experiment.masses_gev.clone(),
            nodes,
            tables,
        })
    }

    /// Whether these are the tables [`ProductionTables::new`] would make for `experiment`.
    pub fn serve(&self, experiment: &BeamDump) -> bool {
        self.setup == experiment.setup
            && self.masses_gev == experiment.masses_gev
            && self.presets == spin_representatives(&experiment.models)
    }
}

/// The first model of each spin, in order.
fn spin_representatives(models: &[Preset]) -> Vec<Preset> {
    models
        .iter()
        .enumerate()
        .filter(|&(k, p)| !models[..k].iter().any(|q| q.spin() == p.spin()))
        .map(|(_, &p)| p)
        .collect()
}

/// [`scan_with`] with the production tables made for this experiment (or for one that
/// differs only where they do not depend: [`ProductionTables::serve`]); other tables are
/// an error.
pub fn scan_with_tables(
    experiment: &BeamDump,
    production: &ProductionTables,
    bands: bool,
    progress: &(dyn Fn() + Sync),
) -> Result<DumpScan> {
    if !production.serve(experiment) {
        return Err(crate::error::Error::out_of_range(
            "production tables",
            &experiment.name,
            "tables made for this experiment's setup, models and masses",
        ));
    }
    let cl = experiment.confidence_level;
    // Event limits per scenario: the observed limit of a scenario with data or the median
    // expected limit of a projection, then, for the bands, the limits of bands −2 … 2.
    let per_scenario = if bands { 1 + BANDS.len() } else { 1 };
    let mut limits = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for s in &experiment.scenarios {
        let (b, sys) = (s.statistics.background, s.systematics);
        let n = match s.statistics.observed {
            Some(observed) => poisson_upper_limit_with_uncertainties(
                observed,
                b,
                sys.background_rel,
                sys.signal_rel,
                cl,
            )?,
            None => counting_band_limit(b, sys.background_rel, sys.signal_rel, cl, 0)?,
        };
        limits.push((s, n));
        if bands {
            let per_band = counting_bands(b, sys.background_rel, sys.signal_rel, cl)?;
            limits.extend(per_band.iter().map(|&n| (s, n)));
        }
        names.extend(std::iter::repeat_n(s.name.as_str(), per_scenario));
    }
    let nodes = &production.nodes;
    let grid = ScanGrid {
        experiment: &experiment.name,
        models: &experiment.models,
        masses_gev: &experiment.masses_gev,
        scenarios: &names,
    };
    let tables = &production.tables;
    let rows = grid.rows(Preset::name, progress, |preset, mass| {
        let tabulated = tables
            .iter()
            .flat_map(|per_mass| per_mass.iter())
            .find(|t| t.mass_gev() == mass && t.preset().spin() == preset.spin());
        let y = match tabulated.and_then(|t| t.for_preset(preset)) {
            Some(y) => y,
            None => DumpYield::with_nodes(&experiment.setup, nodes, preset, mass)?,
        };
        limits
            .iter()
            .map(|&(s, n_up)| interval(experiment, &y, s.muons * s.efficiency, n_up))
            .collect()
    })?;
    let s = &experiment.setup;
    // The constraint-file header: every reach table can be overlaid as a constraint.
    let [source, cl] = reach_header(&experiment.title, experiment.confidence_level);
    let table = ReachTable {
        provenance: vec![
            source,
            cl,
            format!(
                "beam dump (CPZ arXiv:1701.07437 Eqs. 14-20): {} GeV muons on {} cm {}, energy loss {:?}, {} cross section, x in [{}, {}], decays from {} m over {} m behind the target",
                s.beam_energy_gev,
                s.length_cm,
                s.material.name,
                s.energy_loss,
                s.method.name(),
                s.x_min,
                s.x_max,
                s.decay.start_m,
                s.decay.length_m
            ),
            format!(
                "{} signal; classical Poisson upper limit at {} CL (PDG Eq. 40.76) with each scenario's background and its observed events (limit = observed) or, for a projection, the median background-only count (limit = expected); excluded where N_S exceeds it",
                if s.invisible { "invisible (N x BR(X -> invisible))" } else { "visible decays in the fiducial region" },
                experiment.confidence_level
            ),
            "coupling_high: upper edge of the island (X decays before the fiducial region); empty: open up to the scan's end".into(),
            format!(
                "relative uncertainties (Cousins-Highland hybrid, log-normal): {}",
                experiment
                    .scenarios
                    .iter()
                    .map(|s| format!(
                        "{}: background {}, signal {}",
                        s.name, s.systematics.background_rel, s.systematics.signal_rel
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ],
        rows,
    };
    let mut table = table;
    table.mark_observed(
        experiment
            .scenarios
            .iter()
            .filter(|s| s.statistics.observed.is_some())
            .map(|s| s.name.as_str()),
    );
    if !bands {
        return Ok(DumpScan { table, bands: None });
    }
    // Rows come grouped by the grid's scenarios (here each scenario's observed limit and its
    // five bands), each group holding every model and mass: split them into the reach table
    // and the band table.
    let group = experiment.models.len() * experiment.masses_gev.len();
    let mut band_rows = Vec::new();
    let mut limits = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        match (i / group) % per_scenario {
            0 => limits.push(row.clone()),
            k => band_rows.push(BandRow {
                row: crate::reach::ReachRow {
                    limit: crate::reach::LimitKind::Expected,
                    ..row.clone()
                },
                band: BANDS[k - 1],
            }),
        }
    }
    let mut provenance = table.provenance.clone();
    provenance.push(
        "expected bands: band = sigma of the background-only distribution of the limit (-2 \
         strongest); the count at the Poisson quantile Phi(band) of the background"
            .into(),
    );
    let band_table = BandTable {
        provenance,
        rows: band_rows,
    };
    let table = ReachTable {
        rows: limits,
        ..table
    };
    Ok(DumpScan {
        table,
        bands: Some(band_table),
    })
}
