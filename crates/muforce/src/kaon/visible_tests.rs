//! Tests of the visible search K⁺ → μ⁺ν(X → μ⁺μ⁻), the K⁺ → μ⁺νμ⁺μ⁻ background, the NA62 decay
//! geometry and the kaon reach table. Every expected number names its independent source.

use super::*;
use crate::error::Error;
use crate::units::{ALPHA, M_K, M_MU};
use std::f64::consts::PI;

/// Decay probability in the FV against closed forms (CPZ Eq. 15 integrated over a K⁺ vertex
/// density ∝ exp(−u/λ) on [0, D]):
/// P_vis(L) = 1 − e^{−D/L} (e^{kD} − 1)/(k N), k = 1/L − 1/λ, N = λ(1 − e^{−D/λ});
/// and the limits L → 0 (prompt: 1) and L ≫ D (P → ⟨D − u⟩/L).
#[test]
fn fiducial_decay_probability_matches_closed_form_and_limits() {
    let v = DecayVolume::default();
    let d = v.fiducial_end_m - v.fiducial_start_m;
    let lambda = v.kaon_decay_length_m();
    // λ = (p/m_K) c τ_K = 75/0.493677 × 3.7114 m (PDG τ_K) ≈ 563.8 m.
    assert!((lambda / (75.0 / 0.493_677 * 299_792_458.0 * 1.238e-8) - 1.0).abs() < 1e-6);
    let norm = lambda * (1.0 - (-d / lambda).exp());
    for l in [0.5, 7.0, 60.0, 300.0, 5e3] {
        let k = 1.0 / l - 1.0 / lambda;
        let exact = 1.0 - (-d / l).exp() * ((k * d).exp() - 1.0) / (k * norm);
        let p = v.visible_probability(l).unwrap();
        assert!(
            (p - exact).abs() < 1e-10 * exact.max(1e-3),
            "L = {l}: {p} vs {exact}"
        );
    }
    assert!((v.visible_probability(1e-6).unwrap() - 1.0).abs() < 1e-12);
    assert_eq!(v.visible_probability(0.0).unwrap(), 1.0);
    // L ≫ D: ⟨D − u⟩/L with ⟨u⟩ = λ − D e^{−D/λ}/(1 − e^{−D/λ}).
    let mean_u = lambda - d * (-d / lambda).exp() / (1.0 - (-d / lambda).exp());
    let l = 1e9;
    let p = v.visible_probability(l).unwrap();
    assert!((p / ((d - mean_u) / l) - 1.0).abs() < 1e-6, "{p}");
}

/// Survival to the detector end: ⟨exp(−(z_det − z_K)/L)⟩ → 0 for prompt and → 1 for stable X, and
/// the closed form e^{−(z_det − z_0)/L} (e^{kD} − 1)/(k N), k = 1/L − 1/λ.
#[test]
fn escape_probability_matches_closed_form_and_limits() {
    let v = DecayVolume::default();
    let d = v.fiducial_end_m - v.fiducial_start_m;
    let reach = v.detector_end_m - v.fiducial_start_m;
    let lambda = v.kaon_decay_length_m();
    let norm = lambda * (1.0 - (-d / lambda).exp());
    for l in [20.0, 100.0, 1e3, 1e5] {
        let k = 1.0 / l - 1.0 / lambda;
        let exact = (-reach / l).exp() * ((k * d).exp() - 1.0) / (k * norm);
        let p = v.escape_probability(l).unwrap();
        assert!((p / exact - 1.0).abs() < 1e-10, "L = {l}: {p} vs {exact}");
    }
    assert_eq!(v.escape_probability(0.0).unwrap(), 0.0);
    assert!(v.escape_probability(1e-3).unwrap() < 1e-300);
    assert!((v.escape_probability(1e12).unwrap() - 1.0).abs() < 1e-9);
    let bad = DecayVolume {
        fiducial_end_m: 100.0,
        ..DecayVolume::default()
    };
    let e = bad.validate().unwrap_err().to_string();
    assert!(
        e.contains("fiducial volume end") && e.contains("empty"),
        "{e}"
    );
}

