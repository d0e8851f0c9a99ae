//! Determinism of the command line (issue 8): reach tables and generated events are
//! bit-identical for RAYON_NUM_THREADS = 1 and 2 and for a repeated run with the same seed.
//!
//! Every run gets its own directory and writes to the same relative path there, so that the
//! command line recorded in the outputs (the LHE header keeps it) is the same for all runs.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// (label, RAYON_NUM_THREADS) of the runs compared with the first.
const RUNS: [(&str, &str); 3] = [
    ("1 thread", "1"),
    ("2 threads", "2"),
    ("2 threads again", "2"),
];

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("determinism")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `muforce args` in `dir` with `threads` rayon threads; it must succeed.
fn muforce(dir: &Path, threads: &str, args: &[&str]) {
    Command::cargo_bin("muforce")
        .unwrap()
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .assert()
        .success();
}

/// The bytes of every file of `files` under `dir`.
fn contents(dir: &Path, files: &[&str]) -> Vec<Vec<u8>> {
    files
        .iter()
        .map(|f| {
            std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(f).display()))
        })
        .collect()
}

/// Runs `args` once per entry of [`RUNS`] and returns the labels of the runs whose `files`
/// differ from the first run's.
fn differing(name: &str, args: &[&str], files: &[&str]) -> Vec<String> {
    let mut reference: Option<Vec<Vec<u8>>> = None;
    let mut differ = Vec::new();
    for (i, (label, threads)) in RUNS.iter().enumerate() {
        let dir = scratch(&format!("{name}-{i}"));
        muforce(&dir, threads, args);
        let got = contents(&dir, files);
        assert!(got.iter().all(|b| !b.is_empty()), "{name}: empty output");
        match &reference {
            None => reference = Some(got),
            Some(r) => {
                for (f, (a, b)) in files.iter().zip(r.iter().zip(&got)) {
                    if a != b {
                        differ.push(format!("{name}: {f} of {label} differs from 1 thread"));
                    }
                }
            }
        }
    }
    differ
}

/// A beam-dump reach (na64-dump: IWW, constant energy loss, Poisson limits, ~1 s a run) and a
/// missing-momentum reach (atlas-hllhc with WW: binned CLs over ρ, ~5 s a run).
#[test]
fn reach_tables_are_bit_identical_across_thread_counts_and_runs() {
    let mut differ = differing(
        "na64-dump",
        &["reach", "na64-dump", "--out", "out"],
        &["out/reach.csv", "out/reach.json", "out/reach.svg"],
    );
    differ.extend(differing(
        "atlas-hllhc",
        &["reach", "atlas-hllhc", "--method", "ww", "--out", "out"],
        &[
            "out/reach.csv",
            "out/reach.json",
            "out/reach.yaml",
            "out/reach.svg",
        ],
    ));
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

const EVENTS: [&str; 17] = [
    "events",
    "--spin",
    "vector",
    "--mass",
    "0.2",
    "--energy",
    "160",
    "--target",
    "W",
    "--events",
    "2000",
    "--nodes",
    "24",
    "--seed",
    "17",
    "--out",
    "events.lhe",
];

#[test]
fn events_are_bit_identical_across_thread_counts_and_runs() {
    let differ = differing("events", &EVENTS, &["events.lhe"]);
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// The comparison can fail: another seed gives other events (and the same header otherwise).
#[test]
fn another_seed_gives_other_events() {
    let read = |seed: &str| {
        let mut args = EVENTS;
        args[14] = seed;
        let dir = scratch(&format!("events-seed-{seed}"));
        muforce(&dir, "2", &args);
        std::fs::read_to_string(dir.join("events.lhe")).unwrap()
    };
    let (a, b) = (read("17"), read("18"));
    let events = |text: &str| {
        text.split("<event>")
            .skip(1)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let (ea, eb) = (events(&a), events(&b));
    assert_eq!(ea.len(), 2000, "events of seed 17");
    assert_eq!(eb.len(), 2000, "events of seed 18");
    assert_ne!(ea, eb, "seeds 17 and 18 gave the same events");
}
