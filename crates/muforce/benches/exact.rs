//! Benchmark of the exact tree-level total cross section (REFERENCE §8 item 3 setting):
//! Cu (copper-63), E = 50 GeV, m_X = 0.126 GeV, g = 1, default cuts, tolerance 1e-3.

use criterion::{criterion_group, criterion_main, Criterion};
use muforce::model::Spin;
use muforce::production::{exact, Cuts, Process};
use muforce::target::{FormFactorModel, Material};
use std::hint::black_box;

fn process(spin: Spin) -> Process {
    let copper = Material::built_in("copper-63").expect("built-in material");
    Process::new(spin, 0.126, 1.0, &copper, FormFactorModel::Full).expect("valid process")
}

fn total_cross_section(c: &mut Criterion) {
    let cuts = Cuts::default();
    for (name, spin) in [("scalar", Spin::Scalar), ("vector", Spin::Vector)] {
        let process = process(spin);
        c.bench_function(&format!("exact total {name} Cu 50 GeV 126 MeV"), |b| {
            b.iter(|| {
                exact::total(black_box(&process), black_box(50.0), &cuts, 1e-3).expect("converges")
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
