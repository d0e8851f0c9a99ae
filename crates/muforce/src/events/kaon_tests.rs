//! Kaon signal events against independent expectations: the m²_miss spectrum of the kaon
//! module's rate (adaptive Gauss–Kronrod integrals of (1/Γ) dΓ/ds12 per bin, REFERENCE §7),
//! the truncated exponential of the K⁺ decay points (PDG cτ_K = 3.711 m), four-momentum
//! conservation, the reach code's expected events and the HepMC3 round trip.

use super::kaon::{amplitude_cubic, sample_s23, KaonEvent, KaonEvents, KaonSignal};
use super::CHUNK;
use crate::experiment::description::{builtin_description, Description};
use crate::io::kaon_event_file::write_kaon_event_file;
use crate::kaon::{
    decay_table, invisible_interval, ratio_in_window, reduced_amplitude_squared_with_scale,
    required_signal, s12_range, s23_range, visible_interval, InvisibleStatistic, KaonExperiment,
    KaonModel, KaonSearch, MAX_X_MASS,
};
use crate::numerics::GaussLegendre;
use crate::units::{M_K, M_MU};
use rand::SeedableRng;
use rand_pcg::Pcg64;

fn na62() -> KaonExperiment {
    match builtin_description("na62").unwrap() {
        Description::Kaon(k) => *k,
        _ => panic!("na62 is a kaon experiment"),
    }
}

fn index(experiment: &KaonExperiment, name: &str) -> usize {
    experiment
        .scenarios
        .iter()
        .position(|s| s.name == name)
        .unwrap_or_else(|| panic!("no scenario {name}"))
}

/// The coupling at which X of `model` and mass `m` has cτ = `ctau_m` (Γ ∝ g²).
fn coupling_for_ctau(model: KaonModel, m: f64, ctau_m: f64) -> f64 {
    let (_, t) = decay_table(model, m, 1e-3).unwrap().unwrap();
    1e-3 * (t.ctau_m() / ctau_m).sqrt()
}

fn minkowski(p: &[f64; 4]) -> f64 {
    p[0] * p[0] - p[1] * p[1] - p[2] * p[2] - p[3] * p[3]
}

fn chi2_bound(bins: usize) -> f64 {
    let dof = bins as f64 - 1.0;
    dof + 5.0 * (2.0 * dof).sqrt()
}

/// `generate()` on a pool of `threads` threads.
fn on_threads(threads: usize, generate: impl Fn() -> Vec<KaonEvent> + Send) -> Vec<KaonEvent> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(generate)
}

/// T_K collected in powers of d (the s23 envelope) equals the printed numerators of
/// REFERENCE §7 ([`crate::kaon::reduced_amplitude_squared`]) to round-off.
#[test]
fn amplitude_cubic_equals_the_matrix_element() {
    for model in KaonModel::ALL {
        for m in [1e-3, 0.05, 0.2, 0.38] {
            let (lo, hi) = s12_range(m);
            for i in 1..20_u32 {
                let s12 = lo + (hi - lo) * f64::from(i) / 20.0;
                let (a, b) = s23_range(m, s12);
                for j in 0..=10_u32 {
                    let s23 = a + (b - a) * f64::from(j) / 10.0;
                    let (t, scale) = reduced_amplitude_squared_with_scale(model, m, s12, s23);
                    let (prefactor, c) = amplitude_cubic(model, m, s12);
                    let d = s23 - M_MU * M_MU;
                    let cubic = prefactor * (c[0] + d * (c[1] + d * (c[2] + d * c[3]))) / (d * d);
                    assert!(
                        (cubic - t).abs() <= 1e-11 * scale,
                        "{model} m {m} s12 {s12} s23 {s23}: {cubic} vs {t}"
                    );
                }
            }
        }
    }
}

