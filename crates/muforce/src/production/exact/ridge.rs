//! Where the s̃ or ũ propagator comes close to its pole as the recoil azimuth turns, the
//! φ_q-averaged integrand of the t integral has a narrow ridge in ln t (X collinear with a
//! muon, the nucleus taking the muon's transverse momentum; REFERENCE §1.5). This finds the
//! ridge and grades the breakpoints of the ln t integral around it.
//!
//! With s̃ = a_s + b cos φ_q (REFERENCE §1.5) the pole is closest where the closeness
//! c = (|a_s| − |b|)/|a_s| is smallest, i.e. where b²/a_s² is largest. In the lab frame
//! a_s and a_u are linear in t (|q⃗| cos θ_Vq = (Δ + t(1 + V₀/M))/(2|V⃗|), q₀ = t/2M) and
//! b² = K (t − t_min)(t_max − t) is quadratic (the sin²θ_Vq form of `kinematics`), so the
//! stationarity condition of b²/a² is linear in t and the closest approach has a closed form
//! ([`closest_approach`]); where the ridge is narrow it is polished by Brent minimisation
//! in a bracket of a few ridge widths, since a_u is the difference of nearly equal terms.
//! Near its minimum c ≈ c₀ + k (ln t − ln t*)², and the
//! φ average of 1/s̃² ∝ (a_s² − b²)^{−3/2} makes the ridge a (1 + d²/w²)^{−3/2} profile with
//! half-width w = √(c₀/k). The pieces around t* then grow geometrically from w (graded meshes
//! for algebraic peaks: Schwab, *p- and hp-Finite Element Methods*, Oxford 1998, ch. 3), so
//! that a fixed Gauss rule converges exponentially on each.

use super::kinematics::{Masses, MuonFrame, Poles};

/// Closeness below which a pole gets graded pieces.
const CLOSE: f64 = 0.2;
/// Ratio of successive piece lengths around a ridge.
const GRADING: f64 = 6.0;
/// Graded pieces stop this many half-widths from the ridge (the profile is down by 10⁻⁶
/// there, and the tail beyond holds (w/d)²/4 ≈ 3·10⁻⁵ of the ridge) or at [`REACH`] e-folds, whichever is nearer.
const REACH_WIDTHS: f64 = 100.0;
const REACH: f64 = 3.0;
/// Ridges narrower than this (e-folds of t) get their closest approach polished, within
/// this many half-widths of the closed form.
const POLISH_WIDTH: f64 = 1e-4;
const POLISH_WIDTHS: f64 = 30.0;
/// Accuracy of the polished closest approach in ln t, and the most steps spent finding it.
const X_TOL: f64 = 1e-10;
const MAX_STEPS: usize = 60;

/// The two propagators whose poles make ridges.
#[derive(Debug, Clone, Copy)]
pub(super) enum Pole {
    S,
    U,
}

