//! Production μN → μNX: exact tree level, Weizsäcker–Williams (WW) and improved WW (IWW).

mod cuts;
pub mod exact;
mod method;
mod process;

pub use cuts::Cuts;
pub use method::Method;
pub use process::Process;
