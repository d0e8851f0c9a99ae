//! Lab-frame kinematics of μ(p) N(P_i) → μ(p′) N(P_f) X(k) at fixed outgoing muon
//! (E′, θ) and fixed momentum transfer t (REFERENCE §1.1–1.2; GKSST arXiv:1906.09272
//! Eqs. S9–S14 with the corrections listed in REFERENCE §9).
//!
//! Every quantity that can suffer cancellations is computed in a stable form:
//! 1 − cos θ = 2 sin²(θ/2), E E′ − |p||p′| = m²(E² + E′² − m²)/(E E′ + |p||p′|),
//! |p| − |p′| = (E − E′)(E + E′)/(|p| + |p′|), the threshold excess
//! W² − (M + m_X)² = 2M(V₀ − m_X) + V² − m_X², and the t limits from
//! t_min t_max = M²Δ²/W² with Δ = m_X² − V² (the product of the roots of
//! sin²θ_Vq(t) = 0, derived from REFERENCE §1.1).

// Always inlined where marked: the lane arithmetic must be compiled inside each
// instruction-set clone of `numerics::simd_path` (a call out of the clone runs the
// portable build's code).
#![allow(clippy::inline_always)]

use crate::numerics::Real;

/// Fixed masses of one process: muon m, mediator m_X, nucleus M (GeV).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Masses {
    /// Muon mass.
    pub m: f64,
    /// Mediator mass.
    pub mx: f64,
    /// Nucleus mass.
    pub big_m: f64,
}

/// Beam energy E and momentum |p|.
pub(crate) fn momentum(energy: f64, mass: f64) -> f64 {
    ((energy - mass) * (energy + mass)).max(0.0).sqrt()
}

/// Kinematics fixed by the beam and the outgoing muon (E′, θ): V = p − p′, W, t range and the
/// projections needed to build the recoil momentum (REFERENCE §1.1–1.2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct MuonFrame {
    /// Beam energy E and momentum |p|.
    pub e: f64,
    pub p: f64,
    /// Outgoing muon energy E′ and momentum |p′|.
    pub e_out: f64,
    pub p_out: f64,
    /// V₀ = E − E′ and |V⃗|.
    pub v0: f64,
    pub v_abs: f64,
    /// V² = (p − p′)² (≤ 0).
    pub v2: f64,
    /// Δ = m_X² − V² (> 0).
    pub delta: f64,
    /// W² = M² + 2MV₀ + V².
    pub w2: f64,
    /// Recoil-momentum transfer limits t_min, t_max (GeV²).
    pub t_min: f64,
    pub t_max: f64,
    /// p⃗·V̂, p⃗·ê₁ (= p⃗′·ê₁) with ê₁ = ê₂ × V̂, ê₂ the normal of the scattering plane.
    pub p_v: f64,
    pub p_e1: f64,
    /// n⃗·V̂ with n = εp′ − ε′p taken at q₀ = 0, split as n⃗ = n⃗⁽⁰⁾ − (q₀/2)(p⃗′ + p⃗);
    /// these are the two projections: n⁽⁰⁾·V̂ and (p⃗′ + p⃗)·V̂.
    pub n0_v: f64,
    pub sum_v: f64,
    /// 1/M, 1/(2|V⃗|) and (W²/M²)/(4|V⃗|²), fixed per frame for [`Self::poles`].
    inv_m: f64,
    inv_2v: f64,
    sin_scale: f64,
}

impl MuonFrame {
    /// Builds the frame, or `None` when (E′, θ) is outside the physical region
    /// (W < M + m_X, E′ ≤ m or E′ ≥ E).
    pub fn new(masses: &Masses, e: f64, e_out: f64, theta: f64) -> Option<Self> {
        if !(0.0..=std::f64::consts::PI).contains(&theta) {
            return None;
        }
        Self::from_half_angle(masses, e, e_out, (0.5 * theta).sin_cos())
    }

