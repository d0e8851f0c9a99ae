//! The mediator X: spin, mass, couplings, optional dark sector and hand-set invisible width.

use super::couplings::Couplings;
use super::dark::{ChiKind, DarkSector};
use super::spin::Spin;
use crate::error::{non_negative, within, Error, Result};
use serde::{Deserialize, Serialize};

/// Smallest mediator mass accepted, in GeV (1 meV).
pub const MIN_MASS_GEV: f64 = 1e-12;
/// Largest mediator mass accepted, in GeV (1 PeV).
pub const MAX_MASS_GEV: f64 = 1e6;

/// Checks a mediator mass: finite and within [`MIN_MASS_GEV`], [`MAX_MASS_GEV`].
pub fn check_mass(field: &str, mass: f64) -> Result<f64> {
    within(field, mass, MIN_MASS_GEV, MAX_MASS_GEV).map_err(|_| {
        Error::out_of_range(
            field,
            crate::error::show(mass),
            format!("must be a finite mass in [{MIN_MASS_GEV:e}, {MAX_MASS_GEV:e}] GeV"),
        )
    })
}

/// A force carrier X. Fields are private so that every instance is validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mediator {
    spin: Spin,
    mass: f64,
    couplings: Couplings,
    dark: Option<DarkSector>,
    invisible_width: Option<f64>,
}

impl Mediator {
    /// A mediator of the given spin and mass (GeV) with the given lepton couplings.
    ///
    /// Neutrino couplings need a spin-1 X (the left-handed current ν̄γ^α P_L ν).
    pub fn new(spin: Spin, mass: f64, couplings: Couplings) -> Result<Self> {
        check_mass("mass", mass)?;
        couplings.validate()?;
        if couplings.has_neutrinos() && !spin.is_vector_like() {
            return Err(Error::out_of_range(
                "coupling to neutrinos",
                format!("{} (spin {spin})", couplings.nu_mu.abs().max(couplings.nu_tau.abs())),
                "must be 0 unless X is a vector or axial vector (only left-handed neutrinos are modelled)",
            ));
        }
        Ok(Mediator {
            spin,
            mass,
            couplings,
            dark: None,
            invisible_width: None,
        })
    }

    /// Adds a dark particle χ. Complex-scalar χ needs a vector X (its current is a vector
    /// current; for spin 0 the coupling would be dimensionful).
    pub fn with_dark_sector(mut self, dark: DarkSector) -> Result<Self> {
        if dark.kind() == ChiKind::ComplexScalar && self.spin != Spin::Vector {
            return Err(Error::out_of_range(
                "chi kind",
                dark.kind(),
                format!(
                    "a {} mediator accepts only dirac or majorana; complex-scalar needs a vector",
                    self.spin
                ),
            ));
        }
        self.dark = Some(dark);
        Ok(self)
    }

    /// Adds an invisible width Γ_inv (GeV, finite, ≥ 0) set by hand, e.g. for a dark sector
    /// not modelled here.
    pub fn with_invisible_width(mut self, width: f64) -> Result<Self> {
        non_negative("invisible width", width)?;
        self.invisible_width = (width > 0.0).then_some(width);
        Ok(self)
    }

    /// Spin–parity.
    pub fn spin(&self) -> Spin {
        self.spin
    }

    /// m_X in GeV.
    pub fn mass(&self) -> f64 {
        self.mass
    }

    /// The couplings to leptons.
    pub fn couplings(&self) -> &Couplings {
        &self.couplings
    }

    /// The dark particle χ, if any.
    pub fn dark_sector(&self) -> Option<&DarkSector> {
        self.dark.as_ref()
    }

    /// The invisible width set by hand (GeV), if any.
    pub fn invisible_width(&self) -> Option<f64> {
        self.invisible_width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_input() {
        let c = Couplings::muon_only(1e-3);
        for m in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e-20, 1e9] {
            let e = Mediator::new(Spin::Scalar, m, c).unwrap_err().to_string();
            assert!(e.contains("mass"), "{e}");
        }
        let e = Mediator::new(Spin::Vector, 0.1, Couplings::muon_only(f64::NAN))
            .unwrap_err()
            .to_string();
        assert!(e.contains("coupling to mu"), "{e}");
        let nu = Couplings {
            nu_mu: 1e-3,
            ..Couplings::default()
        };
        assert!(Mediator::new(Spin::Scalar, 0.1, nu).is_err());
        assert!(Mediator::new(Spin::Vector, 0.1, nu).is_ok());
        let x = Mediator::new(Spin::Scalar, 0.1, c).unwrap();
        let chi = DarkSector::new(0.01, 1.0, ChiKind::ComplexScalar).unwrap();
        assert!(x.clone().with_dark_sector(chi).is_err());
        assert!(x.clone().with_invisible_width(-1.0).is_err());
        assert!(x.with_invisible_width(f64::NAN).is_err());
        assert!(DarkSector::new(0.01, 0.0, ChiKind::Dirac).is_err());
        assert!(DarkSector::new(-0.01, 1.0, ChiKind::Dirac).is_err());
    }
}
