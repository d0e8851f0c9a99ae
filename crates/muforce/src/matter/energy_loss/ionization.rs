//! Ionisation: the Bethe equation for a spin-½ projectile with the density effect, plus the
//! radiative correction for bremsstrahlung on atomic electrons (Kelner, Kokoulin, Petrukhin).

use super::constants::K_IONIZATION;
use super::process::{check_energy, scale, Differential, Process, TOL_1D};
use crate::error::Result;
use crate::matter::Material;
use crate::numerics::{integrate, Integral, Tolerance};
use crate::units::{ALPHA, M_E, M_MU};
use std::f64::consts::PI;

/// Ionisation of atoms by a muon (knock-on electrons included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ionization;

/// β², βγ, γ of a muon of total energy E.
fn kinematics(energy_gev: f64) -> (f64, f64, f64) {
    let p2 = (energy_gev - M_MU) * (energy_gev + M_MU);
    let beta2 = p2 / (energy_gev * energy_gev);
    (beta2, p2.max(0.0).sqrt() / M_MU, energy_gev / M_MU)
}

/// Largest energy transfer to a free electron (PDG Review "Passage of particles through
/// matter", Eq. 34.4): W_max = 2 m_e β²γ² / (1 + 2γ m_e/M + (m_e/M)²), in GeV.
pub fn max_energy_transfer_gev(energy_gev: f64) -> f64 {
    let (_, bg, gamma) = kinematics(energy_gev);
    let r = M_E / M_MU;
    2.0 * M_E * bg * bg / (1.0 + 2.0 * gamma * r + r * r)
}

/// The knock-on spectrum without radiative correction, (N_A/A) dσ/dv in cm²/g: PDG Eq. 34.8
/// with the spin-½ term of B. Rossi, "High-Energy Particles" (1952), ch. 2 Eq. 7,
/// (K Z/A)/(2β² E v²) [1 − β² v/v_max + ½ (v E/(E + M))²], in GeV⁻¹·GeV cm²/g·… = cm²/g.
fn knock_on(material: &Material, energy_gev: f64, v: f64, v_max: f64) -> f64 {
    let (beta2, _, gamma) = kinematics(energy_gev);
    let s = v / (1.0 + 1.0 / gamma);
    let shape = 1.0 - beta2 * v / v_max + 0.5 * s * s;
    K_IONIZATION * material.z / material.a / (2.0 * beta2 * energy_gev * v * v) * shape
}

/// The radiative correction factor to the knock-on spectrum from bremsstrahlung of the
/// muon–electron system: S. R. Kelner, R. P. Kokoulin, A. A. Petrukhin, Phys. Atom. Nucl. 60
/// (1997) 657, Eq. 30 (also Groom, Mokhov, Striganov, ADNDT 78 (2001) 183, section on electronic losses):
/// (α/2π) [ln(1 + 2vE/m_e) (2 ln((1 − v/v_max)/(1 − v)) + ln(2γ(1 − v) m_e/(M v)))
/// − ln²((1 − v/v_max)/(1 − v))].
pub fn radiative_correction(energy_gev: f64, v: f64, v_max: f64) -> f64 {
    let gamma = energy_gev / M_MU;
    let a = (2.0 * v * energy_gev / M_E).ln_1p();
    let b = ((1.0 - v / v_max) / (1.0 - v)).ln();
    let c = (2.0 * gamma * (1.0 - v) * M_E / (M_MU * v)).ln();
    ALPHA / (2.0 * PI) * (a * (2.0 * b + c) - b * b)
}

impl Ionization {
    /// The Bethe equation for a spin-½ projectile, ⟨−dE/dx⟩ in GeV cm²/g (PDG Eq. 34.5 with
    /// W_max of Eq. 34.4, δ of Eq. 34.7, and the spin-½ term ⅛ (W_max/(E + M))² of Rossi 1952,
    /// ch. 2; Groom et al. 2001 write ⅛ (W_max/E)², a difference < 10⁻⁴): K Z/A /β² [½ ln(2 m_e β²γ² W_max/I²) − β² − δ/2 + ⅛
    /// (W_max/(E+M))²]; zero where the bracket is negative (far below the Bethe range).
    pub fn bethe(material: &Material, energy_gev: f64) -> Result<f64> {
        check_energy(energy_gev)?;
        let (beta2, bg, _) = kinematics(energy_gev);
        let w_max = max_energy_transfer_gev(energy_gev).min(energy_gev - M_MU);
        let i_gev = material.mean_excitation_ev * 1e-9;
        let delta = material.density_effect().delta(bg);
        let spin = w_max / (energy_gev + M_MU);
        let bracket =
            0.5 * (2.0 * M_E * bg * bg * w_max / (i_gev * i_gev)).ln() - beta2 - 0.5 * delta
                + 0.125 * spin * spin;
        Ok((K_IONIZATION * material.z / material.a / beta2 * bracket).max(0.0))
    }

