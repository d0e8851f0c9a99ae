//! The average over the recoil azimuth φ_q, ⟨f⟩_φ = (1/2π)∫₀^{2π} dφ_q f (REFERENCE §1.3).
//!
//! The integrand is an even, periodic function of φ_q; it is rational in cos φ_q with poles
//! only where s̃ = a_s + b cos φ or ũ = a_u − b cos φ vanish, outside the real range
//! (s̃ > 0 > ũ). The midpoint rule on [0, π] with n nodes (= Gauss–Chebyshev in cos φ) then
//! converges geometrically, with error ≈ ρ^(−2n) for the nearest pole at |cos φ| = r,
//! ρ = r + √(r² − 1) (Trefethen & Weideman, SIAM Review 56 (2014) 385, Thm. 3.2). The node
//! count is chosen from ρ so that this bound is below [`TARGET`]; the bound is returned
//! as the relative error estimate.
//!
//! Near the ridge s̃ + ũ → 0 that takes hundreds of nodes, so the average is done in closed
//! form by [`moments`] wherever both poles are off the range (everywhere but where rounding
//! puts one on it); the midpoint rule on T̃ is the fallback.

// Always inlined where marked: the lane arithmetic must be compiled inside each
// instruction-set clone of `numerics::simd_path` (a call out of the clone runs the
// portable build's code).
#![allow(clippy::inline_always)]

use super::kinematics::{Point, Recoil};
use crate::numerics::Real;
use std::sync::OnceLock;

/// Requested relative accuracy of one azimuthal average.
const TARGET: f64 = 1e-5;
/// Node counts available: 1, 2, 4, …, 512.
const LEVELS: usize = 10;

fn cosines() -> &'static [Vec<f64>; LEVELS] {
    static TABLE: OnceLock<[Vec<f64>; LEVELS]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|level| {
            let n = 1usize << level;
            (0..n)
                .map(|j| ((j as f64 + 0.5) * std::f64::consts::PI / n as f64).cos())
                .collect()
        })
    })
}

/// How the φ average is taken at one recoil.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Method {
    /// The closed forms of [`moments`] (both poles off the range).
    ClosedForm,
    /// The midpoint rule of [`average`] with 2^`level` nodes.
    Midpoint { level: usize },
}

impl Method {
    /// The method at one recoil, from its s̃ = a_s + b cos φ and ũ = a_u − b cos φ.
    pub fn of(a_s: f64, a_u: f64, b: f64) -> Self {
        if closed_form_holds(a_s, a_u, b) {
            Method::ClosedForm
        } else {
            Method::Midpoint {
                level: midpoint_rule(a_s, a_u, b).0,
            }
        }
    }
}

/// The level of the midpoint rule (2^level nodes) for one recoil and the relative error
/// bound ρ^(−2n) it reaches: two nodes where both poles are more than 1000 |b| from the
/// range (practically constant in φ; exact for quadratics in cos φ), else the first
/// n = 2^level ≥ 4 with ρ^(−2n) ≤ [`TARGET`].
fn midpoint_rule(a_s: f64, a_u: f64, b: f64) -> (usize, f64) {
    let b = b.abs();
    // Distance of the nearest pole in units of |b|: r − 1 = min(s̃_min, |ũ|_min)/|b|.
    let gap = (a_s.abs() - b).min(a_u.abs() - b);
    if b == 0.0 || gap > 1e3 * b {
        return (1, 0.0);
    }
    let r_minus_1 = (gap / b).max(0.0);
    // ρ = r + √(r² − 1) = 1 + ε + √(ε(2 + ε)) with ε = r − 1, stable for small ε.
    let rho = 1.0 + r_minus_1 + (r_minus_1 * (2.0 + r_minus_1)).sqrt();
    // Repeated squaring of ρ² gives ρ^(2n).
    let mut power = rho * rho;
    let mut level = 0;
    while level + 1 < LEVELS && (level < 2 || power < 1.0 / TARGET) {
        power *= power;
        level += 1;
    }
    let error = if rho > 1.0 {
        (1.0 / power).max(TARGET * 1e-3)
    } else {
        1.0
    };
    (level, error)
}

