//! Expected-limit bands for counting experiments from the quantiles of the background-only
//! count distribution.

use super::counting::{
    check_hybrid_inputs, poisson_upper_limit_with_uncertainties, Smearing, MAX_HYBRID_COUNT,
};
use crate::error::{within, Error, Result};

/// Limit of the counting analysis at band `band` ∈ {−2, −1, 0, 1, 2} (σ of the background-only
/// distribution of the limit; −2 is the strongest limit, 0 the median).
///
/// Under the background-only hypothesis the count n is Poisson with mean b′, b′ averaged over
/// the same log-normal background uncertainty as in
/// [`poisson_upper_limit_with_uncertainties`] (the prior-predictive distribution of the
/// Cousins–Highland hybrid, NIM A 320 (1992) 331; with σ_b = 0 it is Poisson(b)). Band k takes
/// the smallest n with P(N ≤ n) ≥ Φ(k) (Φ the standard normal CDF, Φ(−2) = 0.02275, …; the
/// quantile definition of the ±1σ/±2σ expected-limit bands, Cowan, Cranmer, Gross, Vitells,
/// EPJC 71 (2011) 1554, §5, applied to the discrete count) and returns the hybrid limit for
/// that n. Since n is an integer the bands are discrete steps for small b: neighbouring bands
/// may coincide and the band moves in jumps as b varies. `background` and the band's count may
/// be at most [`MAX_HYBRID_COUNT`].
pub fn counting_band_limit(
    background: f64,
    background_rel_uncertainty: f64,
    signal_rel_uncertainty: f64,
    cl: f64,
    band: i32,
) -> Result<f64> {
    check_hybrid_inputs(
        background,
        background_rel_uncertainty,
        signal_rel_uncertainty,
        cl,
    )?;
    let n = band_count(background, background_rel_uncertainty, band)?;
    poisson_upper_limit_with_uncertainties(
        n,
        background,
        background_rel_uncertainty,
        signal_rel_uncertainty,
        cl,
    )
}

/// The five bands of [`counting_band_limit`], ordered −2, −1, 0, 1, 2; non-decreasing. Bands
/// that fall on the same count share one limit computation.
pub fn counting_bands(
    background: f64,
    background_rel_uncertainty: f64,
    signal_rel_uncertainty: f64,
    cl: f64,
) -> Result<[f64; 5]> {
    check_hybrid_inputs(
        background,
        background_rel_uncertainty,
        signal_rel_uncertainty,
        cl,
    )?;
    let mut limits = [0.0; 5];
    let mut previous: Option<(u64, f64)> = None;
    for (limit, band) in limits.iter_mut().zip(super::BANDS) {
        let n = band_count(background, background_rel_uncertainty, band)?;
        *limit = match previous {
            Some((m, value)) if m == n => value,
            _ => poisson_upper_limit_with_uncertainties(
                n,
                background,
                background_rel_uncertainty,
                signal_rel_uncertainty,
                cl,
            )?,
        };
        previous = Some((n, *limit));
    }
    Ok(limits)
}

/// Φ(k) for k = −2 … 2, the standard normal CDF to double precision (mpmath 1.3 `ncdf` at
/// 30 digits; statrs's `erfc` is off by 4.5·10⁻¹¹ relatively at Φ(−2)).
const BAND_PROBABILITIES: [f64; 5] = [
    0.022_750_131_948_179_207,
    0.158_655_253_931_457_05,
    0.5,
    0.841_344_746_068_542_9,
    0.977_249_868_051_820_8,
];

/// Φ(band), checking that the band is one of −2 … 2.
pub(super) fn band_probability(band: i32) -> Result<f64> {
    if !(-2..=2).contains(&band) {
        return Err(Error::out_of_range(
            "band",
            band,
            "must be one of -2, -1, 0, 1, 2 (sigma of the expected-limit band)",
        ));
    }
    Ok(BAND_PROBABILITIES[(band + 2) as usize])
}

