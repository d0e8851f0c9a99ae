//! Spin and parity of the mediator X.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Spin–parity of X, fixing its coupling to leptons:
/// scalar g ψ̄ψ, pseudoscalar i g ψ̄γ⁵ψ, vector g ψ̄γ^μψ, axial vector g ψ̄γ^μγ⁵ψ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Spin {
    /// J^P = 0⁺.
    Scalar,
    /// J^P = 0⁻.
    Pseudoscalar,
    /// J^P = 1⁻.
    Vector,
    /// J^P = 1⁺.
    AxialVector,
}

impl Spin {
    /// All four, in a fixed order.
    pub const ALL: [Spin; 4] = [
        Spin::Scalar,
        Spin::Pseudoscalar,
        Spin::Vector,
        Spin::AxialVector,
    ];

    /// The canonical name: `scalar`, `pseudoscalar`, `vector`, `axial-vector`.
    pub fn name(self) -> &'static str {
        match self {
            Spin::Scalar => "scalar",
            Spin::Pseudoscalar => "pseudoscalar",
            Spin::Vector => "vector",
            Spin::AxialVector => "axial-vector",
        }
    }

    /// Parses a name (case-insensitive; `S`, `P`, `V`, `A` and `axial` also accepted).
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "scalar" | "s" => Ok(Spin::Scalar),
            "pseudoscalar" | "pseudo-scalar" | "p" => Ok(Spin::Pseudoscalar),
            "vector" | "v" => Ok(Spin::Vector),
            "axial-vector" | "axialvector" | "axial" | "a" => Ok(Spin::AxialVector),
            _ => Err(Error::unknown("spin", name, &Spin::ALL.map(Spin::name))),
        }
    }

    /// Whether X is a spin-1 particle.
    pub fn is_vector_like(self) -> bool {
        matches!(self, Spin::Vector | Spin::AxialVector)
    }
}

impl std::fmt::Display for Spin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Spin::ALL {
            assert_eq!(Spin::from_name(s.name()).unwrap(), s);
        }
        let err = Spin::from_name("tensor").unwrap_err().to_string();
        assert!(
            err.contains("tensor") && err.contains("axial-vector"),
            "{err}"
        );
    }
}
