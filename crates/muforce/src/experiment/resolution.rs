//! Momentum-balance resolution functions: sums of centred Gaussians.

use crate::error::{positive, Error, Result};
use statrs::function::erf::erf;

/// R(ρ) = Σ_i c_i /√(2πσ_i²) exp(−ρ²/(2σ_i²)) (GKSST arXiv:1906.09272 Eq. 9).
#[derive(Debug, Clone, PartialEq)]
pub struct GaussianMixture {
    /// (weight c_i, width σ_i) pairs.
    components: Vec<(f64, f64)>,
}

impl GaussianMixture {
    /// Builds the mixture; weights must be finite and ≥ 0, widths > 0. The weights need not sum
    /// to one (GKSST's case A has Σc_i = 1 + c₃).
    pub fn new(components: Vec<(f64, f64)>) -> Result<Self> {
        if components.is_empty() {
            return Err(Error::out_of_range(
                "resolution components",
                "[]",
                "needs at least one Gaussian",
            ));
        }
        for (i, &(c, sigma)) in components.iter().enumerate() {
            crate::error::non_negative(&format!("resolution component {i} weight"), c)?;
            positive(&format!("resolution component {i} width"), sigma)?;
        }
        Ok(GaussianMixture { components })
    }

    /// The ATLAS ρ resolution of GKSST Eq. 9–10: σ = (0.035, 0.057, 0.15), c = (0.75, 0.25, c₃)
    /// with c₃ = 5·10⁻³ (case A, non-Gaussian tail) or 0 (case B).
    pub fn atlas(c3: f64) -> Result<Self> {
        Self::new(vec![(0.75, 0.035), (0.25, 0.057), (c3, 0.15)])
    }

    /// The components (weight, width).
    pub fn components(&self) -> &[(f64, f64)] {
        &self.components
    }

    /// Sum of the weights (the integral of R over all ρ).
    pub fn norm(&self) -> f64 {
        self.components.iter().map(|c| c.0).sum()
    }

    /// R(ρ).
    pub fn density(&self, rho: f64) -> f64 {
        self.components
            .iter()
            .map(|&(c, s)| {
                c / (std::f64::consts::TAU * s * s).sqrt() * (-rho * rho / (2.0 * s * s)).exp()
            })
            .sum()
    }

    /// ∫_lo^hi R(ρ) dρ, exact through the error function.
    pub fn integral(&self, lo: f64, hi: f64) -> f64 {
        let root2 = std::f64::consts::SQRT_2;
        self.components
            .iter()
            .map(|&(c, s)| 0.5 * c * (erf(hi / (root2 * s)) - erf(lo / (root2 * s))))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GKSST Eq. 10 weights: case A integrates to 1 + c₃ = 1.005, case B to 1; the integral
    /// over ±1σ of a single Gaussian is erf(1/√2) = 0.682 689 5.
    #[test]
    fn normalisation_and_erf() {
        let a = GaussianMixture::atlas(5e-3).unwrap();
        let b = GaussianMixture::atlas(0.0).unwrap();
        assert!((a.integral(-10.0, 10.0) - 1.005).abs() < 1e-12);
        assert!((b.integral(-10.0, 10.0) - 1.0).abs() < 1e-12);
        let g = GaussianMixture::new(vec![(1.0, 0.2)]).unwrap();
        assert!((g.integral(-0.2, 0.2) - 0.682_689_492).abs() < 1e-8);
        // The density integrates to the same number by quadrature.
        let numeric = crate::numerics::integrate(
            "R",
            |r| a.density(r),
            -1.5,
            1.5,
            crate::numerics::Tolerance::relative(1e-12),
        )
        .unwrap();
        assert!((numeric.value - a.integral(-1.5, 1.5)).abs() < 1e-10);
        assert!(GaussianMixture::atlas(-1.0).is_err());
        assert!(GaussianMixture::new(vec![(1.0, 0.0)]).is_err());
    }
}
