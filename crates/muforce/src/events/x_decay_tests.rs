//! X decays against independent expectations: four-momentum conservation and the invariant
//! mass of the products, the lab decay length of `DecayTable::decay_length_m` (CPZ Eq. 9), the
//! branching ratios of `DecayTable`, isotropy in the rest frame, and thread independence.

use super::kinematics::boost;
use super::tests::{generator_for, on_threads};
use super::*;
use crate::model::{Channel, DecayTable, Lepton, Preset, Spin};

fn minkowski(p: &FourVector) -> f64 {
    p[0] * p[0] - p[1] * p[1] - p[2] * p[2] - p[3] * p[3]
}

/// An X of mass `m` and energy `e` along a fixed oblique direction.
fn x_of(m: f64, e: f64) -> FourVector {
    let p = ((e - m) * (e + m)).sqrt();
    let n = [0.3_f64, -0.2, 1.0];
    let norm = (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]).sqrt();
    [e, p * n[0] / norm, p * n[1] / norm, p * n[2] / norm]
}

/// χ² of `counts` against expected `expected` (equal lengths).
fn chi2(counts: &[f64], expected: &[f64]) -> f64 {
    counts
        .iter()
        .zip(expected)
        .map(|(n, e)| (n - e) * (n - e) / e)
        .sum()
}

#[test]
fn products_conserve_four_momentum_and_rebuild_m_x() {
    for (preset, m) in [
        (Preset::LmuLtau, 0.3),
        (Preset::MuonScalar, 0.5),
        (Preset::MassScalar, 0.1),
    ] {
        let decays = XDecays::new(&preset.mediator(m, 1e-3).unwrap()).unwrap();
        let x = x_of(m, 40.0);
        let mut rng = Pcg64::seed_from_u64(3);
        for _ in 0..2000 {
            let Some(d) = decays.decay(&x, &mut rng) else {
                continue;
            };
            let sum: [f64; 4] = std::array::from_fn(|k| d.daughters[0].p[k] + d.daughters[1].p[k]);
            for k in 0..4 {
                assert!(
                    (sum[k] - x[k]).abs() <= 1e-9 * x[0],
                    "{preset:?} {k}: {sum:?} {x:?}"
                );
            }
            assert!((minkowski(&sum).sqrt() - m).abs() <= 1e-9 * x[0], "{sum:?}");
            for daughter in &d.daughters {
                let m2 = minkowski(&daughter.p);
                let expected = daughter.mass_gev * daughter.mass_gev;
                assert!(
                    (m2 - expected).abs() <= 1e-9 * x[0] * x[0],
                    "{m2} vs {expected}"
                );
            }
            // The vertex lies along X's momentum, at c·t = ℓ E/|p|.
            let ell = d.vertex_mm[..3].iter().map(|v| v * v).sum::<f64>().sqrt();
            let p = (x[1] * x[1] + x[2] * x[2] + x[3] * x[3]).sqrt();
            for k in 0..3 {
                assert!((d.vertex_mm[k] - ell * x[k + 1] / p).abs() <= 1e-12 * ell.max(1e-300));
            }
            assert!((d.vertex_mm[3] - ell * x[0] / p).abs() <= 1e-12 * d.vertex_mm[3]);
        }
    }
}

/// The lab decay distance follows exp(−ℓ/L) with L from `DecayTable::decay_length_m`
/// (CPZ Eq. 9), an independent formula (ħc |k|/(m Γ)): χ² over 20 equiprobable bins.
#[test]
fn decay_distances_follow_the_lab_decay_length() {
    let (m, e) = (0.2, 30.0);
    let x_model = Preset::MuonScalar.mediator(m, 1e-3).unwrap();
    let decays = XDecays::new(&x_model).unwrap();
    let length_mm = DecayTable::new(&x_model)
        .unwrap()
        .decay_length_m(e)
        .unwrap()
        * 1e3;
    let x = x_of(m, e);
    let mut rng = Pcg64::seed_from_u64(11);
    let n = 200_000;
    let bins = 20;
    let mut counts = vec![0.0; bins];
    for _ in 0..n {
        let d = decays.decay(&x, &mut rng).unwrap();
        let ell = d.vertex_mm[..3].iter().map(|v| v * v).sum::<f64>().sqrt();
        // Bin i holds ℓ/L in [−ln(1 − i/20), −ln(1 − (i+1)/20)): probability 1/20 each.
        let u = 1.0 - (-ell / length_mm).exp();
        counts[((u * bins as f64) as usize).min(bins - 1)] += 1.0;
    }
    let expected = vec![f64::from(n) / bins as f64; bins];
    // 19 degrees of freedom: χ² > 43.8 has probability 10⁻³.
    let c = chi2(&counts, &expected);
    assert!(c < 43.8, "chi2 = {c}, counts {counts:?}");
}

