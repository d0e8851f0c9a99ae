//! Experiments: descriptions (TOML), detector response and the pieces of their analyses.

pub mod beam_dump;
pub mod description;
pub mod missing_momentum;
mod momentum_resolution;
mod resolution;
pub mod scan;
pub mod vary;

pub use description::{
    builtin, builtin_description, builtin_names, builtin_text, Description, Experiment,
};
pub use momentum_resolution::MomentumResolution;
pub use resolution::GaussianMixture;
