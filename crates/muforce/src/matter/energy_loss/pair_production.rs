//! Direct e⁺e⁻ pair production by muons: Kokoulin–Petrukhin with the atomic-electron term of
//! Kelner, Kokoulin, Petrukhin.
//!
//! R. P. Kokoulin, A. A. Petrukhin, Proc. 12th ICCR (Hobart 1971) 6, 2436; Groom, Mokhov,
//! Striganov, ADNDT 78 (2001) 183 (pair-production section); atomic electrons: S. R. Kelner,
//! R. P. Kokoulin, A. A. Petrukhin, Phys. Atom. Nucl. 61 (1998) 448. The double integral over
//! v and the pair asymmetry ρ = (ε₊ − ε₋)/(ε₊ + ε₋) follows PROPOSAL's
//! `EpairKelnerKokoulinPetrukhin` (Koehne et al., Comput. Phys. Commun. 184 (2013) 2070).

use super::constants::{R_E_CM, SQRT_E};
use super::process::{spectrum_moment, Differential, Process, TOL_INNER, TOL_OUTER};
use super::radiation_logarithm::radiation_logarithm;
use crate::error::Result;
use crate::matter::Material;
use crate::numerics::{integrate, Integral, Tolerance};
use crate::units::{ALPHA, AVOGADRO, M_E, M_MU};
use std::f64::consts::PI;

/// e⁺e⁻ pair production in the field of the nucleus and of the atomic electrons.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairProduction;

/// The effective number of atomic electrons ζ(E) that adds to Z in Z(Z + ζ)
/// (KKP 1998; Groom et al. 2001, pair-production section):
/// ζ = [0.073 ln((E/M)/(1 + γ₁ Z^{2/3} E/M)) − 0.26] / [0.058 ln((E/M)/(1 + γ₂ Z^{1/3} E/M)) − 0.14],
/// γ₁ = 1.95·10⁻⁵, γ₂ = 5.3·10⁻⁵ (4.4·10⁻⁵, 4.8·10⁻⁵ for hydrogen); 0 where either bracket ≤ 0.
pub fn atomic_electron_factor(z: f64, energy_gev: f64) -> f64 {
    let (g1, g2) = if z.round() as u32 == 1 {
        (4.4e-5, 4.8e-5)
    } else {
        (1.95e-5, 5.3e-5)
    };
    let e = energy_gev / M_MU;
    let z13 = z.cbrt();
    let num = 0.073 * (e / (1.0 + g1 * z13 * z13 * e)).ln() - 0.26;
    let den = 0.058 * (e / (1.0 + g2 * z13 * e)).ln() - 0.14;
    if num > 0.0 && den > 0.0 {
        num / den
    } else {
        0.0
    }
}

/// Everything about one (material, E) that the ρ integrand needs.
struct Setup {
    z13: f64,
    b: f64,
    energy: f64,
    /// 2/(3π) · 2 Z (Z + ζ) (α r_e)² N_A/A: the prefactor for ρ ∈ [0, ρ_max] (the
    /// spectrum is even in ρ).
    norm: f64,
}

impl Setup {
    fn new(material: &Material, energy_gev: f64) -> Self {
        let z = material.z;
        let zeta = atomic_electron_factor(z, energy_gev);
        let are = ALPHA * R_E_CM;
        Setup {
            z13: z.cbrt(),
            b: radiation_logarithm(z),
            energy: energy_gev,
            norm: 2.0 / (3.0 * PI) * 2.0 * z * (z + zeta) * are * are * AVOGADRO / material.a,
        }
    }

    /// (N_A/A) d²σ/(dv dρ) for ρ ≥ 0 (Kokoulin–Petrukhin 1971 as written in Groom et al. 2001, pair-production section):
    /// (2/(3π)) Z(Z + ζ)(α r_e)² ((1 − v)/v) [Φ_e + (m_e/M)² Φ_μ] (times 2 for ±ρ), with
    /// β = v²/(2(1 − v)), ξ = (Mv/(2m_e))² (1 − ρ²)/(1 − v) and the Y, L, Φ functions of KKP;
    /// Φ_e, Φ_μ are set to zero where their logarithms L_e, L_μ are negative.
    fn integrand(&self, v: f64, rho: f64) -> f64 {
        let r2 = rho * rho;
        let one_minus_r2 = 1.0 - r2;
        if one_minus_r2 <= 0.0 {
            return 0.0;
        }
        let beta = v * v / (2.0 * (1.0 - v));
        let s = M_MU * v / (2.0 * M_E);
        let xi = s * s * one_minus_r2 / (1.0 - v);
        let bz = self.b / self.z13;
        // Y_e, Y_μ.
        let y_e = (5.0 - r2 + 4.0 * beta * (1.0 + r2))
            / (2.0 * (1.0 + 3.0 * beta) * (3.0 + 1.0 / xi).ln() - r2 - 2.0 * beta * (2.0 - r2));
        let y_mu = (4.0 + r2 + 3.0 * beta * (1.0 + r2))
            / ((1.0 + r2) * (1.5 + 2.0 * beta) * (3.0 + xi).ln() + 1.0 - 1.5 * r2);
        // L_e, L_μ.
        let screen = 2.0 * M_E * SQRT_E * bz / (self.energy * v * one_minus_r2);
        let ae = (1.0 + xi) * (1.0 + y_e);
        let size = 1.5 * M_E * self.z13 / M_MU;
        let l_e = (bz * ae.sqrt() / (1.0 + screen * ae)).ln() - 0.5 * (size * size * ae).ln_1p();
        let l_mu = ((2.0 / 3.0) * (M_MU / M_E) * bz
            / self.z13
            / (1.0 + screen * (1.0 + xi) * (1.0 + y_mu)))
            .ln();
        // Φ_e, Φ_μ; for ξ ≫ 1 the large-ξ expansion of Φ_e avoids cancellation.
        let phi_e = if l_e > 0.0 {
            let shape = if xi > 1e5 {
                (1.5 - 0.5 * r2 + beta * (1.0 + r2)) / xi
            } else {
                ((2.0 + r2) * (1.0 + beta) + xi * (3.0 + r2)) * (1.0 / xi).ln_1p()
                    + (one_minus_r2 - beta) / (1.0 + xi)
                    - (3.0 + r2)
            };
            shape * l_e
        } else {
            0.0
        };
        let phi_mu = if l_mu > 0.0 {
            (((1.0 + r2) * (1.0 + 1.5 * beta) - (1.0 + 2.0 * beta) * one_minus_r2 / xi)
                * xi.ln_1p()
                + xi * (one_minus_r2 - beta) / (1.0 + xi)
                + (1.0 + 2.0 * beta) * one_minus_r2)
                * l_mu
        } else {
            0.0
        };
        let me_m = M_E / M_MU;
        (self.norm * (1.0 - v) / v * (phi_e + me_m * me_m * phi_mu)).max(0.0)
    }
}