    /// [`Self::new`] from (sin(θ/2), cos(θ/2)), both in [0, 1], which give sin θ = 2 sin(θ/2)
    /// cos(θ/2) and 1 − cos θ = 2 sin²(θ/2) without further trigonometry.
    pub fn from_half_angle(
        masses: &Masses,
        e: f64,
        e_out: f64,
        (sin_half, cos_half): (f64, f64),
    ) -> Option<Self> {
        let Masses { m, mx, big_m } = *masses;
        if !(e_out > m && e_out < e && sin_half >= 0.0 && cos_half >= 0.0) {
            return None;
        }
        let p = momentum(e, m);
        let p_out = momentum(e_out, m);
        let one_minus_cos = 2.0 * sin_half * sin_half;
        let sin_t = 2.0 * sin_half * cos_half;
        let cos_t = 1.0 - one_minus_cos;
        // E E′ − |p||p′| cos θ, stable.
        let ee_pp = m * m * (e * e + e_out * e_out - m * m) / (e * e_out + p * p_out);
        let v2 = 2.0 * m * m - 2.0 * (ee_pp + p * p_out * one_minus_cos);
        let v0 = e - e_out;
        // V⃗ = (−|p′| sin θ, 0, |p| − |p′| cos θ).
        let vx = -p_out * sin_t;
        let vz = v0 * (e + e_out) / (p + p_out) + p_out * one_minus_cos;
        let v_abs = (vx * vx + vz * vz).sqrt();
        let delta = mx * mx - v2;
        let excess = 2.0 * big_m * (v0 - mx) + v2 - mx * mx;
        if !(excess > 0.0 && v_abs > 0.0) {
            return None;
        }
        let w2 = big_m * big_m + 2.0 * big_m * v0 + v2;
        let lambda = excess * (excess + 4.0 * big_m * mx);
        // REFERENCE §1.2: Q_max, then t_max = 2MQ²/(√(M²+Q²) + M); t_min from the product.
        let q_max =
            (v_abs * (w2 + big_m * big_m - mx * mx) + (v0 + big_m) * lambda.sqrt()) / (2.0 * w2);
        let t_max = 2.0 * big_m * q_max * q_max / ((big_m * big_m + q_max * q_max).sqrt() + big_m);
        let t_min = big_m * big_m * delta * delta / (w2 * t_max);
        let inv_v = 1.0 / v_abs;
        let p_v = p * vz * inv_v;
        let p_e1 = p * p_out * sin_t * inv_v;
        // n⁽⁰⁾ = E p⃗′ − E′ p⃗ = (E|p′| sin θ, 0, E|p′| cos θ − E′|p|), z part stable.
        let e_pp = m * m * (e_out * e_out - e * e) / (e * p_out + e_out * p);
        let n0x = e * p_out * sin_t;
        let n0z = e_pp - e * p_out * one_minus_cos;
        let n0_v = (n0x * vx + n0z * vz) * inv_v;
        let sum_v = (p_out * sin_t * vx + (p_out * cos_t + p) * vz) * inv_v;
        let inv_m = 1.0 / big_m;
        let inv_2v = 0.5 * inv_v;
        Some(MuonFrame {
            e,
            p,
            e_out,
            p_out,
            v0,
            v_abs,
            v2,
            delta,
            w2,
            t_min,
            t_max,
            p_v,
            p_e1,
            n0_v,
            sum_v,
            inv_m,
            inv_2v,
            sin_scale: w2 * inv_m * inv_m * inv_2v * inv_2v,
        })
    }

    /// The propagator coefficients at momentum transfer t ∈ [t_min, t_max]: s̃ = a_s + b cos φ_q
    /// and ũ = a_u − b cos φ_q, with the recoil kinematics they come from (one t or several).
    #[inline(always)]
    pub fn poles<T: Real>(&self, t: T) -> Poles<T> {
        let inv_m = self.inv_m;
        let q0 = t * (0.5 * inv_m);
        let q_hat = t * (0.25 * inv_m * inv_m) + 1.0; // Q²/t
        let q2 = t * q_hat;
        let q = q2.sqrt();
        // |q⃗| cos θ_Vq = (Δ + t + 2V₀q₀)/(2|V⃗|), within ±|q⃗| against rounding at the ends.
        let q_cos = ((t + q0 * (2.0 * self.v0) + self.delta) * self.inv_2v)
            .max(-q)
            .min(q);
        // |q⃗|² sin²θ_Vq = (W²/M²)(t − t_min)(t_max − t)/(4|V⃗|²), zero at both ends.
        let q_sin2 = ((t - self.t_min) * (-t + self.t_max) * self.sin_scale)
            .max(T::splat(0.0))
            .min(q2);
        // s̃ = 2p⃗·q⃗ − 2Eq₀ − t and ũ = 2E′q₀ − 2p⃗′·q⃗ − t, each = a ± b cos φ_q.
        let b = q_sin2.sqrt() * (2.0 * self.p_e1);
        let a_s = q_cos * (2.0 * self.p_v) - q0 * (2.0 * self.e) - t;
        Poles {
            q0,
            q_hat,
            q_cos,
            q_sin2,
            a_s,
            a_u: -t - a_s + self.delta,
            b,
        }
    }

