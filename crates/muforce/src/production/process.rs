//! The production process μ N → μ N X for one mediator and one target.

use crate::error::{positive, Result};
use crate::matter::{FormFactor, FormFactorModel, Material};
use crate::model::Spin;

/// Everything the cross section needs besides the beam energy and the cuts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Process {
    /// Spin–parity of X.
    pub spin: Spin,
    /// Mass of X in GeV.
    pub mass_gev: f64,
    /// Coupling of X to muons (cross sections scale as its square).
    pub coupling: f64,
    /// Atomic number of the target.
    pub z: f64,
    /// Nucleus mass in GeV.
    pub nucleus_mass_gev: f64,
    /// The target's form factor G₂(t).
    pub form_factor: FormFactor,
}

impl Process {
    /// Builds the process after checking the mass (> 0) and coupling (> 0, finite).
    pub fn new(
        spin: Spin,
        mass_gev: f64,
        coupling: f64,
        material: &Material,
        form_factor: FormFactorModel,
    ) -> Result<Self> {
        positive("mass", mass_gev)?;
        positive("coupling", coupling)?;
        material.validate()?;
        Ok(Process {
            spin,
            mass_gev,
            coupling,
            z: material.z,
            nucleus_mass_gev: material.nucleus_mass_gev(),
            form_factor: FormFactor::new(material, form_factor),
        })
    }
}
