//! Integration tests of `muforce constraints` (docs/constraints.md): the list of shipped files
//! with units in its JSON keys, recasts written as constraint files, refusals as usage errors
//! that write nothing.

use predicates::prelude::*;
use std::path::PathBuf;
mod common;
use common::{json, muforce};

fn temp_dir(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("muforce-constraints-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every shipped file is listed with its signature, CL and mass range (GeV); --model filters.
#[test]
fn list_shows_every_shipped_file() {
    let all = json(&["constraints", "list", "--json"]);
    let entries = all.as_array().unwrap();
    assert_eq!(entries.len(), 9);
    let babar = entries.iter().find(|e| e["label"] == "BaBar 2016").unwrap();
    assert_eq!(babar["file"], "data/constraints/babar_2016_lmu_ltau.csv");
    assert_eq!(babar["signature"], "visible mu mu");
    assert_eq!(babar["cl"], 0.9);
    assert!(babar["mass_min_gev"].as_f64().unwrap() > 0.21);
    // BaBar, PRD 94 (2016) 011102, abstract: "as low as 7 x 10^-4".
    let best = babar["strongest_coupling"].as_f64().unwrap();
    assert!((best / 7e-4 - 1.0).abs() < 0.05);
    let ccfr = entries
        .iter()
        .find(|e| e["label"] == "CCFR trident")
        .unwrap();
    assert!(ccfr["cl"].is_null(), "{ccfr}");
    let scalars = json(&["constraints", "list", "--model", "mass-scalar", "--json"]);
    assert_eq!(scalars.as_array().unwrap().len(), 2);
    muforce()
        .args(["constraints", "list", "--model", "dark-photon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("dark-photon"));
}

/// A recast writes a constraint file that loads again (as an overlay) and records the rule.
#[test]
fn recast_writes_a_constraint_file() {
    let dir = temp_dir("recast");
    let out = dir.join("babar_vector.csv");
    muforce()
        .args([
            "constraints",
            "recast",
            "babar_2016_lmu_ltau.csv",
            "--to",
            "muon-vector",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("masses limited for muon-vector"));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# label: BaBar 2016 (recast to muon-vector)"));
    assert!(text.contains("# recast: by muforce") && text.contains("BR(X -> mu mu)"));
    assert!(text.contains("# signature: visible mu mu"));
    assert!(text.contains("babar,muon-vector,514/fb,"));
    let reach = dir.join("reach");
    muforce()
        .args(["reach", "na64mu", "--no-constraints", "--overlay"])
        .arg(&out)
        .arg("--out")
        .arg(&reach)
        .assert()
        .success();
    let svg = std::fs::read_to_string(reach.join("reach.svg")).unwrap();
    assert!(svg.contains("BaBar 2016 (recast to muon-vector) (muon-vector)"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Recasts the physics does not allow, files without a signature and unknown models are usage
/// errors (exit 2) naming the file and the field; nothing is written.
#[test]
fn refusals_write_nothing() {
    let dir = temp_dir("refusals");
    let out = dir.join("out.csv");
    let unsigned = dir.join("unsigned.csv");
    std::fs::write(
        &unsigned,
        "# source: s\n# cl: 0.9\nexperiment,model,scenario,mass_gev,coupling_low,coupling_high\n\
         x,lmu-ltau,a,0.1,1e-3,\n",
    )
    .unwrap();
    let unsigned_arg = unsigned.display().to_string();
    let cases: [(&str, &str, &str); 5] = [
        (
            "ccfr_trident_lmu_ltau.csv",
            "muon-vector",
            "signature: cannot recast lmu-ltau",
        ),
        (
            "belle2_2020_lmu_ltau_invisible.csv",
            "muon-scalar",
            "experiment: cannot recast",
        ),
        (
            "babar_2020_mass_scalar.csv",
            "muon-scalar",
            "no tau coupling",
        ),
        (&unsigned_arg, "muon-vector", "signature: no '# signature"),
        (
            "babar_2016_lmu_ltau.csv",
            "dark-photon",
            "unknown model 'dark-photon'",
        ),
    ];
    for (file, to, message) in cases {
        muforce()
            .args(["constraints", "recast", file, "--to", to, "--out"])
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert!(!out.exists(), "{file} -> {to} wrote a file");
    }
    muforce()
        .args([
            "constraints",
            "recast",
            "nothing.csv",
            "--to",
            "lmu-ltau",
            "--out",
        ])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("nothing.csv"));
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// --no-constraints leaves the existing limits out of the panels; by default the NA64μ panel
/// shows the shipped L_μ−L_τ files.
#[test]
fn reach_panels_draw_existing_limits_unless_told_not_to() {
    let dir = temp_dir("panels");
    for (flag, expected) in [("", true), ("--no-constraints", false)] {
        let out = dir.join(if flag.is_empty() { "with" } else { "without" });
        let mut cmd = muforce();
        cmd.args(["reach", "na64mu", "--out"]).arg(&out);
        if !flag.is_empty() {
            cmd.arg(flag);
        }
        cmd.assert().success();
        let svg = std::fs::read_to_string(out.join("reach.svg")).unwrap();
        assert_eq!(svg.contains("CCFR trident"), expected, "{flag}");
        assert_eq!(svg.contains("BaBar 2016"), expected, "{flag}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
