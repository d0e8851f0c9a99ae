use super::spectrum::linear_inverse;
use super::tests::on_threads;
use super::*;
use crate::matter::{FormFactorModel, Material};
use crate::model::Spin;
use crate::numerics::GaussLegendre;
use crate::production::exact;
use crate::source::MomentumSpectrum;

/// A test spectrum with unequal, uneven bins between 20 and 200 GeV.
fn spectrum() -> MomentumSpectrum {
    MomentumSpectrum::new(
        vec![20.0, 40.0, 60.0, 100.0, 140.0, 200.0],
        vec![5.0, 3.0, 4.0, 2.0, 1.5],
    )
    .unwrap()
}

fn settings(nodes: usize, momentum_nodes: usize) -> SpectrumSettings {
    SpectrumSettings {
        table: TableSettings {
            x_nodes: nodes,
            theta_nodes: nodes,
            ..TableSettings::default()
        },
        momentum_nodes,
    }
}

fn process(spin: Spin, mass: f64) -> Process {
    let pb = Material::built_in("Pb").unwrap();
    Process::new(spin, mass, 1.0, &pb, FormFactorModel::Full).unwrap()
}

/// The beam momenta of the events follow flux(p) σ(p): the analytic expectation of the event
/// rate of a beam on a thin target, with σ(p) the exact tree-level total cross section
/// (`production::exact::total`, Liu–Miller arXiv:1705.01633, REFERENCE §1.3; independent of
/// the event tables) integrated over each half spectrum bin by 4-point Gauss–Legendre. The
/// χ² over the 10 half bins is checked at the 5σ level of its distribution.
#[test]
fn beam_momenta_follow_flux_times_sigma() {
    let s = spectrum();
    let p = process(Spin::Vector, 0.1);
    let g = SpectrumGenerator::new(p, s.clone(), &settings(24, 10)).unwrap();
    let cuts = crate::production::Cuts {
        x_min: 0.0,
        x_max: 1.0,
        theta_max: 0.5,
        p_out_min: 0.0,
    };
    let gl = GaussLegendre::new(4);
    let mut halves = Vec::new();
    for (k, w) in s.edges().windows(2).enumerate() {
        let flux = s.fractions()[k] / (w[1] - w[0]);
        let mid = 0.5 * (w[0] + w[1]);
        for (a, b) in [(w[0], mid), (mid, w[1])] {
            let rate: f64 = gl
                .mapped(a, b)
                .map(|(q, weight)| {
                    let e = q.hypot(M_MU);
                    weight * flux * exact::total(&p, e, &cuts, 1e-4).unwrap().value
                })
                .sum();
            halves.push((a, b, rate));
        }
    }
    let total: f64 = halves.iter().map(|h| h.2).sum();
    // The flux-averaged σ of the generator agrees with this one.
    assert!(
        (g.sigma() / total - 1.0).abs() < 5e-3,
        "flux-averaged sigma {} vs {total}",
        g.sigma()
    );
    let n = 200_000;
    let events = g.generate(n, 5).unwrap();
    let mut counts = vec![0.0; halves.len()];
    for e in &events {
        let q = (e.beam[3]).abs();
        let i = halves.partition_point(|h| h.1 <= q).min(halves.len() - 1);
        counts[i] += 1.0;
    }
    let mut chi2 = 0.0;
    for (c, h) in counts.iter().zip(&halves) {
        let expected = h.2 / total * n as f64;
        chi2 += (c - expected).powi(2) / expected;
    }
    let bins = halves.len() as f64;
    eprintln!(
        "beam momenta: χ² {chi2:.1} / {bins} bins; flux-averaged σ {:.5e} vs {total:.5e} GeV⁻²",
        g.sigma()
    );
    assert!(
        chi2 < bins + 5.0 * (2.0 * bins).sqrt(),
        "χ² {chi2} for {bins} bins; counts {counts:?}"
    );
}

#[test]
fn spectrum_events_are_the_same_for_any_thread_count() {
    let g =
        SpectrumGenerator::new(process(Spin::Scalar, 0.1), spectrum(), &settings(10, 4)).unwrap();
    let one = on_threads(1, || g.generate(2 * CHUNK + 5, 3).unwrap());
    assert_eq!(one, on_threads(2, || g.generate(2 * CHUNK + 5, 3).unwrap()));
    assert_ne!(one, g.generate(2 * CHUNK + 5, 4).unwrap());
}

#[test]
fn spectrum_events_conserve_four_momentum() {
    let g =
        SpectrumGenerator::new(process(Spin::Vector, 1.0), spectrum(), &settings(10, 4)).unwrap();
    let m_n = g.process.nucleus_mass_gev;
    for e in g.generate(2000, 9).unwrap() {
        assert!(e.beam[3] >= 20.0 && e.beam[3] <= 200.0, "{:?}", e.beam);
        for k in 0..4 {
            let initial = e.beam[k] + if k == 0 { m_n } else { 0.0 };
            let fin = e.out.muon[k] + e.out.x[k] + e.out.nucleus[k];
            assert!((initial - fin).abs() < 1e-9 * 200.0, "component {k}");
        }
    }
}

/// The threshold: m_X + m_μ = 2.1057 GeV, p = 2.1030 GeV; a spectrum wholly below it has no
/// event, one straddling it starts its nodes there.
#[test]
fn spectrum_below_threshold_is_refused_and_straddling_starts_at_threshold() {
    let p = process(Spin::Vector, 2.0);
    let below = MomentumSpectrum::new(vec![0.5, 1.0, 2.0], vec![1.0, 1.0]).unwrap();
    let err = SpectrumGenerator::new(p, below, &settings(8, 3))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("spectrum") && err.contains("threshold"),
        "{err}"
    );
    let straddling = MomentumSpectrum::new(vec![1.0, 4.0, 30.0], vec![1.0, 1.0]).unwrap();
    let g = SpectrumGenerator::new(p, straddling, &settings(8, 4)).unwrap();
    let p_thr = (2.0 + M_MU).powi(2) - M_MU * M_MU;
    assert!((g.momenta[0] - p_thr.sqrt()).abs() < 1e-12);
    assert!(g.planes[0].is_none());
    assert!(g
        .generate(100, 1)
        .unwrap()
        .iter()
        .all(|e| e.beam[3] > p_thr.sqrt()));
}

#[test]
fn linear_inverse_is_the_inverse_cdf() {
    // CDF of a density ∝ c0 + (c1 − c0) s on [0, 1]: (c0 s + (c1 − c0) s²/2) / ((c0 + c1)/2).
    for (c0, c1) in [(1.0, 3.0), (2.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
        for u in [0.0, 0.1, 0.5, 0.9, 1.0] {
            let s = linear_inverse(c0, c1, u);
            let cdf = (c0 * s + 0.5 * (c1 - c0) * s * s) / (0.5 * (c0 + c1));
            assert!((cdf - u).abs() < 1e-12, "{c0} {c1} {u}: {cdf}");
        }
    }
}
