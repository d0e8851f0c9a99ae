//! Subcommands.

mod decay;
mod experiment_arg;
mod figures;
mod g2;
mod materials;
mod reach;

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
    /// List the built-in target materials and their properties.
    Materials(materials::Args),
    /// One-loop (g-2)_mu contribution of X, and the coupling band of an experimental era.
    G2(g2::Args),
    /// Partial widths, branching ratios, lifetime and decay length of X.
    Decay(decay::Args),
    /// Reach of an experiment (built-in name or TOML file): reach.csv, .json, .svg, .png.
    Reach(reach::Args),
    /// Every seed figure muforce can make (spectra, rho shapes, reach), as SVG and PNG.
    Figures(figures::Args),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Materials(args) => materials::run(&args),
        Command::G2(args) => g2::run(&args),
        Command::Decay(args) => decay::run(&args),
        Command::Reach(args) => reach::run(&args),
        Command::Figures(args) => figures::run(&args),
    }
}
