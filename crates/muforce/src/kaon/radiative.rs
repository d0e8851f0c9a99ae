//! Inner bremsstrahlung of K⁺ → μ⁺νγ, the radiative tail of K⁺ → μ⁺ν that fakes a large
//! missing mass when the photon is not detected (NA62 slides; arXiv:1902.07715).
//!
//! Variables (Bijnens, Ecker, Gasser, Nucl. Phys. B 396 (1993) 81, "BEG"; also the DAΦNE
//! physics handbook chapter on K_l2γ): x = 2E_γ/m_K, y = 2E_μ/m_K in the kaon rest frame,
//! r = m_μ²/m_K². The missing mass is m²_miss = (P − p_μ)² = m_K²(1 + r − y). Only the
//! inner-bremsstrahlung (IB) part is kept: the structure-dependent terms are suppressed for
//! K_μ2γ at small photon energy (BEG) and the IB is what the NA62 slides name as the background.
//!
//! Photon-energy cutoff: the IB spectrum diverges like 1/E_γ. In m²_miss the divergence sits at
//! m²_miss = 0 only (the softest photon at fixed m²_miss has E_γ ≥ m²_miss/(2m_K)), so the
//! missing-mass density is finite for m²_miss > 0; an explicit cutoff E_γ > E_cut is needed for
//! integrated IB rates ([`ib_fraction_above`]) and can be imposed on the density too.

use crate::error::{Error, Result};
use crate::numerics::{integrate, Integral, Tolerance};
use crate::units::{ALPHA, M_K, M_MU};
use std::f64::consts::PI;

fn r_mu() -> f64 {
    (M_MU / M_K).powi(2)
}

/// The IB Dalitz density f_IB(x, y) of BEG (1993) (the standard form quoted by PDG and the
/// K_l2γ experiments):
/// f_IB = (1 − y + r)/(x² (x + y − 1 − r)) · [x² + 2(1 − x)(1 − r) − 2x r (1 − r)/(x + y − 1 − r)],
/// with (1/Γ(K→μν)) d²Γ_IB/dx dy = α/(2π) · f_IB/(1 − r)². Zero outside the physical region.
pub fn ib_density(x: f64, y: f64) -> f64 {
    let r = r_mu();
    let z = x + y - 1.0 - r;
    if x <= 0.0 || z <= 0.0 {
        return 0.0;
    }
    (1.0 - y + r) / (x * x * z)
        * (x * x + 2.0 * (1.0 - x) * (1.0 - r) - 2.0 * x * r * (1.0 - r) / z)
}

fn ib_norm() -> f64 {
    ALPHA / (2.0 * PI) / (1.0 - r_mu()).powi(2)
}

/// Photon spectrum (1/Γ(K→μν)) dΓ_IB/dx at x = 2E_γ/m_K, 0 < x < 1 − r: f_IB integrated over
/// y from (1 − x) + r/(1 − x) to 1 + r (the Dalitz boundary of K → μνγ).
pub fn ib_photon_spectrum(x: f64) -> Result<Integral> {
    let r = r_mu();
    if !(x.is_finite() && x > 0.0 && x < 1.0 - r) {
        return Err(Error::out_of_range(
            "x = 2 E_gamma / m_K",
            x,
            format!("must lie in (0, {:.6})", 1.0 - r),
        ));
    }
    let y_lo = (1.0 - x) + r / (1.0 - x);
    let y_hi = 1.0 + r;
    let inner = integrate(
        "K -> mu nu gamma IB photon spectrum",
        |y| ib_density(x, y),
        y_lo,
        y_hi,
        Tolerance::relative(1e-10),
    )?;
    let c = ib_norm();
    Ok(Integral {
        value: c * inner.value,
        error: c * inner.error,
        evaluations: inner.evaluations,
    })
}

/// Γ(K⁺→μ⁺νγ, IB, E_γ > E_cut)/Γ(K⁺→μ⁺ν) for a photon-energy cutoff E_cut (kaon rest frame,
/// GeV, 0 < E_cut < (m_K² − m_μ²)/(2m_K)): [`ib_photon_spectrum`] integrated over x.
pub fn ib_fraction_above(e_cut_gev: f64) -> Result<Integral> {
    let r = r_mu();
    let e_max = (1.0 - r) * M_K / 2.0;
    if !(e_cut_gev.is_finite() && e_cut_gev > 0.0 && e_cut_gev < e_max) {
        return Err(Error::out_of_range(
            "photon energy cutoff",
            e_cut_gev,
            format!("must lie in (0, {e_max:.6}) GeV"),
        ));
    }
    let mut worst = 0.0_f64;
    let outer = crate::numerics::try_integrate(
        "K -> mu nu gamma IB rate",
        |x| {
            let s = ib_photon_spectrum(x)?;
            worst = worst.max(s.relative_error());
            Ok(s.value)
        },
        2.0 * e_cut_gev / M_K,
        1.0 - r,
        Tolerance::relative(1e-8),
    )?;
    Ok(Integral {
        value: outer.value,
        error: outer.error + worst * outer.value,
        evaluations: outer.evaluations,
    })
}

