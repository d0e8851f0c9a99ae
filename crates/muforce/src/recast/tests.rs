//! Recasts against numbers computed independently of the recast code: branching ratios by
//! hand from the width formulas, ratios of total cross sections, the kaon rates.

use super::*;
use crate::kaon::KaonModel;
use crate::matter::{FormFactorModel, Material};
use crate::model::Lepton;
use crate::production::{total, Cuts, Method, Process};
use std::f64::consts::PI;

const HEADER: &str = "experiment,model,scenario,mass_gev,coupling_low,coupling_high";

fn constraint(header: &str, rows: &str) -> Constraint {
    let text = format!("# source: test numbers\n# cl: 0.9\n{header}{HEADER}\n{rows}");
    Constraint::parse("test.csv", &text).unwrap()
}

fn coupling_at(c: &Constraint, mass: f64) -> Option<f64> {
    c.table
        .rows
        .iter()
        .find(|r| (r.mass_gev / mass - 1.0).abs() < 1e-6)
        .and_then(|r| r.coupling_low)
}

/// BaBar 2016 (e⁺e⁻ → μμZ′, Z′ → μμ) recast from L_μ−L_τ to a muon-only vector: the same
/// production, so g² BR(X → μμ) is kept. By hand (REFERENCE §4.1–4.2): Γ(V → μμ) =
/// g² m (1 + 2r) √(1 − 4r)/(12π), r = m_μ²/m², and Γ(Z′ → ν ν̄) = g² m/(24π) per flavour
/// (left-handed), so BR_μμ(L_μ−L_τ) = (1 + 2r)β/((1 + 2r)β + 1); BR_μμ(muon vector) = 1
/// below 2m_τ. Hence g_new = g_old √BR_μμ(L_μ−L_τ).
#[test]
fn babar_2016_to_muon_vector_by_branching_ratio() {
    let babar = crate::reach::shipped_constraints()
        .unwrap()
        .into_iter()
        .find(|c| c.display_label() == "BaBar 2016")
        .unwrap();
    let recast = recast(&babar, "babar.csv", "muon-vector").unwrap();
    assert!(recast
        .label
        .as_deref()
        .unwrap()
        .contains("recast to muon-vector"));
    assert!(recast
        .table
        .provenance
        .iter()
        .any(|l| l.starts_with("recast:") && l.contains("BR(X -> mu mu)")));
    let mut checked = 0;
    for old in &babar.table.rows {
        let new = recast
            .table
            .rows
            .iter()
            .find(|r| r.mass_gev == old.mass_gev)
            .unwrap();
        assert_eq!(new.model, "muon-vector");
        let (Some(g_old), Some(g_new)) = (old.coupling_low, new.coupling_low) else {
            assert_eq!(old.coupling_low.is_some(), new.coupling_low.is_some());
            continue;
        };
        let m = old.mass_gev;
        let r = (M_MU / m).powi(2);
        let width_mumu = (1.0 + 2.0 * r) * (1.0 - 4.0 * r).sqrt() / (12.0 * PI);
        let width_nu = 2.0 / (24.0 * PI);
        // Above 2m_τ the L_μ−L_τ boson also decays to τ⁺τ⁻ (same formula, r = m_τ²/m²).
        let r_tau = (Lepton::Tau.mass() / m).powi(2);
        let width_tau = if r_tau < 0.25 {
            (1.0 + 2.0 * r_tau) * (1.0 - 4.0 * r_tau).sqrt() / (12.0 * PI)
        } else {
            0.0
        };
        let expected = g_old * (width_mumu / (width_mumu + width_nu + width_tau)).sqrt();
        assert!(
            (g_new / expected - 1.0).abs() < 1e-5,
            "m = {m}: {g_new} vs {expected}"
        );
        checked += 1;
    }
    assert!(checked > 300, "{checked}");
}

