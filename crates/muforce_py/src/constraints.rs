//! Constraint files: limits in the (m_X, g_μ) plane that figures overlay — the files shipped
//! in data/constraints/ and any file of the same format (docs/constraints.md), including every
//! reach.csv written by `muforce reach`.

use crate::error::IntoPy;
use crate::threads::Compute;
use muforce::reach::{model_spin, shipped_constraint_files, Constraint as LibConstraint, Display};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::Path;

/// A constraint file (docs/constraints.md): a reach-table CSV with `# source:` and `# cl:`
/// header lines and an optional `# label:`. The row arrays follow the file: mass_gev (GeV),
/// coupling_low and coupling_high (the excluded couplings g_low < g_μ < g_high). NaN marks an
/// empty cell: coupling_high NaN means every coupling above coupling_low is excluded (an upper
/// limit on g); both NaN means nothing is excluded at that mass (a gap in the curve).
///
/// `Constraint(path)` reads a file (a malformed one raises ValueError naming the file, line
/// and field); `muforce.shipped_constraints()` gives the files of data/constraints/.
#[pyclass(name = "Constraint", module = "muforce", frozen)]
pub struct Constraint {
    inner: LibConstraint,
    path: Option<String>,
}

/// A column of the rows, with None as NaN.
fn column<'py>(
    py: Python<'py>,
    c: &LibConstraint,
    f: impl Fn(&muforce::reach::ReachRow) -> Option<f64>,
) -> Bound<'py, PyArray1<f64>> {
    c.table
        .rows
        .iter()
        .map(|r| f(r).unwrap_or(f64::NAN))
        .collect::<Vec<_>>()
        .into_pyarray(py)
}

/// The distinct values of a row field, in order of appearance.
fn distinct(c: &LibConstraint, f: impl Fn(&muforce::reach::ReachRow) -> String) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &c.table.rows {
        let v = f(r);
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

#[pymethods]
impl Constraint {
    /// Reads a constraint file; a malformed file raises ValueError naming the file, the line
    /// and the field (muforce::reach::Constraint::load).
    #[new]
    fn new(path: &str) -> PyResult<Self> {
        let inner = LibConstraint::load(Path::new(path)).py()?;
        Ok(Constraint {
            inner,
            path: Some(path.to_string()),
        })
    }

    /// The path the file was read from (`data/constraints/NAME` for a shipped file, built
    /// into the library); None for a recast.
    #[getter]
    fn path(&self) -> Option<String> {
        self.path.clone()
    }

    /// Where the numbers come from (the `# source:` line).
    #[getter]
    fn source(&self) -> String {
        self.inner.source.clone()
    }

    /// Confidence level as a fraction in (0, 1) (the `# cl:` line), e.g. 0.9; None where the
    /// source does not state it (`not stated`) or the curve is not a limit (`none`).
    #[getter]
    fn cl(&self) -> Option<f64> {
        self.inner.confidence_level
    }

    /// How the limit was obtained (the `# signature:` line: visible mu mu, visible l l,
    /// invisible, kaon-br, neutrino-scattering, cosmology, beam-dump), or None.
    #[getter]
    fn signature(&self) -> Option<&'static str> {
        self.inner.signature.map(muforce::reach::Signature::name)
    }

    /// `region` (an excluded region) or `contour` (a line that is not a CL exclusion).
    #[getter]
    fn display(&self) -> &'static str {
        match self.inner.display {
            Display::Region => "region",
            Display::Contour => "contour",
        }
    }

    /// The trust rating and caveat (the `# trust:` line), or None.
    #[getter]
    fn trust(&self) -> Option<String> {
        self.inner.trust.clone()
    }

    /// The muforce experiment the limit's production rests on (`# experiment:`), or None.
    #[getter]
    fn experiment(&self) -> Option<String> {
        self.inner.experiment.clone()
    }

    /// The file's text (its header lines and rows), as `muforce constraints recast` writes it.
    fn to_csv(&self) -> String {
        self.inner.to_csv()
    }

    /// Legend text (the `# label:` line), or None when the file has none.
    #[getter]
    fn label(&self) -> Option<String> {
        self.inner.label.clone()
    }

    /// Every `#` header line of the file (source, cl, label and any other provenance).
    #[getter]
    fn provenance(&self) -> Vec<String> {
        self.inner.table.provenance.clone()
    }

    /// The distinct models of the file's model column (presets such as lmu-ltau, or spins).
    #[getter]
    fn models(&self) -> Vec<String> {
        distinct(&self.inner, |r| r.model.clone())
    }

    /// The file's model when all rows share one; ValueError naming them otherwise (then use
    /// `curves()`).
    #[getter]
    fn model(&self) -> PyResult<String> {
        match self.models().as_slice() {
            [one] => Ok(one.clone()),
            many => Err(pyo3::exceptions::PyValueError::new_err(format!(
                "model: the file has several models ({}); use curves()",
                many.join(", ")
            ))),
        }
    }

    /// The mediator spin of the file's models (scalar, vector, …), which decides the figures
    /// it is drawn on; ValueError when its models have different spins.
    #[getter]
    fn spin(&self) -> PyResult<&'static str> {
        let mut spins = Vec::new();
        for m in self.models() {
            let s = model_spin(&m).py()?.name();
            if !spins.contains(&s) {
                spins.push(s);
            }
        }
        match spins.as_slice() {
            [one] => Ok(one),
            many => Err(pyo3::exceptions::PyValueError::new_err(format!(
                "spin: the file's models have several spins ({}); use curves()",
                many.join(", ")
            ))),
        }
    }

    /// m_X in GeV of every row, in file order.
    #[getter]
    fn mass_gev<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        column(py, &self.inner, |r| Some(r.mass_gev))
    }

    /// Lower edge of the excluded couplings of every row; NaN: nothing excluded there.
    #[getter]
    fn coupling_low<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        column(py, &self.inner, |r| r.coupling_low)
    }

    /// Upper edge of the excluded couplings of every row; NaN: open above (every coupling
    /// above coupling_low is excluded) or, with coupling_low NaN, nothing excluded.
    #[getter]
    fn coupling_high<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        column(py, &self.inner, |r| r.coupling_high)
    }

    /// The rows as a dict of columns, as `muforce.read_reach_csv` returns them (experiment,
    /// model, scenario, mass_gev, coupling_low, coupling_high, provenance, csv).
    fn table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        crate::reach::table_dict(py, &self.inner.table)
    }

    /// One dict per excluded region, i.e. per (experiment, model, scenario) of the rows, in
    /// order of appearance: label (legend text: the file's label or "experiment scenario",
    /// with the model), experiment, model, scenario, spin, and the arrays mass_gev,
    /// coupling_low, coupling_high of its rows (gaps kept as NaN, so a plotted line breaks
    /// there).
    fn curves<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let c = &self.inner;
        let keys = distinct(c, |r| {
            format!("{}\u{0}{}\u{0}{}", r.experiment, r.model, r.scenario)
        });
        // The library's curves come in the same order of first appearance.
        let labels = c.curves();
        keys.iter()
            .zip(labels)
            .map(|(key, curve)| {
                let rows: Vec<_> = c
                    .table
                    .rows
                    .iter()
                    .filter(|r| {
                        format!("{}\u{0}{}\u{0}{}", r.experiment, r.model, r.scenario) == *key
                    })
                    .collect();
                let col = |f: &dyn Fn(&&muforce::reach::ReachRow) -> Option<f64>| {
                    rows.iter()
                        .map(|r| f(r).unwrap_or(f64::NAN))
                        .collect::<Vec<_>>()
                        .into_pyarray(py)
                };
                let d = PyDict::new(py);
                d.set_item("label", curve.label.clone())?;
                d.set_item("experiment", rows[0].experiment.clone())?;
                d.set_item("model", curve.model.clone())?;
                d.set_item("scenario", rows[0].scenario.clone())?;
                d.set_item("spin", curve.spin.name())?;
                d.set_item("mass_gev", col(&|r| Some(r.mass_gev)))?;
                d.set_item("coupling_low", col(&|r| r.coupling_low))?;
                d.set_item("coupling_high", col(&|r| r.coupling_high))?;
                Ok(d)
            })
            .collect()
    }

    /// Number of rows.
    fn __len__(&self) -> usize {
        self.inner.table.rows.len()
    }

    fn __repr__(&self) -> String {
        let name = self
            .inner
            .label
            .clone()
            .or_else(|| self.path.clone())
            .unwrap_or_else(|| self.inner.source.clone());
        let cl = self
            .inner
            .confidence_level
            .map_or_else(|| "not stated".to_string(), |c| c.to_string());
        format!(
            "Constraint('{name}', {} rows, CL {cl})",
            self.inner.table.rows.len(),
        )
    }
}

