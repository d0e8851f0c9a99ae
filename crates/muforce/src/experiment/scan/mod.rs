//! Design studies: the reach of every combination of values of some numeric fields of an
//! experiment file (`--vary KEY=VALUES`, see [`crate::experiment::vary`]), in shards that a
//! cluster can run apart and [`merge`] joins, and the envelope of the best design per mass.
//!
//! Each design is the experiment text with its edits, parsed and validated as that edited
//! file would be, and its reach is computed by the same library path as `muforce reach`.

mod envelope;
mod masses;
mod merge;
mod reach_of;
mod run;
mod source;
mod study;
mod table;

pub use envelope::{envelope, Envelope, EnvelopeRow};
pub use masses::{masses_of, model_count, with_masses};
pub use merge::merge;
pub use reach_of::{reach_table, reach_table_sharing, SharedWork};
pub use run::PreparedScan;
pub use source::ExperimentSource;
pub use study::{Design, Study, VariedField, MAX_DESIGNS};
pub use table::{study_lines, DesignRecord, ScanOutput, ScanRow};

#[cfg(test)]
mod tests;