/// At fixed s12 the accept–reject s23 follows T_K: χ² over 20 bins against Gauss–Legendre
/// integrals of T_K (REFERENCE §7) over each bin, for a light X (strong collinear peak) and a
/// heavy one, every model.
#[test]
fn s23_follows_the_matrix_element_at_fixed_s12() {
    let bins = 20;
    let n = 50_000_u32;
    let rule = GaussLegendre::new(16);
    for model in KaonModel::ALL {
        for (m, fraction) in [(2e-3, 0.3), (0.3, 0.5)] {
            let (lo, hi) = s12_range(m);
            let s12 = lo + fraction * (hi - lo);
            let (a, b) = s23_range(m, s12);
            // Bins equal in ln(s23 − m_μ²), where the light X's peak is spread out.
            let (ta, tb) = ((a - M_MU * M_MU).ln(), (b - M_MU * M_MU).ln());
            let edge = |k: usize| M_MU * M_MU + (ta + (tb - ta) * k as f64 / bins as f64).exp();
            let expected: Vec<f64> = (0..bins)
                .map(|k| {
                    rule.mapped(edge(k), edge(k + 1))
                        .map(|(s23, w)| {
                            w * crate::kaon::reduced_amplitude_squared(model, m, s12, s23)
                        })
                        .sum()
                })
                .collect();
            let total: f64 = expected.iter().sum();
            let mut rng = Pcg64::seed_from_u64(3);
            let mut counts = vec![0.0; bins];
            for _ in 0..n {
                let s23 = sample_s23(model, m, s12, &mut rng);
                assert!(s23 >= a * (1.0 - 1e-12) && s23 <= b * (1.0 + 1e-12));
                let t = ((s23 - M_MU * M_MU).ln() - ta) / (tb - ta);
                counts[((t * bins as f64) as usize).min(bins - 1)] += 1.0;
            }
            let chi2: f64 = counts
                .iter()
                .zip(&expected)
                .map(|(c, e)| {
                    let mu = e / total * f64::from(n);
                    (c - mu).powi(2) / mu
                })
                .sum();
            println!("s23 {model} m {m}: chi2 {chi2:.1} / {} dof", bins - 1);
            assert!(chi2 < chi2_bound(bins), "{model} {m}: chi2 {chi2}");
        }
    }
}

/// (a) m²_miss = (p_K − p_μ)² of the events follows (1/Γ) dΓ/ds12 of the kaon module: χ² over
/// 20 bins (equal in ln s12) of 10⁵ events against `ratio_in_window` of each bin (adaptive
/// integrals, independent of the generator's table), for the invisible search's window and for
/// the full range of the visible search.
#[test]
fn missing_mass_follows_the_rate() {
    let experiment = na62();
    for (scenario, model, m, g) in [
        ("invisible", KaonModel::MuonScalar, 0.05, 1e-4),
        ("invisible", KaonModel::MuonVector, 0.01, 1e-4),
        ("visible", KaonModel::LmuLtau, 0.3, 1e-4),
    ] {
        let run = KaonEvents::new(&experiment, index(&experiment, scenario), model, m, g).unwrap();
        let (lo, hi) = run.m2_window;
        let bins = 20;
        let edge = |k: usize| (lo.ln() + (hi / lo).ln() * k as f64 / bins as f64).exp();
        let expected: Vec<f64> = (0..bins)
            .map(|k| {
                ratio_in_window(model, m, edge(k), edge(k + 1))
                    .unwrap()
                    .value
            })
            .collect();
        let total: f64 = expected.iter().sum();
        assert!((total / run.ratio_per_g2 - 1.0).abs() < 1e-6);
        assert!((run.table_ratio_per_g2() / run.ratio_per_g2 - 1.0).abs() < 1e-4);
        let n = 100_000;
        let events = run.generate(n, 17).unwrap();
        let mut counts = vec![0.0; bins];
        for e in &events {
            let s = e.m2_miss();
            assert!(s >= lo * (1.0 - 1e-6) && s <= hi * (1.0 + 1e-6), "{s}");
            let k = ((s / lo).ln() / (hi / lo).ln() * bins as f64) as usize;
            counts[k.min(bins - 1)] += 1.0;
        }
        let chi2: f64 = counts
            .iter()
            .zip(&expected)
            .map(|(c, e)| {
                let mu = e / total * n as f64;
                (c - mu).powi(2) / mu
            })
            .sum();
        println!(
            "m2_miss {scenario} {model} m {m}: chi2 {chi2:.1} / {} dof",
            bins - 1
        );
        assert!(
            chi2 < chi2_bound(bins),
            "{scenario} {model} {m}: chi2 {chi2}"
        );
    }
}

