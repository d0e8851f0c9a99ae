//! Couplings that explain — or are excluded by — the measured Δa_μ of an era.
//!
//! Since Δa_μ(g) = g² Δa₁ (one-loop, [`super::g_minus_2`]), the band and the excluded region
//! follow from Δa₁ = Δa_μ(g = 1) by algebra.

use super::era::Era;
use super::g_minus_2::delta_a_mu_unit;
use super::spin::Spin;
use crate::error::{Error, Result};
use serde::Serialize;

/// The (g−2)_μ band and exclusion for one spin, mass, era and number of standard deviations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct G2Band {
    /// The era used.
    pub era: &'static Era,
    /// n, the half-width of the band in standard deviations.
    pub n_sigma: f64,
    /// Δa₁ = Δa_μ at g = 1.
    pub delta_a_mu_unit: f64,
    /// Lowest coupling explaining Δa_μ within n σ (0 when Δa_exp − nσ ≤ 0); `None` when no
    /// coupling explains it (negative contribution).
    pub coupling_low: Option<f64>,
    /// Highest coupling explaining Δa_μ within n σ; `None` when there is no band.
    pub coupling_high: Option<f64>,
    /// Couplings above this give Δa_μ(g) more than n σ away from Δa_exp (0 when every g > 0
    /// is).
    pub excluded_above: f64,
    /// A sentence describing the result.
    pub note: String,
}

