//! `muforce materials`: the material table.

use crate::output::print_json;
use muforce::matter::MaterialTable;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A TOML file with extra `[[material]]` tables to add to the built-in ones.
    #[arg(long)]
    file: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    symbol: &'a str,
    z: f64,
    a_g_mol: f64,
    density_g_cm3: f64,
    mean_excitation_ev: f64,
    radiation_length_g_cm2: f64,
    radiation_length_cm: f64,
    atoms_per_cm3: f64,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let mut table = MaterialTable::built_in();
    if let Some(path) = &args.file {
        let text = muforce::io::read_text(path)?;
        table.add_toml(&path.display().to_string(), &text)?;
    }
    let rows: Vec<Row> = table
        .materials()
        .iter()
        .map(|m| Row {
            name: &m.name,
            symbol: &m.symbol,
            z: m.z,
            a_g_mol: m.a,
            density_g_cm3: m.density_g_cm3,
            mean_excitation_ev: m.mean_excitation_ev,
            radiation_length_g_cm2: m.radiation_length_g_cm2(),
            radiation_length_cm: m.radiation_length_cm(),
            atoms_per_cm3: m.atoms_per_cm3(),
        })
        .collect();
    if args.json {
        return print_json(&rows);
    }
    println!(
        "{:<14} {:<6} {:>5} {:>9} {:>8} {:>7} {:>9} {:>9} {:>10}",
        "name", "symbol", "Z", "A", "ρ g/cm³", "I eV", "X₀ g/cm²", "X₀ cm", "atoms/cm³"
    );
    for r in rows {
        println!(
            "{:<14} {:<6} {:>5} {:>9.4} {:>8.4} {:>7.1} {:>9.3} {:>9.4} {:>10.4e}",
            r.name,
            r.symbol,
            r.z,
            r.a_g_mol,
            r.density_g_cm3,
            r.mean_excitation_ev,
            r.radiation_length_g_cm2,
            r.radiation_length_cm,
            r.atoms_per_cm3
        );
    }
    Ok(())
}