/// (b) Four-momentum is conserved at the K⁺ vertex and at X's decay vertex to 1e-9 of the
/// energy; every particle is on its mass shell, the products' invariant mass is m_X, and X's
/// decay point lies where the search counts it (beyond the detector end for a visible decay
/// in the invisible search, inside [z_K, FV end] for the visible search), along X's flight.
#[test]
fn four_momentum_is_conserved_and_decays_lie_where_counted() {
    let experiment = na62();
    let v = experiment.volume;
    for (scenario, model, m, ctau) in [
        ("invisible", KaonModel::LmuLtau, 0.1, 1.0),
        ("invisible", KaonModel::MuonScalar, 0.25, 1.0),
        ("invisible", KaonModel::LmuLtau, 0.3, 1.0),
        ("visible", KaonModel::MuonVector, 0.3, 0.5),
    ] {
        let g = coupling_for_ctau(model, m, ctau);
        let run = KaonEvents::new(&experiment, index(&experiment, scenario), model, m, g).unwrap();
        let visible = matches!(run.signal, KaonSignal::Visible { .. });
        let mut decays = [0usize; 2];
        for e in run.generate(20_000, 5).unwrap() {
            let scale = e.kaon[0];
            for k in 0..4 {
                let balance = e.kaon[k] - e.muon[k] - e.neutrino[k] - e.x[k];
                assert!(
                    balance.abs() < 1e-9 * scale,
                    "K vertex component {k}: {balance}"
                );
            }
            assert!((minkowski(&e.kaon) - M_K * M_K).abs() < 1e-9 * scale * scale);
            assert!((minkowski(&e.muon) - M_MU * M_MU).abs() < 1e-9 * scale * scale);
            assert!(minkowski(&e.neutrino).abs() < 1e-9 * scale * scale);
            assert!((minkowski(&e.x) - m * m).abs() < 1e-9 * scale * scale);
            let z_k = e.vertex_mm[2] / 1e3;
            assert!(
                z_k >= v.fiducial_start_m && z_k <= v.fiducial_end_m,
                "{z_k}"
            );
            assert!((e.vertex_mm[3] / e.vertex_mm[2] - e.kaon[0] / e.kaon[3]).abs() < 1e-12);
            let Some(d) = e.x_decay else {
                assert!(!visible, "the visible search decays every X");
                continue;
            };
            let sum: [f64; 4] = std::array::from_fn(|k| d.daughters[0].p[k] + d.daughters[1].p[k]);
            for (k, (total, x)) in sum.iter().zip(&e.x).enumerate() {
                assert!((total - x).abs() < 1e-9 * e.x[0], "X vertex component {k}");
            }
            let mass = minkowski(&sum).sqrt();
            assert!(
                (mass / m - 1.0).abs() < 1e-9,
                "products' mass {mass} vs {m}"
            );
            for p in &d.daughters {
                let m2 = p.mass_gev * p.mass_gev;
                assert!((minkowski(&p.p) - m2).abs() < 1e-9 * e.x[0] * e.x[0]);
            }
            // The flight is along X's momentum, reached at c·t = ℓ E/|p|.
            let flight = d.vertex_mm[..3].iter().map(|x| x * x).sum::<f64>().sqrt();
            let p = e.x[1..].iter().map(|x| x * x).sum::<f64>().sqrt();
            assert!((d.vertex_mm[3] - flight * e.x[0] / p).abs() <= 1e-9 * d.vertex_mm[3]);
            assert!(
                (d.vertex_mm[3] / e.x[0] - d.vertex_mm[2] / e.x[3]).abs()
                    <= 1e-9 * d.vertex_mm[3] / e.x[0]
            );
            let z_x = e.x_decay_vertex_mm().unwrap()[2] / 1e3;
            if visible {
                assert_eq!(d.daughters.map(|p| p.pdg), [13, -13]);
                assert!(
                    z_x >= z_k && z_x <= v.fiducial_end_m * (1.0 + 1e-12),
                    "{z_x}"
                );
            } else if !d.channel.is_invisible() {
                assert!(
                    z_x >= v.detector_end_m * (1.0 - 1e-12),
                    "visible decay at {z_x} m"
                );
            }
            decays[usize::from(d.channel.is_invisible())] += 1;
        }
        println!("{scenario} {model} {m}: visible/invisible decays {decays:?}");
    }
}

