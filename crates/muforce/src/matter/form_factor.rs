//! Atomic + nuclear form factors and the Weizsäcker–Williams photon flux.
//!
//! G₂(t) = G₂^el(t) + G₂^in(t) (REFERENCE §2; Chen–Pospelov–Zhong arXiv:1701.07437 Eqs. A1–A2;
//! GKSST arXiv:1906.09272 Eqs. S19–S22; Tsai, Rev. Mod. Phys. 46 (1974) 815; Kim & Tsai,
//! Phys. Rev. D 8 (1973) 3109):
//!
//! G₂^el = (a²t/(1+a²t))² (1/(1+t/d))² Z²,
//! G₂^in = (a′²t/(1+a′²t))² ((1 + t(μ_p²−1)/(4m_p²)) / (1+t/0.71 GeV²)⁴)² Z,
//!
//! with a = 111 Z^(−1/3)/m_e, a′ = 773 Z^(−2/3)/m_e and d = 0.164 GeV² A^(−2/3).

// Always inlined where marked: the lane arithmetic must be compiled inside each
// instruction-set clone of `numerics::simd_path` (a call out of the clone runs the
// portable build's code).
#![allow(clippy::inline_always)]

use crate::error::{Error, Result};
use crate::matter::Material;
use crate::numerics::{integrate, Integral, Real, Tolerance};
use crate::units::{MU_P, M_E, M_P};
use serde::{Deserialize, Serialize};

/// Which terms of G₂ to include.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FormFactorModel {
    /// Elastic (coherent) atomic + nuclear term only.
    Elastic,
    /// Elastic plus the inelastic (quasi-elastic proton) term.
    #[default]
    Full,
}

impl FormFactorModel {
    /// Parses `elastic` or `full`.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "elastic" => Ok(Self::Elastic),
            "full" | "elastic+inelastic" => Ok(Self::Full),
            _ => Err(Error::unknown("form factor", name, &["elastic", "full"])),
        }
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Elastic => "elastic",
            Self::Full => "full",
        }
    }
}

/// The form factor G₂(t) of one target, with its parameters precomputed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FormFactor {
    z: f64,
    /// a² in GeV⁻² (Thomas–Fermi screening).
    a2: f64,
    /// a′² in GeV⁻² (inelastic atomic screening).
    a2_inelastic: f64,
    /// Nuclear size parameter d in GeV².
    d: f64,
    inelastic: bool,
}

/// Dipole mass² of the proton form factor, GeV² (Tsai 1974).
const PROTON_DIPOLE_GEV2: f64 = 0.71;
/// (μ_p² − 1)/(4m_p²) in GeV⁻², the slope of the proton's magnetic term (Tsai 1974).
const PAULI_SLOPE_GEV2: f64 = (MU_P * MU_P - 1.0) / (4.0 * M_P * M_P);
/// Beyond this t the nuclear form factor has killed G₂ to < 1e-12 of its peak for any nucleus.
const T_CUTOFF_GEV2: f64 = 1e4;

impl FormFactor {
    /// Form factor of a material (Z, A) with the chosen terms.
    pub fn new(material: &Material, model: FormFactorModel) -> Self {
        Self::from_z_a(material.z, material.a, model)
    }

    /// Form factor for charge `z` and mass number `a`.
    pub fn from_z_a(z: f64, a: f64, model: FormFactorModel) -> Self {
        let screening = 111.0 * z.powf(-1.0 / 3.0) / M_E;
        let screening_inelastic = 773.0 * z.powf(-2.0 / 3.0) / M_E;
        FormFactor {
            z,
            a2: screening * screening,
            a2_inelastic: screening_inelastic * screening_inelastic,
            d: 0.164 * a.powf(-2.0 / 3.0),
            inelastic: model == FormFactorModel::Full,
        }
    }

    /// Screening parameter a in GeV⁻¹.
    pub fn screening(&self) -> f64 {
        self.a2.sqrt()
    }

    /// Inelastic screening parameter a′ in GeV⁻¹.
    pub fn screening_inelastic(&self) -> f64 {
        self.a2_inelastic.sqrt()
    }

    /// Nuclear size parameter d in GeV².
    pub fn nuclear_size(&self) -> f64 {
        self.d
    }

