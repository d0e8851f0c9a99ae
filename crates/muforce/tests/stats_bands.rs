//! Expected-limit bands and normalisation uncertainties of the binned likelihood, against
//! independent numbers: seeded pseudo-experiments (toys), the Fisher-information estimate of
//! the Gaussian regime, and ordering properties. (pyhf's own bands and limits with
//! systematics are compared in stats_pyhf.rs.)

use muforce::stats::{BinnedLikelihood, LimitMethod, Systematics, BANDS};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use statrs::distribution::{ContinuousCDF, Normal};

/// A Poisson count: a sum of counts of mean at most 100, each by inversion of the cumulative
/// distribution (a sum of Poisson variables is Poisson with the summed mean).
fn poisson(rng: &mut Pcg64, mean: f64) -> f64 {
    let pieces = (mean / 100.0).ceil().max(1.0);
    (0..pieces as usize)
        .map(|_| poisson_small(rng, mean / pieces))
        .sum()
}

fn poisson_small(rng: &mut Pcg64, mean: f64) -> f64 {
    let u: f64 = rng.random();
    let mut k = 0.0;
    let mut p = (-mean).exp();
    let mut cumulative = p;
    while cumulative < u && k < 10.0 * mean + 100.0 {
        k += 1.0;
        p *= mean / k;
        cumulative += p;
    }
    k
}

/// The asymptotic bands (CCGV EPJC 71 (2011) 1554, Eqs. 88–89) against the distribution of
/// the limits of 2000 seeded background-only pseudo-experiments of a three-bin analysis with
/// 500–1200 background events per bin, where the asymptotic formulas hold: the toy quantiles
/// at Φ(k) lie within 4 % of band k (the spread of the ±2σ quantiles of 2000 toys is ≈ 2 %).
/// With 50–120 events per bin the ±2σ toy quantiles are 5–8 % inside the asymptotic bands
/// (docs/statistics.md).
#[test]
fn bands_match_pseudo_experiments() {
    let signal = vec![19.0, 9.5, 3.2];
    let background = vec![500.0, 800.0, 1200.0];
    let asimov = BinnedLikelihood::asimov(signal.clone(), background.clone()).unwrap();
    let bands = asimov.expected_limits(LimitMethod::Cls, 0.95).unwrap();
    let mut rng = Pcg64::seed_from_u64(20_261_204);
    let mut limits: Vec<f64> = (0..2000)
        .map(|_| {
            let observed: Vec<f64> = background.iter().map(|&b| poisson(&mut rng, b)).collect();
            BinnedLikelihood::new(signal.clone(), background.clone(), observed)
                .unwrap()
                .upper_limit(LimitMethod::Cls, 0.95)
                .unwrap()
        })
        .collect();
    limits.sort_by(f64::total_cmp);
    let normal = Normal::standard();
    for (band, expected) in BANDS.iter().zip(bands) {
        let p = normal.cdf(f64::from(*band));
        let toy = limits[((p * limits.len() as f64) as usize).min(limits.len() - 1)];
        println!("band {band}: asymptotic {expected:.4}, toys {toy:.4}");
        assert!(
            (toy / expected - 1.0).abs() < 0.04,
            "band {band}: {toy} vs {expected}"
        );
    }
}

/// In the Gaussian regime (10⁵ background events per bin) the limit scales with the
/// standard deviation of μ̂, which with a background normalisation θ_b (log-normal, σ_b) is
/// √((F⁻¹)_μμ) from the Fisher matrix of the Asimov data (CCGV §3, Eqs. 17–18):
/// F_μμ = Σ s²/b, F_μθ = ln(1+σ_b) Σ s, F_θθ = ln(1+σ_b)² Σ b + 1. The ratio of the limits
/// with and without σ_b = 1 % is √(F_θθ F_μμ/(F_μμ F_θθ − F_μθ²)) = 1.308; the ratio of the limits,
/// 1.307, agrees to 1 %.
#[test]
fn background_uncertainty_follows_the_fisher_estimate() {
    let (s, b) = (vec![100.0, 50.0], vec![1e5, 4e5]);
    let limit = |sigma: f64| {
        BinnedLikelihood::asimov(s.clone(), b.clone())
            .unwrap()
            .with_systematics(Systematics::new(sigma, 0.0).unwrap())
            .upper_limit(LimitMethod::Cls, 0.95)
            .unwrap()
    };
    let k = 0.01_f64.ln_1p();
    let f_mm: f64 = s.iter().zip(&b).map(|(s, b)| s * s / b).sum();
    let f_mt = k * s.iter().sum::<f64>();
    let f_tt = k * k * b.iter().sum::<f64>() + 1.0;
    let fisher = (f_tt * f_mm / (f_mm * f_tt - f_mt * f_mt)).sqrt();
    let ratio = limit(0.01) / limit(0.0);
    println!("limit ratio {ratio:.4}, Fisher estimate {fisher:.4}");
    assert!((ratio / fisher - 1.0).abs() < 0.01, "{ratio} vs {fisher}");
}

