//! ⟨−dE/dx⟩(E) tabulated on a logarithmic grid of kinetic energy, with a checked
//! interpolation error, for fast repeated evaluation along a thick target.

use super::loss::mean_energy_loss;
use super::process::check_energy;
use crate::error::{Error, Result};
use crate::matter::Material;
use crate::memo::Memo;
use crate::units::M_MU;

/// Lowest kinetic energy of a table, GeV: below ~1 MeV (βγ ≈ 0.14) the Bethe equation
/// without shell corrections is no longer reliable (PDG Review, §34.2.3).
pub const TABLE_MIN_KINETIC_GEV: f64 = 1e-3;

/// Largest number of grid points per decade before giving up on the requested accuracy.
const MAX_POINTS_PER_DECADE: usize = 512;

/// ⟨−dE/dx⟩ (all processes, GeV cm²/g) tabulated in ln T (T = E − m_μ) and interpolated with
/// 4-point Lagrange polynomials in (ln T, ln⟨−dE/dx⟩). The grid is refined until the
/// interpolated value at every interval midpoint agrees with the direct calculation within
/// the requested relative tolerance; the largest midpoint deviation seen is the error estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct EnergyLossTable {
    ln_t: Vec<f64>,
    ln_loss: Vec<f64>,
    relative_error: f64,
    density_g_cm3: f64,
}

/// The tables built so far in this process, by their exact inputs, at most 64 (a scan builds
/// the same few again and again).
static BUILT_TABLES: Memo<EnergyLossTable> = Memo::new(64);

impl EnergyLossTable {
    /// Tabulates ⟨−dE/dx⟩ for `material` from kinetic energy [`TABLE_MIN_KINETIC_GEV`] up to
    /// total energy `max_energy_gev` within `relative_tolerance` (in [1e-8, 0.1]).
    ///
    /// The table is a pure function of its inputs, so one built earlier in the process for
    /// the same material (every field), energy and tolerance is returned instead of
    /// building it again: a recast or a figure set asks for the same targets many times.
    pub fn new(material: &Material, max_energy_gev: f64, relative_tolerance: f64) -> Result<Self> {
        // Debug prints every f64 so that it reads back exactly: equal keys, equal inputs.
        let key = format!("{material:?} {max_energy_gev:?} {relative_tolerance:?}");
        BUILT_TABLES.get_or_build(key, || {
            Self::build(material, max_energy_gev, relative_tolerance)
        })
    }

    fn build(material: &Material, max_energy_gev: f64, relative_tolerance: f64) -> Result<Self> {
        check_energy(max_energy_gev)?;
        let t_lo = TABLE_MIN_KINETIC_GEV;
        let t_hi = max_energy_gev - M_MU;
        if t_hi <= 2.0 * t_lo {
            return Err(Error::out_of_range(
                "max_energy_gev",
                max_energy_gev,
                format!(
                    "must exceed m_mu + {} GeV for a table",
                    2.0 * TABLE_MIN_KINETIC_GEV
                ),
            ));
        }
        if !(relative_tolerance.is_finite() && (1e-8..=0.1).contains(&relative_tolerance)) {
            return Err(Error::out_of_range(
                "relative_tolerance",
                relative_tolerance,
                "must lie in [1e-8, 0.1]",
            ));
        }
        let loss = |ln_t: f64| -> Result<f64> {
            let total = mean_energy_loss(material, M_MU + ln_t.exp())?.total();
            if total > 0.0 {
                Ok(total.ln())
            } else {
                Err(Error::out_of_range(
                    "mean energy loss",
                    total,
                    "must be > 0 on the table's range",
                ))
            }
        };
        let (a, b) = (t_lo.ln(), t_hi.ln());
        let decades = (b - a) / std::f64::consts::LN_10;
        let mut n = ((8.0 * decades).ceil() as usize).max(4);
        let mut ln_t: Vec<f64> = (0..=n).map(|i| a + (b - a) * i as f64 / n as f64).collect();
        let mut ln_loss = ln_t.iter().map(|&x| loss(x)).collect::<Result<Vec<_>>>()?;
        loop {
            let mids: Vec<f64> = ln_t.windows(2).map(|w| 0.5 * (w[0] + w[1])).collect();
            let exact = mids.iter().map(|&x| loss(x)).collect::<Result<Vec<_>>>()?;
            let worst = mids
                .iter()
                .zip(&exact)
                .map(|(&x, &y)| (interpolate(&ln_t, &ln_loss, x).exp() / y.exp() - 1.0).abs())
                .fold(0.0, f64::max);
            // Merge the midpoints into the grid: the refined table is at least as good.
            let mut t2 = Vec::with_capacity(2 * n + 1);
            let mut l2 = Vec::with_capacity(2 * n + 1);
            for i in 0..n {
                t2.extend([ln_t[i], mids[i]]);
                l2.extend([ln_loss[i], exact[i]]);
            }
            t2.push(ln_t[n]);
            l2.push(ln_loss[n]);
            ln_t = t2;
            ln_loss = l2;
            n *= 2;
            if worst <= relative_tolerance {
                return Ok(EnergyLossTable {
                    ln_t,
                    ln_loss,
                    relative_error: worst,
                    density_g_cm3: material.density_g_cm3,
                });
            }
            if n as f64 > MAX_POINTS_PER_DECADE as f64 * decades {
                return Err(Error::NotConverged {
                    what: format!("energy-loss table for '{}'", material.name),
                    achieved: worst,
                    requested: relative_tolerance,
                });
            }
        }
    }

