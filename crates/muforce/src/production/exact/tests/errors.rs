//! Bad input gives a clear `Error::OutOfRange` naming the field (DESIGN.md conventions).

use super::common::copper;
use crate::error::Error;
use crate::model::Spin;
use crate::production::{exact, Cuts};

fn field_of(result: crate::Result<crate::numerics::Integral>) -> String {
    match result {
        Err(Error::OutOfRange { field, .. }) => field,
        other => panic!("expected OutOfRange, got {other:?}"),
    }
}

#[test]
fn bad_inputs_are_named() {
    let cuts = Cuts::default();
    let p = copper(Spin::Scalar, 0.126);
    assert_eq!(field_of(exact::total(&p, 0.1, &cuts, 1e-3)), "energy");
    assert_eq!(field_of(exact::total(&p, f64::NAN, &cuts, 1e-3)), "energy");
    assert_eq!(
        field_of(exact::total(
            &copper(Spin::Scalar, 49.95),
            50.0,
            &cuts,
            1e-3
        )),
        "mass"
    );
    assert_eq!(field_of(exact::total(&p, 50.0, &cuts, 0.0)), "rel_tol");
    assert_eq!(
        field_of(exact::total(&p, 50.0, &cuts, f64::INFINITY)),
        "rel_tol"
    );
    let empty = Cuts {
        x_min: 0.5,
        x_max: 0.5,
        ..cuts
    };
    assert_eq!(field_of(exact::total(&p, 50.0, &empty, 1e-3)), "x_min");
    let bad_theta = Cuts {
        theta_max: -1.0,
        ..cuts
    };
    assert_eq!(
        field_of(exact::dsigma_dx(&p, 50.0, 0.5, &bad_theta, 1e-3)),
        "theta_max"
    );
    assert_eq!(field_of(exact::dsigma_dx(&p, 50.0, 1.5, &cuts, 1e-3)), "x");
    assert_eq!(
        field_of(exact::dsigma_drho(&p, 50.0, 0.2, &cuts, 1e-3)),
        "rho"
    );
    assert_eq!(
        field_of(exact::d2sigma_dp_dcos(&p, 50.0, 60.0, 0.5, 1e-3)),
        "p_out"
    );
    assert_eq!(
        field_of(exact::d2sigma_dp_dcos(&p, 50.0, 20.0, 1.5, 1e-3)),
        "cos_theta"
    );
    assert_eq!(
        field_of(exact::d2sigma_dx_dtheta(&p, 50.0, 0.5, f64::NAN, 1e-3)),
        "theta"
    );
    let mut nan_coupling = p;
    nan_coupling.coupling = f64::NAN;
    assert_eq!(
        field_of(exact::total(&nan_coupling, 50.0, &cuts, 1e-3)),
        "coupling"
    );
    let message = exact::total(&copper(Spin::Scalar, 60.0), 50.0, &cuts, 1e-3)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("mass") && message.contains("E − m_μ"),
        "{message}"
    );
}

/// Outside the physical region the differential cross sections are zero, not NaN, and cuts
/// that remove every open x give σ = 0.
#[test]
fn closed_regions_give_zero() {
    let p = copper(Spin::Vector, 1.0);
    let cuts = Cuts::default();
    assert_eq!(
        exact::dsigma_dx(&p, 50.0, 0.001, &cuts, 1e-3)
            .unwrap()
            .value,
        0.0
    );
    assert_eq!(
        exact::d2sigma_dx_dtheta(&p, 50.0, 0.5, 3.0, 1e-3)
            .unwrap()
            .value,
        0.0
    );
    let below = Cuts {
        x_max: 0.01,
        ..cuts
    };
    assert_eq!(exact::total(&p, 50.0, &below, 1e-3).unwrap().value, 0.0);
}
