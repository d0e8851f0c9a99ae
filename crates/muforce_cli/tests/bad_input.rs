//! The bad-input corpus (issue 8): every file in `tests/bad_input/` is one malformed
//! invocation — `args` (with `{file}` standing for a temporary file holding `file`), the
//! expected `exit` code and `stderr` fragments that name the field and what is allowed.
//!
//! Every case must exit with its code (2 for bad input, 1 for I/O failures: the rule of
//! `main.rs`), print every fragment on stderr, never print "panicked" and never print NaN on
//! stdout. New subcommands and experiment files add cases by adding files; nothing here
//! changes.

use assert_cmd::Command;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Smallest corpus the issue asks for.
const MIN_CASES: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    exit: i32,
    stderr: Vec<String>,
    #[serde(default)]
    file: Option<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

fn cases() -> Vec<(String, Case)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/bad_input exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            let case: Case =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, case)
        })
        .collect()
}

/// Runs one case; returns a description of every way it failed.
fn check(name: &str, case: &Case, scratch: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    if case.stderr.is_empty() {
        problems.push("lists no stderr fragment".to_string());
    }
    let file = scratch.join(format!("{name}.toml"));
    if let Some(text) = &case.file {
        std::fs::write(&file, text).unwrap();
    }
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{file}", &file.display().to_string()))
        .collect();
    let output = Command::cargo_bin("muforce")
        .unwrap()
        .args(&args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() != Some(case.exit) {
        problems.push(format!(
            "exit {:?}, expected {}",
            output.status.code(),
            case.exit
        ));
    }
    for fragment in &case.stderr {
        if !stderr.contains(fragment.as_str()) {
            problems.push(format!("stderr lacks {fragment:?}"));
        }
    }
    if stderr.contains("panicked") {
        problems.push("panicked".to_string());
    }
    if stdout.to_ascii_lowercase().contains("nan") {
        problems.push("NaN on stdout".to_string());
    }
    if problems.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "{name} ({}): {}\n  stderr: {}",
            args.join(" "),
            problems.join("; "),
            stderr.trim()
        )]
    }
}

#[test]
fn every_bad_input_fails_cleanly_naming_the_field() {
    let cases = cases();
    assert!(
        cases.len() >= MIN_CASES,
        "only {} cases in tests/bad_input (want >= {MIN_CASES})",
        cases.len()
    );
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad_input");
    std::fs::create_dir_all(&scratch).unwrap();
    let failures: Vec<String> = cases
        .iter()
        .flat_map(|(name, case)| check(name, case, &scratch))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The harness itself can fail: a case expecting the wrong fragment is reported.
#[test]
fn harness_reports_a_wrong_expectation() {
    let case = Case {
        args: vec![
            "g2".into(),
            "--spin".into(),
            "tensor".into(),
            "--mass".into(),
            "1".into(),
        ],
        exit: 2,
        stderr: vec!["a fragment that is not printed".into()],
        file: None,
    };
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let problems = check("self_test", &case, &scratch);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("stderr lacks"), "{problems:?}");
}
