//! Unweighted events of μN → μNX for a monochromatic muon beam or a beam momentum spectrum
//! on a target material.
//!
//! The muon's (x, θ) are drawn from tables of the exact (or WW) d²σ/(dx d ln θ)
//! ([`Plane`], built once per beam energy), φ uniformly, and |t| from the photon-flux
//! integrand ([`kinematics::final_state`]). Events are produced in fixed chunks of [`CHUNK`]
//! with one PCG-64 stream per chunk, seeded from the master seed and the chunk index, so the
//! events do not depend on the number of threads.

pub mod build;
pub mod density;
pub mod dump;
pub mod experiment;
pub mod grid;
pub mod kaon;
pub mod kinematics;
pub mod run;
pub mod sample;
pub mod spectrum;
pub mod t_draw;
pub mod x_decay;

pub use build::Plane;
pub use density::{DensityTable, TableSettings};
pub use grid::{XMap, XWindow};
pub use kinematics::{Final, FourVector};
pub use run::{Beam, BeamGenerator, EventRun};
pub use spectrum::{SpectrumGenerator, SpectrumSettings};
pub use t_draw::TDraw;
pub use x_decay::{Daughter, XDecay, XDecays};

use crate::error::{Error, Result};
use crate::numerics::Integral;
use crate::production::{self, Cuts, Process};
use crate::units::M_MU;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use rayon::prelude::*;

/// Events per chunk (one random stream each).
pub const CHUNK: usize = 4096;

/// The sum of event weights and its Monte Carlo standard error, √(Σ (w − w̄)²): the
/// estimate of an experiment's expected events that its weighted events carry.
pub fn weight_sum(weights: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let (sum, n) = weights
        .clone()
        .fold((0.0, 0usize), |(s, n), w| (s + w, n + 1));
    let mean = sum / n.max(1) as f64;
    let spread: f64 = weights.map(|w| (w - mean).powi(2)).sum();
    (sum, spread.sqrt())
}

/// One unweighted event: beam muon along +z on a nucleus at rest, and the final state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event {
    /// Beam muon.
    pub beam: FourVector,
    /// Outgoing muon, X and recoil nucleus.
    pub out: Final,
    /// X's decay, where the run decays X ([`XDecays::decay_all`]); `None` for a stable X.
    pub x_decay: Option<XDecay>,
    /// The production vertex [x, y, z, c·t] in mm: the origin on a thin target; in an
    /// experiment's target, the interaction depth along the beam (+z from the front face)
    /// with t = 0 at production.
    pub vertex_mm: [f64; 4],
    /// The event's weight: 1 for unweighted events; for an experiment's signal, its share of
    /// the expected events ([`crate::events::experiment`]).
    pub weight: f64,
}

impl Event {
    /// An unweighted event at the origin with a stable X.
    pub fn at_origin(beam: FourVector, out: Final) -> Self {
        Event {
            beam,
            out,
            x_decay: None,
            vertex_mm: [0.0; 4],
            weight: 1.0,
        }
    }
}

/// The generator of one process at one beam energy.
#[derive(Debug, Clone)]
pub struct Generator {
    /// The process (spin, mass, coupling, target).
    pub process: Process,
    /// Beam energy in GeV.
    pub energy_gev: f64,
    /// The sampled density.
    pub plane: Plane,
    /// σ of the tabulated method (exact or WW) within the table's angular range, with its
    /// error, GeV⁻².
    pub sigma_reference: Integral,
    t_draw: TDraw,
    sigma_open: f64,
}

/// splitmix64 (Steele, Lea & Flood, OOPSLA 2014): the seed of chunk `index`.
/// Runs `f` on every item with one PCG-64 stream per chunk of [`CHUNK`] items, seeded from
/// `seed` and the chunk's index: the result is the same for any number of threads.
pub(crate) fn for_each_seeded<T: Send>(
    items: &mut [T],
    seed: u64,
    f: impl Fn(&mut T, &mut Pcg64) + Sync,
) {
    items
        .par_chunks_mut(CHUNK)
        .enumerate()
        .for_each(|(c, chunk)| {
            let mut rng = Pcg64::seed_from_u64(chunk_seed(seed, c as u64));
            for item in chunk {
                f(item, &mut rng);
            }
        });
}

fn chunk_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed
        .wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `count` events from `seed`, made by `event` in chunks of [`CHUNK`] with one PCG-64 stream
