//! Prints the method-comparison table of docs/production.md: exact, WW and IWW total cross
//! sections for all four spins, with their ratios. A method that fails (e.g. misses its
//! tolerance) is shown with its error message instead of a number.
//!
//! `cargo run --release -p muforce --example production_table`

use muforce::matter::{FormFactorModel, Material};
use muforce::model::Spin;
use muforce::production::{self, Cuts, Method, Process};
use muforce::units::gev2_to_pb;
use rayon::prelude::*;

const SETUPS: [(&str, f64); 4] = [("Cu", 50.0), ("Pb", 160.0), ("W", 3.0), ("W", 15.0)];
const MASSES_GEV: [f64; 5] = [0.01, 0.03, 0.1, 0.3, 1.0];
const TOLERANCE: f64 = 1e-3;

type Sigma = Result<f64, muforce::Error>;

fn cell(value: &Sigma) -> String {
    match value {
        Ok(v) => format!("{v:.3e}"),
        Err(e) => format!("failed: {e}"),
    }
}

fn ratio(value: &Sigma, exact: &Sigma) -> String {
    match (value, exact) {
        (Ok(a), Ok(b)) => format!("{:.3}", a / b),
        _ => "–".to_string(),
    }
}

fn main() -> Result<(), muforce::Error> {
    println!("| target | E [GeV] | spin | m_X [GeV] | exact [pb] | WW [pb] | IWW [pb] | WW/exact | IWW/exact |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (symbol, energy) in SETUPS {
        let material = Material::built_in(symbol)?;
        for spin in Spin::ALL {
            let rows: Vec<Result<[Sigma; 3], muforce::Error>> = MASSES_GEV
                .par_iter()
                .map(|&mass| {
                    let process = Process::new(spin, mass, 1.0, &material, FormFactorModel::Full)?;
                    Ok(Method::ALL.map(|method| {
                        production::total(method, &process, energy, &Cuts::default(), TOLERANCE)
                            .map(|s| gev2_to_pb(s.value))
                    }))
                })
                .collect();
            for (mass, row) in MASSES_GEV.iter().zip(rows) {
                let [exact, ww, iww] = row?;
                println!(
                    "| {} | {energy} | {} | {mass} | {} | {} | {} | {} | {} |",
                    material.name,
                    spin.name(),
                    cell(&exact),
                    cell(&ww),
                    cell(&iww),
                    ratio(&ww, &exact),
                    ratio(&iww, &exact)
                );
            }
        }
    }
    Ok(())
}
