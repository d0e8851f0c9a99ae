//! Continuous-slowing-down transport of a muon through a thick target:
//! dE/dx = −ρ⟨−dE/dx⟩(E), solved as the depth integral L(E₀ → E) = ∫_E^{E₀} dE′/(ρ⟨−dE/dx⟩(E′))
//! and its inverse (PDG Review "Passage of particles through matter", §34.6, the CSDA range).

use super::model::EnergyLossModel;
use super::process::check_energy;
use super::table::{EnergyLossTable, TABLE_MIN_KINETIC_GEV};
use crate::error::{non_negative, Error, Result};
use crate::matter::Material;
use crate::numerics::{try_integrate, Integral, Tolerance};
use crate::units::M_MU;

/// The muon's energy after a given depth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransportResult {
    /// Total energy in GeV (m_μ when the muon has stopped).
    pub energy_gev: f64,
    /// Estimated absolute error of `energy_gev` from quadrature, root finding and tabulation.
    pub error_gev: f64,
    /// Whether the muon stopped (came to rest) before the given depth.
    pub stopped: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Stopping {
    Constant(f64),
    Table(EnergyLossTable),
}

/// A muon in one material with one energy-loss model, ready to be transported.
#[derive(Debug, Clone, PartialEq)]
pub struct MuonTransport {
    stopping: Stopping,
    relative_tolerance: f64,
}

impl MuonTransport {
    /// Prepares transport in `material` for energies up to `max_energy_gev` with
    /// `relative_tolerance` for the tabulation of the full model and the depth integrals.
    pub fn new(
        material: &Material,
        model: EnergyLossModel,
        max_energy_gev: f64,
        relative_tolerance: f64,
    ) -> Result<Self> {
        check_energy(max_energy_gev)?;
        let stopping = match model {
            EnergyLossModel::Constant { gev_per_cm } => {
                EnergyLossModel::constant(gev_per_cm)?;
                Stopping::Constant(gev_per_cm)
            }
            EnergyLossModel::Full => Stopping::Table(EnergyLossTable::new(
                material,
                max_energy_gev,
                relative_tolerance,
            )?),
        };
        Ok(MuonTransport {
            stopping,
            relative_tolerance,
        })
    }

    /// Lowest energy followed: m_μ for a constant stopping power, otherwise m_μ + 1 MeV
    /// (the table's lower end; the residual range below it is < 10⁻³ g/cm² and neglected).
    pub fn min_energy_gev(&self) -> f64 {
        match &self.stopping {
            Stopping::Constant(_) => M_MU,
            Stopping::Table(_) => M_MU + TABLE_MIN_KINETIC_GEV,
        }
    }

    /// The stopping power ρ⟨−dE/dx⟩ in GeV/cm at total energy `energy_gev`.
    pub fn stopping_power_gev_cm(&self, energy_gev: f64) -> Result<f64> {
        match &self.stopping {
            Stopping::Constant(s) => {
                check_energy(energy_gev)?;
                Ok(*s)
            }
            Stopping::Table(table) => table.stopping_power_gev_cm(energy_gev),
        }
    }

    fn check_energy_in_range(&self, field: &str, energy_gev: f64) -> Result<f64> {
        let lo = self.min_energy_gev();
        let hi = match &self.stopping {
            Stopping::Constant(_) => super::process::MAX_ENERGY_GEV,
            Stopping::Table(t) => t.energy_range_gev().1,
        };
        if energy_gev.is_finite() && energy_gev >= lo && energy_gev <= hi {
            Ok(energy_gev)
        } else {
            Err(Error::out_of_range(
                field,
                energy_gev,
                format!("muon total energy in GeV, must lie in [{lo}, {hi}]"),
            ))
        }
    }

    /// The depth in cm over which a muon slows from `from_gev` to `to_gev`
    /// (∫ dE/(ρ⟨−dE/dx⟩), integrated in ln(E − m_μ)), with its error estimate, which includes
    /// the table's interpolation error.
    pub fn depth_cm(&self, from_gev: f64, to_gev: f64) -> Result<Integral> {
        self.check_energy_in_range("from_gev", from_gev)?;
        self.check_energy_in_range("to_gev", to_gev)?;
        if to_gev > from_gev {
            return Err(Error::out_of_range(
                "to_gev",
                to_gev,
                format!("must not exceed from_gev = {from_gev} (muons lose energy)"),
            ));
        }
        match &self.stopping {
            Stopping::Constant(s) => Ok(Integral {
                value: (from_gev - to_gev) / s,
                error: 0.0,
                evaluations: 0,
            }),
            Stopping::Table(table) => {
                let depth = try_integrate(
                    "muon depth integral",
                    |ln_t| {
                        let t = ln_t.exp();
                        Ok(t / table.stopping_power_gev_cm(M_MU + t)?)
                    },
                    (to_gev - M_MU).ln(),
                    (from_gev - M_MU).ln(),
                    Tolerance::relative(0.1 * self.relative_tolerance).with_absolute(1e-12),
                )?;
                Ok(Integral {
                    value: depth.value,
                    error: depth.error + table.relative_error() * depth.value,
                    evaluations: depth.evaluations,
                })
            }
        }
    }

