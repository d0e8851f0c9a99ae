//! REFERENCE §8 item 5: the reduced phase-space formula of REFERENCE §1.3 with |M|² = 1
//! against the independent nested two-body form Φ₃ = ∫ds₂₃/(2π) Φ₂(s; m, √s₂₃)
//! Φ₂(s₂₃; m_X, M) (PDG Review "Kinematics", Eqs. 49.19–49.21), σ = Φ₃/(4M|p|).

use super::super::differential::Setup;
use super::super::kinematics::{momentum, Masses, MuonFrame};
use super::common::copper;
use crate::model::Spin;
use crate::numerics::{integrate, try_integrate, Tolerance};
use crate::units::M_MU;
use std::f64::consts::PI;

fn lambda(a: f64, b: f64, c: f64) -> f64 {
    a * a + b * b + c * c - 2.0 * (a * b + a * c + b * c)
}

/// Two-body phase-space volume ∫dΦ₂ = λ^{1/2}(s, m₁², m₂²)/(8πs).
fn two_body(s: f64, m1: f64, m2: f64) -> f64 {
    lambda(s, m1 * m1, m2 * m2).max(0.0).sqrt() / (8.0 * PI * s)
}

fn nested(masses: &Masses, e: f64) -> f64 {
    let Masses { m, mx, big_m } = *masses;
    let s = m * m + big_m * big_m + 2.0 * big_m * e;
    let lo = (mx + big_m).powi(2);
    let hi = (s.sqrt() - m).powi(2);
    let phi3 = integrate(
        "nested phase space",
        |s23: f64| two_body(s, m, s23.sqrt()) * two_body(s23, mx, big_m) / (2.0 * PI),
        lo,
        hi,
        Tolerance::relative(1e-9),
    )
    .unwrap()
    .value;
    phi3 / (4.0 * big_m * momentum(e, m))
}

fn reduced(setup: &Setup) -> f64 {
    let Masses { m, .. } = setup.masses;
    let e = setup.energy;
    let x_lo = setup.x_threshold();
    let outer = |x: f64| {
        let e_out = e * (1.0 - x);
        let Some(theta_kin) = setup.theta_kinematic(e_out) else {
            return Ok(0.0);
        };
        let inner = integrate(
            "reduced phase space, angle",
            |cos: f64| {
                let theta = cos.clamp(-1.0, 1.0).acos();
                MuonFrame::new(&setup.masses, e, e_out, theta).map_or(0.0, |f| {
                    f.p_out * f.p_out * (f.t_max - f.t_min)
                        / (512.0
                            * PI.powi(3)
                            * f.p
                            * f.e_out
                            * setup.masses.big_m.powi(2)
                            * f.v_abs)
                })
            },
            theta_kin.cos(),
            1.0,
            Tolerance::relative(1e-8),
        )?;
        // dσ/dx = E dσ/dE′ = E (E′/|p′|) dσ/d|p′|.
        Ok(e * e_out / momentum(e_out, m) * inner.value)
    };
    try_integrate(
        "reduced phase space",
        outer,
        x_lo,
        1.0 - m / e,
        Tolerance::relative(1e-7),
    )
    .unwrap()
    .value
}

#[test]
fn reduced_phase_space_matches_nested_two_body() {
    for (big_m, e, mx) in [(1.0, 2.0, 0.3), (5.0, 10.0, 0.5), (0.938, 3.0, 0.05)] {
        let mut process = copper(Spin::Scalar, mx);
        process.nucleus_mass_gev = big_m;
        let setup = Setup::new(&process, e);
        let (a, b) = (reduced(&setup), nested(&setup.masses, e));
        eprintln!("M={big_m} E={e} mX={mx}: reduced/nested = {}", a / b);
        assert!(
            (a / b - 1.0).abs() < 1e-5,
            "M={big_m} E={e} mX={mx}: {a:e} vs {b:e}"
        );
        assert_eq!(setup.masses.m, M_MU);
    }
}
