//! The reach table of one experiment of any family, by the library path `muforce reach` uses.

use crate::error::Result;
use crate::experiment::{beam_dump, missing_momentum, Description};
use crate::reach::ReachTable;

/// The reach table of `description` (the expected or observed limit of every model, mass and
/// scenario); `progress` is called once per finished (model, mass) point.
pub fn reach_table(description: &Description, progress: &(dyn Fn() + Sync)) -> Result<ReachTable> {
    Ok(match description {
        Description::MissingMomentum(e) => missing_momentum::scan_with(e, false, progress)?.table,
        Description::BeamDump(e) => beam_dump::scan_with(e, false, progress)?.table,
        Description::Kaon(e) => crate::kaon::reach_table_with(e, false, progress)?.0,
    })
}
