//! The reach table: one long-format row per (experiment, model, scenario, mass).
//!
//! CSV columns `experiment,model,scenario,mass_gev,coupling_low,coupling_high` (coupling_high
//! empty where every coupling above coupling_low is excluded; both empty where nothing is
//! excluded), preceded by `#` provenance lines; the JSON form is an object with the provenance
//! and an array of rows with the same keys (null for the empty cells).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// One row of the reach table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReachRow {
    /// Experiment name, e.g. `atlas`.
    pub experiment: String,
    /// Mediator model, e.g. `scalar`, `mass-scalar`, `lmu-ltau`.
    pub model: String,
    /// Scenario: sample, background case, exposure, e.g. `Z+W/A`, `MOT=1e11`.
    pub scenario: String,
    /// Mass of X in GeV.
    pub mass_gev: f64,
    /// Lower edge of the excluded couplings (None: nothing excluded at this mass).
    pub coupling_low: Option<f64>,
    /// Upper edge (None: excluded up to the largest coupling scanned).
    pub coupling_high: Option<f64>,
}

/// A reach table with its provenance lines.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReachTable {
    /// Free-text provenance: what was computed, with which settings and version.
    pub provenance: Vec<String>,
    /// The rows.
    pub rows: Vec<ReachRow>,
}

const HEADER: &str = "experiment,model,scenario,mass_gev,coupling_low,coupling_high";

fn cell(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.6e}")).unwrap_or_default()
}

impl ReachTable {
    /// The CSV text.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for line in &self.provenance {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(HEADER);
        out.push('\n');
        for r in &self.rows {
            let _ = writeln!(
                out,
                "{},{},{},{:.6e},{},{}",
                r.experiment,
                r.model,
                r.scenario,
                r.mass_gev,
                cell(r.coupling_low),
                cell(r.coupling_high)
            );
        }
        out
    }

    /// The JSON text.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Parse {
            source_name: "reach table".into(),
            message: e.to_string(),
        })
    }

    /// Parses the CSV form (provenance lines are kept).
    pub fn from_csv(source_name: &str, text: &str) -> Result<Self> {
        let err = |line: usize, message: String| Error::Parse {
            source_name: source_name.to_string(),
            message: format!("line {line}: {message}"),
        };
        let mut table = ReachTable::default();
        let mut header_seen = false;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(comment) = line.strip_prefix('#') {
                table.provenance.push(comment.trim().to_string());
                continue;
            }
            if !header_seen {
                if line != HEADER {
                    return Err(err(i + 1, format!("expected the header '{HEADER}'")));
                }
                header_seen = true;
                continue;
            }
            let f: Vec<&str> = line.split(',').collect();
            if f.len() != 6 {
                return Err(err(i + 1, format!("expected 6 columns, found {}", f.len())));
            }
            let optional = |s: &str, name: &str| -> Result<Option<f64>> {
                if s.trim().is_empty() {
                    Ok(None)
                } else {
                    s.trim()
                        .parse()
                        .map(Some)
                        .map_err(|_| err(i + 1, format!("{name} '{s}' is not a number")))
                }
            };
            table.rows.push(ReachRow {
                experiment: f[0].to_string(),
                model: f[1].to_string(),
                scenario: f[2].to_string(),
                mass_gev: f[3]
                    .trim()
                    .parse()
                    .map_err(|_| err(i + 1, format!("mass_gev '{}' is not a number", f[3])))?,
                coupling_low: optional(f[4], "coupling_low")?,
                coupling_high: optional(f[5], "coupling_high")?,
            });
        }
        if !header_seen {
            return Err(err(0, format!("no header '{HEADER}'")));
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_round_trip() {
        let table = ReachTable {
            provenance: vec!["muforce test".into()],
            rows: vec![
                ReachRow {
                    experiment: "atlas".into(),
                    model: "scalar".into(),
                    scenario: "Z+W/A".into(),
                    mass_gev: 0.016,
                    coupling_low: Some(3.2e-4),
                    coupling_high: None,
                },
                ReachRow {
                    experiment: "na64-dump".into(),
                    model: "mass-scalar".into(),
                    scenario: "default".into(),
                    mass_gev: 0.1,
                    coupling_low: Some(1e-5),
                    coupling_high: Some(2e-4),
                },
            ],
        };
        let csv = table.to_csv();
        assert!(
            csv.contains("atlas,scalar,Z+W/A,1.600000e-2,3.200000e-4,\n"),
            "{csv}"
        );
        let back = ReachTable::from_csv("t", &csv).unwrap();
        assert_eq!(back, table);
        let json: serde_json::Value = serde_json::from_str(&table.to_json().unwrap()).unwrap();
        assert!(json["rows"][0]["coupling_high"].is_null());
        assert!(ReachTable::from_csv("t", "a,b\n").is_err());
    }
}
