//! Where the s̃ or ũ propagator comes close to its pole as the recoil azimuth turns, the
//! φ_q-averaged integrand of the t integral has a narrow ridge in ln t (X collinear with a
//! muon, the nucleus taking the muon's transverse momentum; REFERENCE §1.5). This finds the
//! ridge and grades the breakpoints of the ln t integral around it.
//!
//! With s̃ = a_s + b cos φ_q (REFERENCE §1.5) the pole is closest where the closeness
//! c = (|a_s| − |b|)/|a_s| is smallest. Near its minimum c ≈ c₀ + k (ln t − ln t*)², and the
//! φ average of 1/s̃² ∝ (a_s² − b²)^{−3/2} makes the ridge a (1 + d²/w²)^{−3/2} profile with
//! half-width w = √(c₀/k). The pieces around t* then grow geometrically from w (graded meshes
//! for algebraic peaks: Schwab, *p- and hp-Finite Element Methods*, Oxford 1998, ch. 3), so
//! that a fixed Gauss rule converges exponentially on each.

use super::kinematics::{Masses, MuonFrame, Poles};

/// Closeness below which a pole gets graded pieces.
const CLOSE: f64 = 0.2;
/// Closeness at t = Δ above which no ridge is sought (the largest seen with a ridge inside
/// the bracket, over the Cu and Pb benchmark points, is 0.41).
const FAR: f64 = 0.6;
/// Ratio of successive piece lengths around a ridge.
const GRADING: f64 = 6.0;
/// Graded pieces stop this many half-widths from the ridge (the profile is down by 10⁻⁶
/// there, and the tail beyond holds (w/d)²/4 ≈ 3·10⁻⁵ of the ridge) or at [`REACH`] e-folds, whichever is nearer.
const REACH_WIDTHS: f64 = 100.0;
const REACH: f64 = 3.0;
/// Half-width of the ln t bracket around t = Δ searched for the closest approach.
const BRACKET: f64 = 1.0;
/// Accuracy of the closest approach in ln t, and the most steps spent finding it.
const X_TOL: f64 = 1e-9;
const MAX_STEPS: usize = 60;

/// The two propagators whose poles make ridges.
#[derive(Debug, Clone, Copy)]
enum Pole {
    S,
    U,
}

impl Pole {
    /// (|a| − |b|)/|a| for this propagator: 0 where the pole touches the φ_q circle.
    fn closeness(self, poles: &Poles) -> f64 {
        let a = match self {
            Pole::S => poles.a_s,
            Pole::U => poles.a_u,
        }
        .abs();
        if a > 0.0 {
            ((a - poles.b.abs()) / a).max(0.0)
        } else {
            0.0
        }
    }
}

/// Appends to `scales` (up to its capacity, nearest breaks first) the graded breakpoints in
/// ln t around the closest approach of each pole inside (lo, hi), when it comes within
/// [`CLOSE`]. `lo`, `hi` are ln t_min and ln t_max of the integral.
pub(super) fn graded_breaks(
    frame: &MuonFrame,
    masses: &Masses,
    lo: f64,
    hi: f64,
    scales: &mut [f64],
    count: &mut usize,
) {
    if frame.delta.is_nan() || frame.delta <= 0.0 {
        return;
    }
    let center = frame.delta.ln();
    let (a, b) = ((center - BRACKET).max(lo), (center + BRACKET).min(hi));
    if a.is_nan() || b.is_nan() || b <= a {
        return;
    }
    for pole in [Pole::S, Pole::U] {
        let closeness = |ln_t: f64| pole.closeness(&frame.poles(masses, ln_t.exp()));
        // Far from its pole at t = Δ, a propagator does not come close within the bracket
        // (the closeness varies slowly in ln t); the search is then skipped.
        if closeness(center.clamp(a, b)) > FAR {
            continue;
        }
        let (at, c0) = brent_minimum(&closeness, a, b);
        if c0.is_nan() || c0 >= CLOSE {
            continue;
        }
        let width = half_width(&closeness, at, c0);
        push(scales, count, at);
        let reach = (REACH_WIDTHS * width).min(REACH);
        let mut offset = width;
        while offset < reach {
            push(scales, count, at - offset);
            push(scales, count, at + offset);
            offset *= GRADING;
        }
    }
}

fn push(scales: &mut [f64], count: &mut usize, value: f64) {
    if *count < scales.len() {
        scales[*count] = value;
        *count += 1;
    }
}

/// The minimum of f on [a, b] by Brent's method: parabolic interpolation through the best
/// three points, golden-section steps where the parabola is not trusted (R. P. Brent,
/// *Algorithms for Minimization without Derivatives*, Prentice-Hall 1973, ch. 5), to an
/// absolute accuracy [`X_TOL`] in x: (argmin, min).
fn brent_minimum<F: Fn(f64) -> f64>(f: &F, mut a: f64, mut b: f64) -> (f64, f64) {
    let golden = 0.5 * (3.0 - 5.0_f64.sqrt());
    let mut x = a + golden * (b - a);
    let (mut w, mut v) = (x, x);
    let mut fx = f(x);
    let (mut fw, mut fv) = (fx, fx);
    let (mut step, mut previous_step) = (0.0_f64, 0.0_f64);
    for _ in 0..MAX_STEPS {
        let middle = 0.5 * (a + b);
        let tol = X_TOL + 1e-10 * x.abs();
        if (x - middle).abs() <= 2.0 * tol - 0.5 * (b - a) {
            break;
        }
        let mut parabolic = false;
        if previous_step.abs() > tol {
            // The vertex of the parabola through (v, fv), (w, fw), (x, fx).
            let r = (x - w) * (fx - fv);
            let q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            let mut q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            if p.abs() < (0.5 * q * previous_step).abs() && p > q * (a - x) && p < q * (b - x) {
                previous_step = step;
                step = p / q;
                parabolic = true;
                let u = x + step;
                if u - a < 2.0 * tol || b - u < 2.0 * tol {
                    step = tol.copysign(middle - x);
                }
            }
        }
        if !parabolic {
            previous_step = if x >= middle { a - x } else { b - x };
            step = golden * previous_step;
        }
        let u = if step.abs() >= tol {
            x + step
        } else {
            x + tol.copysign(step)
        };
        let fu = f(u);
        if fu <= fx {
            if u >= x {
                a = x;
            } else {
                b = x;
            }
            (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv, w, fw) = (w, fw, u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    (x, fx)
}

/// w = √(c₀/k) from the curvature k of the closeness at its minimum (finite differences),
/// kept within [10⁻⁸, 0.1] e-folds; c₀ itself where the curvature is not positive.
fn half_width<F: Fn(f64) -> f64>(closeness: &F, at: f64, c0: f64) -> f64 {
    let h = 1e-3;
    let k = (closeness(at + h) + closeness(at - h) - 2.0 * c0) / (2.0 * h * h);
    let width = if k > 0.0 && k.is_finite() {
        (c0 / k).sqrt()
    } else {
        c0
    };
    width.clamp(1e-8, 0.1)
}