/// (c) The K⁺ decay points follow exp(−z/λ_K) truncated to the fiducial volume: χ² over 20 bins
/// with λ_K = (p_K/m_K) cτ_K, cτ_K = 3.711 m (PDG K± mean life 1.2380 × 10⁻⁸ s); the flat
/// distribution, which λ_K ≈ 564 m makes close, is rejected by the same events.
#[test]
fn kaon_decay_points_follow_the_truncated_exponential() {
    let experiment = na62();
    let v = experiment.volume;
    let lambda = v.kaon_momentum_gev / M_K * 3.711;
    let run = KaonEvents::new(&experiment, 0, KaonModel::LmuLtau, 0.1, 1e-4).unwrap();
    let n = 100_000;
    let events = run.generate(n, 23).unwrap();
    let bins = 20;
    let length = v.fiducial_end_m - v.fiducial_start_m;
    let width = length / bins as f64;
    let mut counts = vec![0.0; bins];
    for e in &events {
        let u = e.vertex_mm[2] / 1e3 - v.fiducial_start_m;
        counts[((u / width) as usize).min(bins - 1)] += 1.0;
    }
    let norm = 1.0 - (-length / lambda).exp();
    let chi2 = |p: &dyn Fn(usize) -> f64| -> f64 {
        counts
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let mu = p(k) * n as f64;
                (c - mu).powi(2) / mu
            })
            .sum()
    };
    let exponential = chi2(&|k| {
        ((-(k as f64) * width / lambda).exp() - (-((k + 1) as f64) * width / lambda).exp()) / norm
    });
    let flat = chi2(&|_| 1.0 / bins as f64);
    println!(
        "vertex: chi2 {exponential:.1} (flat: {flat:.0}) / {} dof",
        bins - 1
    );
    assert!(exponential < chi2_bound(bins), "chi2 {exponential}");
    assert!(flat > 2.0 * chi2_bound(bins), "flat not rejected: {flat}");
}

/// Σ w / expected − 1 and the Monte Carlo error of Σ w (relative).
fn weight_sum(run: &KaonEvents, n: usize, seed: u64) -> (f64, f64, f64) {
    let events = run.generate(n, seed).unwrap();
    let sum: f64 = events.iter().map(|e| e.weight).sum();
    let mean = sum / n as f64;
    let sd = events
        .iter()
        .map(|e| (e.weight - mean).powi(2))
        .sum::<f64>()
        .sqrt();
    (sum, sum / run.expected_events - 1.0, sd / sum)
}

/// (d) Σ weights = the reach code's expected events to 1e-3: invisible searches with an X that
/// always escapes (L_μ − L_τ below 2m_μ: P_inv = 1 exactly), one that escapes or decays
/// invisibly with P_inv far from 1, and a visible search with P_FV far from 0 and 1. The
/// reach's own X boost samples are enlarged (4 × 10⁴ and 10⁵ → 4 × 10⁶ events, more than the
/// 3 × 10⁶ events here, whose Monte Carlo error, checked below 3 × 10⁻⁴, also carries the
/// spread of the K⁺ vertex that the reach integrates by quadrature), so that a 10⁻³ deviation
/// is a ≳ 2.5σ effect.
#[test]
fn summed_weights_equal_the_reach_expected_events() {
    let mut experiment = na62();
    experiment.boost_events = 4_000_000;
    let visible = index(&experiment, "visible");
    if let KaonSearch::Visible(v) = &mut experiment.scenarios[visible].search {
        v.events = 4_000_000;
    }
    for (scenario, model, m, ctau) in [
        ("invisible", KaonModel::LmuLtau, 0.1, 1.0),
        ("invisible-2015", KaonModel::MuonScalar, 0.25, 1.0),
        (
            "invisible-cut-count-kappa=1e-3",
            KaonModel::LmuLtau,
            0.3,
            0.3,
        ),
        ("visible", KaonModel::MuonVector, 0.3, 0.3),
    ] {
        let g = coupling_for_ctau(model, m, ctau);
        let run = KaonEvents::new(&experiment, index(&experiment, scenario), model, m, g).unwrap();
        let p = match run.signal {
            KaonSignal::Invisible { probability, .. } | KaonSignal::Visible { probability, .. } => {
                probability
            }
        };
        let (sum, off, error) = weight_sum(&run, 3_000_000, 11);
        println!(
            "{scenario} {model} m {m} g {g:.3e}: P {p:.4} sum {sum:.6e} reach {:.6e} ({off:+.2e}, MC {error:.1e})",
            run.expected_events
        );
        assert!(error < 3e-4, "{scenario}: Monte Carlo error {error}");
        assert!(
            off.abs() < 1e-3,
            "{scenario}: {sum} vs reach {} ({off:+e})",
            run.expected_events
        );
        if m > 0.25 {
            assert!(
                p > 0.1 && p < 0.9,
                "{scenario}: P = {p} is not a test of the decays"
            );
        }
    }
}

