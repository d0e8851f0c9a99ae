//! Reach: the couplings an experiment excludes at each mass, and the tables that carry them.

mod edges;
mod hepdata;
mod table;

pub use edges::{excluded_interval, CouplingInterval};
pub use table::{ReachRow, ReachTable};
