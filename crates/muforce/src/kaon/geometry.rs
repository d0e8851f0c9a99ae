//! Where X decays at NA62: the K⁺ decay vertex is spread over the fiducial volume (FV) and X
//! flies on from it; the probability that X decays inside the FV (visible search) or beyond the
//! detector (invisible search) comes from its lab decay length (REFERENCE §4.3, CPZ Eq. 15).
//!
//! Default positions, in metres downstream of the beryllium target:
//! * FV 105–180 m: NA62, "Development of a new CEDAR for kaon identification at the NA62
//!   experiment at CERN", arXiv:2312.17188, §1 ("a fiducial volume that extends between 105 m
//!   and 180 m from the target"); the first spectrometer chamber follows at ≈ 183 m
//!   (NA62 detector paper, JINST 12 (2017) P05025, arXiv:1703.08501, Fig. 1).
//! * End of the detector 241 m: the front face of the LKr calorimeter (same Fig. 1); an X
//!   decaying (to μμ or γγ) upstream of it leaves tracks or photons that veto the
//!   single-muon selection.

use crate::error::{Error, Result};
use crate::model::decay_probability;
use crate::numerics::{try_integrate, Tolerance};
use crate::units::{HBAR_C_GEV_M, M_K};

use super::rate::kaon_width;

/// The decay geometry: the kaon beam and the fiducial and detector extents (z along the beam).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecayVolume {
    /// K⁺ beam momentum in GeV (NA62: 75 GeV, arXiv:2312.17188 §1).
    pub kaon_momentum_gev: f64,
    /// Start of the fiducial volume (m).
    pub fiducial_start_m: f64,
    /// End of the fiducial volume (m).
    pub fiducial_end_m: f64,
    /// End of the detector: X decays before it are seen (m).
    pub detector_end_m: f64,
}

impl Default for DecayVolume {
    fn default() -> Self {
        DecayVolume {
            kaon_momentum_gev: 75.0,
            fiducial_start_m: 105.0,
            fiducial_end_m: 180.0,
            detector_end_m: 241.0,
        }
    }
}

impl DecayVolume {
    /// Checks the fields: momentum > 0, 0 ≤ FV start < FV end ≤ detector end (finite).
    pub fn validate(&self) -> Result<()> {
        crate::error::positive("kaon momentum (GeV)", self.kaon_momentum_gev)?;
        crate::error::non_negative("fiducial volume start (m)", self.fiducial_start_m)?;
        crate::error::finite("fiducial volume end (m)", self.fiducial_end_m)?;
        crate::error::finite("detector end (m)", self.detector_end_m)?;
        if self.fiducial_end_m <= self.fiducial_start_m {
            return Err(Error::out_of_range(
                "fiducial volume end (m)",
                self.fiducial_end_m,
                format!(
                    "must be beyond the fiducial volume start {} m (the volume is empty)",
                    self.fiducial_start_m
                ),
            ));
        }
        if self.detector_end_m < self.fiducial_end_m {
            return Err(Error::out_of_range(
                "detector end (m)",
                self.detector_end_m,
                format!(
                    "must not be upstream of the fiducial volume end {} m",
                    self.fiducial_end_m
                ),
            ));
        }
        Ok(())
    }

    /// Lab decay length of the K⁺: (p_K/m_K) c τ_K in metres (PDG τ_K; ≈ 564 m at 75 GeV).
    pub fn kaon_decay_length_m(&self) -> f64 {
        self.kaon_momentum_gev / M_K * HBAR_C_GEV_M / kaon_width()
    }

    /// ⟨f(u)⟩ over the K⁺ decay vertices inside the FV, u the distance from the FV start:
    /// density ∝ exp(−u/λ_K) on [0, D], integrated adaptively (Gauss–Kronrod) since f may vary on
    /// the X decay length, which can be far shorter than D.
    fn vertex_average(&self, what: &str, f: impl Fn(f64) -> Result<f64>) -> Result<f64> {
        let length = self.fiducial_end_m - self.fiducial_start_m;
        let lambda = self.kaon_decay_length_m();
        let norm = -lambda * (-length / lambda).exp_m1();
        let integral = try_integrate(
            what,
            |u| Ok((-u / lambda).exp() * f(u)?),
            0.0,
            length,
            Tolerance::relative(1e-10).with_absolute(1e-300),
        )?;
        Ok((integral.value / norm).clamp(0.0, 1.0))
    }

    /// Probability that an X of lab decay length `length_m` (m) decays between its production
    /// vertex and the end of the FV, averaged over the vertex:
    /// ⟨exp(0) − exp(−(z_FV,end − z_K)/L)⟩ (CPZ Eq. 15 with z_min = 0).
    pub fn visible_probability(&self, length_m: f64) -> Result<f64> {
        let length = self.fiducial_end_m - self.fiducial_start_m;
        decay_probability(length_m, 0.0, 0.0)?;
        if length_m == 0.0 {
            return Ok(1.0);
        }
        self.vertex_average("X decay probability in the fiducial volume", |u| {
            decay_probability(length_m, 0.0, length - u)
        })
    }

    /// Probability that an X of lab decay length `length_m` (m) survives to the end of the
    /// detector, averaged over the vertex: ⟨exp(−(z_det − z_K)/L)⟩ (CPZ Eq. 15, z_max = ∞).
    pub fn escape_probability(&self, length_m: f64) -> Result<f64> {
        decay_probability(length_m, 0.0, 0.0)?;
        if length_m == 0.0 {
            return Ok(0.0);
        }
        let reach = self.detector_end_m - self.fiducial_start_m;
        self.vertex_average("X survival to the end of the detector", |u| {
            decay_probability(length_m, reach - u, f64::INFINITY)
        })
    }
}
