//! The figures of a missing-momentum study, as in GKSST (arXiv:1906.09272): the muon momentum
//! spectra (Fig. 2), the normalised ρ line shapes (Fig. 3) and the reach with the (g−2)_μ band
//! (Fig. 4, vector left, scalar right).

use crate::PanelConstraints;
use crate::{Dash, G2Settings, LineFigure, PanelSpec, ReachFigure, Series};
use muforce::error::Result;
use muforce::experiment::description::{Experiment, Scenario};
use muforce::experiment::missing_momentum::signal;
use muforce::experiment::missing_momentum::{background, scenario_muons, Scan};
use muforce::model::Spin;

/// Patterns of the background line shapes, all black so that the signals keep the colours.
const BACKGROUND_DASHES: [Dash; 3] = [Dash::Dashed, Dash::Dotted, Dash::LongDashed];

/// Fig. 2: the momentum distribution of each sample, normalised to unit area (per GeV).
pub fn spectra_figure(experiment: &Experiment) -> LineFigure {
    let mut y_max: f64 = 0.0;
    let series = experiment
        .samples
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let edges = s.spectrum.edges();
            let density: Vec<f64> = s
                .spectrum
                .fractions()
                .iter()
                .zip(edges.windows(2))
                .map(|(f, w)| f / (w[1] - w[0]))
                .collect();
            y_max = density.iter().copied().fold(y_max, f64::max);
            let mean = s.spectrum.mean_momentum();
            Series::histogram(
                &format!("{} muons (mean {mean:.0} GeV)", s.name),
                edges,
                &density,
            )
            .with_dash(Dash::CYCLE[k % Dash::CYCLE.len()])
        })
        .collect();
    LineFigure {
        title: format!("{}: muon momentum spectra", experiment.name),
        x_label: "p_{in} [GeV]".into(),
        y_label: "P_{fid}(p_{in}) [GeV⁻¹]".into(),
        x_range: (0.0, 150.0),
        y_range: (0.0, 1.1 * y_max.max(1e-12)),
        x_log: false,
        y_log: false,
        series,
        size: (800, 560),
    }
}

/// The scenario whose samples the line shapes use: the one with the most samples.
fn widest_scenario(experiment: &Experiment) -> &Scenario {
    experiment
        .scenarios
        .iter()
        .max_by_key(|s| s.samples.len())
        .expect("a validated experiment has scenarios")
}

/// Normalises a histogram to unit area: (1/N) dN/dρ per bin.
fn unit_area(values: &[f64], width: f64) -> Vec<f64> {
    let total: f64 = values.iter().sum();
    if total > 0.0 {
        values.iter().map(|v| v / (total * width)).collect()
    } else {
        vec![0.0; values.len()]
    }
}

/// Fig. 3: (1/N) dN/dρ of the backgrounds (black, dashed and dotted) and of scalar (solid)
/// and vector (dash-dotted) signals at `masses_gev` (one colour per mass), for the samples of
/// the widest scenario.
pub fn rho_shapes_figure(experiment: &Experiment, masses_gev: &[f64]) -> Result<LineFigure> {
    let edges = experiment.analysis.edges();
    let width = edges[1] - edges[0];
    let scenario = widest_scenario(experiment);
    let mut series: Vec<Series> = experiment
        .backgrounds
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let mut sc = scenario.clone();
            sc.background = experiment
                .backgrounds
                .iter()
                .position(|x| x.name == b.name)
                .unwrap_or(0);
            let h = background(experiment, &sc);
            Series::histogram(
                &format!("SM, case {}", b.name),
                &edges,
                &unit_area(&h, width),
            )
            .with_dash(BACKGROUND_DASHES[k % BACKGROUND_DASHES.len()])
            .with_color(crate::palette::BLACK_INDEX)
        })
        .collect();
    for spin in [Spin::Scalar, Spin::Vector] {
        for (k, &m) in masses_gev.iter().enumerate() {
            let s = signal(experiment, spin, m)?;
            let h = s.events(1.0, &scenario_muons(experiment, scenario));
            let (tag, dash) = if spin == Spin::Scalar {
                ("S", Dash::Solid)
            } else {
                ("V", Dash::DashDot)
            };
            series.push(
                Series::histogram(
                    &format!("{tag}, m_{{X}} = {}", mass_label(m)),
                    &edges,
                    &unit_area(&h, width),
                )
                .with_dash(dash)
                .with_color(k),
            );
        }
    }
    Ok(LineFigure {
        title: format!(
            "{}: ρ line shapes ({} muons, {} cross section)",
            experiment.name,
            scenario_samples(experiment, scenario),
            experiment.method.name()
        ),
        x_label: "ρ = (p_{out} − p_{in})/p_{in}".into(),
        y_label: "(1/N) dN/dρ".into(),
        x_range: (
            experiment.analysis.rho_min,
            0.5_f64.min(experiment.analysis.rho_max),
        ),
        y_range: (1e-4, 30.0),
        x_log: false,
        y_log: true,
        series,
        size: (900, 620),
    })
}

fn scenario_samples(experiment: &Experiment, scenario: &Scenario) -> String {
    scenario
        .samples
        .iter()
        .map(|&i| experiment.samples[i].name.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

/// "16 MeV", "1 GeV".
fn mass_label(m: f64) -> String {
    if m < 1.0 {
        format!("{:.0} MeV", m * 1e3)
    } else {
        let number = format!("{m:.3}");
        format!("{} GeV", number.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// One panel of Fig. 4: the excluded regions of every scenario for `spin`, the (g−2)_μ band
/// of the experiment's era (Jegerlehner–Nyffeler one-loop Δa_μ, REFERENCE §5) and the
/// constraint files of that spin.
pub fn reach_panel(
    experiment: &Experiment,
    scan: &Scan,
    spin: Spin,
    constraints: &PanelConstraints,
) -> Result<ReachFigure> {
    let spec = PanelSpec {
        experiment: &experiment.name,
        method: experiment.method.name(),
        masses: &experiment.analysis.masses_gev,
        coupling_range: (1e-5, 1e-1),
        g2: G2Settings {
            era: experiment.g2_era,
            n_sigma: experiment.g2_sigma,
        },
    };
    let mut figure = crate::reach_panel(&spec, &scan.table, spin.name(), spin, constraints)?;
    if let Some(bands) = &scan.bands {
        figure
            .bands
            .extend(crate::expected_bands(bands, spin.name()));
    }
    Ok(figure)
}

/// Fig. 4: the vector and scalar panels (those of the analysis' models, vector first).
pub fn reach_panels(
    experiment: &Experiment,
    scan: &Scan,
    constraints: &PanelConstraints,
) -> Result<Vec<ReachFigure>> {
    [Spin::Vector, Spin::Scalar]
        .into_iter()
        .filter(|s| experiment.analysis.models.contains(s))
        .map(|s| reach_panel(experiment, scan, s, constraints))
        .collect()
}