/// ATLAS case A (GKSST arXiv:1906.09272; muforce's ρ histograms of a 16 MeV vector, Z sample,
/// data/reference/atlas_rho_histograms.json): a 10 % background normalisation uncertainty
/// weakens the limit by less than 10⁻⁴, because the 3 × 10⁷ events of the ρ core fix the
/// normalisation to ≈ 2 × 10⁻⁴ — the Fisher estimate above gives +2 × 10⁻⁶, pyhf +2 × 10⁻⁵.
#[test]
fn atlas_case_a_barely_moves_with_a_background_uncertainty() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/reference/atlas_rho_histograms.json"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = &json["cases"][0];
    assert_eq!(case["name"], "atlas_vector_16MeV_Z_A");
    let numbers = |v: &serde_json::Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    let likelihood =
        BinnedLikelihood::asimov(numbers(&case["signal"]), numbers(&case["background"])).unwrap();
    let without = likelihood.upper_limit(LimitMethod::Cls, 0.95).unwrap();
    let with = likelihood
        .clone()
        .with_systematics(Systematics::new(0.1, 0.0).unwrap())
        .upper_limit(LimitMethod::Cls, 0.95)
        .unwrap();
    let change = with / without - 1.0;
    println!("ATLAS case A, 10 % background uncertainty: limit x (1 + {change:.2e})");
    assert!(change > 0.0 && change < 1e-4, "{change}");
}

/// Zero uncertainty is the likelihood without nuisance parameters, bit for bit; a vanishing
/// one (1e-9) goes through the profiled code and gives the same limit to 1e-7.
#[test]
fn zero_systematics_leave_limits_unchanged() {
    for (s, b) in [
        (vec![1.0], vec![10.0]),
        (vec![3.0, 1.0, 0.2], vec![5.0, 20.0, 100.0]),
        (vec![100.0, 50.0], vec![1e5, 4e5]),
    ] {
        let plain = BinnedLikelihood::asimov(s.clone(), b.clone()).unwrap();
        let limit = plain.upper_limit(LimitMethod::Cls, 0.95).unwrap();
        let none = plain.clone().with_systematics(Systematics::NONE);
        assert_eq!(none.upper_limit(LimitMethod::Cls, 0.95).unwrap(), limit);
        assert_eq!(
            none.expected_limits(LimitMethod::Cls, 0.95).unwrap(),
            plain.expected_limits(LimitMethod::Cls, 0.95).unwrap()
        );
        let tiny = plain
            .clone()
            .with_systematics(Systematics::new(1e-9, 1e-9).unwrap())
            .upper_limit(LimitMethod::Cls, 0.95)
            .unwrap();
        assert!((tiny / limit - 1.0).abs() < 1e-7, "{tiny} vs {limit}");
    }
}

/// Band 0 is the expected limit; bands are out of range outside −2..2.
#[test]
fn median_band_is_the_expected_limit() {
    let l = BinnedLikelihood::asimov(vec![3.0, 1.0], vec![5.0, 20.0]).unwrap();
    for method in [
        LimitMethod::Cls,
        LimitMethod::ProfileLikelihood,
        LimitMethod::DeltaChi2(4.0),
    ] {
        let expected = l.upper_limit(method, 0.95).unwrap();
        let median = l.expected_limit(method, 0.95, 0).unwrap();
        assert!((median / expected - 1.0).abs() < 1e-8, "{method:?}");
    }
    assert!(l.expected_limit(LimitMethod::Cls, 0.95, 3).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// For any histogram: the bands are ordered (−2 strongest), every band weakens with more
    /// background and with a larger background uncertainty.
    #[test]
    fn bands_are_ordered_and_monotonic(
        s in prop::collection::vec(0.1f64..50.0, 1..5),
        scale in 0.5f64..500.0,
        sigma in 0.0f64..0.5,
    ) {
        let b: Vec<f64> = s.iter().enumerate().map(|(i, _)| scale * (1.0 + i as f64)).collect();
        let bands = |b: &[f64], sigma: f64| {
            BinnedLikelihood::asimov(s.clone(), b.to_vec())
                .unwrap()
                .with_systematics(Systematics::new(sigma, 0.0).unwrap())
                .expected_limits(LimitMethod::Cls, 0.95)
                .unwrap()
        };
        let base = bands(&b, sigma);
        for pair in base.windows(2) {
            prop_assert!(pair[0] < pair[1], "{:?}", base);
        }
        let more: Vec<f64> = b.iter().map(|x| 1.5 * x).collect();
        let heavier = bands(&more, sigma);
        let wider = bands(&b, sigma + 0.1);
        for k in 0..5 {
            prop_assert!(heavier[k] > base[k] * (1.0 - 1e-9), "{:?} {:?}", heavier, base);
            prop_assert!(wider[k] >= base[k] * (1.0 - 1e-6), "{:?} {:?}", wider, base);
        }
    }
}

/// An uncorrelated bin-by-bin background uncertainty δ is the likelihood's form of the
/// cut-and-count κ (the NA62 slides' S/√(B + κ²B²)): for one bin with 10⁶ background events
/// the Asimov CLs limit is 1.96 √(B + δ²B²) (CCGV Eq. 88 with q_{μ,A} = s²/(B + δ²B²), the
/// Gaussian variance of B with its constraint), to 0.3 %.
#[test]
fn bin_uncertainty_reproduces_the_cut_and_count_variance() {
    let b = 1e6;
    for delta in [1e-4, 1e-3, 1e-2] {
        let limit = BinnedLikelihood::asimov(vec![1.0], vec![b])
            .unwrap()
            .with_systematics(Systematics::NONE.with_bin_uncertainty(delta).unwrap())
            .upper_limit(LimitMethod::Cls, 0.95)
            .unwrap();
        let expected = 1.959_964 * (b + delta * delta * b * b).sqrt();
        println!("delta {delta}: {limit:.2} vs {expected:.2}");
        assert!(
            (limit / expected - 1.0).abs() < 3e-3,
            "{delta}: {limit} vs {expected}"
        );
    }
    assert!(Systematics::NONE.with_bin_uncertainty(1.5).is_err());
    assert!(Systematics::NONE.with_bin_uncertainty(f64::NAN).is_err());
}
