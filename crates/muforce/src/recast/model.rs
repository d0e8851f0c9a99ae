//! The model of a recast: a preset (its couplings and decays are known) or a bare spin (a
//! muon-only mediator that is assumed to escape unseen, as ATLAS's `scalar` and `vector`).

use crate::error::{Error, Result};
use crate::kaon::KaonModel;
use crate::model::{DecayTable, Preset, Spin};

/// A model column of a constraint file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecastModel {
    /// A preset: couplings and decays known.
    Preset(Preset),
    /// A spin alone: a muon-only X that escapes unseen.
    Spin(Spin),
}

impl RecastModel {
    /// Parses a model column: a preset or a spin name; anything else lists both.
    pub fn from_name(name: &str) -> Result<RecastModel> {
        Preset::from_name(name)
            .map(RecastModel::Preset)
            .or_else(|_| Spin::from_name(name).map(RecastModel::Spin))
            .map_err(|_| Error::unknown("model", name, &crate::reach::model_names()))
    }

    /// The name as written in a model column.
    pub fn name(self) -> &'static str {
        match self {
            RecastModel::Preset(p) => p.name(),
            RecastModel::Spin(s) => s.name(),
        }
    }

    /// The spin of X.
    pub fn spin(self) -> Spin {
        match self {
            RecastModel::Preset(p) => p.spin(),
            RecastModel::Spin(s) => s,
        }
    }

    /// The preset whose production stands for this model: production μN → μNX depends on
    /// the muon coupling and the spin alone, so a bare spin borrows its muon-only preset.
    pub fn production_preset(self) -> Option<Preset> {
        match self {
            RecastModel::Preset(p) => Some(p),
            RecastModel::Spin(Spin::Scalar) => Some(Preset::MuonScalar),
            RecastModel::Spin(Spin::Vector) => Some(Preset::MuonVector),
            RecastModel::Spin(_) => None,
        }
    }

    /// The model of K⁺ → μ⁺νX: X radiated from the muon (and, for L_μ−L_τ, the ν_μ) line.
    /// A mass-proportional scalar radiates from the muon as a muon-only one does (no other
    /// lepton is on the K⁺ → μ⁺ν line at tree level).
    pub fn kaon_model(self) -> Option<KaonModel> {
        match self {
            RecastModel::Preset(Preset::MuonScalar | Preset::MassScalar) => {
                Some(KaonModel::MuonScalar)
            }
            RecastModel::Preset(Preset::LmuLtau) => Some(KaonModel::LmuLtau),
            RecastModel::Preset(Preset::MuonVector) => Some(KaonModel::MuonVector),
            RecastModel::Spin(_) => None,
        }
    }

    /// The decays of X at `mass` (GeV) and muon coupling `g`: None when X is stable (no open
    /// channel) or the model is a bare spin.
    pub fn decays(self, mass: f64, g: f64) -> Result<Option<DecayTable>> {
        let RecastModel::Preset(p) = self else {
            return Ok(None);
        };
        match DecayTable::new(&p.mediator(mass, g)?) {
            Ok(table) => Ok(Some(table)),
            Err(Error::Closed { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
