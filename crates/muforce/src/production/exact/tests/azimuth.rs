//! The closed-form φ_q average of T̃ (`azimuth::moments`, `matrix_element::averaged`)
//! against a high-order midpoint rule on the pointwise T̃ (`matrix_element::unclamped`) at
//! random physical points — Cu at 50 GeV, Pb at 160 GeV down to tiny t — and on the ridge
//! t → Δ, where both muon propagators come close to their poles at the same φ_q.

use super::super::azimuth::{moments, ANALYTIC_GAP};
use super::super::kinematics::{Masses, Recoil};
use super::super::matrix_element::{averaged, unclamped};
use super::dirac::{random_point, SplitMix};
use crate::model::Spin;
use std::f64::consts::PI;

/// The muon with a mediator of mass `mx` on a nucleus of mass `big_m` (GeV).
fn muon_masses(mx: f64, big_m: f64) -> Masses {
    Masses {
        m: crate::units::M_MU,
        mx,
        big_m,
    }
}

/// Nodes of a midpoint rule on [0, π] with error ρ^(−2n) < 1e-16 for the nearest pole.
fn reference_nodes(recoil: &Recoil) -> usize {
    let b = recoil.b.abs();
    let gap = (recoil.a_s - b).min(-recoil.a_u - b) / b;
    let ln_rho = (gap + (gap * (2.0 + gap)).sqrt()).ln_1p();
    ((37.0 / (2.0 * ln_rho)).ceil() as usize).clamp(16, 1 << 22)
}

/// Midpoint rule on [0, π] with [`reference_nodes`] nodes.
fn numeric(spin: Spin, masses: &Masses, recoil: &Recoil) -> f64 {
    let n = reference_nodes(recoil);
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
            let masses = muon_masses(mx, big_m);
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

/// The moments of the closed forms that carry no cancellation (all integrands positive or
/// negative throughout): ⟨1/s̃⟩, ⟨1/ũ⟩, ⟨1/(s̃ũ)⟩, ⟨1/(s̃ũ)²⟩, ⟨Y′²/(s̃ũ)²⟩, each against the
/// midpoint rule with [`reference_nodes`] nodes; the largest relative difference.
fn moments_difference(recoil: &Recoil) -> f64 {
    let closed = moments(recoil).expect("poles off the range");
    let n = reference_nodes(recoil);
    let mut sums = [0.0; 5];
    for j in 0..n {
        let point = recoil.at(((j as f64 + 0.5) * PI / n as f64).cos());
        let inv_d = 1.0 / (point.s * point.u);
        let terms = [
            1.0 / point.s,
            1.0 / point.u,
            inv_d,
            inv_d * inv_d,
            point.y * point.y * inv_d * inv_d,
        ];
        for (sum, term) in sums.iter_mut().zip(terms) {
            *sum += term / n as f64;
        }
    }
    let values = [
        closed.inv_s,
        closed.inv_u,
        closed.inv_d,
        closed.inv_d2,
        closed.y2_d2,
    ];
    values
        .iter()
        .zip(sums)
        .map(|(value, sum)| (value / sum - 1.0).abs())
        .fold(0.0, f64::max)
}

/// Near t_min the recoil azimuth hardly matters (|b| ∝ √(t − t_min) → 0), the poles are far
/// from the range in units of |b|, and ⟨Y′²/(s̃ũ)²⟩ comes from an eight-node midpoint rule
/// (`azimuth::FAR_LEVEL`). From gap/|b| ≈ 10² to b = 0 exactly (t = t_min), the moments
/// must match the midpoint rule to 1e-12. T̃ itself is checked (1e-10, as above) where
/// t − t_min ≥ 10⁻³ t_min: closer to t_min it is a small difference of its terms (it vanishes
/// with the transverse recoil), and any two arrangements of the same algebra differ there by
/// their rounding (both the pointwise and the closed forms).
#[test]
fn far_poles_match_midpoint_rule() {
    let mut rng = SplitMix(977);
    let mut far = 0;
    let (mut worst_moments, mut worst_average) = (0.0_f64, 0.0_f64);
    for (big_m, e) in [(58.68, 50.0), (193.7, 160.0), (11.18, 3.0)] {
        for mx in [0.001, 0.01, 0.126, 1.0] {
            let masses = muon_masses(mx, big_m);
            for _ in 0..20 {
                let (frame, _, _, _) = random_point(&mut rng, &masses, e, 1e-5, 1e-12);
                for offset in [0.0, 1e-14, 1e-10, 1e-6, 1e-3, 1e-1] {
                    let recoil = frame.recoil(frame.t_min * (1.0 + offset));
                    let b = recoil.b.abs();
                    if (recoil.a_s - b).min(-recoil.a_u - b) <= ANALYTIC_GAP * b {
                        continue;
                    }
                    far += 1;
                    worst_moments = worst_moments.max(moments_difference(&recoil));
                    if offset >= 1e-3 {
                        worst_average = worst_average.max(compare(&masses, &recoil).unwrap());
                    }
                }
            }
        }
    }
    eprintln!("{far} points with poles beyond 100 |b|: moments worst {worst_moments:e}, T̃ worst {worst_average:e}");
    assert!(far > 200, "{far}");
    assert!(worst_moments < 1e-12, "{worst_moments:e}");
    assert!(worst_average < 1e-10, "{worst_average:e}");
}
