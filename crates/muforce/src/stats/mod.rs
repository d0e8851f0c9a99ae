//! Statistics shared by every experiment: binned Poisson likelihoods with asymptotic
//! profile-likelihood and CLs limits, and classical Poisson counting limits.

mod binned;
mod counting;
mod counting_bands;
mod profile;
mod workspace;

pub use binned::{BinnedLikelihood, LimitMethod, BANDS};
pub use counting::{poisson_upper_limit, zero_background_limit};
pub use counting::{poisson_upper_limit_with_uncertainties, MAX_CLASSICAL_COUNT, MAX_HYBRID_COUNT};
pub use counting_bands::{counting_band_limit, counting_bands};
pub use profile::{Systematics, MAX_REL_UNCERTAINTY};
pub use workspace::MU_UPPER_BOUND;
