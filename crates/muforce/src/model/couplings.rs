//! Couplings of X to the Standard-Model leptons.

use super::lepton::{Lepton, Neutrino};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Largest coupling magnitude accepted anywhere: 4π, the naive perturbativity limit.
pub const MAX_COUPLING: f64 = 4.0 * std::f64::consts::PI;

/// Dimensionless couplings of X to e, μ, τ (Dirac structure fixed by the [`super::Spin`]) and
/// to the left-handed ν_μ, ν_τ (current ν̄ γ^α P_L ν; spin-1 mediators only).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Couplings {
    /// g_e.
    pub e: f64,
    /// g_μ.
    pub mu: f64,
    /// g_τ.
    pub tau: f64,
    /// g_{ν_μ}.
    pub nu_mu: f64,
    /// g_{ν_τ}.
    pub nu_tau: f64,
}

impl Couplings {
    /// Coupling to muons only.
    pub fn muon_only(g: f64) -> Self {
        Couplings {
            mu: g,
            ..Couplings::default()
        }
    }

    /// The coupling to a charged lepton.
    pub fn lepton(&self, lepton: Lepton) -> f64 {
        match lepton {
            Lepton::Electron => self.e,
            Lepton::Muon => self.mu,
            Lepton::Tau => self.tau,
        }
    }

    /// The coupling to a neutrino flavour.
    pub fn neutrino(&self, nu: Neutrino) -> f64 {
        match nu {
            Neutrino::Muon => self.nu_mu,
            Neutrino::Tau => self.nu_tau,
        }
    }

    /// Whether any neutrino coupling is non-zero.
    pub fn has_neutrinos(&self) -> bool {
        self.nu_mu != 0.0 || self.nu_tau != 0.0
    }

    /// Checks that every coupling is finite with |g| ≤ 4π.
    pub fn validate(&self) -> Result<()> {
        for (field, g) in [
            ("coupling to e", self.e),
            ("coupling to mu", self.mu),
            ("coupling to tau", self.tau),
            ("coupling to nu_mu", self.nu_mu),
            ("coupling to nu_tau", self.nu_tau),
        ] {
            if !(g.is_finite() && g.abs() <= MAX_COUPLING) {
                return Err(Error::out_of_range(
                    field,
                    g,
                    format!("must be a finite number with |g| <= 4 pi = {MAX_COUPLING:.4}"),
                ));
            }
        }
        Ok(())
    }
}
