//! Experiment files of family `beam-dump` (experiments/na64_dump.toml documents every field):
//! the schema and its validation into [`BeamDump`]. Errors name the file, line and field.

use super::common::{default_g2_band, parse, AnalysisSection};
use super::schema::{ExperimentSection, FiguresSection};
use crate::error::Result;
use crate::experiment::beam_dump::{
    BeamDump, DecayRegion, DumpScenario, DumpSetup, DumpStatistics,
};
use crate::matter::energy_loss::EnergyLossModel;
use crate::model::Preset;
use crate::stats::Systematics;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    experiment: ExperimentSection,
    beam: BeamSection,
    target: TargetSection,
    production: ProductionSection,
    decay: DecaySection,
    analysis: AnalysisSection,
    #[serde(default)]
    figures: Option<FiguresSection>,
    scenario: Vec<ScenarioSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BeamSection {
    energy_gev: Spanned<f64>,
    #[serde(default)]
    min_muon_energy_gev: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetSection {
    material: Spanned<String>,
    length_cm: Spanned<f64>,
    #[serde(default)]
    form_factor: Option<Spanned<String>>,
    energy_loss: Spanned<String>,
    #[serde(default)]
    stopping_power_gev_cm: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductionSection {
    method: Spanned<String>,
    rel_tol: Spanned<f64>,
    x_min: Spanned<f64>,
    #[serde(default)]
    x_max: Option<Spanned<f64>>,
    #[serde(default)]
    e_out_max_gev: Option<Spanned<f64>>,
    depth_points: Spanned<i64>,
    x_panels: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecaySection {
    #[serde(default)]
    signal: Option<Spanned<String>>,
    #[serde(default)]
    start_m: Option<Spanned<f64>>,
    #[serde(default)]
    length_m: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioSection {
    name: Spanned<String>,
    muons: Spanned<f64>,
    #[serde(default)]
    observed: Option<Spanned<f64>>,
    #[serde(default)]
    background: Option<Spanned<f64>>,
    #[serde(default)]
    efficiency: Option<Spanned<f64>>,
    #[serde(default)]
    background_rel_uncertainty: Option<Spanned<f64>>,
    #[serde(default)]
    signal_rel_uncertainty: Option<Spanned<f64>>,
}

/// Parses and validates a `beam-dump` experiment file.
pub(super) fn beam_dump(source_name: &str, text: &str) -> Result<BeamDump> {
    let (file, c) = parse::<File>(source_name, text)?;
    let name = c.experiment_name(&file.experiment.name)?;
    let beam_energy_gev = c.within(&file.beam.energy_gev, "beam.energy_gev", 0.2, 1e4)?;
    let min_muon_energy_gev = match &file.beam.min_muon_energy_gev {
        Some(v) => c.within(v, "beam.min_muon_energy_gev", 0.0, beam_energy_gev)?,
        None => 0.0,
    };
    let t = &file.target;
    let material = c.material(&t.material)?;
    let length_cm = c.within(&t.length_cm, "target.length_cm", 1e-6, 1e5)?;
    let form_factor = c.form_factor(t.form_factor.as_ref())?;
    let energy_loss = match (t.energy_loss.get_ref().trim(), &t.stopping_power_gev_cm) {
        ("full", None) => EnergyLossModel::Full,
        ("constant", Some(s)) => EnergyLossModel::Constant {
            gev_per_cm: c.within(s, "target.stopping_power_gev_cm", 1e-6, 10.0)?,
        },
        ("constant", None) => {
            return Err(c.at.error(
                t.energy_loss.span(),
                "target.stopping_power_gev_cm",
                "is needed with energy_loss = \"constant\"",
            ))
        }
        ("full", Some(s)) => {
            return Err(c.at.error(
                s.span(),
                "target.stopping_power_gev_cm",
                "is only read with energy_loss = \"constant\"",
            ))
        }
        (other, _) => {
            return Err(c.at.error(
                t.energy_loss.span(),
                "target.energy_loss",
                format!("unknown model '{other}'; known: constant, full"),
            ))
        }
    };
    let p = &file.production;
    let (method, rel_tol) = c.production(&p.method, &p.rel_tol)?;
    let x_min = c.within(&p.x_min, "production.x_min", 0.0, 1.0)?;
    let x_max = match &p.x_max {
        Some(v) => c.within(v, "production.x_max", 0.0, 1.0)?,
        None => 1.0,
    };
    if x_max <= x_min {
        return Err(c.at.error(
            p.x_min.span(),
            "production.x_min",
            format!("{x_min} must be below x_max = {x_max}"),
        ));
    }
    let depth_points = c.integer(&p.depth_points, "production.depth_points", 1, 1000)?;
    let x_panels = c.integer(&p.x_panels, "production.x_panels", 1, 1000)?;
    let e_out_max_gev = match &p.e_out_max_gev {
        Some(v) => Some(c.within(v, "production.e_out_max_gev", 1e-3, beam_energy_gev)?),
        None => None,
    };
    let d = &file.decay;
    let invisible = match &d.signal {
        None => false,
        Some(sig) => match sig.get_ref().trim() {
            "visible" => false,
            "invisible" => true,
            other => {
                return Err(c.at.error(
                    sig.span(),
                    "decay.signal",
                    format!("unknown signal '{other}'; known: visible, invisible"),
                ))
            }
        },
    };
    let (start_m, length_m) = match (&d.start_m, &d.length_m) {
        (Some(start), Some(length)) => {
            let start_m = c.within(start, "decay.start_m", 0.0, 1e6)?;
            let length_m = *length.get_ref();
            if length_m.is_nan() || length_m <= 0.0 {
                return Err(c.at.error(
                    length.span(),
                    "decay.length_m",
                    format!("{length_m} must be > 0 (inf: no end)"),
                ));
            }
            (start_m, length_m)
        }
        (None, None) if invisible => (0.0, f64::INFINITY),
        _ => {
            return Err(c.at.error(
                d.signal.as_ref().map_or(0..0, Spanned::span),
                "decay.start_m",
                "a visible signal needs both decay.start_m and decay.length_m; an invisible one neither",
            ))
        }
    };
    let a = &file.analysis;
    let confidence_level = c.confidence_level(&a.confidence_level)?;
    let models = c.models(&a.models, |m| {
        c.wrap(&a.models, "analysis.models", Preset::from_name(m))
    })?;
    let (m0, m1) = c.mass_range(&a.mass_min_gev, &a.mass_max_gev)?;
    let masses_gev = c.mass_grid(&a.masses_per_decade, m0, m1)?;
    let (g0, g1) = c.coupling_range(&a.coupling_min, &a.coupling_max, 100.0)?;
    let couplings_per_decade = c.couplings_per_decade(&a.couplings_per_decade)?;
    let (g2_era, g2_sigma) = match &file.figures {
        Some(f) => c.g2_band(&f.g2_era, &f.g2_sigma)?,
        None => default_g2_band()?,
    };
    let mut scenarios: Vec<DumpScenario> = Vec::new();
    for s in &file.scenario {
        let sname = c.scenario_name(&s.name, scenarios.iter().map(|o| o.name.as_str()))?;
        let muons = c.within(&s.muons, "scenario.muons", 1.0, 1e30)?;
        let observed = match &s.observed {
            Some(o) => Some(c.count(o, "scenario.observed")?),
            None => None,
        };
        let background = match &s.background {
            Some(b) => c.within(b, "scenario.background", 0.0, 1e12)?,
            None => 0.0,
        };
        let efficiency = match &s.efficiency {
            Some(e) => c.within(e, "scenario.efficiency", 1e-6, 1.0)?,
            None => 1.0,
        };
        let systematics = c.systematics(
            Systematics::NONE,
            s.background_rel_uncertainty.as_ref(),
            s.signal_rel_uncertainty.as_ref(),
            "scenario",
        )?;
        scenarios.push(DumpScenario {
            name: sname,
            muons,
            efficiency,
            statistics: DumpStatistics {
                observed,
                background,
            },
            systematics,
        });
    }
    c.some_scenarios(scenarios.len())?;
    Ok(BeamDump {
        name,
        title: file.experiment.title,
        setup: DumpSetup {
            material,
            length_cm,
            form_factor,
            beam_energy_gev,
            min_muon_energy_gev,
            energy_loss,
            method,
            rel_tol,
            x_min,
            x_max,
            depth_points,
            x_panels,
            decay: DecayRegion { start_m, length_m },
            e_out_max_gev,
            invisible,
        },
        confidence_level,
        models,
        masses_gev,
        coupling_range: (g0, g1),
        couplings_per_decade,
        g2_era,
        g2_sigma,
        scenarios,
    })
}
