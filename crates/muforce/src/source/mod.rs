//! Muon sources: momentum spectra of the muons that reach a target.

mod spectrum;

pub use spectrum::MomentumSpectrum;
