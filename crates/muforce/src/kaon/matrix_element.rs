//! Spin-summed squared amplitudes of K⁺ → μ⁺νX, reduced: Σ|M|² = 2 G_F² |V_us|² f_K² g² T_K
//! (REFERENCE §7, derived from the effective vertex √2 G_F V_us f_K P^a [ν̄ γ_a P_L v_μ] with X
//! radiated from the muon and, for L_μ − L_τ, from the neutrino; the process of
//! Krnjaic, Marques-Tavares, Redigolo, Tobioka, arXiv:1902.07715).

use super::channel::KaonModel;
use crate::units::{M_K, M_MU};

/// Sum of the terms and sum of their magnitudes (the scale of the round-off error).
fn sum_terms(terms: &[f64]) -> (f64, f64) {
    terms
        .iter()
        .fold((0.0, 0.0), |(s, a), t| (s + t, a + t.abs()))
}

/// T_K(s12, s23) of REFERENCE §7 for `model`, in GeV² (dimension of Σ|M|²/(2G_F²V_us²f_K²g²)).
///
/// * scalar: T = N_S / D²;
/// * L_μ − L_τ: T = 2m² N_LL / (s12² D²), Δ = m_K² − m²;
/// * muon-only vector: T = N_Vμ / (m_X² D²);
///
/// with D = s23 − m_μ² and the numerators N_S, N_LL, N_Vμ exactly as printed in REFERENCE §7.
pub fn reduced_amplitude_squared(model: KaonModel, m_x: f64, s12: f64, s23: f64) -> f64 {
    reduced_amplitude_squared_with_scale(model, m_x, s12, s23).0
}

/// [`reduced_amplitude_squared`] together with the sum of the magnitudes of the numerator's
/// terms over the same denominator: near the kinematic endpoint T is a small difference of
/// large terms, and this scale bounds its round-off error (≈ a few ε × scale).
pub fn reduced_amplitude_squared_with_scale(
    model: KaonModel,
    m_x: f64,
    s12: f64,
    s23: f64,
) -> (f64, f64) {
    let m2 = M_MU * M_MU;
    let mk2 = M_K * M_K;
    let mx2 = m_x * m_x;
    let d = s23 - m2;
    let (n, scale, denominator) = match model {
        KaonModel::MuonScalar => {
            let (n, a) = sum_terms(&[
                -d * d * d,
                d * d * (mk2 + mx2 - 5.0 * m2),
                d * (4.0 * m2 * mk2 + 2.0 * m2 * mx2 - 8.0 * m2 * m2),
                4.0 * m2 * m2 * mk2,
                -4.0 * m2 * m2 * m2,
                m2 * m2 * mx2,
                -m2 * mk2 * mx2,
                -s12 * d * (d + m2),
            ]);
            (n, a, d * d)
        }
        KaonModel::LmuLtau => {
            let delta = mk2 - m2;
            let (n, a) = sum_terms(&[
                d * s12 * s12 * s12,
                2.0 * d * d * s12 * s12,
                -2.0 * d * delta * s12 * s12,
                -(2.0 * m2 + mx2) * delta * s12 * s12,
                s12 * d * d * d,
                -2.0 * s12 * d * d * delta,
                2.0 * s12 * d * delta * delta,
                2.0 * s12 * d * m2 * mx2,
                -mx2 * delta * d * d,
            ]);
            (2.0 * m2 * n, 2.0 * m2 * a, s12 * s12 * d * d)
        }
        KaonModel::MuonVector => {
            let (n, a) = sum_terms(&[
                -d * d * d * (m2 + 2.0 * mx2),
                d * d * (mk2 * (m2 + mx2) - m2 * m2 + 2.0 * m2 * mx2 + 2.0 * mx2 * mx2),
                4.0 * d * m2 * mx2 * (2.0 * m2 - mk2 + mx2),
                2.0 * m2 * mx2 * (2.0 * m2 + mx2) * (m2 - mk2),
                s12 * d * d * d,
                s12 * d * d * (m2 - 2.0 * mx2),
                -2.0 * s12 * d * m2 * mx2,
            ]);
            (n, a, mx2 * d * d)
        }
    };
    (n / denominator, scale / denominator)
}
