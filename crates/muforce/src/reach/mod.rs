//! Reach: the couplings an experiment excludes at each mass, and the tables that carry them.

mod bands;
mod constraint;
mod edges;
mod g2_regions;
mod grid;
mod hepdata;
mod signature;
mod table;
mod workspaces;

pub use bands::{BandRow, BandTable, BAND_HEADER};
pub use constraint::{
    constraint_header, model_names, model_spin, reach_header, shipped_constraint_files,
    shipped_constraints, Constraint, ConstraintCurve, Display,
};
pub use edges::{excluded_interval, CouplingInterval};
pub use g2_regions::{g2_bands, g2_excluded_band, g2_favoured_band, Band, BandKind, G2Settings};
pub use grid::{signal_interval, ScanGrid};
pub use signature::Signature;
pub(crate) use table::cell as coupling_cell;
pub use table::{LimitKind, ReachRow, ReachTable, REACH_HEADER};
pub use workspaces::{WorkspaceEntry, WorkspaceSet};
