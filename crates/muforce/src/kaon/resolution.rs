//! The K⁺ → μ⁺ν peak in m²_miss and its width from the spectrometer momentum resolution.

use crate::error::{Error, Result};
use crate::units::{M_K, M_MU};

/// Spectrometer momentum resolution δp/p = a ⊕ b·p/GeV (added in quadrature).
///
/// NA62 slides (seed 004): "δp/p = 0.3 % ⊕ 0.005 p/GeV". Read literally, 0.005 p/GeV would be
/// 15 % at 30 GeV; the NA62 STRAW spectrometer's resolution as quoted in NA62 publications (detector paper
/// JINST 12 (2017) P05025) is 0.30 % ⊕ 0.005 %·p/GeV, so the default is a = 3 × 10⁻³,
/// b = 5 × 10⁻⁵ per GeV. Both are configurable.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MomentumResolution {
    /// Constant term a (relative).
    pub constant: f64,
    /// Slope b per GeV of momentum (relative).
    pub per_gev: f64,
}

impl Default for MomentumResolution {
    fn default() -> Self {
        MomentumResolution {
            constant: 3e-3,
            per_gev: 5e-5,
        }
    }
}

impl MomentumResolution {
    /// δp/p at momentum `p_gev`.
    pub fn relative(&self, p_gev: f64) -> f64 {
        self.constant.hypot(self.per_gev * p_gev)
    }
}

/// Width of the K⁺ → μ⁺ν peak in m²_miss.
///
/// For a kaon of momentum P_K along the beam and a muon of momentum p at angle θ, the NA62
/// small-angle form (as used in the NA62 K⁺ → π⁺νν̄ papers) is
/// m²_miss ≈ m_K²(1 − p/P_K) + m_μ²(1 − P_K/p) − P_K p θ². Varying p at fixed θ and evaluating
/// on the K_μ2 locus m²_miss = 0 gives
/// σ(m²_miss) = |m_μ²(2P_K/p − 1) − m_K²| · δp/p(p),
/// to which an extra term `extra_sigma_gev2` (beam momentum and angle resolution, GTK) is added
/// in quadrature. Defaults: P_K = 75 GeV (NA62 beam), p = 25 GeV (middle of the 15–35 GeV muon
/// range), no extra term; this gives σ ≈ 6 × 10⁻⁴ GeV².
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MissingMassResolution {
    /// Spectrometer resolution.
    pub momentum: MomentumResolution,
    /// Kaon beam momentum (GeV).
    pub kaon_momentum_gev: f64,
    /// Representative muon momentum (GeV).
    pub muon_momentum_gev: f64,
    /// Extra width in GeV², added in quadrature.
    pub extra_sigma_gev2: f64,
}

impl Default for MissingMassResolution {
    fn default() -> Self {
        MissingMassResolution {
            momentum: MomentumResolution::default(),
            kaon_momentum_gev: 75.0,
            muon_momentum_gev: 25.0,
            extra_sigma_gev2: 0.0,
        }
    }
}

impl MissingMassResolution {
    /// Checks the fields.
    pub fn validate(&self) -> Result<()> {
        crate::error::non_negative("momentum resolution constant", self.momentum.constant)?;
        crate::error::non_negative("momentum resolution slope", self.momentum.per_gev)?;
        crate::error::positive("kaon momentum (GeV)", self.kaon_momentum_gev)?;
        crate::error::positive("muon momentum (GeV)", self.muon_momentum_gev)?;
        crate::error::non_negative("extra m_miss^2 width (GeV^2)", self.extra_sigma_gev2)?;
        if self.muon_momentum_gev >= self.kaon_momentum_gev {
            return Err(Error::out_of_range(
                "muon momentum (GeV)",
                self.muon_momentum_gev,
                format!(
                    "must be below the kaon momentum {} GeV",
                    self.kaon_momentum_gev
                ),
            ));
        }
        if self.sigma_m2() <= 0.0 {
            return Err(Error::out_of_range(
                "m_miss^2 resolution",
                0,
                "needs a non-zero momentum resolution or extra width",
            ));
        }
        Ok(())
    }

    /// σ(m²_miss) in GeV².
    pub fn sigma_m2(&self) -> f64 {
        let p = self.muon_momentum_gev;
        let lever = (M_MU * M_MU * (2.0 * self.kaon_momentum_gev / p - 1.0) - M_K * M_K).abs();
        (lever * self.momentum.relative(p)).hypot(self.extra_sigma_gev2)
    }

    /// Density of the K⁺ → μ⁺ν peak in m²_miss (GeV⁻², unit normalised): a Gaussian of width
    /// [`Self::sigma_m2`] centred at 0.
    pub fn peak_density(&self, m2_miss: f64) -> f64 {
        let s = self.sigma_m2();
        let z = m2_miss / s;
        (-0.5 * z * z).exp() / (s * (2.0 * std::f64::consts::PI).sqrt())
    }

    /// Fraction of the K⁺ → μ⁺ν peak between `lo` and `hi` (GeV²).
    pub fn peak_fraction(&self, lo: f64, hi: f64) -> f64 {
        use statrs::function::erf::erfc;
        let s = self.sigma_m2() * std::f64::consts::SQRT_2;
        // ½[erfc(lo/s) − erfc(hi/s)] keeps precision in the far tail.
        0.5 * (erfc(lo / s) - erfc(hi / s))
    }
}
