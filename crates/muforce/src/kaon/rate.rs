//! Rates of K⁺ → μ⁺νX normalised to K⁺ → μ⁺ν (REFERENCE §7; NA62 slides' dΓ/dm²_miss =
//! (256π³m_K³)⁻¹ ∫ Σ|M|² dm²_{μX}, from arXiv:1902.07715).

use super::channel::KaonModel;
use super::kinematics::{check_x_mass, s12_range, s23_range};
use super::matrix_element::{reduced_amplitude_squared, reduced_amplitude_squared_with_scale};
use crate::error::{Error, Result};
use crate::memo::Memo;
use crate::numerics::{try_integrate, GaussLegendre, Integral, Tolerance};
use crate::units::{G_FERMI, HBAR_GEV_S, M_K, M_MU};
use std::f64::consts::PI;
use std::sync::OnceLock;

/// BR(K⁺ → μ⁺ν) = 0.6356 (PDG 2024).
pub const BR_K_MU_NU: f64 = 0.6356;
/// K⁺ lifetime in seconds, 1.238 × 10⁻⁸ s (PDG 2024).
pub const TAU_K_S: f64 = 1.238e-8;
/// Kaon decay constant f_K in GeV (FLAG 2019, N_f = 2+1+1: 155.7 MeV).
pub const F_K: f64 = 0.1557;
/// |V_us| (PDG 2024 CKM review).
pub const V_US: f64 = 0.2243;

/// Relative accuracies asked of the inner s23 integrals, tightest first: near the kinematic
/// endpoint the squared amplitude is a small difference of large terms, and round-off limits
/// the reachable accuracy, so a looser target is tried before giving up.
const INNER_TOLERANCES: [f64; 2] = [1e-10, 1e-7];
/// Relative accuracies asked of the outer s12 integrals, tightest first.
const OUTER_TOLERANCES: [f64; 2] = [1e-8, 1e-6];

/// Round-off allowance: an integral of T_K is not asked to be more accurate than this times the
/// integral of the magnitudes of T_K's terms (≈ 10³ ε).
const ROUNDOFF: f64 = 1e3 * f64::EPSILON;

/// The round-off floor of the inner s23 integral at s12, in the units of ∫T ds23.
fn inner_floor(model: KaonModel, m_x: f64, s12: f64, a: f64, b: f64) -> f64 {
    let (_, scale) = reduced_amplitude_squared_with_scale(model, m_x, s12, 0.5 * (a + b));
    ROUNDOFF * scale * (b - a)
}

/// Runs `attempt` with each tolerance in turn and returns the first result that converges;
/// only [`Error::NotConverged`] moves on to the next tolerance, other errors return at once.
fn with_fallback<F>(tolerances: &[f64], mut attempt: F) -> Result<Integral>
where
    F: FnMut(Tolerance) -> Result<Integral>,
{
    let mut last = None;
    for &t in tolerances {
        match attempt(Tolerance::relative(t)) {
            Err(e @ Error::NotConverged { .. }) => last = Some(e),
            other => return other,
        }
    }
    Err(last.expect("at least one tolerance"))
}

/// Total K⁺ width Γ_K = ħ/τ_K in GeV (PDG lifetime).
pub fn kaon_width() -> f64 {
    HBAR_GEV_S / TAU_K_S
}

/// Tree-level Γ(K⁺ → μ⁺ν) = G_F² |V_us|² f_K² m_K m_μ² (1 − m_μ²/m_K²)² / (8π) in GeV
/// (PDG Review "Leptonic decays of charged pseudoscalar mesons", tree level, without the
/// radiative correction; REFERENCE §7).
///
/// The measured width BR(K⁺ → μ⁺ν) ħ/τ_K (PDG) lies 2 % above this tree-level value, within
/// the size of the electromagnetic and structure-dependent corrections left out here (a few
/// per cent, PDG Review "Leptonic decays of charged pseudoscalar mesons") and of the
/// uncertainty of f_K|V_us|.
///
/// ```
/// use muforce::kaon::{kaon_width, width_k_mu_nu, BR_K_MU_NU};
/// let measured = BR_K_MU_NU * kaon_width();
/// let ratio = measured / width_k_mu_nu();
/// assert!(ratio > 1.0 && ratio < 1.03, "{ratio}");
/// ```
pub fn width_k_mu_nu() -> f64 {
    let r = (M_MU / M_K).powi(2);
    G_FERMI * G_FERMI * V_US * V_US * F_K * F_K * M_K * M_MU * M_MU * (1.0 - r).powi(2) / (8.0 * PI)
}

