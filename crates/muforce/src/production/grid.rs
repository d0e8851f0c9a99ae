//! dσ/dx of one process tabulated over beam energy and x, for the many incoming momenta of a
//! spectrum.
//!
//! At each node energy E_j the cross section (with the angular cut, without the p_out cut,
//! which the caller applies exactly) is evaluated on a grid in a normalised coordinate that
//! follows the window x_a = m_X/E < x < x_b = 1 − E′_min/E: below a split x_s it is
//! uniform in ln x from x_a to x_s (resolving the 1/x rise of light mediators), above it
//! uniform in ln(1 − x) from 1 − x_s to 1 − x_b. Between energies the table is interpolated at
//! the same normalised coordinate, so the moving threshold x_a(E) is followed exactly rather
//! than smeared. E′_min belongs to half the smallest outgoing momentum of the selection (10 MeV
//! without one), so that the table never reaches the muon at rest, where the exact cross
//! section is hard to integrate, while covering everything the selection keeps. The node at
//! threshold is zero (|k| = 0) and not evaluated.
//!
//! Interpolation is four-point (cubic) Lagrange in ln σ: in the normalised coordinate within
//! each side of the split, and between energies in τ = ln(E − E_c) (E_c = m_X, at most 0.9 of the
//! lowest energy), which spaces the energies densely just above the production threshold and
//! like ln E far above it. Below the split the kinematic factor β = |k|/(xE) = √(1 − (x_a/x)²)
//! (|k| = √(E_X² − m_X²) with E_X = xE up to the nuclear recoil, REFERENCE §1.3),
//! which vanishes at threshold, is divided out before interpolating and multiplied back after,
//! so that the interval next to threshold is extrapolated from the smooth remainder; where a
//! stencil holds a zero the interpolation is linear.
//!
//! Against direct integration of dσ/dx over eighths of the x window (tests: 10–1000 GeV,
//! θ < 0.1, p_out > 5 GeV), the eighths agree to 1.6 × 10⁻³ and the window to 7 × 10⁻⁴ for
//! m_X ≤ 1 GeV, and to 5.5 % and 6 × 10⁻³ for m_X = 5 GeV, with 25 + 25 nodes per energy and
//! energies 1.5 apart in E − E_c. The former table (49 + 33 nodes, energies 1.25 apart, linear
//! in ln σ) was off by up to 1.1 × 10⁻² and 1 × 10⁻² (14 % and 2.5 % at 5 GeV) with 2.8 times
//! the evaluations of dσ/dx. The nodes above the split are the sparser ones where dσ/dx turns
//! over (x ≈ 0.5–0.7, for a 160 GeV beam 0.27 e-folds of 1 − x apart): with 17 of them a
//! 160 GeV window of x > 0.5 was 1.3 × 10⁻³ off, with 25 it is 3 × 10⁻⁴ off.

use super::prepared::{muon_energy, prepare};
use super::{Cuts, Method, Process};
use crate::error::{Error, Result};
use crate::units::M_MU;
use rayon::prelude::*;

/// Nodes below the split (in ln x).
const LOW_NODES: usize = 25;
/// Nodes above the split (in ln(1 − x)), where dσ/dx turns over (see the module notes).
const HIGH_NODES: usize = 25;
/// Largest ratio between neighbouring node energies, in E − E_c.
const ENERGY_RATIO: f64 = 1.5;
/// Index of the node at the split (u = 1).
const SPLIT_NODE: usize = LOW_NODES - 1;

/// The normalised window at one energy: (x_a, x_s, x_b).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    pub lo: f64,
    pub split: f64,
    pub hi: f64,
}

impl Window {
    /// The window at energy E for outgoing muon energies ≥ `e_out_min` (≥ m_μ), or None if X
    /// cannot be produced.
    pub fn at(mass: f64, energy: f64, e_out_min: f64) -> Option<Window> {
        let lo = mass / energy;
        let hi = 1.0 - e_out_min.max(M_MU) / energy;
        if lo >= hi {
            return None;
        }
        Some(Window {
            lo,
            split: 0.5_f64.max(0.5 * (lo + hi)),
            hi,
        })
    }

    /// x at normalised coordinate u ∈ [0, 2]: [0, 1] below the split, [1, 2] above.
    pub fn x_of(&self, u: f64) -> f64 {
        if u <= 1.0 {
            self.lo * (self.split / self.lo).powf(u)
        } else {
            let (a, b) = (1.0 - self.split, 1.0 - self.hi);
            1.0 - a * (b / a).powf(u - 1.0)
        }
    }

    /// dx/du at u: x ln(x_s/x_a) below the split, (1 − x) ln((1 − x_s)/(1 − x_b)) above.
    pub fn dx_du(&self, u: f64) -> f64 {
        let x = self.x_of(u);
        if u <= 1.0 {
            x * (self.split / self.lo).ln()
        } else {
            (1.0 - x) * ((1.0 - self.split) / (1.0 - self.hi)).ln()
        }
    }