/// BR(X → μ⁺μ⁻) from the model widths (REFERENCE §4.1–4.2): 1 for the muon-only vector above
/// 2m_μ (its only channel); 1 − Γ_γγ/Γ for the muon-only scalar, with Γ_γγ/Γ_μμ a one-loop α²
/// effect (below 10⁻⁴ from 250 MeV, below 10⁻³ just above threshold where Γ_μμ ∝ β³); for L_μ − L_τ Γ_μμ/(Γ_μμ + 2Γ_νν) = (1 + 2r)β/((1 + 2r)β + 1),
/// r = m_μ²/m_X², β = √(1 − 4r); 0 below 2m_μ.
#[test]
fn dimuon_branching_ratios_follow_the_widths() {
    for m in [0.215, 0.25, 0.3, 0.385] {
        assert_eq!(dimuon_branching(KaonModel::MuonVector, m).unwrap(), 1.0);
        // Γ_μμ ∝ β³ vanishes at threshold, so Γ_γγ/Γ grows there (≈ 5 × 10⁻⁴ at 215 MeV).
        let s = dimuon_branching(KaonModel::MuonScalar, m).unwrap();
        let floor = if m < 0.25 { 1.0 - 1e-3 } else { 1.0 - 1e-4 };
        assert!(s < 1.0 && s > floor, "{m}: {s}");
        let r = (M_MU / m).powi(2);
        let b = (1.0 - 4.0 * r).sqrt();
        let expected = (1.0 + 2.0 * r) * b / ((1.0 + 2.0 * r) * b + 1.0);
        let l = dimuon_branching(KaonModel::LmuLtau, m).unwrap();
        assert!((l / expected - 1.0).abs() < 1e-12, "{m}: {l} vs {expected}");
    }
    for model in KaonModel::ALL {
        assert_eq!(dimuon_branching(model, 0.2).unwrap(), 0.0);
    }
}

/// The Kroll–Wada factor integrated numerically against its closed form
/// α/(3π)[β³/3 − 2β + ln((1+β)/(1−β))], and that closed form against the textbook large-Q²
/// limit α/(3π)[ln(Q²/m²) − 5/3].
#[test]
fn kroll_wada_integral_matches_closed_form() {
    use crate::numerics::{integrate, Tolerance};
    for q in [0.25, 0.3, 0.388] {
        let numeric = integrate(
            "Kroll-Wada",
            kroll_wada,
            4.0 * M_MU * M_MU,
            q * q,
            Tolerance::relative(1e-10),
        )
        .unwrap()
        .value;
        let closed = kroll_wada_integral(q * q);
        assert!(
            (numeric / closed - 1.0).abs() < 1e-8,
            "{q}: {numeric} vs {closed}"
        );
    }
    let q2 = 1e6 * M_MU * M_MU;
    let asymptotic = ALPHA / (3.0 * PI) * ((q2 / (M_MU * M_MU)).ln() - 5.0 / 3.0);
    assert!((kroll_wada_integral(q2) / asymptotic - 1.0).abs() < 1e-5);
    assert_eq!(kroll_wada(0.01), 0.0);
}