/// An invisible missing-momentum limit recast from a vector to a scalar through the
/// production of a thin lead target at 160 GeV (the na64mu file with 0.01 cm of lead): the
/// yields' ratio is the ratio of total cross sections with the same x > 1 − 80/160 cut,
/// computed here by `production::total` (WW, adaptive), so g_S = g_V √(σ_V/σ_S).
#[test]
fn invisible_limit_between_spins_by_total_cross_sections() {
    let toml = include_str!("../../../../experiments/na64mu.toml")
        .replace("length_cm = 22.45", "length_cm = 0.01")
        .replace(
            "energy_loss = \"full\"",
            "energy_loss = \"constant\"\nstopping_power_gev_cm = 12.7e-3",
        );
    let dir = std::env::temp_dir().join(format!("muforce-recast-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("thin.toml");
    std::fs::write(&path, toml).unwrap();
    let header = format!("# signature: invisible\n# experiment: {}\n", path.display());
    let masses = [0.01, 0.1, 1.0];
    let rows = masses.map(|m| format!("t,vector,a,{m},1e-4,")).join("\n");
    let file = constraint(&header, &rows);
    let recast = recast(&file, "thin.csv", "scalar").unwrap();
    let lead = Material::built_in("Pb").unwrap();
    for m in masses {
        let cuts = Cuts {
            x_min: 0.5,
            ..Cuts::default()
        };
        let sigma = |spin| {
            let p = Process::new(spin, m, 1.0, &lead, FormFactorModel::Full).unwrap();
            total(Method::Ww, &p, 160.0, &cuts, 1e-6).unwrap().value
        };
        let expected =
            1e-4 * (sigma(crate::model::Spin::Vector) / sigma(crate::model::Spin::Scalar)).sqrt();
        let g = coupling_at(&recast, m).unwrap();
        assert!(
            (g / expected - 1.0).abs() < 1e-3,
            "m = {m}: {g} vs {expected}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A BR(K⁺ → μ⁺νX) limit set as an L_μ−L_τ coupling, recast to a muon-only vector: below
/// 2m_μ both are unseen (Z′ → νν̄; the muon-only vector is stable), so
/// g_new = g_old √(BR/g²(L_μ−L_τ) / BR/g²(muon vector)), with the rates of `kaon`.
#[test]
fn kaon_br_recast_follows_the_kaon_rates() {
    let file = constraint(
        "# signature: kaon-br\n",
        "na62,lmu-ltau,a,0.02,2e-3,\nna62,lmu-ltau,a,0.15,3e-3,\nna62,lmu-ltau,a,0.39,1e-2,\n",
    );
    let recast = recast(&file, "k.csv", "muon-vector").unwrap();
    for (m, g) in [(0.02, 2e-3), (0.15, 3e-3)] {
        let ratio = branching_ratio_per_g2(KaonModel::LmuLtau, m).unwrap()
            / branching_ratio_per_g2(KaonModel::MuonVector, m).unwrap();
        let expected = g * ratio.sqrt();
        let got = coupling_at(&recast, m).unwrap();
        assert!((got / expected - 1.0).abs() < 1e-5, "{got} vs {expected}");
    }
    // Above m_K − m_μ there is no K⁺ → μ⁺νX: the mass is left empty. Rows are added on
    // both sides of 2m_μ (0.2113 GeV): below it both models are unseen; above it the
    // muon-only vector decays to μμ at once and nothing is excluded. The header says so.
    assert_eq!(coupling_at(&recast, 0.39), None);
    let below = 2.0 * M_MU * (1.0 - 1e-5);
    let interpolated = (3e-3_f64.ln()
        + (below / 0.15).ln() / (0.39_f64 / 0.15).ln() * (1e-2_f64 / 3e-3).ln())
    .exp();
    let ratio = branching_ratio_per_g2(KaonModel::LmuLtau, below).unwrap()
        / branching_ratio_per_g2(KaonModel::MuonVector, below).unwrap();
    let got = coupling_at(&recast, below).unwrap_or_else(|| panic!("{:?}", recast.table.rows));
    assert!(
        (got / (interpolated * ratio.sqrt()) - 1.0).abs() < 1e-5,
        "{got}"
    );
    assert_eq!(coupling_at(&recast, 2.0 * M_MU * (1.0 + 1e-5)), None);
    let line = recast
        .table
        .provenance
        .iter()
        .find(|l| l.starts_with("recast:"))
        .unwrap();
    assert!(
        line.contains("2 masses left empty") && line.contains("2 rows added"),
        "{line}"
    );
}

/// A limit on an L_μ−L_τ Z′ decaying invisibly (Belle II type, e⁺e⁻ → μμZ′) recast to a
/// muon-only vector: below 2m_μ both are unseen (g unchanged); above 2m_μ the muon-only
/// vector decays to μμ at once and escapes nothing, so nothing is excluded.
#[test]
fn invisible_same_spin_keeps_the_unseen_fraction() {
    let file = constraint(
        "# signature: invisible\n",
        "b,lmu-ltau,a,0.1,5e-2,\nb,lmu-ltau,a,1.0,6e-2,\n",
    );
    let recast = recast(&file, "b.csv", "muon-vector").unwrap();
    assert!((coupling_at(&recast, 0.1).unwrap() / 5e-2 - 1.0).abs() < 1e-5);
    assert_eq!(coupling_at(&recast, 1.0), None);
    // Another spin without an experiment to compute its production is refused.
    let to_scalar = recast_error(&file, "muon-scalar");
    assert!(to_scalar.contains("experiment"), "{to_scalar}");
}

fn recast_error(c: &Constraint, to: &str) -> String {
    recast(c, "f.csv", to).unwrap_err().to_string()
}

/// Recasts the physics does not allow are refused, naming the file and the field.
#[test]
fn refusals_name_file_and_field() {
    let rows = "x,lmu-ltau,a,0.1,1e-3,\n";
    let none = constraint("", rows);
    let e = recast_error(&none, "muon-vector");
    assert!(e.starts_with("f.csv: signature: no '# signature"), "{e}");
    let nu = constraint("# signature: neutrino-scattering\n", rows);
    let e = recast_error(&nu, "muon-vector");
    assert!(
        e.starts_with("f.csv: signature: cannot recast lmu-ltau to muon-vector"),
        "{e}"
    );
    assert!(e.contains("neutrinos"), "{e}");
    // The same model is always allowed: rows unchanged, no rows added at thresholds.
    let same = recast(&nu, "f.csv", "lmu-ltau").unwrap();
    assert_eq!(same.table.rows, nu.table.rows);
    let across = constraint(
        "# signature: neutrino-scattering\n",
        "x,lmu-ltau,a,0.1,1e-3,\nx,lmu-ltau,a,0.3,2e-3,\n",
    );
    let same = recast(&across, "f.csv", "lmu-ltau").unwrap();
    assert_eq!(same.table.rows, across.table.rows);
    let cosmo = constraint("# signature: cosmology\n", rows);
    assert!(recast_error(&cosmo, "muon-vector").contains("thermal"));
    let visible = constraint("# signature: visible mu mu\n", rows);
    assert!(recast_error(&visible, "muon-scalar").contains("e+e- production"));
    let tau = constraint("# signature: visible l l\n", "x,mass-scalar,a,0.1,1e-3,\n");
    assert!(recast_error(&tau, "muon-scalar").contains("no tau coupling"));
    let dump = constraint("# signature: beam-dump\n", rows);
    assert!(recast_error(&dump, "muon-vector").contains("muforce reach"));
    let kaon = constraint("# signature: kaon-br\n", rows);
    assert!(recast_error(&kaon, "vector").contains("bare spin"));
    let island = constraint(
        "# signature: visible mu mu\n",
        "x,lmu-ltau,a,0.3,1e-3,1e-2\n",
    );
    assert!(recast_error(&island, "muon-vector").contains("coupling_high"));
    let bad_experiment = constraint("# signature: invisible\n# experiment: atlas-hllhc\n", rows);
    let e = recast_error(&bad_experiment, "muon-scalar");
    assert!(
        e.contains("experiment: cannot recast") && e.contains("beam-dump"),
        "{e}"
    );
    let unknown = recast(&nu, "f.csv", "dark-photon").unwrap_err().to_string();
    assert!(unknown.contains("dark-photon") && unknown.contains("lmu-ltau"));
    // Unknown signatures are refused when the file is read.
    let text = format!("# source: s\n# cl: 0.9\n# signature: dark\n{HEADER}\n{rows}");
    let e = Constraint::parse("g.csv", &text).unwrap_err().to_string();
    assert!(e.contains("g.csv: line 3: unknown signature 'dark'"), "{e}");
}
