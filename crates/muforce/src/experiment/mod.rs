//! Experiments: detector response and the pieces of their analyses.

mod resolution;

pub use resolution::GaussianMixture;
