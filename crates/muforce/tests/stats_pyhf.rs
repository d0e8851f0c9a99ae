//! The binned-likelihood CLs limits against pyhf on identical histograms.
//!
//! Reference: data/reference/pyhf_limits.json, made by scripts/make_pyhf_reference.py with
//! pyhf's `upper_limit` (asymptotic CLs, q̃_μ, 95 % CL, data = background); CI re-runs the
//! script with `--check` against a freshly installed pyhf.

use muforce::stats::{BinnedLikelihood, LimitMethod};
use serde_json::Value;

#[test]
fn cls_limits_match_pyhf() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/reference/pyhf_limits.json"
    );
    let text = std::fs::read_to_string(path).expect("reference file");
    let reference: Value = serde_json::from_str(&text).expect("valid JSON");
    let cases = reference["cases"].as_array().expect("cases");
    assert!(cases.len() >= 5);
    let numbers = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let expected = case["mu_upper_95"].as_f64().unwrap();
        let likelihood =
            BinnedLikelihood::asimov(numbers(&case["signal"]), numbers(&case["background"]))
                .unwrap();
        let got = likelihood.upper_limit(LimitMethod::Cls, 0.95).unwrap();
        println!(
            "{name}: muforce {got:.6e}, pyhf {expected:.6e}, ratio {:.6}",
            got / expected
        );
        assert!(
            (got / expected - 1.0).abs() < 1e-6,
            "{name}: {got} vs pyhf {expected}"
        );
    }
}