/// per chunk ([`for_each_seeded`]): identical for any number of rayon threads. Each event is
/// written in place, so nothing is copied after generation.
fn generate_chunked<F>(count: usize, seed: u64, event: F) -> Result<Vec<Event>>
where
    F: Fn(&mut Pcg64) -> Event + Sync,
{
    if count == 0 || count > 1_000_000_000 {
        return Err(Error::out_of_range("events", count, "must lie in [1, 1e9]"));
    }
    let empty = Final {
        muon: [0.0; 4],
        x: [0.0; 4],
        nucleus: [0.0; 4],
        t: 0.0,
    };
    let mut events = vec![Event::at_origin([0.0; 4], empty); count];
    for_each_seeded(&mut events, seed, |slot, rng| *slot = event(rng));
    Ok(events)
}

/// The σ of the tabulated method with θ ≤ θ_max of the table in its x window, GeV⁻².
fn reference_sigma(process: &Process, energy: f64, s: &TableSettings) -> Result<Integral> {
    let Some((x_min, x_max)) = s.window.limits(process.mass_gev, energy) else {
        return Ok(Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        });
    };
    let cuts = Cuts {
        x_min,
        x_max,
        theta_max: s.theta_max,
        p_out_min: 0.0,
    };
    production::total(s.method, process, energy, &cuts, s.rel_tol)
}

/// The beam muon of energy `energy` along +z.
fn beam(energy: f64) -> FourVector {
    [energy, 0.0, 0.0, ((energy - M_MU) * (energy + M_MU)).sqrt()]
}

/// The final state at beam energy `energy` and muon (x, θ), with φ uniform; `None` where
/// (x, θ) is kinematically closed (the draw is then rejected).
fn final_at<R: Rng>(
    process: &Process,
    t_draw: &TDraw,
    energy: f64,
    x: f64,
    theta: f64,
    rng: &mut R,
) -> Option<Final> {
    let azimuth = kinematics::random_azimuth(rng);
    // A table up to θ = π may round its last node above π.
    let theta = theta.min(std::f64::consts::PI);
    kinematics::final_state(
        energy,
        M_MU,
        process.nucleus_mass_gev,
        process.mass_gev,
        x,
        theta,
        azimuth,
        t_draw,
        rng,
    )
}

impl Generator {
    /// Builds the table from the cross section of `settings.method` and that method's σ in
    /// the same angular window (for the table's accuracy, [`Generator::table_accuracy`]).
    pub fn new(process: Process, energy_gev: f64, settings: &TableSettings) -> Result<Self> {
        let plane = Plane::build(&process, energy_gev, settings)?;
        let sigma_reference = reference_sigma(&process, energy_gev, settings)?;
        Ok(Self::with_plane(process, plane, sigma_reference))
    }

    /// A generator from a given table (and the σ it approximates).
    pub fn with_plane(process: Process, plane: Plane, sigma_reference: Integral) -> Self {
        let sigma_open = plane.open_cells(&process, 16).iter().sum();
        Generator {
            t_draw: TDraw::new(process.form_factor),
            energy_gev: plane.energy_gev,
            process,
            plane,
            sigma_reference,
            sigma_open,
        }
    }

    /// Relative difference of the generated σ from the reference σ (θ ≤ θ_max), a measure of
    /// the interpolation error and of the part below θ_min.
    pub fn table_accuracy(&self) -> f64 {
        (self.sigma_open - self.sigma_reference.value) / self.sigma_reference.value
    }

    /// σ of the generated events (the table's open part), GeV⁻².
    pub fn sigma(&self) -> f64 {
        self.sigma_open
    }

    /// One event.
    pub fn event<R: Rng>(&self, rng: &mut R) -> Event {
        let e = self.energy_gev;
        loop {
            let (v, theta) = self.plane.table.sample(rng);
            let x = self.plane.map.x(v);
            if let Some(out) = final_at(&self.process, &self.t_draw, e, x, theta, rng) {
                return Event::at_origin(beam(e), out);
            }
        }
    }

    /// `count` events from `seed`, identical for any number of rayon threads.
    pub fn generate(&self, count: usize, seed: u64) -> Result<Vec<Event>> {
        generate_chunked(count, seed, |rng| self.event(rng))
    }
}

#[cfg(test)]
mod dump_tests;
#[cfg(test)]
mod kaon_tests;
#[cfg(test)]
mod sample_tests;
#[cfg(test)]
mod spectrum_tests;
#[cfg(test)]
mod t_draw_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod x_decay_tests;
