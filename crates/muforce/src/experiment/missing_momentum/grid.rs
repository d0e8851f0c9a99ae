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
//! threshold is zero (|k| = 0) and not evaluated. Interpolation is linear in ln σ (in σ where a node is zero), in ln E between
//! energies. The accuracy is checked against direct evaluation in the tests (< 1 %; < 2 % for
//! m_X = 5 GeV close to threshold).

use crate::error::{Error, Result};
use crate::production::prepared::{muon_energy, prepare};
use crate::production::{Cuts, Method, Process};
use crate::units::M_MU;
use rayon::prelude::*;

/// Nodes below the split (in ln x).
const LOW_NODES: usize = 49;
/// Nodes above the split (in ln(1 − x)).
const HIGH_NODES: usize = 33;
/// Largest ratio between neighbouring node energies.
const ENERGY_RATIO: f64 = 1.25;

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
        let steps = ((e_max / e_min).ln() / ENERGY_RATIO.ln()).ceil().max(1.0) as usize;
        let energies: Vec<f64> = (0..=steps)
            .map(|i| e_min * (e_max / e_min).powf(i as f64 / steps as f64))
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
        Ok(CrossSectionGrid {
            mass: process.mass_gev,
            e_out_min,
            energies,
            values,
            nodes,
        })
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
        blend(v[i - 1], v[i], ((u - a) / (b - a)).clamp(0.0, 1.0))
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
        let w = ((energy / ea).ln() / (eb / ea).ln()).clamp(0.0, 1.0);
        Ok(blend(self.slice(j - 1, u), self.slice(j, u), w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matter::{FormFactorModel, Material};
    use crate::model::Spin;

    /// The grid reproduces direct WW evaluations between its energy nodes to 1 % (2 % for a
    /// 5 GeV mediator near threshold) with the ATLAS angular cut.
    #[test]
    fn interpolation_matches_direct_evaluation() {
        let cu = Material::built_in("copper-63").unwrap();
        let cuts = Cuts {
            theta_max: 0.1,
            p_out_min: 5.0,
            ..Cuts::default()
        };
        let angle_only = Cuts {
            p_out_min: 0.0,
            ..cuts
        };
        for (spin, mass) in [
            (Spin::Vector, 0.016),
            (Spin::Scalar, 1.0),
            (Spin::Vector, 5.0),
        ] {
            let p = Process::new(spin, mass, 1.0, &cu, FormFactorModel::Full).unwrap();
            let grid = CrossSectionGrid::new(Method::Ww, &p, &cuts, 20.0, 200.0, 1e-4).unwrap();
            for e in [23.7, 61.0, 137.0] {
                let at = prepare(Method::Ww, &p, e, &angle_only, 1e-5).unwrap();
                let window = grid.window(e).unwrap();
                for u in [0.13, 0.5, 0.87, 1.2, 1.6] {
                    let x = window.x_of(u);
                    let direct = at.dsigma_dx(x).unwrap();
                    let tab = grid.eval(e, x).unwrap();
                    assert!(
                        (tab / direct - 1.0).abs() < if mass < 2.0 { 0.01 } else { 0.02 },
                        "{spin:?} {mass} E={e} x={x}: {tab} vs {direct}"
                    );
                }
            }
            assert!(grid.eval(10.0, 0.5).is_err());
            assert_eq!(grid.eval(50.0, 0.99999).unwrap(), 0.0);
        }
    }
}
