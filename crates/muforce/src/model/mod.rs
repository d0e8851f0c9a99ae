//! Mediators: spin, mass and couplings of the force carrier X; its decays and its
//! contribution to (g−2)_μ.

mod channel;
mod couplings;
mod dark;
mod decay;
mod era;
mod g2_band;
mod g_minus_2;
mod lepton;
mod loop_function;
mod mediator;
mod preset;
mod spin;
mod width;

pub use channel::Channel;
pub use couplings::{Couplings, MAX_COUPLING};
pub use dark::{ChiKind, DarkSector};
pub use decay::{decay_probability, DecayTable};
pub use era::{Era, ERAS};
pub use g2_band::{g2_band, G2Band};
pub use g_minus_2::{check_coupling, delta_a_mu, delta_a_mu_unit, DeltaAMu};
pub use lepton::{Lepton, Neutrino};
pub use loop_function::{f_tau, pseudoscalar_amplitude, scalar_amplitude};
pub use mediator::{check_mass, Mediator, MAX_MASS_GEV, MIN_MASS_GEV};
pub use preset::Preset;
pub use spin::Spin;
pub use width::{open_widths, partial_width};
