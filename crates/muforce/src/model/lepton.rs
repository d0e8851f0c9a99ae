//! The charged leptons X can decay to or see in loops.

use crate::units::{M_E, M_MU, M_TAU};
use serde::{Deserialize, Serialize};

/// A charged lepton flavour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lepton {
    /// e.
    Electron,
    /// μ.
    Muon,
    /// τ.
    Tau,
}

impl Lepton {
    /// All three, lightest first.
    pub const ALL: [Lepton; 3] = [Lepton::Electron, Lepton::Muon, Lepton::Tau];

    /// The mass in GeV (PDG, see [`crate::units`]).
    pub fn mass(self) -> f64 {
        match self {
            Lepton::Electron => M_E,
            Lepton::Muon => M_MU,
            Lepton::Tau => M_TAU,
        }
    }

    /// The short name used in channel keys: `e`, `mu`, `tau`.
    pub fn name(self) -> &'static str {
        match self {
            Lepton::Electron => "e",
            Lepton::Muon => "mu",
            Lepton::Tau => "tau",
        }
    }
}

/// A neutrino flavour X can couple to (only the left-handed ν_μ and ν_τ are modelled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Neutrino {
    /// ν_μ.
    Muon,
    /// ν_τ.
    Tau,
}

impl Neutrino {
    /// Both, in a fixed order.
    pub const ALL: [Neutrino; 2] = [Neutrino::Muon, Neutrino::Tau];

    /// The short name used in channel keys: `nu_mu`, `nu_tau`.
    pub fn name(self) -> &'static str {
        match self {
            Neutrino::Muon => "nu_mu",
            Neutrino::Tau => "nu_tau",
        }
    }
}
