//! `muforce reach --bands` (docs/statistics.md): bands.csv beside reach.csv, band 0 equal to
//! the expected limit, bands ordered; systematics from the experiment file; refusals.

use predicates::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
mod common;
use common::muforce;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("muforce-bands-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// (model, scenario, mass) → coupling_low of a CSV's rows, for one band column value or none.
fn lows(text: &str, band: Option<&str>) -> HashMap<(String, String, String), f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("experiment,"))
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let (low, keep) = match band {
                Some(b) => (f[5], f[4] == b),
                None => (f[4], true),
            };
            (keep && !low.is_empty()).then(|| {
                (
                    (f[1].to_string(), f[2].to_string(), f[3].to_string()),
                    low.parse().unwrap(),
                )
            })
        })
        .collect()
}

#[test]
fn bands_csv_brackets_the_expected_limit() {
    let out = temp_dir("atlas");
    muforce()
        .args([
            "reach",
            "atlas-hllhc",
            "--method",
            "ww",
            "--bands",
            "--no-constraints",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let reach = std::fs::read_to_string(out.join("reach.csv")).unwrap();
    let bands = std::fs::read_to_string(out.join("bands.csv")).unwrap();
    assert!(bands.contains("experiment,model,scenario,mass_gev,band,coupling_low,coupling_high"));
    let expected = lows(&reach, None);
    let median = lows(&bands, Some("0"));
    assert_eq!(expected.len(), median.len());
    for (key, g) in &expected {
        assert_eq!(median[key], *g, "{key:?}");
    }
    let per_band: Vec<_> = ["-2", "-1", "0", "1", "2"]
        .iter()
        .map(|b| lows(&bands, Some(b)))
        .collect();
    // Where a weaker band excludes a coupling, every stronger one excludes a smaller one.
    for key in expected.keys() {
        for pair in per_band.windows(2) {
            if let Some(weaker) = pair[1].get(key) {
                assert!(pair[0][key] < *weaker, "{key:?}");
            }
        }
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn systematics_come_from_the_experiment_file_and_bad_ones_are_refused() {
    let dir = temp_dir("toml");
    std::fs::create_dir_all(&dir).unwrap();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/");
    let base = include_str!("../../../experiments/atlas_hllhc.toml")
        .replace("\"../data/", &format!("\"{data}"));
    let with = base.replace(
        "\n[analysis]\n",
        "\n[analysis]\nbackground_rel_uncertainty = 0.1\nsignal_rel_uncertainty = 0.05\n",
    );
    assert_ne!(with, base);
    let path = dir.join("atlas_sys.toml");
    std::fs::write(&path, &with).unwrap();
    let out = dir.join("out");
    muforce()
        .arg("reach")
        .arg(&path)
        .args(["--method", "ww", "--no-constraints", "--out"])
        .arg(&out)
        .assert()
        .success();
    let reach = std::fs::read_to_string(out.join("reach.csv")).unwrap();
    assert!(
        reach.contains("Z/A: background 0.1, signal 0.05"),
        "{reach}"
    );
    for (value, field) in [
        ("-0.1", "background_rel_uncertainty"),
        ("nan", "background_rel_uncertainty"),
    ] {
        let bad = base.replace(
            "\n[analysis]\n",
            &format!("\n[analysis]\nbackground_rel_uncertainty = {value}\n"),
        );
        let path = dir.join("bad.toml");
        std::fs::write(&path, bad).unwrap();
        muforce()
            .arg("reach")
            .arg(&path)
            .args(["--out"])
            .arg(dir.join("bad"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("analysis.{field}")));
    }
    // The kaon family gives bands for its likelihood and visible scenarios; the slides' cut
    // and count has none, and the header of bands.csv says so.
    muforce()
        .args(["reach", "na62", "--bands", "--no-constraints", "--out"])
        .arg(dir.join("kaon"))
        .assert()
        .success();
    let bands = std::fs::read_to_string(dir.join("kaon").join("bands.csv")).unwrap();
    assert!(bands.contains("# no bands for the cut-and-count scenarios"));
    assert!(!bands.contains(",invisible-cut-count-kappa=1e-3,"));
    assert!(bands.contains(",invisible-2015-pseudo-data,"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A counting analysis (NA64μ): bands from the Poisson quantiles of the background; for
/// MOT=1e11 (b = 0.1: P(0) = 0.905 > Φ(1)) bands −2 … 1 all have n = 0 and equal the expected
/// limit, band 2 has n = 1 (Φ(2) = 0.977 > 0.905); with b = 0 every band is the 2.30-event limit.
#[test]
fn counting_bands_of_na64mu() {
    let out = temp_dir("na64mu");
    muforce()
        .args(["reach", "na64mu", "--bands", "--no-constraints", "--out"])
        .arg(&out)
        .assert()
        .success();
    let reach = std::fs::read_to_string(out.join("reach.csv")).unwrap();
    let bands = std::fs::read_to_string(out.join("bands.csv")).unwrap();
    let expected = lows(&reach, None);
    let per_band: Vec<_> = ["-2", "-1", "0", "1", "2"]
        .iter()
        .map(|b| lows(&bands, Some(b)))
        .collect();
    let mut checked = 0;
    for (key, g) in &expected {
        let (scenario, mass) = (&key.1, &key.2);
        let at = |k: usize| per_band[k][key];
        match scenario.as_str() {
            "MOT=1e11" => {
                for k in 0..4 {
                    assert_eq!(at(k), *g, "{mass}");
                }
                assert!(at(4) > *g);
                checked += 1;
            }
            s if s.starts_with("data-2024") => {
                for k in 0..5 {
                    assert_eq!(at(k), *g, "{mass}");
                }
            }
            _ => assert_eq!(at(2), *g, "{scenario} {mass}"),
        }
    }
    assert!(checked > 50);
    std::fs::remove_dir_all(&out).unwrap();
}
