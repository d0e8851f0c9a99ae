//! The closed-form φ_q average of T̃ (`azimuth::moments`, `matrix_element::averaged`)
//! against a high-order midpoint rule on the pointwise T̃ (`matrix_element::unclamped`) at
//! random physical points — Cu at 50 GeV, Pb at 160 GeV down to tiny t — and on the ridge
//! t → Δ, where both muon propagators come close to their poles at the same φ_q.

use super::super::azimuth::moments;
use super::super::kinematics::{Masses, Recoil};
use super::super::matrix_element::{averaged, unclamped};
use super::dirac::{random_point, SplitMix};
use crate::model::Spin;
use std::f64::consts::PI;

/// Midpoint rule on [0, π] with enough nodes for the nearest pole (error ρ^(−2n) < 1e-16).
fn numeric(spin: Spin, masses: &Masses, recoil: &Recoil) -> f64 {
    let b = recoil.b.abs();
    let gap = (recoil.a_s - b).min(-recoil.a_u - b) / b;
    let ln_rho = (gap + (gap * (2.0 + gap)).sqrt()).ln_1p();
    let n = ((37.0 / (2.0 * ln_rho)).ceil() as usize).clamp(16, 1 << 22);
    let mut sum = 0.0;
    for j in 0..n {
        let c = ((j as f64 + 0.5) * PI / n as f64).cos();
        sum += unclamped(spin, masses.m, masses.mx, recoil, &recoil.at(c));
    }
    sum / n as f64
}

/// Largest relative difference closed form vs midpoint over the spins at one recoil, or
/// `None` where the closed form is not used.
fn compare(masses: &Masses, recoil: &Recoil) -> Option<f64> {
    let moments = moments(recoil)?;
    let mut worst = 0.0_f64;
    for spin in Spin::ALL {
        let closed = averaged(spin, masses.m, masses.mx, recoil, &moments);
        let reference = numeric(spin, masses, recoil);
        assert!(closed.is_finite() && closed >= 0.0, "{spin}: {closed}");
        worst = worst.max((closed / reference - 1.0).abs());
    }
    Some(worst)
}

#[test]
fn closed_form_average_matches_midpoint_rule() {
    let mut rng = SplitMix(4242);
    let mut count = 0;
    let mut worst_generic = 0.0_f64;
    let mut worst_ridge = [0.0_f64; 4];
    for (big_m, e, t_lo) in [(58.68, 50.0, 1e-9), (193.7, 160.0, 1e-12)] {
        for mx in [0.001, 0.01, 0.126, 1.0] {
            let masses = Masses {
                m: crate::units::M_MU,
                mx,
                big_m,
            };
            for _ in 0..40 {
                let (frame, _, t, _) = random_point(&mut rng, &masses, e, 1e-5, t_lo);
                if let Some(rel) = compare(&masses, &frame.recoil(t)) {
                    worst_generic = worst_generic.max(rel);
                    count += 1;
                }
                // On and next to the ridge t = Δ, where it is inside [t_min, t_max].
                let delta = frame.delta;
                if delta > frame.t_min && delta < frame.t_max {
                    for (slot, offset) in [1e-2, 1e-4, 1e-7, 0.0].into_iter().enumerate() {
                        let t = (delta * (1.0 + offset)).min(frame.t_max);
                        if let Some(rel) = compare(&masses, &frame.recoil(t)) {
                            worst_ridge[slot] = worst_ridge[slot].max(rel);
                        }
                    }
                }
            }
        }
    }
    eprintln!("{count} generic points: worst {worst_generic:e}; ridge (t/Δ − 1 = 1e-2, 1e-4, 1e-7, 0): {worst_ridge:?}");
    assert!(count > 100, "{count}");
    assert!(worst_generic < 1e-10, "{worst_generic:e}");
    for rel in worst_ridge {
        assert!(rel < 1e-8, "{rel:e}");
    }
}
