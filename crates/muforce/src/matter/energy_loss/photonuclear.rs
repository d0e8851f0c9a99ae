//! Photonuclear (inelastic nuclear) interactions of muons: the Q² integral of the ALLM97
//! structure function with Butkevich–Mikheyev shadowing.
//!
//! Cross section: S. I. Dutta, M. H. Reno, I. Sarcevic, D. Seckel, Phys. Rev. D 63 (2001)
//! 094020, Eqs. 3.4 and 3.11 (R = 0); structure function and shadowing in
//! [`super::structure_function`]. This is PROPOSAL's default muon photonuclear model
//! (`PhotoAbramowiczLevinLevyMaor97` with `ShadowButkevichMikheyev`).

use super::constants::{M_PI_CHARGED, R_E_CM};
use super::process::{scale, spectrum_moment, Differential, Process};
use super::structure_function::{f2_proton_allm97, neutron_to_proton, nucleon_mass, Shadowing};
use crate::error::Result;
use crate::matter::Material;
use crate::numerics::{integrate, Integral, Tolerance};
use crate::units::{AVOGADRO, M_E, M_MU};
use std::f64::consts::PI;

/// Relative tolerance of the Q² integrals (the model itself is good to ~10 %).
const TOL_INNER_PHOTONUCLEAR: f64 = 1e-4;
/// Relative tolerance of the v integral of the loss.
const TOL_OUTER_PHOTONUCLEAR: f64 = 1e-4;

/// Inelastic muon–nucleus scattering through a virtual photon.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Photonuclear;

/// d²σ/(dv dQ²) per nucleus in cm²/GeV² (Dutta et al. 2001, Eq. 3.4 with R = 0, α written as
/// m_e r_e in GeV·cm):
/// 4π α² F₂^A/(Q⁴ v) [1 − v − M x v/(2E) + (1 − 2m_μ²/Q²) v² (1 + 4M²x²/Q²)/2],
/// F₂^A = G(x, ν) [Z + (A − Z) P(x)] F₂ᵖ(x, Q²) (Eq. 3.11), x = Q²/(2Mν), ν = vE.
fn double_differential(
    material: &Material,
    shadowing: &Shadowing,
    energy_gev: f64,
    v: f64,
    q2: f64,
) -> f64 {
    let m = nucleon_mass(material.z, material.a);
    let nu = v * energy_gev;
    let x = q2 / (2.0 * m * nu);
    if x >= 1.0 {
        return 0.0;
    }
    let w2_minus_m2 = 2.0 * m * nu - q2;
    let f2 = f2_proton_allm97(x, q2, w2_minus_m2)
        * shadowing.at(x)
        * (material.z + (material.a - material.z) * neutron_to_proton(x));
    let alpha_cm = M_E * R_E_CM / q2;
    let bracket = 1.0 - v - m * x * v / (2.0 * energy_gev)
        + (1.0 - 2.0 * M_MU * M_MU / q2) * v * v * (1.0 + 4.0 * m * m * x * x / q2) / 2.0;
    (4.0 * PI * alpha_cm * alpha_cm * f2 / v * bracket).max(0.0)
}

impl Process for Photonuclear {
    fn name(&self) -> &'static str {
        "photonuclear"
    }

    /// (m_π + m_π²/(2M))/E < v < 1 − M(1 + m_μ²/M²)/(2E), M the nucleon mass (PROPOSAL's
    /// limits).
    fn limits(&self, material: &Material, energy_gev: f64) -> (f64, f64) {
        let m = nucleon_mass(material.z, material.a);
        let v_min = (M_PI_CHARGED + M_PI_CHARGED * M_PI_CHARGED / (2.0 * m)) / energy_gev;
        let r = M_MU / m;
        let v_max = 1.0 - m * (1.0 + r * r) / (2.0 * energy_gev);
        (v_min, v_max.max(v_min))
    }

    /// (N_A/A) ∫ d²σ/(dv dQ²) dQ² over m_μ²v²/(1 − v) − m_μ⁴/(2E²(1 − v)) < Q² < 2ME(v − v_min),
    /// integrated in ln Q², in cm²/g.
    fn differential(&self, material: &Material, energy_gev: f64, v: f64) -> Result<Differential> {
        let (v_min, v_max) = self.limits(material, energy_gev);
        if v <= v_min || v >= v_max {
            return Ok(Differential::exact(0.0));
        }
        let m = nucleon_mass(material.z, material.a);
        let mm = M_MU * M_MU;
        let q2_min = mm * v * v / (1.0 - v) - (mm / energy_gev).powi(2) / (2.0 * (1.0 - v));
        let q2_max = 2.0 * m * energy_gev * (v - v_min);
        if q2_min <= 0.0 || q2_max <= q2_min {
            return Ok(Differential::exact(0.0));
        }
        // Split where the shadowing function changes form, so each piece is smooth.
        let two_m_nu = 2.0 * m * v * energy_gev;
        let shadowing = Shadowing::new(material.z, material.a, v * energy_gev);
        let mut edges = vec![q2_min];
        for x in shadowing.break_points() {
            let q2 = two_m_nu * x;
            if q2 > *edges.last().unwrap_or(&q2_min) && q2 < q2_max {
                edges.push(q2);
            }
        }
        edges.push(q2_max);
        let mut r = Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        };
        for pair in edges.windows(2) {
            let piece = integrate(
                "photonuclear Q2 integral",
                |t| {
                    let q2 = t.exp();
                    q2 * double_differential(material, &shadowing, energy_gev, v, q2)
                },
                pair[0].ln(),
                pair[1].ln(),
                Tolerance::relative(TOL_INNER_PHOTONUCLEAR).with_absolute(1e-45),
            )?;
            r.value += piece.value;
            r.error += piece.error;
            r.evaluations += piece.evaluations;
        }
        let norm = AVOGADRO / material.a;
        Ok(Differential {
            value: norm * r.value,
            error: norm * r.error,
        })
    }

    /// E (N_A/A) ∫∫ v d²σ/(dv dQ²) dQ² dv in GeV cm²/g; the v integral runs in ln v.
    fn energy_loss(&self, material: &Material, energy_gev: f64) -> crate::error::Result<Integral> {
        let b = spectrum_moment(
            self,
            material,
            energy_gev,
            0.0,
            1.0,
            1,
            TOL_OUTER_PHOTONUCLEAR,
        )?;
        Ok(scale(b, energy_gev))
    }
}
