//! Finding the excluded coupling interval at one mass.
//!
//! For an invisible X the signal grows as g², so everything above one coupling is excluded.
//! For a visibly decaying X the signal first grows with g and then dies when X decays before
//! the detector, so the excluded region is an island g_low < g < g_high. Both cases are handled
//! by scanning a log grid for the sign of a test function and refining each edge with Brent's
//! method.

use crate::error::{Error, Result};
use crate::numerics::brent;
use serde::{Deserialize, Serialize};

/// Excluded couplings at one mass: g_low < g < g_high (g_high = None: everything above g_low).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CouplingInterval {
    /// Lower edge.
    pub coupling_low: f64,
    /// Upper edge, if the excluded region closes below the scan's upper end.
    pub coupling_high: Option<f64>,
}

/// Finds the excluded interval of `excess(g) > 0` (e.g. expected signal minus the limit) for
/// g in [g_min, g_max], scanning `points_per_decade` log-spaced points per decade and refining
/// the edges to relative precision `rel_tol`.
///
/// Returns `None` if nothing is excluded at any scanned point. Several disjoint islands are an
/// error (a physical reach has one island per mass; more means the scan or the model is wrong).
pub fn excluded_interval<F>(
    mut excess: F,
    g_min: f64,
    g_max: f64,
    points_per_decade: usize,
    rel_tol: f64,
) -> Result<Option<CouplingInterval>>
where
    F: FnMut(f64) -> Result<f64>,
{
    if !(g_min.is_finite() && g_min > 0.0 && g_max.is_finite() && g_max > g_min) {
        return Err(Error::out_of_range(
            "coupling scan range",
            format!("[{g_min}, {g_max}]"),
            "needs finite 0 < g_min < g_max",
        ));
    }
    if points_per_decade == 0 {
        return Err(Error::out_of_range("points_per_decade", 0, "must be >= 1"));
    }
    let (ln_min, ln_max) = (g_min.ln(), g_max.ln());
    let decades = (ln_max - ln_min) / std::f64::consts::LN_10;
    let n = ((decades * points_per_decade as f64).ceil() as usize).max(1);
    let grid: Vec<f64> = (0..=n)
        .map(|i| (ln_min + (ln_max - ln_min) * i as f64 / n as f64).exp())
        .collect();
    let mut values = Vec::with_capacity(grid.len());
    for &g in &grid {
        let v = excess(g)?;
        if v.is_nan() {
            return Err(Error::out_of_range(
                "reach test function",
                format!("NaN at g = {g}"),
                "must be a number",
            ));
        }
        values.push(v);
    }
    let Some(first) = values.iter().position(|&v| v > 0.0) else {
        return Ok(None);
    };
    let last_in_island = values[first..]
        .iter()
        .position(|&v| v <= 0.0)
        .map_or(grid.len() - 1, |k| first + k - 1);
    if values[last_in_island + 1..].iter().any(|&v| v > 0.0) {
        return Err(Error::out_of_range(
            "reach test function",
            "several disjoint excluded islands",
            "one excluded interval per mass; refine the scan or check the model",
        ));
    }
    let mut refine = |a: f64, b: f64| -> Result<f64> {
        let ln_edge = brent(
            "reach edge",
            |ln_g: f64| excess(ln_g.exp()),
            a.ln(),
            b.ln(),
            rel_tol,
        )?;
        Ok(ln_edge.exp())
    };
    let coupling_low = if first == 0 {
        grid[0]
    } else {
        refine(grid[first - 1], grid[first])?
    };
    let coupling_high = if last_in_island == grid.len() - 1 {
        None
    } else {
        Some(refine(grid[last_in_island], grid[last_in_island + 1])?)
    };
    Ok(Some(CouplingInterval {
        coupling_low,
        coupling_high,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An invisible-X reach: N = k g² against a limit of 3 events has its edge at √(3/k).
    #[test]
    fn open_region_above_the_edge() {
        let k = 1e8;
        let iv = excluded_interval(|g| Ok(k * g * g - 3.0), 1e-8, 1.0, 10, 1e-10)
            .unwrap()
            .unwrap();
        assert!((iv.coupling_low / (3.0f64 / k).sqrt() - 1.0).abs() < 1e-8);
        assert_eq!(iv.coupling_high, None);
    }

    /// A visible-decay island: N = A g² exp(−B g²) (production ∝ g², survival to the detector
    /// ∝ exp(−L_det Γ) with Γ ∝ g²); both edges solve N = 3 and are checked by substitution.
    #[test]
    fn island() {
        let (a, b) = (1e10, 1e6);
        let n = |g: f64| a * g * g * (-b * g * g).exp();
        let iv = excluded_interval(|g| Ok(n(g) - 3.0), 1e-8, 1.0, 10, 1e-12)
            .unwrap()
            .unwrap();
        let high = iv.coupling_high.unwrap();
        assert!(iv.coupling_low < high);
        assert!((n(iv.coupling_low) / 3.0 - 1.0).abs() < 1e-8);
        assert!((n(high) / 3.0 - 1.0).abs() < 1e-8);
        assert!(excluded_interval(|g| Ok(n(g) - 1e20), 1e-8, 1.0, 10, 1e-12)
            .unwrap()
            .is_none());
    }

    #[test]
    fn rejects_bad_scans() {
        assert!(excluded_interval(Ok, 0.0, 1.0, 10, 1e-6).is_err());
        assert!(excluded_interval(Ok, 1.0, 0.5, 10, 1e-6).is_err());
        assert!(excluded_interval(|_| Ok(f64::NAN), 1e-3, 1.0, 10, 1e-6).is_err());
        // Two islands: sin in ln g changes sign several times.
        assert!(excluded_interval(|g: f64| Ok((3.0 * g.ln()).sin()), 1e-6, 1.0, 20, 1e-6).is_err());
    }
}
