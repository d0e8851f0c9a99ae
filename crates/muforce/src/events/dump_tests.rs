//! Beam-dump signal events against independent expectations: the reach code's expected
//! events (CPZ arXiv:1701.07437 Eq. 15 by Gauss–Legendre quadrature, `DumpYield`), the depth
//! distribution n_atom σ(E_μ(y)) from the total cross section at the local muon energy, and
//! the truncated exponential of the forced decays (CPZ Eq. 15's integrand).

use super::dump::{DumpEvents, DumpSignal};
use super::tests::on_threads;
use super::{SpectrumSettings, XWindow};
use crate::experiment::beam_dump::BeamDump;
use crate::experiment::description::{builtin_description, Description};
use crate::model::Preset;
use crate::numerics::GaussLegendre;
use crate::production::{self, Cuts, Process};

fn dump(name: &str) -> BeamDump {
    match builtin_description(name).unwrap() {
        Description::BeamDump(b) => *b,
        _ => panic!("{name} is not a beam dump"),
    }
}

fn events_of(name: &str, preset: Preset, m: f64, g: f64) -> DumpEvents {
    DumpEvents::new(
        &dump(name),
        0,
        preset,
        m,
        g,
        None,
        &SpectrumSettings::default(),
    )
    .unwrap()
}

/// Σ weights = the reach code's expected events to 1e-3, for a visible search with a decay
/// region (Fermilab, exact production), an invisible one (NA64μ and M³, WW with the
/// E′ < E′_max selection) and an NA64-type dump (decays beyond 5 m). The Monte Carlo error of
/// the sum is checked to be small enough for the comparison to mean something.
#[test]
fn summed_weights_equal_the_reach_expected_events() {
    for (name, preset, m, g) in [
        ("fermilab-dump", Preset::MuonScalar, 0.1, 1e-3),
        ("na64mu", Preset::LmuLtau, 0.1, 1e-4),
        ("m3", Preset::LmuLtau, 0.3, 1e-4),
        ("na64-dump", Preset::MuonScalar, 0.1, 1e-4),
    ] {
        let run = events_of(name, preset, m, g);
        let n = 400_000;
        let events = run.generate(n, 11).unwrap();
        let sum: f64 = events.iter().map(|e| e.weight).sum();
        let mean = sum / n as f64;
        let sd = (events
            .iter()
            .map(|e| (e.weight - mean).powi(2))
            .sum::<f64>())
        .sqrt();
        assert!(sd < 3e-4 * sum, "{name}: Monte Carlo error {sd} of {sum}");
        let off = sum / run.expected_events - 1.0;
        assert!(
            off.abs() < 1e-3,
            "{name}: sum {sum} vs reach {} ({off:+e})",
            run.expected_events
        );
    }
}

/// The interaction depths follow n_atom σ_window(E_μ(y)) (χ² over 20 depth bins), σ from the
/// exact total at the local energy of the experiment's transport (Fermilab: 3 → 0.5 GeV over
/// 113 cm of tungsten, where σ changes by a factor of several).
#[test]
fn interaction_depths_follow_the_cross_section_along_the_target() {
    let experiment = dump("fermilab-dump");
    let (preset, m, g) = (Preset::MuonScalar, 0.3, 1e-3);
    let run = events_of("fermilab-dump", preset, m, g);
    let setup = &experiment.setup;
    let transport = setup.transport().unwrap();
    let process = Process::new(preset.spin(), m, g, &setup.material, setup.form_factor).unwrap();
    let window = XWindow {
        x_min: setup.x_min,
        x_max: setup.x_max,
        e_out_max_gev: setup.e_out_max_gev,
        p_out_min_gev: 0.0,
    };
    let sigma_at = |y: f64| {
        let e = transport
            .energy_after(setup.beam_energy_gev, y)
            .unwrap()
            .energy_gev;
        window.limits(m, e).map_or(0.0, |(x_min, x_max)| {
            let cuts = Cuts {
                x_min,
                x_max,
                ..Cuts::default()
            };
            production::total(run.method, &process, e, &cuts, 1e-3)
                .unwrap()
                .value
        })
    };
    let bins = 20;
    let width = run.track_cm / bins as f64;
    let rule = GaussLegendre::new(6);
    let expected: Vec<f64> = (0..bins)
        .map(|k| {
            rule.mapped(k as f64 * width, (k + 1) as f64 * width)
                .map(|(y, w)| w * sigma_at(y))
                .sum()
        })
        .collect();
    let total: f64 = expected.iter().sum();
    let n = 200_000;
    let events = run.generate(n, 5).unwrap();
    let mut counts = vec![0.0; bins];
    for e in &events {
        let y = e.vertex_mm[2] / 10.0;
        assert!((0.0..=run.track_cm * (1.0 + 1e-12)).contains(&y), "{y}");
        counts[((y / width) as usize).min(bins - 1)] += 1.0;
    }
    let chi2: f64 = counts
        .iter()
        .zip(&expected)
        .map(|(c, e)| {
            let mu = e / total * n as f64;
            (c - mu).powi(2) / mu
        })
        .sum();
    let dof = bins as f64 - 1.0;
    assert!(
        chi2 < dof + 5.0 * (2.0 * dof).sqrt(),
        "chi2 {chi2} for {dof} dof"
    );
    // The depth profile is far from flat here: the first bin has several times the last.
    assert!(expected[0] > 2.0 * expected[bins - 1], "{expected:?}");
}

