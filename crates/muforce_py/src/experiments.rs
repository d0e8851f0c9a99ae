//! Experiments: load a built-in or a TOML file, expected signal and background histograms,
//! and the reach scan.

use crate::error::IntoPy;
use muforce::experiment::missing_momentum::{background, scan, scenario_muons, signal};
use muforce::experiment::{builtin, builtin_names, Experiment as LibExperiment};
use muforce::model::Spin;
use muforce::production::Method;
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::Path;

/// A missing-momentum experiment (source, target, detector, analysis), loaded from a
/// built-in name or a TOML file (GKSST arXiv:1906.09272 for the ATLAS-type analysis).
#[pyclass(name = "Experiment", module = "muforce", frozen)]
pub struct Experiment {
    inner: LibExperiment,
}

fn find_scenario(e: &LibExperiment, name: &str) -> PyResult<usize> {
    e.scenarios
        .iter()
        .position(|s| s.name == name)
        .ok_or_else(|| {
            let known: Vec<&str> = e.scenarios.iter().map(|s| s.name.as_str()).collect();
            muforce::Error::unknown("scenario", name, &known)
        })
        .py()
}

#[pymethods]
impl Experiment {
    /// Loads a built-in experiment by name, or a TOML file when the argument ends in .toml
    /// or names an existing file; `method` (exact, ww, iww) overrides the file's method.
    #[new]
    #[pyo3(signature = (name_or_path, method=None))]
    fn new(name_or_path: &str, method: Option<&str>) -> PyResult<Self> {
        let path = Path::new(name_or_path);
        let is_toml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        let e = if is_toml || path.is_file() {
            LibExperiment::from_file(path).py()?
        } else {
            builtin(name_or_path).py()?
        };
        let e = match method {
            Some(m) => e.with_method(Method::from_name(m).py()?),
            None => e,
        };
        Ok(Experiment { inner: e })
    }

    /// The experiment's name (the reach table's experiment column).
    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The production method used for the cross sections.
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.name()
    }

    /// Names of the scenarios (sample, background case, exposure).
    #[getter]
    fn scenarios(&self) -> Vec<String> {
        self.inner
            .scenarios
            .iter()
            .map(|s| s.name.clone())
            .collect()
    }

    /// Mediator models of the analysis.
    #[getter]
    fn models(&self) -> Vec<&'static str> {
        self.inner
            .analysis
            .models
            .iter()
            .map(|s| s.name())
            .collect()
    }

    /// Masses (GeV) of the analysis scan.
    #[getter]
    fn masses<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        self.inner.analysis.masses_gev.clone().into_pyarray(py)
    }

    /// Bin edges of the observable ρ histogram.
    #[getter]
    fn edges<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        self.inner.analysis.edges().into_pyarray(py)
    }

    /// Expected background events per ρ bin of a scenario (GKSST Eq. 9–10).
    fn background<'py>(
        &self,
        py: Python<'py>,
        scenario: &str,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let k = find_scenario(&self.inner, scenario)?;
        Ok(background(&self.inner, &self.inner.scenarios[k]).into_pyarray(py))
    }

    /// Expected signal events per ρ bin of a scenario for X of the given spin, mass (GeV)
    /// and coupling: g² Σ_samples N_μ n_atom Δx σ_bin.
    fn signal<'py>(
        &self,
        py: Python<'py>,
        scenario: &str,
        spin: &str,
        mass: f64,
        coupling: f64,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let k = find_scenario(&self.inner, scenario)?;
        let spin = Spin::from_name(spin).py()?;
        muforce::model::check_coupling(coupling).py()?;
        let e = &self.inner;
        let s = py.detach(|| signal(e, spin, mass)).py()?;
        let muons = scenario_muons(e, &e.scenarios[k]);
        Ok(s.events(coupling, &muons).into_pyarray(py))
    }

    /// Runs the reach scan over every model and mass (in parallel; independent of the thread
    /// count). Returns a dict of numpy arrays / lists, one entry per row of the reach table:
    /// model, scenario, mass_gev, coupling_low, coupling_high (NaN where absent), plus the
    /// provenance lines, the CSV text and the HEPData YAML text (hepdata_yaml).
    fn scan<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let e = &self.inner;
        let result = py.detach(|| scan(e, &|| {})).py()?;
        let d = crate::reach::table_dict(py, &result.table)?;
        let yaml = result
            .table
            .to_hepdata_yaml(&e.title, e.analysis.confidence_level)
            .py()?;
        d.set_item("hepdata_yaml", yaml)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!("Experiment('{}')", self.inner.name)
    }
}

/// Names of the built-in experiments.
#[pyfunction]
fn experiments() -> Vec<&'static str> {
    builtin_names()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Experiment>()?;
    m.add_function(wrap_pyfunction!(experiments, m)?)?;
    Ok(())
}
