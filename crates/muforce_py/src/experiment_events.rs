//! An experiment's weighted signal events in Python, as `muforce events --experiment NAME`
//! writes them (no target: the experiment's own beam, target, selection and method).

use crate::error::IntoPy;
use crate::events::{decay_arrays, four_vectors};
use crate::threads::Compute;
use muforce::events::experiment::{kaon_signal, ExperimentSignal, SignalRequest};
use muforce::events::kaon::{KaonEvent, KaonEvents};
use muforce::experiment::Description;
use muforce::io::event_file::{write_event_file, EventFormat};
use muforce::io::kaon_event_file::write_kaon_event_file;
use muforce::model::{Preset, Spin};
use muforce::production::Method;
use numpy::{IntoPyArray, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::Path;

/// The signal events of an experiment (a built-in name or an experiment file) of the
/// beam-dump, missing-momentum or kaon family, weighted so that the weights add up to the
/// experiment's expected signal at `coupling` (`expected_events`, from the reach code).
///
/// `x` is a model preset (muon-scalar, mass-scalar, lmu-ltau, muon-vector: X decays as the
/// experiment counts it) or, for a missing-momentum experiment, a spin (a stable X).
/// scenario, sample: names (default the first); method: exact or ww (default the
/// experiment's); nodes, momentum_nodes: the tables (momentum_nodes default 16 for a beam
/// dump, 64 for a missing-momentum sample; docs/events.md).
#[pyclass(name = "ExperimentEvents", module = "muforce", frozen)]
pub struct ExperimentEvents {
    signal: Signal,
}

/// A muon-beam family's generator, or a kaon experiment's.
enum Signal {
    Muon(ExperimentSignal),
    Kaon(Box<KaonEvents>),
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
            .compute(|| match &description {
                Description::Kaon(k) => kaon_signal(k, &request).map(|k| Signal::Kaon(Box::new(k))),
                _ => ExperimentSignal::new(&description, &request).map(Signal::Muon),
            })
            .py()?;
        Ok(ExperimentEvents { signal })
    }

    /// The reach code's expected signal events at this coupling.
    #[getter]
    fn expected_events(&self) -> f64 {
        match &self.signal {
            Signal::Muon(s) => s.expected_events(),
            Signal::Kaon(k) => k.expected_events,
        }
    }

    /// "experiment (scenario)" or "experiment (scenario, sample S)".
    #[getter]
    fn label(&self) -> String {
        match &self.signal {
            Signal::Muon(s) => s.label(),
            Signal::Kaon(k) => format!("{} ({})", k.experiment, k.scenario),
        }
    }

    /// `n` weighted events from `seed` (identical for any thread count) as a dict of numpy
    /// arrays, four-vectors (n, 4) as [E, px, py, pz] in GeV and vertices (n, 4) as
    /// [x, y, z, c·t] in mm, "weight" (n,) each event's share of the expected events:
    /// - muon beams: "beam", "muon", "x", "nucleus", "t" (n,) |t| in GeV², "vertex" the
    ///   production vertex (z along the beam from the target's front face);
    /// - kaon: "kaon", "muon" (μ⁺), "neutrino", "x", "vertex" the K⁺ decay point, "m2_miss"
    ///   (n,) = (p_K − p_μ)² in GeV²;
    ///
    /// and where X decays "decay_vertex" (from the production or K⁺ decay vertex),
    /// "products" (n, 2, 4) and "product_pdg" (n, 2).
    #[pyo3(signature = (n, seed=1))]
    fn generate<'py>(&self, py: Python<'py>, n: usize, seed: u64) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        match &self.signal {
            Signal::Muon(signal) => {
                let events = py.compute(|| signal.generate(n, seed)).py()?;
                d.set_item("beam", four_vectors(py, &events, |e| e.beam)?)?;
                d.set_item("muon", four_vectors(py, &events, |e| e.out.muon)?)?;
                d.set_item("x", four_vectors(py, &events, |e| e.out.x)?)?;
                d.set_item("nucleus", four_vectors(py, &events, |e| e.out.nucleus)?)?;
                let t: Vec<f64> = events.iter().map(|e| e.out.t).collect();
                d.set_item("t", t.into_pyarray(py))?;
                d.set_item("vertex", four_vectors(py, &events, |e| e.vertex_mm)?)?;
                let w: Vec<f64> = events.iter().map(|e| e.weight).collect();
                d.set_item("weight", w.into_pyarray(py))?;
                if signal.decays() {
                    let decays: Vec<_> = events.iter().map(|e| e.x_decay).collect();
                    decay_arrays(py, &decays, &d)?;
                }
            }
            Signal::Kaon(signal) => {
                let events = py.compute(|| signal.generate(n, seed)).py()?;
                let rows = |pick: fn(&KaonEvent) -> [f64; 4]| -> PyResult<Bound<'py, PyAny>> {
                    let flat: Vec<f64> = events.iter().flat_map(pick).collect();
                    Ok(flat.into_pyarray(py).reshape([events.len(), 4])?.into_any())
                };
                d.set_item("kaon", rows(|e| e.kaon)?)?;
                d.set_item("muon", rows(|e| e.muon)?)?;
                d.set_item("neutrino", rows(|e| e.neutrino)?)?;
                d.set_item("x", rows(|e| e.x)?)?;
                d.set_item("vertex", rows(|e| e.vertex_mm)?)?;
                let w: Vec<f64> = events.iter().map(|e| e.weight).collect();
                d.set_item("weight", w.into_pyarray(py))?;
                let m2: Vec<f64> = events.iter().map(KaonEvent::m2_miss).collect();
                d.set_item("m2_miss", m2.into_pyarray(py))?;
                let decays: Vec<_> = events.iter().map(|e| e.x_decay).collect();
                decay_arrays(py, &decays, &d)?;
            }
        }
        Ok(d)
    }

    /// Writes `n` events from `seed` to `path` (HepMC3 for `.hepmc`, LHE 3.0 for `.lhe`), the
    /// same events and header as `muforce events --experiment`; returns `n`.
    #[pyo3(signature = (path, n, seed=1))]
    fn write(&self, py: Python<'_>, path: &str, n: usize, seed: u64) -> PyResult<usize> {
        let lead = vec![(
            "command".to_string(),
            "muforce.ExperimentEvents (Python)".to_string(),
        )];
        py.compute(|| {
            let path = Path::new(path);
            EventFormat::from_path(path)?;
            match &self.signal {
                Signal::Muon(signal) => {
                    let events = signal.generate(n, seed)?;
                    let record = signal.lhe_run(&events, seed, lead);
                    write_event_file(path, &record, &events)?;
                    Ok(events.len())
                }
                Signal::Kaon(signal) => {
                    let events = signal.generate(n, seed)?;
                    let mut header = lead;
                    header.extend(signal.header(&events));
                    write_kaon_event_file(path, &signal.file_run(), &header, &events)?;
                    Ok(events.len())
                }
            }
        })
        .py()
    }
}
