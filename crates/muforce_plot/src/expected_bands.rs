//! The expected-limit bands of a band table as shaded regions of a reach panel.

use muforce::reach::BandTable;
use muforce::reach::{Band, BandKind};

/// The ±2σ (yellow) and ±1σ (green) expected bands of every scenario of `model` in `bands`
/// (the colours of the experiments' "Brazil" plots), drawn beneath the limits: between the
/// lower edges of bands −k and +k at the masses where both exclude something.
pub fn expected_bands(bands: &BandTable, model: &str) -> Vec<Band> {
    let mut scenarios: Vec<&str> = Vec::new();
    for b in bands.rows.iter().filter(|b| b.row.model == model) {
        if !scenarios.contains(&b.row.scenario.as_str()) {
            scenarios.push(&b.row.scenario);
        }
    }
    let mut out = Vec::new();
    for scenario in scenarios {
        for (k, kind) in [
            (2, BandKind::ExpectedTwoSigma),
            (1, BandKind::ExpectedOneSigma),
        ] {
            let edge = |band: i32| -> Vec<(f64, Option<f64>)> {
                bands
                    .rows
                    .iter()
                    .filter(|b| {
                        b.band == band && b.row.model == model && b.row.scenario == scenario
                    })
                    .map(|b| (b.row.mass_gev, b.row.coupling_low))
                    .collect()
            };
            let points: Vec<(f64, f64, f64)> = edge(-k)
                .into_iter()
                .zip(edge(k))
                .filter_map(|((m, lo), (_, hi))| Some((m, lo?, hi?)))
                .collect();
            if !points.is_empty() {
                out.push(Band {
                    // The same label for every scenario: the legend shows it once.
                    label: format!("expected ±{k}σ"),
                    points,
                    kind,
                });
            }
        }
    }
    out
}
