//! `muforce dedx`: the mean muon energy loss ⟨−dE/dx⟩ by process.

use crate::output::print_json;
use crate::quantity::parse_energy_list;
use muforce::matter::energy_loss::{mean_energy_loss, MEV_PER_GEV};
use muforce::matter::MaterialTable;
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;

/// A comma-separated list of energies in GeV.
#[derive(Debug, Clone)]
pub struct Energies(Vec<f64>);

fn parse_energies(text: &str) -> Result<Energies, String> {
    parse_energy_list(text).map(Energies)
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Target material, by name or symbol (see `muforce materials`).
    #[arg(long)]
    target: String,
    /// Muon total energy, with an optional unit (default GeV): `160`, `160GeV`, `2TeV`, or a
    /// comma-separated list `10,100GeV,1TeV`.
    #[arg(long, value_parser = parse_energies, allow_hyphen_values = true)]
    energy: Energies,
    /// A TOML file with extra `[[material]]` tables to add to the built-in ones.
    #[arg(long)]
    file: Option<PathBuf>,
    /// Print JSON (an object for one energy, an array for a list).
    #[arg(long)]
    json: bool,
}

/// One row of output; the key names are a contract for scripts.
#[derive(Debug, Serialize)]
struct Row {
    target: String,
    energy_gev: f64,
    ionization_mev_cm2_g: f64,
    bremsstrahlung_mev_cm2_g: f64,
    pair_production_mev_cm2_g: f64,
    photonuclear_mev_cm2_g: f64,
    total_mev_cm2_g: f64,
    total_error_mev_cm2_g: f64,
    total_gev_cm: f64,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let mut table = MaterialTable::built_in();
    if let Some(path) = &args.file {
        let text = std::fs::read_to_string(path).map_err(|e| muforce::Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        table.add_toml(&path.display().to_string(), &text)?;
    }
    let material = table.find(&args.target)?;
    let rows = args
        .energy
        .0
        .par_iter()
        .map(|&e| {
            let loss = mean_energy_loss(material, e)?;
            Ok(Row {
                target: material.name.clone(),
                energy_gev: e,
                ionization_mev_cm2_g: loss.ionization.value * MEV_PER_GEV,
                bremsstrahlung_mev_cm2_g: loss.bremsstrahlung.value * MEV_PER_GEV,
                pair_production_mev_cm2_g: loss.pair_production.value * MEV_PER_GEV,
                photonuclear_mev_cm2_g: loss.photonuclear.value * MEV_PER_GEV,
                total_mev_cm2_g: loss.total_mev_cm2_g(),
                total_error_mev_cm2_g: loss.total_error() * MEV_PER_GEV,
                total_gev_cm: loss.total_gev_cm(material.density_g_cm3),
            })
        })
        .collect::<Result<Vec<Row>, muforce::Error>>()?;
    if args.json {
        return if let [row] = rows.as_slice() {
            print_json(row)
        } else {
            print_json(&rows)
        };
    }
    println!(
        "mean muon energy loss <-dE/dx> in {} (density {} g/cm³), MeV cm²/g",
        material.name, material.density_g_cm3
    );
    println!(
        "{:>12} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11}",
        "E GeV", "ionisation", "brems", "pair", "photonucl", "total", "total GeV/cm"
    );
    for r in rows {
        println!(
            "{:>12.5} {:>11.5} {:>11.5} {:>11.5} {:>11.5} {:>11.5} {:>11.5e}",
            r.energy_gev,
            r.ionization_mev_cm2_g,
            r.bremsstrahlung_mev_cm2_g,
            r.pair_production_mev_cm2_g,
            r.photonuclear_mev_cm2_g,
            r.total_mev_cm2_g,
            r.total_gev_cm
        );
    }
    Ok(())
}