    /// The energy of a muon of initial total energy `energy_gev` after `depth_cm` of material.
    /// Finds E with L(E₀ → E) = depth by a safeguarded Newton iteration (dL/dE = −1/(ρ⟨−dE/dx⟩)).
    ///
    /// Through a target much thinner than E/(ρ⟨−dE/dx⟩) the loss is the stopping power times
    /// the thickness (the first term of the CSDA integral, PDG Review "Passage of particles
    /// through matter", §34.6): here 160 GeV muons in 1 cm of lead (the NA64μ beam, seed 003).
    ///
    /// ```
    /// use muforce::matter::{energy_loss::{EnergyLossModel, MuonTransport}, Material};
    /// let lead = Material::built_in("Pb")?;
    /// let transport = MuonTransport::new(&lead, EnergyLossModel::Full, 200.0, 1e-4)?;
    /// let after = transport.energy_after(160.0, 1.0)?;
    /// let expected = 160.0 - transport.stopping_power_gev_cm(160.0)?;
    /// assert!(!after.stopped && (after.energy_gev - expected).abs() < 1e-4, "{after:?}");
    /// // Deeper means less energy left.
    /// assert!(transport.energy_after(160.0, 10.0)?.energy_gev < after.energy_gev);
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn energy_after(&self, energy_gev: f64, depth_cm: f64) -> Result<TransportResult> {
        self.check_energy_in_range("energy_gev", energy_gev)?;
        non_negative("depth_cm", depth_cm)?;
        if depth_cm == 0.0 {
            return Ok(TransportResult {
                energy_gev,
                error_gev: 0.0,
                stopped: false,
            });
        }
        if let Stopping::Constant(s) = self.stopping {
            let e = energy_gev - s * depth_cm;
            return Ok(TransportResult {
                energy_gev: e.max(M_MU),
                error_gev: 0.0,
                stopped: e <= M_MU,
            });
        }
        let e_min = self.min_energy_gev();
        let range = self.depth_cm(energy_gev, e_min)?;
        if depth_cm >= range.value {
            return Ok(TransportResult {
                energy_gev: M_MU,
                error_gev: 0.0,
                stopped: true,
            });
        }
        // Bracket [lo, hi] in E with L(E₀ → lo) > depth > L(E₀ → hi).
        let (mut lo, mut hi) = (e_min, energy_gev);
        let mut e = energy_gev - self.stopping_power_gev_cm(energy_gev)? * depth_cm;
        if !(e > lo && e < hi) {
            e = 0.5 * (lo + hi);
        }
        for _ in 0..100 {
            let l = self.depth_cm(energy_gev, e)?;
            let s = self.stopping_power_gev_cm(e)?;
            let residual = l.value - depth_cm;
            if residual > 0.0 {
                lo = e;
            } else {
                hi = e;
            }
            let tol = self.relative_tolerance * 0.1 * depth_cm;
            if residual.abs() <= tol || hi - lo <= 1e-12 * hi {
                return Ok(TransportResult {
                    energy_gev: e,
                    error_gev: s * (residual.abs() + l.error),
                    stopped: false,
                });
            }
            let newton = e + residual * s;
            e = if newton > lo && newton < hi {
                newton
            } else {
                0.5 * (lo + hi)
            };
        }
        Err(Error::NotConverged {
            what: "muon energy after depth".into(),
            achieved: (hi - lo) / hi,
            requested: self.relative_tolerance,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 002 (Chen, Pospelov, Zhong, arXiv:1701.07437, §III): 160 GeV muons in 20 cm of
    /// lead with 12.7·10⁻³ GeV/cm leave at E_min = 159.75 GeV.
    #[test]
    fn constant_model_matches_seed_002() {
        let pb = Material::built_in("Pb").unwrap();
        let model = EnergyLossModel::chen_pospelov_zhong(&pb).unwrap();
        let t = MuonTransport::new(&pb, model, 200.0, 1e-4).unwrap();
        let r = t.energy_after(160.0, 20.0).unwrap();
        assert!((r.energy_gev - 159.746).abs() < 1e-9 && !r.stopped);
        assert!((t.depth_cm(160.0, 159.746).unwrap().value - 20.0).abs() < 1e-9);
        assert!(t.energy_after(3.0, 1e3).unwrap().stopped);
        assert!(t.energy_after(160.0, -1.0).is_err());
        assert!(t.energy_after(f64::NAN, 1.0).is_err());
        assert!(t.depth_cm(1.0, 2.0).is_err());
    }

    /// The full model: energy after a depth and depth to that energy are inverse to each
    /// other; a 3 GeV muon stops in 1.5 m of tungsten (seed 002's beam dump, §III), its CSDA
    /// range being ≈ 1.9·10³ g/cm² ÷ 19.3 ≈ 1 m (PDG muon tables: 3 GeV range in W).
    #[test]
    fn full_model_round_trip() {
        let w = Material::built_in("W").unwrap();
        let t = MuonTransport::new(&w, EnergyLossModel::Full, 200.0, 1e-4).unwrap();
        let r = t.energy_after(160.0, 100.0).unwrap();
        assert!(!r.stopped && r.energy_gev < 160.0 && r.energy_gev > 100.0);
        let back = t.depth_cm(160.0, r.energy_gev).unwrap();
        assert!((back.value / 100.0 - 1.0).abs() < 1e-4, "{back:?}");
        assert!(t.energy_after(3.0, 150.0).unwrap().stopped);
        let range = t.depth_cm(3.0, t.min_energy_gev()).unwrap().value;
        assert!((80.0..120.0).contains(&range), "{range}");
    }
}
