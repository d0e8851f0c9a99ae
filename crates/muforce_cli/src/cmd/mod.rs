//! Subcommands.

mod kaon;
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
    /// K⁺ → μ⁺νX: rate relative to K⁺ → μ⁺ν, branching ratio and NA62 invisible reach.
    Kaon(kaon::Args),
    /// List the built-in target materials and their properties.
    Materials(materials::Args),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Kaon(args) => kaon::run(&args),
        Command::Materials(args) => materials::run(&args),
    }
}
