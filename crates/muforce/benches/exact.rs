//! Benchmark of the exact tree-level total cross section (REFERENCE §8 item 3 setting):
//! Cu (copper-63), E = 50 GeV, m_X = 0.126 GeV, g = 1, default cuts, tolerance 1e-3, for
//! all four spins; and lead at E = 160 GeV with m_X = 10 MeV (scalar).

use criterion::{criterion_group, criterion_main, Criterion};
use muforce::matter::{FormFactorModel, Material};
use muforce::model::Spin;
use muforce::production::{exact, Cuts, Process};
use std::hint::black_box;

fn process(material: &str, spin: Spin, mass: f64) -> Process {
    let material = Material::built_in(material).expect("built-in material");
    Process::new(spin, mass, 1.0, &material, FormFactorModel::Full).expect("valid process")
}

fn total_cross_section(c: &mut Criterion) {
    let cuts = Cuts::default();
    let cases = [
        (
            "scalar Cu 50 GeV 126 MeV",
            "copper-63",
            Spin::Scalar,
            0.126,
            50.0,
        ),
        (
            "vector Cu 50 GeV 126 MeV",
            "copper-63",
            Spin::Vector,
            0.126,
            50.0,
        ),
        (
            "pseudoscalar Cu 50 GeV 126 MeV",
            "copper-63",
            Spin::Pseudoscalar,
            0.126,
            50.0,
        ),
        (
            "axial-vector Cu 50 GeV 126 MeV",
            "copper-63",
            Spin::AxialVector,
            0.126,
            50.0,
        ),
        (
            "scalar Pb 160 GeV 10 MeV",
            "lead",
            Spin::Scalar,
            0.010,
            160.0,
        ),
    ];
    for (name, material, spin, mass, energy) in cases {
        let process = process(material, spin, mass);
        c.bench_function(&format!("exact total {name}"), |b| {
            b.iter(|| {
                exact::total(black_box(&process), black_box(energy), &cuts, 1e-3)
                    .expect("converges")
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = total_cross_section
}
criterion_main!(benches);
