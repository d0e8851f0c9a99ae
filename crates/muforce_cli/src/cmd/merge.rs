//! `muforce merge`: joins the shard directories of one study into the output of the whole
//! study; nothing is written unless every shard is there, once, and of the same study.

use super::scan_output::{self, parse_masses, Masses};
use muforce::experiment::scan::{merge, ScanOutput};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The output directories of `muforce scan --shard I/N`, one per shard, in any order.
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Directory for the merged scan.csv, scan.json, envelope.csv and figures (created if
    /// needed).
    #[arg(long)]
    out: PathBuf,
    /// Masses in GeV whose reach scan.svg draws, as for `muforce scan`.
    #[arg(long, value_parser = parse_masses, value_name = "MASSES")]
    figure_masses: Option<Masses>,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let mut shards = Vec::with_capacity(args.dirs.len());
    for dir in &args.dirs {
        let path = dir.join("scan.json");
        let text = muforce::io::read_text(&path)?;
        let label = dir.display().to_string();
        shards.push((
            label,
            ScanOutput::from_json(&path.display().to_string(), &text)?,
        ));
    }
    let merged = merge(&shards)?;
    let figure_masses = args.figure_masses.clone().unwrap_or_default();
    let figures = scan_output::write(&merged, &args.out, &figure_masses.0)?;
    let mut files: Vec<String> = scan_output::FILES.map(String::from).to_vec();
    files.extend(figures);
    println!(
        "{}: merged {} shards, {} designs, {} rows; wrote {} in {}",
        merged.study.experiment,
        args.dirs.len(),
        merged.designs.len(),
        merged.rows.len(),
        files.join(", "),
        args.out.display()
    );
    Ok(())
}
