//! K⁺ → μ⁺νX: rates, the radiative K⁺ → μ⁺νγ background, NA62-style invisible-search
//! statistics and published limits (REFERENCE §7; NA62 slides "Probing muonic forces at NA62"
//! after Krnjaic, Marques-Tavares, Redigolo, Tobioka, arXiv:1902.07715; NA62,
//! Phys. Lett. B 816 (2021) 136259).
//!
//! One job per file: [`KaonModel`] names the mediator models, `kinematics` holds the Dalitz
//! limits, `matrix_element` the squared amplitudes, `rate` the normalised rates, `background`
//! the K⁺ → μ⁺ν plus
//! K⁺ → μ⁺νγ missing-mass background (`radiative`: the IB spectrum and photon veto,
//! `resolution`: the K⁺ → μ⁺ν peak), `search` the cut-and-count and likelihood
//! reach, and `published` the NA62 2021 limits and their conversion to couplings. The visible
//! search K⁺ → μ⁺ν(X → μ⁺μ⁻): `three_muon` (the K⁺ → μ⁺νμ⁺μ⁻ background), `dimuon_events`
//! (seeded weighted events), `x_decay` (X widths, boosts, decay probabilities), `geometry`
//! (the NA62 decay volume) and `visible`; `reach` the reach table of a `kaon` experiment file
//! (its figures are drawn by the `muforce_plot` crate).

mod background;
mod channel;
mod dimuon_events;
mod geometry;
mod kinematics;
mod matrix_element;
mod observed;
mod published;
mod radiative;
mod rate;
mod reach;
mod resolution;
mod search;
mod three_muon;
mod visible;
mod x_decay;

pub use background::{BackgroundModel, GTK_FACTOR, L1_CUT_M2};
pub use channel::KaonModel;
pub use kinematics::{check_x_mass, is_physical, kallen, s12_range, s23_range, MAX_X_MASS};
pub use matrix_element::{reduced_amplitude_squared, reduced_amplitude_squared_with_scale};
pub use observed::{pseudo_data, ObservedHistogram, OBSERVED_HEADER};
pub use published::{
    branching_ratio_per_g2, coupling_from_br_limit, coupling_limits, parse_br_limits, BrLimit,
    CouplingLimit,
};
pub use radiative::{
    ib_density, ib_fraction_above, ib_missing_mass_density, ib_photon_spectrum, soft_photon_limit,
    PhotonVeto,
};
pub use rate::{
    kaon_rate, kaon_width, ratio_density, ratio_in_window, total_ratio, width_k_mu_nu, KaonRate,
    BR_K_MU_NU, F_K, TAU_K_S, V_US,
};
pub use resolution::{MissingMassResolution, MomentumResolution};
pub use search::{
    required_signal, Exposure, InvisibleSearch, ReachPoint, SearchCounts, LIKELIHOOD_CRITERION,
};

pub use dimuon_events::{
    generate, momentum, signal_boost_events, signal_boosts, DimuonEvent, Source, XBoost, P4,
};
pub use geometry::DecayVolume;
pub(crate) use reach::boost_seed;
pub use reach::{
    invisible_interval, model_spin, reach_table, reach_table_with, visible_interval, workspaces,
    InvisibleStatistic, KaonExperiment, KaonScenario, KaonSearch,
};
pub use three_muon::{
    dalitz_area, kroll_wada, kroll_wada_integral, pair_mass_density, pair_mass_normalisation,
    pair_mass_weight, BR_K_3MU_NU, DIMUON_THRESHOLD,
};
pub use visible::{
    dimuon_relative_resolution, pair_mass_resolution, ResolvedPairs, VisibleCounts, VisibleSearch,
};
pub use x_decay::{decay_table, dimuon_branching, preset, BoostSpectrum, XInVolume};

#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod visible_tests;
