//! Tests of the K⁺ → μ⁺νγ background and of the invisible-search statistics.

use super::*;
use crate::units::{M_K, M_MU};

/// Low's theorem: E_γ dΓ_IB/dE_γ / Γ(K→μν) → (α/π)[(1/β) ln((1+β)/(1−β)) − 2] as E_γ → 0 (the
/// eikonal limit, independent of the BEG density). Corrections are O(x).
#[test]
fn ib_photon_spectrum_has_the_soft_photon_limit() {
    let want = soft_photon_limit();
    for x in [1e-4, 1e-5] {
        let got = x * ib_photon_spectrum(x).unwrap().value;
        eprintln!("x = {x:e}: x dΓ/dx/Γ = {got:.6e}, Low limit {want:.6e}");
        assert!((got / want - 1.0).abs() < 20.0 * x, "{got} vs {want}");
    }
}

/// The change of variables to m²_miss: ∫ dm²_miss of the missing-mass density (no veto,
/// E_γ > 20 MeV) equals the IB rate above 20 MeV from the photon spectrum.
#[test]
fn ib_missing_mass_density_integrates_to_the_ib_rate() {
    use crate::numerics::{try_integrate, Tolerance};
    let e_cut = 0.02;
    let total = ib_fraction_above(e_cut).unwrap().value;
    let veto = PhotonVeto::none();
    let s_max = (M_K - M_MU).powi(2);
    let via_m2 = try_integrate(
        "test",
        |s| ib_missing_mass_density(s, &veto, e_cut),
        0.0,
        s_max,
        Tolerance::relative(1e-7),
    )
    .unwrap()
    .value;
    eprintln!("Γ_IB(E_γ > 20 MeV)/Γ(K→μν) = {total:.6e}; via m²_miss {via_m2:.6e}");
    assert!((via_m2 / total - 1.0).abs() < 1e-5, "{via_m2} vs {total}");
    // The IB rate is of order α/π × logs: a few per mille.
    assert!(total > 1e-3 && total < 2e-2, "{total}");
}

/// The photon-veto model lowers the tail monotonically and never below the floor.
#[test]
fn photon_veto_and_ib_density_behave() {
    let veto = PhotonVeto::default();
    assert!((veto.inefficiency(0.0) - 1.0).abs() < 1e-15);
    assert!(veto.inefficiency(0.2) >= veto.floor);
    assert!(veto.inefficiency(0.05) > veto.inefficiency(0.1));
    let none = PhotonVeto::none();
    let s_max = (M_K - M_MU).powi(2);
    for i in 1..50 {
        let s = s_max * f64::from(i) / 50.0;
        let open = ib_missing_mass_density(s, &none, 0.0).unwrap();
        let vetoed = ib_missing_mass_density(s, &veto, 0.0).unwrap();
        assert!(
            open > 0.0 && vetoed > 0.0 && vetoed < open,
            "{s}: {open} {vetoed}"
        );
    }
    assert!(PhotonVeto {
        floor: 1.5,
        soft_scale_gev: 0.01
    }
    .validate()
    .is_err());
    assert!(PhotonVeto {
        floor: 0.1,
        soft_scale_gev: -1.0
    }
    .validate()
    .is_err());
}

/// Peak width from δp/p = 0.3 % ⊕ 0.005 %·p/GeV at p = 25 GeV, P_K = 75 GeV:
/// |m_μ²(2·75/25 − 1) − m_K²| × √(0.003² + 0.00125²) = 0.18790 × 0.00325 = 6.107e-4 GeV².
#[test]
fn k_mu_nu_peak_width_and_tail() {
    let res = MissingMassResolution::default();
    let lever = (M_MU * M_MU * 5.0 - M_K * M_K).abs();
    let want = lever * (0.003f64.powi(2) + 0.00125f64.powi(2)).sqrt();
    assert!((res.sigma_m2() / want - 1.0).abs() < 1e-12);
    assert!(
        (res.sigma_m2() - 6.107e-4).abs() < 1e-6,
        "{}",
        res.sigma_m2()
    );
    assert!((res.peak_fraction(0.0, 1.0) - 0.5).abs() < 1e-12);
    let s = res.sigma_m2();
    // One-sided Gaussian tail beyond 2σ: 0.02275.
    assert!((res.peak_fraction(2.0 * s, 1.0) - 0.022_750_13).abs() < 1e-7);
    // The L1 cut is ~38σ away: the peak is negligible there, but not NaN.
    let far = res.peak_fraction(L1_CUT_M2, 0.2);
    assert!((0.0..1e-100).contains(&far));
}