/// The count of band `band`: the smallest n with P(N ≤ n) ≥ Φ(band) under the background-only
/// hypothesis (n ~ Poisson(b′), b′ log-normal of median b and width ln(1 + σ_b)). The
/// averaged CDF is accurate to 10⁻⁹ relatively, which could only matter were P(N ≤ n) that
/// close to Φ(band).
pub(super) fn band_count(
    background: f64,
    background_rel_uncertainty: f64,
    band: i32,
) -> Result<u64> {
    let p = band_probability(band)?;
    within("background", background, 0.0, MAX_HYBRID_COUNT)?;
    let smearing = Smearing::new(background, background_rel_uncertainty, 0.0);
    let scale = p.min(1.0 - p);
    let reaches = |n: u64| Ok::<_, Error>(smearing.cdf(n, 0.0, scale)?.value >= p);
    if reaches(0)? {
        return Ok(0);
    }
    // Exponential search for a count that reaches p, then bisection on the integers.
    let cap = MAX_HYBRID_COUNT as u64;
    let mut lo = 0;
    let mut hi = (background.ceil() as u64).clamp(1, cap);
    while !reaches(hi)? {
        if hi == cap {
            return Err(Error::out_of_range(
                "background",
                background,
                format!(
                    "band {band} needs a background-only count above {cap}: reduce the background \
                     or its uncertainty"
                ),
            ));
        }
        lo = hi;
        hi = hi.saturating_mul(2).min(cap);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reaches(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(hi)
}

#[cfg(test)]
mod tests {
    use super::super::counting::poisson_cdf;
    use super::super::{zero_background_limit, BANDS};
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_pcg::Pcg64;
    use std::collections::HashMap;

    /// A Poisson(mean) count by inverting the CDF with a sequential search (L. Devroye,
    /// Non-Uniform Random Variate Generation, Springer 1986); fine for the small means here.
    fn poisson_draw(rng: &mut Pcg64, mean: f64) -> u64 {
        let u: f64 = rng.random();
        let (mut n, mut term) = (0, (-mean).exp());
        let mut cdf = term;
        while u > cdf && n < 100_000 {
            n += 1;
            term *= mean / n as f64;
            cdf += term;
        }
        n
    }

    /// A unit normal by Box–Muller (G. E. P. Box, M. E. Muller, Ann. Math. Stat. 29 (1958) 610).
    fn normal_draw(rng: &mut Pcg64) -> f64 {
        let u1: f64 = 1.0 - rng.random::<f64>();
        let u2: f64 = rng.random();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// Seeded toys: n ~ Poisson(b′), b′ = b (1 + σ_b)^z (b′ = b for σ_b = 0), the limit of each
    /// toy from `poisson_upper_limit_with_uncertainties` (memoised per count: the same
    /// deterministic call), then the empirical quantile at Φ(k) — the smallest value whose
    /// empirical CDF reaches Φ(k), i.e. the ⌈Φ(k)·N⌉-th smallest — of the limits and of the
    /// counts.
    fn check_against_toys(background: f64, sigma_b: f64, sigma_s: f64, seed: u64) {
        const TOYS: usize = 10_000;
        let cl = 0.9;
        let bands = counting_bands(background, sigma_b, sigma_s, cl).unwrap();
        let mut rng = Pcg64::seed_from_u64(seed);
        let w = sigma_b.ln_1p();
        let mut memo = HashMap::new();
        let mut counts = Vec::with_capacity(TOYS);
        let mut limits = Vec::with_capacity(TOYS);
        for _ in 0..TOYS {
            let mean = if sigma_b > 0.0 {
                background * (w * normal_draw(&mut rng)).exp()
            } else {
                background
            };
            let n = poisson_draw(&mut rng, mean);
            let limit = *memo.entry(n).or_insert_with(|| {
                poisson_upper_limit_with_uncertainties(n, background, sigma_b, sigma_s, cl).unwrap()
            });
            counts.push(n);
            limits.push(limit);
        }
        counts.sort_unstable();
        limits.sort_by(f64::total_cmp);
        for (k, band) in BANDS.into_iter().enumerate() {
            let p = band_probability(band).unwrap();
            let index = (p * TOYS as f64).ceil() as usize - 1;
            assert_eq!(
                counts[index],
                band_count(background, sigma_b, band).unwrap(),
                "band {band}"
            );
            assert_eq!(limits[index].to_bits(), bands[k].to_bits(), "band {band}");
        }
    }

    /// Bands against 10 000 seeded toys (`rand_pcg::Pcg64`) for b = 3.2 with nominal
    /// background (n ~ Poisson(3.2): counts 0, 1, 3, 5, 7 at Φ(−2 … 2); the CDF of each count
    /// and of its neighbour stay ≥ 0.0059 away from Φ(k), ≥ 3.4 standard deviations of the
    /// toys' empirical CDF) and with σ_b = 0.3 (b′ log-normal: counts 0, 1, 3, 5, 8, margins
    /// ≥ 0.0072, ≥ 4.8 standard deviations).
    #[test]
    fn bands_match_seeded_toys() {
        check_against_toys(3.2, 0.0, 0.1, 20_240_601);
        check_against_toys(3.2, 0.3, 0.1, 19_920_331);
    }

    /// Counts of the bands for b = 3.2 from the Poisson sum Σ_{k≤n} e^{−b}bᵏ/k! summed term by
    /// term, and Φ(k) against Abramowitz & Stegun Table 26.1 (15 decimals: Φ(1) =
    /// 0.841344746068543, Φ(2) = 0.977249868051821) and the symmetry Φ(−k) = 1 − Φ(k).
    #[test]
    fn band_counts_are_poisson_quantiles() {
        let phi = |k| band_probability(k).unwrap();
        assert!((phi(1) - 0.841_344_746_068_543).abs() < 1e-15);
        assert!((phi(2) - 0.977_249_868_051_821).abs() < 1e-15);
        assert_eq!(phi(0), 0.5);
        for k in [1, 2] {
            // 1 − Φ(k) is rounded to the ulp of Φ(k), 1.1·10⁻¹⁶.
            assert!((phi(-k) - (1.0 - phi(k))).abs() <= 1.2e-16, "{k}");
        }
        let b: f64 = 3.2;
        for band in BANDS {
            let p = band_probability(band).unwrap();
            let (mut n, mut term) = (0u64, (-b).exp());
            let mut cdf = term;
            while cdf < p {
                n += 1;
                term *= b / n as f64;
                cdf += term;
            }
            assert_eq!(band_count(b, 0.0, band).unwrap(), n, "band {band}");
        }
        let counts: Vec<u64> = BANDS
            .into_iter()
            .map(|k| band_count(3.2, 0.0, k).unwrap())
            .collect();
        assert_eq!(counts, [0, 1, 3, 5, 7]);
        // Large b: the median count of Poisson(b) lies in [b − ln 2, b + 1/3] (Choi, Proc. AMS
        // 121 (1994) 245).
        for b in [1e3, 12_345.6, 1e6] {
            let median = band_count(b, 0.0, 0).unwrap() as f64;
            assert!(
                median >= b - std::f64::consts::LN_2 && median <= b + 1.0 / 3.0,
                "{b}"
            );
            assert!(poisson_cdf(median as u64, b).unwrap() >= 0.5);
        }
    }

    /// Ordering (the limit grows with n, so the quantiles keep their order: −2 ≤ … ≤ 2), the
    /// single-band function agrees with the array, and for b = 0 every band is the
    /// zero-background limit −ln(1 − CL) (PDG Review "Statistics", Table 40.3) — with a signal
    /// uncertainty the hybrid limit for n = 0.
    #[test]
    fn bands_are_ordered_and_zero_background_is_the_zero_count_limit() {
        for b in [0.0, 0.05, 0.5, 1.0, 3.2, 10.0, 40.0] {
            for (sb, ss) in [(0.0, 0.0), (0.2, 0.1), (1.0, 0.5)] {
                let bands = counting_bands(b, sb, ss, 0.95).unwrap();
                assert!(bands.windows(2).all(|p| p[0] <= p[1]), "{b}: {bands:?}");
                assert!(bands.iter().all(|l| l.is_finite() && *l >= 0.0));
                for (k, band) in BANDS.into_iter().enumerate() {
                    let one = counting_band_limit(b, sb, ss, 0.95, band).unwrap();
                    assert_eq!(one.to_bits(), bands[k].to_bits(), "{b} {band}");
                }
            }
        }
        for cl in [0.9, 0.95] {
            let zero = zero_background_limit(cl).unwrap();
            for sb in [0.0, 0.5] {
                let bands = counting_bands(0.0, sb, 0.0, cl).unwrap();
                assert!(
                    bands.iter().all(|l| l.to_bits() == zero.to_bits()),
                    "{bands:?}"
                );
            }
            let with_signal = counting_band_limit(0.0, 0.0, 0.2, cl, 0).unwrap();
            let hybrid = poisson_upper_limit_with_uncertainties(0, 0.0, 0.0, 0.2, cl).unwrap();
            assert_eq!(with_signal.to_bits(), hybrid.to_bits());
            assert!(with_signal > zero);
        }
        // Discrete steps: while e^{−b} ≥ Φ(2) every band is at n = 0.
        let bands = counting_bands(0.02, 0.0, 0.0, 0.9).unwrap();
        assert!(bands.iter().all(|l| *l == bands[0]), "{bands:?}");
    }

    /// Bad input: errors name the field and what is allowed.
    #[test]
    fn bad_band_input_names_the_field() {
        for band in [-3, 3, i32::MIN] {
            let err = counting_band_limit(1.0, 0.1, 0.1, 0.9, band)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(&format!("band = {band} ")), "{err}");
        }
        let err = counting_bands(1.0, -0.1, 0.1, 0.9).unwrap_err().to_string();
        assert!(err.starts_with("background_rel_uncertainty = "), "{err}");
        let err = counting_bands(1.0, 0.1, f64::NAN, 0.9)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("signal_rel_uncertainty = "), "{err}");
        let err = counting_bands(-1.0, 0.1, 0.1, 0.9).unwrap_err().to_string();
        assert!(err.starts_with("background = "), "{err}");
        let err = counting_bands(1e7, 0.0, 0.0, 0.9).unwrap_err().to_string();
        assert!(err.starts_with("background = "), "{err}");
        let err = counting_band_limit(5e5, 10.0, 0.0, 0.9, 2)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("background = ") && err.contains("band 2"),
            "{err}"
        );
        let err = counting_bands(1.0, 0.1, 0.1, 1.0).unwrap_err().to_string();
        assert!(err.starts_with("confidence level = "), "{err}");
    }
}
