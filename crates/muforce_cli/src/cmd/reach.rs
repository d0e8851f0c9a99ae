//! `muforce reach`: the reach of an experiment over its mass grid, as a table and a figure.

use super::experiment_arg;
use super::reach_run::{self, load_overlays, write_panels};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    // The list of built-in names comes from the library's registry, so it cannot go stale.
    #[arg(help = experiment_arg::help("A built-in experiment", "or the path of an experiment TOML file"))]
    experiment: String,
    /// Directory for reach.csv, reach.json, reach.svg and reach.png (created if needed).
    #[arg(long)]
    out: PathBuf,
    /// Production method, overriding the file's: exact, ww or iww.
    #[arg(long)]
    method: Option<String>,
    /// A constraint file (docs/constraints.md; any reach.csv is one) to draw on the panels of
    /// its mediator's spin; repeatable.
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// Leave out the existing limits (data/constraints/ and their recasts to each panel's
    /// model) that the panels draw in grey; --overlay files are still drawn.
    #[arg(long)]
    no_constraints: bool,
    /// Also write bands.csv: the expected limits of bands -2..2 (σ of the background-only
    /// distribution of the limit; 0 = the expected limit of reach.csv), asymptotic for binned
    /// analyses, Poisson quantiles for counting ones.
    #[arg(long)]
    bands: bool,
    /// Also write a pyhf workspace (HistFactory JSON) per model, scenario and mass of a binned
    /// analysis into DIR, with DIR/index.json listing them (docs/statistics.md).
    #[arg(long, value_name = "DIR")]
    pyhf: Option<PathBuf>,
}

fn write(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).map_err(|e| muforce::Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(())
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let start = Instant::now();
    let description = experiment_arg::load_description(&args.experiment, args.method.as_deref())?;
    let overlays = load_overlays(&args.overlays)?;
    std::fs::create_dir_all(&args.out).map_err(|e| muforce::Error::Io {
        path: args.out.display().to_string(),
        message: format!("--out must be a directory that can be created: {e}"),
    })?;
    let constraints = reach_run::panel_constraints(&description, &overlays, args.no_constraints)?;
    let run = reach_run::scan_with(&description, &constraints, args.bands, args.pyhf.is_some())?;
    let workspaces = match (&args.pyhf, &run.workspaces) {
        (Some(dir), Some(set)) => Some((dir, set.write(dir)?)),
        _ => None,
    };
    write(&args.out.join("reach.csv"), &run.table.to_csv())?;
    write(&args.out.join("reach.json"), &run.table.to_json()?)?;
    if let Some(yaml) = &run.hepdata {
        write(&args.out.join("reach.yaml"), yaml)?;
    }
    if let Some(bands) = &run.bands {
        write(&args.out.join("bands.csv"), &bands.to_csv())?;
    }
    write_panels(&run.panels, &args.out, "reach")?;
    let spectra = reach_run::write_missing_mass(&description, &args.out, "missing_mass")?;
    println!(
        "{}: {} in {:.1} s",
        run.name,
        run.counts,
        start.elapsed().as_secs_f64()
    );
    if let Some(lightest) = run.lightest_mass {
        println!("lightest mass, lower edge of the excluded couplings:");
        for row in run.table.rows.iter().filter(|r| r.mass_gev == lightest) {
            let edge = row
                .coupling_low
                .map_or_else(|| "none".to_string(), |g| format!("{g:.2e}"));
            println!(
                "  {:<7} {:<7} m = {:.0e} GeV: g > {edge}",
                row.model, row.scenario, row.mass_gev
            );
        }
    }
    let yaml = if run.hepdata.is_some() {
        " reach.yaml (HEPData),"
    } else {
        ""
    };
    let spectra = if spectra.is_empty() {
        ""
    } else {
        ", missing_mass.svg, missing_mass.png"
    };
    let bands = if run.bands.is_some() {
        " bands.csv,"
    } else {
        ""
    };
    println!(
        "wrote reach.csv, reach.json,{yaml}{bands} reach.svg, reach.png{spectra} in {}",
        args.out.display()
    );
    if let Some((dir, n)) = workspaces {
        println!(
            "wrote {n} pyhf workspaces and index.json in {}",
            dir.display()
        );
    }
    Ok(())
}
