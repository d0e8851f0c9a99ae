//! Integration tests of `muforce g2`: JSON contract, reference values and bad input.

use predicates::prelude::*;
mod common;
use common::{json, muforce};

/// REFERENCE §8 item 1: vector, g = 1e-3, m = 10 MeV gives 9.912e-9; with g = 5e-4 a
/// quarter of that.
#[test]
fn delta_a_mu_json_keys() {
    let v = json(&[
        "g2",
        "--spin",
        "vector",
        "--mass",
        "0.01",
        "--coupling",
        "5e-4",
        "--json",
    ]);
    for key in [
        "delta_a_mu",
        "delta_a_mu_error",
        "spin",
        "mass_gev",
        "coupling",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    let d = v["delta_a_mu"].as_f64().unwrap();
    assert!((d / (9.912e-9 / 4.0) - 1.0).abs() < 1e-3, "{d}");
    assert_eq!(v["spin"], "vector");
    assert_eq!(v["mass_gev"].as_f64().unwrap(), 0.01);
    // Units: 10MeV is the same mass.
    let w = json(&[
        "g2",
        "--spin",
        "V",
        "--mass",
        "10MeV",
        "--coupling",
        "5e-4",
        "--json",
    ]);
    assert_eq!(v["delta_a_mu"], w["delta_a_mu"]);
}

/// Seed 002 (CPZ below Eq. 3): scalar, g = 5e-4, m = 100 MeV → ≈ 1.6e-9 (1.649e-9 in
/// REFERENCE §8).
#[test]
fn scalar_seed_value_in_text() {
    muforce()
        .args([
            "g2",
            "--spin",
            "scalar",
            "--mass",
            "100MeV",
            "--coupling",
            "5e-4",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("1.64"));
}

/// Band: fnal-2021 Δa = 251(59)e-11, 2σ → [133, 369]e-11 (REFERENCE §5 table); the vector
/// Δa₁ at 10 MeV (REFERENCE §8) gives g ∈ [3.663e-4, 6.101e-4].
#[test]
fn band_json_keys() {
    let v = json(&[
        "g2",
        "--spin",
        "vector",
        "--mass",
        "0.01",
        "--era",
        "fnal-2021",
        "--sigma",
        "2",
        "--json",
    ]);
    for key in [
        "coupling_low",
        "coupling_high",
        "era",
        "delta_a_mu_exp",
        "delta_a_mu_sigma",
        "excluded_above",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["era"], "fnal-2021");
    assert!((v["delta_a_mu_exp"].as_f64().unwrap() - 251e-11).abs() < 1e-20);
    assert!((v["delta_a_mu_sigma"].as_f64().unwrap() - 59e-11).abs() < 1e-20);
    let lo = v["coupling_low"].as_f64().unwrap();
    let hi = v["coupling_high"].as_f64().unwrap();
    assert!((lo / 3.663e-4 - 1.0).abs() < 1e-3 && (hi / 6.101e-4 - 1.0).abs() < 1e-3);
    assert_eq!(v["excluded_above"].as_f64().unwrap(), hi);
}

/// A negative contribution (axial vector) has no band: nulls, not an error.
#[test]
fn negative_contribution_has_null_band() {
    let v = json(&[
        "g2",
        "--spin",
        "axial-vector",
        "--mass",
        "0.1",
        "--era",
        "final-2025",
        "--sigma",
        "1",
        "--json",
    ]);
    assert!(
        v["coupling_low"].is_null() && v["coupling_high"].is_null(),
        "{v}"
    );
    assert!(v["excluded_above"].as_f64().unwrap() > 0.0);
    // A preset may stand in for the spin.
    let w = json(&["g2", "--model", "lmu-ltau", "--mass", "0.01", "--json"]);
    assert_eq!(w["spin"], "vector");
}

/// Each class of bad input: exit code 2, the message names the field, no panic.
#[test]
fn bad_input() {
    let cases: &[(&[&str], &str)] = &[
        (&["--spin", "tensor", "--mass", "0.1"], "spin"),
        (&["--spin", "vector", "--mass", "-1"], "--mass"),
        (&["--spin", "vector", "--mass", "0"], "--mass"),
        (&["--spin", "vector", "--mass", "nan"], "--mass"),
        (&["--spin", "vector", "--mass", "inf"], "--mass"),
        (&["--spin", "vector", "--mass", "16 furlongs"], "--mass"),
        (&["--spin", "vector", "--mass", "1e-20"], "mass"),
        (
            &["--spin", "vector", "--mass", "0.1", "--coupling", "0"],
            "--coupling",
        ),
        (
            &["--spin", "vector", "--mass", "0.1", "--coupling", "-5e-4"],
            "--coupling",
        ),
        (
            &["--spin", "vector", "--mass", "0.1", "--coupling", "abc"],
            "--coupling",
        ),
        (
            &["--spin", "vector", "--mass", "0.1", "--coupling", "50"],
            "coupling",
        ),
        (
            &["--spin", "vector", "--mass", "0.1", "--era", "bnl-1999"],
            "era",
        ),
        (
            &[
                "--spin",
                "vector",
                "--mass",
                "0.1",
                "--era",
                "fnal-2021",
                "--sigma",
                "-2",
            ],
            "--sigma",
        ),
        (&["--model", "dark-photon", "--mass", "0.1"], "model"),
        (&["--mass", "0.1"], "--spin"),
    ];
    for (args, field) in cases {
        muforce()
            .arg("g2")
            .args(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*field))
            .stderr(predicate::str::contains("panicked").not())
            .stdout(predicate::str::contains("NaN").not());
    }
}
