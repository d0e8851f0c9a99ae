//! Subcommands.

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
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Materials(args) => materials::run(&args),
    }
}
