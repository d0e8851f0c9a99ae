//! Reading and writing files: configuration parsing with clear errors, and unit-suffixed
//! numbers.

mod blocks;
pub mod event_file;
pub mod hepmc3;
pub mod kaon_event_file;
pub mod lhe;
pub mod quantity;
mod toml_file;

pub use quantity::{parse_energy, parse_energy_list, QuantityError};
pub use toml_file::{parse_toml, read_text};

#[cfg(test)]
mod hepmc3_tests;
