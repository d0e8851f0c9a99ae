//! Named benchmark models.

use super::couplings::Couplings;
use super::lepton::Lepton;
use super::mediator::Mediator;
use super::spin::Spin;
use crate::error::{positive, Error, Result};
use crate::units::M_MU;
use serde::{Deserialize, Serialize};

/// A benchmark model, selected by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// Scalar coupled to muons only: model B of Chen–Pospelov–Zhong, arXiv:1701.07437 (Eq. 1
    /// with g_e = g_τ = 0).
    MuonScalar,
    /// Scalar with mass-proportional couplings g_ℓ = g_μ m_ℓ/m_μ: CPZ model A.
    MassScalar,
    /// Gauged L_μ − L_τ Z′: +g on μ and ν_μ, −g on τ and ν_τ, left-handed neutrinos
    /// (NA64μ slides, seed 003; REFERENCE §0).
    LmuLtau,
    /// Vector coupled to muons only (GKSST Eq. 1); invisible width only from a dark sector or
    /// set by hand.
    MuonVector,
}

impl Preset {
    /// All presets, in a fixed order.
    pub const ALL: [Preset; 4] = [
        Preset::MuonScalar,
        Preset::MassScalar,
        Preset::LmuLtau,
        Preset::MuonVector,
    ];

    /// The name: `muon-scalar`, `mass-scalar`, `lmu-ltau`, `muon-vector`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::MuonScalar => "muon-scalar",
            Preset::MassScalar => "mass-scalar",
            Preset::LmuLtau => "lmu-ltau",
            Preset::MuonVector => "muon-vector",
        }
    }

    /// Parses a name (case-insensitive); an unknown name lists the known ones.
    pub fn from_name(name: &str) -> Result<Self> {
        let lower = name.trim().to_ascii_lowercase();
        Preset::ALL
            .into_iter()
            .find(|p| p.name() == lower)
            .ok_or_else(|| Error::unknown("model", name, &Preset::ALL.map(Preset::name)))
    }

    /// The spin of the preset's mediator.
    pub fn spin(self) -> Spin {
        match self {
            Preset::MuonScalar | Preset::MassScalar => Spin::Scalar,
            Preset::LmuLtau | Preset::MuonVector => Spin::Vector,
        }
    }

    /// The couplings for muon coupling g.
    pub fn couplings(self, g: f64) -> Couplings {
        match self {
            Preset::MuonScalar | Preset::MuonVector => Couplings::muon_only(g),
            Preset::MassScalar => Couplings {
                e: g * Lepton::Electron.mass() / M_MU,
                mu: g,
                tau: g * Lepton::Tau.mass() / M_MU,
                ..Couplings::default()
            },
            Preset::LmuLtau => Couplings {
                e: 0.0,
                mu: g,
                tau: -g,
                nu_mu: g,
                nu_tau: -g,
            },
        }
    }

    /// The mediator of mass `mass` (GeV) and muon coupling `g` (> 0).
    ///
    /// CPZ model A (arXiv:1701.07437 Eq. 1) couples in proportion to the lepton mass, so
    /// g_τ/g_μ = m_τ/m_μ = 16.817 (PDG masses); L_μ − L_τ gives τ the opposite charge. Unknown
    /// names and bad couplings are refused, naming the field.
    ///
    /// ```
    /// use muforce::model::Preset;
    /// let a = Preset::from_name("mass-scalar")?.mediator(0.1, 5e-4)?;
    /// assert!((a.couplings().tau / a.couplings().mu - 16.817).abs() < 1e-3);
    /// let z = Preset::LmuLtau.mediator(0.1, 5e-4)?;
    /// assert_eq!(z.couplings().tau, -z.couplings().mu);
    /// let err = Preset::from_name("dark-photon").unwrap_err().to_string();
    /// assert!(err.contains("unknown model 'dark-photon'") && err.contains("lmu-ltau"), "{err}");
    /// let err = Preset::MuonScalar.mediator(-0.1, 5e-4).unwrap_err().to_string();
    /// assert!(err.starts_with("mass = "), "{err}");
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn mediator(self, mass: f64, g: f64) -> Result<Mediator> {
        positive("coupling", g)?;
        Mediator::new(self.spin(), mass, self.couplings(g))
    }
}

impl std::fmt::Display for Preset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_couplings() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_name(p.name()).unwrap(), p);
        }
        let e = Preset::from_name("dark-photon").unwrap_err().to_string();
        assert!(e.contains("dark-photon") && e.contains("lmu-ltau"), "{e}");
        let a = Preset::MassScalar.couplings(5e-4);
        assert!((a.tau / a.mu - 1.77686 / 0.1056583755).abs() < 1e-3);
        let z = Preset::LmuLtau.couplings(1e-3);
        assert_eq!((z.mu, z.nu_mu, z.tau, z.nu_tau), (1e-3, 1e-3, -1e-3, -1e-3));
        assert!(Preset::MuonVector.mediator(0.1, 0.0).is_err());
        assert!(Preset::MuonVector.mediator(0.1, -1e-3).is_err());
    }
}
