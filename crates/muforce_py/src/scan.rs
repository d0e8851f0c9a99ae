//! Design studies from Python: the pieces `muforce.design_scan` (python/muforce/scan.py)
//! spreads over an executor. Each shard is the JSON of a `muforce scan --shard I/N` result,
//! so shards travel between processes and machines as text, and merging checks them as
//! `muforce merge` does.

use crate::error::IntoPy;
use crate::threads::Compute;
use muforce::experiment::scan::{merge, ExperimentSource, PreparedScan, ScanOutput, Study};
use muforce::experiment::vary::Shard;
use pyo3::prelude::*;
use std::path::Path;

/// A built-in experiment name or the path of an experiment TOML file.
fn source(experiment: &str) -> muforce::Result<ExperimentSource> {
    if crate::experiments::names_a_file(experiment) {
        ExperimentSource::file(Path::new(experiment))
    } else {
        ExperimentSource::builtin(experiment)
    }
}

/// JSON text of a scan output; `what` names it in the (never expected) error.
fn to_json(output: &ScanOutput, what: &str) -> muforce::Result<String> {
    serde_json::to_string(output).map_err(|e| muforce::Error::Io {
        path: what.into(),
        message: e.to_string(),
    })
}

fn prepared(
    experiment: &str,
    vary: &[String],
    masses: Option<Vec<f64>>,
    shard: Shard,
) -> muforce::Result<PreparedScan> {
    let source = source(experiment)?;
    let study = Study::new(&source, vary, masses, shard)?;
    PreparedScan::new(study, &source)
}

/// The number of designs of the study (every design validated as its edited file would be).
#[pyfunction]
#[pyo3(signature = (experiment, vary, masses=None))]
fn _scan_designs(
    py: Python<'_>,
    experiment: &str,
    vary: Vec<String>,
    masses: Option<Vec<f64>>,
) -> PyResult<usize> {
    py.compute(|| prepared(experiment, &vary, masses, Shard::WHOLE))
        .py()
        .map(|p| p.study().designs)
}

/// The JSON of shard `shard` ("I/N") of the study, as `muforce scan --shard I/N` computes it.
#[pyfunction]
#[pyo3(signature = (experiment, vary, shard, masses=None))]
fn _scan_shard(
    py: Python<'_>,
    experiment: &str,
    vary: Vec<String>,
    shard: &str,
    masses: Option<Vec<f64>>,
) -> PyResult<String> {
    py.compute(|| {
        let shard = Shard::parse(shard)?;
        let (output, _) = prepared(experiment, &vary, masses, shard)?.run(&|| {})?;
        to_json(&output, "scan shard")
    })
    .py()
}

/// The JSON of the whole study from the JSON of all its shards (in any order), checked as
/// `muforce merge` checks them.
#[pyfunction]
fn _scan_merge(py: Python<'_>, shards: Vec<String>) -> PyResult<String> {
    py.compute(|| {
        let parsed = shards
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let output: ScanOutput =
                    serde_json::from_str(text).map_err(|e| muforce::Error::Io {
                        path: format!("shard {}", i + 1),
                        message: e.to_string(),
                    })?;
                Ok((format!("shard {}", i + 1), output))
            })
            .collect::<muforce::Result<Vec<_>>>()?;
        to_json(&merge(&parsed)?, "merged study")
    })
    .py()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_scan_designs, m)?)?;
    m.add_function(wrap_pyfunction!(_scan_shard, m)?)?;
    m.add_function(wrap_pyfunction!(_scan_merge, m)?)?;
    Ok(())
}
