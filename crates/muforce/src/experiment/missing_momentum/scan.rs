//! The mass scan: per mediator and mass, the signal shape at g = 1, then per scenario the
//! expected limit on g from the binned ρ likelihood (GKSST arXiv:1906.09272 Sect. IV.D).

use super::signal::{signal, Signal};
use crate::error::Result;
use crate::experiment::description::{Experiment, Scenario};
use crate::model::Spin;
use crate::reach::{excluded_interval, reach_header, CouplingInterval, ReachRow, ReachTable};
use crate::stats::BinnedLikelihood;
use rayon::prelude::*;

/// Background events per bin of a scenario: N_μ × ∫_bin R(ρ) dρ summed over its samples
/// (GKSST Eq. 9–10; R is per muon and, for case A, integrates to 1 + c₃).
pub fn background(experiment: &Experiment, scenario: &Scenario) -> Vec<f64> {
    let muons: f64 = scenario
        .samples
        .iter()
        .map(|&i| experiment.samples[i].muons(scenario.luminosity_inv_fb))
        .sum();
    let r = &experiment.backgrounds[scenario.background].resolution;
    experiment
        .analysis
        .edges()
        .windows(2)
        .map(|w| muons * r.integral(w[0], w[1]))
        .collect()
}

/// (sample index, N_μ) of a scenario.
pub fn scenario_muons(experiment: &Experiment, scenario: &Scenario) -> Vec<(usize, f64)> {
    scenario
        .samples
        .iter()
        .map(|&i| (i, experiment.samples[i].muons(scenario.luminosity_inv_fb)))
        .collect()
}

/// The excluded couplings of one scenario given the signal at g = 1: the upper limit μ_up on
/// the signal strength (binned Poisson likelihood, Asimov data = background) gives g² < μ_up,
/// since N_X ∝ g². `None` when no coupling in the analysis range is excluded.
pub fn limit(
    experiment: &Experiment,
    scenario: &Scenario,
    signal: &Signal,
    background: &[f64],
) -> Result<Option<CouplingInterval>> {
    let s = signal.events(1.0, &scenario_muons(experiment, scenario));
    if s.iter().sum::<f64>() <= 0.0 {
        return Ok(None);
    }
    let likelihood = BinnedLikelihood::asimov(s, background.to_vec())?;
    let mu_up = likelihood.upper_limit(
        experiment.analysis.limit,
        experiment.analysis.confidence_level,
    )?;
    let (g0, g1) = experiment.analysis.coupling_range;
    let ln_mu = mu_up.ln();
    excluded_interval(|g: f64| Ok(2.0 * g.ln() - ln_mu), g0, g1, 4, 1e-10)
}

/// One mediator and mass: the signal and the excluded interval of every scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct MassPoint {
    /// The signal at g = 1.
    pub signal: Signal,
    /// Per scenario (same order as the experiment's).
    pub intervals: Vec<Option<CouplingInterval>>,
}

/// The result of a scan.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    /// Per (model, mass), models outermost, masses ascending.
    pub points: Vec<MassPoint>,
    /// The reach table in the common long format.
    pub table: ReachTable,
}

/// Scans every model and mass of the analysis in parallel (rayon; the result does not
/// depend on the number of threads). `progress` is called once per finished mass point.
pub fn scan(experiment: &Experiment, progress: &(dyn Fn() + Sync)) -> Result<Scan> {
    let backgrounds: Vec<Vec<f64>> = experiment
        .scenarios
        .iter()
        .map(|s| background(experiment, s))
        .collect();
    let jobs: Vec<(Spin, f64)> = experiment
        .analysis
        .models
        .iter()
        .flat_map(|&spin| {
            experiment
                .analysis
                .masses_gev
                .iter()
                .map(move |&m| (spin, m))
        })
        .collect();
    let points = jobs
        .par_iter()
        .map(|&(spin, mass)| -> Result<MassPoint> {
            let signal = signal(experiment, spin, mass)?;
            let intervals = experiment
                .scenarios
                .iter()
                .zip(&backgrounds)
                .map(|(scenario, b)| limit(experiment, scenario, &signal, b))
                .collect::<Result<Vec<_>>>()?;
            progress();
            Ok(MassPoint { signal, intervals })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut rows = Vec::new();
    for (k, scenario) in experiment.scenarios.iter().enumerate() {
        for p in &points {
            let iv = p.intervals[k];
            rows.push(ReachRow {
                experiment: experiment.name.clone(),
                model: p.signal.spin.name().to_string(),
                scenario: scenario.name.clone(),
                mass_gev: p.signal.mass_gev,
                coupling_low: iv.map(|i| i.coupling_low),
                coupling_high: iv.and_then(|i| i.coupling_high),
            });
        }
    }
    let a = &experiment.analysis;
    // The constraint-file header: every reach table can be overlaid as a constraint.
    let [source, cl] = reach_header(&experiment.title, a.confidence_level);
    let table = ReachTable {
        provenance: vec![
            source,
            cl,
            format!(
                "production method {}, target {} {} cm, cuts theta < {} rad, p_out > {} GeV",
                experiment.method.name(),
                experiment.target.material.name,
                experiment.target.length_cm,
                experiment.cuts.theta_max,
                experiment.cuts.p_out_min
            ),
            format!(
                "binned rho likelihood, {} bins on [{}, {}], Asimov data = background, {} limit at {} CL",
                a.bins, a.rho_min, a.rho_max, limit_name(a.limit), a.confidence_level
            ),
            "coupling_high empty: every coupling above coupling_low (up to the scan's end) is excluded"
                .into(),
        ],
        rows,
    };
    Ok(Scan { points, table })
}

/// The name of a limit method as written in experiment files.
fn limit_name(method: crate::stats::LimitMethod) -> String {
    match method {
        crate::stats::LimitMethod::Cls => "CLs".into(),
        crate::stats::LimitMethod::ProfileLikelihood => "profile-likelihood".into(),
        crate::stats::LimitMethod::DeltaChi2(x) => format!("delta-chi2 > {x}"),
    }
}
