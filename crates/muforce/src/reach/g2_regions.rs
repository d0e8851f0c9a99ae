//! Shaded regions of the (m_X, g_X) plane that reach figures draw: the (g−2)_μ bands (the
//! couplings that explain Δa_μ of an era within nσ and the couplings that move a_μ more than
//! nσ away from it, [`crate::model::g2_band`], one-loop Δa_μ of Jegerlehner–Nyffeler,
//! REFERENCE §5) and the expected-limit bands. Plain data: drawing them is `muforce_plot`'s job.

use crate::error::Result;
use crate::model::{g2_band, Era, Spin};

/// The (g−2)_μ settings of a figure: era and band half-width in standard deviations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct G2Settings {
    /// The era of Δa_μ.
    pub era: &'static Era,
    /// Half-width of the favoured band in σ.
    pub n_sigma: f64,
}

/// What a band shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandKind {
    /// Couplings that explain a measurement (green).
    Favoured,
    /// Couplings a measurement excludes (red).
    Excluded,
    /// The ±1σ band of an expected limit (green, as experiments draw them).
    ExpectedOneSigma,
    /// The ±2σ band of an expected limit (yellow).
    ExpectedTwoSigma,
}

/// A shaded band between two couplings per mass, e.g. the coupling that explains Δa_μ within 2σ.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Legend label (`_{…}` marks a subscript, which the figures draw lowered).
    pub label: String,
    /// (m_X in GeV, g_low, g_high) sorted by mass; g_high may be +∞ (to the top of the plot).
    pub points: Vec<(f64, f64, f64)>,
    /// Favoured or excluded.
    pub kind: BandKind,
}

/// The (g−2)_μ bands of a figure for the era and n of `g2`. Where the era's Δa_μ is
/// consistent with zero within nσ (final-2025: 38.5 ± 63.7 × 10⁻¹¹), (g−2)_μ is an upper
/// bound: the couplings above Δa_μ(g) = Δa_μ + nσ are shaded as excluded and no band is
/// favoured. Otherwise the band favoured within ±nσ is drawn, and with `excluded_sigma` the
/// couplings that move a_μ further than that many σ away (CPZ arXiv:1701.07437 Fig. 5: 5σ).
pub fn g2_bands(
    spin: Spin,
    masses: &[f64],
    g2: G2Settings,
    excluded_sigma: Option<f64>,
) -> Result<Vec<Band>> {
    if g2.era.consistent_with_zero(g2.n_sigma) {
        let mut bound = g2_excluded_band(spin, masses, g2.era, g2.n_sigma)?;
        bound.label = format!(
            "(g−2)_{{μ}} {} excludes (Δa_{{μ}} + {}σ)",
            g2.era.name, g2.n_sigma
        );
        return Ok(vec![bound]);
    }
    let mut bands = Vec::new();
    if let Some(n) = excluded_sigma {
        bands.push(g2_excluded_band(spin, masses, g2.era, n)?);
    }
    bands.extend(g2_favoured_band(spin, masses, g2.era, g2.n_sigma)?);
    Ok(bands)
}

/// The favoured band over `masses` (GeV), or None where no coupling explains Δa_μ (e.g. a
/// pseudoscalar). Where Δa_μ − nσ < 0 the band starts at g = 0, drawn from the bottom of the
/// figure.
pub fn g2_favoured_band(
    spin: Spin,
    masses: &[f64],
    era: &'static Era,
    n_sigma: f64,
) -> Result<Option<Band>> {
    let mut points = Vec::new();
    for &m in masses {
        let b = g2_band(spin, m, era, n_sigma)?;
        if let (Some(lo), Some(hi)) = (b.coupling_low, b.coupling_high) {
            points.push((m, lo, hi));
        }
    }
    Ok((!points.is_empty()).then(|| Band {
        label: format!("(g−2)_{{μ}} {} ±{n_sigma}σ", era.name),
        points,
        kind: BandKind::Favoured,
    }))
}

/// The couplings above which Δa_μ(g) lies more than `n_sigma` from the era's value, over
/// `masses` (GeV), as a band up to the top of the figure.
pub fn g2_excluded_band(
    spin: Spin,
    masses: &[f64],
    era: &'static Era,
    n_sigma: f64,
) -> Result<Band> {
    let points = masses
        .iter()
        .map(|&m| {
            Ok((
                m,
                g2_band(spin, m, era, n_sigma)?.excluded_above,
                f64::INFINITY,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Band {
        label: format!("(g−2)_{{μ}} {} excludes (>{n_sigma}σ)", era.name),
        points,
        kind: BandKind::Excluded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// REFERENCE §8 item 1 (vector, 10 MeV, Δa₁ = 9.912e-3): with fnal-2021 (251 ± 59)e-11 at
    /// 2σ the band is g ∈ [3.663e-4, 6.101e-4]; at 5σ the exclusion starts at
    /// √((251 + 5·59)e-11 / 9.912e-3) = 7.423e-4.
    #[test]
    fn bands_match_the_reference_numbers() {
        let era = Era::from_name("fnal-2021").unwrap();
        let band = g2_favoured_band(Spin::Vector, &[0.01], era, 2.0)
            .unwrap()
            .unwrap();
        let (_, lo, hi) = band.points[0];
        assert!((lo / 3.663e-4 - 1.0).abs() < 1e-3, "{lo}");
        assert!((hi / 6.101e-4 - 1.0).abs() < 1e-3, "{hi}");
        let excluded = g2_excluded_band(Spin::Vector, &[0.01], era, 5.0).unwrap();
        let (_, edge, top) = excluded.points[0];
        assert!((edge / 7.423e-4 - 1.0).abs() < 1e-3, "{edge}");
        assert!(top.is_infinite());
        // The 2025 era (Δa_μ = 38.5 ± 63.7 × 10⁻¹¹) is an upper bound at 2σ: one excluded band
        // from √((38.5 + 2 × 63.7)e-11 / 9.912e-3) = 4.091e-4 up; the 2021 era a favoured
        // band and, asked for, the 5σ exclusion.
        let now = Era::from_name("final-2025").unwrap();
        let settings = G2Settings {
            era: now,
            n_sigma: 2.0,
        };
        let bands = g2_bands(Spin::Vector, &[0.01], settings, Some(5.0)).unwrap();
        assert_eq!(bands.len(), 1);
        assert_eq!(bands[0].kind, BandKind::Excluded);
        assert!(
            (bands[0].points[0].1 / 4.091e-4 - 1.0).abs() < 1e-3,
            "{:?}",
            bands[0]
        );
        let then = G2Settings { era, n_sigma: 2.0 };
        let kinds: Vec<BandKind> = g2_bands(Spin::Vector, &[0.01], then, Some(5.0))
            .unwrap()
            .iter()
            .map(|b| b.kind)
            .collect();
        assert_eq!(kinds, [BandKind::Excluded, BandKind::Favoured]);
        // A pseudoscalar lowers a_mu: no favoured band.
        assert!(g2_favoured_band(Spin::Pseudoscalar, &[0.01], era, 2.0)
            .unwrap()
            .is_none());
    }
}