    /// The normalised coordinate of x (clamped to [0, 2]).
    pub fn u_of(&self, x: f64) -> f64 {
        if x <= self.split {
            ((x / self.lo).ln() / (self.split / self.lo).ln()).clamp(0.0, 1.0)
        } else {
            let (a, b) = (1.0 - self.split, 1.0 - self.hi);
            1.0 + (((1.0 - x) / a).ln() / (b / a).ln()).clamp(0.0, 1.0)
        }
    }
}

/// Node coordinates: LOW_NODES in [0, 1], then HIGH_NODES in (1, 2].
fn node_coordinates() -> Vec<f64> {
    let mut u: Vec<f64> = (0..LOW_NODES)
        .map(|i| i as f64 / (LOW_NODES - 1) as f64)
        .collect();
    u.extend((1..HIGH_NODES).map(|i| 1.0 + i as f64 / (HIGH_NODES - 1) as f64));
    u
}

/// The four-point Lagrange interpolation in ln v at `t` through (ts[k], vs[k]), or None
/// unless all four values are positive.
fn cubic_log(ts: [f64; 4], vs: [f64; 4], t: f64) -> Option<f64> {
    if vs.iter().any(|&v| !(v > 0.0 && v.is_finite())) {
        return None;
    }
    let mut sum = 0.0;
    for k in 0..4 {
        let mut basis = 1.0;
        for m in 0..4 {
            if m != k {
                basis *= (t - ts[m]) / (ts[k] - ts[m]);
            }
        }
        sum += basis * vs[k].ln();
    }
    Some(sum.exp())
}

/// The first index of the four-point stencil around the interval [i − 1, i], kept within
/// [first, last]; None when that range holds fewer than four nodes.
fn stencil(i: usize, first: usize, last: usize) -> Option<usize> {
    (last >= first + 3).then(|| i.saturating_sub(2).clamp(first, last - 3))
}

/// E_c of the energy coordinate τ = ln(E − E_c): the production threshold m_X, where σ(E) changes
/// fastest (τ stretches the energies just above it and is ln E well above it), at most 0.9 of
/// the lowest energy (so that τ stays finite on the range).
fn energy_offset(mass: f64, e_min: f64) -> f64 {
    mass.min(0.9 * e_min)
}

/// Linear interpolation of two values, in the logarithm when both are positive.
fn blend(a: f64, b: f64, w: f64) -> f64 {
    if a > 0.0 && b > 0.0 {
        (a.ln() + w * (b.ln() - a.ln())).exp()
    } else {
        a + w * (b - a)
    }
}

/// dσ/dx(E, x) in GeV⁻² on a grid of energies and normalised x.
#[derive(Debug, Clone)]
pub(crate) struct CrossSectionGrid {
    mass: f64,
    e_out_min: f64,
    energies: Vec<f64>,
    /// Per energy, the values at [`node_coordinates`] (empty below threshold).
    values: Vec<Vec<f64>>,
    nodes: Vec<f64>,
    /// Per energy, ln(x_s/x_a) of its window (0 below threshold).
    log_spans: Vec<f64>,
    /// E_c of the energy coordinate ln(E − E_c).
    energy_offset: f64,
}

impl CrossSectionGrid {
    /// Tabulates `process` with `method` and the angular cut of `cuts` between `e_min` and
    /// `e_max` GeV.
    pub fn new(
        method: Method,
        process: &Process,
        cuts: &Cuts,
        e_min: f64,
        e_max: f64,
        rel_tol: f64,
    ) -> Result<Self> {
        if !(e_min.is_finite() && e_min > M_MU && e_max >= e_min && e_max.is_finite()) {
            return Err(Error::out_of_range(
                "energy range",
                format!("[{e_min}, {e_max}]"),
                "needs finite m_μ < e_min <= e_max",
            ));
        }
        let angle_only = Cuts {
            p_out_min: 0.0,
            ..*cuts
        };
        let e_out_min = muon_energy((0.5 * cuts.p_out_min).max(0.01));
        // Energies uniform in τ = ln(E − E_c) (see `energy_offset`); one energy for a
        // monochromatic beam (two equal nodes would leave no interval).
        let offset = energy_offset(process.mass_gev, e_min);
        let (t0, t1) = ((e_min - offset).ln(), (e_max - offset).ln());
        let steps = ((t1 - t0) / ENERGY_RATIO.ln()).ceil() as usize;
        let energies: Vec<f64> = (0..=steps)
            .map(|i| offset + (t0 + (t1 - t0) * i as f64 / steps.max(1) as f64).exp())
            .map(|e| e.clamp(e_min, e_max))
            .collect();
        let nodes = node_coordinates();
        let values = energies
            .par_iter()
            .map(|&e| -> Result<Vec<f64>> {
                let Some(window) = Window::at(process.mass_gev, e, e_out_min) else {
                    return Ok(Vec::new());
                };
                if process.mass_gev >= e - M_MU {
                    return Ok(Vec::new());
                }
                let at = prepare(method, process, e, &angle_only, rel_tol)?;
                nodes
                    .iter()
                    .map(|&u| {
                        if u == 0.0 {
                            Ok(0.0)
                        } else {
                            at.dsigma_dx(window.x_of(u).clamp(0.0, 1.0))
                        }
                    })
                    .collect()
            })
            .collect::<Result<Vec<_>>>()?;
        let log_spans = energies
            .iter()
            .map(|&e| {
                Window::at(process.mass_gev, e, e_out_min).map_or(0.0, |w| (w.split / w.lo).ln())
            })
            .collect();
        Ok(CrossSectionGrid {
            log_spans,
            energy_offset: offset,
            mass: process.mass_gev,
            e_out_min,
            energies,
            values,
            nodes,
        })
    }

