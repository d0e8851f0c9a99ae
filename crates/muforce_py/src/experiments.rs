//! Experiments of every family (missing-momentum, beam-dump, kaon): load a built-in or a TOML
//! file, expected signal and background histograms (missing-momentum), and the reach scan.

use crate::error::IntoPy;
use crate::threads::Compute;
use muforce::experiment::beam_dump;
use muforce::experiment::missing_momentum::{background, scan_with, scenario_muons, signal};
use muforce::experiment::{
    builtin_description, builtin_names, Description, Experiment as LibExperiment,
};
use muforce::kaon::reach_table_with;
use muforce::model::Spin;
use muforce::production::Method;
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::Path;

/// An experiment file of any family: a missing-momentum experiment (source, target, detector,
/// ρ analysis; GKSST arXiv:1906.09272 for the ATLAS-type analysis), a muon beam dump (CPZ
/// arXiv:1701.07437 Sect. IV) or a kaon decay-in-flight experiment (K⁺ → μ⁺νX, REFERENCE §7,
/// NA62 slides after arXiv:1902.07715).
///
/// `Experiment(name_or_path, method=None)` loads a built-in (`muforce.experiments()`) or a
/// TOML file; `method` (exact, ww, iww) overrides the production method. `scan()` gives the
/// reach of every family; the ρ histograms (`edges`, `background`, `signal`) exist for
/// missing-momentum experiments only.
#[pyclass(name = "Experiment", module = "muforce", frozen)]
pub struct Experiment {
    inner: Description,
}

/// The error for a missing-momentum-only method called on another family.
fn only_missing_momentum(d: &Description, what: &str) -> PyErr {
    crate::error::to_py(muforce::Error::out_of_range(
        "experiment",
        d.name(),
        format!(
            "is a {} experiment; {what} exist only for missing-momentum experiments",
            family(d)
        ),
    ))
}

fn family(d: &Description) -> &'static str {
    match d {
        Description::MissingMomentum(_) => "missing-momentum",
        Description::BeamDump(_) => "beam-dump",
        Description::Kaon(_) => "kaon",
    }
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

/// Whether an experiment argument is a file (a `.toml` name or an existing file) rather than a
/// built-in name.
pub(crate) fn names_a_file(name_or_path: &str) -> bool {
    let path = Path::new(name_or_path);
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    is_toml || path.is_file()
}

/// Loads a description of any family from a built-in name or an experiment file.
pub(crate) fn load(name_or_path: &str) -> muforce::Result<Description> {
    if names_a_file(name_or_path) {
        Description::from_file(Path::new(name_or_path))
    } else {
        builtin_description(name_or_path)
    }
}

/// Replaces the production method; a kaon experiment has none, so asking for one is an error.
fn with_method(d: Description, method: &str) -> muforce::Result<Description> {
    let m = Method::from_name(method)?;
    Ok(match d {
        Description::MissingMomentum(e) => Description::MissingMomentum(Box::new(e.with_method(m))),
        Description::BeamDump(mut e) => {
            e.setup.method = m;
            Description::BeamDump(e)
        }
        Description::Kaon(_) => {
            return Err(muforce::Error::out_of_range(
                "method",
                method,
                "does not apply to a kaon experiment (no production cross section)",
            ))
        }
    })
}

#[pymethods]
impl Experiment {
    /// Loads a built-in experiment by name (see `muforce.experiments()`), or an experiment
    /// file when the argument ends in .toml or names an existing file, of any family
    /// (missing-momentum, beam-dump, kaon). `method` (exact, ww, iww) overrides the file's
    /// production method; a kaon experiment has none, so `method` raises ValueError there.
    #[new]
    #[pyo3(signature = (name_or_path, method=None))]
    fn new(name_or_path: &str, method: Option<&str>) -> PyResult<Self> {
        let d = load(name_or_path).py()?;
        let d = match method {
            Some(m) => with_method(d, m).py()?,
            None => d,
        };
        Ok(Experiment { inner: d })
    }

