//! Reach tables: read the CSV form and return numpy arrays.

use crate::error::IntoPy;
use muforce::reach::ReachTable;
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A band table as a dict of columns (experiment, model, scenario lists; mass_gev,
/// coupling_low, coupling_high numpy arrays with NaN for empty cells; band an integer list; csv).
pub fn band_dict<'py>(
    py: Python<'py>,
    t: &muforce::reach::BandTable,
) -> PyResult<Bound<'py, PyDict>> {
    let rows = muforce::reach::ReachTable {
        provenance: t.provenance.clone(),
        rows: t.rows.iter().map(|b| b.row.clone()).collect(),
    };
    let d = table_dict(py, &rows)?;
    d.set_item("band", t.rows.iter().map(|b| b.band).collect::<Vec<i32>>())?;
    d.set_item("csv", t.to_csv())?;
    Ok(d)
}

/// The rows of a reach table as a dict of columns (numpy arrays for the numbers, NaN for
/// empty cells; `limit` the list of `expected`/`observed`), plus `provenance` and `csv`.
pub fn table_dict<'py>(py: Python<'py>, t: &ReachTable) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let col = |f: &dyn Fn(&muforce::reach::ReachRow) -> f64| -> Vec<f64> {
        t.rows.iter().map(f).collect()
    };
    d.set_item(
        "experiment",
        t.rows
            .iter()
            .map(|r| r.experiment.clone())
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "model",
        t.rows.iter().map(|r| r.model.clone()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "scenario",
        t.rows
            .iter()
            .map(|r| r.scenario.clone())
            .collect::<Vec<_>>(),
    )?;
    d.set_item("mass_gev", col(&|r| r.mass_gev).into_pyarray(py))?;
    d.set_item(
        "coupling_low",
        col(&|r| r.coupling_low.unwrap_or(f64::NAN)).into_pyarray(py),
    )?;
    d.set_item(
        "coupling_high",
        col(&|r| r.coupling_high.unwrap_or(f64::NAN)).into_pyarray(py),
    )?;
    d.set_item(
        "limit",
        t.rows.iter().map(|r| r.limit.name()).collect::<Vec<_>>(),
    )?;
    d.set_item("provenance", t.provenance.clone())?;
    d.set_item("csv", t.to_csv())?;
    Ok(d)
}

/// Reads a reach table in CSV form (`muforce reach` writes reach.csv) from `path` and
/// returns its columns as in `Experiment.scan()`.
#[pyfunction]
fn read_reach_csv<'py>(py: Python<'py>, path: &str) -> PyResult<Bound<'py, PyDict>> {
    let text = muforce::io::read_text(std::path::Path::new(path)).py()?;
    let t = ReachTable::from_csv(path, &text).py()?;
    table_dict(py, &t)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_reach_csv, m)?)?;
    Ok(())
}