    /// The node energies (GeV), ascending.
    #[cfg(test)]
    pub fn energies(&self) -> &[f64] {
        &self.energies
    }

    /// The tabulated x window at `energy`.
    pub fn window(&self, energy: f64) -> Option<Window> {
        Window::at(self.mass, energy, self.e_out_min)
    }

    /// One energy's table at normalised coordinate u.
    fn slice(&self, j: usize, u: f64) -> f64 {
        let v = &self.values[j];
        if v.is_empty() {
            return 0.0;
        }
        let i = self
            .nodes
            .partition_point(|&n| n <= u)
            .clamp(1, v.len() - 1);
        let (a, b) = (self.nodes[i - 1], self.nodes[i]);
        let u = u.clamp(a, b);
        if i <= SPLIT_NODE {
            // Below the split σ = β g with β = |k|/(xE) = √(1 − (x_a/x)²) = √(1 − e^{−2uL}),
            // which vanishes at threshold (u = 0), and g smooth: g is interpolated, on the
            // nodes above threshold (extrapolated into the first interval).
            let span = self.log_spans[j];
            let beta = |u: f64| (-(-2.0 * u * span).exp_m1()).sqrt();
            if let Some(k) = stencil(i, 1, SPLIT_NODE) {
                let ts = [0, 1, 2, 3].map(|m| self.nodes[k + m]);
                let gs = [0, 1, 2, 3].map(|m| v[k + m] / beta(ts[m]));
                if let Some(g) = cubic_log(ts, gs, u) {
                    return beta(u) * g;
                }
            }
        } else if let Some(k) = stencil(i, SPLIT_NODE, v.len() - 1) {
            let ts = [0, 1, 2, 3].map(|m| self.nodes[k + m]);
            let vs = [0, 1, 2, 3].map(|m| v[k + m]);
            if let Some(value) = cubic_log(ts, vs, u) {
                return value;
            }
        }
        blend(v[i - 1], v[i], (u - a) / (b - a))
    }

    /// dσ/dx at energy E and x (zero outside the kinematic window; E outside the tabulated
    /// range is an error).
    pub fn eval(&self, energy: f64, x: f64) -> Result<f64> {
        let (e0, e1) = (self.energies[0], self.energies[self.energies.len() - 1]);
        if !(energy >= e0 * (1.0 - 1e-12) && energy <= e1 * (1.0 + 1e-12)) {
            return Err(Error::out_of_range(
                "energy_gev",
                energy,
                format!("must lie in the tabulated range [{e0}, {e1}]"),
            ));
        }
        let Some(window) = self.window(energy) else {
            return Ok(0.0);
        };
        if !(x > window.lo && x < window.hi) {
            return Ok(0.0);
        }
        let u = window.u_of(x);
        if self.energies.len() == 1 {
            return Ok(self.slice(0, u));
        }
        let j = self
            .energies
            .partition_point(|&e| e <= energy)
            .clamp(1, self.energies.len() - 1);
        let (ea, eb) = (self.energies[j - 1], self.energies[j]);
        let tau = |e: f64| (e - self.energy_offset).ln();
        let t = tau(energy.clamp(ea, eb));
        if let Some(k) = stencil(j, 0, self.energies.len() - 1) {
            let ts = [0, 1, 2, 3].map(|m| tau(self.energies[k + m]));
            let vs = [0, 1, 2, 3].map(|m| self.slice(k + m, u));
            if let Some(value) = cubic_log(ts, vs, t) {
                return Ok(value);
            }
        }
        let w = (t - tau(ea)) / (tau(eb) - tau(ea));
        Ok(blend(self.slice(j - 1, u), self.slice(j, u), w))
    }
}
