//! Reach: the couplings an experiment excludes at each mass, and the tables that carry them.

mod constraint;
mod edges;
mod grid;
mod hepdata;
mod table;

pub use constraint::{
    constraint_header, model_spin, reach_header, shipped_constraints, Constraint, ConstraintCurve,
};
pub use edges::{excluded_interval, CouplingInterval};
pub use grid::{signal_interval, ScanGrid};
pub use table::{ReachRow, ReachTable};
