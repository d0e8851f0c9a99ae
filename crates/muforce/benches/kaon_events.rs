//! K⁺ → μ⁺ν X signal events of the built-in na62 experiment, one thread, after set-up: the
//! invisible search (L_μ − L_τ above 2m_μ: X decays invisibly or visibly beyond the detector)
//! and the visible search (X → μ⁺μ⁻ forced into the fiducial volume), 10⁵ events each.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use muforce::events::kaon::KaonEvents;
use muforce::experiment::description::{builtin_description, Description};
use muforce::kaon::KaonModel;
use rand::SeedableRng;
use rand_pcg::Pcg64;

const N: u64 = 100_000;

fn bench(c: &mut Criterion) {
    let Description::Kaon(na62) = builtin_description("na62").unwrap() else {
        panic!("na62 is a kaon experiment");
    };
    let visible = na62
        .scenarios
        .iter()
        .position(|s| s.name == "visible")
        .unwrap();
    let mut group = c.benchmark_group("kaon events");
    group.throughput(Throughput::Elements(N));
    for (label, scenario, model, m, g) in [
        (
            "invisible, lmu-ltau 0.3 GeV",
            0,
            KaonModel::LmuLtau,
            0.3,
            2e-7,
        ),
        (
            "visible, muon-vector 0.3 GeV",
            visible,
            KaonModel::MuonVector,
            0.3,
            3e-7,
        ),
        (
            "invisible, muon-vector 0.01 GeV",
            0,
            KaonModel::MuonVector,
            0.01,
            1e-4,
        ),
    ] {
        let run = KaonEvents::new(&na62, scenario, model, m, g).unwrap();
        group.bench_function(format!("100k events, {label}, one thread"), |b| {
            let mut rng = Pcg64::seed_from_u64(1);
            b.iter(|| {
                let mut sum = 0.0;
                for _ in 0..N {
                    sum += run.event(&mut rng).weight;
                }
                sum
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
