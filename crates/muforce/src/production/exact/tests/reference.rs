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
        eprintln!("{spin} {mass}: {pb:.4e} pb (ref {expected:.3e}), rel err {:.1e}, {:?}", sigma.relative_error(), start.elapsed());
        assert!((pb / expected - 1.0).abs() < 0.02, "{spin} {mass}: {pb:e} vs {expected:e}");
    }
}

/// REFERENCE §8 item 3 reference point: x = 0.5, m_X = 126 MeV, scalar, Cu, 50 GeV:
/// exact dσ/dx = 1.005 × 0.648 × 0.680 GeV⁻² ≈ 0.443 GeV⁻².
#[test]
fn reference_point_x_half() {
    let v = exact::dsigma_dx(&copper(Spin::Scalar, 0.126), 50.0, 0.5, &Cuts::default(), 1e-4)
        .unwrap();
    let expected = 1.005 * 0.648 * 0.680;
    eprintln!("dsigma/dx(0.5) = {} ± {}", v.value, v.error);
    assert!((v.value / expected - 1.0).abs() < 0.01, "{} vs {expected}", v.value);
}
