//! muforce: production, decays, (g−2)_μ and experimental reach of muonic force carriers —
//! light scalars and vectors X that couple to muons (μN → μNX, K⁺ → μ⁺νX).
//!
//! Natural units (GeV) inside; see [`units`]. Formulas cite their sources in their doc
//! comments; "REFERENCE §n" refers to the physics reference in docs/reference.md.

pub mod error;
pub mod events;
pub mod experiment;
pub mod io;
pub mod kaon;
pub mod matter;
pub mod model;
pub mod numerics;
pub mod production;
pub mod reach;
pub mod recast;
pub mod source;
pub mod stats;
pub mod units;

pub use error::{Error, Result};