    /// Elastic term G₂^el(t), t in GeV² (REFERENCE §2).
    ///
    /// Between atomic screening (t ≫ 1/a²) and the nuclear size (t ≪ d) the photon sees the
    /// bare nucleus, G₂^el → Z²; at small t the atomic electrons screen it, G₂^el ∝ t²
    /// (Tsai, Rev. Mod. Phys. 46 (1974) 815, the atomic elastic form factor); above d the nuclear
    /// form factor suppresses it.
    ///
    /// ```
    /// use muforce::matter::{FormFactor, FormFactorModel, Material};
    /// let cu = FormFactor::new(&Material::built_in("Cu")?, FormFactorModel::Elastic);
    /// assert!(1.0 / cu.screening().powi(2) < 1e-9 && cu.nuclear_size() > 1e-2);
    /// assert!((cu.elastic(1e-6) / 29.0_f64.powi(2) - 1.0).abs() < 1e-3);
    /// let ratio = cu.elastic(1e-14) / cu.elastic(1e-13);
    /// assert!((ratio / 1e-2 - 1.0).abs() < 0.02, "{ratio}");
    /// assert!(cu.elastic(1.0) < 1e-3 * cu.elastic(1e-6));
    /// assert_eq!(cu.inelastic(1e-3), 0.0); // the elastic model has no inelastic term
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn elastic(&self, t: f64) -> f64 {
        let atomic = self.a2 * t / (1.0 + self.a2 * t);
        let nuclear = 1.0 / (1.0 + t / self.d);
        atomic * atomic * nuclear * nuclear * self.z * self.z
    }

    /// Inelastic term G₂^in(t), t in GeV² (REFERENCE §2); zero for the elastic-only model.
    pub fn inelastic(&self, t: f64) -> f64 {
        if !self.inelastic {
            return 0.0;
        }
        let atomic = self.a2_inelastic * t / (1.0 + self.a2_inelastic * t);
        let dipole = 1.0 + t / PROTON_DIPOLE_GEV2;
        let dipole2 = dipole * dipole;
        let proton = (1.0 + t * (MU_P * MU_P - 1.0) / (4.0 * M_P * M_P)) / (dipole2 * dipole2);
        atomic * atomic * proton * proton * self.z
    }

    /// G₂(t) = G₂^el + G₂^in (REFERENCE §2), each term with one division.
    #[inline]
    pub fn g2(&self, t: f64) -> f64 {
        let [(elastic, den), (inelastic, den_in)] = self.g2_terms(t);
        elastic / den + inelastic / den_in
    }

    /// G₂(t) as numerator and denominator, for callers that divide by more (one division
    /// instead of three), at one t or several. Every factor is positive, so nothing cancels;
    /// for t ≤ 10⁴ GeV² (the cut-off of [`Self::flux`]) the denominator stays below 1e110.
    #[inline(always)]
    pub(crate) fn g2_fraction<T: Real>(&self, t: T) -> (T, T) {
        let [(elastic, den), (inelastic, den_in)] = self.g2_terms(t);
        (elastic * den_in + inelastic * den, den * den_in)
    }

    /// The elastic and inelastic terms of G₂ as (numerator, denominator) pairs (REFERENCE
    /// §2); the inelastic term is 0/1 in the elastic-only model.
    #[inline(always)]
    fn g2_terms<T: Real>(&self, t: T) -> [(T, T); 2] {
        let a2t = t * self.a2;
        let nuclear = t / self.d + 1.0;
        let den = (a2t + 1.0) * nuclear;
        let elastic = (a2t * a2t * (self.z * self.z), den * den);
        if !self.inelastic {
            return [elastic, (T::splat(0.0), T::splat(1.0))];
        }
        let a2t_in = t * self.a2_inelastic;
        let dipole = t / PROTON_DIPOLE_GEV2 + 1.0;
        let dipole2 = dipole * dipole;
        let proton = t * PAULI_SLOPE_GEV2 + 1.0;
        let den_in = (a2t_in + 1.0) * dipole2 * dipole2;
        let inelastic = (a2t_in * proton) * (a2t_in * proton) * self.z;
        [elastic, (inelastic, den_in * den_in)]
    }