/// K⁺ → μ⁺νμ⁺μ⁻ normalisation: the pair-mass density integrates to 1, so the expected
/// background with a window over every mass is N_K𝒜 × 7 × 10⁻⁸ (seed 004); the seeded Monte Carlo
/// reproduces the quadrature density of the true pair mass (four bins, within 4σ).
#[test]
fn three_muon_background_is_normalised() {
    use crate::numerics::{integrate, Tolerance};
    let norm = pair_mass_normalisation().unwrap().value;
    let events = generate(Source::ThreeMuon, 75.0, 200_000, 7).unwrap();
    let total: f64 = events.iter().map(|e| e.weight).sum();
    let edges = [DIMUON_THRESHOLD, 0.23, 0.26, 0.3, MAX_X_MASS];
    for w in edges.windows(2) {
        let expected = integrate(
            "pair-mass bin",
            |q| pair_mass_density(q, norm).unwrap(),
            w[0],
            w[1],
            Tolerance::relative(1e-8),
        )
        .unwrap()
        .value;
        let (mut s, mut s2) = (0.0, 0.0);
        for e in events
            .iter()
            .filter(|e| e.true_pair_mass >= w[0] && e.true_pair_mass < w[1])
        {
            s += e.weight;
            s2 += e.weight * e.weight;
        }
        let mc = s / total;
        let sigma = s2.sqrt() / total;
        assert!(
            (mc - expected).abs() < 4.0 * sigma + 1e-3 * expected,
            "{w:?}: {mc} ± {sigma} vs {expected}"
        );
    }
    // With a window over every mass, the background is N_K 𝒜 × BR (both pairings in range).
    let search = VisibleSearch {
        window_sigmas: 10.0,
        ..VisibleSearch::default()
    };
    let c = search.counts(KaonModel::MuonScalar, 0.3, &events).unwrap();
    assert!(c.background_efficiency > 0.0 && c.background_efficiency < 1.0);
    let n = search.exposure.effective_kaons() * BR_K_3MU_NU;
    assert!((c.background / (n * c.background_efficiency) - 1.0).abs() < 1e-12);
}

/// The signal generator's weights integrate T_K over the Dalitz region: (1/N) Σ w × C equals
/// Γ(K → μνX)/(g² Γ(K → μν)) of the adaptive quadrature (rate.rs, REFERENCE §7), within the
/// Monte Carlo error; the true pair mass equals m_X.
#[test]
fn signal_weights_reproduce_the_rate() {
    let r = (M_MU / M_K).powi(2);
    let c = 1.0 / (16.0 * PI * PI * M_K.powi(4) * M_MU * M_MU * (1.0 - r).powi(2));
    for model in KaonModel::ALL {
        let m_x = 0.3;
        let n = 100_000;
        let events = generate(Source::Signal(model, m_x), 75.0, n, 11).unwrap();
        let (s, s2) = events.iter().fold((0.0, 0.0), |(a, b), e| {
            (a + e.weight, b + e.weight * e.weight)
        });
        let mean = s / n as f64;
        let sigma = ((s2 / n as f64 - mean * mean) / n as f64).sqrt();
        let expected = total_ratio(model, m_x).unwrap().value;
        assert!(
            (c * mean - expected).abs() < 4.0 * c * sigma,
            "{model}: {} ± {} vs {expected}",
            c * mean,
            c * sigma
        );
        for e in &events {
            assert!((e.true_pair_mass / m_x - 1.0).abs() < 1e-9);
            assert!(e.other_pair_mass >= 2.0 * M_MU * (1.0 - 1e-9));
            // Energy conservation: the three muons carry at most the kaon's lab energy.
            let e_k = (75.0_f64 * 75.0 + M_K * M_K).sqrt();
            assert!(e.lab.iter().map(|p| p[0]).sum::<f64>() <= e_k * (1.0 + 1e-12));
            // The lab four-vectors give the same pair mass as the kaon-frame ones.
            let [a, b, _] = e.lab;
            let m2 = (a[0] + b[0]).powi(2)
                - (a[1] + b[1]).powi(2)
                - (a[2] + b[2]).powi(2)
                - (a[3] + b[3]).powi(2);
            assert!((m2.sqrt() / m_x - 1.0).abs() < 1e-6);
        }
    }
}

