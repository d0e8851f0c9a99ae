//! Tests of the partial widths against the seeds, REFERENCE §8 and analytic limits.

use super::*;
use crate::model::{ChiKind, Couplings, DarkSector, DecayTable, Neutrino, Preset, Spin};
use crate::units::{M_MU, M_TAU};
use std::f64::consts::PI;

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got / want - 1.0).abs() < rel
}

/// REFERENCE §8 item 2 (recomputed CPZ Eqs. 4–9) and seed 002 Eqs. 10–11 (25 cm and 20 m):
/// g_μ = 5e-4, m_S = 100 MeV, E_S = 3 GeV.
#[test]
fn cpz_benchmarks() {
    let a = Preset::MassScalar.mediator(0.1, 5e-4).unwrap();
    let ee = partial_width(&a, Channel::Leptons(Lepton::Electron)).unwrap();
    let gg = partial_width(&a, Channel::Photons).unwrap();
    assert!(close(ee, 2.326e-14, 1e-3), "{ee}");
    assert!(close(gg, 1.127e-15, 1e-3), "{gg}");
    let length = DecayTable::new(&a).unwrap().decay_length_m(3.0).unwrap();
    assert!(close(length, 0.243, 2e-3), "{length}");
    assert!(close(length, 0.25, 0.05), "{length}"); // seed: 25 cm
    let b = Preset::MuonScalar.mediator(0.1, 5e-4).unwrap();
    let gg = partial_width(&b, Channel::Photons).unwrap();
    assert!(close(gg, 2.988e-16, 1e-3), "{gg}");
    let length = DecayTable::new(&b).unwrap().decay_length_m(3.0).unwrap();
    assert!(close(length, 19.8, 3e-3), "{length}");
    assert!(close(length, 20.0, 0.05), "{length}"); // seed: 20 m
                                                    // Model B has only the photon channel below 2 m_mu.
    let t = DecayTable::new(&b).unwrap();
    assert_eq!(t.partial_widths().len(), 1);
}

/// Model B via its muon loop with τ_μ → ∞ (m_S ≪ m_μ): A_S → 2/3, so
/// Γ → α² m³ g²/(64π³ m_μ²) · 4/9 (CPZ Eq. 8 with the heavy-lepton limit of REFERENCE §4.1).
#[test]
fn photon_width_light_scalar() {
    let m = 1e-4;
    let x = Preset::MuonScalar.mediator(m, 1.0).unwrap();
    let want =
        crate::units::ALPHA.powi(2) * m.powi(3) / (64.0 * PI.powi(3) * M_MU * M_MU) * 4.0 / 9.0;
    assert!(close(
        partial_width(&x, Channel::Photons).unwrap(),
        want,
        1e-5
    ));
    // Pseudoscalar: A_P → 1, so the ratio to the scalar is (3/2)² = 9/4.
    let p = Mediator::new(Spin::Pseudoscalar, m, Couplings::muon_only(1.0)).unwrap();
    assert!(close(
        partial_width(&p, Channel::Photons).unwrap(),
        want * 9.0 / 4.0,
        1e-5
    ));
}

/// Spin dependence of Γ(ℓℓ) (REFERENCE §4; pseudoscalar ∝ β, axial ∝ β³; all → g² m/(8π) or
/// g² m/(12π) far above threshold).
#[test]
fn lepton_pair_spin_dependence() {
    let g = 1e-3;
    let m = 0.3;
    let beta = (1.0 - 4.0 * M_MU * M_MU / (m * m)).sqrt();
    let c = Couplings::muon_only(g);
    let mm = Channel::Leptons(Lepton::Muon);
    let w = |spin| partial_width(&Mediator::new(spin, m, c).unwrap(), mm).unwrap();
    let base8 = g * g * m / (8.0 * PI);
    let base12 = g * g * m / (12.0 * PI);
    assert!(close(w(Spin::Scalar), base8 * beta.powi(3), 1e-12));
    assert!(close(w(Spin::Pseudoscalar), base8 * beta, 1e-12));
    let r = (M_MU / m).powi(2);
    assert!(close(
        w(Spin::Vector),
        base12 * (1.0 + 2.0 * r) * beta,
        1e-12
    ));
    assert!(close(w(Spin::AxialVector), base12 * beta.powi(3), 1e-12));
}

