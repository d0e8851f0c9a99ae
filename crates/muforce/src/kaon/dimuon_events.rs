//! Weighted, seeded events K⁺ → μ⁺ν Y, Y → μ⁺μ⁻ in the NA62 lab frame, for the visible search:
//! Y is the mediator X (signal, weight Σ|M|² of REFERENCE §7) or the virtual photon of
//! K⁺ → μ⁺νμ⁺μ⁻ (background, weight of [`super::three_muon`]).
//!
//! Method: (s12, s23) uniform over the Dalitz region (PDG "Kinematics", three-body decays), the
//! decay plane oriented isotropically (the K⁺ is spinless), Y → μ⁺μ⁻ isotropic in the Y rest
//! frame (the polarisation of a vector X and of γ* is neglected), then a boost along the beam.
//! The generator is `rand_pcg::Pcg64` seeded per sample, so results do not depend on threads.

use super::channel::KaonModel;
use super::kinematics::{check_x_mass, s12_range, s23_range, MAX_X_MASS};
use super::matrix_element::reduced_amplitude_squared;
use super::three_muon::{kroll_wada, DIMUON_THRESHOLD};
use crate::error::{Error, Result};
use crate::units::{M_K, M_MU};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

/// A four-vector (E, px, py, pz) in GeV.
pub type P4 = [f64; 4];

/// One weighted event: the two opposite-sign pairings and the lab momenta.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DimuonEvent {
    /// Mass of the true pair (μ⁺μ⁻ from Y), GeV.
    pub true_pair_mass: f64,
    /// Mass of the other pairing (μ⁺ from the K⁺ vertex with the μ⁻), GeV.
    pub other_pair_mass: f64,
    /// Lab four-momenta (GeV) of μ⁺ from Y, μ⁻ from Y and μ⁺ from the K⁺ vertex.
    pub lab: [P4; 3],
    /// Lab βγ = |p_Y|/m_Y of Y.
    pub y_beta_gamma: f64,
    /// m²_miss = s12 of the K⁺ → μ⁺ν Y step (GeV²).
    pub s12: f64,
    /// Event weight (arbitrary normalisation, ≥ 0).
    pub weight: f64,
}

/// Which events to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source {
    /// K⁺ → μ⁺νX with X of this mass, weighted by T_K of `KaonModel`.
    Signal(KaonModel, f64),
    /// K⁺ → μ⁺νγ*, γ* → μ⁺μ⁻ with the Kroll–Wada pair-mass spectrum and a flat matrix element.
    ThreeMuon,
}

fn boost(p: P4, beta: [f64; 3]) -> P4 {
    let b2 = beta[0] * beta[0] + beta[1] * beta[1] + beta[2] * beta[2];
    if b2 <= 0.0 {
        return p;
    }
    let gamma = 1.0 / (1.0 - b2).sqrt();
    let bp = beta[0] * p[1] + beta[1] * p[2] + beta[2] * p[3];
    let k = (gamma - 1.0) * bp / b2 + gamma * p[0];
    [
        gamma * (p[0] + bp),
        p[1] + k * beta[0],
        p[2] + k * beta[1],
        p[3] + k * beta[2],
    ]
}

fn mass(a: P4, b: P4) -> f64 {
    let e = a[0] + b[0];
    let (x, y, z) = (a[1] + b[1], a[2] + b[2], a[3] + b[3]);
    (e * e - x * x - y * y - z * z).max(0.0).sqrt()
}

/// |p⃗| of a four-vector.
pub fn momentum(p: P4) -> f64 {
    (p[1] * p[1] + p[2] * p[2] + p[3] * p[3]).sqrt()
}

fn random_direction(rng: &mut Pcg64) -> [f64; 3] {
    let c: f64 = rng.random_range(-1.0..1.0);
    let phi: f64 = rng.random_range(0.0..std::f64::consts::TAU);
    let s = (1.0 - c * c).max(0.0).sqrt();
    [s * phi.cos(), s * phi.sin(), c]
}

/// Two unit vectors orthogonal to `n` and to each other.
fn orthonormal(n: [f64; 3]) -> ([f64; 3], [f64; 3]) {
    let a = if n[0].abs() < 0.9 {
        [1.0, 0.0, 0.0]
    } else {
        [0.0, 1.0, 0.0]
    };
    let dot = a[0] * n[0] + a[1] * n[1] + a[2] * n[2];
    let e1 = [a[0] - dot * n[0], a[1] - dot * n[1], a[2] - dot * n[2]];
    let l = (e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]).sqrt();
    let e1 = [e1[0] / l, e1[1] / l, e1[2] / l];
    let e2 = [
        n[1] * e1[2] - n[2] * e1[1],
        n[2] * e1[0] - n[0] * e1[2],
        n[0] * e1[1] - n[1] * e1[0],
    ];
    (e1, e2)
}

