//! Missing-momentum experiments with a thin target (ATLAS as a muon fixed target, GKSST
//! arXiv:1906.09272): the signal ρ histogram, the background, limits and the mass scan.

mod scan;
mod signal;
#[cfg(test)]
mod tests;

pub use scan::{
    background, band_limits, limit, scan, scan_with, scan_with_signals, scenario_muons, workspaces,
    MassPoint, Scan, SignalTables,
};
pub use signal::{signal, Signal};
