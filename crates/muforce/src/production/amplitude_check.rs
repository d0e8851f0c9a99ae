//! Independent check of the 2 → 2 amplitudes A_X (Liu–McKeen–Miller arXiv:1609.06781,
//! Liu–Miller arXiv:1705.01633; REFERENCE §3.1, where A_P and A_A are marked "not
//! re-derived"): the spin-summed |M|² of γ(q) μ(p) → X(k) μ(p′) with a real photon is built
//! from explicit 4 × 4 Dirac matrices (both diagrams, photon polarisations summed with −g,
//! massive-vector polarisations with −g + kk/m_X²) and compared with A_X(ũ, x) at
//! x = 1 + ũ/s̃ (the identification s̃ = −ũ/(1−x) of the WW derivation), s̃ = (p+q)² − m²,
//! ũ = (p−k)² − m². With e = g = 1 one finds Σ|M|² = 4 A_X exactly for all four spins.

use crate::model::Spin;
use crate::production::amplitude::Amplitude;
use crate::production::dirac_matrices::{
    add, bar, dot, gammas, identity, mul, scale, slash, trace, vector_vertices, Matrix as Mat,
    Vector4 as Vec4, METRIC,
};
use crate::units::M_MU;
use num_complex::Complex64 as C;

/// Σ|M|² of γ(q) μ(p) → X(k) μ(p′) with unit couplings.
fn squared_amplitude(spin: Spin, mass: f64, p: Vec4, q: Vec4, k: Vec4, p_out: Vec4) -> f64 {
    let (g, g5) = gammas();
    let m = M_MU;
    let i1 = C::new(0.0, 1.0);
    let mass_term = scale(&identity(), C::new(m, 0.0));
    let pq = [p[0] + q[0], p[1] + q[1], p[2] + q[2], p[3] + q[3]];
    let pk = [p[0] - k[0], p[1] - k[1], p[2] - k[2], p[3] - k[3]];
    let s_prop = scale(
        &add(&slash(&g, &pq), &mass_term),
        C::new(1.0 / (dot(&pq, &pq) - m * m), 0.0),
    );
    let u_prop = scale(
        &add(&slash(&g, &pk), &mass_term),
        C::new(1.0 / (dot(&pk, &pk) - m * m), 0.0),
    );
    // X vertices and their polarisation sum (lower indices).
    let (vertices, pol): (Vec<Mat>, Vec<Vec<f64>>) = match spin {
        Spin::Scalar => (vec![identity()], vec![vec![1.0]]),
        Spin::Pseudoscalar => (vec![scale(&g5, i1)], vec![vec![1.0]]),
        Spin::Vector | Spin::AxialVector => {
            let v = vector_vertices(spin == Spin::AxialVector, &g, &g5);
            let k_low: Vec<f64> = (0..4).map(|a| METRIC[a] * k[a]).collect();
            let pol = (0..4)
                .map(|a| {
                    (0..4)
                        .map(|b| {
                            let metric = if a == b { METRIC[a] } else { 0.0 };
                            -metric + k_low[a] * k_low[b] / (mass * mass)
                        })
                        .collect()
                })
                .collect();
            (v, pol)
        }
    };
    let outer = add(&slash(&g, &p_out), &mass_term);
    let inner = add(&slash(&g, &p), &mass_term);
    let current = |v: &Mat, mu: usize| {
        add(
            &mul(v, &mul(&s_prop, &g[mu])),
            &mul(&g[mu], &mul(&u_prop, v)),
        )
    };
    let mut total = C::new(0.0, 0.0);
    for (a, va) in vertices.iter().enumerate() {
        for (b, vb) in vertices.iter().enumerate() {
            if pol[a][b] == 0.0 {
                continue;
            }
            for (mu, metric) in METRIC.iter().enumerate() {
                let left = current(va, mu);
                let right = bar(&g[0], &current(vb, mu));
                let t = trace(&mul(&outer, &mul(&left, &mul(&inner, &right))));
                total += t * (-metric * pol[a][b]);
            }
        }
    }
    total.re
}

/// Centre-of-mass kinematics with a real photon along −z and X at polar angle acos(`cos`).
fn kinematics(mass: f64, sqrt_s: f64, cos: f64) -> [Vec4; 4] {
    let m = M_MU;
    let s = sqrt_s * sqrt_s;
    let p_cm = (s - m * m) / (2.0 * sqrt_s);
    let p = [p_cm.hypot(m), 0.0, 0.0, p_cm];
    let q = [p_cm, 0.0, 0.0, -p_cm];
    let k_cm = ((s - (mass + m).powi(2)) * (s - (mass - m).powi(2))).sqrt() / (2.0 * sqrt_s);
    let sin = (1.0 - cos * cos).sqrt();
    let k = [k_cm.hypot(mass), k_cm * sin, 0.0, k_cm * cos];
    let p_out = [p[0] + q[0] - k[0], -k[1], -k[2], p[3] + q[3] - k[3]];
    [p, q, k, p_out]
}

#[test]
fn amplitudes_match_dirac_traces() {
    for spin in Spin::ALL {
        for mass in [0.01, 0.1, 0.3, 1.0, 3.0] {
            for (boost, cos) in [(1.1, 0.7), (2.0, -0.3), (3.5, 0.95), (1.6, -0.9)] {
                let [p, q, k, p_out] = kinematics(mass, (mass + M_MU) * boost, cos);
                let pq = [p[0] + q[0], p[1] + q[1], p[2] + q[2], p[3] + q[3]];
                let pk = [p[0] - k[0], p[1] - k[1], p[2] - k[2], p[3] - k[3]];
                let s_tilde = dot(&pq, &pq) - M_MU * M_MU;
                let u_tilde = dot(&pk, &pk) - M_MU * M_MU;
                let x = 1.0 + u_tilde / s_tilde;
                let traces = squared_amplitude(spin, mass, p, q, k, p_out);
                let formula = 4.0 * Amplitude::new(spin, mass, x).at(u_tilde);
                assert!(
                    (traces / formula - 1.0).abs() < 1e-9,
                    "{spin} m_X = {mass}: traces {traces} vs 4 A_X {formula}"
                );
            }
        }
    }
}
