//! The signal events of an experiment of a muon-beam family, for the command line and the
//! Python package alike: one request (X, mass, coupling, scenario, sample, method, nodes)
//! turned into the beam-dump ([`DumpEvents`]) or missing-momentum ([`SampleEvents`])
//! generator, whose weighted events sum to the experiment's expected signal.

use super::dump::DumpEvents;
use super::kaon::KaonEvents;
use super::sample::SampleEvents;
use super::{Event, SpectrumSettings, TableSettings};
use crate::error::{Error, Result};
use crate::experiment::description::Description;
use crate::io::lhe::LheRun;
use crate::kaon::{KaonExperiment, KaonModel};
use crate::model::{Preset, Spin};
use crate::production::Method;

/// Momentum nodes of a missing-momentum sample's tables: σ linear in p between 64
/// log-spaced nodes is within 3e-4 of σ at every spectrum bin (ATLAS Z sample, 16 nodes:
/// 2.3e-3; events/sample_tests.rs).
pub const SAMPLE_MOMENTUM_NODES: usize = 64;

/// Momentum nodes of a beam dump's tables: the muon energies along the track span less than
/// a decade (Fermilab 3 → 0.5 GeV), and 16 nodes put the summed weights within 3e-4 of the
/// reach's expected events (events/dump_tests.rs).
pub const DUMP_MOMENTUM_NODES: usize = 16;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRequest {
    /// A stable X of this spin (missing-momentum family only), unless `preset` is given.
    pub spin: Option<Spin>,
    /// The model preset of an X that decays (its spin, branching ratios and lifetime).
    pub preset: Option<Preset>,
    /// m_X, GeV.
    pub mass_gev: f64,
    /// The coupling g.
    pub coupling: f64,
    /// The scenario's name (default: the first).
    pub scenario: Option<String>,
    /// The muon sample's name (missing-momentum; default: the scenario's first).
    pub sample: Option<String>,
    /// The production method (default: the experiment's; IWW becomes WW).
    pub method: Option<Method>,
    /// Table nodes in x and in ln θ.
    pub nodes: usize,
    /// Tables in the muon momentum (default: [`DUMP_MOMENTUM_NODES`] or
    /// [`SAMPLE_MOMENTUM_NODES`] by family).
    pub momentum_nodes: Option<usize>,
}

/// The generator of one experiment's signal.
#[derive(Debug, Clone)]
pub enum ExperimentSignal {
    /// A beam dump (thick target, X decays counted in a region or invisibly).
    BeamDump(Box<DumpEvents>),
    /// A missing-momentum experiment (a muon sample on a thin slab).
    MissingMomentum(Box<SampleEvents>),
}

/// The index of `name` among the scenario names (default the first), case-insensitive.
fn scenario_index<'a>(
    name: Option<&str>,
    names: impl Iterator<Item = &'a str> + Clone,
) -> Result<usize> {
    let Some(name) = name else {
        return Ok(0);
    };
    names
        .clone()
        .position(|s| s.eq_ignore_ascii_case(name))
        .ok_or_else(|| Error::unknown("scenario", name, &names.collect::<Vec<_>>()))
}

/// The K⁺ → μ⁺νX generator of a kaon experiment for `request` (a model preset that couples
/// to the kaon channel: muon-scalar, lmu-ltau or muon-vector; scenario by name, default the
/// first; sample, method and nodes do not apply).
pub fn kaon_signal(experiment: &KaonExperiment, request: &SignalRequest) -> Result<KaonEvents> {
    let preset = request.preset.ok_or_else(|| {
        Error::out_of_range(
            "model",
            "none",
            format!(
                "experiment {} needs a model preset ({})",
                experiment.name,
                KaonModel::names().join(", ")
            ),
        )
    })?;
    let model = KaonModel::parse(preset.name())?;
    let names = experiment.scenarios.iter().map(|s| s.name.as_str());
    let scenario = scenario_index(request.scenario.as_deref(), names)?;
    KaonEvents::new(
        experiment,
        scenario,
        model,
        request.mass_gev,
        request.coupling,
    )
}

