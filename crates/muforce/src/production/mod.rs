//! Production μN → μNX: exact tree level, Weizsäcker–Williams (WW) and improved WW (IWW).

mod amplitude;
#[cfg(test)]
mod amplitude_check;
mod cross_section;
mod cuts;
#[cfg(test)]
mod dirac_matrices;
pub mod exact;
mod flux_table;
pub(crate) mod grid;
pub mod iww;
mod kinematics;
mod method;
pub mod prepared;
mod process;
pub mod table;
pub mod ww;

#[cfg(test)]
mod grid_tests;
#[cfg(test)]
mod iww_tests;
#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod ww_tests;

pub use cross_section::{dsigma_drho, dsigma_dtheta, dsigma_dx, total};
pub use cuts::Cuts;
pub use method::Method;
pub use process::Process;
pub use table::{Interpolated, Spacing, Table, TableOptions};
