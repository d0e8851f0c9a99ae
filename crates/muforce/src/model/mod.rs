//! Mediators: spin, mass and couplings of the force carrier X; its decays and its
//! contribution to (g−2)_μ.

mod couplings;
mod dark;
mod lepton;
mod mediator;
mod preset;
mod spin;

pub use couplings::{Couplings, MAX_COUPLING};
pub use dark::{ChiKind, DarkSector};
pub use lepton::{Lepton, Neutrino};
pub use mediator::{check_mass, Mediator, MAX_MASS_GEV, MIN_MASS_GEV};
pub use preset::Preset;
pub use spin::Spin;
