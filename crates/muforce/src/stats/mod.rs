//! Statistics shared by every experiment: binned Poisson likelihoods with asymptotic
//! profile-likelihood and CLs limits, and classical Poisson counting limits.

mod binned;
mod counting;
mod profile;

pub use binned::{BinnedLikelihood, LimitMethod, BANDS};
pub use counting::{poisson_upper_limit, zero_background_limit};
pub use profile::{Systematics, MAX_REL_UNCERTAINTY};