/// ⟨f⟩_φ by the midpoint rule with 2^`level` nodes (one t or several).
#[inline]
pub(crate) fn midpoint<T: Real, F: FnMut(&Point<T>) -> T>(
    recoil: &Recoil<T>,
    level: usize,
    mut f: F,
) -> T {
    let table = &cosines()[level];
    let mut sum = T::splat(0.0);
    for &c in table {
        sum = sum + f(&recoil.at(c));
    }
    sum / table.len() as f64
}

/// ⟨f⟩_φ over the azimuth of the recoil by the midpoint rule, with an estimate of its
/// relative error.
pub(crate) fn average<F: FnMut(&Point) -> f64>(recoil: &Recoil, f: F) -> (f64, f64) {
    let (level, error) = midpoint_rule(recoil.a_s, recoil.a_u, recoil.b);
    (midpoint(recoil, level, f), error)
}

/// Exact averages over φ_q of the rational functions of cos φ_q that make up T̃, valid
/// where the s̃ or ũ pole is close to the range (see [`moments`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Moments<T = f64> {
    /// ⟨1/s̃⟩, ⟨1/ũ⟩.
    pub inv_s: T,
    pub inv_u: T,
    /// ⟨1/(s̃ũ)⟩, ⟨1/(s̃ũ)²⟩.
    pub inv_d: T,
    pub inv_d2: T,
    /// ⟨Y′²/(s̃ũ)²⟩.
    pub y2_d2: T,
}

/// Largest pole distance, in units of |b|, at which ⟨Y′²/(s̃ũ)²⟩ is taken from the closed
/// forms of [`moments`]. The moments in w divide by |b| and |b|², which costs about
/// (gap/|b|)² ε ≈ 1e-12 of relative accuracy here (test `tests::azimuth`); beyond it the
/// midpoint rule with 2^[`FAR_LEVEL`] nodes gives it to rounding.
pub(crate) const ANALYTIC_GAP: f64 = 100.0;

/// Relative error assigned to a closed-form average (rounding; see the test
/// `tests::azimuth`).
pub(crate) const CLOSED_FORM_ERROR: f64 = 1e-10;

/// Closed-form φ averages. With β = |b|, A = a_s, C = a_u, s̃ = A + β cos ψ, ũ = C − β cos ψ
/// (ψ = φ or φ + π), S = √(A² − β²) = √(s̃_min s̃_max), U = √(C² − β²) = √(ũ_min ũ_max):
///
/// ⟨1/s̃⟩ = 1/S, ⟨1/ũ⟩ = −1/U, ⟨1/s̃²⟩ = A/S³, ⟨1/ũ²⟩ = −C/U³,
/// I = ⟨1/(s̃ũ)⟩ = −(A − C)/(S U (S + U)),
///
/// the last from partial fractions in cos ψ, (1/S − 1/U)/(s̃ + ũ), with U − S =
/// (C² − A²)/(U + S) taken out so that nothing cancels as s̃ + ũ → 0 (the ridge). The
/// squared denominators follow by differentiating I in A and C: with L = ln(−I),
/// L_A = 1/(A−C) − A/S² − A/(S(S+U)), L_C = −1/(A−C) − C/U² − C/(U(S+U)),
/// L_AC = 1/(A−C)² + (A/S)(C/U)/(S+U)²,
/// ⟨1/(s̃²ũ)⟩ = −I L_A, ⟨1/(s̃ũ²)⟩ = −I L_C, ⟨1/(s̃ũ)²⟩ = I (L_A L_C + L_AC).
///
/// Y′ = y₀ + y₁ cos φ is expanded about the end of the range nearest the poles,
/// w = 1 + sgn(b) cos φ ∈ [0, 2], where s̃ = s̃_min + βw and ũ = ũ_max − βw; the moments
/// ⟨w/(s̃ũ)²⟩, ⟨w²/(s̃ũ)²⟩ come from βw = s̃ − s̃_min (or ũ_max − ũ, whichever pole is
/// nearer), so that Y′ = Y′_end + sgn(b) y₁ w is never a difference of large terms.
///
/// Where the nearer pole is farther than [`ANALYTIC_GAP`]·|b| from the range (and at b = 0),
/// ⟨Y′²/(s̃ũ)²⟩ comes from the midpoint rule with 2^[`FAR_LEVEL`] nodes instead.
///
/// Returns `None` when rounding has put a pole on the range (s̃_min ≤ 0 or ũ_max ≥ 0).
///
/// Generic over [`Real`]: with lanes, `None` unless the closed forms hold in all of them.
#[inline(always)]
pub(crate) fn moments<T: Real>(recoil: &Recoil<T>) -> Option<Moments<T>> {
    closed_form_holds(recoil.a_s, recoil.a_u, recoil.b).then(|| moments_unchecked(recoil))
}

