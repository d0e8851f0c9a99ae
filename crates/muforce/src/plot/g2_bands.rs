//! The (g−2)_μ bands of reach figures: the couplings that explain Δa_μ of an era within nσ
//! and the couplings that move a_μ more than nσ away from it ([`crate::model::g2_band`],
//! one-loop Δa_μ of Jegerlehner–Nyffeler, REFERENCE §5).

use super::reach_figure::{Band, BandKind};
use crate::error::Result;
use crate::model::{g2_band, Era, Spin};

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
        label: format!("(g-2)μ {} ±{n_sigma}σ", era.name),
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
        label: format!("(g-2)μ {} excludes (>{n_sigma}σ)", era.name),
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
        // A pseudoscalar lowers a_mu: no favoured band.
        assert!(g2_favoured_band(Spin::Pseudoscalar, &[0.01], era, 2.0)
            .unwrap()
            .is_none());
    }
}
