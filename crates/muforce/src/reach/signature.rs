//! How a limit was obtained: the `# signature:` line of a constraint file
//! (docs/constraints.md). The signature decides which recasts the physics allows
//! ([`crate::recast`]).

use crate::error::{Error, Result};
use serde::Serialize;

/// The physical process a limit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signature {
    /// e⁺e⁻ → μ⁺μ⁻X with X radiated from a muon and X → μ⁺μ⁻ seen as a resonance (BaBar 2016).
    VisibleMuMu,
    /// e⁺e⁻ → τ⁺τ⁻X with X radiated from a τ and X → e⁺e⁻, μ⁺μ⁻ (BaBar 2020, Belle 2024).
    VisibleLeptonsFromTau,
    /// X produced and not seen: missing energy or momentum (Belle II μμ + invisible, NA64μ,
    /// M³, ATLAS as a fixed target). The production is named by `# production:` or by the
    /// experiment of `# experiment:`.
    Invisible,
    /// A limit on BR(K⁺ → μ⁺νX) with X unseen, expressed as a coupling of the file's model.
    KaonBr,
    /// Neutrino scattering: ν–e elastic scattering, neutrino trident production.
    NeutrinoScattering,
    /// Early-Universe bounds (ΔN_eff from BBN and the CMB).
    Cosmology,
    /// X produced in a thick target and decaying visibly behind it (muon beam dumps).
    BeamDump,
}

impl Signature {
    /// Every signature, in a fixed order.
    pub const ALL: [Signature; 7] = [
        Signature::VisibleMuMu,
        Signature::VisibleLeptonsFromTau,
        Signature::Invisible,
        Signature::KaonBr,
        Signature::NeutrinoScattering,
        Signature::Cosmology,
        Signature::BeamDump,
    ];

    /// The name written in constraint files.
    pub fn name(self) -> &'static str {
        match self {
            Signature::VisibleMuMu => "visible mu mu",
            Signature::VisibleLeptonsFromTau => "visible l l",
            Signature::Invisible => "invisible",
            Signature::KaonBr => "kaon-br",
            Signature::NeutrinoScattering => "neutrino-scattering",
            Signature::Cosmology => "cosmology",
            Signature::BeamDump => "beam-dump",
        }
    }

    /// Parses a name (case and runs of blanks ignored); an unknown name lists the known ones.
    pub fn from_name(name: &str) -> Result<Signature> {
        let key = name.split_whitespace().collect::<Vec<_>>().join(" ");
        Signature::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(&key))
            .ok_or_else(|| Error::unknown("signature", name, &Signature::ALL.map(Signature::name)))
    }
}

impl std::fmt::Display for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_lists_known() {
        for s in Signature::ALL {
            assert_eq!(Signature::from_name(s.name()).unwrap(), s);
        }
        assert_eq!(
            Signature::from_name("Visible  MU mu").unwrap(),
            Signature::VisibleMuMu
        );
        let e = Signature::from_name("visible e e").unwrap_err().to_string();
        assert!(e.contains("signature") && e.contains("kaon-br"), "{e}");
    }
}
