//! Integration tests of `muforce scan` and `muforce merge`: a study equals separate `reach`
//! runs on the hand-edited files, merged shards equal the whole byte for byte, the envelope is
//! the minimum over designs, and bad input fails with a usage error before anything is written.
//! NA64mu (WW cross section) on a two-mass grid keeps each design under a few seconds.

use predicates::prelude::*;
use std::path::{Path, PathBuf};
mod common;
use common::muforce;

const NA64MU: &str = include_str!("../../../experiments/na64mu.toml");

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("muforce-scan-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// NA64mu with its mass grid cut to 0.01 and 0.1 GeV, and the edits `(from, to)` made by hand.
fn experiment_text(edits: &[(&str, String)]) -> String {
    let mut text = NA64MU
        .replace("mass_min_gev = 1e-3", "mass_min_gev = 0.01")
        .replace("mass_max_gev = 1.0", "mass_max_gev = 0.1")
        .replace("masses_per_decade = 20", "masses_per_decade = 1");
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    text
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The data lines of a CSV (no `#` lines, no header).
fn data_lines(csv: &str) -> Vec<String> {
    csv.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(String::from)
        .collect()
}

fn scan(experiment: &Path, varies: &[&str], shard: Option<&str>, out: &Path) {
    let mut cmd = muforce();
    cmd.arg("scan").arg(experiment);
    for v in varies {
        cmd.args(["--vary", v]);
    }
    if let Some(s) = shard {
        cmd.args(["--shard", s]);
    }
    cmd.arg("--out").arg(out).assert().success();
}

#[test]
fn a_2x3_study_equals_six_reach_runs_and_its_envelope_is_the_minimum() {
    let dir = temp_dir("six");
    let base = dir.join("na64mu_small.toml");
    std::fs::write(&base, experiment_text(&[])).unwrap();
    scan(
        &base,
        &[
            "production.e_out_max_gev=60,100",
            "target.length_cm=10:30:3lin",
        ],
        None,
        &dir.join("scan"),
    );
    let csv = read(&dir.join("scan/scan.csv"));
    let header = csv.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(
        header,
        "production.e_out_max_gev,target.length_cm,\
         experiment,model,scenario,mass_gev,coupling_low,coupling_high,limit"
    );
    let rows = data_lines(&csv);
    // 6 designs x 1 model x 2 masses x 3 scenarios.
    assert_eq!(rows.len(), 6 * 2 * 3);
    let mut design = 0;
    for e_out in [60, 100] {
        for length in [10, 20, 30] {
            // The same design, edited by hand and run through `reach`.
            let file = dir.join(format!("design_{e_out}_{length}.toml"));
            std::fs::write(
                &file,
                experiment_text(&[
                    ("e_out_max_gev = 80.0", format!("e_out_max_gev = {e_out}.0")),
                    ("length_cm = 22.45", format!("length_cm = {length}.0")),
                ]),
            )
            .unwrap();
            let out = dir.join(format!("reach_{e_out}_{length}"));
            muforce()
                .args(["reach", "--no-constraints", "--out"])
                .arg(&out)
                .arg(&file)
                .assert()
                .success();
            let reach = data_lines(&read(&out.join("reach.csv")));
            assert_eq!(reach.len(), 6);
            let prefix = format!("{e_out},{length},");
            let ours: Vec<String> = rows[design * 6..(design + 1) * 6]
                .iter()
                .map(|r| {
                    r.strip_prefix(&prefix)
                        .unwrap_or_else(|| panic!("{r}"))
                        .into()
                })
                .collect();
            // Every cell of the reach table, as `reach` writes it.
            assert_eq!(ours, reach, "design {e_out} GeV, {length} cm");
            design += 1;
        }
    }
    // The longer target and the looser cut reach further: the study is not constant.
    let low = |row: &str| -> f64 { row.split(',').nth(6).unwrap().parse().unwrap() };
    assert!(
        low(&rows[0]) > low(&rows[5 * 6]),
        "{} vs {}",
        rows[0],
        rows[30]
    );

    // Two varied fields: a heat map at the figure mass, labelled with both fields.
    let map = read(&dir.join("scan/heat_map.svg"));
    assert!(map.contains("target.length_cm") && map.contains("production.e_out_max_gev"));

    // envelope.csv: at each (model, scenario, mass) the minimum coupling_low over designs.
    let envelope = data_lines(&read(&dir.join("scan/envelope.csv")));
    assert_eq!(envelope.len(), 2 * 3);
    for line in &envelope {
        let cells: Vec<&str> = line.split(',').collect();
        let key = cells[2..4].join(",");
        let matching: Vec<&String> = rows
            .iter()
            .filter(|r| r.split(',').skip(4).take(2).collect::<Vec<_>>().join(",") == key)
            .collect();
        assert_eq!(matching.len(), 6, "{key}");
        let best = matching
            .iter()
            .min_by(|a, b| low(a).total_cmp(&low(b)))
            .unwrap();
        let best_cells: Vec<&str> = best.split(',').collect();
        assert_eq!(cells[4], best_cells[6], "{line}");
        // The parameters reported are those of the best row.
        assert_eq!(&cells[6..8], &best_cells[0..2], "{line}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn merged_shards_equal_the_whole_and_bad_merges_write_nothing() {
    let dir = temp_dir("shards");
    let base = dir.join("na64mu_small.toml");
    std::fs::write(&base, experiment_text(&[])).unwrap();
    let vary = ["production.e_out_max_gev=40:100:3lin"];
    scan(&base, &vary, None, &dir.join("whole"));
    scan(&base, &vary, Some("2/2"), &dir.join("s2"));
    scan(&base, &vary, Some("1/2"), &dir.join("s1"));
    // Shards given in any order.
    muforce()
        .args(["merge"])
        .arg(dir.join("s2"))
        .arg(dir.join("s1"))
        .arg("--out")
        .arg(dir.join("merged"))
        .assert()
        .success();
    for file in [
        "scan.csv",
        "scan.json",
        "envelope.csv",
        "scan.svg",
        "envelope.svg",
    ] {
        assert_eq!(
            read(&dir.join("merged").join(file)),
            read(&dir.join("whole").join(file)),
            "{file}"
        );
    }
    // One thread gives the same bytes as the default pool.
    let one = dir.join("one_thread");
    muforce()
        .env("RAYON_NUM_THREADS", "1")
        .arg("scan")
        .arg(&base)
        .args(["--vary", vary[0], "--out"])
        .arg(&one)
        .assert()
        .success();
    assert_eq!(
        read(&one.join("scan.json")),
        read(&dir.join("whole/scan.json"))
    );
    // The figures name what they draw.
    let svg = read(&dir.join("whole/scan.svg"));
    assert!(svg.contains("<svg") && svg.contains("production.e_out_max_gev"));
    let svg = read(&dir.join("whole/envelope.svg"));
    assert!(svg.contains("MOT=1e13") && svg.contains("best of 3 designs"));
    // A shard holds its part only.
    assert_eq!(data_lines(&read(&dir.join("s1/scan.csv"))).len(), 6);
    assert_eq!(data_lines(&read(&dir.join("s2/scan.csv"))).len(), 12);

    // Shard 2/2 of another study (other values): nothing computed is needed to refuse it.
    let other = dir.join("other");
    scan(
        &base,
        &["production.e_out_max_gev=40:100:4lin"],
        Some("2/2"),
        &other,
    );
    let bad_merges: [(&[&str], &str); 4] = [
        (&["s1", "other"], "varied fields"),
        (&["s1", "s1"], "do not overlap"),
        (&["s1"], "missing 2/2"),
        (&["s1", "whole"], "number of shards N"),
    ];
    for (k, (dirs, message)) in bad_merges.iter().enumerate() {
        let out = dir.join(format!("bad{k}"));
        muforce()
            .arg("merge")
            .args(dirs.iter().map(|d| dir.join(d)))
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
        assert!(!out.exists(), "a failed merge wrote {}", out.display());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_is_a_usage_error_naming_the_field() {
    let dir = temp_dir("bad");
    let cases: [(&[&str], &str); 7] = [
        (
            &["--vary", "beam.energy=100"],
            "known: analysis.confidence_level",
        ),
        (&["--vary", "beam.energy_gev=100:50:3lin"], "empty range"),
        (
            &["--vary", "beam.energy_gev=160,-5"],
            "design 2 (beam.energy_gev = -5)",
        ),
        (
            &["--vary", "beam.energy_gev=160", "--shard", "3/2"],
            "--shard = 3/2",
        ),
        (
            &["--vary", "beam.energy_gev=160", "--shard", "0/2"],
            "--shard = 0/2",
        ),
        (
            &["--vary", "beam.energy_gev=160", "--masses", "5"],
            "--masses = 5",
        ),
        (
            &[
                "--vary",
                "scenario.MOT=1e11.muons=1e10",
                "--vary",
                "scenario.0.muons=1",
            ],
            "is the same field",
        ),
    ];
    for (k, (args, message)) in cases.iter().enumerate() {
        let out = dir.join(format!("out{k}"));
        muforce()
            .args(["scan", "na64mu"])
            .args(*args)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
