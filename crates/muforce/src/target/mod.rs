//! Targets: materials, nuclear and atomic form factors, and the photon flux.

mod form_factor;
mod material;
mod slab;

pub use form_factor::{FormFactor, FormFactorModel};
pub use material::{Material, MaterialTable};
pub use slab::Slab;
