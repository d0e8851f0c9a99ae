//! Tests of the IWW cross section against REFERENCE §8 item 3 and CPZ arXiv:1701.07437.

use crate::error::Error;
use crate::model::Spin;
use crate::numerics::{integrate, Tolerance};
use crate::production::amplitude::Amplitude;
use crate::production::iww;
use crate::production::test_support::{copper, rel_diff};
use crate::production::Cuts;
use crate::units::{gev2_to_pb, ALPHA, M_MU};
use std::f64::consts::PI;

/// REFERENCE §8 item 3: IWW totals at E = 50 GeV on Cu, g = 1, in pb, for
/// m_X = 16, 126, 1000 MeV (quoted to three digits).
#[test]
fn totals_match_reference_table() {
    let cases = [
        (Spin::Scalar, [3.11e9, 4.34e8, 8.33e6]),
        (Spin::Vector, [9.22e9, 1.49e9, 2.39e7]),
    ];
    for (spin, refs) in cases {
        for (mass, reference) in [0.016, 0.126, 1.0].into_iter().zip(refs) {
            let p = copper(spin, mass, 1.0);
            let r = iww::total(&p, 50.0, &Cuts::default(), 1e-6).unwrap();
            let pb = gev2_to_pb(r.value);
            println!("IWW {spin} {mass}: {pb:.4e} pb (reference {reference:.3e})");
            assert!(
                rel_diff(pb, reference) < 0.01,
                "{spin} {mass}: {pb:e} vs {reference:e}"
            );
            assert!(r.error <= 1e-6 * r.value);
        }
    }
}

/// REFERENCE §8 item 3 reference point: scalar, m_X = 126 MeV, x = 0.5, E = 50 GeV, Cu:
/// IWW dσ/dx = 0.680 GeV⁻².
#[test]
fn reference_point() {
    let p = copper(Spin::Scalar, 0.126, 1.0);
    let r = iww::dsigma_dx(&p, 50.0, 0.5, 1e-8).unwrap();
    println!("IWW dσ/dx(0.5) = {:.5} GeV⁻²", r.value);
    assert!(rel_diff(r.value, 0.680) < 0.005, "{}", r.value);
}

/// CPZ arXiv:1701.07437 Eq. 12, typed in from the paper's text, with χ from Eq. 13:
/// dσ/dx = g²α²/(12π) χ β_μ β_S x³[m_μ²(3x²−4x+4) + 2m_S²(1−x)]/[m_S²(1−x) + m_μ²x²]²,
/// β_μ = √(1 − m_μ²/E²), β_S = √(1 − m_S²/(xE)²). The scalar IWW must equal it.
#[test]
fn scalar_is_cpz_eq_12() {
    for (m_s, e, x, g) in [
        (0.126, 50.0, 0.5, 1.0),
        (0.016, 160.0, 0.9, 3e-4),
        (1.0, 20.0, 0.2, 0.1),
    ] {
        let p = copper(Spin::Scalar, m_s, g);
        let chi = iww::flux(&p, e, 1e-10).unwrap().value;
        let beta_mu = (1.0f64 - M_MU * M_MU / (e * e)).sqrt();
        let beta_s = (1.0f64 - m_s * m_s / (x * e * x * e)).sqrt();
        let eq12 = g * g * ALPHA * ALPHA / (12.0 * PI)
            * chi
            * beta_mu
            * beta_s
            * x.powi(3)
            * (M_MU * M_MU * (3.0 * x * x - 4.0 * x + 4.0) + 2.0 * m_s * m_s * (1.0 - x))
            / (m_s * m_s * (1.0 - x) + M_MU * M_MU * x * x).powi(2);
        let ours = iww::dsigma_dx(&p, e, x, 1e-10).unwrap().value;
        assert!(rel_diff(ours, eq12) < 1e-12, "{ours} vs {eq12}");
    }
}