/// Draws what [`random_direction`] draws, without making the direction: keeps a stream that
/// skips a direction aligned with one that makes it.
fn skip_direction(rng: &mut Pcg64) {
    let _: f64 = rng.random_range(-1.0..1.0);
    let _: f64 = rng.random_range(0.0..std::f64::consts::TAU);
}

/// The K⁺ → μ⁺ν Y step at the Dalitz point (s12, s23) in the kaon frame: the muon and Y.
struct KaonFrameStep {
    mu_k: P4,
    y: P4,
}

/// Draws the orientation of the decay plane (isotropic: the K⁺ is spinless).
fn kaon_frame_step(rng: &mut Pcg64, m_y: f64, s12: f64, s23: f64) -> KaonFrameStep {
    let m2 = M_MU * M_MU;
    let e_mu = (M_K * M_K + m2 - s12) / (2.0 * M_K);
    let e_y = (s12 + s23 - m2) / (2.0 * M_K);
    let e_nu = (M_K * M_K - s23) / (2.0 * M_K);
    let p_mu = (e_mu * e_mu - m2).max(0.0).sqrt();
    let p_y = (e_y * e_y - m_y * m_y).max(0.0).sqrt();
    // p_ν = −(p_μ + p_Y) fixes the μ–Y opening angle.
    let cos = if p_mu > 0.0 && p_y > 0.0 {
        ((e_nu * e_nu - p_mu * p_mu - p_y * p_y) / (2.0 * p_mu * p_y)).clamp(-1.0, 1.0)
    } else {
        1.0
    };
    let sin = (1.0 - cos * cos).sqrt();
    let n_mu = random_direction(rng);
    let (e1, e2) = orthonormal(n_mu);
    let phi: f64 = rng.random_range(0.0..std::f64::consts::TAU);
    let n_y: [f64; 3] =
        std::array::from_fn(|i| cos * n_mu[i] + sin * (phi.cos() * e1[i] + phi.sin() * e2[i]));
    KaonFrameStep {
        mu_k: [e_mu, p_mu * n_mu[0], p_mu * n_mu[1], p_mu * n_mu[2]],
        y: [e_y, p_y * n_y[0], p_y * n_y[1], p_y * n_y[2]],
    }
}

/// The boost from the kaon frame to the lab, along the beam.
fn kaon_beta(p_k: f64) -> [f64; 3] {
    [0.0, 0.0, p_k / (p_k * p_k + M_K * M_K).sqrt()]
}

/// One event at the Dalitz point (s12, s23) with pair mass `m_y`, kaon momentum `p_k` (GeV).
fn event(rng: &mut Pcg64, m_y: f64, s12: f64, s23: f64, p_k: f64, weight: f64) -> DimuonEvent {
    let m2 = M_MU * M_MU;
    let KaonFrameStep { mu_k, y } = kaon_frame_step(rng, m_y, s12, s23);
    // Y → μ⁺μ⁻, isotropic in the Y rest frame.
    let q = (0.25 * m_y * m_y - m2).max(0.0).sqrt();
    let d = random_direction(rng);
    let half = 0.5 * m_y;
    let beta_y: [f64; 3] = std::array::from_fn(|i| y[i + 1] / y[0]);
    let plus = boost([half, q * d[0], q * d[1], q * d[2]], beta_y);
    let minus = boost([half, -q * d[0], -q * d[1], -q * d[2]], beta_y);
    // Invariant masses from the kaon frame; momenta after the boost along the beam.
    let beta_k = kaon_beta(p_k);
    DimuonEvent {
        true_pair_mass: mass(plus, minus),
        other_pair_mass: mass(mu_k, minus),
        lab: [
            boost(plus, beta_k),
            boost(minus, beta_k),
            boost(mu_k, beta_k),
        ],
        y_beta_gamma: momentum(boost(y, beta_k)) / m_y,
        s12,
        weight,
    }
}

/// The lab boost of X in one K⁺ → μ⁺νX event: what the decay probabilities need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XBoost {
    /// Lab βγ = |p_X|/m_X.
    pub beta_gamma: f64,
    /// m²_miss = s12 of the event (GeV²).
    pub s12: f64,
    /// Event weight (arbitrary normalisation, ≥ 0).
    pub weight: f64,
}

