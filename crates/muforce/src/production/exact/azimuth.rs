//! The average over the recoil azimuth φ_q, ⟨f⟩_φ = (1/2π)∫₀^{2π} dφ_q f (REFERENCE §1.3).
//!
//! The integrand is an even, periodic function of φ_q; it is rational in cos φ_q with poles
//! only where s̃ = a_s + b cos φ or ũ = a_u − b cos φ vanish, outside the real range
//! (s̃ > 0 > ũ). The midpoint rule on [0, π] with n nodes (= Gauss–Chebyshev in cos φ) then
//! converges geometrically, with error ≈ ρ^(−2n) for the nearest pole at |cos φ| = r,
//! ρ = r + √(r² − 1) (Trefethen & Weideman, SIAM Review 56 (2014) 385, Thm. 3.2). The node
//! count is chosen from ρ so that this bound is below [`TARGET`]; the bound is returned
//! as the relative error estimate.

use super::kinematics::{Point, Recoil};
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

/// ⟨f⟩_φ over the azimuth of the recoil, with an estimate of its relative error.
pub(crate) fn average<F: FnMut(&Point) -> f64>(recoil: &Recoil, mut f: F) -> (f64, f64) {
    let b = recoil.b.abs();
    // Distance of the nearest pole in units of |b|: r − 1 = min(s̃_min, |ũ|_min)/|b|.
    let gap = (recoil.a_s.abs() - b).min(recoil.a_u.abs() - b);
    if b == 0.0 || gap > 1e3 * b {
        // Practically constant in φ: a 2-node rule is exact for quadratics in cos φ.
        let table = &cosines()[1];
        let value = 0.5 * (f(&recoil.at(table[0])) + f(&recoil.at(table[1])));
        return (value, 0.0);
    }
    let r_minus_1 = (gap / b).max(0.0);
    // acosh(1 + ε) = ln(1 + ε + √(ε(2 + ε))), stable for small ε.
    let ln_rho = (r_minus_1 + (r_minus_1 * (2.0 + r_minus_1)).sqrt()).ln_1p();
    let needed = if ln_rho > 0.0 {
        (-TARGET.ln()) / (2.0 * ln_rho)
    } else {
        f64::INFINITY
    };
    let level = (0..LEVELS)
        .find(|&level| (1usize << level) as f64 >= needed)
        .unwrap_or(LEVELS - 1)
        .max(2);
    let table = &cosines()[level];
    let n = table.len() as f64;
    let sum: f64 = table.iter().map(|&c| f(&recoil.at(c))).sum();
    let error = if ln_rho > 0.0 {
        (-2.0 * n * ln_rho).exp().max(TARGET * 1e-3)
    } else {
        1.0
    };
    (sum / n, error)
}