/// The closed forms of all four spins against the defining formula of REFERENCE §3.2,
/// dσ/dx = (g²α²/4π) χ β_μ (|k|/E)((1−x)/x) ∫_{−∞}^{ũ_max} dũ A_X/ũ², with the ũ integral
/// done numerically.
#[test]
fn closed_forms_match_numerical_u_integral() {
    let e = 50.0;
    for spin in Spin::ALL {
        for (mass, x) in [(0.016, 0.1), (0.126, 0.5), (1.0, 0.8), (0.3, 0.99)] {
            let p = copper(spin, mass, 1.0);
            let amp = Amplitude::new(spin, mass, x);
            let lo = (-amp.u_max()).ln();
            let f = |s: f64| {
                let u = -s.exp();
                amp.at(u) / (u * u) * (-u)
            };
            let u_int = integrate("u", f, lo, lo + 60.0, Tolerance::relative(1e-12))
                .unwrap()
                .value;
            let chi = iww::flux(&p, e, 1e-10).unwrap().value;
            let beta_mu = (1.0f64 - M_MU * M_MU / (e * e)).sqrt();
            let k_over_e = (x * x - mass * mass / (e * e)).sqrt();
            let defining =
                ALPHA * ALPHA / (4.0 * PI) * chi * beta_mu * k_over_e * (1.0 - x) / x * u_int;
            let ours = iww::dsigma_dx(&p, e, x, 1e-10).unwrap().value;
            assert!(
                rel_diff(ours, defining) < 1e-9,
                "{spin} {mass} {x}: {ours} vs {defining}"
            );
        }
    }
}

/// σ ∝ g² (REFERENCE §8: "g = 1 cross sections scale as g²").
#[test]
fn total_scales_as_coupling_squared() {
    let one = iww::total(
        &copper(Spin::Vector, 0.1, 1.0),
        50.0,
        &Cuts::default(),
        1e-6,
    )
    .unwrap();
    let small = iww::total(
        &copper(Spin::Vector, 0.1, 3e-4),
        50.0,
        &Cuts::default(),
        1e-6,
    )
    .unwrap();
    assert!(rel_diff(small.value, 9e-8 * one.value) < 1e-10);
}

/// ∫ dσ/dx dx over the kinematic range equals the total (Gauss–Legendre-independent check
/// with the adaptive integrator on dsigma_dx itself), also with an x window.
#[test]
fn integral_of_dsigma_dx_is_total() {
    for spin in Spin::ALL {
        let p = copper(spin, 0.126, 1.0);
        let e = 50.0;
        for cuts in [
            Cuts::default(),
            Cuts {
                x_min: 0.3,
                x_max: 0.7,
                ..Cuts::default()
            },
        ] {
            let lo = cuts.x_min.max(p.mass_gev / e);
            let hi = cuts.x_max.min(1.0 - M_MU / e);
            let f = |s: f64| {
                let x = s.exp();
                iww::dsigma_dx(&p, e, x, 1e-10).unwrap().value * x
            };
            let num = integrate("x", f, lo.ln(), hi.ln(), Tolerance::relative(1e-8))
                .unwrap()
                .value;
            let tot = iww::total(&p, e, &cuts, 1e-8).unwrap().value;
            assert!(rel_diff(num, tot) < 1e-7, "{spin}: {num} vs {tot}");
        }
    }
}

