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

/// `--model`: X of the L_μ − L_τ model decays at a displaced vertex. Every event of the HepMC3
/// file has the decay vertex (V −2 with a position) and its two products, whose four-momenta
/// add up to X's (1e-9); the header states the branching ratios and cτ. A model whose X is
/// stable at that mass is refused before anything is written.
#[test]
fn model_events_decay_x_at_a_displaced_vertex() {
    let path = out("decay.hepmc");
    muforce()
        .args([
            "events",
            "--model",
            "lmu-ltau",
            "--mass",
            "0.3",
            "--coupling",
            "1e-3",
        ])
        .args(["--energy", "160", "--target", "Pb", "--events", "200"])
        .args(["--nodes", "8", "--out"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("x_branching_ratios = mu mu"),
        "no branching ratios"
    );
    assert!(text.contains("x_ctau_mm = "));
    let events: Vec<&str> = text.split("\nE ").skip(1).collect();
    assert_eq!(events.len(), 200);
    let p4 = |line: &str| -> [f64; 4] {
        let f: Vec<f64> = line
            .split_whitespace()
            .skip(4)
            .take(4)
            .map(|v| v.parse().unwrap())
            .collect();
        [f[0], f[1], f[2], f[3]]
    };
    for event in events {
        let lines: Vec<&str> = event.lines().collect();
        let vertex = lines
            .iter()
            .find(|l| l.starts_with("V -2 0 [4] @ "))
            .expect("decay vertex");
        let z_mm: f64 = vertex.split_whitespace().nth(7).unwrap().parse().unwrap();
        assert!(z_mm > 0.0, "{vertex}");
        let x = p4(lines
            .iter()
            .find(|l| l.starts_with("P 4 -1 9000003 "))
            .expect("X"));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("P 4 ") && l.ends_with(" 2")),
            "X status 2"
        );
        let products: Vec<[f64; 4]> = lines
            .iter()
            .filter(|l| l.starts_with("P 6 -2 ") || l.starts_with("P 7 -2 "))
            .map(|l| p4(l))
            .collect();
        assert_eq!(products.len(), 2);
        for k in 0..4 {
            let sum = products[0][k] + products[1][k];
            assert!(
                (sum - x[k]).abs() <= 1e-9 * x[3].abs().max(1.0),
                "{sum} vs {}",
                x[k]
            );
        }
    }
    let stable = out("stable.hepmc");
    muforce()
        .args([
            "events",
            "--model",
            "muon-vector",
            "--mass",
            "0.1",
            "--energy",
            "160",
        ])
        .args(["--target", "Pb", "--events", "10", "--out"])
        .arg(&stable)
        .assert()
        .failure()
        .stderr(contains("stable"));
    assert!(!stable.exists());
}

/// `--experiment fermilab-dump` without `--target`: the experiment's own signal. Every event
/// carries its weight (`W`), its production vertex within the depth the muons are followed
/// (3 → 0.5 GeV in the 150 cm tungsten target) and its
/// decay vertex; the weights in the file add up to the header's sum, which agrees with the
/// reach code's expected events (the header's `expected_events`, CPZ Eq. 15 by quadrature)
/// within five Monte Carlo standard deviations.
#[test]
fn experiment_signal_events_carry_depths_decays_and_weights() {
    let path = out("fermilab.hepmc");
    muforce()
        .args([
            "events",
            "--experiment",
            "fermilab-dump",
            "--model",
            "muon-scalar",
            "--mass",
            "0.1",
            "--coupling",
            "1e-4",
        ])
        .args(["--events", "20000", "--seed", "4", "--nodes", "32"])
        .arg("--out")
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("20000 events of fermilab-dump"));
    let text = std::fs::read_to_string(&path).unwrap();
    let header = text
        .lines()
        .find(|l| l.starts_with("T muforce"))
        .unwrap()
        .replace("\\|", "|");
    let field = |key: &str| -> Vec<f64> {
        let start = header.find(&format!("{key} = ")).unwrap() + key.len() + 3;
        let value = header[start..].split(';').next().unwrap();
        value
            .split([' ', '('])
            .filter_map(|w| w.parse().ok())
            .collect()
    };
    let expected = field("expected_events")[0];
    let (sum, error) = (field("sum_of_weights")[0], field("sum_of_weights")[1]);
    let weights: Vec<f64> = text
        .lines()
        .filter_map(|l| l.strip_prefix("W "))
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(weights.len(), 20000);
    let in_file: f64 = weights.iter().sum();
    assert!((in_file / sum - 1.0).abs() < 1e-5, "{in_file} vs {sum}");
    assert!(
        (sum - expected).abs() < 5.0 * error,
        "{sum} +- {error} vs {expected}"
    );
    let track_mm = 10.0 * field("track_cm")[0];
    assert!(track_mm > 1000.0 && track_mm < 1500.0, "{track_mm}");
    let mut depths = 0;
    for line in text.lines().filter(|l| l.starts_with("V -1 ")) {
        let z: f64 = line.split_whitespace().nth(7).unwrap().parse().unwrap();
        assert!((0.0..=track_mm).contains(&z), "{line}");
        depths += 1;
    }
    assert_eq!(depths, 20000);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("V -2 ")).count(),
        20000
    );
}

