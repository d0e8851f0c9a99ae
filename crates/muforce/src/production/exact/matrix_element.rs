//! Spin-summed squared matrix elements of μN → μNX in the numerically stable R-form.
//!
//! With the nucleus current e F(t) P^μ and photon exchange, the two-diagram amplitude gives
//! ⟨|M|²⟩ = 8π²α²g² G₂(t) T_X(P)/t² (REFERENCE §1.4; GKSST arXiv:1906.09272 Eqs. S15–S16;
//! Liu–McKeen–Miller arXiv:1609.06781; Liu–Miller arXiv:1705.01633). With the building blocks
//!
//! B₁ = [t(s̃+ũ)²P² − 4(ũ p·P + s̃ p′·P)²]/(s̃ũ)²,  C = [(s̃+ũ)²P² − 4t(k·P)²]/(s̃ũ),
//! B₂ = [P²((s̃+t)² + (ũ+t)² − 4m_X²t) − 4t((p·P)² + (p′·P)²)]/(s̃ũ),
//!
//! the four couplings give
//!
//! * scalar g ψ̄ψ X:            T_S = 2{(m_X² − 4m²) B₁ + C}           (REFERENCE §1.4)
//! * pseudoscalar i g ψ̄γ⁵ψ X:   T_P = 2{m_X² B₁ + C}                   (derived here)
//! * vector g ψ̄γ^aψ X_a:        T_V = 4{(m_X² + 2m²) B₁ + B₂}          (REFERENCE §1.4)
//! * axial g ψ̄γ^aγ⁵ψ X_a:       T_A = 4{(m_X² − 6m²) B₁ + B₂ + 16m² tP²/(s̃ũ)}
//!   + (4m²/m_X²) T_P                                                    (derived here)
//!
//! T_P and T_A were derived for this crate and are checked against an explicit 4×4
//! Dirac-matrix evaluation of the two diagrams (test module `tests::dirac`). The last term of
//! T_A is the longitudinal k^a k^b/m_X² part of the polarisation sum: the axial current is not
//! conserved, k_a A^a = 2m × (pseudoscalar amplitude). In the collinear limit these reduce to
//! the 2→2 forms A_P, A_A of Liu–Miller (REFERENCE §3.1; test `tests::collinear`).
//!
//! Current conservation gives T_X(P) = (4M²/t²) T_X(P → R) with R = (|q⃗|², q₀q⃗)
//! (REFERENCE §1.5); the functions here return T̃ = T_X(R)/t², so that
//! T_X(P) = 4M² T̃ and ⟨|M|²⟩ = 32π²α²g²M² G₂ T̃/t². In terms of the [`Recoil`] quantities:
//! R² = t²Q̂, p·R = tπ, p′·R = tπ′, ũ p·R + s̃ p′·R = tY′, so
//! B₁/t² = (tQ̂Σ² − 4Y′²)/D², C/t² = −4tQ̂(m_X² + k⊥²)/D,
//! B₂/t² = Q̂(Σ² + 2tΣ + 2t² − 4m_X²t)/D − 2Q̂ − 4t(π² + π′²)/D, with D = s̃ũ, Σ = s̃ + ũ.
//! The C form avoids the cancellation in Σ²Q² − 4(k·R)²: with R = t n + q₀q (n the lab time
//! axis) and Σ = −2k·q this equals −4tQ²(k₀² − (k⃗·q̂)²) = −4tQ²(m_X² + k⊥²), where
//! k⊥² = |k⃗ × q̂|² = |V⃗|² sin²θ_Vq (k⃗ = V⃗ − q⃗); it is manifestly ≥ 0 since D < 0.

// Always inlined where marked: the lane arithmetic must be compiled inside each
// instruction-set clone of `numerics::simd_path` (a call out of the clone runs the
// portable build's code).
#![allow(clippy::inline_always)]

use super::azimuth::{self, Method, Moments};
use super::kinematics::{Point, Recoil};
use crate::model::Spin;
use crate::numerics::{Real, Simd};

/// The pieces of T̃ that depend on φ_q, either at one azimuth or averaged over it:
/// 1/D, 1/D², Y′²/D² and (π² + π′²)/D with D = s̃ũ.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pieces<T> {
    inv_d: T,
    inv_d2: T,
    y2_d2: T,
    pi2_d: T,
}

/// T̃_X = T_X(R)/t² at one azimuth, ≥ 0. T̃ is a sum of squares; where it vanishes (at the
/// kinematic boundary, for a nearly massless pseudoscalar) rounding can leave a negative
/// value of order 1e-16 of its terms, which is set to zero.
#[inline(always)]
pub(crate) fn reduced<T: Real>(
    spin: Spin,
    m: f64,
    mx: f64,
    recoil: &Recoil<T>,
    point: &Point<T>,
) -> T {
    unclamped(spin, m, mx, recoil, point).max(T::splat(0.0))
}

/// T̃_X = T_X(R)/t² at one azimuth as evaluated (see the module documentation).
#[inline(always)]
pub(crate) fn unclamped<T: Real>(
    spin: Spin,
    m: f64,
    mx: f64,
    recoil: &Recoil<T>,
    point: &Point<T>,
) -> T {
    let Point { s, u, y } = *point;
    let t = recoil.t;
    let inv_d = (s * u).recip();
    let pi = -((s + t) * recoil.inv_4m) + recoil.e;
    let pi_out = (u + t) * recoil.inv_4m + recoil.e_out;
    let pieces = Pieces {
        inv_d,
        inv_d2: inv_d * inv_d,
        y2_d2: y * y * inv_d * inv_d,
        pi2_d: (pi * pi + pi_out * pi_out) * inv_d,
    };
    combine(spin, m, mx, recoil, &pieces)
}