/// Prefactor of REFERENCE §7: (1/Γ(K→μν)) dΓ/ds12 = g² C ∫ ds23 T_K with
/// C = 1/(16π² m_K⁴ m_μ² (1 − m_μ²/m_K²)²).
fn ratio_prefactor() -> f64 {
    let r = (M_MU / M_K).powi(2);
    1.0 / (16.0 * PI * PI * M_K.powi(4) * M_MU * M_MU * (1.0 - r).powi(2))
}

/// (1/Γ(K⁺→μ⁺ν)) dΓ(K⁺→μ⁺νX)/ds12 per g², in GeV⁻², at s12 = m²_miss (REFERENCE §7): the
/// inner s23 integral over [s23−, s23+] done adaptively (Gauss–Kronrod) with its error estimate.
/// Zero outside m_X² < s12 < (m_K − m_μ)².
pub fn ratio_density(model: KaonModel, m_x: f64, s12: f64) -> Result<Integral> {
    check_x_mass("m_X", m_x)?;
    if !s12.is_finite() {
        return Err(Error::out_of_range("m_miss^2", s12, "must be finite"));
    }
    let (lo, hi) = s12_range(m_x);
    if s12 <= lo || s12 >= hi {
        return Ok(Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        });
    }
    let (a, b) = s23_range(m_x, s12);
    let floor = inner_floor(model, m_x, s12, a, b);
    let inner = with_fallback(&INNER_TOLERANCES, |tol| {
        crate::numerics::integrate(
            "K -> mu nu X inner s23 integral",
            |s23| reduced_amplitude_squared(model, m_x, s12, s23),
            a,
            b,
            tol.with_absolute(floor),
        )
    })?;
    let c = ratio_prefactor();
    Ok(Integral {
        value: c * inner.value,
        error: c * inner.error,
        evaluations: inner.evaluations,
    })
}

/// The fixed rule of the round-off floor of [`ratio_in_window`], built once per process (its
/// Newton iterations cost as much as the sum it serves).
fn floor_rule() -> &'static GaussLegendre {
    static RULE: OnceLock<GaussLegendre> = OnceLock::new();
    RULE.get_or_init(|| GaussLegendre::new(32))
}

/// Γ(K⁺→μ⁺νX; lo < m²_miss < hi)/Γ(K⁺→μ⁺ν) per g²: [`ratio_density`] integrated over s12 in
/// the window intersected with the physical range (adaptive Gauss–Kronrod in ln s12). The error
/// adds the outer estimate and the largest relative inner error times the value; the relative
/// accuracy is 10⁻⁸ where reachable and at worst 10⁻⁶ (very light X, or m_X at the endpoint).
pub fn ratio_in_window(model: KaonModel, m_x: f64, lo: f64, hi: f64) -> Result<Integral> {
    check_x_mass("m_X", m_x)?;
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(Error::out_of_range(
            "m_miss^2 window",
            format!("[{lo}, {hi}]"),
            "needs finite edges with lower < upper (GeV^2)",
        ));
    }
    // Every scenario of a scan (and its bands) asks for the same windows: keep them.
    WINDOW_RATIOS.get_or_build(format!("{:?}", (model, m_x, lo, hi)), || {
        integrate_ratio(model, m_x, lo, hi)
    })
}

/// Ratios by model, mass and window, kept for the process.
static WINDOW_RATIOS: Memo<Integral> = Memo::new(1 << 14);