/// S/√(B + κ²B²) = 2 (NA62 slides): B = 100 gives S = 20 at κ = 0 and 2√(100 + 100) at κ = 0.1.
#[test]
fn required_signal_of_the_cut_and_count() {
    assert!((required_signal(100.0, 0.0, 2.0).unwrap() - 20.0).abs() < 1e-12);
    assert!((required_signal(100.0, 0.1, 2.0).unwrap() - 2.0 * 200f64.sqrt()).abs() < 1e-12);
    let err = required_signal(100.0, -0.1, 2.0).unwrap_err();
    assert!(err.to_string().contains("kappa"), "{err}");
}

/// Scaling of the cut-and-count reach: S ∝ N g² and B ∝ N, so g_lim ∝ N^{-1/4} at κ = 0 and
/// g_lim → const for κ²B ≫ 1.
#[test]
fn cut_and_count_reach_scales_with_exposure() {
    let model = KaonModel::LmuLtau;
    let m_x = 0.05;
    let base = InvisibleSearch::default();
    let mut more = base;
    more.exposure.kaons *= 16.0;
    let g1 = base.cut_and_count_limit(model, m_x).unwrap();
    let g16 = more.cut_and_count_limit(model, m_x).unwrap();
    assert!((g1 / g16 - 2.0).abs() < 1e-9, "{g1} {g16}");
    let mut sys = base;
    sys.kappa = 1e-2;
    let mut sys_more = sys;
    sys_more.exposure.kaons *= 16.0;
    let a = sys.cut_and_count_limit(model, m_x).unwrap();
    let b = sys_more.cut_and_count_limit(model, m_x).unwrap();
    assert!((a / b - 1.0).abs() < 1e-3, "{a} {b}");
}

/// One bin, large background: Λ(S) = 2[(S+B) ln(1 + S/B) − S] ≈ S²/B, so Λ < 4 gives S ≈ 2√B,
/// the κ = 0 cut and count; with 20 bins the likelihood does at least as well.
#[test]
fn likelihood_reach_agrees_with_cut_and_count_for_one_bin() {
    let one = InvisibleSearch {
        bins: 1,
        ..InvisibleSearch::default()
    };
    for model in KaonModel::ALL {
        for m_x in [0.02, 0.1, 0.25] {
            let cc = one.cut_and_count_limit(model, m_x).unwrap();
            let ll = one.likelihood_limit(model, m_x).unwrap();
            assert!((ll / cc - 1.0).abs() < 1e-3, "{model} {m_x}: {ll} vs {cc}");
            let binned = InvisibleSearch::default()
                .likelihood_limit(model, m_x)
                .unwrap();
            assert!(
                binned <= ll * (1.0 + 1e-6),
                "{model} {m_x}: {binned} vs {ll}"
            );
        }
    }
}

/// Bad configuration is an error naming the field.
#[test]
fn bad_search_settings_are_errors() {
    let s = InvisibleSearch {
        kappa: -1e-3,
        ..InvisibleSearch::default()
    };
    let err = s
        .cut_and_count_limit(KaonModel::MuonScalar, 0.05)
        .unwrap_err();
    assert!(err.to_string().contains("kappa"), "{err}");
    let s = InvisibleSearch {
        m2_lower: 0.2,
        ..InvisibleSearch::default()
    };
    let err = s
        .cut_and_count_limit(KaonModel::MuonScalar, 0.05)
        .unwrap_err();
    assert!(err.to_string().contains("window"), "{err}");
    let s = InvisibleSearch {
        bins: 0,
        ..InvisibleSearch::default()
    };
    assert!(s.likelihood_limit(KaonModel::MuonScalar, 0.05).is_err());
    let mut s = InvisibleSearch::default();
    s.exposure.acceptance = 1.5;
    assert!(s
        .counts(KaonModel::MuonScalar, 0.05)
        .unwrap_err()
        .to_string()
        .contains("acceptance"));
    let err = InvisibleSearch::default()
        .cut_and_count_limit(KaonModel::MuonScalar, MAX_X_MASS)
        .unwrap_err();
    assert!(err.to_string().contains("m_X"), "{err}");
}