/// The constraint files shipped in data/constraints/ (built into the library), parsed: the
/// published limits that `muforce figures` draws on its overviews (docs/constraints.md lists
/// them and where their numbers come from). With `model` (a preset or a spin), only the files
/// whose model column names it; `muforce.recast` moves a file to another model.
#[pyfunction]
#[pyo3(signature = (model=None))]
fn shipped_constraints(model: Option<&str>) -> PyResult<Vec<Constraint>> {
    if let Some(m) = model {
        model_spin(m).py()?;
    }
    Ok(shipped_constraint_files()
        .py()?
        .into_iter()
        .filter(|(_, c)| model.is_none_or(|m| c.models().iter().any(|x| x.eq_ignore_ascii_case(m))))
        .map(|(path, inner)| Constraint {
            inner,
            path: Some(path),
        })
        .collect())
}

/// The constraint recast to the model `to` (a preset or a spin) with muforce's widths, kaon
/// rates and production yields (docs/constraints.md, "Recasting"): a new Constraint whose
/// label and `recast:` header line record the rule. A recast the physics does not allow, or
/// one that needs an experiment the file does not name, raises ValueError saying why.
#[pyfunction]
#[pyo3(signature = (constraint, to))]
fn recast(py: Python<'_>, constraint: &Constraint, to: &str) -> PyResult<Constraint> {
    let name = constraint
        .path
        .clone()
        .unwrap_or_else(|| constraint.inner.display_label());
    let inner = py
        .compute(|| muforce::recast::recast(&constraint.inner, &name, to))
        .py()?;
    Ok(Constraint { inner, path: None })
}

/// The mediator spin (scalar, pseudoscalar, vector, axial-vector) of a model column: a model
/// preset (muon-scalar, mass-scalar, lmu-ltau, muon-vector) or a spin name. Constraint files
/// and reach tables are drawn on the figures of their model's spin, since Δa_μ depends only
/// on the spin and the muon coupling (REFERENCE §5).
#[pyfunction(name = "model_spin")]
fn model_spin_name(model: &str) -> PyResult<&'static str> {
    Ok(model_spin(model).py()?.name())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Constraint>()?;
    m.add_function(wrap_pyfunction!(model_spin_name, m)?)?;
    m.add_function(wrap_pyfunction!(shipped_constraints, m)?)?;
    m.add_function(wrap_pyfunction!(recast, m)?)?;
    Ok(())
}
