//! The reach table: one long-format row per (experiment, model, scenario, mass).
//!
//! CSV columns `experiment,model,scenario,mass_gev,coupling_low,coupling_high,limit`
//! (coupling_high empty where every coupling above coupling_low is excluded; both empty where
//! nothing is excluded; `limit` is `expected` for a projection's median expected limit and
//! `observed` for a scenario with data), preceded by `#` provenance lines; the JSON form is an
//! object with the provenance and an array of rows with the same keys (null for the empty
//! cells). Tables without the `limit` column (the six-column form of earlier versions and of
//! the constraint files) are read as expected limits.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// Whether a row is a projection's expected limit or a limit set with observed data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LimitKind {
    /// The median expected limit of the background-only hypothesis (band 0).
    #[default]
    Expected,
    /// The limit set with a scenario's observed counts or histogram.
    Observed,
}

impl LimitKind {
    /// The CSV and JSON spelling: `expected` or `observed`.
    pub fn name(self) -> &'static str {
        match self {
            LimitKind::Expected => "expected",
            LimitKind::Observed => "observed",
        }
    }

    /// Parses the CSV spelling.
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim() {
            "expected" => Some(LimitKind::Expected),
            "observed" => Some(LimitKind::Observed),
            _ => None,
        }
    }
}

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
    /// Expected or observed limit.
    #[serde(default)]
    pub limit: LimitKind,
}

impl ReachRow {
    /// The cells of this row in the columns of [`REACH_HEADER`], comma separated.
    pub fn csv_cells(&self) -> String {
        format!(
            "{},{},{},{:.6e},{},{},{}",
            self.experiment,
            self.model,
            self.scenario,
            self.mass_gev,
            cell(self.coupling_low),
            cell(self.coupling_high),
            self.limit.name()
        )
    }
}

/// A reach table with its provenance lines.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReachTable {
    /// Free-text provenance: what was computed, with which settings and version.
    pub provenance: Vec<String>,
    /// The rows.
    pub rows: Vec<ReachRow>,
}

/// The CSV header of a reach table.
pub const REACH_HEADER: &str =
    "experiment,model,scenario,mass_gev,coupling_low,coupling_high,limit";
/// The six-column header of earlier reach tables and of the constraint files (expected limits).
const SIX_COLUMN_HEADER: &str = "experiment,model,scenario,mass_gev,coupling_low,coupling_high";

/// A coupling cell of the CSV forms: six significant digits, empty for None.
pub(crate) fn cell(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.6e}")).unwrap_or_default()
}

/// The `#` provenance lines and the header line that open the CSV forms.
pub(super) fn csv_head(provenance: &[String], header: &str) -> String {
    let mut out = String::new();
    for line in provenance {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "{header}");
    out
}

impl ReachTable {
    /// The CSV text.
    pub fn to_csv(&self) -> String {
        let mut out = csv_head(&self.provenance, REACH_HEADER);
        for r in &self.rows {
            let _ = writeln!(out, "{}", r.csv_cells());
        }
        out
    }

    /// Marks the rows of the named scenarios as observed limits.
    pub fn mark_observed<'a>(&mut self, scenarios: impl IntoIterator<Item = &'a str>) {
        let names: Vec<&str> = scenarios.into_iter().collect();
        for r in &mut self.rows {
            if names.contains(&r.scenario.as_str()) {
                r.limit = LimitKind::Observed;
            }
        }
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
        let mut columns = 0;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(comment) = line.strip_prefix('#') {
                table.provenance.push(comment.trim().to_string());
                continue;
            }
            if columns == 0 {
                columns = match line {
                    REACH_HEADER => 7,
                    SIX_COLUMN_HEADER => 6,
                    _ => {
                        return Err(err(
                            i + 1,
                            format!(
                                "expected the header '{REACH_HEADER}' (or '{SIX_COLUMN_HEADER}')"
                            ),
                        ))
                    }
                };
                continue;
            }
            let f: Vec<&str> = line.split(',').collect();
            if f.len() != columns {
                return Err(err(
                    i + 1,
                    format!("expected {columns} columns, found {}", f.len()),
                ));
            }
            let limit = match f.get(6) {
                None => LimitKind::Expected,
                Some(kind) => LimitKind::from_name(kind).ok_or_else(|| {
                    err(
                        i + 1,
                        format!("limit '{kind}' must be 'expected' or 'observed'"),
                    )
                })?,
            };
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
                limit,
            });
        }
        if columns == 0 {
            return Err(err(0, format!("no header '{REACH_HEADER}'")));
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
                    limit: LimitKind::Expected,
                },
                ReachRow {
                    experiment: "na64-dump".into(),
                    model: "mass-scalar".into(),
                    scenario: "default".into(),
                    mass_gev: 0.1,
                    coupling_low: Some(1e-5),
                    coupling_high: Some(2e-4),
                    limit: LimitKind::Observed,
                },
            ],
        };
        let csv = table.to_csv();
        assert!(
            csv.contains("atlas,scalar,Z+W/A,1.600000e-2,3.200000e-4,,expected\n"),
            "{csv}"
        );
        let back = ReachTable::from_csv("t", &csv).unwrap();
        assert_eq!(back, table);
        let json: serde_json::Value = serde_json::from_str(&table.to_json().unwrap()).unwrap();
        assert!(json["rows"][0]["coupling_high"].is_null());
        assert_eq!(json["rows"][1]["limit"], "observed");
        assert!(ReachTable::from_csv("t", "a,b\n").is_err());
        // The six-column form reads as expected limits; a bad kind is an error.
        let six = format!("{SIX_COLUMN_HEADER}\natlas,scalar,A,1e-2,1e-3,\n");
        let old = ReachTable::from_csv("t", &six).unwrap();
        assert_eq!(old.rows[0].limit, LimitKind::Expected);
        let bad = format!("{REACH_HEADER}\natlas,scalar,A,1e-2,1e-3,,measured\n");
        assert!(ReachTable::from_csv("t", &bad).is_err());
    }
}
