//! The tabulated density at one beam energy, from the exact or the WW cross section.

use super::density::{DensityTable, TableSettings};
use super::grid::XMap;
use super::kinematics;
use crate::error::{Error, Result};
use crate::production::ww::Ww;
use crate::production::{exact, Method, Process};
use crate::units::M_MU;
use rayon::prelude::*;
use std::f64::consts::PI;

/// d²σ/(dv d ln θ) on the grid of one beam energy, and the map v ↦ x.
#[derive(Debug, Clone, PartialEq)]
pub struct Plane {
    /// Beam energy, GeV.
    pub energy_gev: f64,
    /// The x coordinate of the table.
    pub map: XMap,
    /// The table in (v, ln θ).
    pub table: DensityTable,
}

/// The (v, ln θ) nodes of the settings at one energy, v outermost.
fn nodes(s: &TableSettings) -> (Vec<f64>, Vec<f64>) {
    let v = (0..s.x_nodes)
        .map(|i| i as f64 / (s.x_nodes - 1) as f64)
        .collect();
    let (l0, l1) = (s.theta_min.ln(), s.theta_max.ln());
    let l = (0..s.theta_nodes)
        .map(|j| l0 + (l1 - l0) * j as f64 / (s.theta_nodes - 1) as f64)
        .collect();
    (v, l)
}

/// Node values d²σ/(dx d ln θ) · dx/dv from `density(x, θ)` = d²σ/(dx d ln θ), in parallel
/// (the result does not depend on the thread count).
fn tabulate<F>(map: &XMap, v: &[f64], l: &[f64], density: F) -> Result<Vec<f64>>
where
    F: Fn(f64, f64) -> Result<f64> + Sync,
{
    let points: Vec<(f64, f64)> = v
        .iter()
        .flat_map(|&a| l.iter().map(move |&b| (a, b)))
        .collect();
    points
        .par_iter()
        // exp(ln π) may round above π.
        .map(|&(a, b)| Ok((density(map.x(a), b.exp().min(PI))? * map.dx_dv(a)).max(0.0)))
        .collect()
}

impl Plane {
    /// The table at `energy_gev` from the method of the settings:
    /// - exact: θ d²σ/(dx dθ) of the tree-level 2 → 3 cross section (Liu–Miller
    ///   arXiv:1705.01633; GKSST arXiv:1906.09272 Eq. S12; REFERENCE §1.3);
    /// - WW: d²σ/(dx d ln θ_X) of the Weizsäcker–Williams form (REFERENCE §3.1;
    ///   Liu–McKeen–Miller arXiv:1609.06781) at x = E_X/E ≈ 1 − E′/E and the X angle
    ///   θ_X = θ p′/|k| that balances the muon's transverse momentum (the collinear 2 → 2
    ///   picture, as for the WW muon-angle cut); d ln θ_X = d ln θ at fixed x.
    pub fn build(process: &Process, energy_gev: f64, s: &TableSettings) -> Result<Self> {
        // Name the reason when no x is open: below threshold, or closed by the selection.
        XMap::new(process.mass_gev, energy_gev)?;
        XMap::within(process.mass_gev, energy_gev, &s.window)?;
        Self::build_or_zero(process, energy_gev, s)?.ok_or_else(|| {
            Error::out_of_range(
                "table",
                "all zero",
                "the cross section vanishes on the whole grid",
            )
        })
    }

    /// As [`Plane::build`], `None` where the density vanishes on the whole grid (at and
    /// just above the threshold energy).
    pub fn build_or_zero(
        process: &Process,
        energy_gev: f64,
        s: &TableSettings,
    ) -> Result<Option<Self>> {
        s.validate()?;
        let Ok(map) = XMap::within(process.mass_gev, energy_gev, &s.window) else {
            return Ok(None);
        };
        let (v, l) = nodes(s);
        let values = match s.method {
            Method::Exact => tabulate(&map, &v, &l, |x, theta| {
                let d = exact::d2sigma_dx_dtheta(process, energy_gev, x, theta, s.rel_tol)?;
                Ok(theta * d.value)
            })?,
            Method::Ww => {
                let ww = Ww::new(process, energy_gev, s.rel_tol)?;
                let e = energy_gev;
                let m = process.mass_gev;
                tabulate(&map, &v, &l, |x, theta| {
                    let k = ((x * e - m) * (x * e + m)).max(0.0).sqrt();
                    let e_out = (1.0 - x) * e;
                    let p_out = ((e_out - M_MU) * (e_out + M_MU)).max(0.0).sqrt();
                    if k <= 0.0 {
                        return Ok(0.0);
                    }
                    ww.d2sigma_dx_dln_theta(x, theta * p_out / k)
                })?
            }
            Method::Iww => {
                return Err(Error::out_of_range(
                    "method",
                    "iww",
                    "the event table needs an angular density: exact or ww",
                ))
            }
        };
        if values.iter().all(|&d| d == 0.0) {
            return Ok(None);
        }
        Ok(Some(Plane {
            energy_gev,
            map,
            table: DensityTable::from_values(v, l, values)?,
        }))
    }

    /// Per table cell (v outermost), the integral of the interpolant over its kinematically
    /// open part (midpoint rule on `sub` × `sub` subcells), GeV⁻²: the sampled distribution,
    /// since draws in closed regions are rejected. At fixed x the phase space closes as θ
    /// grows (W² = (E + M − E′)² − |p⃗ − p⃗′|² falls), so a sub-row open at its largest θ is
    /// open throughout; a cell open in every sub-row takes the midpoint sum of a bilinear
    /// function, which is its exact integral: the mean of the corners times the area.
    pub fn open_cells(&self, process: &Process, sub: usize) -> Vec<f64> {
        let t = &self.table;
        let sub = sub.max(1);
        let (m_n, m_x) = (process.nucleus_mass_gev, process.mass_gev);
        let open = |x: f64, l: f64| kinematics::open(self.energy_gev, M_MU, m_n, m_x, x, l.exp());
        let (nx, nt) = (t.v.len() - 1, t.ln_theta.len() - 1);
        let mut out = Vec::with_capacity(nx * nt);
        for i in 0..nx {
            let dv = (t.v[i + 1] - t.v[i]) / sub as f64;
            let xs: Vec<f64> = (0..sub)
                .map(|a| self.map.x(t.v[i] + (a as f64 + 0.5) * dv))
                .collect();
            for j in 0..nt {
                let dl = (t.ln_theta[j + 1] - t.ln_theta[j]) / sub as f64;
                let l_top = t.ln_theta[j] + (sub as f64 - 0.5) * dl;
                if xs.iter().all(|&x| open(x, l_top)) {
                    out.push(t.cell_integral(i, j));
                    continue;
                }
                let mut sum = 0.0;
                for (a, &x) in xs.iter().enumerate() {
                    let fa = (a as f64 + 0.5) / sub as f64;
                    for b in 0..sub {
                        let fb = (b as f64 + 0.5) / sub as f64;
                        if open(x, t.ln_theta[j] + (b as f64 + 0.5) * dl) {
                            sum += t.bilinear(i, j, fa, fb) * dv * dl;
                        }
                    }
                }
                out.push(sum);
            }
        }
        out
    }
}
