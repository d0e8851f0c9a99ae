//! The ridge of the t integral where the s̃ pole comes close to the φ_q circle, away from
//! t = Δ at large muon angles (the ATLAS scan point, GKSST arXiv:1906.09272 selection: Cu-63,
//! θ < 0.1, p_out > 5 GeV, at which dσ/dx once missed its tolerance).
//!
//! Independent checks: the product rule's t integral, at successive Gauss–Legendre orders on
//! the graded pieces, must converge to the adaptive Gauss–Kronrod value (QUADPACK-style
//! bisection, which knows nothing of the ridge) at every muon angle; and dσ/dx at the
//! requested 10⁻³ must agree with a 10⁻⁶ evaluation within its own error estimate.

use super::super::differential::Setup;
use super::super::fast::rule;
use super::super::kinematics::MuonFrame;
use super::common::copper;
use crate::model::Spin;
use crate::numerics::{try_integrate, Tolerance};
use crate::production::{exact, Cuts};

const MASS: f64 = 0.001_258_925_411_794_167_3;
const ENERGY: f64 = 93.367_415_757_604;
const X: f64 = 0.055_854_807_311_282_49;

fn atlas_cuts() -> Cuts {
    Cuts {
        theta_max: 0.1,
        p_out_min: 5.0,
        ..Cuts::default()
    }
}

#[test]
fn t_integral_converges_across_the_ridge() {
    let process = copper(Spin::Scalar, MASS);
    let setup = Setup::new(&process, ENERGY);
    let e_out = ENERGY * (1.0 - X);
    for theta in [1e-4, 1e-3, 3e-3, 1e-2, 3e-2] {
        let frame = MuonFrame::new(&setup.masses, ENERGY, e_out, theta).unwrap();
        let breaks = setup.t_breaks(&frame, 4.5, 1.0).unwrap();
        let product = |n: usize| -> f64 {
            let gl = rule(n);
            breaks
                .windows(2)
                .flat_map(|pair| gl.mapped(pair[0], pair[1]))
                .map(|(ln_t, w)| w * setup.t_integrand(&frame, ln_t).value)
                .sum()
        };
        let tolerance = Tolerance::relative(1e-9).with_max_intervals(20_000);
        let adaptive: f64 = breaks
            .windows(2)
            .map(|pair| {
                try_integrate(
                    "t",
                    |u| Ok(setup.t_integrand(&frame, u).value),
                    pair[0],
                    pair[1],
                    tolerance,
                )
                .unwrap()
                .value
            })
            .sum();
        let order8 = product(8);
        let order12 = product(12);
        assert!(
            ((order8 - adaptive) / adaptive).abs() < 1e-4,
            "θ = {theta}: order 8 {order8:e} vs adaptive {adaptive:e}"
        );
        assert!(
            ((order12 - adaptive) / adaptive).abs() < 1e-6,
            "θ = {theta}: order 12 {order12:e} vs adaptive {adaptive:e}"
        );
    }
}

#[test]
fn atlas_point_meets_its_tolerance() {
    let process = copper(Spin::Scalar, MASS);
    let tight = exact::dsigma_dx(&process, ENERGY, X, &atlas_cuts(), 1e-6).unwrap();
    for tol in [1e-2, 1e-3, 1e-4] {
        let v = exact::dsigma_dx(&process, ENERGY, X, &atlas_cuts(), tol).unwrap();
        let off = (v.value - tight.value).abs();
        assert!(
            off <= v.error + tight.error && off <= tol * tight.value,
            "tol {tol}: {v:?} vs {tight:?}"
        );
    }
}

/// The closed-form closest approach of each pole (a_s, a_u linear in t, b² quadratic) against
/// a brute-force search that knows nothing of that algebra: the closeness (|a| − |b|)/|a| of
/// `MuonFrame::poles` on a dense ln t grid, refined by golden section around the best point.
/// At random physical points (Cu at 50 GeV, Pb at 160 GeV; m_X from 1 MeV to 1 GeV) the closed
/// form must find a point at least as close to the pole as the search does.
#[test]
fn closest_approach_matches_brute_force_search() {
    use super::super::kinematics::Masses;
    use super::super::ridge::closest_approaches;
    use super::dirac::{random_point, SplitMix};
    let mut rng = SplitMix(2718);
    let mut checked = 0;
    for (big_m, e) in [(58.68, 50.0), (193.7, 160.0)] {
        for mx in [0.001, 0.01, 0.126, 1.0] {
            let masses = Masses {
                m: crate::units::M_MU,
                mx,
                big_m,
            };
            for _ in 0..25 {
                let (frame, ..) = random_point(&mut rng, &masses, e, 1e-5, 1e-12);
                let (lo, hi) = (frame.t_min.ln(), frame.t_max.ln());
                for (pole, t_star) in closest_approaches(&frame, &masses) {
                    let closeness = |ln_t: f64| pole.closeness(&frame.poles(ln_t.exp()));
                    let n = 20_000;
                    let step = (hi - lo) / f64::from(n);
                    let (mut best, mut best_c) = (lo, f64::INFINITY);
                    for k in 1..n {
                        let u = lo + step * f64::from(k);
                        let c = closeness(u);
                        if c < best_c {
                            (best, best_c) = (u, c);
                        }
                    }
                    // Golden section in the two grid steps around the best grid point.
                    let (mut a, mut b) = (best - step, best + step);
                    let g = 0.5 * (5f64.sqrt() - 1.0);
                    for _ in 0..100 {
                        let (c1, c2) = (b - g * (b - a), a + g * (b - a));
                        if closeness(c1) < closeness(c2) {
                            b = c2;
                        } else {
                            a = c1;
                        }
                    }
                    best_c = best_c.min(closeness(0.5 * (a + b)));
                    if best_c >= 0.2 {
                        continue; // no ridge worth grading
                    }
                    let t_star = t_star.expect("a close pole has its closest approach inside");
                    let c_star = closeness(t_star.ln());
                    assert!(
                        c_star <= best_c * (1.0 + 1e-6) + 1e-14,
                        "{pole:?} mX={mx}: closed form {c_star:e} at t={t_star:e}, search {best_c:e}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "{checked}");
}
