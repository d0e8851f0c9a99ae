//! The |t| draw against the photon-flux integrand integrated by adaptive quadrature
//! ([`FormFactor::flux`], REFERENCE §3): χ² tests over ranges that probe the screening rise,
//! the plateau, the nuclear fall-off and the inelastic tail.

use super::t_draw::TDraw;
use crate::matter::{FormFactor, FormFactorModel, Material};
use rand::SeedableRng;
use rand_pcg::Pcg64;

/// Draws `n` values of |t| on [t_min, t_max] and compares the histogram in 24 equal bins of
/// ln t with the bin probabilities [χ(t_min, t_b) − χ(t_min, t_a)] / χ(t_min, t_max), where
/// χ(t_min, T) = ∫_{t_min}^{T} (1 − t_min/t) G₂ d ln t.
fn check(form_factor: FormFactor, t_min: f64, t_max: f64, seed: u64) {
    const BINS: usize = 24;
    let n = 200_000_u32;
    let draw = TDraw::new(form_factor);
    let (lo, hi) = TDraw::clip(t_min, t_max).unwrap();
    let mut rng = Pcg64::seed_from_u64(seed);
    let (l0, l1) = (lo.ln(), hi.ln());
    let mut counts = [0.0; BINS];
    for _ in 0..n {
        let t = draw.draw(t_min, t_max, &mut rng).unwrap();
        assert!((lo..=hi).contains(&t), "t = {t} outside [{lo}, {hi}]");
        let b = (((t.ln() - l0) / (l1 - l0)) * BINS as f64) as usize;
        counts[b.min(BINS - 1)] += 1.0;
    }
    let flux = |t: f64| form_factor.flux(lo, t, 1e-9).unwrap().value;
    let total = flux(hi);
    let mut chi2 = 0.0;
    let mut dof = 0_u32;
    let mut previous = 0.0;
    for (b, count) in counts.iter().enumerate() {
        let upper = if b + 1 == BINS {
            total
        } else {
            flux((l0 + (l1 - l0) * (b + 1) as f64 / BINS as f64).exp())
        };
        let expected = (upper - previous) / total * f64::from(n);
        previous = upper;
        if expected >= 5.0 {
            chi2 += (count - expected).powi(2) / expected;
            dof += 1;
        }
    }
    let dof = f64::from(dof) - 1.0;
    assert!(
        chi2 < dof + 5.0 * (2.0 * dof).sqrt(),
        "t in [{t_min:e}, {t_max:e}]: chi2 {chi2:.1} for {dof} dof"
    );
}

#[test]
fn t_follows_the_photon_flux_integrand() {
    for (name, model) in [
        ("Fe", FormFactorModel::Full),
        ("Pb", FormFactorModel::Full),
        ("W", FormFactorModel::Elastic),
    ] {
        let ff = FormFactor::new(&Material::built_in(name).unwrap(), model);
        // Plateau and nuclear fall-off; screening rise; the far tail; a range barely open.
        for (k, (t_min, t_max)) in [(1e-6, 5.0), (1e-14, 1e-6), (0.05, 40.0), (1e-4, 1.2e-4)]
            .into_iter()
            .enumerate()
        {
            check(ff, t_min, t_max, 7 + k as u64);
        }
    }
}

#[test]
fn ranges_outside_the_tabulated_span_are_refused() {
    assert!(TDraw::clip(1e-20, 1e-17).is_none());
    assert!(TDraw::clip(60.0, 100.0).is_none());
    assert!(TDraw::clip(1.0, 1.0).is_none());
    assert!(TDraw::clip(f64::NAN, 1.0).is_none());
    assert!(TDraw::clip(1e-3, f64::NAN).is_none());
    assert_eq!(TDraw::clip(1e-20, 100.0), Some((1e-16, 50.0)));
    let draw = TDraw::new(FormFactor::new(
        &Material::built_in("Cu").unwrap(),
        FormFactorModel::Full,
    ));
    let mut rng = Pcg64::seed_from_u64(3);
    assert_eq!(draw.draw(2.0, 1.0, &mut rng), None);
    assert_eq!(draw.draw(f64::NAN, f64::INFINITY, &mut rng), None);
    // A narrow range follows 1 − t_min/t ∝ t − t_min, density 2f in f = (t − t_min)/width.
    let (t_min, t_max) = (1e-3, 1e-3 * (1.0 + 5e-10));
    let n = 100_000_u32;
    let mut counts = [0.0; 10];
    for _ in 0..n {
        let f = (draw.draw(t_min, t_max, &mut rng).unwrap() - t_min) / (t_max - t_min);
        counts[((f * 10.0) as usize).min(9)] += 1.0;
    }
    let chi2: f64 = (0..10)
        .map(|b| {
            let expected = f64::from(n) * f64::from(2 * b + 1) / 100.0;
            (counts[b as usize] - expected).powi(2) / expected
        })
        .sum();
    assert!(chi2 < 9.0 + 5.0 * 18f64.sqrt(), "narrow range: chi2 {chi2}");
    // Ranges too narrow for rejection: drawn inside, at any width down to one ulp.
    for t_min in [1e-10, 1e-3, 1.0] {
        for width in [1e-12, 1e-15, f64::EPSILON] {
            let t_max = t_min * (1.0 + width);
            let t = draw.draw(t_min, t_max, &mut rng).unwrap();
            assert!(
                (t_min..=t_max).contains(&t),
                "{t} outside [{t_min}, {t_max}]"
            );
        }
    }
}
