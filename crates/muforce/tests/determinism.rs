//! Determinism (issue 8; DESIGN "results identical for any thread count"): every artefact of
//! [`ARTEFACTS`] is computed in rayon pools of 1 and 2 threads and twice more in a 2-thread
//! pool, and all four runs must agree bit for bit. An artefact is reduced to a fingerprint:
//! the bit patterns of every number it holds. Reach tables and generated events are checked
//! end to end, as files written by `muforce`, in crates/muforce_cli/tests/determinism.rs.

use muforce::matter::energy_loss::EnergyLossTable;
use muforce::matter::{FormFactorModel, MaterialTable};
use muforce::model::Spin;
use muforce::production::{iww, ww, Cuts, Process, Spacing, Table};
use rayon::prelude::*;

/// The bit patterns of every number of one artefact.
type Fingerprint = Vec<u64>;

/// One computed artefact.
struct Artefact {
    name: &'static str,
    compute: fn() -> Fingerprint,
}

const ARTEFACTS: &[Artefact] = &[
    Artefact {
        name: "IWW sigma(E) table",
        compute: || table_bits(&energy_table(iww::total, Spin::Vector)),
    },
    Artefact {
        name: "WW sigma(E) table",
        compute: || table_bits(&energy_table(ww::total, Spin::Scalar)),
    },
    Artefact {
        name: "WW dsigma/dx shape table",
        compute: ww_shape,
    },
    Artefact {
        name: "WW totals on a grid (spins, masses, energies, cuts)",
        compute: ww_totals,
    },
    Artefact {
        name: "dE/dx table",
        compute: energy_loss_table,
    },
];

type TotalFn = fn(&Process, f64, &Cuts, f64) -> muforce::Result<muforce::numerics::Integral>;

fn process(spin: Spin, mass: f64, material: &str) -> Process {
    let m = MaterialTable::built_in().find(material).unwrap().clone();
    Process::new(spin, mass, 1e-3, &m, FormFactorModel::Full).unwrap()
}

fn table_bits(table: &Table) -> Fingerprint {
    table
        .nodes()
        .flat_map(|(x, y)| [x.to_bits(), y.to_bits()])
        .chain([table.max_relative_error().to_bits()])
        .collect()
}

fn energy_table(total: TotalFn, spin: Spin) -> Table {
    let p = process(spin, 0.05, "W");
    Table::energy(
        |e| total(&p, e, &Cuts::default(), 1e-5),
        1.0,
        1e3,
        3.0,
        1e-3,
    )
    .unwrap()
}

fn ww_shape() -> Fingerprint {
    let p = process(Spin::AxialVector, 0.2, "Cu");
    let e = 160.0;
    let table = Table::shape(
        "x",
        |x| ww::dsigma_dx(&p, e, x, 1e-4),
        0.01,
        0.99,
        Spacing::Log,
        10,
        1e-2,
    )
    .unwrap();
    table_bits(&table)
}

fn ww_totals() -> Fingerprint {
    let cuts = [
        Cuts::default(),
        Cuts {
            x_min: 0.3,
            theta_max: 0.05,
            p_out_min: 5.0,
            ..Cuts::default()
        },
    ];
    let mut grid = Vec::new();
    for spin in Spin::ALL {
        for mass in [1e-3, 0.1, 2.0] {
            for energy in [15.0, 160.0, 1500.0] {
                for c in cuts {
                    grid.push((spin, mass, energy, c));
                }
            }
        }
    }
    grid.par_iter()
        .flat_map_iter(|&(spin, mass, energy, c)| {
            let r = ww::total(&process(spin, mass, "Pb"), energy, &c, 1e-4).unwrap();
            [r.value.to_bits(), r.error.to_bits()]
        })
        .collect()
}

fn energy_loss_table() -> Fingerprint {
    let m = MaterialTable::built_in()
        .find("standard-rock")
        .unwrap()
        .clone();
    let table = EnergyLossTable::new(&m, 1e4, 1e-3).unwrap();
    (0..200)
        .map(|i| 0.2 * 1e4f64.powf(f64::from(i) / 199.0))
        .map(|e| table.mean_energy_loss(e).unwrap().to_bits())
        .chain([table.relative_error().to_bits()])
        .collect()
}

fn in_pool(threads: usize, f: fn() -> Fingerprint) -> Fingerprint {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn artefacts_are_bit_identical_across_thread_counts_and_runs() {
    let mut differing = Vec::new();
    for artefact in ARTEFACTS {
        let reference = in_pool(1, artefact.compute);
        assert!(
            !reference.is_empty(),
            "{}: empty fingerprint",
            artefact.name
        );
        for (label, threads) in [
            ("2 threads", 2),
            ("2 threads again", 2),
            ("1 thread again", 1),
        ] {
            if in_pool(threads, artefact.compute) != reference {
                differing.push(format!("{}: {label} differs from 1 thread", artefact.name));
            }
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}
