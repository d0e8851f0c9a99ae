//! Matter the muons cross: target materials, nuclear and atomic form factors, the photon flux,
//! and muon energy loss. (Named `matter`, not `target`, so that no source folder shares its
//! name with Cargo's build directory.)

mod density_effect;
pub mod energy_loss;
mod form_factor;
mod material;
mod slab;

pub use density_effect::Sternheimer;
pub use form_factor::{FormFactor, FormFactorModel};
pub use material::{Material, MaterialTable};
pub use slab::Slab;
