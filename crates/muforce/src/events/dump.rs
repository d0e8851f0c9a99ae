//! The signal events of a beam-dump experiment (family `beam-dump`): muons entering a thick
//! target, X produced at a depth where the muon has lost energy, and X decaying as the
//! experiment counts it.
//!
//! The yield is CPZ's (Chen, Pospelov, Zhong, arXiv:1701.07437, Eqs. 14–15):
//! N = N_μ n_atom ∫₀^{y_end} dy ∫ dx dσ/dx(E_μ(y), x) f, with f the decay probability in the
//! fiducial region (CPZ Eq. 15) or BR(X → invisible) (REFERENCE §6.3). The events follow it:
//!
//! - **Depth.** dy = dE/|dE/dy|, so the muon's path in the target is a spectrum of muon
//!   energies: the track length per energy. It is cut into [`TRACK_BINS`] equal steps of
//!   depth (the energy at each step from the experiment's energy-loss model,
//!   [`crate::matter::energy_loss::MuonTransport`]) and handed to the spectrum generator
//!   ([`SpectrumGenerator`]) as a momentum spectrum: the generator draws the muon's energy
//!   with weight track length × σ(E), and the depth follows from the energy (linear in p
//!   within a step, as the step's flat track length per momentum implies).
//! - **Selection.** The experiment's x window (x_min, x_max, E′ < E′_max at the local energy)
//!   is the tables' x range, so it is applied: every event passes it. Muons below the
//!   experiment's minimum energy are not followed. No detector acceptance is applied.
//! - **Decays.** A visible search: X is forced to decay inside the region along its flight
//!   (ℓ from the production point between z_min = (L_tg − y) + start and z_min + length, the
//!   reach's CPZ Eq. 18/20 geometry) into a visible channel, and the event carries the
//!   probability P of doing so times BR(X → visible).
//!   An invisible search: X decays into its invisible channels at a vertex drawn from the
//!   full exponential, and the event carries BR(X → invisible).
//! - **Weights.** Event i has w_i = N_μ ε n_atom y_end σ̄ f_i / N, σ̄ the track-averaged σ of
//!   the tables: Σ w_i estimates the expected events, which [`DumpEvents::expected_events`]
//!   computes with the reach code's quadrature ([`DumpYield`]).

use super::{Event, SpectrumGenerator, SpectrumSettings, XDecays};
use crate::error::{Error, Result};
use crate::experiment::beam_dump::{BeamDump, DecayRegion, DumpYield};
use crate::io::lhe::LheRun;
use crate::matter::Material;
use crate::model::Preset;
use crate::production::{Method, Process};
use crate::source::MomentumSpectrum;
use crate::units::{gev2_to_cm2, gev2_to_pb, M_MU};

/// Equal depth steps of the track-length spectrum.
pub const TRACK_BINS: usize = 256;

/// What the experiment counts.
#[derive(Debug, Clone, PartialEq)]
pub enum DumpSignal {
    /// Visible decays inside the fiducial region.
    Visible {
        /// X's visible decays (renormalised).
        decays: XDecays,
        /// BR(X → visible) = 1 − BR(X → invisible).
        branching: f64,
        /// The region.
        region: DecayRegion,
    },
    /// X → invisible in the active target (NA64μ, M³).
    Invisible {
        /// X's invisible decays (renormalised).
        decays: XDecays,
        /// BR(X → invisible).
        branching: f64,
    },
}

/// The signal generator of a beam-dump experiment for one model, mass and coupling.
#[derive(Debug, Clone)]
pub struct DumpEvents {
    /// The experiment's name.
    pub experiment: String,
    /// The scenario whose muons normalise the weights.
    pub scenario: String,
    /// Muons on target times the scenario's signal efficiency.
    pub muons: f64,
    /// The model.
    pub preset: Preset,
    /// The coupling g.
    pub coupling: f64,
    /// The production method of the tables (the experiment's, or WW where it uses IWW).
    pub method: Method,
    /// The generator over the track-length spectrum.
    pub generator: SpectrumGenerator,
    /// Target length and the depth over which muons are followed, cm.
    pub target_cm: f64,
    /// Depth over which muons are followed (y_end), cm.
    pub track_cm: f64,
    /// The target material.
    pub material: Material,
    /// Atoms per cm³ of the target.
    pub atoms_per_cm3: f64,
    /// What is counted.
    pub signal: DumpSignal,
    /// The expected events of the reach code at this coupling ([`DumpYield`] with the
    /// tables' method).
    pub expected_events: f64,
    /// Momentum edges of the track-length spectrum (ascending) and the depth at each, cm.
    momenta: Vec<f64>,
    depths: Vec<f64>,
}

/// The production method of the events for an experiment's method: IWW has no angular
/// density, so its experiments get WW tables.
pub fn event_method(experiment_method: Method) -> Method {
    match experiment_method {
        Method::Iww => Method::Ww,
        m => m,
    }
}

