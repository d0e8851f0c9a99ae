//! Four-momenta of μ(p) N(P) → μ(p′) X(k) N(P′) from (x, θ, φ) of the muon and the momentum
//! transfer t to the nucleus. Four-vectors are [E, px, py, pz] in GeV, beam along +z.

use super::t_draw::TDraw;
use rand::Rng;

/// A four-vector [E, px, py, pz].
pub type FourVector = [f64; 4];

fn dot(a: &FourVector, b: &FourVector) -> f64 {
    a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]
}

/// Boosts `v` by the velocity β⃗ (a pure Lorentz boost; Jackson, Classical Electrodynamics,
/// Eq. 11.19).
pub fn boost(v: &FourVector, beta: [f64; 3]) -> FourVector {
    let b2 = beta[0] * beta[0] + beta[1] * beta[1] + beta[2] * beta[2];
    if b2 <= 0.0 {
        return *v;
    }
    let gamma = 1.0 / (1.0 - b2).sqrt();
    let bp = beta[0] * v[1] + beta[1] * v[2] + beta[2] * v[3];
    let g2 = (gamma - 1.0) / b2;
    [
        gamma * (v[0] + bp),
        v[1] + g2 * bp * beta[0] + gamma * beta[0] * v[0],
        v[2] + g2 * bp * beta[1] + gamma * beta[1] * v[0],
        v[3] + g2 * bp * beta[2] + gamma * beta[2] * v[0],
    ]
}

/// (sin φ, cos φ) of an azimuth φ uniform on [0, 2π), without trigonometric calls: a point
/// (u, v) uniform in the unit disk has a uniform polar angle α, and φ = 2α has
/// cos φ = (u² − v²)/r², sin φ = 2uv/r² (von Neumann, NBS Appl. Math. Ser. 12 (1951) 36).
#[inline]
pub(crate) fn random_azimuth<R: Rng>(rng: &mut R) -> (f64, f64) {
    loop {
        let u = 2.0 * rng.random::<f64>() - 1.0;
        let v = 2.0 * rng.random::<f64>() - 1.0;
        let r2 = u * u + v * v;
        // Far from the centre's rounding and inside the disk.
        if r2 <= 1.0 && r2 > 1e-12 {
            return (2.0 * u * v / r2, (u - v) * (u + v) / r2);
        }
    }
}

/// A unit vector drawn isotropically: cos θ uniform on [−1, 1], φ uniform.
pub(crate) fn random_direction<R: Rng>(rng: &mut R) -> [f64; 3] {
    let c = 2.0 * rng.random::<f64>() - 1.0;
    let s = ((1.0 - c) * (1.0 + c)).max(0.0).sqrt();
    let (sp, cp) = random_azimuth(rng);
    [s * cp, s * sp, c]
}

/// A unit vector orthogonal to `n` (unit) and a second completing the right-handed frame.
pub(crate) fn frame(n: [f64; 3]) -> ([f64; 3], [f64; 3]) {
    let a = if n[0].abs() < 0.9 {
        [1.0, 0.0, 0.0]
    } else {
        [0.0, 1.0, 0.0]
    };
    let d = a[0] * n[0] + a[1] * n[1] + a[2] * n[2];
    let mut e1 = [a[0] - d * n[0], a[1] - d * n[1], a[2] - d * n[2]];
    let l = (e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]).sqrt();
    e1 = [e1[0] / l, e1[1] / l, e1[2] / l];
    let e2 = [
        n[1] * e1[2] - n[2] * e1[1],
        n[2] * e1[0] - n[0] * e1[2],
        n[0] * e1[1] - n[1] * e1[0],
    ];
    (e1, e2)
}

/// Whether X + N′ can be produced at muon energy fraction lost x and angle θ:
/// W² = (p + P − p′)² > (m_X + M)².
pub fn open(energy: f64, m_mu: f64, m_n: f64, m_x: f64, x: f64, theta: f64) -> bool {
    let p_in = (energy * energy - m_mu * m_mu).sqrt();
    let e_out = (1.0 - x) * energy;
    let p_out = (e_out * e_out - m_mu * m_mu).max(0.0).sqrt();
    let e_q = energy + m_n - e_out;
    let pt = p_out * theta.sin();
    let pz = p_in - p_out * theta.cos();
    e_q * e_q - pt * pt - pz * pz > (m_x + m_n) * (m_x + m_n)
}