/// `--experiment atlas-hllhc` without `--target`: the Z sample's signal on the experiment's
/// 253 cm copper slab, with its θ ≤ 0.1 rad and p′ ≥ 5 GeV cuts applied; every LHE event
/// carries the same weight (IDWTUP 4), and they add up to the header's sum.
#[test]
fn missing_momentum_signal_events_from_the_experiment() {
    let path = out("atlas.lhe");
    muforce()
        .args([
            "events",
            "--experiment",
            "atlas-hllhc",
            "--spin",
            "scalar",
            "--mass",
            "1",
            "--coupling",
            "1e-3",
            "--method",
            "ww",
        ])
        .args(["--events", "2000", "--nodes", "16", "--momentum-nodes", "8"])
        .arg("--out")
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("2000 events of atlas (Z/A, sample Z)"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(header_value(&text, "target"), "copper-63");
    assert_eq!(header_value(&text, "slab_cm"), "253");
    let init: Vec<&str> = text
        .split("<init>")
        .nth(1)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(init[8], "4", "IDWTUP");
    let sum: f64 = header_value(&text, "sum_of_weights").parse().unwrap();
    let weights: Vec<f64> = text
        .split("<event>")
        .skip(1)
        .map(|e| {
            e.lines()
                .nth(1)
                .unwrap()
                .split_whitespace()
                .nth(2)
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(weights.len(), 2000);
    assert!((weights.iter().sum::<f64>() / sum - 1.0).abs() < 1e-5);
}

/// `--experiment na62`: K⁺ → μ⁺νX events of the invisible search. Every event has the K⁺
/// (321) entering its decay vertex inside the fiducial volume and μ⁺, ν_μ and X leaving it;
/// the missing mass (p_K − p_μ)² lies above m_X² (the K⁺ → μ⁺νX kinematics); the weights add
/// up to the header's sum.
#[test]
fn kaon_signal_events_from_the_experiment() {
    let path = out("na62.hepmc");
    muforce()
        .args([
            "events",
            "--experiment",
            "na62",
            "--model",
            "lmu-ltau",
            "--mass",
            "0.1",
            "--coupling",
            "1e-4",
            "--events",
            "2000",
        ])
        .arg("--out")
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("2000 events of na62 (invisible)"));
    let text = std::fs::read_to_string(&path).unwrap();
    let four = |line: &str| -> [f64; 4] {
        let f: Vec<f64> = line
            .split_whitespace()
            .skip(4)
            .take(4)
            .map(|v| v.parse().unwrap())
            .collect();
        [f[3], f[0], f[1], f[2]]
    };
    let (mut kaon, mut events) = ([0.0; 4], 0);
    let mut weights = 0.0;
    for line in text.lines() {
        if let Some(w) = line.strip_prefix("W ") {
            if let Ok(w) = w.parse::<f64>() {
                weights += w;
            }
        } else if line.starts_with("P ") && line.split_whitespace().nth(3) == Some("321") {
            kaon = four(line);
        } else if line.starts_with("P ") && line.split_whitespace().nth(3) == Some("-13") {
            let mu = four(line);
            let d: Vec<f64> = (0..4).map(|i| kaon[i] - mu[i]).collect();
            let m2 = d[0] * d[0] - d[1] * d[1] - d[2] * d[2] - d[3] * d[3];
            assert!(m2 > 0.01 * (1.0 - 1e-6), "m2_miss {m2}");
            events += 1;
        }
    }
    assert_eq!(events, 2000);
    let header = text.lines().find(|l| l.starts_with("T muforce")).unwrap();
    let sum: f64 = header
        .split("sum_of_weights = ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((weights / sum - 1.0).abs() < 1e-5, "{weights} vs {sum}");
}
