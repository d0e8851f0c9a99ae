//! The model × mass × scenario grid of a reach scan: every point evaluated in parallel, the
//! excluded intervals laid out as reach-table rows, and the interval where an expected signal
//! exceeds its limit.

use super::{excluded_interval, CouplingInterval, ReachRow};
use crate::error::Result;
use rayon::prelude::*;

/// The couplings in [g_min, g_max] where `signal(g)` exceeds the limit whose logarithm is
/// `ln_limit`: ln max(signal, f64::MIN_POSITIVE) − ln_limit > 0, edges refined to 1e-6.
///
/// The classic beam-dump island: a signal N(g) = A g² e^{−c g²} (production ∝ g², survival
/// of a decay length ∝ 1/g² past the shield, CPZ Eq. 14) exceeds n_up between a lower edge
/// g ≈ √(n_up/A), where the exponential is still 1, and an upper edge where the decays
/// happen too early, closed-form through the Lambert W function; both edges solve
/// N(g) = n_up.
///
/// ```
/// use muforce::reach::signal_interval;
/// let (a, c, n_up) = (1e12, 1e6, 2.303);
/// let signal = |g: f64| Ok(a * g * g * (-c * g * g).exp());
/// let island = signal_interval(signal, f64::ln(n_up), 1e-8, 1.0, 10)?.unwrap();
/// let low = island.coupling_low;
/// let high = island.coupling_high.expect("the island closes");
/// assert!((low / (n_up / a).sqrt() - 1.0).abs() < 1e-5, "{low}");
/// assert!((signal(high)? / n_up - 1.0).abs() < 1e-4, "{high}");
/// assert!(high > 3e-3 && high < 6e-3);
/// // Nothing reaches n_up: no interval.
/// assert!(signal_interval(|g: f64| Ok(g * g), f64::ln(n_up), 1e-8, 1.0, 10)?.is_none());
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn signal_interval<F>(
    mut signal: F,
    ln_limit: f64,
    g_min: f64,
    g_max: f64,
    points_per_decade: usize,
) -> Result<Option<CouplingInterval>>
where
    F: FnMut(f64) -> Result<f64>,
{
    excluded_interval(
        |g| Ok(signal(g)?.max(f64::MIN_POSITIVE).ln() - ln_limit),
        g_min,
        g_max,
        points_per_decade,
        1e-6,
    )
}

/// The models, masses and scenarios of a scan, and the experiment's reach-table name.
#[derive(Debug, Clone, Copy)]
pub struct ScanGrid<'a, M> {
    /// The experiment column of the rows.
    pub experiment: &'a str,
    /// The models scanned.
    pub models: &'a [M],
    /// The masses in GeV.
    pub masses_gev: &'a [f64],
    /// The scenario names, in the order `point` returns their intervals.
    pub scenarios: &'a [&'a str],
}

impl<M: Copy + Send + Sync> ScanGrid<'_, M> {
    /// Evaluates `point(model, mass)` — one interval per scenario — at every model × mass
    /// (rayon over the points; each point is deterministic, so the rows do not depend on the
    /// thread count) and returns the rows scenario by scenario, then model by model, masses
    /// ascending. `progress` is called once per finished point.
    pub fn rows<F>(
        &self,
        model_name: fn(M) -> &'static str,
        progress: &(dyn Fn() + Sync),
        point: F,
    ) -> Result<Vec<ReachRow>>
    where
        F: Fn(M, f64) -> Result<Vec<Option<CouplingInterval>>> + Sync,
    {
        let jobs: Vec<(M, f64)> = self
            .models
            .iter()
            .flat_map(|&m| self.masses_gev.iter().map(move |&x| (m, x)))
            .collect();
        let points = jobs
            .par_iter()
            .map(|&(model, mass)| -> Result<Vec<Option<CouplingInterval>>> {
                let out = point(model, mass)?;
                progress();
                Ok(out)
            })
            .collect::<Result<Vec<_>>>()?;
        let mut rows = Vec::new();
        for (k, scenario) in self.scenarios.iter().enumerate() {
            for (&(model, mass), iv) in jobs.iter().zip(&points) {
                let iv = iv[k];
                rows.push(ReachRow {
                    experiment: self.experiment.to_string(),
                    model: model_name(model).to_string(),
                    scenario: (*scenario).to_string(),
                    mass_gev: mass,
                    coupling_low: iv.map(|i| i.coupling_low),
                    coupling_high: iv.and_then(|i| i.coupling_high),
                    limit: crate::reach::LimitKind::Expected,
                });
            }
        }
        Ok(rows)
    }
}
