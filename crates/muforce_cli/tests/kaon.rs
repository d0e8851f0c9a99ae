//! `muforce kaon`: the JSON contract, unit suffixes and the handling of bad input.

use predicates::str::contains;
mod common;
use common::muforce;

fn json(args: &[&str]) -> serde_json::Value {
    common::subcommand_json("kaon", args)
}

/// `--model MODEL --mass MASS --coupling COUPLING`, then `extra`.
fn kaon_args<'a>(
    model: &'a str,
    mass: &'a str,
    coupling: &'a str,
    extra: &[&'a str],
) -> Vec<&'a str> {
    let mut all = vec!["--model", model, "--mass", mass, "--coupling", coupling];
    all.extend_from_slice(extra);
    all
}

/// `muforce kaon ARGS` exits with code 2 and prints nothing on stdout; its message contains
/// `needle`, is not a panic and does not say that NaN is allowed.
fn assert_usage_error(args: &[&str], needle: &str) {
    let out = muforce().arg("kaon").args(args).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
    assert!(
        !stderr.contains("NaN is allowed") && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert!(out.get_output().stdout.is_empty(), "{args:?}");
}

/// The keys of the JSON contract, and the value: REFERENCE §8 item 6 gives
/// Γ/Γ(K→μν) = 2.07e-2 per g² for the muon scalar at 100 MeV.
#[test]
fn json_contract_and_reference_value() {
    let v = json(&kaon_args("muon-scalar", "0.1", "1e-3", &[]));
    for key in [
        "ratio_to_k_mu_nu",
        "branching_ratio",
        "ratio_error",
        "model",
        "mass_gev",
        "coupling",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    let ratio = v["ratio_to_k_mu_nu"].as_f64().unwrap();
    assert!((ratio / 2.07e-8 - 1.0).abs() < 3e-3, "{ratio}");
    let br = v["branching_ratio"].as_f64().unwrap();
    assert!((br / ratio - 0.6356).abs() < 1e-12);
    assert!(v["ratio_error"].as_f64().unwrap() < 1e-6 * ratio);
    assert_eq!(v["model"], "muon-scalar");
    assert_eq!(v["mass_gev"].as_f64().unwrap(), 0.1);
    assert_eq!(v["coupling"].as_f64().unwrap(), 1e-3);
    assert!(v.get("reach").is_none());
}

/// `--mass` takes unit suffixes: 50MeV is 0.05 GeV.
#[test]
fn mass_accepts_units() {
    let a = json(&kaon_args("lmu-ltau", "50MeV", "1e-3", &[]));
    let b = json(&kaon_args("lmu-ltau", "0.05", "1e-3", &[]));
    assert_eq!(a["ratio_to_k_mu_nu"], b["ratio_to_k_mu_nu"]);
    assert_eq!(a["mass_gev"].as_f64().unwrap(), 0.05);
}

/// The reach block: positive couplings, and the likelihood does no worse than the cut and count.
#[test]
fn reach_block() {
    let v = json(&kaon_args(
        "muon-vector",
        "0.1",
        "1e-3",
        &["--reach", "--kappa", "1e-3"],
    ));
    let r = &v["reach"];
    let cc = r["g_lim_cut_and_count"].as_f64().unwrap();
    let ll = r["g_lim_likelihood"].as_f64().unwrap();
    assert!(cc > 0.0 && ll > 0.0 && cc < 1.0, "{r}");
    assert!(r["background"].as_f64().unwrap() > 0.0);
}

/// Human-readable output without --json.
#[test]
fn text_output() {
    muforce()
        .arg("kaon")
        .args(kaon_args("lmu-ltau", "0.05", "1e-3", &[]))
        .assert()
        .success()
        .stdout(contains("BR(K -> mu nu X)"));
}

/// Bad input exits with code 2 and names the field and what is allowed.
#[test]
fn bad_input_is_a_usage_error() {
    let cases = [
        (
            kaon_args("dark-photon", "0.05", "1e-3", &[]),
            "muon-scalar, lmu-ltau, muon-vector",
        ),
        (kaon_args("lmu-ltau", "0.39", "1e-3", &[]), "m_X"),
        (kaon_args("lmu-ltau", "400MeV", "1e-3", &[]), "m_K - m_mu"),
        (kaon_args("lmu-ltau", "0", "1e-3", &[]), "--mass"),
        (kaon_args("lmu-ltau", "-0.1", "1e-3", &[]), "--mass"),
        (kaon_args("lmu-ltau", "nan", "1e-3", &[]), "--mass"),
        (kaon_args("lmu-ltau", "0.05", "nan", &[]), "coupling"),
        (
            kaon_args("lmu-ltau", "0.05", "1e-3", &["--kappa", "-0.1"]),
            "kappa",
        ),
        (
            kaon_args("lmu-ltau", "0.05", "1e-3", &["--m2-lower", "0.2"]),
            "window",
        ),
    ];
    for (args, needle) in cases {
        assert_usage_error(&args, needle);
    }
}

/// `--search visible --reach`: the visible-search block. The window keeps ≈ 95 % of the signal
/// (±2σ), BR(X → μμ) = 1 for the muon-only vector above 2m_μ (its only channel, REFERENCE §4.2),
/// and X decays promptly in the fiducial volume at g = 10⁻³.
#[test]
fn visible_search_block() {
    let v = json(&kaon_args(
        "muon-vector",
        "0.3",
        "1e-3",
        &["--reach", "--search", "visible"],
    ));
    let r = &v["visible"];
    for key in [
        "window_gev",
        "sigma_m_gev",
        "signal_efficiency",
        "background",
        "signal_limit",
        "dimuon_branching",
        "decay_probability_in_fiducial_volume",
        "signal_events",
        "g_lim_prompt",
    ] {
        assert!(r.get(key).is_some(), "missing {key} in {r}");
    }
    assert_eq!(r["dimuon_branching"].as_f64().unwrap(), 1.0);
    let eff = r["signal_efficiency"].as_f64().unwrap();
    assert!(eff > 0.93 && eff < 0.97, "{eff}");
    assert!((r["decay_probability_in_fiducial_volume"].as_f64().unwrap() - 1.0).abs() < 1e-9);
    let w = r["window_gev"].as_array().unwrap();
    assert!(w[0].as_f64().unwrap() < 0.3 && w[1].as_f64().unwrap() > 0.3);
    assert!(v.get("reach").is_none());
}

/// Visible-search bad input: m_X at or below 2m_μ, an empty window, an unknown search.
#[test]
fn visible_search_bad_input() {
    let cases = [
        (
            kaon_args("muon-scalar", "0.2", "1e-3", &["--search", "visible"]),
            "2 m_mu",
        ),
        (
            kaon_args(
                "muon-scalar",
                "0.3",
                "1e-3",
                &["--search", "visible", "--reach", "--window-sigmas", "0"],
            ),
            "empty cut window",
        ),
        (
            kaon_args("muon-scalar", "0.3", "1e-3", &["--search", "both"]),
            "invisible, visible",
        ),
    ];
    for (args, needle) in cases {
        assert_usage_error(&args, needle);
    }
}
