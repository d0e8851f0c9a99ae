//! Unweighted event generation from a built table (μ Pb → μ Pb X, vector, 0.1 GeV, 160 GeV).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use muforce::events::{Generator, TableSettings};
use muforce::model::Spin;
use muforce::target::{FormFactorModel, Material};
use rand::SeedableRng;
use rand_pcg::Pcg64;

const N: u64 = 10_000;

fn bench(c: &mut Criterion) {
    let pb = Material::built_in("Pb").unwrap();
    let process =
        muforce::production::Process::new(Spin::Vector, 0.1, 1.0, &pb, FormFactorModel::Full)
            .unwrap();
    let g = Generator::new(process, 160.0, &TableSettings::default()).unwrap();
    let mut group = c.benchmark_group("events");
    group.throughput(Throughput::Elements(N));
    group.bench_function("10k events, one thread", |b| {
        let mut rng = Pcg64::seed_from_u64(1);
        b.iter(|| {
            let mut sum = 0.0;
            for _ in 0..N {
                sum += g.event(&mut rng).out.x[0];
            }
            sum
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
