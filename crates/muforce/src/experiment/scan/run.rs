//! Running a study: every design of the whole study is validated before any is computed (a
//! bad value fails every shard at once, not hours in), then this shard's designs are scanned
//! one after the other, each over its masses in parallel.

use super::masses::{masses_of, model_count};
use super::reach_of::{reach_table_sharing, SharedWork};
use super::source::ExperimentSource;
use super::study::{Design, Study};
use super::table::{study_lines, DesignRecord, ScanOutput, ScanRow};
use crate::error::Result;
use crate::experiment::Description;

/// A study whose designs are validated, ready to run.
#[derive(Debug, Clone)]
pub struct PreparedScan {
    study: Study,
    designs: Vec<(Design, Description)>,
}

impl PreparedScan {
    /// Validates every design of `study` (as the edited files would be) and keeps those of
    /// its shard.
    pub fn new(study: Study, source: &ExperimentSource) -> Result<Self> {
        let range = study.shard.range(study.designs);
        let mut designs = Vec::with_capacity(range.len());
        for design in study.all_designs() {
            let description = study.description(source, &design)?;
            if range.contains(&(design.number - 1)) {
                designs.push((design, description));
            }
        }
        Ok(PreparedScan { study, designs })
    }

    /// The study.
    pub fn study(&self) -> &Study {
        &self.study
    }

    /// The number of designs this shard computes.
    pub fn design_count(&self) -> usize {
        self.designs.len()
    }

    /// The (model, mass) points this shard computes: the work, summed over its designs.
    pub fn points(&self) -> usize {
        self.designs
            .iter()
            .map(|(_, d)| model_count(d) * masses_of(d).len())
            .sum()
    }

    /// Scans each design; `progress` is called once per finished (model, mass) point. The
    /// second value counts the production tables made and reused.
    pub fn run(&self, progress: &(dyn Fn() + Sync)) -> Result<(ScanOutput, SharedWork)> {
        let mut shared = SharedWork::default();
        let mut records = Vec::with_capacity(self.designs.len());
        let mut rows = Vec::new();
        for (design, description) in &self.designs {
            let table = reach_table_sharing(description, &mut shared, progress)?;
            rows.extend(
                table
                    .rows
                    .into_iter()
                    .map(|r| ScanRow::new(design.number, &design.values, r)),
            );
            records.push(DesignRecord {
                design: design.number,
                parameters: design.values.clone(),
                provenance: table.provenance,
            });
        }
        let output = ScanOutput {
            provenance: study_lines(&self.study),
            study: self.study.clone(),
            designs: records,
            rows,
        };
        Ok((output, shared))
    }
}
