//! Subcommands.

mod constraints;
mod decay;
mod dedx;
mod events;
mod events_experiment;
mod experiment_arg;
mod figures;
mod g2;
mod kaon;
mod materials;
mod merge;
mod pseudo_data;
mod reach;
mod reach_run;
mod scan;
mod scan_output;
mod xsec;

use clap::{Parser, Subcommand};

/// Reach of searches for muonic force carriers: production, decays, (g−2)_μ, experiments.
#[derive(Debug, Parser)]
#[command(name = "muforce", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// K⁺ → μ⁺νX: rate relative to K⁺ → μ⁺ν, branching ratio and NA62 invisible reach.
    Kaon(kaon::Args),
    /// List the built-in target materials and their properties.
    Materials(materials::Args),
    /// Production cross section of X in muon–nucleus scattering (exact, WW or IWW), total or
    /// differential.
    Xsec(xsec::Args),
    /// One-loop (g-2)_mu contribution of X, and the coupling band of an experimental era.
    G2(g2::Args),
    /// Partial widths, branching ratios, lifetime and decay length of X.
    Decay(decay::Args),
    /// Mean muon energy loss <-dE/dx> by process (ionisation, bremsstrahlung, pair
    /// production, photonuclear) in a target material.
    Dedx(dedx::Args),
    /// Reach of an experiment (built-in name or TOML file): reach.csv, .json, .svg, .png.
    Reach(reach::Args),
    /// Design study: the reach of every combination of values of numeric fields of an
    /// experiment file (--vary KEY=VALUES), or of one shard: scan.csv, scan.json, envelope.csv
    /// and figures.
    Scan(scan::Args),
    /// Joins the shard directories of one `scan` study into the output of the whole study.
    Merge(merge::Args),
    /// Unweighted μN → μNX events as a Les Houches Event file (LHE 3.0).
    Events(events::Args),
    /// Every seed figure muforce can make (spectra, rho shapes, reach), as SVG and PNG.
    Figures(figures::Args),
    /// Existing limits shipped in data/constraints/: list them, or recast one to another model.
    Constraints(constraints::Args),
    /// Background-only pseudo-data of a kaon invisible scenario, as an observed m²_miss
    /// histogram (for a scenario's observed_histogram).
    PseudoData(pseudo_data::Args),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Kaon(args) => kaon::run(&args),
        Command::Materials(args) => materials::run(&args),
        Command::Xsec(args) => xsec::run(&args),
        Command::G2(args) => g2::run(&args),
        Command::Decay(args) => decay::run(&args),
        Command::Dedx(args) => dedx::run(&args),
        Command::Reach(args) => reach::run(&args),
        Command::Scan(args) => scan::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Events(args) => events::run(&args),
        Command::Figures(args) => figures::run(&args),
        Command::Constraints(args) => constraints::run(&args),
        Command::PseudoData(args) => pseudo_data::run(&args),
    }
}