/// Projected reach at 10¹³ K⁺, printed for the record with loose sanity bounds; the comparison
/// with the (g−2)_μ band of arXiv:1902.07715 is the next test.
#[test]
fn projected_reach_is_in_the_expected_range() {
    let search = InvisibleSearch::default();
    let mut sys = search;
    sys.kappa = 1e-3;
    for model in KaonModel::ALL {
        for m_x in [0.01, 0.05, 0.1, 0.2, 0.3] {
            let counts = search.counts(model, m_x).unwrap();
            let cc = search.cut_and_count_limit(model, m_x).unwrap();
            let cc_sys = sys.cut_and_count_limit(model, m_x).unwrap();
            let ll = search.likelihood_limit(model, m_x).unwrap();
            eprintln!(
                "{model:12} m_X = {m_x:5.3}: S/g² = {:.3e}, B = {:.3e}, g_lim cut&count {cc:.3e} (κ=1e-3: {cc_sys:.3e}), likelihood {ll:.3e}",
                counts.signal_per_g2, counts.background
            );
            assert!(cc > 1e-6 && cc < 1e-1 && ll > 1e-6 && ll < 1e-1);
            assert!(cc_sys >= cc);
        }
    }
}

/// The reach curve is the same on one thread as on several (rayon over independent masses).
#[test]
fn reach_curve_is_thread_count_independent() {
    let search = InvisibleSearch::default();
    let masses = [0.01, 0.05, 0.1, 0.2, 0.3];
    let many = search.reach_curve(KaonModel::LmuLtau, &masses).unwrap();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| search.reach_curve(KaonModel::LmuLtau, &masses).unwrap());
    assert_eq!(many, one);
    for (p, m) in many.iter().zip(masses) {
        assert_eq!(p.mass_gev, m);
        assert_eq!(
            p.g_cut_and_count,
            search.cut_and_count_limit(KaonModel::LmuLtau, m).unwrap()
        );
    }
}

/// arXiv:1902.07715 (abstract): a single-muon analysis of 10¹³ K⁺ at NA62 "could probe much of
/// the remaining (g−2)_μ favored parameter space". The band coupling follows from REFERENCE §8
/// item 1 (Δa_μ at g = 10⁻³: vector 9.912e-9 and 2.804e-9, scalar 1.607e-8 and 6.594e-9 at
/// m_X = 10 and 100 MeV; Δa_μ ∝ g²) for Δa_μ = 2.51 × 10⁻⁹ (FNAL 2021 + BNL average): the
/// projected likelihood reach must lie below it.
#[test]
fn projected_reach_covers_the_g_minus_2_band_below_100_mev() {
    let search = InvisibleSearch::default();
    let target: f64 = 2.51e-9;
    let cases = [
        (KaonModel::LmuLtau, 0.01, 9.912e-9),
        (KaonModel::LmuLtau, 0.1, 2.804e-9),
        (KaonModel::MuonScalar, 0.01, 1.607e-8),
        (KaonModel::MuonScalar, 0.1, 6.594e-9),
    ];
    for (model, m_x, delta_a_at_1e3) in cases {
        let band = 1e-3 * (target / delta_a_at_1e3).sqrt();
        let reach = search.likelihood_limit(model, m_x).unwrap();
        eprintln!("{model} m_X = {m_x}: g-2 band g = {band:.3e}, reach {reach:.3e}");
        assert!(reach < band, "{model} {m_x}: {reach} vs {band}");
    }
}
