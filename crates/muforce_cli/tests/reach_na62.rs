//! `muforce reach na62`: the reach contract files (issue 6: the long CSV
//! `experiment,model,scenario,mass_gev,coupling_low,coupling_high`, JSON, HEPData YAML, the reach
//! figure and the missing-mass spectra) and clear errors for bad kaon experiment files.

use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;
mod common;
use common::{muforce, subcommand_json};

/// m_K − m_μ in GeV (PDG masses 493.677 and 105.658 MeV).
const MAX_X_MASS: f64 = 0.493_677 - 0.105_658_375_5;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("muforce-na62-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn builtin_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../experiments/na62.toml"
    ))
    .unwrap()
}

/// The built-in file with `from` replaced by `to` (which must occur), written to a temp file.
fn edited(tag: &str, from: &str, to: &str) -> PathBuf {
    let text = builtin_text();
    assert!(text.contains(from), "{from}");
    let dir = temp_dir(tag);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("na62.toml");
    let histogram = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/kaon/na62_invisible_2015_pseudo_data.csv"
    );
    let text = text.replacen(from, to, 1).replace(
        "../data/kaon/na62_invisible_2015_pseudo_data.csv",
        histogram,
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn reach_na62_writes_the_contract_files() {
    let dir = temp_dir("reach");
    muforce()
        .args(["reach", "na62", "--out"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("missing_mass.svg"));
    for f in [
        "reach.csv",
        "reach.json",
        "reach.yaml",
        "reach.svg",
        "reach.png",
        "missing_mass.svg",
        "missing_mass.png",
    ] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        assert!(!bytes.is_empty(), "{f}");
        if f.ends_with("png") {
            assert_eq!(&bytes[..4], b"\x89PNG", "{f}");
        }
        if f.ends_with("svg") {
            assert!(String::from_utf8_lossy(&bytes).contains("<svg"), "{f}");
        }
    }
    let csv = std::fs::read_to_string(dir.join("reach.csv")).unwrap();
    // The constraint-file header (docs/constraints.md) first, then the provenance.
    assert!(
        csv.starts_with("# source: muforce") && csv.contains("\n# cl: 0.95\n"),
        "constraint header first"
    );
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines[0],
        "experiment,model,scenario,mass_gev,coupling_low,coupling_high,limit"
    );
    let scenarios = [
        "invisible",
        "invisible-cut-count-kappa=1e-3",
        "invisible-2015",
        "invisible-2015-pseudo-data",
        "visible",
        "visible-2018",
    ];
    let models = ["muon-scalar", "lmu-ltau", "muon-vector"];
    let masses: Vec<f64> = lines[1..]
        .iter()
        .filter(|l| l.starts_with("na62,muon-scalar,invisible,"))
        .map(|l| l.split(',').nth(3).unwrap().parse().unwrap())
        .collect();
    assert!(masses.len() > 40, "{}", masses.len());
    assert_eq!(
        lines.len() - 1,
        models.len() * scenarios.len() * masses.len()
    );
    assert!(masses.iter().all(|&m| m > 0.0 && m < MAX_X_MASS));
    assert!(
        *masses.last().unwrap() > 0.38,
        "grid up to just below m_K - m_mu"
    );
    for row in &lines[1..] {
        let c: Vec<&str> = row.split(',').collect();
        assert_eq!(c.len(), 7, "{row}");
        assert_eq!(c[0], "na62");
        // Only the scenario with data gives observed limits (docs/statistics.md).
        let kind = if c[2] == "invisible-2015-pseudo-data" {
            "observed"
        } else {
            "expected"
        };
        assert_eq!(c[6], kind, "{row}");
        assert!(models.contains(&c[1]) && scenarios.contains(&c[2]), "{row}");
        if let (Ok(lo), Ok(hi)) = (c[4].parse::<f64>(), c[5].parse::<f64>()) {
            assert!(lo < hi, "{row}");
        }
        // Below 2 m_mu no X -> mu mu: the visible searches exclude nothing.
        let m: f64 = c[3].parse().unwrap();
        if c[2].starts_with("visible") && m < 2.0 * 0.105_658_375_5 {
            assert_eq!((c[4], c[5]), ("", ""), "{row}");
        }
    }
    // The visible search excludes couplings above 2 m_mu for every model.
    for model in models {
        let prefix = format!("na62,{model},visible,");
        assert!(lines.iter().filter(|l| l.starts_with(&prefix)).any(|l| !l
            .split(',')
            .nth(4)
            .unwrap()
            .is_empty()));
    }
    // Below 2 m_mu the L_mu - L_tau vector decays to neutrinos only, so its invisible lower edge
    // is the `muforce kaon --reach` likelihood limit at the same mass and the scenario's
    // kappa = 1e-3 (an independent path).
    let row = lines
        .iter()
        .find(|l| {
            l.starts_with("na62,lmu-ltau,invisible,")
                && l.split(',').nth(3).unwrap().parse::<f64>().unwrap() > 0.09
        })
        .unwrap();
    let c: Vec<&str> = row.split(',').collect();
    let v = subcommand_json(
        "kaon",
        &[
            "--model",
            "lmu-ltau",
            "--mass",
            c[3],
            "--coupling",
            "1e-3",
            "--reach",
            "--kappa",
            "1e-3",
        ],
    );
    let direct = v["reach"]["g_lim_likelihood"].as_f64().unwrap();
    let low: f64 = c[4].parse().unwrap();
    assert!((low / direct - 1.0).abs() < 1e-4, "{row} vs {direct}");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("reach.json")).unwrap()).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), lines.len() - 1);
    let yaml = std::fs::read_to_string(dir.join("reach.yaml")).unwrap();
    for key in [
        "independent_variables",
        "dependent_variables",
        "na62",
        "0.95",
    ] {
        assert!(yaml.contains(key), "missing {key}");
    }
}

/// Bad kaon files: errors name the file, the field and what is allowed, exit code 2.
#[test]
fn bad_kaon_files_name_the_field() {
    let cases = [
        (
            "mass",
            "mass_max_gev = 0.385",
            "mass_max_gev = 0.39",
            "analysis.mass_max_gev",
            "m_K - m_mu",
        ),
        (
            "kappa",
            "\nkappa = 1e-3",
            "\nkappa = -1e-3",
            "scenario.kappa",
            ">= 0",
        ),
        (
            "window",
            "m2_lower_gev2 = 2.3e-2",
            "m2_lower_gev2 = 0.2",
            "invisible.m2_lower_gev2",
            "empty cut window",
        ),
        (
            "sigmas",
            "window_sigmas = 2.0",
            "window_sigmas = 0.0",
            "visible.window_sigmas",
            "empty cut window",
        ),
        (
            "search",
            "search = \"visible\"",
            "search = \"displaced\"",
            "scenario.search",
            "invisible, visible",
        ),
    ];
    for (tag, from, to, field, needle) in cases {
        let path = edited(tag, from, to);
        let out = muforce()
            .args(["reach"])
            .arg(&path)
            .args(["--out"])
            .arg(temp_dir(&format!("{tag}-out")))
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            stderr.contains(field) && stderr.contains(needle) && stderr.contains("na62.toml"),
            "{tag}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // --method does not apply to a kaon experiment.
    muforce()
        .args(["reach", "na62", "--method", "ww", "--out"])
        .arg(temp_dir("method"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kaon experiment"));
}
