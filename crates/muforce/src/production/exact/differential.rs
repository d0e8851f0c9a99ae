//! Differential cross sections of μN → μNX at tree level (REFERENCE §1.3):
//!
//! d²σ/(d|p′| d cos θ) = α²g²|p′|²/(64π|p|E′M²|V⃗|) ∫dt G₂(t)/t² ⟨T_X⟩_φ
//!                     = α²g²|p′|²/(16π|p|E′|V⃗|) ∫dt G₂(t)/t² ⟨T̃_X⟩_φ,
//!
//! the second line with the R-form T_X = 4M² T̃_X (REFERENCE §1.5), and from it
//! dσ/dx = E (E′/|p′|) dσ/d|p′| at E′ = E(1 − x) (GKSST arXiv:1906.09272 Eq. S12 with the
//! prefactor corrected in REFERENCE §1.3). The t integral runs in ln t, the muon angle in
//! ln θ, both with fixed Kronrod rules split at the physics scales (REFERENCE §1.5 advice).

use super::kinematics::{Masses, MuonFrame};
use super::matrix_element::{azimuthal_average, azimuthal_average_lanes};
use super::quadrature::{self, Estimate};
use crate::error::Result;
use crate::matter::FormFactor;
use crate::model::Spin;
use crate::numerics::{try_integrate, Simd, Tolerance};
use crate::production::Process;
use crate::units::{ALPHA, M_MU};
use std::f64::consts::PI;

/// Largest t kept: G₂ has fallen by (d/t)² ≲ 1e-7 of its plateau beyond it for any nucleus.
pub(super) const T_CAP_GEV2: f64 = 50.0;
/// Longest piece of the ln t integral, in e-folds.
const MAX_GAP: f64 = 4.5;
/// Halvings allowed in the t rule before its estimate is passed on as it is.
const T_HALVINGS: u32 = 1;

/// Everything fixed for one process at one beam energy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Setup {
    pub masses: Masses,
    pub spin: Spin,
    pub coupling2: f64,
    pub form_factor: FormFactor,
    pub energy: f64,
    pub momentum: f64,
    /// ln t of the fixed scales of the t integral: 1/a² (atomic screening), d (nuclear
    /// size) and m_X² + m² (see [`Self::t_breaks`]), computed once.
    ln_t_scales: [f64; 3],
    /// ln of [`T_CAP_GEV2`], the upper end of most t integrals, computed once.
    ln_t_cap: f64,
}

impl Setup {
    /// The setup of `process` at beam energy `energy` (validated by the caller).
    pub fn new(process: &Process, energy: f64) -> Self {
        let ff = &process.form_factor;
        let screening = ff.screening();
        let mx = process.mass_gev;
        Setup {
            masses: Masses {
                m: M_MU,
                mx,
                big_m: process.nucleus_mass_gev,
            },
            spin: process.spin,
            coupling2: process.coupling * process.coupling,
            form_factor: process.form_factor,
            energy,
            momentum: super::kinematics::momentum(energy, M_MU),
            ln_t_scales: [
                (1.0 / (screening * screening)).ln(),
                ff.nuclear_size().ln(),
                (mx * mx + M_MU * M_MU).ln(),
            ],
            ln_t_cap: T_CAP_GEV2.ln(),
        }
    }

    /// d²σ/(d|p′| d cos θ) in GeV⁻³ at outgoing energy `e_out` and angle `theta`, with the
    /// t integral to relative tolerance `rel_tol` or absolute tolerance `abs_tol` (GeV⁻³),
    /// whichever is looser. Zero outside the physical region.
    pub fn d2sigma_dp_dcos(
        &self,
        e_out: f64,
        theta: f64,
        rel_tol: f64,
        abs_tol: f64,
    ) -> Result<Estimate> {
        let Some(frame) = MuonFrame::new(&self.masses, self.energy, e_out, theta) else {
            return Ok(Estimate::default());
        };
        let prefactor = ALPHA * ALPHA * self.coupling2 * frame.p_out * frame.p_out
            / (16.0 * PI * frame.p * frame.e_out * frame.v_abs);
        let integral = self.t_integral(&frame, rel_tol, abs_tol / prefactor)?;
        Ok(integral.scaled(prefactor))
    }

    /// Breakpoints of the ln t integral over [t_min, min(t_max, 50 GeV²)] at the form-factor
    /// scales, m_X² + m², 20 t_min and around the ridge t = Δ, pieces at most `max_gap` long;
    /// `None` if the range is empty. Scales other than the ridge closer than `min_sep`
    /// e-folds to an end or to a scale already kept are dropped.
    pub fn t_breaks(
        &self,
        frame: &MuonFrame,
        max_gap: f64,
        min_sep: f64,
    ) -> Option<quadrature::Breaks> {
        let mut breaks = quadrature::Breaks::new();
        self.t_breaks_into(frame, max_gap, min_sep, &mut breaks)
            .then_some(breaks)
    }