/// Heavy and light X for P and A (REFERENCE §3.2 closed forms):
/// - m_X ≫ m_μ: the m_μ terms drop out of the brackets away from x → 1, so P → S and A → V
///   (checked at m_X = 3 GeV, E = 500 GeV, x ≤ 0.9: ratios within 3·m_μ²/(m_X²(1−x))).
/// - m_X → 0: P/S → 3x²/(3x² − 4x + 4) (the m_X-free brackets), and A − V → the longitudinal
///   piece 6m_μ²x²/(m_X² c) that grows as 1/m_X² (no decoupling), so (A − V) m_X² is constant.
#[test]
fn pseudoscalar_and_axial_limits() {
    let e = 500.0;
    for x in [0.05, 0.3, 0.6, 0.9] {
        let ds = |spin, mass| {
            iww::dsigma_dx(&copper(spin, mass, 1.0), e, x, 1e-9)
                .unwrap()
                .value
        };
        let bound = 3.0 * M_MU * M_MU / (9.0 * (1.0 - x));
        assert!(rel_diff(ds(Spin::Pseudoscalar, 3.0), ds(Spin::Scalar, 3.0)) < bound);
        assert!(rel_diff(ds(Spin::AxialVector, 3.0), ds(Spin::Vector, 3.0)) < bound);
        let light = 1e-5;
        let expected = 3.0 * x * x / (3.0 * x * x - 4.0 * x + 4.0);
        let ratio = ds(Spin::Pseudoscalar, light) / ds(Spin::Scalar, light);
        assert!(
            rel_diff(ratio, expected) < 1e-4,
            "{x}: {ratio} vs {expected}"
        );
        let long = |mass: f64| {
            (ds(Spin::AxialVector, mass) - ds(Spin::Vector, mass)) * mass * mass
                / iww::flux(&copper(Spin::Vector, mass, 1.0), e, 1e-10)
                    .unwrap()
                    .value
        };
        assert!(rel_diff(long(1e-5), long(2e-5)) < 1e-3, "{x}");
    }
}

/// Bad input is an OutOfRange error naming the field; nothing panics or returns NaN.
#[test]
fn bad_input() {
    let p = copper(Spin::Scalar, 0.126, 1.0);
    let field = |r: crate::Result<_>| match r {
        Err(Error::OutOfRange { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    let c = Cuts::default();
    assert_eq!(field(iww::total(&p, M_MU, &c, 1e-4)), "energy_gev");
    assert_eq!(field(iww::total(&p, f64::NAN, &c, 1e-4)), "energy_gev");
    assert_eq!(
        field(iww::total(&copper(Spin::Scalar, 49.9, 1.0), 50.0, &c, 1e-4)),
        "mass_gev"
    );
    assert_eq!(field(iww::total(&p, 50.0, &c, f64::NAN)), "rel_tol");
    assert_eq!(field(iww::dsigma_dx(&p, 50.0, 1.5, 1e-4)), "x");
    let narrow = Cuts {
        x_max: 0.001,
        ..Cuts::default()
    };
    assert_eq!(field(iww::total(&p, 50.0, &narrow, 1e-4)), "x_max");
    let hard = Cuts {
        p_out_min: 49.99,
        ..Cuts::default()
    };
    assert_eq!(field(iww::total(&p, 50.0, &hard, 1e-4)), "p_out_min");
    assert_eq!(iww::dsigma_dx(&p, 50.0, 0.001, 1e-4).unwrap().value, 0.0);
    assert_eq!(iww::dsigma_dx(&p, 50.0, 1.0, 1e-4).unwrap().value, 0.0);
}

/// Cuts: p_out_min ⇔ x ≤ 1 − √(p² + m²)/E, and a muon-angle cut only removes cross section.
#[test]
fn cuts_reduce_the_total() {
    let p = copper(Spin::Scalar, 0.126, 1.0);
    let all = iww::total(&p, 50.0, &Cuts::default(), 1e-7).unwrap().value;
    let p_cut = Cuts {
        p_out_min: 10.0,
        ..Cuts::default()
    };
    let x_cut = Cuts {
        x_max: 1.0 - 10.0f64.hypot(M_MU) / 50.0,
        ..Cuts::default()
    };
    let a = iww::total(&p, 50.0, &p_cut, 1e-7).unwrap().value;
    let b = iww::total(&p, 50.0, &x_cut, 1e-7).unwrap().value;
    assert!(rel_diff(a, b) < 1e-12 && a < all);
    let mut last = all;
    for theta in [0.1, 0.01, 1e-3, 1e-4] {
        let t = iww::total(
            &p,
            50.0,
            &Cuts {
                theta_max: theta,
                ..Cuts::default()
            },
            1e-7,
        )
        .unwrap()
        .value;
        assert!(
            t <= last * (1.0 + 1e-9) && t > 0.0,
            "{theta}: {t} vs {last}"
        );
        last = t;
    }
}
