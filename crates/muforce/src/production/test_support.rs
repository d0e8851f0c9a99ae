//! Shared fixtures of the production tests.

use crate::matter::{FormFactorModel, Material};
use crate::model::Spin;
use crate::production::Process;

/// The REFERENCE §8 target: copper-63 (Z = 29, A = 63), full form factor, coupling g.
pub(crate) fn copper(spin: Spin, mass_gev: f64, coupling: f64) -> Process {
    let cu = Material::built_in("copper-63").unwrap();
    Process::new(spin, mass_gev, coupling, &cu, FormFactorModel::Full).unwrap()
}

/// |a/b − 1|.
pub(crate) fn rel_diff(a: f64, b: f64) -> f64 {
    (a / b - 1.0).abs()
}