    /// Photon flux χ = ∫_{t_min}^{t_max} dt (t − t_min)/t² G₂(t) (REFERENCE §3; CPZ Eq. 13),
    /// integrated in ln t to a relative tolerance `rel_tol` with an error estimate.
    /// t_max is capped where G₂ has vanished (10⁴ GeV²).
    pub fn flux(&self, t_min: f64, t_max: f64, rel_tol: f64) -> Result<Integral> {
        if !(t_min.is_finite() && t_min > 0.0) {
            return Err(Error::out_of_range(
                "t_min",
                t_min,
                "must be a finite number > 0 (GeV²)",
            ));
        }
        if !(t_max.is_finite() || t_max == f64::INFINITY) || t_max.is_nan() {
            return Err(Error::out_of_range(
                "t_max",
                t_max,
                "must be a number > t_min (GeV²)",
            ));
        }
        let t_max = t_max.min(T_CUTOFF_GEV2);
        if t_max <= t_min {
            return Ok(Integral {
                value: 0.0,
                error: 0.0,
                evaluations: 0,
            });
        }
        let integrand = |ln_t: f64| {
            let t = ln_t.exp();
            (t - t_min) / t * self.g2(t)
        };
        // Split at the scales where G₂ changes shape so each panel is smooth.
        let mut breaks = vec![t_min.ln()];
        for scale in [
            1.0 / self.a2,
            1.0 / self.a2_inelastic,
            self.d,
            PROTON_DIPOLE_GEV2,
        ] {
            if scale > t_min && scale < t_max {
                breaks.push(scale.ln());
            }
        }
        breaks.push(t_max.ln());
        breaks.sort_by(f64::total_cmp);
        let mut total = Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        };
        let tol = Tolerance::relative(rel_tol * 0.5);
        for pair in breaks.windows(2) {
            let part = integrate("photon flux", integrand, pair[0], pair[1], tol)?;
            total.value += part.value;
            total.error += part.error;
            total.evaluations += part.evaluations;
        }
        if total.error > rel_tol * total.value.abs() && total.error > 0.0 {
            return Err(Error::NotConverged {
                what: "photon flux".into(),
                achieved: total.relative_error(),
                requested: rel_tol,
            });
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-division G₂ is the sum of the two terms as REFERENCE §2 writes them, to
    /// rounding, from far below the screening scale to far above the nuclear one.
    #[test]
    fn fused_g2_is_the_sum_of_its_terms() {
        for model in [FormFactorModel::Elastic, FormFactorModel::Full] {
            for (z, a) in [(1.0, 1.0), (29.0, 63.0), (82.0, 207.0)] {
                let ff = FormFactor::from_z_a(z, a, model);
                for k in -120..=40 {
                    let t = 10f64.powf(f64::from(k) / 10.0);
                    let sum = ff.elastic(t) + ff.inelastic(t);
                    let fused = ff.g2(t);
                    assert!(
                        (fused - sum).abs() <= 1e-14 * sum,
                        "Z={z} t={t}: {fused} vs {sum}"
                    );
                }
            }
        }
    }

    /// REFERENCE §2 quotes, for Cu (Z = 29, A = 63): a = 7.07e4 GeV⁻¹, d = 1.036e-2 GeV²,
    /// a′ = 1.60e5 GeV⁻¹.
    #[test]
    fn copper_parameters() {
        let ff = FormFactor::from_z_a(29.0, 63.0, FormFactorModel::Full);
        assert!((ff.screening() / 7.07e4 - 1.0).abs() < 2e-3);
        assert!((ff.nuclear_size() / 1.036e-2 - 1.0).abs() < 2e-3);
        assert!((ff.screening_inelastic() / 1.60e5 - 1.0).abs() < 5e-3);
    }

    /// Limits of G₂: full screening at t → 0 (G₂ ∝ t²), Z² between the atomic and nuclear
    /// scales, and the inelastic term ≈ Z at t ≈ 1e-3 GeV² (atomic factor 1, proton factor ≈ 1).
    #[test]
    fn form_factor_limits() {
        let ff = FormFactor::from_z_a(82.0, 207.2, FormFactorModel::Full);
        assert!(ff.g2(1e-16) < 1e-6);
        assert!((ff.elastic(1e-6) / (82.0 * 82.0) - 1.0).abs() < 0.01);
        assert!((ff.inelastic(1e-4) / 82.0 - 1.0).abs() < 0.01);
        let el = FormFactor::from_z_a(82.0, 207.2, FormFactorModel::Elastic);
        assert_eq!(el.inelastic(1e-4), 0.0);
    }

    /// The elastic flux against its closed form: with b = 1/a², the integrand
    /// Z² d² (t − t_min)/((t + b)²(t + d)²) has an elementary antiderivative by partial fractions.
    #[test]
    fn elastic_flux_matches_partial_fractions() {
        let ff = FormFactor::from_z_a(29.0, 63.0, FormFactorModel::Elastic);
        let (b, d, z) = (1.0 / ff.a2, ff.d, 29.0);
        for (t1, t2) in [(1e-12, 0.01), (1e-9, 1.0), (1e-6, 10.0), (3e-4, 0.02)] {
            let c = t1;
            let big_a = (b + d + 2.0 * c) / (d - b).powi(3);
            let big_b = (-b - c) / (d - b).powi(2);
            let big_d = (-d - c) / (b - d).powi(2);
            let closed = z
                * z
                * d
                * d
                * (big_a * ((t2 + b) / (t1 + b)).ln()
                    - big_b * (1.0 / (t2 + b) - 1.0 / (t1 + b))
                    - big_a * ((t2 + d) / (t1 + d)).ln()
                    - big_d * (1.0 / (t2 + d) - 1.0 / (t1 + d)));
            let numeric = ff.flux(t1, t2, 1e-9).unwrap();
            assert!(
                (numeric.value / closed - 1.0).abs() < 1e-7,
                "{t1} {t2}: {} vs {closed}",
                numeric.value
            );
            assert!(numeric.error <= 1e-9 * numeric.value);
        }
    }

    #[test]
    fn flux_rejects_bad_limits() {
        let ff = FormFactor::from_z_a(29.0, 63.0, FormFactorModel::Full);
        assert!(ff.flux(0.0, 1.0, 1e-6).is_err());
        assert!(ff.flux(f64::NAN, 1.0, 1e-6).is_err());
        assert_eq!(ff.flux(1.0, 0.5, 1e-6).unwrap().value, 0.0);
    }
}
