//! A binned likelihood as a pyhf workspace (HistFactory JSON, pyhf's `workspace.json` schema
//! 1.0.0, <https://pyhf.readthedocs.io/en/v0.7.6/likelihood.html>): one channel with a signal
//! sample carrying the normfactor POI `mu` and a background sample, the nuisance parameters of
//! [`Systematics`] written as pyhf models them, and the observed counts.
//!
//! * signal normalisation σ_s: `normsys` `signal_norm` with hi = 1 + σ_s, lo = 1/(1 + σ_s);
//! * background normalisation σ_b: `normsys` `background_norm`, likewise;
//! * bin-by-bin background uncertainty δ: `staterror` `background_bins` with data δ·b_i.
//!
//! These are the definitions muforce's profile likelihood is checked against
//! (scripts/make_pyhf_reference.py, tests/stats_pyhf.rs).

use super::binned::BinnedLikelihood;
use serde_json::{json, Value};

/// Upper bound of the POI `mu` written in the measurement (pyhf's default is 10): a
/// workspace built at a reference coupling near the limit has μ_UL ≈ 1.
pub const MU_UPPER_BOUND: f64 = 100.0;

fn normsys(name: &str, sigma: f64) -> Value {
    json!({"name": name, "type": "normsys", "data": {"hi": 1.0 + sigma, "lo": 1.0 / (1.0 + sigma)}})
}

impl BinnedLikelihood {
    /// The pyhf workspace of this likelihood with the signal scaled by `signal_scale` (the
    /// signal per unit μ of the workspace is `signal_scale` × this likelihood's). `channel`
    /// names the channel and the measurement.
    pub fn pyhf_workspace(&self, channel: &str, signal_scale: f64) -> Value {
        let sys = self.systematics();
        let mut signal_modifiers = vec![json!({"name": "mu", "type": "normfactor", "data": null})];
        if sys.signal_rel > 0.0 {
            signal_modifiers.push(normsys("signal_norm", sys.signal_rel));
        }
        let mut background_modifiers = Vec::new();
        if sys.background_rel > 0.0 {
            background_modifiers.push(normsys("background_norm", sys.background_rel));
        }
        if sys.background_bin_rel > 0.0 {
            let data: Vec<f64> = self
                .background()
                .iter()
                .map(|b| sys.background_bin_rel * b)
                .collect();
            background_modifiers
                .push(json!({"name": "background_bins", "type": "staterror", "data": data}));
        }
        let signal: Vec<f64> = self.signal().iter().map(|s| s * signal_scale).collect();
        json!({
            "version": "1.0.0",
            "channels": [{
                "name": channel,
                "samples": [
                    {"name": "signal", "data": signal, "modifiers": signal_modifiers},
                    {"name": "background", "data": self.background(), "modifiers": background_modifiers},
                ],
            }],
            "observations": [{"name": channel, "data": self.observed()}],
            "measurements": [{
                "name": channel,
                "config": {
                    "poi": "mu",
                    "parameters": [{"name": "mu", "bounds": [[0.0, MU_UPPER_BOUND]], "inits": [1.0]}],
                },
            }],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Systematics;

    /// The JSON carries the numbers and the modifiers of each systematic (the layout pyhf
    /// reads; pyhf itself checks the limits in CI, scripts/check_pyhf_workspaces.py).
    #[test]
    fn workspace_layout() {
        let l = BinnedLikelihood::new(vec![1.0, 2.0], vec![10.0, 20.0], vec![9.0, 22.0])
            .unwrap()
            .with_systematics(
                Systematics::new(0.1, 0.2)
                    .unwrap()
                    .with_bin_uncertainty(0.05)
                    .unwrap(),
            );
        let w = l.pyhf_workspace("m2miss", 4.0);
        let samples = &w["channels"][0]["samples"];
        assert_eq!(samples[0]["data"], json!([4.0, 8.0]));
        assert_eq!(samples[1]["data"], json!([10.0, 20.0]));
        assert_eq!(samples[0]["modifiers"][1]["data"]["hi"], json!(1.2));
        assert_eq!(samples[1]["modifiers"][0]["data"]["lo"], json!(1.0 / 1.1));
        assert_eq!(samples[1]["modifiers"][1]["data"], json!([0.5, 1.0]));
        assert_eq!(w["observations"][0]["data"], json!([9.0, 22.0]));
        let plain = BinnedLikelihood::asimov(vec![1.0], vec![3.0]).unwrap();
        let w = plain.pyhf_workspace("c", 1.0);
        assert_eq!(w["channels"][0]["samples"][1]["modifiers"], json!([]));
    }
}
