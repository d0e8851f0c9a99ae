//! Experiments: descriptions (TOML), detector response and the pieces of their analyses.

pub mod description;
pub mod missing_momentum;
mod momentum_resolution;
mod resolution;

pub use description::{builtin, builtin_names, Experiment};
pub use momentum_resolution::MomentumResolution;
pub use resolution::GaussianMixture;