/// ⟨T̃_X⟩_φ in closed form from the exact φ averages (see [`azimuth::moments`]), ≥ 0.
/// With π = π_s − s̃/4M, π′ = π_u + ũ/4M (π_s = E − t/4M, π_u = E′ + t/4M) and
/// s̃/ũ = Σ/ũ − 1: ⟨(π² + π′²)/D⟩ = (π_s² + π_u²)⟨1/D⟩ − (2π_s/4M)⟨1/ũ⟩ + (2π_u/4M)⟨1/s̃⟩
/// + (Σ(⟨1/s̃⟩ + ⟨1/ũ⟩) − 2)/(4M)².
#[inline(always)]
pub(crate) fn averaged<T: Real>(
    spin: Spin,
    m: f64,
    mx: f64,
    recoil: &Recoil<T>,
    moments: &Moments<T>,
) -> T {
    let t = recoil.t;
    let k = recoil.inv_4m;
    let pi_s = -(t * k) + recoil.e;
    let pi_u = t * k + recoil.e_out;
    let pi2_d = (pi_s * pi_s + pi_u * pi_u) * moments.inv_d - pi_s * moments.inv_u * (2.0 * k)
        + pi_u * moments.inv_s * (2.0 * k)
        + (recoil.sigma * (moments.inv_s + moments.inv_u) - 2.0) * (k * k);
    let pieces = Pieces {
        inv_d: moments.inv_d,
        inv_d2: moments.inv_d2,
        y2_d2: moments.y2_d2,
        pi2_d,
    };
    combine(spin, m, mx, recoil, &pieces).max(T::splat(0.0))
}

/// ⟨T̃_X⟩_φ with an estimate of its relative error: in closed form ([`azimuth::moments`]),
/// by the midpoint rule of [`azimuth::average`] where rounding has put a pole on the range.
pub(crate) fn azimuthal_average(spin: Spin, m: f64, mx: f64, recoil: &Recoil) -> (f64, f64) {
    match azimuth::moments(recoil) {
        Some(moments) => (
            averaged(spin, m, mx, recoil, &moments),
            azimuth::CLOSED_FORM_ERROR,
        ),
        None => azimuth::average(recoil, |point| reduced(spin, m, mx, recoil, point)),
    }
}

/// [`azimuthal_average`]'s value at `N` t at once (lanes `L`): each method that some lane needs
/// is evaluated over all the lanes, and each lane takes the value of its own.
#[inline(always)]
pub(crate) fn azimuthal_average_lanes<L: Simd<N>, const N: usize>(
    spin: Spin,
    m: f64,
    mx: f64,
    recoil: &Recoil<L>,
) -> L {
    match azimuth::moments(recoil) {
        Some(moments) => averaged(spin, m, mx, recoil, &moments),
        None => mixed_methods_lanes(spin, m, mx, recoil),
    }
}

/// [`azimuthal_average_lanes`] where some lane needs the midpoint rule (a pole on the range by
/// rounding): rare, so kept out of line (the closed form stays small enough to inline).
#[inline(never)]
fn mixed_methods_lanes<L: Simd<N>, const N: usize>(
    spin: Spin,
    m: f64,
    mx: f64,
    recoil: &Recoil<L>,
) -> L {
    let [a_s, a_u, b] = [recoil.a_s, recoil.a_u, recoil.b].map(L::store);
    let methods: [Method; N] = std::array::from_fn(|i| Method::of(a_s[i], a_u[i], b[i]));
    let mut values = [0.0; N];
    for i in 0..N {
        if methods[..i].contains(&methods[i]) {
            continue;
        }
        let all = match methods[i] {
            Method::ClosedForm => {
                averaged(spin, m, mx, recoil, &azimuth::moments_unchecked(recoil))
            }
            Method::Midpoint { level } => {
                azimuth::midpoint(recoil, level, |point| reduced(spin, m, mx, recoil, point))
            }
        }
        .store();
        for j in i..N {
            if methods[j] == methods[i] {
                values[j] = all[j];
            }
        }
    }
    L::load(values)
}

/// T̃ from its φ-dependent pieces (module documentation).
#[inline(always)]
fn combine<T: Real>(spin: Spin, m: f64, mx: f64, recoil: &Recoil<T>, pieces: &Pieces<T>) -> T {
    let t = recoil.t;
    let q_hat = recoil.q_hat;
    let sigma = recoil.sigma;
    let m2 = m * m;
    let mx2 = mx * mx;
    let b1 = t * q_hat * sigma * sigma * pieces.inv_d2 - pieces.y2_d2 * 4.0;
    let c = -((t * q_hat * mx2 + recoil.q2_k_perp2) * pieces.inv_d) * 4.0;
    match spin {
        Spin::Scalar => (b1 * (mx2 - 4.0 * m2) + c) * 2.0,
        Spin::Pseudoscalar => (b1 * mx2 + c) * 2.0,
        Spin::Vector | Spin::AxialVector => {
            let b2 = q_hat
                * (sigma * sigma + t * sigma * 2.0 + t * t * 2.0 - t * (4.0 * mx2))
                * pieces.inv_d
                - q_hat * 2.0
                - t * pieces.pi2_d * 4.0;
            if spin == Spin::Vector {
                (b1 * (mx2 + 2.0 * m2) + b2) * 4.0
            } else {
                let t_p = (b1 * mx2 + c) * 2.0;
                (b1 * (mx2 - 6.0 * m2) + b2 + t * q_hat * pieces.inv_d * (16.0 * m2)) * 4.0
                    + t_p * (4.0 * m2 / mx2)
            }
        }
    }
}
