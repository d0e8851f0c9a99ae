//! Unweighted events of μN → μNX for a monochromatic muon beam on a target material.
//!
//! The muon's (x, θ) are drawn from a table of the exact tree-level d²σ/(dx d ln θ)
//! ([`DensityTable`], built once), φ uniformly, and |t| from the photon-flux integrand
//! ([`kinematics::final_state`]). Events are produced in fixed chunks of
//! [`CHUNK`] with one PCG-64 stream per chunk, seeded from the master seed and the chunk
//! index, so the events do not depend on the number of threads.

pub mod density;
pub mod kinematics;

pub use density::{DensityTable, TableSettings};
pub use kinematics::{Final, FourVector};

use crate::error::{Error, Result};
use crate::production::{exact, Cuts, Process};
use crate::units::M_MU;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use rayon::prelude::*;

/// Events per chunk (one random stream each).
pub const CHUNK: usize = 4096;

/// One unweighted event: beam muon along +z on a nucleus at rest, and the final state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event {
    /// Beam muon.
    pub beam: FourVector,
    /// Outgoing muon, X and recoil nucleus.
    pub out: Final,
}

/// The generator of one process at one beam energy.
#[derive(Debug, Clone)]
pub struct Generator {
    /// The process (spin, mass, coupling, target).
    pub process: Process,
    /// Beam energy in GeV.
    pub energy_gev: f64,
    /// The sampled density.
    pub table: DensityTable,
    /// The exact σ within the table's angular range, with its error, GeV⁻².
    pub sigma_exact: crate::numerics::Integral,
    g2_max: f64,
    sigma_open: f64,
}

/// splitmix64 (Steele, Lea & Flood, OOPSLA 2014): the seed of chunk `index`.
fn chunk_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed
        .wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Generator {
    /// Builds the table from the exact cross section and the exact σ in the same angular
    /// window (for the table's accuracy, [`Generator::table_accuracy`]).
    pub fn new(process: Process, energy_gev: f64, settings: &TableSettings) -> Result<Self> {
        let table = DensityTable::exact(&process, energy_gev, settings)?;
        let cuts = Cuts {
            x_min: 0.0,
            x_max: 1.0,
            theta_max: settings.theta_max,
            p_out_min: 0.0,
        };
        let sigma_exact = exact::total(&process, energy_gev, &cuts, settings.rel_tol)?;
        Self::with_table(process, energy_gev, table, sigma_exact)
    }

    /// A generator from a given table (and the exact σ it approximates).
    pub fn with_table(
        process: Process,
        energy_gev: f64,
        table: DensityTable,
        sigma_exact: crate::numerics::Integral,
    ) -> Result<Self> {
        let z = process.z;
        let mut g = Generator {
            g2_max: z * z + z,
            process,
            energy_gev,
            table,
            sigma_exact,
            sigma_open: 0.0,
        };
        g.sigma_open = g.open_cells(16).iter().sum();
        Ok(g)
    }

    /// Relative difference of the generated σ from the exact σ (θ ≤ θ_max), a measure of the
    /// interpolation error and of the part below θ_min.
    pub fn table_accuracy(&self) -> f64 {
        (self.sigma_open - self.sigma_exact.value) / self.sigma_exact.value
    }

    /// Per table cell (x outermost), the integral of the interpolant over its kinematically
    /// open part (midpoint rule on `sub` × `sub` subcells), GeV⁻²: the sampled distribution,
    /// since draws in closed regions are rejected.
    pub fn open_cells(&self, sub: usize) -> Vec<f64> {
        let t = &self.table;
        let p = &self.process;
        let sub = sub.max(1);
        let mut out = Vec::with_capacity((t.x.len() - 1) * (t.ln_theta.len() - 1));
        for xw in t.x.windows(2) {
            for lw in t.ln_theta.windows(2) {
                let (dx, dl) = ((xw[1] - xw[0]) / sub as f64, (lw[1] - lw[0]) / sub as f64);
                let mut sum = 0.0;
                for a in 0..sub {
                    let x = xw[0] + (a as f64 + 0.5) * dx;
                    for b in 0..sub {
                        let l = lw[0] + (b as f64 + 0.5) * dl;
                        let m = (p.nucleus_mass_gev, p.mass_gev);
                        if kinematics::open(self.energy_gev, M_MU, m.0, m.1, x, l.exp()) {
                            sum += t.eval(x, l) * dx * dl;
                        }
                    }
                }
                out.push(sum);
            }
        }
        out
    }

    /// σ of the generated events (the table's open part), GeV⁻².
    pub fn sigma(&self) -> f64 {
        self.sigma_open
    }

    /// One event.
    pub fn event<R: Rng>(&self, rng: &mut R) -> Event {
        let p = &self.process;
        let e = self.energy_gev;
        let beam = [e, 0.0, 0.0, (e * e - M_MU * M_MU).sqrt()];
        loop {
            let (x, theta) = self.table.sample(rng);
            let phi = std::f64::consts::TAU * rng.random::<f64>();
            if let Some(out) = kinematics::final_state(
                e,
                M_MU,
                p.nucleus_mass_gev,
                p.mass_gev,
                x,
                theta,
                phi,
                &p.form_factor,
                self.g2_max,
                rng,
            ) {
                return Event { beam, out };
            }
        }
    }

    /// `count` events from `seed`, identical for any number of rayon threads.
    pub fn generate(&self, count: usize, seed: u64) -> Result<Vec<Event>> {
        if count == 0 || count > 1_000_000_000 {
            return Err(Error::out_of_range("events", count, "must lie in [1, 1e9]"));
        }
        let chunks = count.div_ceil(CHUNK);
        let per: Vec<Vec<Event>> = (0..chunks)
            .into_par_iter()
            .map(|c| {
                let n = CHUNK.min(count - c * CHUNK);
                let mut rng = Pcg64::seed_from_u64(chunk_seed(seed, c as u64));
                (0..n).map(|_| self.event(&mut rng)).collect()
            })
            .collect();
        Ok(per.into_iter().flatten().collect())
    }
}

#[cfg(test)]
mod tests;
