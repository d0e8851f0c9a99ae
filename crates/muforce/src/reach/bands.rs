//! The expected-limit bands of a reach scan: for each (experiment, model, scenario, mass) the
//! excluded couplings at the limits of bands −2 … 2 (σ of the background-only distribution
//! of the limit; −2 is the strongest, 0 the median, equal to the reach table's expected
//! limit).
//!
//! CSV columns `experiment,model,scenario,mass_gev,band,coupling_low,coupling_high` (empty
//! couplings as in the reach table), preceded by `#` provenance lines.

use super::table::{cell, csv_head, ReachRow};
use std::fmt::Write;

/// One row: the excluded couplings of one band at one mass.
#[derive(Debug, Clone, PartialEq)]
pub struct BandRow {
    /// The reach-table row of this band (experiment, model, scenario, mass, couplings).
    pub row: ReachRow,
    /// The band, −2 … 2.
    pub band: i32,
}

/// The bands of a scan with their provenance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BandTable {
    /// Free-text provenance lines.
    pub provenance: Vec<String>,
    /// The rows, bands −2 … 2 of each mass together.
    pub rows: Vec<BandRow>,
}

/// The CSV header of a band table.
pub const BAND_HEADER: &str = "experiment,model,scenario,mass_gev,band,coupling_low,coupling_high";

impl BandTable {
    /// The CSV text.
    pub fn to_csv(&self) -> String {
        let mut out = csv_head(&self.provenance, BAND_HEADER);
        for b in &self.rows {
            let r = &b.row;
            let _ = writeln!(
                out,
                "{},{},{},{:.6e},{},{},{}",
                r.experiment,
                r.model,
                r.scenario,
                r.mass_gev,
                b.band,
                cell(r.coupling_low),
                cell(r.coupling_high)
            );
        }
        out
    }
}
