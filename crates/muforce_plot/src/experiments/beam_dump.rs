//! Figures of a beam dump: the decay probability against the coupling (CPZ Fig. 4) and reach
//! panels: one per model, the excluded islands of every scenario and the
//! (g−2)_μ band of the file's era (as CPZ arXiv:1701.07437 Fig. 5).

use crate::PanelConstraints;
use crate::{model_panels, G2Settings, LineFigure, PanelSpec, ReachFigure, Series};
use muforce::error::Result;
use muforce::experiment::beam_dump::{max_muon_coupling, BeamDump, DumpScan};
use muforce::experiment::beam_dump::{DumpSetup, DumpYield};
use muforce::model::Spin;
use muforce::production::{prepared, Cuts, Process};

/// One panel per model of the experiment, with the constraint files of that model's spin.
pub fn dump_panels(
    experiment: &BeamDump,
    scan: &DumpScan,
    constraints: &PanelConstraints,
) -> Result<Vec<ReachFigure>> {
    let spec = PanelSpec {
        experiment: &experiment.name,
        method: experiment.setup.method.name(),
        masses: &experiment.masses_gev,
        coupling_range: (1e-7, 1.0),
        g2: G2Settings {
            era: experiment.g2_era,
            n_sigma: experiment.g2_sigma,
        },
    };
    let models = experiment.models.iter().map(|&p| (p.name(), p.spin()));
    let mut panels = model_panels(&spec, &scan.table, models, constraints)?;
    if let Some(bands) = &scan.bands {
        for (panel, preset) in panels.iter_mut().zip(&experiment.models) {
            panel
                .bands
                .extend(crate::expected_bands(bands, preset.name()));
        }
    }
    Ok(panels)
}

/// CPZ arXiv:1701.07437 Fig. 4: the decay probability of X within the fiducial region
/// (CPZ Eq. 15 averaged over the produced X, [`DumpYield::decay_fraction`]) against the
/// coupling g_μ (log axis) at mass `mass_gev`, one line per model of the experiment.
pub fn decay_probability_figure(experiment: &BeamDump, mass_gev: f64) -> Result<LineFigure> {
    let nodes = experiment.setup.depth_nodes()?;
    let mut series = Vec::new();
    for (k, &preset) in experiment.models.iter().enumerate() {
        let y = DumpYield::with_nodes(&experiment.setup, &nodes, preset, mass_gev)?;
        let g_max = max_muon_coupling(preset).min(1.0);
        let points = (0..=120)
            .map(|i| 10f64.powf(-8.0 + 8.0 * f64::from(i) / 120.0))
            .filter(|&g| g <= g_max)
            .map(|g| Ok((g, y.decay_fraction(g)?)))
            .collect::<Result<Vec<_>>>()?;
        // CPZ Fig. 4: model A solid, model B dashed.
        series.push(Series {
            label: preset.name().to_string(),
            points,
            dash: crate::Dash::CYCLE[k % crate::Dash::CYCLE.len()],
            color: None,
        });
    }
    Ok(LineFigure {
        title: format!(
            "decay probability in the fiducial region, m_{{X}} = {:.0} MeV ({})",
            mass_gev * 1e3,
            experiment.name
        ),
        x_label: "g_{μ}".into(),
        y_label: "P(decay in fiducial region)".into(),
        x_range: (1e-8, 1.0),
        y_range: (0.0, 1.05),
        x_log: true,
        y_log: false,
        series,
        size: (800, 600),
    })
}

/// CPZ arXiv:1701.07437 Fig. 3: the normalised x = E_X/E_μ spectrum (1/σ) dσ/dx of a scalar
/// at the setup's beam energy for each mass in `masses_gev` (CPZ: 10 and 100 MeV, 160 GeV
/// muons on lead, IWW Eqs. 12–13), without the x cut.
pub fn x_spectrum_figure(setup: &DumpSetup, masses_gev: &[f64]) -> Result<LineFigure> {
    let e = setup.beam_energy_gev;
    let cuts = Cuts::default();
    let mut series = Vec::new();
    for (k, &m) in masses_gev.iter().enumerate() {
        let process = Process::new(Spin::Scalar, m, 1.0, &setup.material, setup.form_factor)?;
        let at = prepared::prepare(setup.method, &process, e, &cuts, setup.rel_tol)?;
        let xs: Vec<f64> = (1..400).map(|i| f64::from(i) / 400.0).collect();
        let values = xs
            .iter()
            .map(|&x| at.dsigma_dx(x))
            .collect::<Result<Vec<_>>>()?;
        // Trapezoid norm on the uniform grid (the spectrum vanishes at both ends).
        let norm: f64 = values.iter().sum::<f64>() / 400.0;
        if norm <= 0.0 {
            continue;
        }
        let s = Series {
            label: format!("m_{{S}} = {:.0} MeV", m * 1e3),
            points: xs
                .iter()
                .zip(&values)
                .map(|(&x, &v)| (x, v / norm))
                .collect(),
            dash: crate::Dash::Solid,
            color: None,
        };
        // CPZ Fig. 3: the lighter mass dashed.
        series.push(if k == 0 { s.dashed() } else { s });
    }
    let y_max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0_f64, f64::max);
    Ok(LineFigure {
        title: format!(
            "x spectrum, {} GeV muons on {} ({})",
            e,
            setup.material.name,
            setup.method.name()
        ),
        x_label: "x = E_{S}/E_{μ}".into(),
        y_label: "(1/σ) dσ/dx".into(),
        x_range: (0.0, 1.0),
        y_range: (0.0, 1.1 * y_max.max(1e-12)),
        x_log: false,
        y_log: false,
        series,
        size: (800, 600),
    })
}