impl DumpEvents {
    /// Builds the tables for `experiment`'s scenario `scenario` (index), `preset` at
    /// `mass_gev` and `coupling`; `settings.table.method`, `window` and `theta_max` are set
    /// here from the experiment (θ up to π: the reach integrates every angle).
    pub fn new(
        experiment: &BeamDump,
        scenario: usize,
        preset: Preset,
        mass_gev: f64,
        coupling: f64,
        method: Option<Method>,
        settings: &SpectrumSettings,
    ) -> Result<Self> {
        let setup = &experiment.setup;
        let scenario = experiment.scenarios.get(scenario).ok_or_else(|| {
            Error::out_of_range("scenario", scenario, "the experiment has fewer scenarios")
        })?;
        if !(coupling.is_finite() && coupling > 0.0) {
            return Err(Error::out_of_range(
                "coupling",
                coupling,
                "must be finite and > 0",
            ));
        }
        let mediator = preset.mediator(mass_gev, coupling)?;
        let all = XDecays::new(&mediator)?;
        let signal = if setup.invisible {
            DumpSignal::Invisible {
                branching: all.invisible_branching(),
                decays: all.invisible_only()?,
            }
        } else {
            DumpSignal::Visible {
                branching: 1.0 - all.invisible_branching(),
                decays: all.visible_only()?,
                region: setup.decay,
            }
        };
        let method = method.unwrap_or(event_method(setup.method));
        if method == Method::Iww {
            return Err(Error::out_of_range(
                "method",
                "iww",
                "events need an angular density: exact or ww",
            ));
        }
        let transport = setup.transport()?;
        let track_cm = setup.useful_depth_cm(&transport)?;
        if track_cm <= 0.0 {
            return Err(Error::out_of_range(
                "beam",
                format!("{} GeV", setup.beam_energy_gev),
                "the muons are below the experiment's minimum energy at the target's face",
            ));
        }
        // Equal depth steps; the energy at each step edge from the experiment's transport.
        let mut depths = Vec::with_capacity(TRACK_BINS + 1);
        let mut momenta = Vec::with_capacity(TRACK_BINS + 1);
        for k in (0..=TRACK_BINS).rev() {
            let y = track_cm * k as f64 / TRACK_BINS as f64;
            let e = transport
                .energy_after(setup.beam_energy_gev, y)?
                .energy_gev
                .max(M_MU);
            depths.push(y);
            momenta.push(((e - M_MU) * (e + M_MU)).max(0.0).sqrt());
        }
        let spectrum = MomentumSpectrum::new(
            momenta.clone(),
            vec![track_cm / TRACK_BINS as f64; TRACK_BINS],
        )?;
        let mut settings = *settings;
        settings.table.method = method;
        settings.table.theta_max = std::f64::consts::PI;
        settings.table.window = super::XWindow {
            x_min: setup.x_min,
            x_max: setup.x_max,
            e_out_max_gev: setup.e_out_max_gev,
            p_out_min_gev: 0.0,
        };
        let process = Process::new(
            preset.spin(),
            mass_gev,
            coupling,
            &setup.material,
            setup.form_factor,
        )?;
        let generator = SpectrumGenerator::new(process, spectrum, &settings)?;
        let reach_setup = crate::experiment::beam_dump::DumpSetup {
            method,
            ..setup.clone()
        };
        let muons = scenario.muons * scenario.efficiency;
        let expected_events =
            DumpYield::new(&reach_setup, preset, mass_gev)?.events_per_muon(coupling)? * muons;
        Ok(DumpEvents {
            experiment: experiment.name.clone(),
            scenario: scenario.name.clone(),
            muons,
            preset,
            coupling,
            method,
            generator,
            target_cm: setup.length_cm,
            track_cm,
            material: setup.material.clone(),
            atoms_per_cm3: setup.material.atoms_per_cm3(),
            signal,
            expected_events,
            momenta,
            depths,
        })
    }

    /// X produced in the experiment's x window for the scenario's muons (before the decay
    /// requirement): N_μ ε n_atom y_end σ̄, σ̄ the track-averaged σ of the tables.
    pub fn produced(&self) -> f64 {
        self.muons * self.atoms_per_cm3 * self.track_cm * gev2_to_cm2(self.generator.sigma())
    }

    /// The depth (cm) at which the muon has momentum `p` (linear in p within a step).
    fn depth_cm(&self, p: f64) -> f64 {
        let m = &self.momenta;
        let k = m.partition_point(|&q| q <= p).clamp(1, m.len() - 1) - 1;
        let s = ((p - m[k]) / (m[k + 1] - m[k])).clamp(0.0, 1.0);
        self.depths[k] + s * (self.depths[k + 1] - self.depths[k])
    }

