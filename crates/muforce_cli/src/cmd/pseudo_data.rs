//! `muforce pseudo-data`: background-only pseudo-data of a kaon experiment's invisible
//! likelihood scenario, as an observed m²_miss histogram that a scenario's
//! `observed_histogram` reads.

use super::experiment_arg::load_description;
use muforce::experiment::Description;
use muforce::kaon::{pseudo_data, KaonSearch, ObservedHistogram};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A built-in kaon experiment (na62) or the path of a kaon experiment TOML file.
    experiment: String,
    /// The invisible scenario whose exposure and binning the pseudo-data take.
    #[arg(long)]
    scenario: String,
    /// Seed of the Pcg64 generator.
    #[arg(long, value_parser = crate::number::parse_whole::<u64>)]
    seed: u64,
    /// Output CSV file (m2_low_gev2,m2_high_gev2,observed).
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let Description::Kaon(experiment) = load_description(&args.experiment, None)? else {
        return Err(muforce::Error::out_of_range(
            "experiment",
            &args.experiment,
            "must be a kaon experiment (family = \"kaon\")",
        )
        .into());
    };
    let names: Vec<&str> = experiment
        .scenarios
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let Some(scenario) = experiment
        .scenarios
        .iter()
        .find(|s| s.name == args.scenario)
    else {
        return Err(muforce::Error::unknown("--scenario", &args.scenario, &names).into());
    };
    let KaonSearch::Invisible(search, _) = &scenario.search else {
        return Err(muforce::Error::out_of_range(
            "--scenario",
            &args.scenario,
            "must be an invisible-search scenario (the m_miss^2 histogram)",
        )
        .into());
    };
    let provenance = vec![
        format!(
            "background-only pseudo-data (NOT a measurement): Poisson counts around muforce's expected background of {} scenario {}",
            experiment.name, scenario.name
        ),
        format!(
            "{:e} K+ x acceptance {} x trigger {}; {} equal m_miss^2 bins from {} GeV^2 to (m_K - m_mu)^2",
            search.exposure.kaons,
            search.exposure.acceptance,
            search.exposure.trigger_fraction,
            search.bins,
            search.m2_lower
        ),
        format!(
            "regenerate: muforce pseudo-data {} --scenario '{}' --seed {} --out FILE (rand_distr Poisson, Pcg64)",
            args.experiment, scenario.name, args.seed
        ),
    ];
    let histogram = pseudo_data(search, args.seed, provenance)?;
    let text =
        ObservedHistogram::to_csv(&histogram.provenance, &histogram.edges, &histogram.counts);
    std::fs::write(&args.out, text).map_err(|e| muforce::Error::Io {
        path: args.out.display().to_string(),
        message: e.to_string(),
    })?;
    let total: f64 = histogram.counts.iter().sum();
    println!(
        "wrote {} bins, {total} events, to {}",
        histogram.counts.len(),
        args.out.display()
    );
    Ok(())
}