/// Closed channels are errors; open ones with zero coupling are 0.
#[test]
fn closed_channels() {
    let b = Preset::MuonScalar.mediator(0.1, 5e-4).unwrap();
    for c in [
        Channel::Leptons(Lepton::Muon),
        Channel::Neutrinos(Neutrino::Muon),
        Channel::Dark,
        Channel::InvisibleByHand,
    ] {
        let e = partial_width(&b, c).unwrap_err();
        assert!(matches!(e, Error::Closed { .. }), "{c}: {e}");
    }
    assert_eq!(
        partial_width(&b, Channel::Leptons(Lepton::Electron)).unwrap(),
        0.0
    );
    let v = Preset::LmuLtau.mediator(0.1, 1e-3).unwrap();
    let e = partial_width(&v, Channel::Photons).unwrap_err().to_string();
    assert!(e.contains("Landau-Yang"), "{e}");
}

/// L_μ − L_τ below 2 m_μ: only ν ν̄, BR(invisible) = 1 (REFERENCE §4.2; NA64μ slides).
#[test]
fn lmu_ltau_below_muon_threshold() {
    let x = Preset::LmuLtau.mediator(0.1, 1e-3).unwrap();
    let t = DecayTable::new(&x).unwrap();
    assert!(close(t.invisible_branching(), 1.0, 1e-15));
    assert!(close(
        t.total_width(),
        2.0 * 1e-6 * 0.1 / (24.0 * PI),
        1e-12
    ));
    for (c, br) in t.branching_ratios() {
        assert!(close(br, 0.5, 1e-12), "{c}");
    }
}

/// L_μ − L_τ at 1 GeV: Γ(μμ) ∝ (1 + 2r)√(1 − 4r), Γ(νν) ∝ 1/2 per flavour (REFERENCE §4.2),
/// so BR(μμ) = w/(w + 1), w = (1 + 2r)√(1 − 4r), r = m_μ²/m².
#[test]
fn lmu_ltau_at_1_gev_and_above_tau_threshold() {
    let x = Preset::LmuLtau.mediator(1.0, 1e-3).unwrap();
    let t = DecayTable::new(&x).unwrap();
    let r = M_MU * M_MU;
    let w = (1.0 + 2.0 * r) * (1.0 - 4.0 * r).sqrt();
    let mm = t.branching(&x, Channel::Leptons(Lepton::Muon)).unwrap();
    assert!(close(mm, w / (w + 1.0), 1e-12), "{mm}");
    let nu = t.branching(&x, Channel::Neutrinos(Neutrino::Tau)).unwrap();
    assert!(close(nu, 0.5 / (w + 1.0), 1e-12));
    assert!(t.branching(&x, Channel::Leptons(Lepton::Tau)).is_err());
    // Above 2 m_τ.
    let m = 5.0;
    let x = Preset::LmuLtau.mediator(m, 1e-3).unwrap();
    let t = DecayTable::new(&x).unwrap();
    let weight = |ml: f64| {
        let r = (ml / m).powi(2);
        (1.0 + 2.0 * r) * (1.0 - 4.0 * r).sqrt()
    };
    let sum = weight(M_MU) + weight(M_TAU) + 1.0;
    let tt = t.branching(&x, Channel::Leptons(Lepton::Tau)).unwrap();
    assert!(close(tt, weight(M_TAU) / sum, 1e-12));
    assert!(close(t.invisible_branching(), 1.0 / sum, 1e-12));
    let total: f64 = t.branching_ratios().iter().map(|(_, b)| b).sum();
    assert!(close(total, 1.0, 1e-14));
}