/// Whether the closed forms of [`moments`] hold (in every lane): both poles off the range.
#[inline(always)]
fn closed_form_holds<T: Real>(a_s: T, a_u: T, b: T) -> bool {
    let zero = T::splat(0.0);
    let beta = b.abs();
    let s_min = a_s - beta;
    let u_max = a_u + beta;
    zero.all_le(beta) && s_min.all_gt(zero) && zero.all_gt(u_max)
}

/// Nodes (2^level) of the midpoint rule that gives ⟨Y′²/(s̃ũ)²⟩ where the poles are farther
/// than [`ANALYTIC_GAP`]·|b| from the range: the integrand is positive (nothing cancels) and
/// the nearest pole at |cos φ| = r ≥ 101 gives ρ = r + √(r² − 1) > 200, so eight nodes leave
/// ≈ ρ⁻¹⁶, far below rounding (Trefethen & Weideman, see the module documentation; four
/// were 9e-13 off at worst in the test `tests::azimuth`).
const FAR_LEVEL: usize = 3;

/// The closed forms of [`moments`], without the check that they hold.
#[inline(always)]
pub(crate) fn moments_unchecked<T: Real>(recoil: &Recoil<T>) -> Moments<T> {
    let beta = recoil.b.abs();
    let a = recoil.a_s;
    let c = recoil.a_u;
    let s_min = a - beta;
    let u_max = c + beta;
    let big_s = (s_min * (a + beta)).sqrt();
    let big_u = (u_max * (c - beta)).sqrt();
    let a_minus_c = a - c;
    let inv_big_s = big_s.recip();
    let inv_big_u = big_u.recip();
    let inv_sum = (big_s + big_u).recip();
    let inv_amc = a_minus_c.recip();
    let inv_beta = beta.recip();
    let inv_d = -a_minus_c * inv_big_s * inv_big_u * inv_sum;
    let ra = a * inv_big_s;
    let rc = c * inv_big_u;
    let l_a = inv_amc - ra * inv_big_s - ra * inv_sum;
    let l_c = -inv_amc - rc * inv_big_u - rc * inv_sum;
    let l_ac = inv_amc * inv_amc + ra * rc * inv_sum * inv_sum;
    let inv_s2u = -inv_d * l_a;
    let inv_su2 = -inv_d * l_c;
    let inv_d2 = inv_d * (l_a * l_c + l_ac);
    // Expanded about the s̃ end where s̃_min ≤ |ũ|_max, about the ũ end elsewhere.
    let inv_u2 = -rc * inv_big_u * inv_big_u;
    let w1_s = (inv_su2 - s_min * inv_d2) * inv_beta;
    let w2_s = (inv_u2 - inv_su2 * s_min * 2.0 + s_min * s_min * inv_d2) * inv_beta * inv_beta;
    let inv_s2 = ra * inv_big_s * inv_big_s;
    let w1_u = (u_max * inv_d2 - inv_s2u) * inv_beta;
    let w2_u = (inv_s2 - inv_s2u * u_max * 2.0 + u_max * u_max * inv_d2) * inv_beta * inv_beta;
    let w1 = s_min.select_le(-u_max, w1_s, w1_u);
    let w2 = s_min.select_le(-u_max, w2_s, w2_u);
    // Y′ = y₀ + y₁ cos φ = (y₀ − sgn(b) y₁) + sgn(b) y₁ w.
    let slope = recoil.b.signum() * recoil.y1;
    let y_end = recoil.y0 - slope;
    let mut y2_d2 = y_end * y_end * inv_d2 + y_end * slope * w1 * 2.0 + slope * slope * w2;
    let gap = s_min.min(-u_max);
    let near = beta * ANALYTIC_GAP;
    if !gap.all_le(near) {
        let far = midpoint(recoil, FAR_LEVEL, |point| {
            let y_d = point.y * (point.s * point.u).recip();
            y_d * y_d
        });
        y2_d2 = gap.select_le(near, y2_d2, far);
    }
    Moments {
        inv_s: inv_big_s,
        inv_u: -inv_big_u,
        inv_d,
        inv_d2,
        y2_d2,
    }
}
