//! One event run, for the command line and the Python package alike: a monochromatic beam or a
//! beam spectrum, the events, and the LHE header that records how they were made.

use super::{Event, Generator, SpectrumGenerator, SpectrumSettings, XDecays};
use crate::error::Result;
use crate::io::lhe::LheRun;
use crate::matter::{FormFactorModel, Material};
use crate::model::Spin;
use crate::production::Process;
use crate::source::MomentumSpectrum;
use crate::units::gev2_to_pb;

/// The beam.
#[derive(Debug, Clone, PartialEq)]
pub enum Beam {
    /// A monochromatic beam of this energy, GeV.
    Energy(f64),
    /// A momentum spectrum and a label saying where it came from (file, experiment sample).
    Spectrum(MomentumSpectrum, String),
}

/// The generator for either kind of beam.
#[derive(Debug, Clone)]
pub enum BeamGenerator {
    /// Monochromatic beam.
    Energy(Generator),
    /// Beam spectrum.
    Spectrum(SpectrumGenerator, String),
}

/// A generator with the target it was built for.
#[derive(Debug, Clone)]
pub struct EventRun {
    /// The generator.
    pub generator: BeamGenerator,
    /// The target material.
    pub material: Material,
    /// Its form factor.
    pub form_factor: FormFactorModel,
    /// The table settings.
    pub settings: SpectrumSettings,
    /// Seconds spent building the tables.
    pub build_seconds: f64,
    /// The model preset's name and X's decays, where X decays ([`Self::with_decays`]).
    pub decays: Option<(String, XDecays)>,
}

impl EventRun {
    /// Builds the process of X (`spin`, mass in GeV, coupling) on `material` and the tables
    /// for `beam`.
    pub fn new(
        x: (Spin, f64, f64),
        material: Material,
        form_factor: FormFactorModel,
        beam: Beam,
        settings: SpectrumSettings,
    ) -> Result<Self> {
        let start = std::time::Instant::now();
        let process = Process::new(x.0, x.1, x.2, &material, form_factor)?;
        let generator = match beam {
            Beam::Energy(e) => BeamGenerator::Energy(Generator::new(process, e, &settings.table)?),
            Beam::Spectrum(s, label) => {
                BeamGenerator::Spectrum(SpectrumGenerator::new(process, s, &settings)?, label)
            }
        };
        Ok(EventRun {
            generator,
            material,
            form_factor,
            settings,
            build_seconds: start.elapsed().as_secs_f64(),
            decays: None,
        })
    }

    /// The same run with X decaying in flight as `decays` says (`model`: the preset's name,
    /// for the file header).
    #[must_use]
    pub fn with_decays(mut self, model: &str, decays: XDecays) -> Self {
        self.decays = Some((model.to_string(), decays));
        self
    }

    /// The process.
    pub fn process(&self) -> &Process {
        match &self.generator {
            BeamGenerator::Energy(g) => &g.process,
            BeamGenerator::Spectrum(g, _) => &g.process,
        }
    }

    /// σ of the generated events (flux-averaged for a spectrum), GeV⁻².
    pub fn sigma(&self) -> f64 {
        match &self.generator {
            BeamGenerator::Energy(g) => g.sigma(),
            BeamGenerator::Spectrum(g, _) => g.sigma(),
        }
    }

    /// σ of the tabulated method (exact or WW) in the same window and its integration error
    /// (flux-averaged for a spectrum, with the largest relative error of the nodes), GeV⁻².
    pub fn sigma_reference(&self) -> (f64, f64) {
        match &self.generator {
            BeamGenerator::Energy(g) => (g.sigma_reference.value, g.sigma_reference.error),
            BeamGenerator::Spectrum(g, _) => {
                let r = g.sigma_reference();
                let rel = g
                    .sigma_reference
                    .iter()
                    .map(crate::numerics::Integral::relative_error)
                    .fold(0.0, f64::max);
                (r, rel * r)
            }
        }
    }

