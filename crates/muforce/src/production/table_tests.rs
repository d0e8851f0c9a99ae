//! Tests of the interpolation tables.

use crate::error::{Error, Result};
use crate::model::Spin;
use crate::numerics::Integral;
use crate::production::test_support::{copper, rel_diff};
use crate::production::{iww, Cuts, Spacing, Table, TableOptions};
use crate::units::M_MU;

#[allow(clippy::unnecessary_wraps)] // the table takes fallible functions
fn exact(value: f64) -> Result<Integral> {
    Ok(Integral {
        value,
        error: 0.0,
        evaluations: 1,
    })
}

/// Points spread over [lo, hi] in ln x by an irrational stride (never on the grid).
fn probes(lo: f64, hi: f64, n: u32) -> impl Iterator<Item = f64> {
    (1..=n).map(move |i| {
        let f = (f64::from(i) * 0.618_033_988_749_895).fract();
        (lo.ln() + f * (hi.ln() - lo.ln())).exp().clamp(lo, hi)
    })
}

/// A smooth function with structure on several scales, and one with a threshold where it
/// vanishes as (E − 2)^{3/2}: the table meets its tolerance (relative, away from the
/// threshold's floor) and its own error bound at 1000 off-grid points; zeros stay zeros.
#[test]
fn smooth_and_threshold_functions() {
    let smooth = |e: f64| e.powf(-0.7) * (1.3 + (2.0 * e.ln()).sin()) + 1e-3 * e;
    let tol = 1e-4;
    let table = Table::energy(|e| exact(smooth(e)), 1.0, 1e3, 5.0, tol).unwrap();
    for e in probes(1.0, 1e3, 1000) {
        let t = table.eval(e).unwrap();
        let truth = smooth(e);
        assert!(
            rel_diff(t.value, truth) <= tol,
            "{e}: {} vs {truth} ({:e}, bound {:e})",
            t.value,
            rel_diff(t.value, truth),
            t.error / truth
        );
        assert!(
            (t.value - truth).abs() <= t.error + 1e-15 * truth,
            "{e}: {:e} vs bound {:e}",
            (t.value - truth).abs() / truth,
            t.error / truth
        );
    }
    assert!(table.max_relative_error() <= tol);

    let threshold = |e: f64| {
        if e > 2.0 {
            (e - 2.0).powf(1.5) / e
        } else {
            0.0
        }
    };
    let table = Table::energy(|e| exact(threshold(e)), 0.5, 100.0, 3.0, tol).unwrap();
    for e in probes(0.5, 100.0, 1000) {
        let t = table.eval(e).unwrap();
        let truth = threshold(e);
        if e <= 1.9 {
            assert_eq!(t.value, 0.0, "{e}");
        }
        assert!(t.value >= 0.0);
        assert!(
            (t.value - truth).abs() <= t.error + tol * truth,
            "{e}: {} vs {truth}",
            t.value
        );
        if e > 2.1 {
            assert!(
                rel_diff(t.value, truth) <= tol,
                "{e}: {} vs {truth}",
                t.value
            );
        }
    }
}

/// Outside the grid is an OutOfRange error naming the abscissa; the ends themselves work.
#[test]
fn no_extrapolation() {
    let table = Table::energy(|e| exact(e.sqrt()), 10.0, 100.0, 4.0, 1e-3).unwrap();
    for e in [9.999, 100.01, f64::NAN, -1.0] {
        match table.eval(e) {
            Err(Error::OutOfRange { field, .. }) => assert_eq!(field, "energy_gev"),
            other => panic!("{e}: {other:?}"),
        }
    }
    assert!(rel_diff(table.eval(10.0).unwrap().value, 10f64.sqrt()) < 1e-15);
    assert!(rel_diff(table.eval(100.0).unwrap().value, 10.0) < 1e-15);
    assert!(Table::energy(exact, 10.0, 1.0, 4.0, 1e-3).is_err());
    assert!(Table::energy(exact, 0.0, 1.0, 4.0, 1e-3).is_err());
    let failing = Table::energy(
        |e| {
            if e > 50.0 {
                Err(Error::out_of_range("energy_gev", e, "test"))
            } else {
                exact(e)
            }
        },
        10.0,
        100.0,
        4.0,
        1e-3,
    );
    assert!(failing.is_err());
    let tight = TableOptions {
        max_points: 10,
        ..TableOptions::new(1e-10, 5)
    };
    let r = Table::build(
        "x",
        |x: f64| exact(x.sin()),
        0.0,
        3.0,
        Spacing::Linear,
        &tight,
    );
    assert!(matches!(r, Err(Error::NotConverged { .. })), "{r:?}");
}

