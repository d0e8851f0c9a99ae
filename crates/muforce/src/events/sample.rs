//! The signal events of a missing-momentum experiment (family `missing-momentum`, e.g. ATLAS
//! at the HL-LHC): muons of one of the experiment's samples crossing its target slab, X
//! radiated with the experiment's production method, form factor and muon cuts.
//!
//! The reach follows GKSST (arXiv:1906.09272) Eq. S6: dN/dρ = L_FT ∫dp P(p) ∫dθ d²σ/(dp′dθ)
//! with θ ≤ θ_max and p′ ≥ p_min, for a thin target (no energy loss along the slab). The
//! events follow it:
//!
//! - **Beam.** The sample's momentum spectrum ([`SpectrumGenerator`]): each event's muon is
//!   drawn with weight flux × σ(p).
//! - **Depth.** Uniform along the slab, as the thin-target yield n_atom Δx σ implies.
//! - **Selection.** θ ≤ θ_max, p′ ≥ p_min and the x window are the tables' range, so they are
//!   applied: every event passes. The momentum resolution and the ρ window of the analysis
//!   belong to the detector and are not applied.
//! - **Weights.** w_i = N_μ n_atom Δx σ̄ / N (N_μ of the sample at the scenario's
//!   luminosity, σ̄ the flux-averaged σ of the tables): Σ w_i estimates the produced X that
//!   pass the cuts; [`SampleEvents::expected_events`] is the reach code's signal in the ρ
//!   window ([`signal`]), the same number after smearing.
//! - **Decays.** With a model preset, X decays in flight as [`XDecays`] says; the weight does
//!   not depend on it (GKSST count X that escapes, and a muon-coupled X below 2 m_μ does).

use super::{Beam, Event, EventRun, SpectrumSettings, XDecays, XWindow};
use crate::error::{Error, Result};
use crate::experiment::description::Experiment;
use crate::experiment::missing_momentum::signal;
use crate::io::lhe::LheRun;
use crate::model::{Preset, Spin};
use crate::production::Method;
use crate::units::gev2_to_cm2;
use rand::Rng;

/// The signal generator of a missing-momentum experiment for one X, mass and coupling.
#[derive(Debug, Clone)]
pub struct SampleEvents {
    /// The experiment's name.
    pub experiment: String,
    /// The scenario's name.
    pub scenario: String,
    /// The sample's name.
    pub sample: String,
    /// Muons of the sample at the scenario's luminosity.
    pub muons: f64,
    /// The event run (tables of the sample's spectrum on the experiment's target).
    pub run: EventRun,
    /// The slab's thickness, cm.
    pub slab_cm: f64,
    /// Atoms per cm² of the slab.
    pub atoms_per_cm2: f64,
    /// The reach code's expected signal events of this sample in the ρ window, at this
    /// coupling (GKSST Eq. S6 with the momentum resolution).
    pub expected_events: f64,
}