    /// `count` weighted events from `seed` (identical for any number of threads): the
    /// production vertex at its depth, X decayed as the experiment counts it, and the weight
    /// of each event its share of the expected events.
    pub fn generate(&self, count: usize, seed: u64) -> Result<Vec<Event>> {
        let mut events = self.generator.generate(count, seed)?;
        let share = self.produced() / count as f64;
        // A stream of its own, apart from the production streams of the same seed.
        let seed = seed ^ 0x6475_6d70_0000_0000;
        super::for_each_seeded(&mut events, seed, |event, rng| {
            let b = event.beam;
            let y = self.depth_cm((b[1] * b[1] + b[2] * b[2] + b[3] * b[3]).sqrt());
            event.vertex_mm = [0.0, 0.0, 10.0 * y, 0.0];
            let fraction = match &self.signal {
                DumpSignal::Visible {
                    decays,
                    region,
                    branching,
                } => {
                    let (z_min, z_max) = region.limits_m(self.target_cm, y);
                    let (decay, p) =
                        decays.decay_within(&event.out.x, (1e3 * z_min, 1e3 * z_max), rng);
                    event.x_decay = decay;
                    p * branching
                }
                DumpSignal::Invisible { decays, branching } => {
                    event.x_decay = decays.decay(&event.out.x, rng);
                    *branching
                }
            };
            event.weight = share * fraction;
        });
        Ok(events)
    }

    /// The event-file header lines of this signal.
    pub fn header(&self, events: &[Event]) -> Vec<(String, String)> {
        let (sum, error) = super::weight_sum(events.iter().map(|e| e.weight));
        let (decays, selection) = match &self.signal {
            DumpSignal::Visible { decays, region, branching } => (
                decays,
                format!(
                    "X decays visibly inside the region along its flight, from (target end - depth) + {} m over {} m (forced; the weight carries the probability, CPZ Eq. 15, times BR(visible) {branching:.6e}; X decays into the visible channels only)",
                    region.start_m, region.length_m
                ),
            ),
            DumpSignal::Invisible { decays, branching } => (
                decays,
                format!("X -> invisible (BR {branching:.6e} in the weight; X decays into the invisible channels only)"),
            ),
        };
        let mut lines = vec![
            ("experiment".into(), self.experiment.clone()),
            ("scenario".into(), self.scenario.clone()),
            ("muons_times_efficiency".into(), format!("{:.6e}", self.muons)),
            ("target_length_cm".into(), self.target_cm.to_string()),
            ("track_cm".into(), format!("{:.6e} (depth over which muons are followed)", self.track_cm)),
            ("vertex".into(), "production at (0, 0, depth) mm, beam along +z from the target's front face, t = 0 at production".into()),
            ("selection".into(), format!("x window of the experiment applied (every event passes); {selection}; no detector acceptance")),
            ("produced_x".into(), format!("{:.6e} (in the x window, before the decay requirement)", self.produced())),
            ("expected_events".into(), format!("{:.6e} (reach code, {} production, at this coupling)", self.expected_events, self.method.name())),
            ("sum_of_weights".into(), format!("{sum:.6e} +- {error:.1e} (Monte Carlo)")),
            ("weights".into(), "each event's share of the expected signal events".into()),
        ];
        lines.extend(decays.header(self.preset.name()));
        lines
    }

    /// The LHE run record of `events` made with `seed`, `lead` written first: the header
    /// above, the beam energy at the target's face and σ̄ (the track-averaged σ in the x
    /// window, pb) with the tables' difference from the reference σ as its error.
    pub fn lhe_run(&self, events: &[Event], seed: u64, lead: Vec<(String, String)>) -> LheRun {
        let p = &self.generator.process;
        let sigma = self.generator.sigma();
        let mut settings = lead;
        settings.extend([
            ("spin".into(), p.spin.name().into()),
            ("mass_gev".into(), p.mass_gev.to_string()),
            ("coupling".into(), self.coupling.to_string()),
            ("target".into(), self.material.name.clone()),
            ("method".into(), self.method.name().into()),
            ("events".into(), events.len().to_string()),
            ("seed".into(), seed.to_string()),
            (
                "sigma_track_averaged".into(),
                "XSECUP: sigma in the x window averaged over the muon's track in the target".into(),
            ),
            (
                "table_accuracy".into(),
                format!(
                    "{:+.3e} (relative, generated sigma vs {})",
                    self.generator.table_accuracy(),
                    self.method.name()
                ),
            ),
        ]);
        settings.extend(self.header(events));
        let face = self.momenta[self.momenta.len() - 1];
        LheRun {
            settings,
            energy_gev: (face * face + M_MU * M_MU).sqrt(),
            z: self.material.z.round() as u32,
            a: self.material.a.round() as u32,
            nucleus_mass_gev: p.nucleus_mass_gev,
            spin: p.spin,
            mass_gev: p.mass_gev,
            sigma_pb: gev2_to_pb(sigma),
            error_pb: gev2_to_pb((sigma - self.generator.sigma_reference()).abs()),
        }
    }
}