/// Mass resolution: the exact propagation of δp/p ([`pair_mass_resolution`]) against a
/// finite-difference derivative of the invariant mass (tight), against the slides'
/// δm/m = ½ (δp₊/p₊ ⊕ δp₋/p₋) in the massless limit m ≫ 2m_μ, and against the analytic
/// symmetric case p₊ = p₋ = p: δm/m = ½ β² √2 δp/p with β² = 1 − 4m_μ²/m² (from
/// m² = 2m_μ² + 2(E₊E₋ − p₊p₋ cos θ): ∂m²/∂ln p₊ = 2p²(1 − cos θ) = m² − 4m_μ², so
/// ∂ln m/∂ln p = ½β² per muon).
#[test]
fn dimuon_resolution_matches_propagation() {
    let res = MomentumResolution::default();
    // a = 0.3 %, b = 0.005 %/GeV: at p = 10 GeV δp/p = √(9e-6 + 2.5e-7) = 3.0414e-3.
    let rel = dimuon_relative_resolution(&res, 10.0, 10.0);
    assert!((rel - 0.5 * std::f64::consts::SQRT_2 * (9e-6_f64 + 2.5e-7).sqrt()).abs() < 1e-15);
    let four = |p: f64, theta: f64, phi: f64| -> P4 {
        [
            (p * p + M_MU * M_MU).sqrt(),
            p * theta.sin() * phi.cos(),
            p * theta.sin() * phi.sin(),
            p * theta.cos(),
        ]
    };
    let mass = |a: P4, b: P4| {
        ((a[0] + b[0]).powi(2)
            - (a[1] + b[1]).powi(2)
            - (a[2] + b[2]).powi(2)
            - (a[3] + b[3]).powi(2))
        .sqrt()
    };
    for (p1, p2, t1, t2) in [
        (10.0, 20.0, 0.01, 0.012),
        (30.0, 5.0, 0.02, 0.015),
        (12.0, 12.0, 0.0125, 0.0125),
    ] {
        let a = four(p1, t1, 0.0);
        let b = four(p2, t2, PI);
        let m = mass(a, b);
        let h = 1e-5;
        let scaled = |p: P4, f: f64| -> P4 {
            let q = [p[1] * f, p[2] * f, p[3] * f];
            [
                (q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + M_MU * M_MU).sqrt(),
                q[0],
                q[1],
                q[2],
            ]
        };
        let d1 = (mass(scaled(a, 1.0 + h), b) - mass(scaled(a, 1.0 - h), b)) / (2.0 * h);
        let d2 = (mass(a, scaled(b, 1.0 + h)) - mass(a, scaled(b, 1.0 - h))) / (2.0 * h);
        let numeric = (d1 * res.relative(p1)).hypot(d2 * res.relative(p2));
        let exact = pair_mass_resolution(&res, a, b);
        assert!(
            (exact / numeric - 1.0).abs() < 1e-5,
            "{exact} vs {numeric} at m = {m}"
        );
        if p1 == p2 {
            let beta2 = 1.0 - 4.0 * M_MU * M_MU / (m * m);
            let analytic = m * 0.5 * beta2 * std::f64::consts::SQRT_2 * res.relative(p1);
            assert!(
                (exact / analytic - 1.0).abs() < 1e-6,
                "{exact} vs {analytic}"
            );
        }
    }
    // Massless limit: m = 3 GeV ≫ 2m_μ, the slides' formula within (2m_μ/m)² ≈ 5 × 10⁻³.
    let a = four(30.0, 0.05, 0.0);
    let b = four(30.0, 0.05, PI);
    let m = mass(a, b);
    let slides = m * dimuon_relative_resolution(&res, 30.0, 30.0);
    assert!((pair_mass_resolution(&res, a, b) / slides - 1.0).abs() < 6e-3);
}

