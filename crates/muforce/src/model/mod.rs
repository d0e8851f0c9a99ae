//! Mediators: spin, mass and couplings of the force carrier X.

mod spin;

pub use spin::Spin;
