//! Integration tests of `muforce reach` and `muforce figures`: the files of the reach contract
//! (issue 4: reach.csv with `experiment,model,scenario,mass_gev,coupling_low,coupling_high`,
//! reach.json with the same keys, reach.svg, reach.png) and errors for bad experiment files.
//! The WW cross section stands in for the exact one.

use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;
mod common;
use common::muforce;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("muforce-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn reach_writes_the_four_contract_files() {
    let dir = temp_dir("reach");
    muforce()
        .args(["reach", "atlas-hllhc", "--method", "ww", "--out"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("reach.csv"));
    let csv = std::fs::read_to_string(dir.join("reach.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines[0],
        "experiment,model,scenario,mass_gev,coupling_low,coupling_high,limit"
    );
    // 2 models × 41 masses × 4 scenarios.
    assert_eq!(lines.len() - 1, 2 * 41 * 4);
    for scenario in ["Z/A", "Z/B", "Z+W/A", "Z+W/B"] {
        for model in ["scalar", "vector"] {
            let prefix = format!("atlas,{model},{scenario},1.000000e-3,");
            let row = lines.iter().find(|l| l.starts_with(&prefix)).unwrap();
            let cells: Vec<&str> = row.split(',').collect();
            assert_eq!(cells.len(), 7);
            assert_eq!(cells[6], "expected");
            let g: f64 = cells[4].parse().unwrap();
            // GKSST Sect. IV.D: 1e-4 to 1e-3 for m_X -> 0.
            assert!(g > 3e-5 && g < 3e-3, "{row}");
            assert_eq!(cells[5], "", "open above: {row}");
        }
    }
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("reach.json")).unwrap()).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2 * 41 * 4);
    for key in [
        "experiment",
        "model",
        "scenario",
        "mass_gev",
        "coupling_low",
        "coupling_high",
    ] {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    let svg = std::fs::read_to_string(dir.join("reach.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("Z+W/B"));
    let png = std::fs::read(dir.join("reach.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_experiment_files_are_usage_errors_naming_field_and_line() {
    let dir = temp_dir("bad");
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../experiments/atlas_hllhc.toml"
    ))
    .unwrap();
    let line = |needle: &str| good.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let cases = [
        (
            good.replace("length_cm = 253.0", "length_cm = -1.0"),
            "target.length_cm",
            line("length_cm = 253.0"),
        ),
        (
            good.replace("material = \"copper-63\"", "material = \"kryptonite\""),
            "target.material",
            line("material = \"copper-63\""),
        ),
        (
            good.replace("mass_min_gev = 1e-3", "mass_min_gev = 20.0"),
            "analysis.mass_max_gev",
            line("mass_max_gev = 10.0"),
        ),
        (
            good.replace("masses_per_decade = 10", "masses_per_decade = 1.5"),
            "analysis.masses_per_decade",
            line("masses_per_decade = 10"),
        ),
    ];
    for (i, (text, field, line)) in cases.iter().enumerate() {
        // Beside the original, so that the relative spectrum paths resolve.
        let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../experiments"))
            .join(format!(".bad_{}_{i}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();
        let out = muforce()
            .args(["reach", path.to_str().unwrap(), "--method", "ww", "--out"])
            .arg(&dir)
            .output()
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("line {line},")) && err.contains(field),
            "line {line}, {field}: {err}"
        );
    }
    muforce()
        .args(["reach", "lep-3", "--out"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("atlas-hllhc"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// (With WW for the missing-momentum scan: the file's exact method is what README's command
/// runs; here the list of files is what is tested.)
#[test]
fn figures_writes_every_figure() {
    let dir = temp_dir("figures");
    muforce()
        .args(["figures", "--method", "ww", "--out"])
        .arg(&dir)
        .assert()
        .success();
    for stem in [
        "atlas_spectra",
        "atlas_rho_shapes",
        "atlas_reach",
        "na64_dump_reach",
        "na64_dump_decay_probability",
        "na64_dump_x_spectra",
        "fermilab_dump_reach",
        "fermilab_dump_decay_probability",
        "na64mu_reach",
        "m3_reach",
        "na62_reach",
        "na62_missing_mass",
        "overview_scalar",
        "overview_vector",
    ] {
        for ext in ["svg", "png"] {
            let p = dir.join(format!("{stem}.{ext}"));
            assert!(
                std::fs::metadata(&p).unwrap().len() > 1000,
                "{}",
                p.display()
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The beam-dump family through the same command and table: islands with both edges
/// (CPZ arXiv:1701.07437 Fig. 5: model A at 100 MeV excluded from ~1e-5 to ~1e-3).
#[test]
fn reach_of_a_beam_dump_has_islands() {
    let dir = temp_dir("reach-dump");
    muforce()
        .args(["reach", "na64-dump", "--out"])
        .arg(&dir)
        .assert()
        .success();
    let csv = std::fs::read_to_string(dir.join("reach.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines[0],
        "experiment,model,scenario,mass_gev,coupling_low,coupling_high,limit"
    );
    assert_eq!(lines.len() - 1, 2 * 61);
    let row = lines
        .iter()
        .find(|l| l.starts_with("na64-dump,mass-scalar,MOT=8e12,1.000000e-1,"))
        .unwrap();
    let cells: Vec<f64> = row
        .split(',')
        .skip(4)
        .take(2)
        .map(|c| c.parse().unwrap())
        .collect();
    assert!(cells[0] > 5e-6 && cells[0] < 3e-5, "{row}");
    assert!(cells[1] > 1e-3 && cells[1] < 1e-2, "{row}");
    let png = std::fs::read(dir.join("reach.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    std::fs::remove_dir_all(&dir).unwrap();
}