/// Visible counts: the ±2σ̄ window keeps ≈ erf(√2) = 95.45 % of the true pairing (a little less
/// since the event widths scatter about their mean σ̄, a little more from the other pairing); identical results for the same seed; errors name the field for
/// m_X ≤ 2m_μ, m_X ≥ m_K − m_μ and an empty window.
#[test]
fn visible_counts_and_bad_input() {
    let search = VisibleSearch {
        events: 20_000,
        ..VisibleSearch::default()
    };
    let bkg = search.background_events().unwrap();
    let a = search.counts(KaonModel::MuonVector, 0.3, &bkg).unwrap();
    let b = search.counts(KaonModel::MuonVector, 0.3, &bkg).unwrap();
    assert_eq!(a, b);
    assert!(
        a.signal_efficiency > 0.93 && a.signal_efficiency < 0.97,
        "{}",
        a.signal_efficiency
    );
    assert!(a.background > 0.0 && a.signal_limit > 0.0);
    // σ_m/m ≈ ½β²√2 × 0.3 % (β² = 1 − 4m_μ²/m² = 0.504 at 300 MeV) for 10-40 GeV muons.
    let beta2 = 1.0 - 4.0 * M_MU * M_MU / 0.09;
    let r = a.sigma_m_gev / (0.3 * 0.5 * beta2 * std::f64::consts::SQRT_2 * 3e-3);
    assert!(r > 0.9 && r < 1.3, "{}", a.sigma_m_gev);
    let e = search
        .counts(KaonModel::MuonVector, 0.2, &bkg)
        .unwrap_err()
        .to_string();
    assert!(e.contains("m_X") && e.contains("2 m_mu"), "{e}");
    let e = search
        .counts(KaonModel::MuonVector, 0.39, &bkg)
        .unwrap_err()
        .to_string();
    assert!(e.contains("m_K - m_mu"), "{e}");
    let empty = VisibleSearch {
        window_sigmas: 0.0,
        ..search.clone()
    };
    let e = empty
        .counts(KaonModel::MuonVector, 0.3, &bkg)
        .unwrap_err()
        .to_string();
    assert!(e.contains("empty cut window"), "{e}");
    let negative = VisibleSearch {
        background_branching_ratio: -1e-8,
        ..search
    };
    assert!(matches!(negative.validate(), Err(Error::OutOfRange { .. })));
}

/// The window efficiencies leave out pairings more than 9 resolutions outside the window
/// (each would add less than ½ erfc(9/√2) = 1.1 × 10⁻¹⁹): they agree with the definition, the
/// Gaussian window probability P₁ + P₂ − P₁P₂ summed over every event of the sample, to 1e-14,
/// for the signal and the background, at masses from near threshold to the endpoint.
#[test]
fn window_efficiencies_are_the_sum_over_every_event() {
    let search = VisibleSearch {
        events: 20_000,
        ..VisibleSearch::default()
    };
    let res = search.momentum;
    let bkg = search.background_events().unwrap();
    let resolved = ResolvedPairs::new(&bkg, &res);
    let every_event = |events: &[DimuonEvent], (lo, hi): (f64, f64)| {
        let window = |m: f64, s: f64| {
            let s = s * std::f64::consts::SQRT_2;
            0.5 * (statrs::function::erf::erfc((lo - m) / s)
                - statrs::function::erf::erfc((hi - m) / s))
        };
        let (mut inside, mut total) = (0.0, 0.0);
        for e in events {
            let [plus_y, minus, plus_k] = e.lab;
            let f1 = window(e.true_pair_mass, pair_mass_resolution(&res, plus_y, minus));
            let f2 = window(e.other_pair_mass, pair_mass_resolution(&res, plus_k, minus));
            inside += e.weight * (f1 + f2 - f1 * f2);
            total += e.weight;
        }
        inside / total
    };
    for (model, m_x) in [
        (KaonModel::MuonVector, 0.215),
        (KaonModel::MuonScalar, 0.3),
        (KaonModel::LmuLtau, 0.38),
    ] {
        let c = search.counts_resolved(model, m_x, &resolved).unwrap();
        assert_eq!(c, search.counts(model, m_x, &bkg).unwrap());
        let signal = search.signal_events(model, m_x).unwrap();
        for (got, want) in [
            (c.signal_efficiency, every_event(&signal, c.window)),
            (c.background_efficiency, every_event(&bkg, c.window)),
        ] {
            assert!(want > 0.0, "m_X = {m_x}: empty window");
            assert!(
                (got / want - 1.0).abs() < 1e-14,
                "m_X = {m_x}: {got} vs {want}"
            );
        }
    }
}

