//! Targets: materials, nuclear and atomic form factors, and the photon flux.

mod form_factor;
mod material;

pub use form_factor::{FormFactor, FormFactorModel};
pub use material::{Material, MaterialTable};