/// [`ratio_in_window`] of a valid mass and window, computed.
fn integrate_ratio(model: KaonModel, m_x: f64, lo: f64, hi: f64) -> Result<Integral> {
    let (s_min, s_max) = s12_range(m_x);
    let a = lo.max(s_min);
    let b = hi.min(s_max);
    if a >= b {
        return Ok(Integral {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        });
    }
    // Integrate in u = ln s12 (ds12 = s12 du): for light X the density varies on the scale
    // m_X² near the lower edge and on the scale m_K² elsewhere.
    // Round-off floor of the outer integral: the inner floors integrated with a fixed rule.
    let c = ratio_prefactor();
    let outer_floor: f64 = floor_rule()
        .mapped(a.ln(), b.ln())
        .map(|(u, w)| {
            let s12 = u.exp();
            let (lo, hi) = s23_range(m_x, s12);
            w * s12 * c * inner_floor(model, m_x, s12, lo, hi)
        })
        .sum::<f64>()
        * 10.0;
    let mut worst_inner = 0.0_f64;
    let mut evaluations = 0;
    let outer = with_fallback(&OUTER_TOLERANCES, |tol| {
        try_integrate(
            "K -> mu nu X outer m_miss^2 integral",
            |u| {
                let s12 = u.exp();
                let inner = ratio_density(model, m_x, s12)?;
                worst_inner = worst_inner.max(inner.relative_error());
                evaluations += inner.evaluations;
                Ok(s12 * inner.value)
            },
            a.ln(),
            b.ln(),
            tol.with_absolute(outer_floor),
        )
    })?;
    Ok(Integral {
        value: outer.value,
        error: outer.error + worst_inner * outer.value.abs(),
        evaluations,
    })
}

/// Γ(K⁺→μ⁺νX)/Γ(K⁺→μ⁺ν) per g² over the full phase space (REFERENCE §7, §8 item 6).
///
/// docs/reference.md §8 item 6 (computed independently) at m_X = 10, 100, 200 MeV:
/// muon-only scalar 8.82·10⁻², 2.07·10⁻², 3.84·10⁻³; L_μ − L_τ 0.342, 2.84·10⁻², 3.05·10⁻³;
/// muon-only vector 14.5, 9.86·10⁻², 8.80·10⁻³. The muon-only vector grows like 1/m_X² at
/// small mass (no conserved current), the L_μ − L_τ one does not.
///
/// ```
/// use muforce::kaon::{total_ratio, KaonModel};
/// let table = [
///     (KaonModel::MuonScalar, [8.82e-2, 2.07e-2, 3.84e-3]),
///     (KaonModel::LmuLtau, [3.42e-1, 2.84e-2, 3.05e-3]),
///     (KaonModel::MuonVector, [14.5, 9.86e-2, 8.80e-3]),
/// ];
/// for (model, expected) in table {
///     for (m_x, want) in [0.010, 0.100, 0.200].into_iter().zip(expected) {
///         let got = total_ratio(model, m_x)?.value;
///         assert!((got / want - 1.0).abs() < 5e-3, "{}: {m_x} GeV: {got:e}", model.name());
///     }
/// }
/// assert!(total_ratio(KaonModel::LmuLtau, 0.5).is_err()); // above m_K − m_μ
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn total_ratio(model: KaonModel, m_x: f64) -> Result<Integral> {
    let (lo, hi) = s12_range(check_x_mass("m_X", m_x)?);
    ratio_in_window(model, m_x, lo, hi)
}

/// The rate of K⁺ → μ⁺νX at one point of (model, m_X, g).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KaonRate {
    /// The model.
    pub model: KaonModel,
    /// m_X in GeV.
    pub mass_gev: f64,
    /// The coupling g.
    pub coupling: f64,
    /// Γ(K⁺→μ⁺νX)/Γ(K⁺→μ⁺ν) at this coupling.
    pub ratio_to_k_mu_nu: f64,
    /// Estimated absolute error of `ratio_to_k_mu_nu`.
    pub ratio_error: f64,
    /// BR(K⁺→μ⁺νX) = ratio × BR(K⁺→μ⁺ν) (PDG 0.6356).
    pub branching_ratio: f64,
}

/// Γ(K⁺→μ⁺νX)/Γ(K⁺→μ⁺ν) = g² × [`total_ratio`], and BR = ratio × BR(K⁺→μ⁺ν).
/// The coupling must be finite with 0 < g ≤ 4π (perturbative).
pub fn kaon_rate(model: KaonModel, m_x: f64, coupling: f64) -> Result<KaonRate> {
    if !(coupling.is_finite() && coupling > 0.0 && coupling <= 4.0 * PI) {
        return Err(Error::out_of_range(
            "coupling",
            coupling,
            "must be a finite number with 0 < g <= 4 pi",
        ));
    }
    let per_g2 = total_ratio(model, m_x)?;
    let g2 = coupling * coupling;
    let ratio = g2 * per_g2.value;
    Ok(KaonRate {
        model,
        mass_gev: m_x,
        coupling,
        ratio_to_k_mu_nu: ratio,
        ratio_error: g2 * per_g2.error,
        branching_ratio: ratio * BR_K_MU_NU,
    })
}