    /// The recoil configuration at momentum transfer t ∈ [t_min, t_max] (one t or several).
    #[inline(always)]
    pub fn recoil<T: Real>(&self, t: T) -> Recoil<T> {
        let poles = self.poles(t);
        let q0 = poles.q0;
        let sigma = -t + self.delta;
        // Y′ = ε ũ + ε′ s̃ = 2 n·q − t(ε + ε′), n = εp′ − ε′p, ε = E − q₀/2, ε′ = E′ + q₀/2.
        let e_k = -q0 + self.v0;
        let n_time = q0 * (-0.5 * (self.e + self.e_out));
        let n_v = -(q0 * (0.5 * self.sum_v)) + self.n0_v;
        let y0 = (n_time * q0 - poles.q_cos * n_v) * 2.0 - t * (self.e + self.e_out);
        Recoil {
            t,
            q_hat: poles.q_hat,
            sigma,
            a_s: poles.a_s,
            a_u: poles.a_u,
            b: poles.b,
            y0,
            y1: -e_k * poles.b,
            q2_k_perp2: poles.q_sin2 * (self.v_abs * self.v_abs),
            e: self.e,
            e_out: self.e_out,
            inv_4m: 0.25 * self.inv_m,
        }
    }
}

/// The propagator coefficients at one t (see [`MuonFrame::poles`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Poles<T = f64> {
    pub q0: T,
    /// Q²/t.
    pub q_hat: T,
    /// |q⃗| cos θ_Vq and |q⃗|² sin²θ_Vq, θ_Vq the angle between q⃗ and V⃗.
    pub q_cos: T,
    pub q_sin2: T,
    pub a_s: T,
    pub a_u: T,
    pub b: T,
}

/// The recoil at fixed t: everything the matrix element needs, as functions of cos φ_q.
///
/// s̃ = a_s + b cos φ, ũ = a_u − b cos φ, Y′ = y0 + y1 cos φ; p·R = t(E − (s̃+t)/4M),
/// p′·R = t(E′ + (ũ+t)/4M) and R² = t² Q̂ with Q̂ = Q²/t (REFERENCE §1.5 with
/// R = (|q⃗|², q₀ q⃗); the p·R, p′·R forms follow from R·q = 0 and s̃ = −2p·q − t).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Recoil<T = f64> {
    pub t: T,
    pub q_hat: T,
    /// Σ = s̃ + ũ = m_X² − V² − t.
    pub sigma: T,
    pub a_s: T,
    pub a_u: T,
    pub b: T,
    pub y0: T,
    pub y1: T,
    /// |q⃗|²|k⃗ × q̂|² = |q⃗|²|V⃗|² sin²θ_Vq, with |k⃗ × q̂| the X momentum transverse to q⃗.
    pub q2_k_perp2: T,
    pub e: f64,
    pub e_out: f64,
    /// 1/(4M).
    pub inv_4m: f64,
}

/// The invariants at one azimuth (one t or several).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point<T = f64> {
    pub s: T,
    pub u: T,
    pub y: T,
}

impl<T: Real> Recoil<T> {
    /// s̃, ũ, Y′ at cos φ_q = `c`.
    #[inline(always)]
    pub fn at(&self, c: f64) -> Point<T> {
        Point {
            s: self.a_s + self.b * c,
            u: self.a_u - self.b * c,
            y: self.y0 + self.y1 * c,
        }
    }
}