    /// The experiment's name (the reach table's experiment column).
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The family of the experiment file: "missing-momentum", "beam-dump" or "kaon".
    #[getter]
    fn family(&self) -> &'static str {
        family(&self.inner)
    }

    /// The one-line title of the experiment (figure titles, the HEPData description).
    #[getter]
    fn title(&self) -> String {
        match &self.inner {
            Description::MissingMomentum(e) => e.title.clone(),
            Description::BeamDump(e) => e.title.clone(),
            Description::Kaon(e) => e.title.clone(),
        }
    }

    /// The production method of the cross sections (exact, ww, iww); None for a kaon
    /// experiment, where X comes from K⁺ decays.
    #[getter]
    fn method(&self) -> Option<&'static str> {
        match &self.inner {
            Description::MissingMomentum(e) => Some(e.method.name()),
            Description::BeamDump(e) => Some(e.setup.method.name()),
            Description::Kaon(_) => None,
        }
    }

    /// The confidence level of the limits, as a fraction (e.g. 0.95).
    #[getter]
    fn confidence_level(&self) -> f64 {
        match &self.inner {
            Description::MissingMomentum(e) => e.analysis.confidence_level,
            Description::BeamDump(e) => e.confidence_level,
            Description::Kaon(e) => e.confidence_level,
        }
    }

    /// Names of the scenarios (the reach table's scenario column).
    #[getter]
    fn scenarios(&self) -> Vec<String> {
        match &self.inner {
            Description::MissingMomentum(e) => e.scenarios.iter().map(|s| s.name.clone()).collect(),
            Description::BeamDump(e) => e.scenarios.iter().map(|s| s.name.clone()).collect(),
            Description::Kaon(e) => e.scenarios.iter().map(|s| s.name.clone()).collect(),
        }
    }

    /// Mediator models of the scan (the reach table's model column): spins for a
    /// missing-momentum experiment, model presets for a beam dump, kaon models for a kaon one.
    #[getter]
    fn models(&self) -> Vec<&'static str> {
        match &self.inner {
            Description::MissingMomentum(e) => e.analysis.models.iter().map(|s| s.name()).collect(),
            Description::BeamDump(e) => e.models.iter().map(|m| m.name()).collect(),
            Description::Kaon(e) => e.models.iter().map(|m| m.name()).collect(),
        }
    }

    /// Masses (GeV) of the scan.
    #[getter]
    fn masses<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        match &self.inner {
            Description::MissingMomentum(e) => e.analysis.masses_gev.clone(),
            Description::BeamDump(e) => e.masses_gev.clone(),
            Description::Kaon(e) => e.masses_gev.clone(),
        }
        .into_pyarray(py)
    }

    /// Bin edges of the observable ρ histogram (missing-momentum experiments only; others
    /// raise ValueError).
    #[getter]
    fn edges<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let e = self.missing_momentum("ρ histograms")?;
        Ok(e.analysis.edges().into_pyarray(py))
    }

    /// Expected background events per ρ bin of a scenario (GKSST Eq. 9–10; missing-momentum
    /// experiments only).
    fn background<'py>(
        &self,
        py: Python<'py>,
        scenario: &str,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let e = self.missing_momentum("ρ histograms")?;
        let k = find_scenario(e, scenario)?;
        Ok(background(e, &e.scenarios[k]).into_pyarray(py))
    }

    /// Expected signal events per ρ bin of a scenario for X of the given spin, mass (GeV)
    /// and coupling: g² Σ_samples N_μ n_atom Δx σ_bin (GKSST Eq. 11; missing-momentum
    /// experiments only).
    fn signal<'py>(
        &self,
        py: Python<'py>,
        scenario: &str,
        spin: &str,
        mass: f64,
        coupling: f64,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let e = self.missing_momentum("ρ histograms")?;
        let k = find_scenario(e, scenario)?;
        let spin = Spin::from_name(spin).py()?;
        muforce::model::check_coupling(coupling).py()?;
        let s = py.compute(|| signal(e, spin, mass)).py()?;
        let muons = scenario_muons(e, &e.scenarios[k]);
        Ok(s.events(coupling, &muons).into_pyarray(py))
    }

    /// Runs the reach scan over every model, mass and scenario (in parallel; independent of
    /// the thread count), as `muforce reach NAME` does for every family. Returns a dict with
    /// one entry per row of the reach table: experiment, model, scenario (lists), mass_gev,
    /// coupling_low, coupling_high (numpy arrays; NaN where the CSV cell is empty:
    /// coupling_low NaN = nothing excluded at that mass, coupling_high NaN = excluded up to
    /// the scan's end), plus provenance (list of lines), csv (the CSV text) and hepdata_yaml
    /// (the HEPData YAML text). A kaon scan is the K⁺ → μ⁺νX reach (kaon::reach_table).
    ///
    /// The `limit` list says which rows are `expected` (projections) and which `observed`
    /// (scenarios with data). With `bands=True` the dict also has "bands": the expected
    /// limits of bands −2 … 2 as `muforce reach --bands` writes them (experiment, model,
    /// scenario, mass_gev, band, coupling_low, coupling_high, csv; band 0 equals the
    /// expected rows; a kaon cut-and-count scenario has none, docs/statistics.md).
    #[pyo3(signature = (bands=false))]
    fn scan<'py>(&self, py: Python<'py>, bands: bool) -> PyResult<Bound<'py, PyDict>> {
        let d = &self.inner;
        let (table, band_table, title, cl) = py
            .compute(|| -> muforce::Result<_> {
                Ok(match d {
                    Description::MissingMomentum(e) => {
                        let result = scan_with(e, bands, &|| {})?;
                        (
                            result.table,
                            result.bands,
                            &e.title,
                            e.analysis.confidence_level,
                        )
                    }
                    Description::BeamDump(e) => {
                        let result = beam_dump::scan_with(e, bands, &|| {})?;
                        (result.table, result.bands, &e.title, e.confidence_level)
                    }
                    Description::Kaon(e) => {
                        let (table, band_table) = reach_table_with(e, bands, &|| {})?;
                        (table, band_table, &e.title, e.confidence_level)
                    }
                })
            })
            .py()?;
        let out = crate::reach::table_dict(py, &table)?;
        out.set_item("hepdata_yaml", table.to_hepdata_yaml(title, cl).py()?)?;
        if let Some(b) = band_table {
            out.set_item("bands", crate::reach::band_dict(py, &b)?)?;
        }
        Ok(out)
    }

    /// The pyhf workspaces of a binned analysis (missing-momentum and kaon families), as
    /// `muforce reach --pyhf DIR` writes them: a dict with "index" (the index.json object:
    /// file, model, scenario, mass_gev, limit, reference_coupling, muforce_mu_cls,
    /// muforce_coupling_cls per workspace) and "workspaces" (file name → HistFactory JSON
    /// dict, ready for `pyhf.Workspace`). g = reference_coupling × √μ_UL.
    fn pyhf_workspaces<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = &self.inner;
        let (files, index) = py
            .compute(|| -> muforce::Result<_> {
                let set = match d {
                    Description::MissingMomentum(e) => {
                        let result = scan_with(e, false, &|| {})?;
                        muforce::experiment::missing_momentum::workspaces(e, &result)?
                    }
                    Description::Kaon(e) => muforce::kaon::workspaces(e)?,
                    Description::BeamDump(e) => {
                        return Err(muforce::Error::out_of_range(
                            "pyhf workspaces",
                            &e.name,
                            "need a binned likelihood (missing-momentum and kaon families); a beam dump is a counting experiment",
                        ))
                    }
                };
                set.build()
            })
            .py()?;
        let loads = py.import("json")?.getattr("loads")?;
        let out = PyDict::new(py);
        out.set_item("index", loads.call1((index.to_string(),))?)?;
        let workspaces = PyDict::new(py);
        for (name, w) in files {
            workspaces.set_item(name, loads.call1((w.to_string(),))?)?;
        }
        out.set_item("workspaces", workspaces)?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        format!("Experiment('{}')", self.inner.name())
    }
}

impl Experiment {
    /// The missing-momentum experiment, or ValueError naming the family for `what`.
    fn missing_momentum(&self, what: &str) -> PyResult<&LibExperiment> {
        match &self.inner {
            Description::MissingMomentum(e) => Ok(e),
            other => Err(only_missing_momentum(other, what)),
        }
    }
}

/// Names of the built-in experiments (every family).
#[pyfunction]
fn experiments() -> Vec<&'static str> {
    builtin_names()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Experiment>()?;
    m.add_function(wrap_pyfunction!(experiments, m)?)?;
    Ok(())
}
