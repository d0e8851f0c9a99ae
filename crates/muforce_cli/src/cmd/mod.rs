//! Subcommands.

mod dedx;
mod materials;

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
    /// Mean muon energy loss <-dE/dx> by process (ionisation, bremsstrahlung, pair
    /// production, photonuclear) in a target material.
    Dedx(dedx::Args),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Materials(args) => materials::run(&args),
        Command::Dedx(args) => dedx::run(&args),
    }
}