    /// [`Self::t_breaks`] written into `breaks`; false (and `breaks` left as it was) if the
    /// range is empty.
    pub fn t_breaks_into(
        &self,
        frame: &MuonFrame,
        max_gap: f64,
        min_sep: f64,
        breaks: &mut quadrature::Breaks,
    ) -> bool {
        let t_hi = frame.t_max.min(T_CAP_GEV2);
        if t_hi <= frame.t_min || t_hi.is_nan() {
            return false;
        }
        let hi = if t_hi == T_CAP_GEV2 {
            self.ln_t_cap
        } else {
            t_hi.ln()
        };
        let lo = frame.t_min.ln();
        let mut scales = [0.0; quadrature::MAX_SCALES];
        let mut count = 0;
        let [screening, nuclear, mass] = self.ln_t_scales;
        for scale in [lo + 20f64.ln(), screening, nuclear, mass] {
            let apart = |other: f64| (scale - other).abs() >= min_sep;
            if apart(lo) && apart(hi) && scales[..count].iter().all(|&kept| apart(kept)) {
                scales[count] = scale;
                count += 1;
            }
        }
        // The ridges where s̃ or ũ comes close to its pole, near Σ = s̃ + ũ = 0 (t = Δ).
        super::ridge::graded_breaks(frame, &self.masses, lo, hi, &mut scales, &mut count);
        quadrature::breakpoints_into(lo, hi, &scales[..count], max_gap, breaks);
        true
    }

    /// The ln t integrand t · G₂(t)/t² ⟨T̃_X⟩_φ with the error of the φ average.
    #[inline]
    pub fn t_integrand(&self, frame: &MuonFrame, ln_t: f64) -> Estimate {
        let Masses { m, mx, .. } = self.masses;
        let t = ln_t.exp().clamp(frame.t_min, frame.t_max);
        let recoil = frame.recoil(t);
        let (avg, err) = azimuthal_average(self.spin, m, mx, &recoil);
        let (numerator, denominator) = self.form_factor.g2_fraction(t);
        let weight = numerator / (denominator * t);
        Estimate {
            value: weight * avg,
            error: weight * avg.abs() * err,
        }
    }

    /// [`Self::t_integrand`]'s value at `N` ln t at once (SIMD lanes `L`).
    // Always inlined: each instruction-set clone compiles it with its own features.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn t_integrand_lanes<L: Simd<N>, const N: usize>(
        &self,
        frame: &MuonFrame,
        ln_t: [f64; N],
    ) -> [f64; N] {
        let Masses { m, mx, .. } = self.masses;
        let t = L::load(ln_t)
            .exp()
            .max(L::splat(frame.t_min))
            .min(L::splat(frame.t_max));
        let recoil = frame.recoil(t);
        let avg = azimuthal_average_lanes::<L, N>(self.spin, m, mx, &recoil);
        let (numerator, denominator) = self.form_factor.g2_fraction(t);
        (numerator / (denominator * t) * avg).store()
    }

    /// ∫dt G₂(t)/t² ⟨T̃_X⟩_φ over [t_min, min(t_max, 50 GeV²)], in ln t.
    fn t_integral(&self, frame: &MuonFrame, rel_tol: f64, abs_tol: f64) -> Result<Estimate> {
        let Some(breaks) = self.t_breaks(frame, MAX_GAP, 0.0) else {
            return Ok(Estimate::default());
        };
        let integrand = |ln_t: f64| self.t_integrand(frame, ln_t);
        let fixed = quadrature::integrate(
            "exact t integral",
            &integrand,
            &breaks,
            rel_tol,
            abs_tol,
            T_HALVINGS,
        )?;
        if fixed.error <= (rel_tol * fixed.value.abs()).max(abs_tol) {
            return Ok(fixed);
        }
        // A ridge the fixed pieces do not resolve: adaptive Gauss–Kronrod piece by piece.
        let pieces = (breaks.len() - 1) as f64;
        let mut total = Estimate::default();
        for pair in breaks.windows(2) {
            let tolerance = Tolerance::relative(0.5 * rel_tol)
                .with_absolute(0.5 * abs_tol / pieces)
                .with_max_intervals(200);
            let part = try_integrate(
                "exact t integral",
                |u| Ok(integrand(u).value),
                pair[0],
                pair[1],
                tolerance,
            )?;
            total.value += part.value;
            total.error += part.error;
        }
        total.error += 1e-7 * total.value.abs();
        Ok(total)
    }
}