/// The band of couplings g with |Δa_μ(g) − Δa_exp| ≤ nσ and the coupling above which
/// Δa_μ(g) departs from Δa_exp by more than nσ, for the given spin and mass (GeV).
///
/// Positive contributions (Δa₁ > 0): g_low = √(max(Δa − nσ, 0)/Δa₁), g_high =
/// √((Δa + nσ)/Δa₁), excluded above g_high. Negative contributions: no band; excluded above
/// √((Δa − nσ)/Δa₁) when Δa − nσ < 0, else every g > 0 is excluded (excluded_above = 0).
/// Δa₁ from Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1 (REFERENCE §5).
///
/// A light vector (m_X ≪ m_μ, Δa₁ → 1/(8π²)) explains the 2021 value Δa_μ = 251·10⁻¹¹ with
/// g = √(8π² Δa_μ) = 4.45·10⁻⁴, the L_μ − L_τ coupling the NA64μ slides (seed 003) aim at;
/// the band's edges reproduce Δa_μ ∓ 2σ.
///
/// ```
/// use muforce::model::{delta_a_mu, g2_band, Era, Spin};
/// let era = Era::from_name("fnal-2021")?;
/// let band = g2_band(Spin::Vector, 1e-3, era, 2.0)?;
/// let (low, high) = (band.coupling_low.unwrap(), band.coupling_high.unwrap());
/// assert!(low < 4.45e-4 && 4.45e-4 < high, "{low} {high}");
/// let at = |g: f64| delta_a_mu(Spin::Vector, 1e-3, g).unwrap().value;
/// assert!((at(low) / (era.delta_a_mu - 2.0 * era.sigma) - 1.0).abs() < 1e-9);
/// assert!((at(high) / (era.delta_a_mu + 2.0 * era.sigma) - 1.0).abs() < 1e-9);
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn g2_band(spin: Spin, mass: f64, era: &'static Era, n_sigma: f64) -> Result<G2Band> {
    if !(n_sigma.is_finite() && n_sigma > 0.0 && n_sigma <= 100.0) {
        return Err(Error::out_of_range(
            "sigma",
            n_sigma,
            "must be a number of standard deviations in (0, 100]",
        ));
    }
    let unit = delta_a_mu_unit(spin, mass)?.value;
    let low_edge = era.delta_a_mu - n_sigma * era.sigma;
    let high_edge = era.delta_a_mu + n_sigma * era.sigma;
    let coupling_at = |delta: f64| (delta / unit).max(0.0).sqrt();
    let (coupling_low, coupling_high, excluded_above, note) = if unit > 0.0 {
        if high_edge > 0.0 {
            (
                Some(coupling_at(low_edge)),
                Some(coupling_at(high_edge)),
                coupling_at(high_edge),
                format!(
                    "a {spin} explains Delta a_mu of {} within {n_sigma} sigma in the band",
                    era.name
                ),
            )
        } else {
            (
                None,
                None,
                0.0,
                format!("Delta a_mu of {} + {n_sigma} sigma is negative: every coupling of a {spin} is excluded", era.name),
            )
        }
    } else if low_edge < 0.0 {
        (
            None,
            None,
            coupling_at(low_edge),
            format!(
                "a {spin} lowers a_mu: no coupling explains Delta a_mu of {}; larger couplings are excluded at {n_sigma} sigma",
                era.name
            ),
        )
    } else {
        (
            None,
            None,
            0.0,
            format!(
                "a {spin} lowers a_mu: no coupling explains Delta a_mu of {}, and every coupling \
                 moves it further than {n_sigma} sigma away",
                era.name
            ),
        )
    };
    Ok(G2Band {
        era,
        n_sigma,
        delta_a_mu_unit: unit,
        coupling_low,
        coupling_high,
        excluded_above,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::g_minus_2::delta_a_mu;

    /// The band edges reproduce Δa ± nσ when fed back into Δa_μ(g) (consistency with
    /// REFERENCE §5 and the era table).
    #[test]
    fn vector_band_round_trips() {
        let era = Era::from_name("fnal-2021").unwrap();
        let b = g2_band(Spin::Vector, 0.01, era, 2.0).unwrap();
        let (lo, hi) = (b.coupling_low.unwrap(), b.coupling_high.unwrap());
        let at_lo = delta_a_mu(Spin::Vector, 0.01, lo).unwrap().value;
        let at_hi = delta_a_mu(Spin::Vector, 0.01, hi).unwrap().value;
        assert!((at_lo / (133e-11) - 1.0).abs() < 1e-9, "{at_lo}");
        assert!((at_hi / (369e-11) - 1.0).abs() < 1e-9, "{at_hi}");
        assert_eq!(b.excluded_above, hi);
        // From REFERENCE §8 item 1 (vector, 10 MeV, g = 1e-3: 9.912e-9):
        // g_low = √(133e-11/9.912e-3) = 3.663e-4, g_high = √(369e-11/9.912e-3) = 6.101e-4.
        assert!((lo / 3.663e-4 - 1.0).abs() < 1e-3, "{lo}");
        assert!((hi / 6.101e-4 - 1.0).abs() < 1e-3, "{hi}");
    }

    #[test]
    fn low_edge_and_negative_contributions() {
        let final_2025 = Era::from_name("final-2025").unwrap();
        let b = g2_band(Spin::Scalar, 0.1, final_2025, 1.0).unwrap();
        assert_eq!(b.coupling_low, Some(0.0));
        assert!(b.coupling_high.unwrap() > 0.0);
        // Pseudoscalar: Δa < 0. With Δa − 1σ = 38.5 − 63.7 = −25.2e-11 < 0 there is an exclusion edge.
        let p = g2_band(Spin::Pseudoscalar, 0.1, final_2025, 1.0).unwrap();
        assert!(p.coupling_low.is_none() && p.coupling_high.is_none());
        let edge = delta_a_mu(Spin::Pseudoscalar, 0.1, p.excluded_above)
            .unwrap()
            .value;
        assert!((edge / (-25.2e-11) - 1.0).abs() < 1e-9, "{edge}");
        // With fnal-2021, Δa − 2σ > 0: every coupling of a pseudoscalar is excluded.
        let fnal = Era::from_name("fnal-2021").unwrap();
        let q = g2_band(Spin::Pseudoscalar, 0.1, fnal, 2.0).unwrap();
        assert_eq!(q.excluded_above, 0.0);
        assert!(q.note.contains("no coupling"));
        for n in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(g2_band(Spin::Vector, 0.1, fnal, n).is_err());
        }
    }
}
