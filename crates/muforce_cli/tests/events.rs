//! `muforce events`: the monochromatic command line of issue 7 unchanged, beam spectra from a
//! file or an experiment's sample, the WW table, and clear errors.

mod common;

use common::muforce;
use predicates::str::contains;
use std::path::PathBuf;

fn out(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("muforce_events_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn header_value(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no '{key}' in the header"))
        .to_string()
}

fn z_spectrum() -> String {
    format!(
        "{}/../../data/lhc/z_muon_momentum.csv",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The issue's command line (with fewer events and nodes) still works as before.
#[test]
fn monochromatic_command_line_of_the_issue() {
    let path = out("mono.lhe");
    muforce()
        .args([
            "events", "--spin", "vector", "--mass", "0.1", "--energy", "160",
        ])
        .args([
            "--target", "Pb", "--events", "1000", "--seed", "1", "--nodes", "24",
        ])
        .arg("--out")
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("1000 events"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(header_value(&text, "energy_gev"), "160");
    assert_eq!(header_value(&text, "method"), "exact");
    assert_eq!(text.matches("<event>").count(), 1000);
}

/// The Z → μμ barrel-muon spectrum of data/lhc: the header names it and gives the
/// flux-averaged σ; every beam muon lies within the file's populated momenta (≤ 600 GeV).
#[test]
fn spectrum_file_and_experiment_sample_give_the_same_events() {
    let file = out("spec.lhe");
    muforce()
        .args([
            "events", "--spin", "scalar", "--mass", "0.05", "--target", "Pb",
        ])
        .args([
            "--events",
            "500",
            "--nodes",
            "12",
            "--momentum-nodes",
            "4",
            "--method",
            "ww",
        ])
        .args(["--spectrum", &z_spectrum()])
        .arg("--out")
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(header_value(&text, "spectrum").ends_with("z_muon_momentum.csv"));
    assert!(header_value(&text, "sigma_ww_pb").contains("+-"));
    assert_eq!(header_value(&text, "method"), "ww");
    let beams: Vec<f64> = text
        .split("<event>")
        .skip(1)
        .map(|e| {
            let line = e.lines().nth(2).unwrap();
            line.split_whitespace().nth(9).unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(beams.len(), 500);
    assert!(beams.iter().all(|&e| e > 0.0 && e <= 600.1));
    assert!(beams.iter().any(|&e| (e - beams[0]).abs() > 1.0));
    // The built-in ATLAS experiment's Z sample is the same file.
    let sample = out("sample.lhe");
    muforce()
        .args([
            "events", "--spin", "scalar", "--mass", "0.05", "--target", "Pb",
        ])
        .args([
            "--events",
            "500",
            "--nodes",
            "12",
            "--momentum-nodes",
            "4",
            "--method",
            "ww",
        ])
        .args(["--experiment", "atlas-hllhc", "--sample", "Z"])
        .arg("--out")
        .arg(&sample)
        .assert()
        .success();
    let events = |t: &str| t[t.find("<event>").unwrap()..].to_string();
    assert_eq!(
        events(&text),
        events(&std::fs::read_to_string(&sample).unwrap())
    );
}

#[test]
fn energy_and_spectrum_exclude_each_other_and_bad_input_is_named() {
    let path = out("bad.lhe");
    let base = [
        "events", "--spin", "vector", "--mass", "0.1", "--target", "Pb", "--events", "10",
    ];
    muforce()
        .args(base)
        .args(["--energy", "160", "--spectrum", &z_spectrum()])
        .arg("--out")
        .arg(&path)
        .assert()
        .failure()
        .stderr(contains("cannot be used with"));
    muforce()
        .args(base)
        .arg("--out")
        .arg(&path)
        .assert()
        .failure()
        .stderr(contains("--energy"));
    muforce()
        .args(base)
        .args(["--energy", "160", "--method", "iww"])
        .arg("--out")
        .arg(&path)
        .assert()
        .failure()
        .stderr(contains("method"));
    let spectrum = out("low.csv");
    std::fs::write(&spectrum, "p_low_gev,p_high_gev,muons\n0,0.1,5\n").unwrap();
    muforce()
        .args(base)
        .arg("--spectrum")
        .arg(&spectrum)
        .arg("--out")
        .arg(&path)
        .assert()
        .failure()
        .stderr(contains("threshold"));
    muforce()
        .args(base)
        .args(["--experiment", "atlas-hllhc", "--sample", "Q"])
        .arg("--out")
        .arg(&path)
        .assert()
        .failure()
        .stderr(contains("sample"));
}
