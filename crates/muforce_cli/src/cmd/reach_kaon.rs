//! `muforce reach` for a kaon experiment (family `kaon`, e.g. the built-in na62): the reach
//! table (CSV, JSON, HEPData YAML), the reach panels and the missing-mass spectra.

use super::reach::write;
use crate::progress;
use muforce::kaon::{experiment_missing_mass_figure, kaon_panels, reach_table, KaonExperiment};
use muforce::plot::render_panels;
use std::path::Path;
use std::time::Instant;

pub fn run(out: &Path, experiment: &KaonExperiment, start: Instant) -> anyhow::Result<()> {
    let points = experiment.models.len() * experiment.masses_gev.len();
    let bar = progress::bar(points, "mass scan");
    let table = reach_table(experiment, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    write(&out.join("reach.csv"), &table.to_csv())?;
    write(&out.join("reach.json"), &table.to_json()?)?;
    write(
        &out.join("reach.yaml"),
        &table.to_hepdata_yaml(&experiment.title, experiment.confidence_level)?,
    )?;
    let panels = kaon_panels(experiment, &table)?;
    let size = (800 * panels.len() as u32, 600);
    for name in ["reach.svg", "reach.png"] {
        render_panels(&panels, size, &out.join(name))?;
    }
    let mut written = vec![
        "reach.csv",
        "reach.json",
        "reach.yaml (HEPData)",
        "reach.svg",
        "reach.png",
    ];
    if let Some(figure) = experiment_missing_mass_figure(experiment)? {
        for name in ["missing_mass.svg", "missing_mass.png"] {
            figure.render(&out.join(name))?;
        }
        written.extend(["missing_mass.svg", "missing_mass.png"]);
    }
    println!(
        "{}: {} rows ({} models x {} masses x {} scenarios) in {:.1} s",
        experiment.name,
        table.rows.len(),
        experiment.models.len(),
        experiment.masses_gev.len(),
        experiment.scenarios.len(),
        start.elapsed().as_secs_f64()
    );
    println!("wrote {} in {}", written.join(", "), out.display());
    Ok(())
}
