//! `muforce reach`: the reach of an experiment over its mass grid, as a table and a figure.

use super::experiment_arg;
use crate::progress;
use muforce::experiment::beam_dump::{self, dump_panels, BeamDump};
use muforce::experiment::missing_momentum::{reach_panels, scan};
use muforce::experiment::Description;
use muforce::plot::render_panels;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A built-in experiment (atlas-hllhc, na64-dump, fermilab-dump, na64mu, m3, na62) or the path of an
    /// experiment TOML file.
    experiment: String,
    /// Directory for reach.csv, reach.json, reach.svg and reach.png (created if needed); a kaon
    /// experiment also writes reach.yaml and missing_mass.svg/png.
    #[arg(long)]
    out: PathBuf,
    /// Production method, overriding the file's: exact, ww or iww.
    #[arg(long)]
    method: Option<String>,
}

pub(super) fn write(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).map_err(|e| muforce::Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(())
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let start = Instant::now();
    let description = experiment_arg::load_description(&args.experiment, args.method.as_deref())?;
    std::fs::create_dir_all(&args.out).map_err(|e| muforce::Error::Io {
        path: args.out.display().to_string(),
        message: e.to_string(),
    })?;
    let experiment = match description {
        Description::MissingMomentum(e) => *e,
        Description::BeamDump(e) => return run_beam_dump(args, &e, start),
        Description::Kaon(e) => return super::reach_kaon::run(&args.out, &e, start),
    };
    let points = experiment.analysis.models.len() * experiment.analysis.masses_gev.len();
    let bar = progress::bar(points, "mass scan");
    let result = scan(&experiment, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    write(&args.out.join("reach.csv"), &result.table.to_csv())?;
    write(&args.out.join("reach.json"), &result.table.to_json()?)?;
    write(
        &args.out.join("reach.yaml"),
        &result
            .table
            .to_hepdata_yaml(&experiment.title, experiment.analysis.confidence_level)?,
    )?;
    let panels = reach_panels(&experiment, &result)?;
    let size = (800 * panels.len() as u32, 600);
    for name in ["reach.svg", "reach.png"] {
        render_panels(&panels, size, &args.out.join(name))?;
    }
    println!(
        "{}: {} rows ({} models x {} masses x {} scenarios, {} cross section) in {:.1} s",
        experiment.name,
        result.table.rows.len(),
        experiment.analysis.models.len(),
        experiment.analysis.masses_gev.len(),
        experiment.scenarios.len(),
        experiment.method.name(),
        start.elapsed().as_secs_f64()
    );
    println!("lightest mass, lower edge of the excluded couplings:");
    for row in result
        .table
        .rows
        .iter()
        .filter(|r| r.mass_gev == experiment.analysis.masses_gev[0])
    {
        let edge = row
            .coupling_low
            .map_or_else(|| "none".to_string(), |g| format!("{g:.2e}"));
        println!(
            "  {:<7} {:<7} m = {:.0e} GeV: g > {edge}",
            row.model, row.scenario, row.mass_gev
        );
    }
    println!(
        "wrote reach.csv, reach.json, reach.yaml (HEPData), reach.svg, reach.png in {}",
        args.out.display()
    );
    Ok(())
}

/// `muforce reach` for a beam-dump experiment: islands (coupling_low, coupling_high) per mass.
fn run_beam_dump(args: &Args, experiment: &BeamDump, start: Instant) -> anyhow::Result<()> {
    let points = experiment.models.len() * experiment.masses_gev.len();
    let bar = progress::bar(points, "mass scan");
    let result = beam_dump::scan(experiment, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    write(&args.out.join("reach.csv"), &result.table.to_csv())?;
    write(&args.out.join("reach.json"), &result.table.to_json()?)?;
    let panels = dump_panels(experiment, &result)?;
    let size = (800 * panels.len() as u32, 600);
    for name in ["reach.svg", "reach.png"] {
        render_panels(&panels, size, &args.out.join(name))?;
    }
    println!(
        "{}: {} rows ({} models x {} masses x {} scenarios, {} cross section) in {:.1} s",
        experiment.name,
        result.table.rows.len(),
        experiment.models.len(),
        experiment.masses_gev.len(),
        experiment.scenarios.len(),
        experiment.setup.method.name(),
        start.elapsed().as_secs_f64()
    );
    println!(
        "wrote reach.csv, reach.json, reach.svg, reach.png in {}",
        args.out.display()
    );
    Ok(())
}
