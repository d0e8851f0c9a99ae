//! The choice of energy-loss model: the full ⟨−dE/dx⟩(E) or a constant stopping power.

use super::loss::mean_energy_loss;
use super::process::check_energy;
use crate::error::{positive, Error, Result};
use crate::matter::Material;
use serde::{Deserialize, Serialize};

/// Constant stopping powers of Chen, Pospelov, Zhong, "Muon beam experiments to probe the dark
/// sector", Phys. Rev. D 95 (2017) 115005 (arXiv:1701.07437), Table I: (symbol, GeV/cm).
const CHEN_POSPELOV_ZHONG: [(&str, f64); 2] = [("Pb", 12.7e-3), ("W", 22.1e-3)];

/// How the mean energy loss of a muon in a target is modelled.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnergyLossModel {
    /// ⟨−dE/dx⟩(E) from ionisation, bremsstrahlung, pair production and photonuclear
    /// interactions ([`mean_energy_loss`]).
    Full,
    /// A constant stopping power ρ⟨−dE/dx⟩ in GeV/cm (the approximation of seed 002,
    /// Chen–Pospelov–Zhong Eqs. 14–16).
    Constant {
        /// ρ⟨−dE/dx⟩ in GeV/cm.
        gev_per_cm: f64,
    },
}

impl EnergyLossModel {
    /// A constant stopping power in GeV/cm (finite, > 0).
    pub fn constant(gev_per_cm: f64) -> Result<Self> {
        positive("gev_per_cm", gev_per_cm)?;
        Ok(EnergyLossModel::Constant { gev_per_cm })
    }

    /// The constant stopping power Chen, Pospelov, Zhong (arXiv:1701.07437, Table I) use:
    /// 12.7·10⁻³ GeV/cm in lead, 22.1·10⁻³ GeV/cm in tungsten.
    pub fn chen_pospelov_zhong(material: &Material) -> Result<Self> {
        CHEN_POSPELOV_ZHONG
            .iter()
            .find(|(symbol, _)| material.symbol.eq_ignore_ascii_case(symbol))
            .map(|&(_, gev_per_cm)| EnergyLossModel::Constant { gev_per_cm })
            .ok_or_else(|| {
                Error::unknown(
                    "material with a Chen-Pospelov-Zhong stopping power",
                    &material.name,
                    &["lead (Pb)", "tungsten (W)"],
                )
            })
    }

    /// The stopping power ρ⟨−dE/dx⟩ in GeV/cm at muon energy `energy_gev` in `material`.
    pub fn stopping_power_gev_cm(&self, material: &Material, energy_gev: f64) -> Result<f64> {
        check_energy(energy_gev)?;
        match *self {
            EnergyLossModel::Full => {
                Ok(mean_energy_loss(material, energy_gev)?.total_gev_cm(material.density_g_cm3))
            }
            EnergyLossModel::Constant { gev_per_cm } => Ok(gev_per_cm),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 002 Table I values. They equal the minimum-ionisation stopping powers
    /// (PDG tables: 1.122 MeV cm²/g × 11.35 g/cm³ = 12.7 MeV/cm for lead, 1.145 × 19.3 = 22.1
    /// MeV/cm for tungsten), not the loss of a 160 GeV muon (48 MeV/cm in lead, PROPOSAL).
    #[test]
    fn seed_002_constants() {
        let pb = Material::built_in("Pb").unwrap();
        let w = Material::built_in("tungsten").unwrap();
        let m = EnergyLossModel::chen_pospelov_zhong(&pb).unwrap();
        assert_eq!(m.stopping_power_gev_cm(&pb, 160.0).unwrap(), 12.7e-3);
        let m = EnergyLossModel::chen_pospelov_zhong(&w).unwrap();
        assert_eq!(m.stopping_power_gev_cm(&w, 3.0).unwrap(), 22.1e-3);
        let fe = Material::built_in("Fe").unwrap();
        assert!(EnergyLossModel::chen_pospelov_zhong(&fe).is_err());
        assert!(EnergyLossModel::constant(-1.0).is_err());
        assert!(m.stopping_power_gev_cm(&w, 0.05).is_err());
    }
}
