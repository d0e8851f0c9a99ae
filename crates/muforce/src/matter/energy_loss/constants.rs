//! Constants of the energy-loss formulas that `units` does not carry (PDG 2024, CODATA 2018).

/// Classical electron radius r_e in cm (CODATA 2018).
pub const R_E_CM: f64 = 2.817_940_326_2e-13;
/// K = 4π N_A r_e² m_e c² in GeV cm²/mol (PDG Review "Passage of particles through matter",
/// Table 34.1: 0.307 075 MeV mol⁻¹ cm²).
pub const K_IONIZATION: f64 = 0.307_075e-3;
/// Charged-pion mass in GeV (PDG).
pub const M_PI_CHARGED: f64 = 0.139_570_39;
/// Neutron mass in GeV (PDG).
pub const M_N: f64 = 0.939_565_420_5;
/// √e.
pub const SQRT_E: f64 = 1.648_721_270_700_128;
/// Riemann ζ(3).
pub const ZETA_3: f64 = 1.202_056_903_159_594;
/// GeV → MeV.
pub const MEV_PER_GEV: f64 = 1e3;