    /// Relative difference of [`Self::sigma`] from [`Self::sigma_reference`].
    pub fn table_accuracy(&self) -> f64 {
        match &self.generator {
            BeamGenerator::Energy(g) => g.table_accuracy(),
            BeamGenerator::Spectrum(g, _) => g.table_accuracy(),
        }
    }

    /// `count` events from `seed`, with X decayed where the run decays it; identical for any
    /// number of threads.
    pub fn generate(&self, count: usize, seed: u64) -> Result<Vec<Event>> {
        let mut events = match &self.generator {
            BeamGenerator::Energy(g) => g.generate(count, seed),
            BeamGenerator::Spectrum(g, _) => g.generate(count, seed),
        }?;
        if let Some((_, decays)) = &self.decays {
            decays.decay_all(&mut events, seed);
        }
        Ok(events)
    }

    /// The LHE run record for `events` made with `seed`: σ (pb) with, as its error, the
    /// table's difference from the reference σ plus that σ's integration error (the
    /// interpolation error dominates); `lead` are header lines written first (the command).
    pub fn lhe_run(&self, events: &[Event], seed: u64, lead: Vec<(String, String)>) -> LheRun {
        let p = self.process();
        let t = &self.settings.table;
        let m = t.method.name();
        let (reference, error) = self.sigma_reference();
        let mut header = lead;
        header.extend([
            ("spin".into(), p.spin.name().into()),
            ("mass_gev".into(), p.mass_gev.to_string()),
        ]);
        let energy_gev = match &self.generator {
            BeamGenerator::Energy(g) => {
                header.push(("energy_gev".into(), g.energy_gev.to_string()));
                g.energy_gev
            }
            BeamGenerator::Spectrum(g, label) => {
                let (lo, hi) = (g.momenta[0], g.momenta[g.momenta.len() - 1]);
                header.extend([
                    ("spectrum".into(), label.clone()),
                    ("spectrum_muons".into(), g.spectrum.counts().iter().sum::<f64>().to_string()),
                    ("spectrum_mean_momentum_gev".into(), format!("{:.6e}", g.spectrum.mean_momentum())),
                    ("momentum_nodes".into(), format!("{} log spaced in [{lo:.6e}, {hi:.6e}] GeV; flux x sigma linear in p between nodes", g.momenta.len())),
                    ("sigma_flux_averaged".into(), "sigma per beam muon of the spectrum (muons below threshold count with sigma = 0)".into()),
                    ("beam_energy_in_init".into(), "mean beam energy of the events; each event carries its own beam muon".into()),
                ]);
                events.iter().map(|e| e.beam[0]).sum::<f64>() / events.len().max(1) as f64
            }
        };
        header.extend([
            ("target".into(), self.material.name.clone()),
            ("coupling".into(), p.coupling.to_string()),
            ("form_factor".into(), self.form_factor.name().into()),
            ("events".into(), events.len().to_string()),
            ("seed".into(), seed.to_string()),
            ("method".into(), m.into()),
            ("table".into(), format!("{} x {} nodes in (logit x, ln theta), theta in [{}, {}] rad, {m} d2sigma/dx dtheta", t.x_nodes, t.theta_nodes, t.theta_min, t.theta_max)),
            (format!("sigma_{m}_pb"), format!("{:.6e} +- {:.1e}", gev2_to_pb(reference), gev2_to_pb(error))),
            ("table_accuracy".into(), format!("{:+.3e} (relative, generated sigma vs {m})", self.table_accuracy())),
            ("t_distribution".into(), "photon-flux integrand (1 - t_min/t) G2(t) dln t".into()),
        ]);
        if let Some((model, decays)) = &self.decays {
            header.extend(decays.header(model));
        }
        LheRun {
            settings: header,
            energy_gev,
            z: self.material.z.round() as u32,
            a: self.material.a.round() as u32,
            nucleus_mass_gev: p.nucleus_mass_gev,
            spin: p.spin,
            mass_gev: p.mass_gev,
            sigma_pb: gev2_to_pb(self.sigma()),
            error_pb: gev2_to_pb((self.sigma() - reference).abs() + error),
        }
    }
}