/// The IWW scalar σ(E) (m_X = 126 MeV, Cu) from just above 0.25 GeV (zero below the
/// threshold E = m_X + m_μ) to 1 TeV at 10⁻³: 40 off-grid energies agree with direct
/// evaluations to the tolerance.
#[test]
fn iww_sigma_of_energy() {
    let p = copper(Spin::Scalar, 0.126, 1.0);
    let sigma = |e: f64| {
        if p.mass_gev >= e - M_MU {
            exact(0.0)
        } else {
            iww::total(&p, e, &Cuts::default(), 1e-7)
        }
    };
    let tol = 1e-3;
    let table = Table::energy(sigma, 0.2, 1e3, 4.0, tol).unwrap();
    println!("IWW σ(E) table: {} nodes", table.len());
    for e in probes(0.2, 1e3, 40) {
        let t = table.eval(e).unwrap();
        let direct = sigma(e).unwrap().value;
        assert!((t.value - direct).abs() <= t.error + 1e-6 * direct, "{e}");
        if e > 0.3 {
            assert!(
                rel_diff(t.value, direct) <= tol,
                "{e}: {} vs {direct}",
                t.value
            );
        }
    }
}

/// A dσ/dx shape at fixed E (IWW vector, m_X = 0.3 GeV, E = 20 GeV) on the full x range,
/// which vanishes at x = m_X/E: meets its tolerance at off-grid points.
#[test]
fn dsigma_dx_shape() {
    let p = copper(Spin::Vector, 0.3, 1.0);
    let e = 20.0;
    let (lo, hi) = (p.mass_gev / e, 1.0 - M_MU / e);
    let f = |x: f64| iww::dsigma_dx(&p, e, x, 1e-9);
    let tol = 1e-3;
    let table = Table::shape("x", f, lo, hi, Spacing::Log, 20, tol).unwrap();
    assert_eq!(table.eval(lo).unwrap().value, 0.0);
    for x in probes(lo, hi, 200) {
        let t = table.eval(x).unwrap();
        let direct = f(x).unwrap().value;
        assert!((t.value - direct).abs() <= t.error + 1e-8 * direct, "{x}");
        if x > 1.001 * lo {
            assert!(
                rel_diff(t.value, direct) <= tol,
                "{x}: {} vs {direct}",
                t.value
            );
        }
    }
}

/// The same table from a 1-thread and a 2-thread rayon pool is bitwise identical.
#[test]
fn deterministic_across_thread_counts() {
    let p = copper(Spin::Vector, 0.05, 1.0);
    let build = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            Table::energy(
                |e| iww::total(&p, e, &Cuts::default(), 1e-6),
                1.0,
                300.0,
                3.0,
                1e-3,
            )
            .unwrap()
        })
    };
    let (one, two) = (build(1), build(2));
    assert_eq!(one.len(), two.len());
    for ((x1, v1), (x2, v2)) in one.nodes().zip(two.nodes()) {
        assert_eq!((x1.to_bits(), v1.to_bits()), (x2.to_bits(), v2.to_bits()));
    }
    for e in probes(1.0, 300.0, 50) {
        let (a, b) = (one.eval(e).unwrap(), two.eval(e).unwrap());
        assert_eq!(
            (a.value.to_bits(), a.error.to_bits()),
            (b.value.to_bits(), b.error.to_bits())
        );
    }
}