/// Largest pair asymmetry, ρ_max = √(1 − 4m_e/(vE)) (1 − 6M²/(E²(1 − v))) (Kokoulin–Petrukhin 1971).
fn rho_max(energy_gev: f64, v: f64) -> f64 {
    let a = 1.0 - 4.0 * M_E / (energy_gev * v);
    let b = 1.0 - 6.0 * M_MU * M_MU / (energy_gev * energy_gev * (1.0 - v));
    if a > 0.0 && b > 0.0 {
        a.sqrt() * b
    } else {
        0.0
    }
}

impl PairProduction {
    /// (N_A/A) dσ/dv as the ρ integral of [`Setup::integrand`] with its error estimate.
    fn differential_with(setup: &Setup, v: f64) -> Result<Differential> {
        let rho_max = rho_max(setup.energy, v);
        if rho_max <= 0.0 {
            return Ok(Differential::exact(0.0));
        }
        // In u = ln(1 − ρ) the structure near ρ → 1 (ξ → 0) is resolved evenly.
        let r = integrate(
            "pair production rho integral",
            |u| {
                let w = u.exp();
                w * setup.integrand(v, 1.0 - w)
            },
            (-rho_max).ln_1p(),
            0.0,
            Tolerance::relative(TOL_INNER).with_absolute(1e-40),
        )?;
        Ok(Differential {
            value: r.value,
            error: r.error,
        })
    }
}

impl Process for PairProduction {
    fn name(&self) -> &'static str {
        "pair production"
    }

    /// 4m_e/E < v < min(1 − ¾ √e (M/E) Z^{1/3}, 1 − 6 (M/E)²) (Kokoulin–Petrukhin 1971; as in PROPOSAL).
    fn limits(&self, material: &Material, energy_gev: f64) -> (f64, f64) {
        let r = M_MU / energy_gev;
        let v_min = 4.0 * M_E / energy_gev;
        let v_max = (1.0 - 0.75 * SQRT_E * r * material.z.cbrt()).min(1.0 - 6.0 * r * r);
        (v_min, v_max.max(v_min))
    }

    fn differential(&self, material: &Material, energy_gev: f64, v: f64) -> Result<Differential> {
        let (v_min, v_max) = self.limits(material, energy_gev);
        if v <= v_min || v >= v_max {
            return Ok(Differential::exact(0.0));
        }
        Self::differential_with(&Setup::new(material, energy_gev), v)
    }

    /// E (N_A/A) ∫∫ v d²σ/(dv dρ) dρ dv in GeV cm²/g; the v integral runs in ln v.
    fn energy_loss(&self, material: &Material, energy_gev: f64) -> Result<Integral> {
        let b = spectrum_moment(
            &Cached::new(material, energy_gev),
            material,
            energy_gev,
            0.0,
            1.0,
            1,
            TOL_OUTER,
        )?;
        Ok(super::process::scale(b, energy_gev))
    }
}

/// Pair production with the per-energy setup computed once (for the spectrum integrals).
struct Cached {
    setup: Setup,
}

impl Cached {
    fn new(material: &Material, energy_gev: f64) -> Self {
        Cached {
            setup: Setup::new(material, energy_gev),
        }
    }
}

impl Process for Cached {
    fn name(&self) -> &'static str {
        PairProduction.name()
    }

    fn limits(&self, material: &Material, energy_gev: f64) -> (f64, f64) {
        PairProduction.limits(material, energy_gev)
    }

    fn differential(&self, material: &Material, energy_gev: f64, v: f64) -> Result<Differential> {
        let (v_min, v_max) = self.limits(material, energy_gev);
        if v <= v_min || v >= v_max {
            return Ok(Differential::exact(0.0));
        }
        PairProduction::differential_with(&self.setup, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ζ vanishes at low energy and approaches ~1 for lead at 10 TeV (Groom et al. 2001, pair-production section).
    #[test]
    fn atomic_electron_factor_range() {
        assert_eq!(atomic_electron_factor(82.0, 1.0), 0.0);
        let z = atomic_electron_factor(82.0, 1e4);
        assert!((0.5..1.5).contains(&z), "{z}");
    }
}