/// The expected events are the reach's: at the lower edge of the reach table's excluded
/// interval they equal the limit the reach solved for (cut and count: S = Z √(B + κ²B²);
/// likelihood: g₀² S₁ with g₀ the Λ(S) < 4 limit of an X that always escapes; visible: the
/// Poisson limit), to the 1e-6 refinement of the edge.
#[test]
fn expected_events_at_the_reach_limit_equal_the_required_signal() {
    let experiment = na62();
    // Invisible: a muon-only scalar (X → γγ, escaping with P_inv = 0.99 at the lower edge and
    // decaying inside the detector at the upper one) and L_μ − L_τ above 2m_μ (P_inv ≈ 0.6).
    for (model, m) in [(KaonModel::MuonScalar, 0.05), (KaonModel::LmuLtau, 0.25)] {
        for name in ["invisible", "invisible-cut-count-kappa=1e-3"] {
            let i = index(&experiment, name);
            let KaonSearch::Invisible(search, statistic) = &experiment.scenarios[i].search else {
                panic!("an invisible scenario");
            };
            let interval = invisible_interval(&experiment, search, *statistic, model, m)
                .unwrap()
                .expect("an excluded interval");
            let counts = search.counts(model, m).unwrap();
            let need = match statistic {
                InvisibleStatistic::CutAndCount => {
                    required_signal(counts.background, search.kappa, search.significance).unwrap()
                }
                InvisibleStatistic::Likelihood => {
                    search.likelihood_limit(model, m).unwrap().powi(2) * counts.signal_per_g2
                }
            };
            for edge in [Some(interval.coupling_low), interval.coupling_high]
                .into_iter()
                .flatten()
            {
                let run = KaonEvents::new(&experiment, i, model, m, edge).unwrap();
                let KaonSignal::Invisible { probability, .. } = run.signal else {
                    panic!("an invisible signal");
                };
                println!(
                    "{name} {model} {m}: at g = {edge:.4e} (P_inv {probability:.3}) {:.6e} vs {need:.6e}",
                    run.expected_events
                );
                assert!((run.expected_events / need - 1.0).abs() < 1e-4);
            }
        }
    }
    let (model, m) = (KaonModel::MuonScalar, 0.3);
    let vis = index(&experiment, "visible");
    let KaonSearch::Visible(search) = &experiment.scenarios[vis].search else {
        panic!("a visible scenario");
    };
    let background = search.background_events().unwrap();
    let edge = visible_interval(&experiment, search, &background, model, m)
        .unwrap()
        .expect("an excluded interval")
        .coupling_low;
    let limit = search.counts(model, m, &background).unwrap().signal_limit;
    let run = KaonEvents::new(&experiment, vis, model, m, edge).unwrap();
    println!(
        "visible: at g = {edge:.4e} {} vs {limit}",
        run.expected_events
    );
    assert!((run.expected_events / limit - 1.0).abs() < 1e-4);
}

/// (e) The same seed gives the same events on one and on two threads.
#[test]
fn same_seed_same_events_for_any_thread_count() {
    let experiment = na62();
    let g = coupling_for_ctau(KaonModel::MuonScalar, 0.25, 1.0);
    let run = KaonEvents::new(&experiment, 0, KaonModel::MuonScalar, 0.25, g).unwrap();
    let one = on_threads(1, || run.generate(3 * CHUNK + 5, 9).unwrap());
    let two = on_threads(2, || run.generate(3 * CHUNK + 5, 9).unwrap());
    assert_eq!(one.len(), 3 * CHUNK + 5);
    assert_eq!(one, two);
    assert_ne!(one, run.generate(3 * CHUNK + 5, 10).unwrap());
}

