//! Tests of the WW cross section against REFERENCE §8 item 3 and its own consistency.

use crate::error::Error;
use crate::model::Spin;
use crate::numerics::{try_integrate, Tolerance};
use crate::production::test_support::{copper, rel_diff};
use crate::production::{iww, ww, Cuts};
use crate::units::{gev2_to_pb, M_MU};

/// REFERENCE §8 item 3: WW totals at E = 50 GeV on Cu, g = 1, in pb, for m_X = 16, 126,
/// 1000 MeV (t_max = m_X² + m_μ², θ_X up to 0.5; quoted to three digits).
#[test]
fn totals_match_reference_table() {
    let cases = [
        (Spin::Scalar, [1.90e9, 2.21e8, 2.80e6]),
        (Spin::Vector, [5.81e9, 8.00e8, 7.89e6]),
    ];
    for (spin, refs) in cases {
        for (mass, reference) in [0.016, 0.126, 1.0].into_iter().zip(refs) {
            let p = copper(spin, mass, 1.0);
            let r = ww::total(&p, 50.0, &Cuts::default(), 1e-4).unwrap();
            let pb = gev2_to_pb(r.value);
            println!("WW {spin} {mass}: {pb:.4e} pb (reference {reference:.3e}), rel. error {:.1e}, {} evaluations", r.relative_error(), r.evaluations);
            assert!(
                rel_diff(pb, reference) < 0.01,
                "{spin} {mass}: {pb:e} vs {reference:e}"
            );
            assert!(r.error <= 1e-4 * r.value);
        }
    }
}

/// REFERENCE §8 item 3 reference point: scalar, m_X = 126 MeV, x = 0.5, E = 50 GeV:
/// WW dσ/dx = 0.648 × IWW dσ/dx (IWW = 0.680 GeV⁻²).
#[test]
fn reference_point() {
    let p = copper(Spin::Scalar, 0.126, 1.0);
    let w = ww::dsigma_dx(&p, 50.0, 0.5, 1e-6).unwrap();
    let i = iww::dsigma_dx(&p, 50.0, 0.5, 1e-6).unwrap();
    println!(
        "WW/IWW at x = 0.5: {:.4} (WW = {:.4} GeV⁻²)",
        w.value / i.value,
        w.value
    );
    assert!(rel_diff(w.value / i.value, 0.648) < 0.005);
    assert!(w.error <= 1e-6 * w.value);
}

/// σ ∝ g² (REFERENCE §8).
#[test]
fn total_scales_as_coupling_squared() {
    let c = Cuts::default();
    let one = ww::total(&copper(Spin::AxialVector, 0.05, 1.0), 50.0, &c, 1e-5).unwrap();
    let small = ww::total(&copper(Spin::AxialVector, 0.05, 2e-3), 50.0, &c, 1e-5).unwrap();
    assert!(rel_diff(small.value, 4e-6 * one.value) < 1e-10);
}

/// ∫ dσ/dx dx (adaptive quadrature over ww::dsigma_dx) equals ww::total, for all spins,
/// with and without an x window.
#[test]
fn integral_of_dsigma_dx_is_total() {
    let e = 50.0;
    for spin in Spin::ALL {
        let p = copper(spin, 0.3, 1.0);
        for cuts in [
            Cuts::default(),
            Cuts {
                x_min: 0.2,
                x_max: 0.6,
                ..Cuts::default()
            },
        ] {
            let lo = cuts.x_min.max(p.mass_gev / e);
            let hi = cuts.x_max.min(1.0 - M_MU / e);
            let f = |x: f64| Ok(ww::dsigma_dx(&p, e, x, 1e-7)?.value);
            let tol = Tolerance::relative(1e-5);
            let num = try_integrate("x", f, lo, 0.5f64.clamp(lo, hi), tol)
                .unwrap()
                .value
                + try_integrate("x", f, 0.5f64.clamp(lo, hi), hi, tol)
                    .unwrap()
                    .value;
            let tot = ww::total(&p, e, &cuts, 1e-5).unwrap().value;
            assert!(rel_diff(num, tot) < 3e-5, "{spin}: {num} vs {tot}");
        }
    }
}

