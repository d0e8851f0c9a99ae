//! Python bindings of muforce (`import muforce`): thin wrappers over the library, numpy
//! arrays in and out, library errors raised as `ValueError` with the library's message.
//! One file per library area.

// The pyo3 macros expand to code that trips a few pedantic lints.
#![allow(clippy::needless_pass_by_value, clippy::useless_conversion)]

mod constraints;
mod cross_sections;
mod error;
mod events;
mod experiment_events;
mod experiments;
mod g2;
mod kaon;
mod mediators;
mod reach;
mod scan;
mod threads;

use pyo3::prelude::*;

/// A pair of numpy arrays: values and their error estimates.
pub type ValuesErrors<'py> = (
    Bound<'py, numpy::PyArray1<f64>>,
    Bound<'py, numpy::PyArray1<f64>>,
);

/// muforce: reach of searches for muonic force carriers X produced in μN → μNX.
///
/// Functions are grouped as in the Rust library: mediators (widths, branching ratios,
/// decay lengths, Δa_μ, g−2 bands), cross sections, kaon decays, experiments of every family
/// (histograms and reach scans), reach tables and constraint files. Energies and masses are in
/// GeV, lengths in metres, cross sections in pb. Invalid input raises ValueError naming the field.
#[pymodule]
#[pyo3(name = "_muforce")]
fn muforce(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    mediators::register(m)?;
    g2::register(m)?;
    cross_sections::register(m)?;
    kaon::register(m)?;
    experiments::register(m)?;
    reach::register(m)?;
    constraints::register(m)?;
    events::register(m)?;
    scan::register(m)?;
    Ok(())
}