/// (f) Bad input is an error naming the field, never a panic.
#[test]
fn bad_input_is_a_clear_error() {
    let experiment = na62();
    let check = |scenario: usize, m: f64, g: f64, field: &str| match KaonEvents::new(
        &experiment,
        scenario,
        KaonModel::LmuLtau,
        m,
        g,
    ) {
        Ok(_) => panic!("accepted scenario {scenario}, m {m}, g {g}"),
        Err(e) => assert!(e.to_string().contains(field), "{field}: {e}"),
    };
    for g in [0.0, -1e-3, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        check(0, 0.1, g, "coupling");
    }
    for m in [0.0, -0.1, f64::NAN, f64::INFINITY, MAX_X_MASS, 0.45, 1.0] {
        check(0, m, 1e-3, "m_X");
    }
    check(experiment.scenarios.len(), 0.1, 1e-3, "scenario");
    check(usize::MAX, 0.1, 1e-3, "scenario");
    // Below 2 m_μ the visible search expects nothing.
    check(index(&experiment, "visible"), 0.1, 1e-3, "2 m_mu");
    let run = KaonEvents::new(&experiment, 0, KaonModel::LmuLtau, 0.1, 1e-3).unwrap();
    assert!(run
        .generate(0, 1)
        .unwrap_err()
        .to_string()
        .contains("events"));
}

/// (g) A HepMC3 file written to a temporary directory holds one `E` line per event and `W`
/// weights that sum to Σ w; an LHE file one `<event>` per event and the same weights; a bad
/// extension is refused and leaves no file.
#[test]
fn event_files_round_trip() {
    let experiment = na62();
    let g = coupling_for_ctau(KaonModel::LmuLtau, 0.3, 0.3);
    let run = KaonEvents::new(&experiment, 0, KaonModel::LmuLtau, 0.3, g).unwrap();
    let events = run.generate(500, 4).unwrap();
    let header = run.header(&events);
    let sum: f64 = events.iter().map(|e| e.weight).sum();
    let dir = std::env::temp_dir().join(format!("muforce-kaon-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let hepmc = dir.join("signal.hepmc");
    write_kaon_event_file(&hepmc, &run.file_run(), &header, &events).unwrap();
    let text = std::fs::read_to_string(&hepmc).unwrap();
    assert!(text.starts_with("HepMC::Version 3"));
    assert!(text.contains("HepMC::Asciiv3-END_EVENT_LISTING"));
    assert_eq!(
        text.lines().filter(|l| l.starts_with("E ")).count(),
        events.len()
    );
    let weights: Vec<f64> = text
        .lines()
        .filter(|l| l.starts_with("W ") && l != &"W weight")
        .map(|l| l[2..].trim().parse().unwrap())
        .collect();
    assert_eq!(weights.len(), events.len());
    let written: f64 = weights.iter().sum();
    assert!((written / sum - 1.0).abs() < 1e-12, "{written} vs {sum}");
    // Each event: K+ incoming at its vertex, mu+ nu X out of it, X's products out of X's vertex.
    let first = text.split("\nE ").nth(1).unwrap();
    assert!(first.contains(" 321 ") && first.contains(" -13 ") && first.contains(" 14 "));
    assert!(first.contains("V -1 0 [1] @"));
    assert!(!dir.join("signal.hepmc.partial").exists());
    let lhe = dir.join("signal.lhe");
    write_kaon_event_file(&lhe, &run.file_run(), &header, &events).unwrap();
    let text = std::fs::read_to_string(&lhe).unwrap();
    let blocks: Vec<&str> = text.split("<event>").skip(1).collect();
    assert_eq!(blocks.len(), events.len());
    let lhe_sum: f64 = blocks
        .iter()
        .map(|b| {
            b.lines()
                .nth(1)
                .unwrap()
                .split_whitespace()
                .nth(2)
                .unwrap()
                .parse::<f64>()
                .unwrap()
        })
        .sum();
    assert!((lhe_sum / sum - 1.0).abs() < 1e-9);
    assert!(text.contains("       321          0"));
    let bad = dir.join("signal.txt");
    assert!(write_kaon_event_file(&bad, &run.file_run(), &header, &events).is_err());
    assert!(!bad.exists() && !dir.join("signal.txt.partial").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
