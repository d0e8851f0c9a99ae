//! `muforce dedx`: the JSON contract, lists of energies and bad input.

mod common;
use common::muforce;

/// One energy gives an object with the contract keys; lead at 160 GeV is 4.234 MeV cm²/g
/// (PROPOSAL 7.6.2, data/reference/muon_dedx_proposal.csv).
#[test]
fn json_object_for_one_energy() {
    let out = muforce()
        .args(["dedx", "--target", "Pb", "--energy", "160", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "total_mev_cm2_g",
        "ionization_mev_cm2_g",
        "bremsstrahlung_mev_cm2_g",
        "pair_production_mev_cm2_g",
        "photonuclear_mev_cm2_g",
        "total_gev_cm",
        "energy_gev",
        "target",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let total = v["total_mev_cm2_g"].as_f64().unwrap();
    assert!((total / 4.23387 - 1.0).abs() < 0.002, "{total}");
    assert!((v["total_gev_cm"].as_f64().unwrap() - total * 11.35e-3).abs() < 1e-9);
}

#[test]
fn json_array_for_a_list_with_units() {
    let out = muforce()
        .args([
            "dedx",
            "--target",
            "iron",
            "--energy",
            "10GeV,1TeV",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["energy_gev"].as_f64().unwrap(), 1000.0);
}

#[test]
fn bad_input_is_a_usage_error() {
    for energy in ["50MeV", "-1", "nan", "3 furlongs"] {
        let out = muforce()
            .args(["dedx", "--target", "Fe", "--energy", energy])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{energy}");
    }
    let out = muforce()
        .args(["dedx", "--target", "kryptonite", "--energy", "10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kryptonite"));
}
