//! An optional dark-sector particle χ that X can decay to invisibly.

use super::couplings::MAX_COUPLING;
use crate::error::{positive, Error, Result};
use serde::{Deserialize, Serialize};

/// What χ is, fixing its current (NA64μ slides, seed 003; REFERENCE §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChiKind {
    /// Dirac fermion: g χ̄Γχ with Γ = 1, iγ⁵, γ^α, γ^αγ⁵ for S, P, V, A.
    Dirac,
    /// Complex scalar: current g (i χ* ∂χ + h.c.); vector mediators only.
    ComplexScalar,
    /// Majorana fermion: (g/2) χ̄Γχ with Γ = 1, iγ⁵, γ^αγ⁵ for S, P and V or A.
    Majorana,
}

impl ChiKind {
    /// All three, in a fixed order.
    pub const ALL: [ChiKind; 3] = [ChiKind::Dirac, ChiKind::ComplexScalar, ChiKind::Majorana];

    /// The canonical name: `dirac`, `complex-scalar`, `majorana`.
    pub fn name(self) -> &'static str {
        match self {
            ChiKind::Dirac => "dirac",
            ChiKind::ComplexScalar => "complex-scalar",
            ChiKind::Majorana => "majorana",
        }
    }

    /// Parses a name (case-insensitive).
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dirac" => Ok(ChiKind::Dirac),
            "complex-scalar" | "scalar" | "complex" => Ok(ChiKind::ComplexScalar),
            "majorana" => Ok(ChiKind::Majorana),
            _ => Err(Error::unknown(
                "chi kind",
                name,
                &ChiKind::ALL.map(ChiKind::name),
            )),
        }
    }
}

impl std::fmt::Display for ChiKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The dark particle χ: mass (GeV), coupling g_χ to X and kind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DarkSector {
    mass: f64,
    coupling: f64,
    kind: ChiKind,
}

impl DarkSector {
    /// A validated dark sector: mass finite and > 0, 0 < g_χ ≤ 4π.
    pub fn new(mass: f64, coupling: f64, kind: ChiKind) -> Result<Self> {
        positive("chi mass", mass)?;
        if !(coupling.is_finite() && coupling > 0.0 && coupling <= MAX_COUPLING) {
            return Err(Error::out_of_range(
                "chi coupling",
                coupling,
                format!("must be a finite number in (0, 4 pi = {MAX_COUPLING:.4}]"),
            ));
        }
        Ok(DarkSector {
            mass,
            coupling,
            kind,
        })
    }

    /// m_χ in GeV.
    pub fn mass(&self) -> f64 {
        self.mass
    }

    /// g_χ.
    pub fn coupling(&self) -> f64 {
        self.coupling
    }

    /// The kind of χ.
    pub fn kind(&self) -> ChiKind {
        self.kind
    }
}
