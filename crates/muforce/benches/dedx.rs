//! Benchmarks of the mean muon energy loss: direct evaluation per process, the tabulated
//! variant, and transport through a thick target.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use muforce::matter::energy_loss::{
    mean_energy_loss, Bremsstrahlung, EnergyLossModel, EnergyLossTable, Ionization, MuonTransport,
    PairProduction, Photonuclear, Process,
};
use muforce::matter::Material;

fn direct(c: &mut Criterion) {
    let pb = Material::built_in("Pb").unwrap();
    let mut g = c.benchmark_group("dedx_direct_pb_160gev");
    g.sample_size(20);
    g.bench_function("ionization", |b| {
        b.iter(|| Ionization.energy_loss(&pb, black_box(160.0)).unwrap());
    });
    g.bench_function("bremsstrahlung", |b| {
        b.iter(|| Bremsstrahlung.energy_loss(&pb, black_box(160.0)).unwrap());
    });
    g.bench_function("pair_production", |b| {
        b.iter(|| PairProduction.energy_loss(&pb, black_box(160.0)).unwrap());
    });
    g.bench_function("photonuclear", |b| {
        b.iter(|| Photonuclear.energy_loss(&pb, black_box(160.0)).unwrap());
    });
    g.bench_function("all_processes", |b| {
        b.iter(|| mean_energy_loss(&pb, black_box(160.0)).unwrap());
    });
    g.finish();
}

fn tabulated(c: &mut Criterion) {
    let pb = Material::built_in("Pb").unwrap();
    let mut g = c.benchmark_group("dedx_table_pb");
    g.sample_size(10);
    g.bench_function("build_to_200gev_1e-4", |b| {
        b.iter(|| EnergyLossTable::new(&pb, black_box(200.0), 1e-4).unwrap());
    });
    let table = EnergyLossTable::new(&pb, 200.0, 1e-4).unwrap();
    g.bench_function("lookup_160gev", |b| {
        b.iter(|| table.mean_energy_loss(black_box(160.0)).unwrap());
    });
    let transport = MuonTransport::new(&pb, EnergyLossModel::Full, 200.0, 1e-4).unwrap();
    g.bench_function("energy_after_160gev_50cm", |b| {
        b.iter(|| {
            transport
                .energy_after(black_box(160.0), black_box(50.0))
                .unwrap()
        });
    });
    g.finish();
}

criterion_group!(benches, direct, tabulated);
criterion_main!(benches);
