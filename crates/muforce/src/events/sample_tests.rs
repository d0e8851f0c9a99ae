//! Missing-momentum signal events against independent expectations: the reach code's signal
//! (GKSST arXiv:1906.09272 Eq. S6 by Gauss–Legendre quadrature over the sample's bin centres,
//! `missing_momentum::signal`), the flat depth profile of a thin target, and the experiment's
//! muon cuts.

use super::sample::SampleEvents;
use super::tests::on_threads;
use super::SpectrumSettings;
use crate::experiment::description::{builtin_description, Description, Experiment};
use crate::model::{Preset, Spin};
use crate::production::Method;

fn atlas() -> Experiment {
    match builtin_description("atlas-hllhc").unwrap() {
        Description::MissingMomentum(e) => *e,
        _ => panic!("atlas-hllhc is a missing-momentum experiment"),
    }
}

fn events_of(sample: &str, spin: Spin, m: f64, method: Method) -> SampleEvents {
    SampleEvents::new(
        &atlas(),
        2,
        Some(sample),
        (spin, None),
        m,
        1e-3,
        Some(method),
        &SpectrumSettings::default(),
    )
    .unwrap()
}

/// Σ weights = N_μ n_atom Δx Σ_bins f_b σ_cuts(p_b), the thin-target yield with σ from
/// `production::total` (adaptive, 1e-6) at each spectrum bin's centre, to 1e-3; and the reach
/// code's signal, whose ρ window [−1, 1] holds the smeared signal entirely (ρ = p′/p − 1 ∈
/// (−1, 0), resolution 5 % of p′) so that it counts the same X, to 6e-3: the reach
/// interpolates σ on its own energy grid, 3.8e-3 below the direct sum for the Z sample.
#[test]
fn summed_weights_equal_the_thin_target_yield_and_the_reach_signal() {
    let experiment = atlas();
    let settings = SpectrumSettings {
        momentum_nodes: 64,
        ..SpectrumSettings::default()
    };
    for (sample, spin, m, method) in [
        ("Z", Spin::Scalar, 1.0, Method::Ww),
        ("W", Spin::Vector, 0.3, Method::Ww),
        ("Z", Spin::Vector, 3.0, Method::Exact),
    ] {
        let run = SampleEvents::new(
            &experiment,
            2,
            Some(sample),
            (spin, None),
            m,
            1e-3,
            Some(method),
            &settings,
        )
        .unwrap();
        let process = *run.run.process();
        let mut sigma = 0.0;
        for (p, f) in experiment
            .sample(sample)
            .unwrap()
            .spectrum
            .weighted_centres()
        {
            let energy = crate::production::prepared::muon_energy(p);
            if energy > m + crate::units::M_MU {
                let s = crate::production::total(method, &process, energy, &experiment.cuts, 1e-6);
                sigma += f * s.unwrap().value;
            }
        }
        let direct = run.muons * run.atoms_per_cm2 * crate::units::gev2_to_cm2(sigma);
        let events = run.generate(50_000, 3).unwrap();
        let sum: f64 = events.iter().map(|e| e.weight).sum();
        let label = format!("{sample} {spin:?} {m}");
        let off = sum / direct - 1.0;
        assert!(
            off.abs() < 1e-3,
            "{label}: {sum} vs direct {direct} ({off:+e})"
        );
        let off = sum / run.expected_events - 1.0;
        assert!(
            off.abs() < 6e-3,
            "{label}: {sum} vs reach {} ({off:+e})",
            run.expected_events
        );
    }
}

/// Every event passes the experiment's cuts (θ ≤ 0.1 rad, p′ ≥ 5 GeV: atlas_hllhc.toml), and
/// the production depth is uniform along the 253 cm slab (χ² over 20 bins).
#[test]
fn events_pass_the_cuts_and_depths_are_uniform() {
    let run = events_of("Z", Spin::Scalar, 1.0, Method::Ww);
    let n = 100_000;
    let events = run.generate(n, 8).unwrap();
    let bins = 20;
    let mut counts = vec![0.0; bins];
    for e in &events {
        let mu = e.out.muon;
        let p = (mu[1] * mu[1] + mu[2] * mu[2] + mu[3] * mu[3]).sqrt();
        assert!(p >= 5.0 * (1.0 - 1e-9), "p' = {p}");
        assert!((mu[1].hypot(mu[2]) / mu[3]).atan() <= 0.1 * (1.0 + 1e-9));
        let z = e.vertex_mm[2] / 2530.0;
        assert!((0.0..1.0).contains(&z));
        counts[(z * bins as f64) as usize] += 1.0;
    }
    let mu = n as f64 / bins as f64;
    let chi2: f64 = counts.iter().map(|c| (c - mu).powi(2) / mu).sum();
    let dof = bins as f64 - 1.0;
    assert!(chi2 < dof + 5.0 * (2.0 * dof).sqrt(), "chi2 {chi2}");
}

/// With a model preset X decays in flight; the events do not depend on the thread count.
#[test]
fn decaying_x_and_thread_independence() {
    let run = SampleEvents::new(
        &atlas(),
        0,
        None,
        (Spin::Vector, Some(Preset::LmuLtau)),
        0.3,
        1e-3,
        Some(Method::Ww),
        &SpectrumSettings::default(),
    )
    .unwrap();
    assert_eq!(run.sample, "Z");
    let one = on_threads(1, || run.generate(2 * super::CHUNK + 7, 4).unwrap());
    let two = on_threads(2, || run.generate(2 * super::CHUNK + 7, 4).unwrap());
    assert_eq!(one, two);
    assert!(one.iter().all(|e| e.x_decay.is_some()));
}

/// A sample that is not in the scenario is refused, naming the scenario's samples.
#[test]
fn a_sample_outside_the_scenario_is_refused() {
    let result = SampleEvents::new(
        &atlas(),
        0,
        Some("W"),
        (Spin::Scalar, None),
        1.0,
        1e-3,
        None,
        &SpectrumSettings::default(),
    );
    match result {
        Ok(_) => panic!("scenario Z/A has no W sample"),
        Err(e) => assert!(
            e.to_string().contains("'W'") && e.to_string().contains('Z'),
            "{e}"
        ),
    }
}
