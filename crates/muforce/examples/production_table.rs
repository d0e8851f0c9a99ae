//! Prints the method-comparison table of docs/production.md: exact, WW and IWW total cross
//! sections for all four spins, with their ratios.
//!
//! `cargo run --release -p muforce --example production_table > docs/production_table.md`

use muforce::model::Spin;
use muforce::production::{self, Cuts, Method, Process};
use muforce::target::{FormFactorModel, Material};
use muforce::units::gev2_to_pb;
use rayon::prelude::*;

const SETUPS: [(&str, f64); 4] = [("Cu", 50.0), ("Pb", 160.0), ("W", 3.0), ("W", 15.0)];
const MASSES_GEV: [f64; 5] = [0.01, 0.03, 0.1, 0.3, 1.0];
const TOLERANCE: f64 = 1e-3;

fn main() -> Result<(), muforce::Error> {
    println!("| target | E [GeV] | spin | m_X [GeV] | exact [pb] | WW [pb] | IWW [pb] | WW/exact | IWW/exact |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (symbol, energy) in SETUPS {
        let material = Material::built_in(symbol)?;
        for spin in Spin::ALL {
            let rows: Vec<Result<[f64; 3], muforce::Error>> = MASSES_GEV
                .par_iter()
                .map(|&mass| {
                    let process = Process::new(spin, mass, 1.0, &material, FormFactorModel::Full)?;
                    let mut sigma = [0.0; 3];
                    for (slot, method) in sigma.iter_mut().zip(Method::ALL) {
                        *slot = gev2_to_pb(
                            production::total(
                                method,
                                &process,
                                energy,
                                &Cuts::default(),
                                TOLERANCE,
                            )?
                            .value,
                        );
                    }
                    Ok(sigma)
                })
                .collect();
            for (mass, row) in MASSES_GEV.iter().zip(rows) {
                let [exact, ww, iww] = row?;
                println!(
                    "| {} | {energy} | {} | {mass} | {exact:.3e} | {ww:.3e} | {iww:.3e} | {:.3} | {:.3} |",
                    material.name,
                    spin.name(),
                    ww / exact,
                    iww / exact
                );
            }
        }
    }
    Ok(())
}
