//! dσ/dx near the kinematic threshold with the muon-angle cut active: the allowed angles
//! shrink to a sliver below θ_kinematic, where the t range (and the integrand) closes as a
//! square root, and the cut θ_max may lie inside or just outside it. Every point must
//! converge at 1e-3, and ∫dσ/dx dx must reproduce `exact::total` under the same cuts.

use super::super::differential::Setup;
use super::common::copper;
use crate::model::Spin;
use crate::numerics::{try_integrate, Tolerance};
use crate::production::{exact, Cuts};

fn cuts() -> Cuts {
    Cuts {
        x_min: 0.0,
        x_max: 1.0,
        theta_max: 0.1,
        p_out_min: 5.0,
    }
}

fn converges(spin: Spin, mx: f64, e: f64, x: f64) -> f64 {
    let v = exact::dsigma_dx(&copper(spin, mx), e, x, &cuts(), 1e-3)
        .unwrap_or_else(|err| panic!("{spin} mX={mx:e} E={e} x={x}: {err}"));
    assert!(
        v.value.is_finite() && v.value >= 0.0,
        "{spin} {mx} {e} {x}: {v:?}"
    );
    v.value
}

/// The reported points (scalar, m_X = 10 GeV, E = 50 GeV, x = 0.228; E = 200 GeV,
/// x ∈ [0.058, 0.085]) for all four spins, and a sweep of x from threshold upwards.
#[test]
fn threshold_sweep_converges() {
    for spin in Spin::ALL {
        converges(spin, 10.0, 50.0, 0.228);
        for (e, x0, x1) in [(50.0, 0.2, 0.3), (200.0, 0.05, 0.1)] {
            let setup = Setup::new(&copper(spin, 10.0), e);
            let lo = setup.x_threshold().max(x0);
            for i in 0..=40 {
                let f = f64::from(i) / 40.0;
                converges(spin, 10.0, e, lo + (x1 - lo) * f.powi(2));
            }
        }
    }
}

/// A coarse scan over beam energy, x and m_X (1 MeV to 10 GeV), scalar and vector, like the
/// ATLAS one that found the failures.
#[test]
fn coarse_scan_converges() {
    let start = std::time::Instant::now();
    let mut n = 0;
    for spin in [Spin::Scalar, Spin::Vector] {
        for i in 0..=20 {
            let mx = 1e-3 * 1e4f64.powf(f64::from(i) / 20.0);
            for e in [5.5, 20.0, 50.0, 100.0, 200.0, 400.0, 600.0] {
                if mx >= e - 0.2 {
                    continue;
                }
                for j in 1..40 {
                    converges(spin, mx, e, f64::from(j) / 40.0);
                    n += 1;
                }
            }
        }
    }
    eprintln!("{n} points in {:?}", start.elapsed());
}

/// ∫dσ/dx dx over the open window against `exact::total` with the same cuts.
#[test]
fn threshold_differential_integrates_to_total() {
    let c = cuts();
    for spin in Spin::ALL {
        for e in [50.0, 200.0] {
            let process = copper(spin, 10.0);
            let (lo, hi) = Setup::new(&process, e).x_window(&c).unwrap();
            let total = exact::total(&process, e, &c, 1e-4).unwrap();
            let integrated = try_integrate(
                "dsigma/dx",
                |x| Ok(exact::dsigma_dx(&process, e, x, &c, 1e-5)?.value),
                lo,
                hi,
                Tolerance::relative(1e-5),
            )
            .unwrap();
            eprintln!(
                "{spin} E={e}: integrated {:e}, total {:e} ± {:.1e}",
                integrated.value,
                total.value,
                total.relative_error()
            );
            assert!(
                (integrated.value / total.value - 1.0).abs() < 3e-4,
                "{spin} E={e}: {} vs {}",
                integrated.value,
                total.value
            );
        }
    }
}