impl Pole {
    /// (|a| − |b|)/|a| for this propagator: 0 where the pole touches the φ_q circle.
    pub(super) fn closeness(self, poles: &Poles) -> f64 {
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
    if !(frame.delta > 0.0 && hi > lo) {
        return;
    }
    // (ln t*, half-width, reach of the grading) of each ridge close enough to be graded.
    let ridges = closest_approaches(frame, masses).map(|(pole, t_star)| {
        let t_star = t_star?;
        let closeness_at = |t: f64| pole.closeness(&frame.poles(t));
        let mut c0 = closeness_at(t_star);
        if c0.is_nan() || c0 >= CLOSE {
            return None;
        }
        let mut at = t_star.ln();
        if !(at > lo && at < hi) {
            return None;
        }
        let mut width = half_width(&closeness_at, t_star, c0);
        if width < POLISH_WIDTH {
            let reach = POLISH_WIDTHS * width;
            let closeness = |ln_t: f64| closeness_at(ln_t.exp());
            (at, c0) = brent_minimum(&closeness, (at - reach).max(lo), (at + reach).min(hi));
            width = half_width(&closeness_at, at.exp(), c0);
        }
        Some((at, width, (REACH_WIDTHS * width).min(REACH)))
    });
    // Both poles come closest near t = Δ. Where their ridges overlap, one set of breaks,
    // graded from the narrower half-width out to the farther reach, resolves both (two sets
    // a fraction of a width apart only add pieces of almost zero length).
    let ridges = match ridges {
        [Some(s), Some(u)] if (s.0 - u.0).abs() < s.1.min(u.1) => {
            let narrower = if s.1 <= u.1 { s } else { u };
            [Some((narrower.0, narrower.1, s.2.max(u.2))), None]
        }
        other => other,
    };
    for (at, width, reach) in ridges.into_iter().flatten() {
        // The offsets width·GRADINGʲ below the reach (at most 8: the half-width is at least
        // 1e-8 e-folds and the reach at most 3), written in ascending order so that the
        // sort of the breakpoints finds them in place; where room is short, the nearest pairs.
        let mut offsets = [0.0; 8];
        let mut k = 0;
        let mut offset = width;
        while offset < reach && k < offsets.len() {
            offsets[k] = offset;
            k += 1;
            offset *= GRADING;
        }
        if *count == scales.len() {
            return;
        }
        let k = k.min((scales.len() - *count - 1) / 2);
        for &offset in offsets[..k].iter().rev() {
            push(scales, count, at - offset);
        }
        push(scales, count, at);
        for &offset in &offsets[..k] {
            push(scales, count, at + offset);
        }
    }
}

/// The closest approach t* of each pole (s̃, then ũ) in closed form ([`closest_approach`]),
/// `None` for a pole whose closest approach is not inside (t_min, t_max).
pub(super) fn closest_approaches(frame: &MuonFrame, masses: &Masses) -> [(Pole, Option<f64>); 2] {
    let lines = Lines::of(frame, masses);
    [Pole::S, Pole::U].map(|pole| {
        let (alpha, beta) = lines.of_pole(pole);
        (
            pole,
            closest_approach(alpha, beta, frame.t_min, frame.t_max),
        )
    })
}

/// The propagator coefficients as lines in t: a_s = α_s + β_s t, a_u = α_u + β_u t
/// (REFERENCE §1.5 with the lab-frame recoil of `kinematics`).
struct Lines {
    alpha_s: f64,
    beta_s: f64,
    alpha_u: f64,
    beta_u: f64,
}

impl Lines {
    /// From a_s = 2p_V |q⃗| cos θ_Vq − 2Eq₀ − t with |q⃗| cos θ_Vq = (Δ + t(1 + V₀/M))/(2|V⃗|),
    /// q₀ = t/2M; and a_u = Δ − t − a_s.
    fn of(frame: &MuonFrame, masses: &Masses) -> Self {
        let inv_m = 1.0 / masses.big_m;
        let slope = frame.p_v / frame.v_abs;
        let alpha_s = slope * frame.delta;
        let beta_s = slope * (1.0 + frame.v0 * inv_m) - frame.e * inv_m - 1.0;
        Lines {
            alpha_s,
            beta_s,
            alpha_u: frame.delta - alpha_s,
            beta_u: -1.0 - beta_s,
        }
    }

    fn of_pole(&self, pole: Pole) -> (f64, f64) {
        match pole {
            Pole::S => (self.alpha_s, self.beta_s),
            Pole::U => (self.alpha_u, self.beta_u),
        }
    }
}

/// The t in (t_min, t_max) where b²/a² is largest, for a = α + βt and b² = K(t − t_min)(t_max
/// − t): d/dt [b²/a²] = 0 reduces to the linear equation
/// t (2α + β(t_min + t_max)) = 2β t_min t_max + α(t_min + t_max). `None` when the root is
/// not inside the range.
fn closest_approach(alpha: f64, beta: f64, t_min: f64, t_max: f64) -> Option<f64> {
    let sum = t_min + t_max;
    let t = (2.0 * beta * t_min * t_max + alpha * sum) / (2.0 * alpha + beta * sum);
    (t > t_min && t < t_max).then_some(t)
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

/// w = √(c₀/k) from the curvature k in ln t of the closeness (`closeness` takes t) at its
/// minimum t (finite differences), kept within [10⁻⁸, 0.1] e-folds; c₀ itself where the
/// curvature is not positive.
fn half_width<F: Fn(f64) -> f64>(closeness: &F, t: f64, c0: f64) -> f64 {
    let h: f64 = 1e-3;
    let step = h.exp();
    let k = (closeness(t * step) + closeness(t / step) - 2.0 * c0) / (2.0 * h * h);
    let width = if k > 0.0 && k.is_finite() {
        (c0 / k).sqrt()
    } else {
        c0
    };
    width.clamp(1e-8, 0.1)
}
