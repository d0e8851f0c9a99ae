//! The integrand several nodes at a time (`Setup::t_integrand_lanes`, SIMD lanes with a
//! polynomial exp) against the same integrand one node at a time (`Setup::t_integrand`, libm
//! exp): the formulas are shared, so the two may differ only by rounding.

use super::super::azimuth::moments;
use super::super::differential::Setup;
use super::super::kinematics::MuonFrame;
use super::common::{copper, lead};
use crate::model::Spin;
use crate::numerics::{Lanes, LANES};
use crate::production::Process;
use crate::target::{FormFactorModel, Material};

#[test]
fn lanes_agree_with_one_node_at_a_time() {
    let carbon = |spin, mass| {
        let material = Material::built_in("carbon").unwrap();
        Process::new(spin, mass, 1.0, &material, FormFactorModel::Full).unwrap()
    };
    let (mut closed, mut fallback) = (0, 0);
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
                    for group in 0..8 {
                        let ln_t: [f64; LANES] = std::array::from_fn(|lane| {
                            lo + (hi - lo) * (LANES * group + lane) as f64 / (8 * LANES - 1) as f64
                        });
                        let t = Lanes::from(ln_t.map(f64::exp));
                        if moments(&frame.recoil(t)).is_some() {
                            closed += 1;
                        } else {
                            fallback += 1;
                        }
                        let lanes = setup.t_integrand_lanes(&frame, ln_t);
                        for (lane, &value) in lanes.iter().enumerate() {
                            let one = setup.t_integrand(&frame, ln_t[lane]).value;
                            assert!(
                                (value - one).abs() <= 1e-11 * one.abs(),
                                "{spin:?} x {x} θ/θ_c {r} ln t {}: {value:e} vs {one:e}",
                                ln_t[lane]
                            );
                        }
                    }
                }
            }
        }
    }
    // Both paths of the lanes were taken.
    assert!(
        closed > 100 && fallback > 10,
        "{closed} closed, {fallback} fallback"
    );
}
