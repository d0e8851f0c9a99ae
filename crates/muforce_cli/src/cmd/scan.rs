//! `muforce scan`: the reach of every design of a study (combinations of values of numeric
//! fields of an experiment file), or of one shard of it, with the envelope of the best design.

use super::experiment_arg;
use super::scan_output::{self, parse_masses, Masses};
use crate::progress;
use muforce::experiment::scan::{PreparedScan, Study};
use muforce::experiment::vary::Shard;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A built-in experiment (atlas-hllhc, na64-dump, fermilab-dump, na64mu, m3, na62) or the
    /// path of an experiment TOML file.
    experiment: String,
    /// KEY=VALUES: a numeric field of the experiment file in dotted form
    /// (production.e_out_max_gev, scenario.MOT=1e11.muons, scenario[a.b].muons, scenario.0.muons)
    /// and its values, a list 60,80,100 or a range LO:HI:Nlin / LO:HI:Nlog; repeatable, every
    /// combination is a design (docs/scans.md).
    #[arg(long = "vary", value_name = "KEY=VALUES", required = true)]
    vary: Vec<String>,
    /// Directory for scan.csv, scan.json, envelope.csv and the figures scan.svg/.png and
    /// envelope.svg/.png (created if needed).
    #[arg(long)]
    out: PathBuf,
    /// Run only the I-th of N equal parts of the designs (1 <= I <= N); `muforce merge` joins
    /// the parts.
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    /// Masses to scan in GeV (units allowed: 10MeV), within the experiment's mass range,
    /// instead of each design's grid.
    #[arg(long, value_parser = parse_masses)]
    masses: Option<Masses>,
    /// Masses in GeV whose reach scan.svg draws against the first varied field (the nearest
    /// scanned ones; default: the middle of the scanned masses).
    #[arg(long, value_parser = parse_masses, value_name = "MASSES")]
    figure_masses: Option<Masses>,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let start = Instant::now();
    let shard = match &args.shard {
        Some(text) => Shard::parse(text)?,
        None => Shard::WHOLE,
    };
    let source = experiment_arg::load_source(&args.experiment)?;
    let masses = args.masses.as_ref().map(|m| m.0.clone());
    let study = Study::new(&source, &args.vary, masses, shard)?;
    let prepared = PreparedScan::new(study, &source)?;
    let points = prepared.points();
    let study = prepared.study();
    let range = shard.range(study.designs);
    let part = if range.is_empty() {
        "no designs (more shards than designs)".to_string()
    } else {
        format!(
            "designs {} to {} ({} designs)",
            range.start + 1,
            range.end,
            prepared.design_count()
        )
    };
    eprintln!(
        "{}: {} designs; shard {}/{} runs {part}, {points} reach points (model x mass)",
        study.experiment, study.designs, shard.index, shard.count
    );
    let bar = progress::bar(points, "design scan");
    let output = prepared.run(&|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let (output, shared) = output?;
    let figure_masses = args.figure_masses.clone().unwrap_or_default();
    let figures = scan_output::write(&output, &args.out, &figure_masses.0)?;
    println!(
        "{}: {} designs, {} rows in {:.1} s",
        study.experiment,
        output.designs.len(),
        output.rows.len(),
        start.elapsed().as_secs_f64()
    );
    let mut files: Vec<String> = scan_output::FILES.map(String::from).to_vec();
    files.extend(figures);
    println!("wrote {} in {}", files.join(", "), args.out.display());
    if shared.reused > 0 {
        println!(
            "signal or production tables: {} sets computed, {} designs reused one",
            shared.made, shared.reused
        );
    }
    Ok(())
}
