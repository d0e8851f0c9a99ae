//! Mean energy loss of muons in matter, ⟨−dE/dx⟩(E), by process, and muon transport through
//! thick targets.
//!
//! One file per process, each implementing [`Process`] (kinematic limits and (N_A/A) dσ/dv):
//! [`Ionization`] (Bethe with density effect, spin-½ term and the KKP radiative correction),
//! [`Bremsstrahlung`] (Kelner–Kokoulin–Petrukhin), [`PairProduction`] (Kokoulin–Petrukhin with
//! atomic electrons), [`Photonuclear`] (ALLM97 with Butkevich–Mikheyev shadowing). These are
//! the parametrisations of PROPOSAL's standard muon cross sections (Koehne et al., Comput.
//! Phys. Commun. 184 (2013) 2070) and of Groom, Mokhov, Striganov, ADNDT 78 (2001) 183.
//! Energies in GeV; losses per unit mass thickness in GeV cm²/g unless a name says otherwise.

mod bremsstrahlung;
mod constants;
mod ionization;
mod loss;
mod model;
mod pair_production;
mod photonuclear;
mod process;
mod radiation_logarithm;
mod structure_function;
mod table;
mod transport;

pub use bremsstrahlung::Bremsstrahlung;
pub use constants::MEV_PER_GEV;
pub use ionization::{max_energy_transfer_gev, radiative_correction, Ionization};
pub use loss::{mean_energy_loss, EnergyLoss, Estimate};
pub use model::EnergyLossModel;
pub use pair_production::{atomic_electron_factor, PairProduction};
pub use photonuclear::Photonuclear;
pub use process::{check_energy, spectrum_moment, Differential, Process, MAX_ENERGY_GEV};
pub use radiation_logarithm::{radiation_logarithm, radiation_logarithm_inelastic};
pub use structure_function::{
    f2_proton_allm97, neutron_to_proton, nucleon_mass, shadowing_butkevich_mikheyev,
    woods_saxon_factor, Shadowing,
};
pub use table::{EnergyLossTable, TABLE_MIN_KINETIC_GEV};
pub use transport::{MuonTransport, TransportResult};