impl SampleEvents {
    /// Builds the tables for `experiment`'s scenario `scenario` (index) and sample `sample`
    /// (by name; default the scenario's first), X of `spin` (or of `preset`, which then
    /// decays) at `mass_gev` and `coupling`; `method` overrides the experiment's (IWW becomes
    /// WW, which has the angles). The table's θ range, x window and p′ cut are the
    /// experiment's cuts.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        experiment: &Experiment,
        scenario: usize,
        sample: Option<&str>,
        x: (Spin, Option<Preset>),
        mass_gev: f64,
        coupling: f64,
        method: Option<Method>,
        settings: &SpectrumSettings,
    ) -> Result<Self> {
        let scenario = experiment.scenarios.get(scenario).ok_or_else(|| {
            Error::out_of_range("scenario", scenario, "the experiment has fewer scenarios")
        })?;
        let index = match sample {
            Some(name) => scenario
                .samples
                .iter()
                .copied()
                .find(|&i| experiment.samples[i].name == name)
                .ok_or_else(|| {
                    let names: Vec<&str> = scenario
                        .samples
                        .iter()
                        .map(|&i| experiment.samples[i].name.as_str())
                        .collect();
                    Error::unknown("sample (of the scenario)", name, &names)
                })?,
            None => *scenario.samples.first().ok_or_else(|| {
                Error::out_of_range("scenario", &scenario.name, "has no muon sample")
            })?,
        };
        let sample = &experiment.samples[index];
        let method = super::dump::event_method(method.unwrap_or(experiment.method));
        let cuts = &experiment.cuts;
        let mut settings = *settings;
        settings.table.method = method;
        settings.table.theta_max = cuts.theta_max;
        settings.table.theta_min = settings.table.theta_min.min(0.5 * cuts.theta_max);
        settings.table.window = XWindow {
            x_min: cuts.x_min,
            x_max: cuts.x_max,
            e_out_max_gev: None,
            p_out_min_gev: cuts.p_out_min,
        };
        let label = format!("experiment {} sample {}", experiment.name, sample.name);
        let mut run = EventRun::new(
            (x.0, mass_gev, coupling),
            experiment.target.material.clone(),
            experiment.form_factor,
            Beam::Spectrum(sample.spectrum.clone(), label),
            settings,
        )?;
        if let Some(preset) = x.1 {
            run = run.with_decays(
                preset.name(),
                XDecays::new(&preset.mediator(mass_gev, coupling)?)?,
            );
        }
        let muons = sample.muons(scenario.luminosity_inv_fb);
        let reach = signal(&experiment.clone().with_method(method), x.0, mass_gev)?;
        let expected_events = reach.events(coupling, &[(index, muons)]).iter().sum();
        Ok(SampleEvents {
            experiment: experiment.name.clone(),
            scenario: scenario.name.clone(),
            sample: sample.name.clone(),
            muons,
            run,
            slab_cm: experiment.target.length_cm,
            atoms_per_cm2: experiment.target.atoms_per_cm2(),
            expected_events,
        })
    }

    /// X produced within the cuts for the sample's muons: N_μ n_atom Δx σ̄.
    pub fn produced(&self) -> f64 {
        self.muons * self.atoms_per_cm2 * gev2_to_cm2(self.run.sigma())
    }

    /// `count` weighted events from `seed` (identical for any number of threads), the
    /// production vertex uniform along the slab.
    pub fn generate(&self, count: usize, seed: u64) -> Result<Vec<Event>> {
        let mut events = self.run.generate(count, seed)?;
        let weight = self.produced() / count as f64;
        // A stream of its own, apart from the production and decay streams of the seed.
        let seed = seed ^ 0x736c_6162_0000_0000;
        super::for_each_seeded(&mut events, seed, |event, rng| {
            // X's decay vertex stays relative to this production point.
            let z_mm = 10.0 * self.slab_cm * rng.random::<f64>();
            event.vertex_mm = [0.0, 0.0, z_mm, 0.0];
            event.weight = weight;
        });
        Ok(events)
    }

    /// The LHE run record of `events` made with `seed` (the spectrum run's record, `lead`
    /// first, then the experiment's lines).
    pub fn lhe_run(&self, events: &[Event], seed: u64, lead: Vec<(String, String)>) -> LheRun {
        let mut record = self.run.lhe_run(events, seed, lead);
        let sum: f64 = events.iter().map(|e| e.weight).sum();
        record.settings.extend([
            ("experiment".into(), self.experiment.clone()),
            ("scenario".into(), self.scenario.clone()),
            ("sample".into(), self.sample.clone()),
            ("sample_muons".into(), format!("{:.6e} (at the scenario's luminosity)", self.muons)),
            ("slab_cm".into(), self.slab_cm.to_string()),
            ("vertex".into(), "production at (0, 0, z) mm, z uniform along the slab (thin target), t = 0 at production".into()),
            ("selection".into(), "the experiment's theta_max, p_out_min and x window applied (every event passes); momentum resolution and rho window not applied".into()),
            ("produced_x".into(), format!("{:.6e} (passing the cuts)", self.produced())),
            ("expected_events".into(), format!("{:.6e} (reach code: the smeared rho histogram in the analysis window, at this coupling)", self.expected_events)),
            ("sum_of_weights".into(), format!("{sum:.6e}")),
            ("weights".into(), "each event's share of the produced X passing the cuts".into()),
        ]);
        record
    }
}
