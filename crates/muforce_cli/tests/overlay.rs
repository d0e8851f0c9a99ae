//! Integration tests of `--overlay` (docs/constraints.md): a reach table written by
//! `muforce reach` is itself a constraint file, shipped files overlay, bad files are usage
//! errors naming the line.

use predicates::prelude::*;
use std::path::PathBuf;
mod common;
use common::muforce;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("muforce-overlay-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const BABAR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/constraints/babar_2016_lmu_ltau.csv"
);

#[test]
fn reach_output_and_shipped_files_overlay() {
    let m3 = temp_dir("m3");
    muforce()
        .args(["reach", "m3", "--out"])
        .arg(&m3)
        .assert()
        .success();
    let out = temp_dir("na64mu");
    muforce()
        .args(["reach", "na64mu", "--overlay"])
        .arg(m3.join("reach.csv"))
        .args(["--overlay", BABAR, "--out"])
        .arg(&out)
        .assert()
        .success();
    let svg = std::fs::read_to_string(out.join("reach.svg")).unwrap();
    assert!(
        svg.contains("m3 phase-2 (lmu-ltau)"),
        "the m3 reach table overlays"
    );
    assert!(
        svg.contains("BaBar 2016 (lmu-ltau)"),
        "the shipped BaBar limit overlays"
    );
    std::fs::remove_dir_all(&m3).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn bad_constraint_files_are_usage_errors() {
    let dir = temp_dir("bad");
    std::fs::create_dir_all(&dir).unwrap();
    let header = "experiment,model,scenario,mass_gev,coupling_low,coupling_high";
    let cases = [
        (
            format!("# cl: 0.9\n{header}\nx,vector,a,0.1,1e-3,\n"),
            "line 1: no '# source",
        ),
        (
            format!("# source: s\n# cl: 0.9\n{header}\nx,vector,a,0.1,-1e-3,\n"),
            "line 4: coupling_low = -0.001",
        ),
        (
            format!("# source: s\n# cl: 0.9\n{header}\nx,axion,a,0.1,1e-3,\n"),
            "line 4: unknown model 'axion'",
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let path = dir.join(format!("bad{i}.csv"));
        std::fs::write(&path, text).unwrap();
        muforce()
            .args(["reach", "m3", "--overlay"])
            .arg(&path)
            .arg("--out")
            .arg(&dir)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*expected));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
