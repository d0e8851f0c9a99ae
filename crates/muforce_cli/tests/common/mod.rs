//! Helpers shared by the CLI integration tests.

#![allow(dead_code)] // each test binary uses its own subset

use assert_cmd::Command;
use serde_json::Value;

/// The `muforce` binary under test.
pub fn muforce() -> Command {
    Command::cargo_bin("muforce").expect("the muforce binary is built")
}

/// Runs `muforce` with `args`, expects success and parses stdout as JSON.
pub fn json(args: &[&str]) -> Value {
    let out = muforce()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("valid JSON on stdout")
}

/// Runs `muforce <subcommand> <args> --json` and parses stdout.
pub fn subcommand_json(subcommand: &str, args: &[&str]) -> Value {
    let mut all = vec![subcommand];
    all.extend_from_slice(args);
    all.push("--json");
    json(&all)
}
