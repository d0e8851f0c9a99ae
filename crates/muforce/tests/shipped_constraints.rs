//! The shipped constraint files (data/constraints/): each parses, declares how it was obtained,
//! and its strongest limit matches the value its paper's abstract (or its header) quotes.

use muforce::model::Spin;
use muforce::reach::{shipped_constraint_files, Constraint, Display, Signature};
use muforce::units::M_MU;

fn shipped(name: &str) -> Constraint {
    shipped_constraint_files()
        .unwrap()
        .into_iter()
        .find(|(path, _)| path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} is not shipped"))
        .1
}

fn coupling_at(c: &Constraint, mass_gev: f64) -> f64 {
    c.table
        .rows
        .iter()
        .find(|r| (r.mass_gev / mass_gev - 1.0).abs() < 1e-4)
        .and_then(|r| r.coupling_low)
        .unwrap_or_else(|| panic!("no limit at {mass_gev} GeV"))
}

/// Every file has a label, a signature, a trust line and a source naming a paper (arXiv) or
/// muforce; CLs are fractions or stated as missing; only cosmology is drawn as a contour.
#[test]
fn every_file_declares_its_provenance() {
    let files = shipped_constraint_files().unwrap();
    assert_eq!(files.len(), 9);
    for (path, c) in &files {
        assert!(c.label.is_some(), "{path}: label");
        assert!(c.trust.is_some(), "{path}: trust");
        assert!(c.source.contains("arXiv:"), "{path}: source {}", c.source);
        let signature = c.signature.unwrap_or_else(|| panic!("{path}: signature"));
        assert_eq!(
            c.display == Display::Contour,
            signature == Signature::Cosmology,
            "{path}"
        );
        assert!(c.strongest().is_some(), "{path}");
        for line in ["digitisation:", "conversion:", "convention:", "process:"] {
            assert!(
                c.table.provenance.iter().any(|l| l.starts_with(line)),
                "{path}: {line}"
            );
        }
    }
}

/// BaBar, PRD 94 (2016) 011102, abstract: limits on g′ "as low as 7 × 10⁻⁴" for
/// 0.212 < m_Z′ < 10 GeV.
#[test]
fn babar_2016_minimum_matches_the_abstract() {
    let c = shipped("babar_2016_lmu_ltau.csv");
    assert_eq!(c.confidence_level, Some(0.9));
    let (m, g) = c.strongest().unwrap();
    assert!((g / 7e-4 - 1.0).abs() < 0.05, "{g}");
    assert!((0.212..10.0).contains(&m));
    assert_eq!(c.curves()[0].spin, Spin::Vector);
}

/// Belle II, PRL 124 (2020) 141801, abstract: g′ upper limits "from 5 × 10⁻² to 1" for
/// M_Z′ ≤ 6 GeV (90 % credibility).
#[test]
fn belle2_2020_range_matches_the_abstract() {
    let c = shipped("belle2_2020_lmu_ltau_invisible.csv");
    let (_, g_min) = c.strongest().unwrap();
    assert!((g_min / 5e-2 - 1.0).abs() < 0.05, "{g_min}");
    let g_max = c
        .table
        .rows
        .iter()
        .filter_map(|r| r.coupling_low)
        .fold(0.0, f64::max);
    assert!(g_max <= 1.0 + 1e-9, "{g_max}");
    assert!(c.mass_range_gev().unwrap().1 <= 6.0);
}

/// The leptophilic-scalar limits are on ξ with g_ℓ = ξ m_ℓ/v (BaBar PRL 125 (2020) 181801;
/// Belle PRD 109 (2024) 032002); muforce's mass-scalar has g_μ = ξ m_μ/v with
/// v = (√2 G_F)^(−1/2) = 246.21965 GeV (G_F = 1.1663788e-5 GeV⁻², PDG 2024). At each curve's
/// minimum the digitised ξ (tauALP, digitized/BABAR_leptophilic.dat and Belle_leptophilic.dat
/// at commit cd06b44: ξ = 0.185624322 at 0.212231889 GeV, ξ = 0.293052644 at 0.158811383 GeV)
/// converts to the shipped g_μ within the 5-digit rounding.
#[test]
fn leptophilic_scalar_xi_converts_to_the_muon_coupling_at_the_minimum() {
    let v = (2.0_f64.sqrt() * 1.166_378_8e-5).powf(-0.5);
    assert!((v / 246.21965 - 1.0).abs() < 1e-7, "{v}");
    for (file, m, xi) in [
        ("babar_2020_mass_scalar.csv", 0.212_231_889, 0.185_624_322),
        ("belle_2024_mass_scalar.csv", 0.158_811_383, 0.293_052_644),
    ] {
        let c = shipped(file);
        assert_eq!(c.models(), ["mass-scalar"]);
        assert_eq!(c.signature, Some(Signature::VisibleLeptonsFromTau));
        let (m_best, g_best) = c.strongest().unwrap();
        assert!((m_best / m - 1.0).abs() < 1e-4, "{file}: {m_best}");
        let expected = xi * M_MU / v;
        assert!((coupling_at(&c, m) / expected - 1.0).abs() < 1e-4, "{file}");
        assert_eq!(coupling_at(&c, m), g_best);
    }
}

/// CCFR trident (Altmannshofer, Gori, Pospelov, Yavin, PRL 113 (2014) 091801): for heavy Z′
/// the bound is m_Z′/g′ ≳ 550 GeV; the shipped curve's last point (3.16 TeV) gives 533 GeV.
/// Below 100 MeV the plateau lies at g′ ≈ 7e-4 – 1.1e-3.
#[test]
fn ccfr_asymptote_matches_the_quoted_scale() {
    let c = shipped("ccfr_trident_lmu_ltau.csv");
    let last = c.table.rows.last().unwrap();
    let scale = last.mass_gev / last.coupling_low.unwrap();
    assert!((scale / 550.0 - 1.0).abs() < 0.05, "{scale}");
    for r in c.table.rows.iter().filter(|r| r.mass_gev < 0.1) {
        let g = r.coupling_low.unwrap();
        assert!((7e-4..1.1e-3).contains(&g), "{} {g}", r.mass_gev);
    }
}

/// Borexino is kept below 0.2 GeV only (the recast is not physical above); the N_eff file is
/// two contours without a CL; the NA64μ 2022 file says it is muforce's computation with a
/// signal efficiency of 1, names its experiment and gives 2.3 events' limit: its coupling
/// at 1 MeV is muforce's na64mu data scenario (tests of that scan pin the number).
#[test]
fn caveats_are_carried_into_the_files() {
    let borexino = shipped("borexino_lmu_ltau.csv");
    assert!(borexino.mass_range_gev().unwrap().1 <= 0.2);
    assert_eq!(borexino.confidence_level, None);
    let neff = shipped("neff_lmu_ltau_contours.csv");
    assert_eq!(neff.display, Display::Contour);
    assert_eq!(neff.curves().len(), 2);
    assert_eq!(neff.confidence_level, None);
    let na64 = shipped("na64mu_2022_muforce.csv");
    let label = na64.label.clone().unwrap();
    assert!(
        label.contains("muforce") && label.contains("efficiency 1"),
        "{label}"
    );
    assert!(na64.source.contains("NOT the published"));
    assert_eq!(na64.experiment.as_deref(), Some("na64mu"));
    assert_eq!(na64.signature, Some(Signature::Invisible));
}
