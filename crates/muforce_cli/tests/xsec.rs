//! Integration tests of `muforce xsec`: the JSON contract, lists, distributions and bad input.

use predicates::prelude::*;
mod common;
use common::{json, muforce};

/// REFERENCE §8 item 3: exact scalar total at Cu-63, 50 GeV, m_X = 126 MeV is 2.20e8 pb (g = 1),
/// and σ ∝ g².
#[test]
fn single_point_json_contract() {
    let v = json(&[
        "xsec",
        "--spin",
        "scalar",
        "--mass",
        "0.126",
        "--energy",
        "50",
        "--target",
        "Cu63",
        "--method",
        "exact",
        "--coupling",
        "0.5",
        "--json",
    ]);
    for key in [
        "sigma_pb",
        "error_pb",
        "mass_gev",
        "energy_gev",
        "method",
        "spin",
        "target",
        "coupling",
        "cuts",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    let sigma = v["sigma_pb"].as_f64().unwrap();
    assert!((sigma / (0.25 * 2.20e8) - 1.0).abs() < 0.02, "{sigma}");
    assert!(v["error_pb"].as_f64().unwrap() < 1e-3 * sigma);
}

/// Lists of masses and energies give one object per point, each naming its mass and energy;
/// REFERENCE §8 item 3 WW and IWW vector totals at 16 MeV: 5.81e9 and 9.22e9 pb.
#[test]
fn lists_give_arrays() {
    let v = json(&[
        "xsec",
        "--spin",
        "vector",
        "--mass",
        "16MeV,126MeV",
        "--energy",
        "50,100",
        "--target",
        "Cu63",
        "--method",
        "ww",
        "--json",
    ]);
    let points = v.as_array().unwrap();
    assert_eq!(points.len(), 4);
    assert_eq!(points[0]["mass_gev"].as_f64().unwrap(), 0.016);
    assert_eq!(points[1]["energy_gev"].as_f64().unwrap(), 100.0);
    assert!((points[0]["sigma_pb"].as_f64().unwrap() / 5.81e9 - 1.0).abs() < 0.01);
    let v = json(&[
        "xsec", "--spin", "vector", "--mass", "16MeV", "--energy", "50", "--target", "Cu63",
        "--method", "iww", "--json",
    ]);
    assert!((v["sigma_pb"].as_f64().unwrap() / 9.22e9 - 1.0).abs() < 0.01);
}

/// The x distribution is a CSV whose trapezoid integral approaches the total (coarse check of
/// ∫dσ/dx dx = σ on 200 midpoints).
#[test]
fn differential_x_integrates_to_total() {
    let out = muforce()
        .args([
            "xsec",
            "--mass",
            "0.126",
            "--energy",
            "50",
            "--target",
            "Cu63",
            "--method",
            "iww",
            "--differential",
            "x",
            "--points",
            "200",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "mass_gev,energy_gev,x,dsigma_dx_pb,error_pb"
    );
    let rows: Vec<(f64, f64)> = lines
        .map(|l| {
            let f: Vec<f64> = l.split(',').map(|s| s.parse().unwrap()).collect();
            (f[2], f[3])
        })
        .collect();
    assert_eq!(rows.len(), 200);
    let width = rows[1].0 - rows[0].0;
    let integral: f64 = rows.iter().map(|r| r.1 * width).sum();
    assert!((integral / 4.34e8 - 1.0).abs() < 0.02, "{integral}");
}

#[test]
fn bad_input_names_the_field() {
    let cases: [(&[&str], &str); 9] = [
        (&["xsec", "--mass", "60", "--energy", "50"], "mass"),
        (&["xsec", "--energy", "0.1"], "energy"),
        (&["xsec", "--mass", "-1"], "--mass"),
        (&["xsec", "--mass", "nan"], "--mass"),
        (&["xsec", "--target", "kryptonite"], "unknown material"),
        (&["xsec", "--spin", "tensor"], "unknown spin"),
        (&["xsec", "--method", "mc"], "unknown method"),
        (&["xsec", "--x-min", "0.8", "--x-max", "0.2"], "x_min"),
        (
            &["xsec", "--method", "ww", "--differential", "theta"],
            "exact",
        ),
    ];
    for (args, needle) in cases {
        muforce().args(args).assert().code(2).stderr(
            predicate::str::contains(needle).and(predicate::str::contains("panicked").not()),
        );
    }
}