/// The outgoing particles of one event: muon, X and recoil nucleus, and |t| in GeV².
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Final {
    /// Outgoing muon.
    pub muon: FourVector,
    /// The force carrier X.
    pub x: FourVector,
    /// Recoil nucleus.
    pub nucleus: FourVector,
    /// |t| = −(P′ − P)².
    pub t: f64,
}

/// Builds the final state for beam energy `energy`, target nucleus mass `m_n`, X mass `m_x`,
/// muon energy fraction lost x = 1 − E′/E, muon polar angle θ and azimuth φ given as
/// (sin φ, cos φ). |t| is drawn from
/// (1 − t_min/t) G₂(t) d ln t, the integrand of the photon flux χ (REFERENCE §3; Bjorken et
/// al., arXiv:0906.0580, Eq. A18), which neglects the t dependence of the matrix element at
/// fixed (x, θ). `None` when (x, θ) is kinematically closed.
pub fn final_state<R: Rng>(
    energy: f64,
    m_mu: f64,
    m_n: f64,
    m_x: f64,
    x: f64,
    theta: f64,
    azimuth: (f64, f64),
    t_draw: &TDraw,
    rng: &mut R,
) -> Option<Final> {
    let p_in = (energy * energy - m_mu * m_mu).sqrt();
    let e_out = (1.0 - x) * energy;
    let p_out = (e_out * e_out - m_mu * m_mu).max(0.0).sqrt();
    let (st, ct) = theta.sin_cos();
    let (sp, cp) = azimuth;
    let muon = [e_out, p_out * st * cp, p_out * st * sp, p_out * ct];
    // Q = p + P − p′ goes into X + N′.
    let q = [energy + m_n - muon[0], -muon[1], -muon[2], p_in - muon[3]];
    let w2 = dot(&q, &q);
    if w2.is_nan() || w2 <= (m_x + m_n) * (m_x + m_n) {
        return None;
    }
    let w = w2.sqrt();
    let beta = [q[1] / q[0], q[2] / q[0], q[3] / q[0]];
    // The target nucleus in the Q rest frame.
    let p_star = boost(&[m_n, 0.0, 0.0, 0.0], [-beta[0], -beta[1], -beta[2]]);
    let pp = (p_star[1] * p_star[1] + p_star[2] * p_star[2] + p_star[3] * p_star[3]).sqrt();
    let e_n = (w2 + m_n * m_n - m_x * m_x) / (2.0 * w);
    let k = (e_n * e_n - m_n * m_n).max(0.0).sqrt();
    // |t| = 2 E_N* E_P* − 2M² − 2 k |P*| cos α, α the angle between N′ and P in this frame.
    let base = 2.0 * e_n * p_star[0] - 2.0 * m_n * m_n;
    let t = t_draw.draw(base - 2.0 * k * pp, base + 2.0 * k * pp, rng)?;
    let cos_a = if pp * k > 0.0 {
        ((base - t) / (2.0 * k * pp)).clamp(-1.0, 1.0)
    } else {
        1.0
    };
    let sin_a = (1.0 - cos_a * cos_a).sqrt();
    let n = if pp > 0.0 {
        [p_star[1] / pp, p_star[2] / pp, p_star[3] / pp]
    } else {
        [0.0, 0.0, 1.0]
    };
    let (e1, e2) = frame(n);
    let (sb, cb) = random_azimuth(rng);
    let dir = [
        cos_a * n[0] + sin_a * (cb * e1[0] + sb * e2[0]),
        cos_a * n[1] + sin_a * (cb * e1[1] + sb * e2[1]),
        cos_a * n[2] + sin_a * (cb * e1[2] + sb * e2[2]),
    ];
    let nucleus_star = [e_n, k * dir[0], k * dir[1], k * dir[2]];
    let x_star = [w - e_n, -k * dir[0], -k * dir[1], -k * dir[2]];
    Some(Final {
        muon,
        x: boost(&x_star, beta),
        nucleus: boost(&nucleus_star, beta),
        t,
    })
}