    /// The radiative correction to the ionisation loss in GeV cm²/g:
    /// E (N_A/A) ∫ v dσ/dv · [`radiative_correction`] dv over I/E < v < v_max (KKP 1997, Eq. 30;
    /// the lower end as in PROPOSAL), integrated in ln v.
    pub fn radiative_loss(material: &Material, energy_gev: f64) -> Result<Integral> {
        check_energy(energy_gev)?;
        let (v_min, v_max) = Ionization.limits(material, energy_gev);
        if v_max <= v_min {
            return Ok(Integral {
                value: 0.0,
                error: 0.0,
                evaluations: 0,
            });
        }
        let b = integrate(
            "radiative correction to ionisation",
            |t| {
                let v = t.exp();
                v * v
                    * knock_on(material, energy_gev, v, v_max)
                    * radiative_correction(energy_gev, v, v_max)
            },
            v_min.ln(),
            v_max.ln(),
            Tolerance::relative(TOL_1D).with_absolute(1e-12 / energy_gev),
        )?;
        Ok(scale(b, energy_gev))
    }
}

impl Process for Ionization {
    fn name(&self) -> &'static str {
        "ionization"
    }

    /// I/E < v < min(W_max/E, 1 − M/E) (PDG Eq. 34.4).
    fn limits(&self, material: &Material, energy_gev: f64) -> (f64, f64) {
        let v_min = material.mean_excitation_ev * 1e-9 / energy_gev;
        let v_max = (max_energy_transfer_gev(energy_gev) / energy_gev).min(1.0 - M_MU / energy_gev);
        (v_min, v_max.max(v_min))
    }

    /// The knock-on spectrum (PDG Eq. 34.8, Rossi's spin-½ term) times (1 + the KKP radiative
    /// correction); meaningful for transfers well above the atomic binding energies.
    fn differential(&self, material: &Material, energy_gev: f64, v: f64) -> Result<Differential> {
        let (v_min, v_max) = self.limits(material, energy_gev);
        if v <= v_min || v >= v_max {
            return Ok(Differential::exact(0.0));
        }
        let value = knock_on(material, energy_gev, v, v_max)
            * (1.0 + radiative_correction(energy_gev, v, v_max));
        Ok(Differential::exact(value.max(0.0)))
    }

    /// Bethe (with density effect and spin-½ term) plus the radiative correction, GeV cm²/g.
    fn energy_loss(&self, material: &Material, energy_gev: f64) -> Result<Integral> {
        let bethe = Self::bethe(material, energy_gev)?;
        let radiative = Self::radiative_loss(material, energy_gev)?;
        Ok(Integral {
            value: bethe + radiative.value,
            error: radiative.error + bethe * f64::EPSILON * 16.0,
            evaluations: radiative.evaluations,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matter::energy_loss::MEV_PER_GEV;

    /// PDG "Atomic and nuclear properties" (muon tables after Groom et al. 2001), copper:
    /// minimum ionisation 1.403 MeV cm²/g at βγ ≈ 3.3 (p ≈ 0.35 GeV).
    #[test]
    fn minimum_ionization_of_copper() {
        let cu = Material::built_in("Cu").unwrap();
        let min = (0..200)
            .map(|i| {
                let p = 0.2 + 0.002 * f64::from(i);
                Ionization::bethe(&cu, (p * p + M_MU * M_MU).sqrt()).unwrap() * MEV_PER_GEV
            })
            .fold(f64::INFINITY, f64::min);
        assert!((min / 1.403 - 1.0).abs() < 0.005, "{min}");
    }

    /// W_max → E for E ≫ M²/m_e and the spectrum vanishes outside its limits.
    #[test]
    fn limits_and_spectrum() {
        let fe = Material::built_in("Fe").unwrap();
        assert!((max_energy_transfer_gev(1e5) / 1e5 - 1.0).abs() < 0.03);
        let (lo, hi) = Ionization.limits(&fe, 150.0);
        assert!(lo < 1e-8 && (0.9..0.95).contains(&hi), "{lo} {hi}");
        assert_eq!(Ionization.dsigma_dv(&fe, 150.0, 0.99).unwrap(), 0.0);
        assert!(Ionization.dsigma_dv(&fe, 150.0, 0.1).unwrap() > 0.0);
        assert!(Ionization.dsigma_dv(&fe, 150.0, 1.5).is_err());
    }
}
