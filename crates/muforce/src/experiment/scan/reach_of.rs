//! The reach table of one experiment of any family, by the library path `muforce reach` uses,
//! with the beam-dump production tables shared between designs that differ only where those
//! tables do not depend (muons on target, backgrounds, efficiencies, confidence level,
//! coupling search).

use crate::error::Result;
use crate::experiment::beam_dump::{self, BeamDump, ProductionTables};
use crate::experiment::{missing_momentum, Description};
use crate::reach::ReachTable;

/// How many sets of production tables are kept: designs that share tables are near each other
/// in the design order unless a production field varies faster than an analysis one.
const KEPT: usize = 16;

/// Production tables kept between designs, and how often they were made and reused.
#[derive(Debug, Default)]
pub struct SharedWork {
    dumps: Vec<ProductionTables>,
    /// Sets of production tables computed.
    pub made: usize,
    /// Designs that reused a set computed for an earlier design.
    pub reused: usize,
}

impl SharedWork {
    /// The production tables of `experiment`, made or reused.
    fn dump_tables(&mut self, experiment: &BeamDump) -> Result<&ProductionTables> {
        if let Some(at) = self.dumps.iter().position(|t| t.serve(experiment)) {
            self.reused += 1;
            return Ok(&self.dumps[at]);
        }
        if self.dumps.len() == KEPT {
            self.dumps.remove(0);
        }
        self.dumps.push(ProductionTables::new(experiment)?);
        self.made += 1;
        Ok(&self.dumps[self.dumps.len() - 1])
    }
}

/// The reach table of `description` (the expected or observed limit of every model, mass and
/// scenario); `progress` is called once per finished (model, mass) point.
pub fn reach_table(description: &Description, progress: &(dyn Fn() + Sync)) -> Result<ReachTable> {
    reach_table_sharing(description, &mut SharedWork::default(), progress)
}

/// [`reach_table`], taking a beam dump's production tables from `shared` when an earlier
/// experiment made the same ones (the result is the same bit for bit).
pub fn reach_table_sharing(
    description: &Description,
    shared: &mut SharedWork,
    progress: &(dyn Fn() + Sync),
) -> Result<ReachTable> {
    Ok(match description {
        Description::MissingMomentum(e) => missing_momentum::scan_with(e, false, progress)?.table,
        Description::BeamDump(e) => {
            let tables = shared.dump_tables(e)?;
            beam_dump::scan_with_tables(e, tables, false, progress)?.table
        }
        Description::Kaon(e) => crate::kaon::reach_table_with(e, false, progress)?.0,
    })
}