/// WW never exceeds IWW pointwise here (its t_min is larger and χ decreases with t_min; REFERENCE
/// §3.2 "IWW overestimates") and both vanish at the kinematic ends.
#[test]
fn ww_below_iww() {
    for spin in Spin::ALL {
        let p = copper(spin, 0.126, 1.0);
        for x in [0.01, 0.2, 0.5, 0.8, 0.99] {
            let w = ww::dsigma_dx(&p, 50.0, x, 1e-6).unwrap().value;
            let i = iww::dsigma_dx(&p, 50.0, x, 1e-6).unwrap().value;
            assert!(w > 0.0 && w < i, "{spin} {x}: {w} vs {i}");
        }
        assert_eq!(
            ww::dsigma_dx(&p, 50.0, 0.126 / 50.0, 1e-6).unwrap().value,
            0.0
        );
    }
}

/// Heavy and light X (REFERENCE §3.1 amplitudes): for m_X ≫ m_μ the m_μ terms of A_P and A_A
/// are negligible and P → S, A → V (m_X = 3 GeV at E = 500 GeV: totals within 2 %); for
/// m_X ≪ m_μ the axial cross section is dominated by the longitudinal 4m²x²/((1−x)m_X²)
/// term, so σ_A m_X² tends to a constant (m_X = 0.5 and 1 MeV agree to 5 %) while σ_V stays
/// finite.
#[test]
fn pseudoscalar_and_axial_limits() {
    let c = Cuts::default();
    let tot = |spin, mass| {
        ww::total(&copper(spin, mass, 1.0), 500.0, &c, 1e-4)
            .unwrap()
            .value
    };
    let (s, p) = (tot(Spin::Scalar, 3.0), tot(Spin::Pseudoscalar, 3.0));
    let (v, a) = (tot(Spin::Vector, 3.0), tot(Spin::AxialVector, 3.0));
    println!("heavy: P/S = {:.4}, A/V = {:.4}", p / s, a / v);
    assert!(rel_diff(p, s) < 0.02 && rel_diff(a, v) < 0.02);
    let l1 = tot(Spin::AxialVector, 5e-4) * 5e-4f64.powi(2);
    let l2 = tot(Spin::AxialVector, 1e-3) * 1e-3f64.powi(2);
    println!("light: σ_A m_X² ratio = {:.4}", l1 / l2);
    assert!(rel_diff(l1, l2) < 0.05);
}

/// Bad input is an OutOfRange error naming the field.
#[test]
fn bad_input() {
    let p = copper(Spin::Vector, 0.126, 1.0);
    let field = |r: crate::Result<_>| match r {
        Err(Error::OutOfRange { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    let c = Cuts::default();
    assert_eq!(field(ww::total(&p, 0.1, &c, 1e-4)), "energy_gev");
    assert_eq!(field(ww::total(&p, f64::INFINITY, &c, 1e-4)), "energy_gev");
    assert_eq!(
        field(ww::total(&copper(Spin::Vector, 0.2, 1.0), 0.3, &c, 1e-4)),
        "mass_gev"
    );
    assert_eq!(field(ww::dsigma_dx(&p, 50.0, f64::NAN, 1e-4)), "x");
    assert_eq!(field(ww::dsigma_dx(&p, 50.0, 0.5, 0.0)), "rel_tol");
    let empty = Cuts {
        x_min: 0.999,
        ..Cuts::default()
    };
    assert_eq!(field(ww::total(&p, 50.0, &empty, 1e-4)), "x_min");
    let mut bad = p;
    bad.coupling = f64::NAN;
    assert_eq!(field(ww::total(&bad, 50.0, &c, 1e-4)), "coupling");
}

/// A muon-angle cut only removes cross section, and removes all of it in the limit.
#[test]
fn angle_cut_is_monotonic() {
    let p = copper(Spin::Scalar, 0.126, 1.0);
    let mut last = ww::total(&p, 50.0, &Cuts::default(), 1e-5).unwrap().value;
    for theta in [0.1, 0.01, 1e-3, 1e-4] {
        let t = ww::total(
            &p,
            50.0,
            &Cuts {
                theta_max: theta,
                ..Cuts::default()
            },
            1e-5,
        )
        .unwrap()
        .value;
        assert!(
            t <= last * (1.0 + 1e-4) && t > 0.0,
            "{theta}: {t} vs {last}"
        );
        last = t;
    }
}