/// The boosts without the muons are those of the full events (same stream, same values), below
/// and above 2m_μ, and bin to the same spectrum.
#[test]
fn boosts_are_those_of_the_full_events() {
    for (model, m_x) in [
        (KaonModel::LmuLtau, 0.05),
        (KaonModel::MuonScalar, 0.3),
        (KaonModel::MuonVector, 0.38),
    ] {
        let events = signal_boost_events(model, m_x, 75.0, 5_000, 11).unwrap();
        let boosts = signal_boosts(model, m_x, 75.0, 5_000, 11).unwrap();
        assert_eq!(events.len(), boosts.len());
        for (e, b) in events.iter().zip(&boosts) {
            assert_eq!(
                (
                    e.y_beta_gamma.to_bits(),
                    e.s12.to_bits(),
                    e.weight.to_bits()
                ),
                (b.beta_gamma.to_bits(), b.s12.to_bits(), b.weight.to_bits())
            );
        }
        let cut = events[0].s12;
        assert_eq!(
            BoostSpectrum::from_events(&events, |e| e.s12 >= cut).unwrap(),
            BoostSpectrum::from_boosts(&boosts, |b| b.s12 >= cut).unwrap()
        );
    }
    assert!(signal_boosts(KaonModel::MuonScalar, 0.3, 75.0, 0, 1).is_err());
    assert!(signal_boosts(KaonModel::MuonScalar, 0.3, -1.0, 10, 1).is_err());
}

/// The built-in na62 file: its reach rows follow the physics. Below 2m_μ the L_μ − L_τ vector
/// decays only to νν̄ (REFERENCE §4.2), so the invisible lower edge is the always-escaping
/// limit of the invisible search; a muon-only scalar above 2m_μ decays promptly to μμ, so the
/// invisible search excludes nothing there while the visible one does.
#[test]
fn na62_reach_rows_follow_the_physics() {
    let crate::experiment::Description::Kaon(na62) =
        crate::experiment::builtin_description("na62").unwrap()
    else {
        panic!("na62 is a kaon experiment");
    };
    let KaonSearch::Invisible(inv, InvisibleStatistic::Likelihood) = &na62.scenarios[0].search
    else {
        panic!("the first na62 scenario is the invisible likelihood search");
    };
    let g = invisible_interval(
        &na62,
        inv,
        InvisibleStatistic::Likelihood,
        KaonModel::LmuLtau,
        0.1,
    )
    .unwrap()
    .unwrap();
    let direct = inv.likelihood_limit(KaonModel::LmuLtau, 0.1).unwrap();
    assert!(
        (g.coupling_low / direct - 1.0).abs() < 1e-5,
        "{g:?} vs {direct}"
    );
    assert!(g.coupling_high.is_none());
    assert!(invisible_interval(
        &na62,
        inv,
        InvisibleStatistic::Likelihood,
        KaonModel::MuonScalar,
        0.3
    )
    .unwrap()
    .is_none());
    let visible = na62.scenarios.iter().find(|s| s.name == "visible").unwrap();
    let KaonSearch::Visible(vis) = &visible.search else {
        panic!("the na62 scenario 'visible' is the visible search");
    };
    let bkg = vis.background_events().unwrap();
    let v = visible_interval(&na62, vis, &bkg, KaonModel::MuonScalar, 0.3)
        .unwrap()
        .unwrap();
    // Prompt decays: the edge is where g² s₁ BR_μμ equals the Poisson limit.
    let c = vis.counts(KaonModel::MuonScalar, 0.3, &bkg).unwrap();
    let prompt = (c.signal_limit / (c.signal_per_g2 * c.dimuon_branching)).sqrt();
    assert!(
        (v.coupling_low / prompt - 1.0).abs() < 1e-4,
        "{v:?} vs {prompt}"
    );
    assert!(
        visible_interval(&na62, vis, &bkg, KaonModel::MuonScalar, 0.1)
            .unwrap()
            .is_none()
    );
}

/// The reach table does not depend on the number of threads (seeded samples per mass).
#[test]
fn reach_table_is_thread_independent() {
    let crate::experiment::Description::Kaon(mut na62) =
        crate::experiment::builtin_description("na62").unwrap()
    else {
        panic!("na62 is a kaon experiment");
    };
    na62.masses_gev = vec![0.05, 0.25, 0.3];
    na62.models = vec![KaonModel::LmuLtau];
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| reach_table(&na62, &|| {}).unwrap())
    };
    let one = run(1);
    assert_eq!(one.rows.len(), 3 * na62.scenarios.len());
    assert_eq!(one, run(2));
}
