//! Physical constants (PDG 2024 / CODATA 2018) and unit conversions.
//!
//! Natural units inside the library: ħ = c = 1, energies, momenta and masses in GeV,
//! lengths in GeV⁻¹ and cross sections in GeV⁻². Conversions happen at the edges with the
//! functions below; names carry their unit where it is not GeV.

/// Fine-structure constant α(0) (CODATA 2018).
pub const ALPHA: f64 = 1.0 / 137.035_999_084;
/// Electron mass in GeV (PDG).
pub const M_E: f64 = 0.510_998_950e-3;
/// Muon mass in GeV (PDG).
pub const M_MU: f64 = 0.105_658_375_5;
/// Tau mass in GeV (PDG).
pub const M_TAU: f64 = 1.776_86;
/// Proton mass in GeV (PDG).
pub const M_P: f64 = 0.938_272_088;
/// Charged-kaon mass in GeV (PDG).
pub const M_K: f64 = 0.493_677;
/// Proton magnetic moment in nuclear magnetons (PDG).
pub const MU_P: f64 = 2.792_847_34;
/// Atomic mass unit in GeV (CODATA 2018).
pub const ATOMIC_MASS_UNIT_GEV: f64 = 0.931_494_102_42;
/// Atomic mass unit in grams (CODATA 2018).
pub const ATOMIC_MASS_UNIT_G: f64 = 1.660_539_066_60e-24;
/// Avogadro constant in mol⁻¹ (exact, SI 2019).
pub const AVOGADRO: f64 = 6.022_140_76e23;
/// Fermi constant in GeV⁻² (PDG).
pub const G_FERMI: f64 = 1.166_378_8e-5;

/// ħc in GeV·m (CODATA 2018).
pub const HBAR_C_GEV_M: f64 = 1.973_269_804e-16;
/// ħ in GeV·s (CODATA 2018).
pub const HBAR_GEV_S: f64 = 6.582_119_569e-25;
/// (ħc)² in GeV²·pb: 1 GeV⁻² = 0.389 379 372 1 mb (PDG).
pub const GEV2_PB: f64 = 3.893_793_721e8;
/// 1 pb in cm².
pub const PB_CM2: f64 = 1e-36;
/// 1 nb⁻¹ in cm⁻².
pub const INV_NB_CM2: f64 = 1e33;
/// 1 fb⁻¹ in cm⁻².
pub const INV_FB_CM2: f64 = 1e39;
/// 1 ab⁻¹ in cm⁻².
pub const INV_AB_CM2: f64 = 1e42;

/// Converts a cross section from GeV⁻² to pb.
///
/// ```
/// use muforce::units::{gev2_to_pb, pb_to_gev2};
/// // PDG "Physical constants": (ħc)² = 0.389 379 4 GeV² mb, i.e. 1 GeV⁻² = 0.3894e9 pb.
/// assert!((gev2_to_pb(1.0) / 0.389_379_4e9 - 1.0).abs() < 1e-6);
/// assert!((pb_to_gev2(gev2_to_pb(2.5e-3)) / 2.5e-3 - 1.0).abs() < 1e-15);
/// ```
pub fn gev2_to_pb(sigma_gev2: f64) -> f64 {
    sigma_gev2 * GEV2_PB
}

/// Converts a cross section from pb to GeV⁻².
pub fn pb_to_gev2(sigma_pb: f64) -> f64 {
    sigma_pb / GEV2_PB
}

/// Converts a cross section from GeV⁻² to cm².
pub fn gev2_to_cm2(sigma_gev2: f64) -> f64 {
    sigma_gev2 * GEV2_PB * PB_CM2
}

/// Converts a cross section from pb to cm².
pub fn pb_to_cm2(sigma_pb: f64) -> f64 {
    sigma_pb * PB_CM2
}

/// Converts an integrated luminosity from nb⁻¹ to cm⁻².
pub fn inv_nb_to_cm2(lumi_inv_nb: f64) -> f64 {
    lumi_inv_nb * INV_NB_CM2
}

/// Converts an integrated luminosity from cm⁻² to nb⁻¹.
pub fn cm2_to_inv_nb(lumi_cm2: f64) -> f64 {
    lumi_cm2 / INV_NB_CM2
}

/// Converts a length from GeV⁻¹ to metres (× ħc).
///
/// ```
/// use muforce::units::{inv_gev_to_m, m_to_inv_gev};
/// // PDG "Physical constants": ħc = 197.326 980 4 MeV fm, so 1 GeV⁻¹ = 0.197 327 fm.
/// assert!((inv_gev_to_m(1.0) / 0.197_326_980_4e-15 - 1.0).abs() < 1e-9);
/// assert!((m_to_inv_gev(inv_gev_to_m(7.0)) - 7.0).abs() < 1e-12);
/// ```
pub fn inv_gev_to_m(length_inv_gev: f64) -> f64 {
    length_inv_gev * HBAR_C_GEV_M
}

/// Converts a length from metres to GeV⁻¹ (÷ ħc).
pub fn m_to_inv_gev(length_m: f64) -> f64 {
    length_m / HBAR_C_GEV_M
}

/// Converts a width in GeV to a lifetime in seconds (τ = ħ/Γ).
///
/// The muon lifetime from G_F and m_μ checks the constants of this module together:
/// Γ_μ = G_F² m_μ⁵/(192π³) (1 − 8m_e²/m_μ²) [1 + (α/2π)(25/4 − π²)] (PDG Review "Electroweak
/// model and constraints on new physics", muon decay, phase-space and QED corrections) must
/// give the measured τ_μ = 2.196 981 1 μs (PDG) to the size of the neglected O(α²) terms.
///
/// ```
/// use muforce::units::{width_to_lifetime_s, ALPHA, G_FERMI, M_E, M_MU};
/// use std::f64::consts::PI;
/// let tree = G_FERMI.powi(2) * M_MU.powi(5) / (192.0 * PI.powi(3));
/// let phase_space = 1.0 - 8.0 * (M_E / M_MU).powi(2);
/// let qed = 1.0 + ALPHA / (2.0 * PI) * (25.0 / 4.0 - PI * PI);
/// let tau = width_to_lifetime_s(tree * phase_space * qed);
/// assert!((tau / 2.196_981_1e-6 - 1.0).abs() < 1e-4, "{tau:e}");
/// ```
pub fn width_to_lifetime_s(width_gev: f64) -> f64 {
    HBAR_GEV_S / width_gev
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PDG "Physical constants" table: 1 GeV⁻² = 0.3894 mb and ħc = 197.327 MeV fm.
    #[test]
    fn conversions_match_pdg_table() {
        assert!((gev2_to_pb(1.0) / 0.389_379_372_1e9 - 1.0).abs() < 1e-9);
        assert!((gev2_to_cm2(1.0) / 0.389_379_372_1e-27 - 1.0).abs() < 1e-9);
        assert!((inv_gev_to_m(1.0) / 0.197_326_980_4e-15 - 1.0).abs() < 1e-9);
        assert!((pb_to_gev2(gev2_to_pb(2.5)) - 2.5).abs() < 1e-15);
        assert!((inv_nb_to_cm2(65.0) - 6.5e34).abs() < 1e20);
        // ħ = ħc / c with c = 299 792 458 m/s.
        assert!((HBAR_C_GEV_M / 299_792_458.0 / HBAR_GEV_S - 1.0).abs() < 1e-8);
    }
}
