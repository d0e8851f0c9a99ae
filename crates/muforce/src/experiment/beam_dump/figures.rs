//! Reach panels of a beam dump: one per model, the excluded islands of every scenario and the
//! (g−2)_μ band of the file's era (as CPZ arXiv:1701.07437 Fig. 5).

use super::scan::{BeamDump, DumpScan};
use crate::error::Result;
use crate::model::g2_band;
use crate::plot::{Band, Curve, ReachFigure};

/// One panel per model of the experiment.
pub fn dump_panels(experiment: &BeamDump, scan: &DumpScan) -> Result<Vec<ReachFigure>> {
    let masses = &experiment.masses_gev;
    experiment
        .models
        .iter()
        .map(|&preset| {
            let curves = experiment
                .scenarios
                .iter()
                .map(|s| Curve {
                    label: format!("{} {}", experiment.name, s.name),
                    points: scan
                        .table
                        .rows
                        .iter()
                        .filter(|r| r.model == preset.name() && r.scenario == s.name)
                        .filter_map(|r| r.coupling_low.map(|lo| (r.mass_gev, lo, r.coupling_high)))
                        .collect(),
                })
                .filter(|c| !c.points.is_empty())
                .collect();
            let mut band = Vec::new();
            for &m in masses {
                let b = g2_band(preset.spin(), m, experiment.g2_era, experiment.g2_sigma)?;
                if let (Some(lo), Some(hi)) = (b.coupling_low, b.coupling_high) {
                    if lo > 0.0 {
                        band.push((m, lo, hi));
                    }
                }
            }
            let bands = if band.is_empty() {
                Vec::new()
            } else {
                vec![Band {
                    label: format!(
                        "(g-2) {} +-{} sigma",
                        experiment.g2_era.name, experiment.g2_sigma
                    ),
                    points: band,
                }]
            };
            Ok(ReachFigure {
                title: format!(
                    "{} ({}, {})",
                    preset.name(),
                    experiment.name,
                    experiment.setup.method.name()
                ),
                mass_range: (masses[0], masses[masses.len() - 1]),
                coupling_range: (1e-7, 1.0),
                curves,
                bands,
                size: (800, 600),
            })
        })
        .collect()
}
