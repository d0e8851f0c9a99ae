//! Event generation (μ Pb → μ Pb X, vector, 0.1 GeV): building one 64 × 64 table from the
//! exact and from the WW cross section at 160 GeV, and unweighted events from a built table
//! for a 160 GeV beam and for the Z → μμ muon spectrum of data/lhc; and an experiment's
//! weighted signal (Fermilab dump, muon-scalar 0.1 GeV, g = 1e-4: depth, forced decay in the
//! region, weight) after set-up, on one thread; and those events formatted as HepMC3 into
//! memory (the formatting that sets the pace of writing a file), on one thread.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use muforce::events::{Generator, Plane, SpectrumGenerator, SpectrumSettings, TableSettings};
use muforce::matter::{FormFactorModel, Material};
use muforce::model::Spin;
use muforce::production::{Method, Process};
use muforce::source::MomentumSpectrum;
use rand::SeedableRng;
use rand_pcg::Pcg64;

const N: u64 = 10_000;

fn bench(c: &mut Criterion) {
    let pb = Material::built_in("Pb").unwrap();
    let process = Process::new(Spin::Vector, 0.1, 1.0, &pb, FormFactorModel::Full).unwrap();
    let mut tables = c.benchmark_group("event tables");
    tables.sample_size(10);
    for method in [Method::Exact, Method::Ww] {
        let settings = TableSettings {
            method,
            ..TableSettings::default()
        };
        tables.bench_function(format!("64x64 {} table", method.name()), |b| {
            b.iter(|| {
                Plane::build(&process, 160.0, &settings)
                    .unwrap()
                    .table
                    .sigma
            });
        });
    }
    tables.finish();
    let g = Generator::new(process, 160.0, &TableSettings::default()).unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/lhc/z_muon_momentum.csv"
    );
    let spectrum = MomentumSpectrum::from_file(std::path::Path::new(path)).unwrap();
    let s = SpectrumGenerator::new(process, spectrum, &SpectrumSettings::default()).unwrap();
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
    group.bench_function("10k events, Z spectrum, one thread", |b| {
        let mut rng = Pcg64::seed_from_u64(1);
        b.iter(|| {
            let mut sum = 0.0;
            for _ in 0..N {
                sum += s.event(&mut rng).out.x[0];
            }
            sum
        });
    });
    let dump = match muforce::experiment::builtin_description("fermilab-dump").unwrap() {
        muforce::experiment::Description::BeamDump(d) => *d,
        _ => unreachable!("fermilab-dump is a beam dump"),
    };
    let signal = muforce::events::dump::DumpEvents::new(
        &dump,
        0,
        muforce::model::Preset::MuonScalar,
        0.1,
        1e-4,
        None,
        &SpectrumSettings::default(),
    )
    .unwrap();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    group.bench_function("10k Fermilab dump signal events, one thread", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            one.install(|| signal.generate(N as usize, seed).unwrap().len())
        });
    });
    group.finish();
    let mut writing = c.benchmark_group("events written as HepMC3");
    writing.throughput(Throughput::Elements(N));
    let mut rng = Pcg64::seed_from_u64(1);
    let plain: Vec<_> = (0..N).map(|_| g.event(&mut rng)).collect();
    let plain_run = muforce::io::lhe::LheRun {
        settings: vec![],
        energy_gev: 160.0,
        z: 82,
        a: 207,
        nucleus_mass_gev: process.nucleus_mass_gev,
        spin: Spin::Vector,
        mass_gev: 0.1,
        sigma_pb: 1.0,
        error_pb: 0.0,
    };
    let dump_events = one.install(|| signal.generate(N as usize, 1).unwrap());
    let dump_run = signal.lhe_run(&dump_events, 1, vec![]);
    for (name, run, events) in [
        ("10k events, 160 GeV, one thread", &plain_run, &plain),
        (
            "10k Fermilab dump signal events, one thread",
            &dump_run,
            &dump_events,
        ),
    ] {
        let mut out = Vec::new();
        writing.bench_function(name, |b| {
            b.iter(|| {
                out.clear();
                one.install(|| muforce::io::hepmc3::write_hepmc3(&mut out, run, events))
                    .unwrap();
                out.len()
            });
        });
    }
    writing.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
