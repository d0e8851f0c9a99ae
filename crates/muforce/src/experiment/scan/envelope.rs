//! The envelope of a study: at each model, scenario and mass, the lowest excluded coupling
//! over all designs, and the design that reaches it (the first one on a tie).

use super::table::{csv_name, ScanOutput};
use crate::error::show;
use crate::reach::coupling_cell;
use std::collections::HashMap;
use std::fmt::Write;

/// The best design at one (experiment, model, scenario, mass).
#[derive(Debug, Clone, PartialEq)]
pub struct EnvelopeRow {
    /// Experiment name.
    pub experiment: String,
    /// Mediator model.
    pub model: String,
    /// Scenario.
    pub scenario: String,
    /// Mass of X in GeV.
    pub mass_gev: f64,
    /// The lowest `coupling_low` over the designs, and the design (number, parameters) with
    /// it; None where no design excludes anything at this mass.
    pub best: Option<(f64, usize, Vec<f64>)>,
}

/// The envelope table.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The varied keys (the parameter columns).
    pub keys: Vec<String>,
    /// The `#` lines of the CSV.
    pub provenance: Vec<String>,
    /// One row per (experiment, model, scenario, mass), in order of first appearance.
    pub rows: Vec<EnvelopeRow>,
}

/// The envelope of `output`.
pub fn envelope(output: &ScanOutput) -> Envelope {
    let mut rows: Vec<EnvelopeRow> = Vec::new();
    let mut index: HashMap<(String, String, String, u64), usize> = HashMap::new();
    for r in &output.rows {
        let key = (
            r.experiment.clone(),
            r.model.clone(),
            r.scenario.clone(),
            r.mass_gev.to_bits(),
        );
        let at = *index.entry(key).or_insert_with(|| {
            rows.push(EnvelopeRow {
                experiment: r.experiment.clone(),
                model: r.model.clone(),
                scenario: r.scenario.clone(),
                mass_gev: r.mass_gev,
                best: None,
            });
            rows.len() - 1
        });
        if let Some(g) = r.coupling_low {
            let best = &mut rows[at].best;
            if best.as_ref().is_none_or(|(b, _, _)| g < *b) {
                *best = Some((g, r.design, r.parameters.clone()));
            }
        }
    }
    let mut provenance = output.provenance.clone();
    provenance.push(
        "envelope: the lowest coupling_low over the designs at each model, scenario and mass, \
         and the first design reaching it (empty: no design excludes anything there)"
            .into(),
    );
    Envelope {
        keys: output.study.keys().into_iter().map(String::from).collect(),
        provenance,
        rows,
    }
}

impl Envelope {
    /// The CSV text: `experiment,model,scenario,mass_gev,coupling_low,design`, then the varied
    /// keys (the best design's values).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for line in &self.provenance {
            let _ = writeln!(out, "# {line}");
        }
        let mut header = vec!["experiment,model,scenario,mass_gev,coupling_low,design".to_string()];
        header.extend(self.keys.iter().map(|k| csv_name(k)));
        let _ = writeln!(out, "{}", header.join(","));
        for r in &self.rows {
            // The reach table's formatting of the shared columns.
            let _ = write!(
                out,
                "{},{},{},{:.6e},{}",
                r.experiment,
                r.model,
                r.scenario,
                r.mass_gev,
                coupling_cell(r.best.as_ref().map(|b| b.0))
            );
            match &r.best {
                Some((_, design, parameters)) => {
                    let _ = write!(out, ",{design}");
                    for &p in parameters {
                        let _ = write!(out, ",{}", show(p));
                    }
                }
                None => out.push_str(&",".repeat(1 + self.keys.len())),
            }
            out.push('\n');
        }
        out
    }
}