impl ExperimentSignal {
    /// Builds the generator of `experiment`'s signal for `request` (the tables: the slow
    /// step). A beam dump needs a model preset and refuses a coupling at which it expects no
    /// events; the kaon family has its own generator.
    pub fn new(experiment: &Description, request: &SignalRequest) -> Result<Self> {
        let settings = |default_nodes: usize| SpectrumSettings {
            table: TableSettings {
                x_nodes: request.nodes,
                theta_nodes: request.nodes,
                ..TableSettings::default()
            },
            momentum_nodes: request.momentum_nodes.unwrap_or(default_nodes),
        };
        match experiment {
            Description::BeamDump(dump) => {
                let preset = request.preset.ok_or_else(|| {
                    Error::out_of_range(
                        "model",
                        "none",
                        format!(
                            "experiment {} counts X by its decays: give a model preset ({})",
                            dump.name,
                            Preset::ALL.map(Preset::name).join(", ")
                        ),
                    )
                })?;
                let names = dump.scenarios.iter().map(|s| s.name.as_str());
                let run = DumpEvents::new(
                    dump,
                    scenario_index(request.scenario.as_deref(), names)?,
                    preset,
                    request.mass_gev,
                    request.coupling,
                    request.method,
                    &settings(DUMP_MOMENTUM_NODES),
                )?;
                if run.expected_events <= 0.0 || run.expected_events.is_nan() {
                    return Err(Error::out_of_range(
                        "coupling",
                        request.coupling,
                        format!(
                            "experiment {}: {} at m_X = {} GeV expects {:e} signal events at \
                             this coupling (no X decays where the experiment looks); nothing \
                             written",
                            dump.name,
                            preset.name(),
                            request.mass_gev,
                            run.expected_events
                        ),
                    ));
                }
                Ok(ExperimentSignal::BeamDump(Box::new(run)))
            }
            Description::MissingMomentum(e) => {
                let spin = match (request.preset, request.spin) {
                    (Some(p), _) => p.spin(),
                    (None, Some(s)) => s,
                    (None, None) => {
                        return Err(Error::out_of_range(
                            "spin",
                            "none",
                            "give a spin (a stable X) or a model preset (an X that decays)",
                        ))
                    }
                };
                let names = e.scenarios.iter().map(|s| s.name.as_str());
                let run = SampleEvents::new(
                    e,
                    scenario_index(request.scenario.as_deref(), names)?,
                    request.sample.as_deref(),
                    (spin, request.preset),
                    request.mass_gev,
                    request.coupling,
                    request.method,
                    &settings(SAMPLE_MOMENTUM_NODES),
                )?;
                Ok(ExperimentSignal::MissingMomentum(Box::new(run)))
            }
            Description::Kaon(k) => Err(Error::out_of_range(
                "experiment",
                &k.name,
                "is a kaon experiment: its K+ -> mu+ nu X events come from `kaon_signal`",
            )),
        }
    }

    /// The reach code's expected signal events at the request's coupling.
    pub fn expected_events(&self) -> f64 {
        match self {
            ExperimentSignal::BeamDump(d) => d.expected_events,
            ExperimentSignal::MissingMomentum(s) => s.expected_events,
        }
    }

    /// `count` weighted events from `seed`, identical for any number of threads.
    pub fn generate(&self, count: usize, seed: u64) -> Result<Vec<Event>> {
        match self {
            ExperimentSignal::BeamDump(d) => d.generate(count, seed),
            ExperimentSignal::MissingMomentum(s) => s.generate(count, seed),
        }
    }

    /// The run record of `events` (header lines, `lead` first).
    pub fn lhe_run(&self, events: &[Event], seed: u64, lead: Vec<(String, String)>) -> LheRun {
        match self {
            ExperimentSignal::BeamDump(d) => d.lhe_run(events, seed, lead),
            ExperimentSignal::MissingMomentum(s) => s.lhe_run(events, seed, lead),
        }
    }

    /// "experiment (scenario)" or "experiment (scenario, sample S)".
    pub fn label(&self) -> String {
        match self {
            ExperimentSignal::BeamDump(d) => format!("{} ({})", d.experiment, d.scenario),
            ExperimentSignal::MissingMomentum(s) => {
                format!("{} ({}, sample {})", s.experiment, s.scenario, s.sample)
            }
        }
    }

    /// Whether X decays in the events.
    pub fn decays(&self) -> bool {
        match self {
            ExperimentSignal::BeamDump(_) => true,
            ExperimentSignal::MissingMomentum(s) => s.run.decays.is_some(),
        }
    }
}