/// `n` weighted events of `source` for a K⁺ of momentum `kaon_momentum_gev`, from the seeded
/// generator `Pcg64::seed_from_u64(seed)`. The signal mass must lie in (2m_μ, m_K − m_μ).
pub fn generate(
    source: Source,
    kaon_momentum_gev: f64,
    n: usize,
    seed: u64,
) -> Result<Vec<DimuonEvent>> {
    crate::error::positive("kaon momentum (GeV)", kaon_momentum_gev)?;
    if n == 0 {
        return Err(Error::out_of_range("events", 0, "must be >= 1"));
    }
    if let Source::Signal(_, m_x) = source {
        check_x_mass("m_X", m_x)?;
        if m_x <= DIMUON_THRESHOLD {
            return Err(Error::out_of_range(
                "m_X",
                m_x,
                format!("must exceed 2 m_mu = {DIMUON_THRESHOLD:.6} GeV for X -> mu+ mu-"),
            ));
        }
    }
    Ok(sample(source, kaon_momentum_gev, n, seed))
}

/// `n` weighted K⁺ → μ⁺νX events for any X mass in (0, m_K − m_μ), for the lab boost of X only
/// (below 2m_μ the μ⁺μ⁻ fields of the events are meaningless).
pub fn signal_boost_events(
    model: KaonModel,
    m_x: f64,
    kaon_momentum_gev: f64,
    n: usize,
    seed: u64,
) -> Result<Vec<DimuonEvent>> {
    check_boost_request(m_x, kaon_momentum_gev, n)?;
    Ok(sample(
        Source::Signal(model, m_x),
        kaon_momentum_gev,
        n,
        seed,
    ))
}

/// The lab boosts of X in the events [`signal_boost_events`] makes with the same arguments
/// (same random stream, same values), without the muons: a third of the work.
pub fn signal_boosts(
    model: KaonModel,
    m_x: f64,
    kaon_momentum_gev: f64,
    n: usize,
    seed: u64,
) -> Result<Vec<XBoost>> {
    check_boost_request(m_x, kaon_momentum_gev, n)?;
    let beta_k = kaon_beta(kaon_momentum_gev);
    Ok(sample_with(
        Source::Signal(model, m_x),
        n,
        seed,
        |rng, m_y, s12, s23, weight| {
            let step = kaon_frame_step(rng, m_y, s12, s23);
            skip_direction(rng); // the Y → μ⁺μ⁻ direction of the full event
            XBoost {
                beta_gamma: momentum(boost(step.y, beta_k)) / m_y,
                s12,
                weight,
            }
        },
    ))
}

fn check_boost_request(m_x: f64, kaon_momentum_gev: f64, n: usize) -> Result<()> {
    crate::error::positive("kaon momentum (GeV)", kaon_momentum_gev)?;
    check_x_mass("m_X", m_x)?;
    if n == 0 {
        return Err(Error::out_of_range("events", 0, "must be >= 1"));
    }
    Ok(())
}

fn sample(source: Source, kaon_momentum_gev: f64, n: usize, seed: u64) -> Vec<DimuonEvent> {
    sample_with(source, n, seed, |rng, m_y, s12, s23, weight| {
        event(rng, m_y, s12, s23, kaon_momentum_gev, weight)
    })
}

/// Draws `n` Dalitz points of `source` with their weights and hands each, with the generator,
/// to `make`.
fn sample_with<T>(
    source: Source,
    n: usize,
    seed: u64,
    mut make: impl FnMut(&mut Pcg64, f64, f64, f64, f64) -> T,
) -> Vec<T> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let (m_y, base) = match source {
            Source::Signal(_, m_x) => (m_x, 1.0),
            Source::ThreeMuon => {
                let q = rng.random_range(DIMUON_THRESHOLD..MAX_X_MASS);
                (q, 2.0 * q * kroll_wada(q * q))
            }
        };
        let (lo, hi) = s12_range(m_y);
        let s12 = rng.random_range(lo..hi);
        let (a, b) = s23_range(m_y, s12);
        if b <= a {
            continue;
        }
        let s23 = rng.random_range(a..b);
        let amplitude = match source {
            Source::Signal(model, m_x) => reduced_amplitude_squared(model, m_x, s12, s23).max(0.0),
            Source::ThreeMuon => 1.0,
        };
        let weight = base * amplitude * (hi - lo) * (b - a);
        out.push(make(&mut rng, m_y, s12, s23, weight));
    }
    out
}
