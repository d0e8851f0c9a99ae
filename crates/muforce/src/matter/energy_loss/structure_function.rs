//! The nucleon structure function F₂ (ALLM97) and nuclear shadowing (Butkevich–Mikheyev) for
//! photonuclear muon interactions.

use super::constants::{M_N, M_PI_CHARGED, ZETA_3};
use crate::units::M_P;
use std::f64::consts::PI;

/// The proton structure function F₂^p(x, Q²) of H. Abramowicz, A. Levy, "The ALLM
/// parameterization of σ_tot(γ*p)", arXiv:hep-ph/9712415 (ALLM97; Eqs. 1–8 with the corrected
/// parameters of the 2004 revision), Q² in GeV², W² − M² = Q²(1 − x)/x:
/// F₂ = Q²/(Q² + m₀²) (F₂^P + F₂^R), F₂^i = c_i(t) x_i^{a_i(t)} (1 − x)^{b_i(t)},
/// x_i = (Q² + m_i²)/(Q² + m_i² + W² − M²), t = ln[ln((Q² + Q₀²)/Λ²)/ln(Q₀²/Λ²)].
pub fn f2_proton_allm97(x: f64, q2: f64, w2_minus_m2: f64) -> f64 {
    const M0_2: f64 = 0.31985;
    const MP_2: f64 = 49.457;
    const MR_2: f64 = 0.15052;
    const Q0_2: f64 = 0.52544;
    const LAMBDA_2: f64 = 0.06527;
    let t = (((q2 + Q0_2) / LAMBDA_2).ln() / (Q0_2 / LAMBDA_2).ln())
        .ln()
        .max(0.0);
    // Rising with t: f = f₁ + f₂ t^{f₃}; falling: f = f₁ + (f₁ − f₂)(1/(1 + t^{f₃}) − 1).
    let rise = |f1: f64, f2: f64, f3: f64| f1 + f2 * t.powf(f3);
    let fall = |f1: f64, f2: f64, f3: f64| f1 + (f1 - f2) * (1.0 / (1.0 + t.powf(f3)) - 1.0);
    let c_p = fall(0.28067, 0.22291, 2.1979);
    let a_p = fall(-0.0808, -0.44812, 1.1709);
    let b_p = rise(0.36292, 1.8917, 1.8439);
    let c_r = rise(0.80107, 0.97307, 3.4942);
    let a_r = rise(0.58400, 0.37888, 2.6063);
    let b_r = rise(0.01147, 3.7582, 0.49338);
    let x_p = (q2 + MP_2) / (q2 + MP_2 + w2_minus_m2);
    let x_r = (q2 + MR_2) / (q2 + MR_2 + w2_minus_m2);
    let pomeron = c_p * x_p.powf(a_p) * (1.0 - x).powf(b_p);
    let reggeon = c_r * x_r.powf(a_r) * (1.0 - x).powf(b_r);
    q2 / (q2 + M0_2) * (pomeron + reggeon)
}

/// F₂ⁿ/F₂ᵖ = 1 − 1.85x + 2.45x² − 2.35x³ + x⁴ (BCDMS, Phys. Lett. B 237 (1990) 599, Eq. 4).
pub fn neutron_to_proton(x: f64) -> f64 {
    1.0 + x * (-1.85 + x * (2.45 + x * (-2.35 + x)))
}

/// The average nucleon mass (Z m_p + (A − Z) m_n)/A in GeV.
pub fn nucleon_mass(z: f64, a: f64) -> f64 {
    (z * M_P + (a - z) * M_N) / a
}

/// The Woods–Saxon factor of Butkevich & Mikheyev, JETP 95 (2002) 11, Eqs. 45–47:
/// 1 − (4π ρ₀/A) ∫_{r₀}^∞ r² dr/(1 + e^{(r − r₀)/a}), ρ₀ = 0.17 fm⁻³, a = 0.54 fm,
/// r₀ = 1.12 A^{1/3} − 0.86 A^{−1/3} fm; the integral is a r₀² ln 2 + a² r₀ π²/6 + (3/2) a³ ζ(3).
pub fn woods_saxon_factor(a_nucleus: f64) -> f64 {
    let a13 = a_nucleus.cbrt();
    let r0 = 1.12 * a13 - 0.86 / a13;
    let a = 0.54;
    let tail =
        a * (r0 * r0 * std::f64::consts::LN_2 + a * r0 * PI * PI / 6.0 + 1.5 * a * a * ZETA_3);
    1.0 - 4.0 * PI * 0.17 * tail / a_nucleus
}

