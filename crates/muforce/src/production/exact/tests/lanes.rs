//! The integrand several nodes at a time (`Setup::t_integrand_lanes`, SIMD lanes with a
//! polynomial exp) against the same integrand one node at a time (`Setup::t_integrand`, libm
//! exp): the formulas are shared, so the two may differ only by rounding.

use super::super::azimuth::ANALYTIC_GAP;
use super::super::differential::Setup;
use super::super::kinematics::MuonFrame;
use super::common::{copper, lead};
use crate::matter::{FormFactorModel, Material};
use crate::model::Spin;
use crate::numerics::{run_on_simd_path, Narrow, Simd, SimdPath, Wide, NARROW, WIDE};
use crate::production::Process;

#[test]
fn lanes_agree_with_one_node_at_a_time() {
    let carbon = |spin, mass| {
        let material = Material::built_in("carbon").unwrap();
        Process::new(spin, mass, 1.0, &material, FormFactorModel::Full).unwrap()
    };
    let (mut near, mut far) = (0, 0);
    for spin in Spin::ALL {
        for (process, energy) in [
            (copper(spin, 0.126), 50.0),
            (lead(spin, 1e-5), 160.0),
            (carbon(spin, 0.5), 3.0),
        ] {
            let setup = Setup::new(&process, energy);
            for x in [0.01, 0.3, 0.9] {
                let e_out = energy * (1.0 - x);
                let theta_c = setup.theta_scale(x);
                for r in [0.1, 1.0, 30.0] {
                    let Some(frame) = MuonFrame::new(&setup.masses, energy, e_out, r * theta_c)
                    else {
                        continue;
                    };
                    let (lo, hi) = (frame.t_min.ln(), frame.t_max.min(50.0).ln());
                    let (n, f) = compare::<Wide, WIDE>(&setup, &frame, (lo, hi), spin);
                    let (n4, f4) = compare::<Narrow, NARROW>(&setup, &frame, (lo, hi), spin);
                    near += n + n4;
                    far += f + f4;
                }
            }
        }
    }
    // Both branches of the closed-form φ average were taken.
    assert!(near > 100 && far > 10, "{near} near, {far} far");
}

/// Compares `L` (`N` lanes) with one node at a time at 8 groups of ln t spread over
/// (lo, hi); returns how many groups had the poles within `ANALYTIC_GAP`·|b| of the range in
/// every lane (the w moments in closed form) and how many had some lane beyond (where
/// ⟨Y′²/(s̃ũ)²⟩ comes from the far-pole midpoint rule).
fn compare<L: Simd<N>, const N: usize>(
    setup: &Setup,
    frame: &MuonFrame,
    (lo, hi): (f64, f64),
    spin: Spin,
) -> (usize, usize) {
    let (mut near, mut far) = (0, 0);
    for group in 0..8 {
        let ln_t: [f64; N] = std::array::from_fn(|lane| {
            lo + (hi - lo) * (N * group + lane) as f64 / (8 * N - 1) as f64
        });
        let recoils = ln_t.map(|ln_t| frame.recoil(ln_t.exp()));
        if recoils.iter().all(|r| {
            let b = r.b.abs();
            (r.a_s - b).min(-r.a_u - b) <= ANALYTIC_GAP * b
        }) {
            near += 1;
        } else {
            far += 1;
        }
        let lanes = setup.t_integrand_lanes::<L, N>(frame, ln_t);
        for (lane, &value) in lanes.iter().enumerate() {
            let one = setup.t_integrand(frame, ln_t[lane]).value;
            assert!(
                (value - one).abs() <= 1e-11 * one.abs(),
                "{spin:?} {N} lanes, ln t {}: {value:e} vs {one:e}",
                ln_t[lane]
            );
        }
    }
    (near, far)
}

/// The lanes run through each instruction-set path this CPU has (`numerics::SimdPath`)
/// against the baseline path: the same formulas, so they may differ only by rounding
/// (FMA contraction), well inside 1e-11 relative.
#[test]
fn simd_paths_agree() {
    let mut compared = 0;
    for spin in Spin::ALL {
        for (process, energy) in [(copper(spin, 0.126), 50.0), (lead(spin, 1e-5), 160.0)] {
            let setup = Setup::new(&process, energy);
            for x in [0.01, 0.3, 0.9] {
                let theta_c = setup.theta_scale(x);
                for r in [0.1, 1.0, 30.0] {
                    let Some(frame) =
                        MuonFrame::new(&setup.masses, energy, energy * (1.0 - x), r * theta_c)
                    else {
                        continue;
                    };
                    let (lo, hi) = (frame.t_min.ln(), frame.t_max.min(50.0).ln());
                    let ln_t: [f64; WIDE] =
                        std::array::from_fn(|i| lo + (hi - lo) * i as f64 / (WIDE - 1) as f64);
                    let lanes = || setup.t_integrand_lanes::<Wide, WIDE>(&frame, ln_t);
                    let base = run_on_simd_path(SimdPath::Baseline, lanes);
                    for path in SimdPath::ALL.into_iter().filter(|p| p.is_available()) {
                        let other = run_on_simd_path(path, lanes);
                        for (a, b) in base.iter().zip(&other) {
                            assert!(
                                (a - b).abs() <= 1e-11 * a.abs(),
                                "{spin:?} {}: {a:e} vs {b:e}",
                                path.name()
                            );
                        }
                        compared += 1;
                    }
                }
            }
        }
    }
    assert!(compared > 50, "{compared} groups compared");
}
