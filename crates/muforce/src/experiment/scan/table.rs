//! The output of a study: `scan.csv` (the varied parameters as columns, then the columns of
//! reach.csv, one row per design × model × scenario × mass) and `scan.json` (the study, each
//! design's reach provenance, the rows). Both are functions of the study and its results
//! only, with no times or paths of the run, so merged shards equal the whole byte for byte.

use super::study::Study;
use crate::error::{show, Error, Result};
use crate::reach::{LimitKind, ReachRow, REACH_HEADER};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// One design's record in scan.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DesignRecord {
    /// 1-based number in the study.
    pub design: usize,
    /// The value of each varied field, in the order of the study's `vary`.
    pub parameters: Vec<f64>,
    /// The provenance lines of this design's reach table.
    pub provenance: Vec<String>,
}

/// One row: a design's parameters and a row of its reach table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanRow {
    /// 1-based design number.
    pub design: usize,
    /// The design's value of each varied field.
    pub parameters: Vec<f64>,
    /// Experiment name.
    pub experiment: String,
    /// Mediator model.
    pub model: String,
    /// Scenario.
    pub scenario: String,
    /// Mass of X in GeV.
    pub mass_gev: f64,
    /// Lower edge of the excluded couplings (None: nothing excluded).
    pub coupling_low: Option<f64>,
    /// Upper edge (None: excluded up to the largest coupling scanned).
    pub coupling_high: Option<f64>,
    /// Expected or observed limit.
    pub limit: LimitKind,
}

impl ScanRow {
    /// The row of `design` with `parameters` for the reach row `row`.
    pub fn new(design: usize, parameters: &[f64], row: ReachRow) -> Self {
        ScanRow {
            design,
            parameters: parameters.to_vec(),
            experiment: row.experiment,
            model: row.model,
            scenario: row.scenario,
            mass_gev: row.mass_gev,
            coupling_low: row.coupling_low,
            coupling_high: row.coupling_high,
            limit: row.limit,
        }
    }

    /// The reach-table part of the row.
    pub fn reach_row(&self) -> ReachRow {
        ReachRow {
            experiment: self.experiment.clone(),
            model: self.model.clone(),
            scenario: self.scenario.clone(),
            mass_gev: self.mass_gev,
            coupling_low: self.coupling_low,
            coupling_high: self.coupling_high,
            limit: self.limit,
        }
    }
}

/// The result of a study (or of one shard of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanOutput {
    /// What was varied and which shard this is.
    pub study: Study,
    /// The `#` lines that open scan.csv (a function of the study).
    pub provenance: Vec<String>,
    /// The designs computed, in order.
    pub designs: Vec<DesignRecord>,
    /// The rows, design by design, each in its reach table's order.
    pub rows: Vec<ScanRow>,
}

/// A CSV cell for a column name: quoted when it holds a comma or a quote.
pub(super) fn csv_name(name: &str) -> String {
    if name.contains([',', '"']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

/// The provenance lines of a study's tables.
pub fn study_lines(study: &Study) -> Vec<String> {
    let mut lines = vec![format!(
        "muforce {} design scan of {} ({}, text FNV-1a 64 {})",
        env!("CARGO_PKG_VERSION"),
        study.experiment,
        study.source,
        study.text_fnv1a64
    )];
    for v in &study.vary {
        lines.push(format!(
            "varied {} = {} ({} values)",
            v.key,
            v.spec,
            v.values.len()
        ));
    }
    let sizes: Vec<String> = study
        .vary
        .iter()
        .map(|v| v.values.len().to_string())
        .collect();
    let range = study.shard.range(study.designs);
    lines.push(format!(
        "{} designs ({}, the first key varying slowest); shard {}/{}: designs {} to {}",
        study.designs,
        sizes.join(" x "),
        study.shard.index,
        study.shard.count,
        range.start + 1,
        range.end
    ));
    lines.push(match &study.masses_gev {
        Some(m) => format!(
            "masses (GeV): {}",
            m.iter().map(|&x| show(x)).collect::<Vec<_>>().join(", ")
        ),
        None => "masses: each design's analysis grid".into(),
    });
    lines.push(
        "columns: the varied fields, then those of reach.csv; each design's reach provenance \
         is in scan.json"
            .into(),
    );
    lines
}

impl ScanOutput {
    /// The CSV header: the varied keys, then [`REACH_HEADER`].
    pub fn csv_header(&self) -> String {
        let mut names: Vec<String> = self.study.keys().into_iter().map(csv_name).collect();
        names.push(REACH_HEADER.to_string());
        names.join(",")
    }

    /// The text of scan.csv.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for line in &self.provenance {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "{}", self.csv_header());
        for row in &self.rows {
            for &p in &row.parameters {
                let _ = write!(out, "{},", show(p));
            }
            let _ = writeln!(out, "{}", row.reach_row().csv_cells());
        }
        out
    }

    /// The text of scan.json.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| Error::Parse {
                source_name: "scan table".into(),
                message: e.to_string(),
            })
    }

    /// Reads scan.json text (`source_name` names it in errors).
    pub fn from_json(source_name: &str, text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::Parse {
            source_name: source_name.to_string(),
            message: format!("not a muforce scan.json: {e}"),
        })
    }
}
