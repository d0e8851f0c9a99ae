//! Writes the ATLAS ρ histograms that scripts/make_pyhf_reference.py turns into pyhf reference
//! cases (data/reference/atlas_rho_histograms.json):
//! `cargo run --release -p muforce --example atlas_pyhf_histograms`.
//!
//! The signal is scaled to g = 10⁻³ so that the limit on μ is of order one. Bins with more than
//! 10⁷ background muons (the core |ρ| ≲ 0.1) are left out: with them pyhf 0.7.6's scipy fit
//! stops away from the minimum (μ_up = 1.27 instead of 0.4626 for the vector case, where a
//! direct root of q̃_μ = 1.96² gives 0.4626 like muforce); without them the limit moves by
//! 2·10⁻⁸.

use muforce::experiment::builtin;
use muforce::experiment::missing_momentum::{background, scenario_muons, signal};
use muforce::model::Spin;
use muforce::production::Method;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let e = builtin("atlas-hllhc")?.with_method(Method::Ww);
    let mut cases = Vec::new();
    for (spin, mass, name) in [(Spin::Vector, 0.016, "Z/A"), (Spin::Scalar, 1.0, "Z+W/B")] {
        let sc = e
            .scenarios
            .iter()
            .find(|s| s.name == name)
            .ok_or("scenario missing")?;
        let s = signal(&e, spin, mass)?;
        let signal = s.events(1e-3, &scenario_muons(&e, sc));
        let (signal, background): (Vec<f64>, Vec<f64>) = signal
            .into_iter()
            .zip(background(&e, sc))
            .filter(|&(_, b)| b < 1e7)
            .unzip();
        cases.push(serde_json::json!({
            "name": format!("atlas_{}_{}MeV_{}", spin.name(), mass * 1e3, name.replace('/', "_").replace('+', "")),
            "signal": signal,
            "background": background,
        }));
    }
    let out = serde_json::json!({
        "source": "muforce ATLAS rho histograms (WW cross section, GKSST inputs, 100 bins on [-1, 1], bins with background >= 1e7 left out), signal at g = 1e-3",
        "cases": cases,
    });
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/reference/atlas_rho_histograms.json"
    );
    std::fs::write(path, serde_json::to_string_pretty(&out)? + "\n")?;
    Ok(())
}
