//! Statistics shared by every experiment: binned Poisson likelihoods with asymptotic
//! profile-likelihood and CLs limits, and classical Poisson counting limits.

mod binned;
mod counting;

pub use binned::{BinnedLikelihood, LimitMethod};
pub use counting::{poisson_upper_limit, zero_background_limit};