/// Nuclear shadowing G(x, ν) = F₂^A/(A F₂^N) of Butkevich & Mikheyev, JETP 95 (2002) 11:
/// for x > 0.3 the anti-shadowing/EMC form G = 1 − M_b w A_osc (Eqs. 44, 48; M_b = 0.437,
/// λ = 0.5, x₂ = 0.278); for x ≤ 0.3 the Bezrukov–Bugaev real-photon shadowing with the
/// γN cross section 112.2 (0.609 ν^0.0988 + 1.037 ν^−0.5944) μb (Eq. 53), softened to
/// 0.75 G + 0.25 (Eq. 55), and above x₀ = (G/(1 + m₂))^{1/m₁} the form x^{m₁}(1 + m₂)(1 − m₃x)
/// (Eq. 49; m_i = M_i w, M = 0.129, 0.456, 0.553); w is [`woods_saxon_factor`], ν in GeV.
pub fn shadowing_butkevich_mikheyev(z: f64, a: f64, x: f64, nu_gev: f64) -> f64 {
    Shadowing::new(z, a, nu_gev).at(x)
}

/// [`shadowing_butkevich_mikheyev`] at one (nucleus, ν), with the ν-dependent parts computed once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shadowing {
    hydrogen: bool,
    w: f64,
    nucleon_mass: f64,
    g: f64,
    x0: f64,
}

impl Shadowing {
    /// Prepares G(x) for nucleus (Z, A) at photon energy ν in GeV.
    pub fn new(z: f64, a: f64, nu_gev: f64) -> Self {
        let w = woods_saxon_factor(a);
        let (g, x0) = small_x_shadowing(a, w, nu_gev);
        Shadowing {
            hydrogen: z.round() as u32 == 1,
            w,
            nucleon_mass: nucleon_mass(z, a),
            g,
            x0,
        }
    }

    /// G(x) (see [`shadowing_butkevich_mikheyev`]).
    pub fn at(&self, x: f64) -> f64 {
        if self.hydrogen {
            return 1.0;
        }
        let w = self.w;
        if x > 0.3 {
            let (mb, la, x2) = (0.437, 0.5, 0.278);
            let au = 1.0 / (1.0 - x);
            let ac = 1.0 / (1.0 - x2);
            let osc =
                (1.0 - la * x) * (au - ac - M_PI_CHARGED / self.nucleon_mass * (au * au - ac * ac));
            1.0 - mb * w * osc
        } else if x >= self.x0 {
            let (m1, m2, m3) = (0.129 * w, 0.456 * w, 0.553 * w);
            x.powf(m1) * (1.0 + m2) * (1.0 - m3 * x)
        } else {
            self.g
        }
    }

    /// The x values where G changes form (x₀(ν) and 0.3): break points for Q² integrals.
    pub fn break_points(&self) -> [f64; 2] {
        if self.hydrogen {
            [0.3, 0.3]
        } else {
            [self.x0.min(0.3), 0.3]
        }
    }
}

/// The Bezrukov–Bugaev value G(ν) of [`shadowing_butkevich_mikheyev`] for x ≤ 0.3 and the x₀
/// above which the x-dependent form takes over (Butkevich & Mikheyev Eqs. 49, 53, 55).
fn small_x_shadowing(a: f64, w: f64, nu_gev: f64) -> (f64, f64) {
    let (m1, m2) = (0.129 * w, 0.456 * w);
    let sigma = 112.2 * (0.609 * nu_gev.powf(0.0988) + 1.037 * nu_gev.powf(-0.5944));
    let tau = 0.00282 * a.cbrt() * sigma;
    let g = 3.0 / tau * (0.5 + ((1.0 + tau) * (-tau).exp() - 1.0) / (tau * tau));
    let g = 0.75 * g + 0.25;
    (g, (g / (1.0 + m2)).powf(1.0 / m1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// F₂ᵖ from ALLM97 at Q² = 10 GeV², x = 0.01 is ≈ 0.6 (HERA data, ALLM97 Fig. 3);
    /// at x = 0.3, Q² = 5 GeV² ≈ 0.34 (BCDMS/NMC).
    #[test]
    fn allm97_values() {
        let w2m2 = |x: f64, q2: f64| q2 * (1.0 - x) / x;
        let f = f2_proton_allm97(0.01, 10.0, w2m2(0.01, 10.0));
        assert!((0.5..0.7).contains(&f), "{f}");
        let f = f2_proton_allm97(0.3, 5.0, w2m2(0.3, 5.0));
        assert!((0.28..0.40).contains(&f), "{f}");
    }

    /// Shadowing below 1 at small x, anti-shadowing above 1 around x ≈ 0.2, the EMC dip below
    /// 1 at x ≈ 0.6 (Butkevich & Mikheyev 2002, Fig. 2). The parametrisation jumps by ~5 % at
    /// x = 0.3 where its two forms meet; the Q² integrals are split there.
    #[test]
    fn shadowing_shape() {
        let g = |x: f64| shadowing_butkevich_mikheyev(26.0, 55.845, x, 50.0);
        assert!((0.7..1.0).contains(&g(1e-4)), "{}", g(1e-4));
        assert!(g(0.2) > 1.0, "{}", g(0.2));
        assert!((0.8..1.0).contains(&g(0.6)), "{}", g(0.6));
        assert_eq!(shadowing_butkevich_mikheyev(1.0, 1.008, 1e-4, 50.0), 1.0);
    }
}
