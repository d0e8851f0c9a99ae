//! The searched signal of one model at one mass as a function of its muon coupling, up to
//! factors that the models of a recast share (luminosity, efficiency, the e⁺e⁻ production
//! of one spin).

use super::model::RecastModel;
use crate::error::Result;
use crate::experiment::beam_dump::DumpYield;
use crate::model::{Channel, DecayTable, Lepton};

/// The final state a search counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FinalState {
    /// X leaves no visible trace: it decays invisibly or flies out of the detector first.
    Unseen,
    /// X → μ⁺μ⁻.
    MuMu,
    /// X → e⁺e⁻ or μ⁺μ⁻.
    LightLeptons,
}

/// How far an unseen X must fly without a visible decay: (length in m, its energy in GeV,
/// when not taken from an experiment's production nodes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Flight {
    pub length_m: f64,
    pub energy_gev: Option<f64>,
}

/// Where the production of X comes from.
#[derive(Debug, Clone)]
pub(super) enum Production {
    /// The same for every model compared (times the production coupling squared), or a
    /// number per g² such as BR(K⁺ → μ⁺νX)/g².
    PerG2(f64),
    /// An experiment's production nodes (weights per muon at g = 1 and X energies).
    Nodes(DumpYield),
}

/// The signal of one model at one mass.
#[derive(Debug, Clone)]
pub(super) struct Signal {
    pub model: RecastModel,
    pub mass_gev: f64,
    pub production: Production,
    pub final_state: FinalState,
    /// X radiated from the τ (e⁺e⁻ → τ⁺τ⁻X) instead of the muon.
    pub from_tau: bool,
    pub flight: Option<Flight>,
}

impl Signal {
    /// The signal at muon coupling g, up to the shared factors.
    pub fn at(&self, g: f64) -> Result<f64> {
        let radiating = if self.from_tau {
            match self.model {
                super::RecastModel::Preset(p) => p.couplings(g).tau.abs(),
                super::RecastModel::Spin(_) => 0.0,
            }
        } else {
            g
        };
        let production = radiating * radiating;
        // The decays once per coupling, not once per production node.
        let decays = self.model.decays(self.mass_gev, g)?;
        match &self.production {
            Production::PerG2(per_g2) => {
                let energy = self.flight.and_then(|f| f.energy_gev);
                Ok(production * per_g2 * self.fraction(decays.as_ref(), energy)?)
            }
            Production::Nodes(nodes) => {
                Ok(production * nodes.weighted_sum(|e| self.fraction(decays.as_ref(), Some(e)))?)
            }
        }
    }

    /// The fraction of X (of energy `energy_gev`, if known) with the decays `decays` (None:
    /// stable, or a bare spin) that gives the searched final state: branching ratios from the model's widths (REFERENCE §4); for an
    /// unseen X, BR_inv + (1 − BR_inv) exp(−L/ℓ) with ℓ the lab decay length (CPZ Eq. 9,
    /// REFERENCE §4.3), 1 for a stable X or a bare spin.
    fn fraction(&self, decays: Option<&DecayTable>, energy_gev: Option<f64>) -> Result<f64> {
        let Some(table) = decays else {
            return Ok(match self.final_state {
                FinalState::Unseen => 1.0,
                FinalState::MuMu | FinalState::LightLeptons => 0.0,
            });
        };
        let branching = |lepton: Lepton| {
            table
                .branching_ratios()
                .into_iter()
                .find(|(c, _)| *c == Channel::Leptons(lepton))
                .map_or(0.0, |(_, br)| br)
        };
        Ok(match self.final_state {
            FinalState::MuMu => branching(Lepton::Muon),
            FinalState::LightLeptons => branching(Lepton::Electron) + branching(Lepton::Muon),
            FinalState::Unseen => {
                let invisible = table.invisible_branching();
                let survives = match (self.flight, energy_gev) {
                    (Some(flight), Some(energy)) => {
                        let length = table.decay_length_m(energy.max(self.mass_gev))?;
                        if length > 0.0 {
                            (-flight.length_m / length).exp()
                        } else {
                            0.0
                        }
                    }
                    _ => 0.0,
                };
                invisible + (1.0 - invisible) * survives
            }
        })
    }
}
