//! Reference numbers of REFERENCE §8 (computed independently of this code).

use super::common::copper;
use crate::model::Spin;
use crate::production::{exact, Cuts};
use crate::units::gev2_to_pb;

/// REFERENCE §8 item 3: exact totals at E = 50 GeV on Cu, g = 1, full x range, in pb.
#[test]
fn totals_copper_50_gev() {
    let cases = [
        (Spin::Scalar, 0.016, 1.91e9),
        (Spin::Scalar, 0.126, 2.20e8),
        (Spin::Scalar, 1.0, 2.67e6),
        (Spin::Vector, 0.016, 5.86e9),
        (Spin::Vector, 0.126, 8.01e8),
        (Spin::Vector, 1.0, 7.61e6),
    ];
    for (spin, mass, expected) in cases {
        let start = std::time::Instant::now();
        let sigma = exact::total(&copper(spin, mass), 50.0, &Cuts::default(), 1e-3).unwrap();
        let pb = gev2_to_pb(sigma.value);
        eprintln!(
            "{spin} {mass}: {pb:.4e} pb (ref {expected:.3e}), rel err {:.1e}, {:?}",
            sigma.relative_error(),
            start.elapsed()
        );
        assert!(
            (pb / expected - 1.0).abs() < 0.02,
            "{spin} {mass}: {pb:e} vs {expected:e}"
        );
    }
}

/// REFERENCE §8 item 3 reference point: x = 0.5, m_X = 126 MeV, scalar, Cu, 50 GeV:
/// exact dσ/dx = 1.005 × 0.648 × 0.680 GeV⁻² ≈ 0.443 GeV⁻².
#[test]
fn reference_point_x_half() {
    let v = exact::dsigma_dx(
        &copper(Spin::Scalar, 0.126),
        50.0,
        0.5,
        &Cuts::default(),
        1e-4,
    )
    .unwrap();
    let expected = 1.005 * 0.648 * 0.680;
    eprintln!("dsigma/dx(0.5) = {} ± {}", v.value, v.error);
    assert!(
        (v.value / expected - 1.0).abs() < 0.01,
        "{} vs {expected}",
        v.value
    );
}

/// σ ∝ g² (the coupling enters |M|² as g², REFERENCE §1.4).
#[test]
fn cross_section_scales_with_coupling_squared() {
    let cuts = Cuts {
        x_min: 0.3,
        x_max: 0.7,
        ..Cuts::default()
    };
    let mut process = copper(Spin::Vector, 0.126);
    let one = exact::total(&process, 50.0, &cuts, 1e-4).unwrap().value;
    process.coupling = 3e-4;
    let small = exact::total(&process, 50.0, &cuts, 1e-4).unwrap().value;
    assert!(
        (small / (one * 9e-8) - 1.0).abs() < 1e-10,
        "{small:e} vs {one:e}"
    );
}

/// ∫dσ/dx dx = σ over the same cut window: the public dσ/dx integrated by the independent
/// adaptive Gauss–Kronrod of `numerics` against `exact::total`; also dσ/dρ = p_in dσ/dp_out
/// (REFERENCE §1.3) against dσ/dx with the Jacobian dx/dρ worked out by hand.
#[test]
fn differential_integrates_to_total() {
    use crate::numerics::{try_integrate, Tolerance};
    let cuts = Cuts {
        x_min: 0.1,
        x_max: 0.9,
        theta_max: 0.05,
        p_out_min: 0.0,
    };
    for spin in [Spin::Scalar, Spin::AxialVector] {
        let process = copper(spin, 0.126);
        let total = exact::total(&process, 50.0, &cuts, 1e-4).unwrap();
        let integrated = try_integrate(
            "dsigma/dx",
            |x| Ok(exact::dsigma_dx(&process, 50.0, x, &cuts, 1e-5)?.value),
            0.1,
            0.9,
            Tolerance::relative(1e-5),
        )
        .unwrap();
        assert!(
            (integrated.value / total.value - 1.0).abs() < 3e-4,
            "{spin}: {} vs {}",
            integrated.value,
            total.value
        );
        // dσ/dρ at ρ = −0.4: x = 1 − E′/E with E′ = √(p_in²(1+ρ)² + m²), dx/dρ = p_in p_out/(E E′).
        let rho = -0.4;
        let p_in = (50.0f64.powi(2) - crate::units::M_MU.powi(2)).sqrt();
        let p_out = p_in * (1.0 + rho);
        let e_out = p_out.hypot(crate::units::M_MU);
        let x = 1.0 - e_out / 50.0;
        let per_rho = exact::dsigma_drho(&process, 50.0, rho, &cuts, 1e-5)
            .unwrap()
            .value;
        let per_x = exact::dsigma_dx(&process, 50.0, x, &cuts, 1e-5)
            .unwrap()
            .value;
        assert!((per_rho / (per_x * p_in * p_out / (50.0 * e_out)) - 1.0).abs() < 1e-9);
    }
}

/// d²σ/(dx dθ) = E (E′/|p′|) sin θ d²σ/(d|p′| d cos θ) (REFERENCE §1.3) between the two
/// public double-differential functions.
#[test]
fn double_differentials_agree() {
    let process = copper(Spin::Pseudoscalar, 0.05);
    let (e, x, theta) = (50.0, 0.3, 2e-3);
    let e_out = e * (1.0 - x);
    let p_out = (e_out * e_out - crate::units::M_MU.powi(2)).sqrt();
    let a = exact::d2sigma_dx_dtheta(&process, e, x, theta, 1e-6)
        .unwrap()
        .value;
    let b = exact::d2sigma_dp_dcos(&process, e, p_out, theta.cos(), 1e-6)
        .unwrap()
        .value;
    assert!(
        (a / (e * e_out / p_out * theta.sin() * b) - 1.0).abs() < 1e-5,
        "{a:e} {b:e}"
    );
}
