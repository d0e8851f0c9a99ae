//! The three mediator models of the kaon channel K⁺ → μ⁺νX.

use crate::error::{Error, Result};
use std::fmt;
use std::str::FromStr;

/// How X couples, for the kaon channel (REFERENCE §0 and §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KaonModel {
    /// A scalar coupled to muons only, L = g S μ̄μ.
    MuonScalar,
    /// The gauged L_μ − L_τ vector: emission from the muon and from the muon neutrino.
    LmuLtau,
    /// A vector coupled to muons only, L = g V_a μ̄γ^aμ (not gauge invariant in this
    /// process; its rate grows like 1/m_X² at small mass).
    MuonVector,
}

impl KaonModel {
    /// Every model, in a fixed order.
    pub const ALL: [KaonModel; 3] = [
        KaonModel::MuonScalar,
        KaonModel::LmuLtau,
        KaonModel::MuonVector,
    ];

    /// The model's name as used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            KaonModel::MuonScalar => "muon-scalar",
            KaonModel::LmuLtau => "lmu-ltau",
            KaonModel::MuonVector => "muon-vector",
        }
    }

    /// The known names, in the order of [`KaonModel::ALL`].
    pub fn names() -> [&'static str; 3] {
        Self::ALL.map(KaonModel::name)
    }

    /// Parses a model name (exact, case-insensitive); unknown names are an
    /// [`Error::Unknown`] listing the known ones.
    pub fn parse(name: &str) -> Result<Self> {
        let wanted = name.trim();
        Self::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| Error::unknown("kaon-channel model", wanted, &Self::names()))
    }
}

impl fmt::Display for KaonModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for KaonModel {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_lists_known() {
        for m in KaonModel::ALL {
            assert_eq!(KaonModel::parse(m.name()).unwrap(), m);
            assert_eq!(m.to_string().parse::<KaonModel>().unwrap(), m);
        }
        assert_eq!(
            KaonModel::names(),
            ["muon-scalar", "lmu-ltau", "muon-vector"]
        );
        let err = KaonModel::parse("dark-photon").unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Unknown { .. }));
        for name in KaonModel::names() {
            assert!(text.contains(name), "{text}");
        }
    }
}
