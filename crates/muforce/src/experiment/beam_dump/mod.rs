//! Muon beam dumps with decays in flight (Chen, Pospelov, Zhong, arXiv:1701.07437, "CPZ"):
//! the yield with the muon's energy loss in a thick target, the decay probability in the
//! fiducial region, and the reach as islands in the (m, g) plane.

mod scan;
#[cfg(test)]
mod tests;
mod yield_;

pub use scan::{
    interval, max_muon_coupling, scan, scan_with, scan_with_tables, BeamDump, DumpScan,
    DumpScenario, DumpStatistics, ProductionTables,
};
pub use yield_::{depth_nodes, useful_depth_cm, DecayRegion, DepthNode, DumpSetup, DumpYield};
