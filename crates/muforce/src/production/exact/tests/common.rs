//! Shared test fixtures.

use crate::matter::{FormFactorModel, Material};
use crate::model::Spin;
use crate::production::Process;

/// The process of REFERENCE §8: Cu with Z = 29, A = 63 and the full form factor.
pub fn copper(spin: Spin, mass: f64) -> Process {
    let material = Material::built_in("copper-63").unwrap();
    Process::new(spin, mass, 1.0, &material, FormFactorModel::Full).unwrap()
}

/// Lead with the full form factor.
pub fn lead(spin: Spin, mass: f64) -> Process {
    let material = Material::built_in("lead").unwrap();
    Process::new(spin, mass, 1.0, &material, FormFactorModel::Full).unwrap()
}

/// Tungsten with the full form factor.
pub fn tungsten(spin: Spin, mass: f64) -> Process {
    let material = Material::built_in("tungsten").unwrap();
    Process::new(spin, mass, 1.0, &material, FormFactorModel::Full).unwrap()
}

/// Aluminium with the full form factor.
pub fn aluminium(spin: Spin, mass: f64) -> Process {
    let material = Material::built_in("aluminium").unwrap();
    Process::new(spin, mass, 1.0, &material, FormFactorModel::Full).unwrap()
}
