//! Production μN → μNX: exact tree level, Weizsäcker–Williams (WW) and improved WW (IWW).

mod cuts;
mod method;
mod process;

pub use cuts::Cuts;
pub use method::Method;
pub use process::Process;