    /// Range of total energies covered, GeV.
    pub fn energy_range_gev(&self) -> (f64, f64) {
        let last = self.ln_t.len() - 1;
        (M_MU + self.ln_t[0].exp(), M_MU + self.ln_t[last].exp())
    }

    /// Largest relative interpolation error found when the table was built.
    pub fn relative_error(&self) -> f64 {
        self.relative_error
    }

    /// Number of grid points.
    pub fn len(&self) -> usize {
        self.ln_t.len()
    }

    /// Whether the table is empty (never, once built).
    pub fn is_empty(&self) -> bool {
        self.ln_t.is_empty()
    }

    /// ⟨−dE/dx⟩ in GeV cm²/g at total energy `energy_gev` inside [`Self::energy_range_gev`].
    pub fn mean_energy_loss(&self, energy_gev: f64) -> Result<f64> {
        let (lo, hi) = self.energy_range_gev();
        if !(energy_gev.is_finite()
            && energy_gev >= lo * (1.0 - 1e-12)
            && energy_gev <= hi * (1.0 + 1e-12))
        {
            return Err(Error::out_of_range(
                "energy_gev",
                energy_gev,
                format!("must lie in the table's range [{lo}, {hi}] GeV"),
            ));
        }
        let x = (energy_gev - M_MU).max(TABLE_MIN_KINETIC_GEV).ln();
        Ok(interpolate(&self.ln_t, &self.ln_loss, x).exp())
    }

    /// The stopping power ρ⟨−dE/dx⟩ in GeV/cm.
    pub fn stopping_power_gev_cm(&self, energy_gev: f64) -> Result<f64> {
        Ok(self.mean_energy_loss(energy_gev)? * self.density_g_cm3)
    }
}

/// 4-point Lagrange interpolation of y(x) on the uniform grid `xs` (3-point-wide stencil
/// centred on the interval of x; clamped at the ends).
fn interpolate(xs: &[f64], ys: &[f64], x: f64) -> f64 {
    let n = xs.len();
    let h = (xs[n - 1] - xs[0]) / (n - 1) as f64;
    let i = (((x - xs[0]) / h).floor().max(0.0) as usize).min(n - 2);
    let start = i.saturating_sub(1).min(n.saturating_sub(4));
    let end = (start + 4).min(n);
    let mut sum = 0.0;
    for j in start..end {
        let mut w = 1.0;
        for k in start..end {
            if k != j {
                w *= (x - xs[k]) / (xs[j] - xs[k]);
            }
        }
        sum += w * ys[j];
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Off-grid energies agree with the direct calculation within twice the requested tolerance
    /// (the build checks only interval midpoints), and energies outside the table are refused.
    #[test]
    fn table_agrees_with_direct_calculation() {
        let fe = Material::built_in("Fe").unwrap();
        let table = EnergyLossTable::new(&fe, 1e4, 1e-4).unwrap();
        assert!(table.relative_error() <= 1e-4 && !table.is_empty());
        for e in [0.107, 0.3, 0.77, 3.3, 47.0, 160.0, 999.0, 8765.0] {
            let direct = mean_energy_loss(&fe, e).unwrap().total();
            let tab = table.mean_energy_loss(e).unwrap();
            assert!((tab / direct - 1.0).abs() < 2e-4, "{e}: {tab} vs {direct}");
        }
        assert!(table.mean_energy_loss(2e4).is_err());
        assert!(table.mean_energy_loss(0.106).is_err());
        assert!(EnergyLossTable::new(&fe, 100.0, 0.0).is_err());
    }

    /// Cubic interpolation is exact for cubics.
    #[test]
    fn interpolation_exact_for_cubics() {
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let f = |x: f64| 1.0 + x * (2.0 - 0.3 * x + 0.05 * x * x);
        let ys: Vec<f64> = xs.iter().map(|&x| f(x)).collect();
        for x in [0.1, 3.7, 8.9, 9.0] {
            assert!((interpolate(&xs, &ys, x) - f(x)).abs() < 1e-12);
        }
    }

    /// A table asked for again is the one built for exactly those inputs: equal to a fresh
    /// build, and different materials or energies are not confused.
    #[test]
    fn reused_tables_are_those_of_the_same_inputs() {
        let fe = Material::built_in("Fe").unwrap();
        let pb = Material::built_in("Pb").unwrap();
        let first = EnergyLossTable::new(&fe, 300.0, 1e-4).unwrap();
        let again = EnergyLossTable::new(&fe, 300.0, 1e-4).unwrap();
        assert_eq!(first, again);
        assert_eq!(first, EnergyLossTable::build(&fe, 300.0, 1e-4).unwrap());
        assert_ne!(first, EnergyLossTable::new(&pb, 300.0, 1e-4).unwrap());
        assert_ne!(first, EnergyLossTable::new(&fe, 301.0, 1e-4).unwrap());
        let mut denser = fe.clone();
        denser.density_g_cm3 *= 1.5;
        assert_ne!(first, EnergyLossTable::new(&denser, 300.0, 1e-4).unwrap());
    }
}
