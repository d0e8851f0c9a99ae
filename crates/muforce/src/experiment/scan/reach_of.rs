//! The reach table of one experiment of any family, by the library path `muforce reach` uses,
//! with the beam-dump production tables and the missing-momentum signals shared between
//! designs that differ only where those do not depend (muons on target, luminosity,
//! backgrounds, efficiencies, confidence level, limit method, coupling search).

use crate::error::Result;
use crate::experiment::beam_dump::{self, BeamDump, ProductionTables};
use crate::experiment::missing_momentum::{self, SignalTables};
use crate::experiment::{Description, Experiment};
use crate::reach::ReachTable;

/// How many sets of production tables are kept: designs that share tables are near each other
/// in the design order unless a production field varies faster than an analysis one.
const KEPT: usize = 16;

/// Production tables and signals kept between designs, and how often they were made and
/// reused.
#[derive(Debug, Default)]
pub struct SharedWork {
    dumps: Vec<ProductionTables>,
    signals: Vec<SignalTables>,
    /// Sets of production tables or signals computed.
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

    /// The reach table of a missing-momentum experiment, its signals reused or made (and
    /// kept).
    fn missing_momentum(
        &mut self,
        experiment: &Experiment,
        progress: &(dyn Fn() + Sync),
    ) -> Result<ReachTable> {
        if let Some(tables) = self.signals.iter().find(|t| t.serve(experiment)) {
            self.reused += 1;
            let scan =
                missing_momentum::scan_with_signals(experiment, Some(tables), false, progress)?;
            return Ok(scan.table);
        }
        let scan = missing_momentum::scan_with(experiment, false, progress)?;
        if self.signals.len() == KEPT {
            self.signals.remove(0);
        }
        self.signals
            .push(SignalTables::from_scan(experiment, &scan));
        self.made += 1;
        Ok(scan.table)
    }
}

/// The reach table of `description` (the expected or observed limit of every model, mass and
/// scenario); `progress` is called once per finished (model, mass) point.
pub fn reach_table(description: &Description, progress: &(dyn Fn() + Sync)) -> Result<ReachTable> {
    reach_table_sharing(description, &mut SharedWork::default(), progress)
}

/// [`reach_table`], taking a beam dump's production tables or a missing-momentum
/// experiment's signals from `shared` when an earlier experiment made the same ones (the
/// result is the same bit for bit).
pub fn reach_table_sharing(
    description: &Description,
    shared: &mut SharedWork,
    progress: &(dyn Fn() + Sync),
) -> Result<ReachTable> {
    Ok(match description {
        Description::MissingMomentum(e) => shared.missing_momentum(e, progress)?,
        Description::BeamDump(e) => {
            let tables = shared.dump_tables(e)?;
            beam_dump::scan_with_tables(e, tables, false, progress)?.table
        }
        Description::Kaon(e) => crate::kaon::reach_table_with(e, false, progress)?.0,
    })
}
