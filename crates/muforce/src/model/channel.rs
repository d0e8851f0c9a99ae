//! Decay channels of X and their names.

use super::lepton::{Lepton, Neutrino};
use crate::error::{Error, Result};

/// A decay channel of X.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// X → ℓ⁺ℓ⁻.
    Leptons(Lepton),
    /// X → γγ through lepton loops.
    Photons,
    /// X → ν ν̄ of one flavour.
    Neutrinos(Neutrino),
    /// X → χ χ̄ (dark sector).
    Dark,
    /// An invisible width set by hand.
    InvisibleByHand,
}

impl Channel {
    /// All channels, in a fixed order.
    pub const ALL: [Channel; 8] = [
        Channel::Leptons(Lepton::Electron),
        Channel::Leptons(Lepton::Muon),
        Channel::Leptons(Lepton::Tau),
        Channel::Photons,
        Channel::Neutrinos(Neutrino::Muon),
        Channel::Neutrinos(Neutrino::Tau),
        Channel::Dark,
        Channel::InvisibleByHand,
    ];

    /// The key: `e e`, `mu mu`, `tau tau`, `gamma gamma`, `nu_mu nu_mu`, `nu_tau nu_tau`,
    /// `chi chi`, `invisible (set by hand)`.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Leptons(Lepton::Electron) => "e e",
            Channel::Leptons(Lepton::Muon) => "mu mu",
            Channel::Leptons(Lepton::Tau) => "tau tau",
            Channel::Photons => "gamma gamma",
            Channel::Neutrinos(Neutrino::Muon) => "nu_mu nu_mu",
            Channel::Neutrinos(Neutrino::Tau) => "nu_tau nu_tau",
            Channel::Dark => "chi chi",
            Channel::InvisibleByHand => "invisible (set by hand)",
        }
    }

    /// Parses a key (case-insensitive; `ee`, `mumu`, `gg`, `invisible` … also accepted).
    pub fn from_name(name: &str) -> Result<Self> {
        let key: String = name
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
            .collect();
        let found = match key.as_str() {
            "ee" => Channel::Leptons(Lepton::Electron),
            "mumu" => Channel::Leptons(Lepton::Muon),
            "tautau" => Channel::Leptons(Lepton::Tau),
            "gammagamma" | "gg" | "photons" => Channel::Photons,
            "numunumu" => Channel::Neutrinos(Neutrino::Muon),
            "nutaunutau" => Channel::Neutrinos(Neutrino::Tau),
            "chichi" | "dark" => Channel::Dark,
            "invisible(setbyhand)" | "invisible" => Channel::InvisibleByHand,
            _ => {
                return Err(Error::unknown(
                    "channel",
                    name,
                    &Channel::ALL.map(Channel::name),
                ))
            }
        };
        Ok(found)
    }

    /// Whether the channel is invisible (neutrinos, χ, or set by hand).
    pub fn is_invisible(self) -> bool {
        matches!(
            self,
            Channel::Neutrinos(_) | Channel::Dark | Channel::InvisibleByHand
        )
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_name(c.name()).unwrap(), c);
        }
        assert_eq!(
            Channel::from_name("mumu").unwrap(),
            Channel::Leptons(Lepton::Muon)
        );
        let e = Channel::from_name("w w").unwrap_err().to_string();
        assert!(e.contains("gamma gamma"), "{e}");
    }
}
