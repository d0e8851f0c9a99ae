//! An experiment's weighted signal events in Python, as `muforce events --experiment NAME`
//! writes them (no target: the experiment's own beam, target, selection and method).

use crate::error::IntoPy;
use crate::events::{decay_arrays, four_vectors};
use crate::threads::Compute;
use muforce::events::experiment::{ExperimentSignal, SignalRequest};
use muforce::io::event_file::{write_event_file, EventFormat};
use muforce::model::{Preset, Spin};
use muforce::production::Method;
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::Path;

/// The signal events of an experiment (a built-in name or an experiment file) of the
/// beam-dump or missing-momentum family, weighted so that the weights add up to the
/// experiment's expected signal at `coupling` (`expected_events`, from the reach code).
///
/// `x` is a model preset (muon-scalar, mass-scalar, lmu-ltau, muon-vector: X decays as the
/// experiment counts it) or, for a missing-momentum experiment, a spin (a stable X).
/// scenario, sample: names (default the first); method: exact or ww (default the
/// experiment's); nodes, momentum_nodes: the tables (momentum_nodes default 16 for a beam
/// dump, 64 for a missing-momentum sample; docs/events.md).
#[pyclass(name = "ExperimentEvents", module = "muforce", frozen)]
pub struct ExperimentEvents {
    signal: ExperimentSignal,
}

#[pymethods]
impl ExperimentEvents {
    /// Builds the tables and the expected count (the slow step).
    #[new]
    #[pyo3(signature = (experiment, x, mass, coupling, scenario=None, sample=None, method=None,
        nodes=64, momentum_nodes=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        experiment: &str,
        x: &str,
        mass: f64,
        coupling: f64,
        scenario: Option<String>,
        sample: Option<String>,
        method: Option<&str>,
        nodes: usize,
        momentum_nodes: Option<usize>,
    ) -> PyResult<Self> {
        let description = crate::experiments::load(experiment).py()?;
        let preset = Preset::from_name(x).ok();
        let spin = match preset {
            Some(_) => None,
            None => Some(Spin::from_name(x).py()?),
        };
        let request = SignalRequest {
            spin,
            preset,
            mass_gev: mass,
            coupling,
            scenario,
            sample,
            method: method.map(Method::from_name).transpose().py()?,
            nodes,
            momentum_nodes,
        };
        let signal = py
            .compute(|| ExperimentSignal::new(&description, &request))
            .py()?;
        Ok(ExperimentEvents { signal })
    }

    /// The reach code's expected signal events at this coupling.
    #[getter]
    fn expected_events(&self) -> f64 {
        self.signal.expected_events()
    }

    /// "experiment (scenario)" or "experiment (scenario, sample S)".
    #[getter]
    fn label(&self) -> String {
        self.signal.label()
    }

    /// `n` weighted events from `seed` (identical for any thread count) as a dict of numpy
    /// arrays: "beam", "muon", "x", "nucleus" (n, 4) [E, px, py, pz] in GeV, "t" (n,) in
    /// GeV², "vertex" (n, 4) the production vertex [x, y, z, c·t] in mm (z along the beam from
    /// the target's front face), "weight" (n,) each event's share of the expected events;
    /// where X decays also "decay_vertex" (n, 4) in mm from the production vertex,
    /// "products" (n, 2, 4) and "product_pdg" (n, 2).
    #[pyo3(signature = (n, seed=1))]
    fn generate<'py>(&self, py: Python<'py>, n: usize, seed: u64) -> PyResult<Bound<'py, PyDict>> {
        let events = py.compute(|| self.signal.generate(n, seed)).py()?;
        let d = PyDict::new(py);
        d.set_item("beam", four_vectors(py, &events, |e| e.beam)?)?;
        d.set_item("muon", four_vectors(py, &events, |e| e.out.muon)?)?;
        d.set_item("x", four_vectors(py, &events, |e| e.out.x)?)?;
        d.set_item("nucleus", four_vectors(py, &events, |e| e.out.nucleus)?)?;
        let t: Vec<f64> = events.iter().map(|e| e.out.t).collect();
        d.set_item("t", t.into_pyarray(py))?;
        d.set_item("vertex", four_vectors(py, &events, |e| e.vertex_mm)?)?;
        let w: Vec<f64> = events.iter().map(|e| e.weight).collect();
        d.set_item("weight", w.into_pyarray(py))?;
        if self.signal.decays() {
            decay_arrays(py, &events, &d)?;
        }
        Ok(d)
    }

    /// Writes `n` events from `seed` to `path` (HepMC3 for `.hepmc`, LHE 3.0 for `.lhe`), the
    /// same events and header as `muforce events --experiment`; returns `n`.
    #[pyo3(signature = (path, n, seed=1))]
    fn write(&self, py: Python<'_>, path: &str, n: usize, seed: u64) -> PyResult<usize> {
        py.compute(|| {
            EventFormat::from_path(Path::new(path))?;
            let events = self.signal.generate(n, seed)?;
            let lead = vec![("command".into(), "muforce.ExperimentEvents (Python)".into())];
            let record = self.signal.lhe_run(&events, seed, lead);
            write_event_file(Path::new(path), &record, &events)?;
            Ok(events.len())
        })
        .py()
    }
}
