//! Classical Poisson upper limits for counting experiments.

use crate::error::{within, Result};
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// Upper limit on the mean signal count when no event is seen and no background is expected:
/// s = −ln(1 − CL), i.e. 2.30 events at 90 % CL and 3.00 at 95 % CL (PDG Review "Statistics",
/// §40.4.1, Table 40.3).
pub fn zero_background_limit(cl: f64) -> Result<f64> {
    within("confidence level", cl, 1e-12, 1.0 - 1e-12)?;
    Ok(-(-cl).ln_1p())
}

/// Classical (Neyman) upper limit on the signal mean for `observed` events over a known
/// background `background`: s_up = ½ F⁻¹_{χ²}(CL; 2(n+1)) − b (PDG Review "Statistics",
/// Eq. 40.76), floored at 0. With n = 0 and b = 0 this is [`zero_background_limit`].
pub fn poisson_upper_limit(observed: u64, background: f64, cl: f64) -> Result<f64> {
    within("confidence level", cl, 1e-12, 1.0 - 1e-12)?;
    within("background", background, 0.0, f64::MAX)?;
    let dof = 2.0 * (observed as f64 + 1.0);
    let chi2 = ChiSquared::new(dof)
        .map_err(|e| crate::Error::out_of_range("observed", observed, e.to_string()))?;
    Ok((0.5 * chi2.inverse_cdf(cl) - background).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PDG Review "Statistics", Table 40.3: upper limits for n = 0, 1, 2 with b = 0:
    /// 90 %: 2.30, 3.89, 5.32; 95 %: 3.00, 4.74, 6.30.
    #[test]
    fn pdg_table() {
        // −ln(0.1) = ln 10 exactly.
        assert!((zero_background_limit(0.90).unwrap() - std::f64::consts::LN_10).abs() < 1e-12);
        assert!((zero_background_limit(0.95).unwrap() - 2.995_732).abs() < 1e-6);
        for (n, l90, l95) in [(0, 2.30, 3.00), (1, 3.89, 4.74), (2, 5.32, 6.30)] {
            assert!(
                (poisson_upper_limit(n, 0.0, 0.90).unwrap() - l90).abs() < 0.006,
                "{n}"
            );
            assert!(
                (poisson_upper_limit(n, 0.0, 0.95).unwrap() - l95).abs() < 0.006,
                "{n}"
            );
        }
        assert!(zero_background_limit(1.0).is_err());
        assert!(poisson_upper_limit(0, -1.0, 0.9).is_err());
    }
}
