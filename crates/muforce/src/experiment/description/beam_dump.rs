//! Experiment files of family `beam-dump` (experiments/na64_dump.toml documents every field):
//! the schema and its validation into [`BeamDump`]. Errors name the file, line and field.

use super::location::Located;
use super::validate::{syntax_error, Checker};
use crate::error::Result;
use crate::experiment::beam_dump::{
    BeamDump, DecayRegion, DumpScenario, DumpSetup, DumpStatistics,
};
use crate::model::{Era, Preset};
use crate::production::Method;
use crate::target::energy_loss::EnergyLossModel;
use crate::target::{FormFactorModel, Material};
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
struct ExperimentSection {
    name: Spanned<String>,
    title: String,
    #[allow(dead_code)] // checked before this schema is chosen
    family: Spanned<String>,
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
struct AnalysisSection {
    confidence_level: Spanned<f64>,
    models: Spanned<Vec<String>>,
    mass_min_gev: Spanned<f64>,
    mass_max_gev: Spanned<f64>,
    masses_per_decade: Spanned<i64>,
    coupling_min: Spanned<f64>,
    coupling_max: Spanned<f64>,
    couplings_per_decade: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FiguresSection {
    g2_era: Spanned<String>,
    g2_sigma: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioSection {
    name: Spanned<String>,
    muons: Spanned<f64>,
    #[serde(default)]
    observed: Option<Spanned<i64>>,
    #[serde(default)]
    background: Option<Spanned<f64>>,
    #[serde(default)]
    efficiency: Option<Spanned<f64>>,
}

fn integer(c: &Checker<'_>, v: &Spanned<i64>, field: &str, lo: i64, hi: i64) -> Result<usize> {
    let n = *v.get_ref();
    if (lo..=hi).contains(&n) {
        Ok(usize::try_from(n).unwrap_or(0))
    } else {
        Err(c
            .at
            .error(v.span(), field, format!("{n} must lie in [{lo}, {hi}]")))
    }
}

/// Parses and validates a `beam-dump` experiment file.
pub(super) fn beam_dump(source_name: &str, text: &str) -> Result<BeamDump> {
    let at = Located { source_name, text };
    let file: File = toml::from_str(text).map_err(|e| syntax_error(&at, &e))?;
    let c = Checker { at };
    let name = file.experiment.name.get_ref().trim().to_string();
    if name.is_empty() || name.contains(',') {
        return Err(c.at.error(
            file.experiment.name.span(),
            "experiment.name",
            "must be a non-empty name without commas",
        ));
    }
    let beam_energy_gev = c.within(&file.beam.energy_gev, "beam.energy_gev", 0.2, 1e4)?;
    let min_muon_energy_gev = match &file.beam.min_muon_energy_gev {
        Some(v) => c.within(v, "beam.min_muon_energy_gev", 0.0, beam_energy_gev)?,
        None => 0.0,
    };
    let t = &file.target;
    let material = c.wrap(
        &t.material,
        "target.material",
        Material::built_in(t.material.get_ref()),
    )?;
    let length_cm = c.within(&t.length_cm, "target.length_cm", 1e-6, 1e5)?;
    let form_factor = match &t.form_factor {
        Some(f) => c.wrap(
            f,
            "target.form_factor",
            FormFactorModel::from_name(f.get_ref()),
        )?,
        None => FormFactorModel::Full,
    };
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
    let method = c.wrap(
        &p.method,
        "production.method",
        Method::from_name(p.method.get_ref()),
    )?;
    let rel_tol = c.within(&p.rel_tol, "production.rel_tol", 1e-8, 0.1)?;
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
    let depth_points = integer(&c, &p.depth_points, "production.depth_points", 1, 1000)?;
    let x_panels = integer(&c, &p.x_panels, "production.x_panels", 1, 1000)?;
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
    let confidence_level = c.within(
        &a.confidence_level,
        "analysis.confidence_level",
        0.5,
        0.999_999,
    )?;
    let mut models = Vec::new();
    for m in a.models.get_ref() {
        let preset = c.wrap(&a.models, "analysis.models", Preset::from_name(m))?;
        if !models.contains(&preset) {
            models.push(preset);
        }
    }
    if models.is_empty() {
        return Err(c.at.error(
            a.models.span(),
            "analysis.models",
            "needs at least one model",
        ));
    }
    let m0 = c.within(&a.mass_min_gev, "analysis.mass_min_gev", 1e-6, 1e3)?;
    let m1 = c.within(&a.mass_max_gev, "analysis.mass_max_gev", 1e-6, 1e3)?;
    if m1 <= m0 {
        return Err(c.at.error(
            a.mass_max_gev.span(),
            "analysis.mass_max_gev",
            format!("{m1} must be above mass_min_gev = {m0} (the mass range is empty)"),
        ));
    }
    let per_decade = integer(
        &c,
        &a.masses_per_decade,
        "analysis.masses_per_decade",
        1,
        1000,
    )?;
    let n = ((m1 / m0).log10() * per_decade as f64).round().max(1.0) as usize;
    let masses_gev = (0..=n)
        .map(|i| m0 * (m1 / m0).powf(i as f64 / n as f64))
        .collect();
    let g0 = c.within(&a.coupling_min, "analysis.coupling_min", 1e-12, 10.0)?;
    let g1 = c.within(&a.coupling_max, "analysis.coupling_max", 1e-12, 100.0)?;
    if g1 <= g0 {
        return Err(c.at.error(
            a.coupling_max.span(),
            "analysis.coupling_max",
            format!("{g1} must be above coupling_min = {g0}"),
        ));
    }
    let couplings_per_decade = integer(
        &c,
        &a.couplings_per_decade,
        "analysis.couplings_per_decade",
        1,
        1000,
    )?;
    let (g2_era, g2_sigma) = match &file.figures {
        Some(f) => (
            c.wrap(
                &f.g2_era,
                "figures.g2_era",
                Era::from_name(f.g2_era.get_ref()),
            )?,
            c.within(&f.g2_sigma, "figures.g2_sigma", 0.1, 10.0)?,
        ),
        None => (Era::from_name("e821-2006")?, 2.0),
    };
    let mut scenarios: Vec<DumpScenario> = Vec::new();
    for s in &file.scenario {
        let sname = s.name.get_ref().trim().to_string();
        if sname.is_empty() || sname.contains(',') || scenarios.iter().any(|o| o.name == sname) {
            return Err(c.at.error(
                s.name.span(),
                "scenario.name",
                format!("'{sname}' must be a non-empty name without commas, used once"),
            ));
        }
        let muons = c.within(&s.muons, "scenario.muons", 1.0, 1e30)?;
        let observed = match &s.observed {
            Some(o) => u64::try_from(*o.get_ref())
                .map_err(|_| c.at.error(o.span(), "scenario.observed", "must be >= 0"))?,
            None => 0,
        };
        let background = match &s.background {
            Some(b) => c.within(b, "scenario.background", 0.0, 1e12)?,
            None => 0.0,
        };
        let efficiency = match &s.efficiency {
            Some(e) => c.within(e, "scenario.efficiency", 1e-6, 1.0)?,
            None => 1.0,
        };
        scenarios.push(DumpScenario {
            name: sname,
            muons,
            efficiency,
            statistics: DumpStatistics {
                observed,
                background,
            },
        });
    }
    if scenarios.is_empty() {
        return Err(c
            .at
            .error(0..0, "scenario", "needs at least one [[scenario]]"));
    }
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
