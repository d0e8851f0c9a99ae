//! Integration tests of `muforce decay`: JSON contract, CPZ benchmarks and bad input.

use predicates::prelude::*;

mod common;
use common::muforce;

fn json(args: &[&str]) -> serde_json::Value {
    common::subcommand_json("decay", args)
}

/// REFERENCE §8 item 2 / seed 002 Eq. 10: model A at g = 5e-4, m = 100 MeV, E = 3 GeV:
/// Γ_ee = 2.326e-14 GeV, Γ_γγ = 1.127e-15 GeV, L = 0.243 m (seed: 25 cm).
#[test]
fn mass_scalar_json() {
    let v = json(&[
        "--model",
        "mass-scalar",
        "--mass",
        "0.1",
        "--coupling",
        "5e-4",
        "--energy",
        "3",
    ]);
    for key in [
        "width_gev",
        "ctau_m",
        "lifetime_s",
        "decay_length_m",
        "branching",
        "widths_gev",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    let ee = v["widths_gev"]["e e"].as_f64().unwrap();
    let gg = v["widths_gev"]["gamma gamma"].as_f64().unwrap();
    assert!((ee / 2.326e-14 - 1.0).abs() < 1e-3, "{ee}");
    assert!((gg / 1.127e-15 - 1.0).abs() < 1e-3, "{gg}");
    let length = v["decay_length_m"].as_f64().unwrap();
    assert!((length / 0.243 - 1.0).abs() < 2e-3, "{length}");
    let br: f64 = v["branching"]
        .as_object()
        .unwrap()
        .values()
        .map(|b| b.as_f64().unwrap())
        .sum();
    assert!((br - 1.0).abs() < 1e-12);
    assert!(v.get("decay_probability").is_none());
}

/// Seed 002 Eq. 11 / REFERENCE §8 item 2: model B, L = 19.8 m (seed 20 m); with z in
/// [0, ∞) the probability is 1, and exp(−z_min/L) for z_max = inf (CPZ Eq. 15).
#[test]
fn muon_scalar_decay_probability() {
    let v = json(&[
        "--model",
        "muon-scalar",
        "--mass",
        "100MeV",
        "--coupling",
        "5e-4",
        "--energy",
        "3GeV",
        "--z-min",
        "10",
        "--z-max",
        "inf",
    ]);
    let length = v["decay_length_m"].as_f64().unwrap();
    assert!((length / 19.8 - 1.0).abs() < 3e-3, "{length}");
    let p = v["decay_probability"].as_f64().unwrap();
    assert!((p - (-10.0 / length).exp()).abs() < 1e-12, "{p}");
    assert!(v["z_max_m"].is_null());
}

/// L_μ − L_τ below 2 m_μ is fully invisible (REFERENCE §4.2); the dark-sector and
/// hand-set invisible widths show up under their keys.
#[test]
fn invisible_channels() {
    let v = json(&["--model", "lmu-ltau", "--mass", "0.1", "--coupling", "1e-3"]);
    assert!((v["invisible_branching"].as_f64().unwrap() - 1.0).abs() < 1e-15);
    assert!((v["branching"]["nu_mu nu_mu"].as_f64().unwrap() - 0.5).abs() < 1e-12);
    let v = json(&[
        "--model",
        "muon-vector",
        "--mass",
        "0.1",
        "--coupling",
        "1e-3",
        "--chi-mass",
        "10MeV",
        "--chi-coupling",
        "1",
        "--chi-kind",
        "majorana",
        "--invisible-width",
        "1e-12",
    ]);
    assert!(v["branching"]["chi chi"].as_f64().unwrap() > 0.99);
    assert_eq!(
        v["widths_gev"]["invisible (set by hand)"].as_f64().unwrap(),
        1e-12
    );
}

/// Each class of bad input: exit code 2, the message names the field, no panic, no NaN.
#[test]
fn bad_input() {
    let base = [
        "--model",
        "mass-scalar",
        "--mass",
        "0.1",
        "--coupling",
        "5e-4",
    ];
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--model",
                "dark-photon",
                "--mass",
                "0.1",
                "--coupling",
                "5e-4",
            ],
            "model",
        ),
        (
            &[
                "--model",
                "mass-scalar",
                "--mass",
                "-0.1",
                "--coupling",
                "5e-4",
            ],
            "--mass",
        ),
        (
            &[
                "--model",
                "mass-scalar",
                "--mass",
                "0",
                "--coupling",
                "5e-4",
            ],
            "--mass",
        ),
        (
            &[
                "--model",
                "mass-scalar",
                "--mass",
                "NaN",
                "--coupling",
                "5e-4",
            ],
            "--mass",
        ),
        (
            &[
                "--model",
                "mass-scalar",
                "--mass",
                "0.1MeVs",
                "--coupling",
                "5e-4",
            ],
            "--mass",
        ),
        (
            &["--model", "mass-scalar", "--mass", "0.1", "--coupling", "0"],
            "--coupling",
        ),
        (
            &[
                "--model",
                "mass-scalar",
                "--mass",
                "0.1",
                "--coupling",
                "inf",
            ],
            "--coupling",
        ),
        (
            &[
                "--model",
                "mass-scalar",
                "--mass",
                "0.1",
                "--coupling",
                "1e3",
            ],
            "coupling",
        ),
        (&["--energy", "-3"], "--energy"),
        (&["--energy", "0.05"], "energy"),
        (&["--energy", "3", "--z-min", "-1"], "--z-min"),
        (&["--energy", "3", "--z-min", "2", "--z-max", "1"], "z-max"),
        (&["--z-min", "1"], "--energy"),
        (&["--channel", "mu mu"], "mu mu"),
        (&["--channel", "w w"], "channel"),
        (
            &[
                "--chi-mass",
                "0.01",
                "--chi-coupling",
                "1",
                "--chi-kind",
                "axion",
            ],
            "chi kind",
        ),
        (
            &[
                "--chi-mass",
                "0.01",
                "--chi-coupling",
                "1",
                "--chi-kind",
                "complex-scalar",
            ],
            "chi kind",
        ),
        (&["--chi-mass", "0.01"], "--chi-coupling"),
        (&["--invisible-width", "-1"], "--invisible-width"),
    ];
    for (args, field) in cases {
        let mut cmd = muforce();
        cmd.arg("decay");
        if args[0] != "--model" {
            cmd.args(base);
        }
        cmd.args(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*field))
            .stderr(predicate::str::contains("panicked").not())
            .stdout(predicate::str::contains("NaN").not());
    }
    // A stable mediator (muon-only vector below 2 m_mu, no dark sector): a clear error.
    muforce()
        .args([
            "decay",
            "--model",
            "muon-vector",
            "--mass",
            "0.1",
            "--coupling",
            "1e-3",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("total width"));
}
