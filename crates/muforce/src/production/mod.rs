//! Production μN → μNX: exact tree level, Weizsäcker–Williams (WW) and improved WW (IWW).

mod method;

pub use method::Method;
