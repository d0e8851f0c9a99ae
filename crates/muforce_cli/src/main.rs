//! The `muforce` command: one subcommand per file under `cmd/`.

mod cmd;
mod number;
mod output;
mod progress;
mod quantity;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            // Bad input is a usage error (2); anything else (I/O, convergence) is 1.
            if err
                .downcast_ref::<muforce::Error>()
                .is_some_and(output::is_usage_error)
            {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
