//! The NA62 single-muon background in m²_miss: the K⁺ → μ⁺ν peak smeared by the resolution plus
//! the K⁺ → μ⁺νγ inner-bremsstrahlung tail with a missed photon, reduced by the beam tracker
//! above the trigger cut (NA62 slides, seed 004: "main background comes from the radiative tail
//! of K⁺ → μ⁺ν"; "GTK will give a background reduction of roughly 1/4 at m²_miss > 2.3e-2 GeV²").

use super::radiative::{ib_missing_mass_density, PhotonVeto};
use super::rate::BR_K_MU_NU;
use super::resolution::MissingMassResolution;
use crate::error::{Error, Result};
use crate::memo::Memo;
use crate::numerics::{try_integrate, Tolerance};

/// Background fractions by model and window, kept for the process.
static FRACTIONS: Memo<f64> = Memo::new(1 << 14);

/// L1 trigger cut of the NA62 slides: m²_miss > 2.3 × 10⁻² GeV².
pub const L1_CUT_M2: f64 = 2.3e-2;
/// Background reduction by the GTK kaon tracking above the L1 cut (NA62 slides): 1/4.
pub const GTK_FACTOR: f64 = 0.25;

/// Background model of the invisible search, per K⁺ decay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackgroundModel {
    /// Photon-veto inefficiency for the K⁺ → μ⁺νγ photon.
    pub veto: PhotonVeto,
    /// Width of the K⁺ → μ⁺ν peak.
    pub resolution: MissingMassResolution,
    /// Lower photon-energy cutoff (kaon rest frame, GeV) of the IB part; 0 keeps all photons
    /// (finite for m²_miss > 0).
    pub photon_energy_cut_gev: f64,
    /// Factor applied to the background above `gtk_threshold_m2` (GTK kaon tracking).
    pub gtk_factor: f64,
    /// m²_miss (GeV²) above which `gtk_factor` applies.
    pub gtk_threshold_m2: f64,
}

impl Default for BackgroundModel {
    fn default() -> Self {
        BackgroundModel {
            veto: PhotonVeto::default(),
            resolution: MissingMassResolution::default(),
            photon_energy_cut_gev: 0.0,
            gtk_factor: GTK_FACTOR,
            gtk_threshold_m2: L1_CUT_M2,
        }
    }
}

impl BackgroundModel {
    /// Checks every field.
    pub fn validate(&self) -> Result<()> {
        self.veto.validate()?;
        self.resolution.validate()?;
        crate::error::non_negative("photon energy cutoff (GeV)", self.photon_energy_cut_gev)?;
        crate::error::within("GTK background factor", self.gtk_factor, 0.0, 1.0)?;
        crate::error::finite("GTK threshold m_miss^2 (GeV^2)", self.gtk_threshold_m2)?;
        Ok(())
    }

    /// Background per K⁺ decay per GeV² at m²_miss: BR(K→μν) × [peak density + IB density with
    /// a missed photon], times the GTK factor above its threshold.
    pub fn density(&self, m2_miss: f64) -> Result<f64> {
        let ib = ib_missing_mass_density(m2_miss, &self.veto, self.photon_energy_cut_gev)?;
        let peak = self.resolution.peak_density(m2_miss);
        let gtk = if m2_miss > self.gtk_threshold_m2 {
            self.gtk_factor
        } else {
            1.0
        };
        Ok(BR_K_MU_NU * (ib + peak) * gtk)
    }

    /// Background per K⁺ decay with `lo < m²_miss < hi` (GeV²).
    pub fn fraction_in(&self, lo: f64, hi: f64) -> Result<f64> {
        self.validate()?;
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err(Error::out_of_range(
                "m_miss^2 window",
                format!("[{lo}, {hi}]"),
                "needs finite edges with lower < upper (GeV^2)",
            ));
        }
        // Every model and scenario of a scan asks for the same windows: keep them.
        FRACTIONS.get_or_build(format!("{:?}", (self, lo, hi)), || {
            self.integrate_fraction(lo, hi)
        })
    }

    /// [`Self::fraction_in`] of a valid window, computed.
    fn integrate_fraction(&self, lo: f64, hi: f64) -> Result<f64> {
        let gtk = |s: f64| {
            if s > self.gtk_threshold_m2 {
                self.gtk_factor
            } else {
                1.0
            }
        };
        // The peak analytically (per side of the GTK threshold), the IB tail by quadrature.
        let t = self.gtk_threshold_m2;
        let peak = if t > lo && t < hi {
            self.resolution.peak_fraction(lo, t)
                + self.gtk_factor * self.resolution.peak_fraction(t, hi)
        } else {
            gtk(0.5 * (lo + hi)) * self.resolution.peak_fraction(lo, hi)
        };
        // Split at the GTK threshold so each quadrature sees a smooth integrand.
        let ib_lo = lo.max(0.0);
        let mut edges = vec![ib_lo];
        if t > ib_lo && t < hi {
            edges.push(t);
        }
        edges.push(hi);
        let mut ib = 0.0;
        for pair in edges.windows(2) {
            if pair[0] < pair[1] {
                ib += try_integrate(
                    "K -> mu nu gamma background in the window",
                    |s| {
                        Ok(gtk(s)
                            * ib_missing_mass_density(s, &self.veto, self.photon_energy_cut_gev)?)
                    },
                    pair[0],
                    pair[1],
                    Tolerance::relative(1e-7).with_absolute(1e-30),
                )?
                .value;
            }
        }
        Ok(BR_K_MU_NU * (peak + ib))
    }
}
