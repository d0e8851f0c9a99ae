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

/// `muforce events` for a scalar of 50 MeV on Pb with the WW table and the beam `beam`;
/// returns the file's text.
fn spectrum_run(beam: &[&str], name: &str) -> String {
    let path = out(name);
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
        .args(beam)
        .arg("--out")
        .arg(&path)
        .assert()
        .success();
    std::fs::read_to_string(&path).unwrap()
}

/// The Z → μμ barrel-muon spectrum of data/lhc: the header names it and gives the
/// flux-averaged σ; every beam muon lies within the file's populated momenta (≤ 600 GeV).
#[test]
fn spectrum_file_and_experiment_sample_give_the_same_events() {
    let text = spectrum_run(&["--spectrum", &z_spectrum()], "spec.lhe");
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
    let sample = spectrum_run(
        &["--experiment", "atlas-hllhc", "--sample", "Z"],
        "sample.lhe",
    );
    let events = |t: &str| t[t.find("<event>").unwrap()..].to_string();
    assert_eq!(events(&text), events(&sample));
}

/// `muforce events` with `args` (and a vector of 0.1 GeV on Pb) fails naming `needle`.
fn fails(args: &[&str], needle: &str) {
    muforce()
        .args([
            "events", "--spin", "vector", "--mass", "0.1", "--target", "Pb",
        ])
        .args(["--events", "10", "--out"])
        .arg(out("bad.lhe"))
        .args(args)
        .assert()
        .failure()
        .stderr(contains(needle));
}

#[test]
fn energy_and_spectrum_exclude_each_other_and_bad_input_is_named() {
    let z = z_spectrum();
    fails(
        &["--energy", "160", "--spectrum", &z],
        "cannot be used with",
    );
    fails(&[], "--energy");
    fails(&["--energy", "160", "--method", "iww"], "method");
    let low = out("low.csv");
    std::fs::write(&low, "p_low_gev,p_high_gev,muons\n0,0.1,5\n").unwrap();
    fails(&["--spectrum", low.to_str().unwrap()], "threshold");
    fails(&["--experiment", "atlas-hllhc", "--sample", "Q"], "sample");
}

#[test]
fn output_format_follows_the_extension_and_bad_paths_write_nothing() {
    let hepmc = out("mono.hepmc");
    muforce()
        .args([
            "events", "--spin", "vector", "--mass", "0.1", "--target", "Pb",
        ])
        .args(["--energy", "160", "--events", "50", "--nodes", "8", "--out"])
        .arg(&hepmc)
        .assert()
        .success();
    let text = std::fs::read_to_string(&hepmc).unwrap();
    assert!(text.starts_with("HepMC::Version 3"));
    assert_eq!(text.matches("\nE ").count(), 50);
    let unknown = out("mono.txt");
    muforce()
        .args([
            "events", "--spin", "vector", "--mass", "0.1", "--target", "Pb",
        ])
        .args(["--energy", "160", "--events", "50", "--out"])
        .arg(&unknown)
        .assert()
        .failure()
        .stderr(contains(".hepmc"));
    assert!(!unknown.exists());
    let missing_dir = out("no-such-dir").join("x.hepmc");
    muforce()
        .args([
            "events", "--spin", "vector", "--mass", "0.1", "--target", "Pb",
        ])
        .args(["--energy", "160", "--events", "50", "--nodes", "8", "--out"])
        .arg(&missing_dir)
        .assert()
        .failure()
        .stderr(contains("no-such-dir"));
    assert!(!missing_dir.exists());
}
