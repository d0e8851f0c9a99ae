//! Positivity and finiteness: a spin-summed |M|² and a cross section are ≥ 0 (they are sums
//! of squares), so any negative or non-finite value on a dense grid of physical points
//! exposes a numerical cancellation (REFERENCE §1.5 warns of exactly this for heavy nuclei
//! at tiny t).

use super::super::differential::Setup;
use super::super::kinematics::MuonFrame;
use super::super::matrix_element::unclamped;
use super::common::{copper, lead};
use crate::model::Spin;
use crate::production::Process;

fn check_grid(process: &Process, e: f64) -> usize {
    let setup = Setup::new(process, e);
    let masses = setup.masses;
    let mut points = 0;
    for x in [1e-3, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.995] {
        let e_out = e * (1.0 - x);
        let Some(theta_kin) = setup.theta_kinematic(e_out) else {
            continue;
        };
        let theta_c = setup.theta_scale(x);
        for log_theta in -12..=6 {
            let theta = (theta_c * 2f64.powi(log_theta)).min(theta_kin);
            let Some(frame) = MuonFrame::new(&masses, e, e_out, theta) else {
                continue;
            };
            for i in 0..=24 {
                // t from t_min (1 + 1e-12) up to t_max, log spaced.
                let f = f64::from(i) / 24.0;
                let t_hi = frame.t_max.min(100.0).max(frame.t_min);
                let t = if i == 0 {
                    frame.t_min * (1.0 + 1e-12)
                } else {
                    (frame.t_min.ln() + f * (t_hi.ln() - frame.t_min.ln())).exp()
                }
                .clamp(frame.t_min, frame.t_max);
                let recoil = frame.recoil(t);
                for j in 0..=8 {
                    let c = (std::f64::consts::PI * f64::from(j) / 8.0).cos();
                    let point = recoil.at(c);
                    let values =
                        Spin::ALL.map(|spin| unclamped(spin, masses.m, masses.mx, &recoil, &point));
                    // Rounding where T̃ vanishes may leave −1e-16 of the typical size.
                    let scale: f64 = values.iter().map(|v| v.abs()).sum();
                    for (spin, v) in Spin::ALL.into_iter().zip(values) {
                        assert!(
                            v.is_finite() && v >= -1e-13 * scale,
                            "{spin} mX={} x={x} θ={theta:e} t={t:e} [{:e}, {:e}] cosφ={c}: {v:e} {values:?}",
                            masses.mx, frame.t_min, frame.t_max
                        );
                        points += 1;
                    }
                }
            }
        }
    }
    points
}

#[test]
fn squared_matrix_elements_are_positive_on_a_dense_grid() {
    let mut points = 0;
    for mx in [1e-6, 1e-3, 0.016, 0.126, 1.0, 3.0] {
        points += check_grid(&copper(Spin::Scalar, mx), 50.0);
        points += check_grid(&lead(Spin::Scalar, mx), 160.0);
    }
    assert!(points > 100_000, "{points}");
}

/// The public differential cross sections on a coarser grid, Pb at 160 GeV included.
#[test]
fn differential_cross_sections_are_positive() {
    use crate::production::exact;
    for spin in Spin::ALL {
        for mx in [1e-6, 0.016, 1.0, 3.0] {
            for (process, e) in [(copper(spin, mx), 50.0), (lead(spin, mx), 160.0)] {
                let setup = Setup::new(&process, e);
                for x in [0.05, 0.5, 0.95] {
                    let theta_c = setup.theta_scale(x);
                    for factor in [1e-2, 1.0, 30.0] {
                        let v = exact::d2sigma_dx_dtheta(
                            &process,
                            e,
                            x,
                            (theta_c * factor).min(3.0),
                            1e-3,
                        )
                        .unwrap();
                        assert!(
                            v.value.is_finite() && v.value >= 0.0,
                            "{spin} {mx} {x}: {v:?}"
                        );
                    }
                }
            }
        }
    }
}
