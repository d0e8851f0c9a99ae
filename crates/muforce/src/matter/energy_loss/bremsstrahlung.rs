//! Muon bremsstrahlung on nuclei and atomic electrons: Kelner, Kokoulin, Petrukhin.
//!
//! S. R. Kelner, R. P. Kokoulin, A. A. Petrukhin, preprint MEPhI 024-95 (1995) and Phys. Atom.
//! Nucl. 60 (1997) 576; summarised by D. E. Groom, N. V. Mokhov, S. I. Striganov, ADNDT 78
//! (2001) 183 (bremsstrahlung section). Equation numbers below refer to the KKP 1995 preprint
//! (as quoted in PROPOSAL's source).

use super::constants::{R_E_CM, SQRT_E};
use super::process::{check_energy, scale, Differential, Process, TOL_1D};
use super::radiation_logarithm::{radiation_logarithm, radiation_logarithm_inelastic};
use crate::error::Result;
use crate::matter::Material;
use crate::numerics::{try_integrate, Integral, Tolerance};
use crate::units::{ALPHA, AVOGADRO, M_E, M_MU};

/// Bremsstrahlung of the muon in the field of the nucleus (with atomic screening, nuclear
/// size and nuclear excitation) and of the atomic electrons.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bremsstrahlung;

/// Upper end of the atomic-electron (inelastic) term, KKP Eq. 26:
/// v ≤ m_e (E − M) / (E (E − p + m_e)).
fn v_max_on_electrons(energy_gev: f64) -> f64 {
    let p = ((energy_gev - M_MU) * (energy_gev + M_MU)).max(0.0).sqrt();
    M_E * (energy_gev - M_MU) / (energy_gev * (energy_gev - p + M_E))
}

/// The screening function Φ(δ) of KKP Eq. 2:
/// Φ = ln(M/δ) − ½ − Δ_a^el − Δ_n^el (1 − 1/Z) + Φ_a^in/Z, with the minimal momentum transfer δ = M² v/(2E(1 − v)) (Eq. 7), the elastic
/// atomic form factor Δ_a^el = ln(1 + m_e/(δ √e B Z^{−1/3})) (Eq. 14), the nuclear-size term
/// Δ_n^el = ln(D_n/(1 + δ(D_n √e − 2)/M)), D_n = 1.54 A^0.27 (Eq. 18), the nuclear-excitation
/// term taken equal to it (Eq. 28), and the atomic-electron term
/// Φ_a^in = ln(M/(δ(δM/m_e² + √e))) − ln(1 + m_e/(δ √e B′ Z^{−2/3})) (Eq. 26) below
/// [`v_max_on_electrons`].
fn screening(material: &Material, energy_gev: f64, v: f64) -> f64 {
    let z = material.z;
    let z13 = z.cbrt();
    let delta = M_MU * M_MU * v / (2.0 * energy_gev * (1.0 - v));
    let b = radiation_logarithm(z);
    let atomic_elastic = (M_E * z13 / (delta * SQRT_E * b)).ln_1p();
    let dn = 1.54 * material.a.powf(0.27);
    let nuclear = (dn / (1.0 + delta * (dn * SQRT_E - 2.0) / M_MU)).ln();
    let atomic_inelastic = if v < v_max_on_electrons(energy_gev) {
        let b_in = radiation_logarithm_inelastic(z);
        (M_MU / (delta * (delta * M_MU / (M_E * M_E) + SQRT_E))).ln()
            - (M_E * z13 * z13 / (delta * SQRT_E * b_in)).ln_1p()
    } else {
        0.0
    };
    let nuclear_inelastic = if z.round() as u32 == 1 { 0.0 } else { nuclear };
    (M_MU / delta).ln() - 0.5 - atomic_elastic - nuclear
        + (nuclear_inelastic + atomic_inelastic) / z
}

impl Process for Bremsstrahlung {
    fn name(&self) -> &'static str {
        "bremsstrahlung"
    }

    /// 0 < v < 1 − ¾ √e (M/E) Z^{1/3} (KKP 1995; as in PROPOSAL).
    fn limits(&self, material: &Material, energy_gev: f64) -> (f64, f64) {
        let v_max = 1.0 - 0.75 * SQRT_E * (M_MU / energy_gev) * material.z.cbrt();
        (0.0, v_max.max(0.0))
    }

    /// (N_A/A) dσ/dv = (N_A/A) α (2 Z r_e m_e/M)² (1/v) [(4/3)(1 − v) + v²] Φ(δ) in cm²/g
    /// (KKP 1995, Eq. 2); Φ as in [`screening`], floored at 0.
    fn differential(&self, material: &Material, energy_gev: f64, v: f64) -> Result<Differential> {
        let (_, v_max) = self.limits(material, energy_gev);
        if v <= 0.0 || v >= v_max {
            return Ok(Differential::exact(0.0));
        }
        let phi = screening(material, energy_gev, v).max(0.0);
        let pref = 2.0 * material.z * R_E_CM * M_E / M_MU;
        let value = AVOGADRO / material.a * ALPHA * pref * pref / v
            * ((4.0 / 3.0) * (1.0 - v) + v * v)
            * phi;
        Ok(Differential::exact(value))
    }

    /// E (N_A/A) ∫₀^{v_max} v dσ/dv dv in GeV cm²/g, integrated in v and split where the
    /// atomic-electron term ends.
    fn energy_loss(&self, material: &Material, energy_gev: f64) -> Result<Integral> {
        check_energy(energy_gev)?;
        let (_, v_max) = self.limits(material, energy_gev);
        if v_max <= 0.0 {
            return Ok(Integral {
                value: 0.0,
                error: 0.0,
                evaluations: 0,
            });
        }
        let f = |v: f64| Ok(v * self.differential(material, energy_gev, v)?.value);
        let tol = Tolerance::relative(TOL_1D).with_absolute(1e-16);
        let v_e = v_max_on_electrons(energy_gev);
        let b = if v_e > 0.0 && v_e < v_max {
            let low = try_integrate("bremsstrahlung loss", f, 0.0, v_e, tol)?;
            let high = try_integrate("bremsstrahlung loss", f, v_e, v_max, tol)?;
            Integral {
                value: low.value + high.value,
                error: low.error + high.error,
                evaluations: low.evaluations + high.evaluations,
            }
        } else {
            try_integrate("bremsstrahlung loss", f, 0.0, v_max, tol)?
        };
        Ok(scale(b, energy_gev))
    }
}