/// Forced decays: every decay lies in the region, and the flight distance follows the
/// exponential restricted to it: u = (1 − e^{−(ℓ−a)/L}) / (1 − e^{−(b−a)/L}) is uniform
/// (χ² over 20 bins), with L = βγcτ of the decay table (CPZ Eq. 9).
#[test]
fn forced_decays_follow_the_truncated_exponential_in_the_region() {
    let experiment = dump("fermilab-dump");
    let (m, g) = (0.1, 1e-4);
    let run = events_of("fermilab-dump", Preset::MuonScalar, m, g);
    let DumpSignal::Visible { region, .. } = &run.signal else {
        panic!("Fermilab counts visible decays");
    };
    let table = crate::model::DecayTable::new(&Preset::MuonScalar.mediator(m, g).unwrap()).unwrap();
    let events = run.generate(100_000, 3).unwrap();
    let bins = 20;
    let mut counts = vec![0.0; bins];
    for e in &events {
        let d = e.x_decay.expect("muon-scalar decays visibly at 0.1 GeV");
        let y = e.vertex_mm[2] / 10.0;
        let (a, b) = region.limits_m(experiment.setup.length_cm, y);
        let flight = d.vertex_mm[..3].iter().map(|v| v * v).sum::<f64>().sqrt() / 1e3;
        assert!(
            flight >= a * (1.0 - 1e-9) && flight <= b * (1.0 + 1e-9),
            "{flight} outside [{a}, {b}]"
        );
        let length = table.decay_length_m(e.out.x[0]).unwrap();
        let u = (-(-(flight - a) / length).exp_m1()) / (-(-(b - a) / length).exp_m1());
        counts[((u * bins as f64) as usize).min(bins - 1)] += 1.0;
    }
    let mu = events.len() as f64 / bins as f64;
    let chi2: f64 = counts.iter().map(|c| (c - mu).powi(2) / mu).sum();
    let dof = bins as f64 - 1.0;
    assert!(
        chi2 < dof + 5.0 * (2.0 * dof).sqrt(),
        "chi2 {chi2}: {counts:?}"
    );
}

/// Invisible searches decay X into invisible products only; the weights carry BR(invisible).
#[test]
fn invisible_search_decays_into_neutrinos_with_the_invisible_branching_ratio() {
    let run = events_of("na64mu", Preset::LmuLtau, 0.5, 1e-4);
    let DumpSignal::Invisible { branching, .. } = &run.signal else {
        panic!("NA64mu counts invisible decays");
    };
    // Above 2 m_μ the L_μ − L_τ boson also decays into μ⁺μ⁻: BR(invisible) ≈ 1/2.
    assert!(*branching > 0.3 && *branching < 0.7, "{branching}");
    let events = run.generate(20_000, 2).unwrap();
    let share = run.produced() / events.len() as f64;
    for e in &events {
        let d = e.x_decay.unwrap();
        assert!(d.channel.is_invisible(), "{:?}", d.channel);
        assert!((e.weight / (share * branching) - 1.0).abs() < 1e-12);
    }
}

#[test]
fn same_seed_same_events_for_any_thread_count() {
    let run = events_of("fermilab-dump", Preset::MassScalar, 0.05, 1e-4);
    let one = on_threads(1, || run.generate(3 * super::CHUNK + 5, 9).unwrap());
    let two = on_threads(2, || run.generate(3 * super::CHUNK + 5, 9).unwrap());
    assert_eq!(one, two);
}

/// A muon-only vector below 2 m_μ has no open channel (DecayTable: "X is stable"): a search
/// for its decays has nothing to count, and the set-up says so instead of writing events.
#[test]
fn a_model_without_decays_is_refused() {
    let result = DumpEvents::new(
        &dump("fermilab-dump"),
        0,
        Preset::MuonVector,
        0.1,
        5e-4,
        None,
        &SpectrumSettings::default(),
    );
    match result {
        Ok(_) => panic!("a stable X was accepted"),
        Err(e) => assert!(e.to_string().contains("stable"), "{e}"),
    }
}

/// Below 2 m_μ the L_μ − L_τ Z′ decays only into neutrinos: a visible search has nothing to
/// see (the reach expects zero events), and the set-up says so.
#[test]
fn a_visible_search_refuses_an_invisible_only_x() {
    let result = DumpEvents::new(
        &dump("fermilab-dump"),
        0,
        Preset::LmuLtau,
        0.1,
        1e-3,
        None,
        &SpectrumSettings::default(),
    );
    match result {
        Ok(_) => panic!("an invisible-only X was accepted by a visible search"),
        Err(e) => assert!(e.to_string().contains("no visible decay"), "{e}"),
    }
}