/// Channels drawn in proportion to `DecayTable::branching_ratios`: L_μ − L_τ at 0.3 GeV
/// decays to μ⁺μ⁻, ν_μν̄_μ and ν_τν̄_τ; χ² with 2 degrees of freedom.
#[test]
fn channels_follow_the_branching_ratios() {
    let x_model = Preset::LmuLtau.mediator(0.3, 1e-3).unwrap();
    let brs = DecayTable::new(&x_model).unwrap().branching_ratios();
    assert_eq!(brs.len(), 3, "{brs:?}");
    let decays = XDecays::new(&x_model).unwrap();
    let x = x_of(0.3, 10.0);
    let mut rng = Pcg64::seed_from_u64(5);
    let n = 100_000;
    let mut counts = vec![0.0; brs.len()];
    for _ in 0..n {
        let d = decays.decay(&x, &mut rng).unwrap();
        let i = brs.iter().position(|(c, _)| *c == d.channel).unwrap();
        counts[i] += 1.0;
    }
    let expected: Vec<f64> = brs.iter().map(|(_, br)| br * f64::from(n)).collect();
    // 2 degrees of freedom: χ² > 13.8 has probability 10⁻³.
    let c = chi2(&counts, &expected);
    assert!(c < 13.8, "chi2 = {c}: {counts:?} vs {expected:?}");
    assert!(brs
        .iter()
        .any(|(c, _)| *c == Channel::Leptons(Lepton::Muon)));
}

/// The products are isotropic in the X rest frame: cos θ* of the first product, boosted back,
/// is uniform (χ² over 10 bins; 9 degrees of freedom, χ² > 27.9 has probability 10⁻³).
#[test]
fn products_are_isotropic_in_the_rest_frame() {
    let m = 0.25;
    let decays = XDecays::new(&Preset::MuonScalar.mediator(m, 1e-3).unwrap()).unwrap();
    let x = x_of(m, 20.0);
    let back = [-x[1] / x[0], -x[2] / x[0], -x[3] / x[0]];
    let mut rng = Pcg64::seed_from_u64(9);
    let (n, bins) = (100_000, 10);
    let mut counts = vec![0.0; bins];
    for _ in 0..n {
        let d = decays.decay(&x, &mut rng).unwrap();
        let rest = boost(&d.daughters[0].p, back);
        let p = (rest[1] * rest[1] + rest[2] * rest[2] + rest[3] * rest[3]).sqrt();
        let cos = rest[3] / p;
        counts[((0.5 * (cos + 1.0) * bins as f64) as usize).min(bins - 1)] += 1.0;
    }
    let c = chi2(&counts, &vec![f64::from(n) / bins as f64; bins]);
    assert!(c < 27.9, "chi2 = {c}: {counts:?}");
}

#[test]
fn decays_are_the_same_for_any_thread_count() {
    let g = generator_for(Spin::Vector, 0.3, 12);
    let decays = XDecays::new(&Preset::LmuLtau.mediator(0.3, 1e-3).unwrap()).unwrap();
    let decayed = |threads| {
        on_threads(threads, || {
            let mut events = g.generate(2 * CHUNK + 5, 4).unwrap();
            decays.decay_all(&mut events, 4);
            events
        })
    };
    let one = decayed(1);
    assert!(one.iter().all(|e| e.x_decay.is_some()));
    assert_eq!(one, decayed(2));
}

#[test]
fn a_stable_x_is_refused() {
    // A muon-only vector below 2 m_μ has no open channel.
    let err = XDecays::new(&Preset::MuonVector.mediator(0.1, 1e-3).unwrap()).unwrap_err();
    assert!(err.to_string().contains("stable"), "{err}");
}
