//! The stable kinematics against the textbook forms of REFERENCE §1.1–1.2 (GKSST
//! arXiv:1906.09272 Eqs. S11, S14 as corrected there) at kinematics where the latter are
//! still well conditioned.

use super::super::kinematics::{Masses, MuonFrame};
use super::dirac::{dot, momenta, random_point, SplitMix};

fn lambda(a: f64, b: f64, c: f64) -> f64 {
    a * a + b * b + c * c - 2.0 * (a * b + a * c + b * c)
}

fn t_from_q(big_m: f64, q: f64) -> f64 {
    2.0 * big_m * ((big_m * big_m + q * q).sqrt() - big_m)
}

#[test]
fn t_limits_match_reference_formulas() {
    let mut rng = SplitMix(99);
    for (big_m, e, mx) in [(1.0, 5.0, 0.2), (5.0, 10.0, 0.5), (58.68, 50.0, 1.0)] {
        let masses = Masses {
            m: crate::units::M_MU,
            mx,
            big_m,
        };
        for _ in 0..20 {
            let (frame, theta, _, _) = random_point(&mut rng, &masses, e, 1e-2, 0.0);
            // REFERENCE §1.2 with the absolute value in Q_min.
            let v_abs = frame.v_abs;
            let w2 = frame.w2;
            let root = lambda(w2, big_m * big_m, mx * mx).sqrt();
            let a = v_abs * (w2 + big_m * big_m - mx * mx);
            let q_max = (a + (frame.v0 + big_m) * root) / (2.0 * w2);
            let q_min = (a - (frame.v0 + big_m) * root).abs() / (2.0 * w2);
            let (t_min, t_max) = (t_from_q(big_m, q_min), t_from_q(big_m, q_max));
            assert!(
                (frame.t_max / t_max - 1.0).abs() < 1e-10,
                "{} vs {t_max}",
                frame.t_max
            );
            assert!(
                (frame.t_min / t_min - 1.0).abs() < 1e-6,
                "{} vs {t_min}",
                frame.t_min
            );
            // Energy conservation at a t inside: E_k = V₀ − q₀ and k² = m_X² (REFERENCE §1.1).
            let t = (frame.t_min * frame.t_max).sqrt();
            let [_, _, k, q] = momenta(&masses, e, &frame, theta, t, 1.0);
            assert!(
                (dot(&k, &k) / (mx * mx) - 1.0).abs() < 1e-6,
                "k² = {}",
                dot(&k, &k)
            );
            assert!((-dot(&q, &q) / t - 1.0).abs() < 1e-9);
            // sin²θ_Vq from the product form against 1 − cos² (REFERENCE §1.1 / GKSST S11).
            let recoil = frame.recoil(t);
            let q0 = t / (2.0 * big_m);
            let q_abs = (t + q0 * q0).sqrt();
            let cos = (mx * mx + t - frame.v2 + 2.0 * frame.v0 * q0) / (2.0 * q_abs * v_abs);
            let perp2 = v_abs * v_abs * (1.0 - cos * cos);
            assert!(
                (recoil.q2_k_perp2 / (q_abs * q_abs * perp2) - 1.0).abs() < 1e-8,
                "{} vs {}",
                recoil.q2_k_perp2,
                q_abs * q_abs * perp2
            );
        }
        let _ = MuonFrame::new(&masses, e, e * 0.5, 0.0);
    }
}