/// Probability that the radiative photon escapes the photon veto, as a function of its energy in
/// the kaon rest frame:
/// η(E) = floor + (1 − floor) · exp(−E/soft_scale).
///
/// Assumptions (documented, not measured): soft photons (rest-frame energies of a few MeV, lab
/// energies below ~1 GeV for the 75 GeV NA62 beam) escape with probability near one; harder
/// photons are missed with a constant probability `floor` (geometric holes, punch-through and
/// inefficiency of the LAV/LKr/IRC/SAC system). NA62 quotes single-photon inefficiencies of
/// 10⁻³–10⁻⁵ depending on energy and detector, so the default floor is 10⁻³ with a 10 MeV
/// soft scale; both are configurable. `floor = 1` means no photon veto.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhotonVeto {
    /// Inefficiency for hard photons, in [0, 1].
    pub floor: f64,
    /// Rest-frame energy scale (GeV) below which photons escape; ≥ 0 (0: no soft rise).
    pub soft_scale_gev: f64,
}

impl Default for PhotonVeto {
    fn default() -> Self {
        PhotonVeto {
            floor: 1e-3,
            soft_scale_gev: 0.010,
        }
    }
}

impl PhotonVeto {
    /// No veto at all: every photon is missed.
    pub fn none() -> Self {
        PhotonVeto {
            floor: 1.0,
            soft_scale_gev: 0.0,
        }
    }

    /// Checks the fields.
    pub fn validate(&self) -> Result<()> {
        crate::error::within("photon veto floor", self.floor, 0.0, 1.0)?;
        crate::error::non_negative("photon veto soft scale (GeV)", self.soft_scale_gev)?;
        Ok(())
    }

    /// η(E_γ): the probability that a photon of rest-frame energy `e_gamma_gev` is missed.
    pub fn inefficiency(&self, e_gamma_gev: f64) -> f64 {
        if self.soft_scale_gev > 0.0 {
            self.floor + (1.0 - self.floor) * (-e_gamma_gev / self.soft_scale_gev).exp()
        } else {
            self.floor
        }
    }
}

/// (1/Γ(K→μν)) dΓ(K⁺→μ⁺νγ, γ missed)/dm²_miss in GeV⁻² at m²_miss = `m2_miss` > 0: with
/// y = 1 + r − m²_miss/m_K², the IB density integrated over the photon energies allowed at that
/// y, x ∈ [1 − y/2 − ½√(y² − 4r), 1 − y/2 + ½√(y² − 4r)] (the massless ν–γ pair of invariant mass
/// m_miss), weighted with the veto inefficiency η(x m_K/2) and restricted to E_γ > `e_cut_gev`.
pub fn ib_missing_mass_density(m2_miss: f64, veto: &PhotonVeto, e_cut_gev: f64) -> Result<f64> {
    veto.validate()?;
    crate::error::non_negative("photon energy cutoff", e_cut_gev)?;
    let r = r_mu();
    let s_max = (M_K - M_MU).powi(2);
    if !m2_miss.is_finite() {
        return Err(Error::out_of_range("m_miss^2", m2_miss, "must be finite"));
    }
    if m2_miss <= 0.0 || m2_miss >= s_max {
        return Ok(0.0);
    }
    let y = 1.0 + r - m2_miss / (M_K * M_K);
    let root = (y * y - 4.0 * r).max(0.0).sqrt();
    let x_lo = (1.0 - y / 2.0 - root / 2.0).max(2.0 * e_cut_gev / M_K);
    let x_hi = 1.0 - y / 2.0 + root / 2.0;
    if x_lo >= x_hi {
        return Ok(0.0);
    }
    let inner = integrate(
        "K -> mu nu gamma missing-mass density",
        |x| ib_density(x, y) * veto.inefficiency(x * M_K / 2.0),
        x_lo,
        x_hi,
        Tolerance::relative(1e-9),
    )?;
    Ok(ib_norm() * inner.value / (M_K * M_K))
}

/// Low's soft-photon limit of the IB photon spectrum, used as an independent check:
/// E_γ (1/Γ(K→μν)) dΓ/dE_γ → (α/π)[(1/β) ln((1+β)/(1−β)) − 2] as E_γ → 0, with
/// β = (m_K² − m_μ²)/(m_K² + m_μ²) the muon velocity in K → μν (eikonal current of a charge
/// moving from rest to velocity β, F. E. Low, Phys. Rev. 110 (1958) 974; Jackson, *Classical Electrodynamics*, ch. 15).
pub fn soft_photon_limit() -> f64 {
    let r = r_mu();
    let beta = (1.0 - r) / (1.0 + r);
    ALPHA / PI * (((1.0 + beta) / (1.0 - beta)).ln() / beta - 2.0)
}
