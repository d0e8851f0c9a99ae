//! Reading and writing files: configuration parsing with clear errors.

pub mod lhe;
mod toml_file;

pub use toml_file::{parse_toml, read_text};