/// Dark-sector widths (REFERENCE §4.1, §4.2) and the hand-set invisible width.
#[test]
fn dark_sector() {
    let g = 1e-3;
    let m: f64 = 0.1;
    let mchi: f64 = 0.02;
    let beta = (1.0 - 4.0 * (mchi / m).powi(2)).sqrt();
    let r = (mchi / m).powi(2);
    let cases = [
        (
            Spin::Vector,
            ChiKind::Dirac,
            m / (12.0 * PI) * (1.0 + 2.0 * r) * beta,
        ),
        (
            Spin::Vector,
            ChiKind::ComplexScalar,
            m / (48.0 * PI) * beta.powi(3),
        ),
        (
            Spin::Vector,
            ChiKind::Majorana,
            m / (24.0 * PI) * beta.powi(3),
        ),
        (Spin::Scalar, ChiKind::Dirac, m / (8.0 * PI) * beta.powi(3)),
        (
            Spin::Scalar,
            ChiKind::Majorana,
            m / (16.0 * PI) * beta.powi(3),
        ),
        (Spin::Pseudoscalar, ChiKind::Dirac, m / (8.0 * PI) * beta),
        (
            Spin::AxialVector,
            ChiKind::Majorana,
            m / (24.0 * PI) * beta.powi(3),
        ),
    ];
    for (spin, kind, per_g2) in cases {
        let x = Mediator::new(spin, m, Couplings::muon_only(g))
            .unwrap()
            .with_dark_sector(DarkSector::new(mchi, 1.0, kind).unwrap())
            .unwrap();
        let w = partial_width(&x, Channel::Dark).unwrap();
        assert!(close(w, per_g2, 1e-12), "{spin} {kind}");
    }
    let heavy = Preset::MuonVector
        .mediator(m, g)
        .unwrap()
        .with_dark_sector(DarkSector::new(0.06, 1.0, ChiKind::Dirac).unwrap())
        .unwrap();
    assert!(matches!(
        partial_width(&heavy, Channel::Dark),
        Err(Error::Closed { .. })
    ));
    let hand = Preset::MuonVector
        .mediator(m, g)
        .unwrap()
        .with_invisible_width(1e-9)
        .unwrap();
    let t = DecayTable::new(&hand).unwrap();
    assert_eq!(t.total_width(), 1e-9);
    assert_eq!(t.branching_ratios()[0].0, Channel::InvisibleByHand);
}

/// A muon-only vector below 2 m_μ without dark sector has no open channel: a clear error.
#[test]
fn stable_mediator_is_an_error() {
    let x = Preset::MuonVector.mediator(0.1, 1e-3).unwrap();
    let e = DecayTable::new(&x).unwrap_err();
    assert!(matches!(e, Error::Closed { .. }), "{e}");
    assert!(e.to_string().contains("total width"), "{e}");
}

/// No NaN and no panic over the whole allowed mass range for every preset and spin.
#[test]
fn finite_everywhere() {
    for &m in &[
        1e-12,
        1e-6,
        1.0219978e-3,
        0.2113167511,
        0.2113167512,
        3.55372,
        1e3,
        1e6,
    ] {
        for p in Preset::ALL {
            let x = p.mediator(m, 1e-3).unwrap();
            for c in Channel::ALL {
                if let Ok(w) = partial_width(&x, c) {
                    assert!(w.is_finite() && w >= 0.0, "{p} {m} {c}: {w}");
                }
            }
        }
        for s in Spin::ALL {
            let x = Mediator::new(
                s,
                m,
                Couplings {
                    e: 1e-3,
                    mu: 1e-3,
                    tau: 1e-3,
                    ..Couplings::default()
                },
            )
            .unwrap();
            if let Ok(t) = DecayTable::new(&x) {
                assert!(t.total_width().is_finite() && t.total_width() > 0.0);
            }
        }
    }
}
