//! Event generation: unweighted μN → μNX events as numpy arrays of four-momenta or as a Les
//! Houches Event file, for a monochromatic beam or a beam momentum spectrum.

use crate::error::IntoPy;
use crate::threads::Compute;
use muforce::events::{
    Beam, Event, EventRun, FourVector, SpectrumSettings, TableSettings, XDecay, XDecays,
};
use muforce::io::event_file::write_event_file;
use muforce::io::lhe::write_lhe;
use muforce::matter::{FormFactorModel, MaterialTable};
use muforce::model::{Preset, Spin};
use muforce::production::Method;
use muforce::source::MomentumSpectrum;
use muforce::units::gev2_to_pb;
use numpy::{IntoPyArray, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::io::BufWriter;

/// A generator of unweighted μN → μNX events from tables of the exact (or WW) d²σ/(dx dθ)
/// (Liu–Miller arXiv:1705.01633; REFERENCE §1.3), as `muforce events`.
///
/// Give the beam as `energy` (GeV, monochromatic) or as `spectrum`: the path of a momentum
/// spectrum file (`p_low_gev,p_high_gev,muons`, as data/lhc/*.csv) or a pair
/// (edges, counts) of arrays (momenta in GeV, counts per bin). With a spectrum the beam
/// momenta follow flux(p)·σ(p) and `sigma_pb` is the flux-averaged cross section per beam
/// muon. method: exact or ww; nodes: table nodes in x and ln θ; momentum_nodes: tables in
/// the beam momentum (spectrum only); theta_max: largest muon angle, rad.
///
/// `spin` is a spin (scalar, pseudoscalar, vector, axial-vector: X is stable) or a model
/// preset (muon-scalar, mass-scalar, lmu-ltau, muon-vector: X decays in flight with the
/// model's branching ratios and lifetime at `coupling`, as `muforce events --model`).
#[pyclass(name = "EventGenerator", module = "muforce", frozen)]
pub struct EventGenerator {
    run: EventRun,
}

fn beam(energy: Option<f64>, spectrum: Option<&Bound<'_, PyAny>>) -> PyResult<Beam> {
    match (energy, spectrum) {
        (Some(e), None) => Ok(Beam::Energy(e)),
        (None, Some(s)) => {
            if let Ok(path) = s.extract::<String>() {
                let spectrum = MomentumSpectrum::from_file(std::path::Path::new(&path)).py()?;
                return Ok(Beam::Spectrum(spectrum, path));
            }
            let (edges, counts): (Vec<f64>, Vec<f64>) = s.extract()?;
            let spectrum = MomentumSpectrum::new(edges, counts).py()?;
            Ok(Beam::Spectrum(spectrum, "arrays given in Python".into()))
        }
        _ => Err(muforce::Error::out_of_range(
            "energy/spectrum",
            "both or neither given",
            "give exactly one of energy and spectrum",
        ))
        .py(),
    }
}

/// Rows of one four-vector per event as an (n, 4) array [E, px, py, pz].
pub(crate) fn four_vectors<'py>(
    py: Python<'py>,
    events: &[Event],
    pick: impl Fn(&Event) -> FourVector,
) -> PyResult<Bound<'py, PyAny>> {
    let flat: Vec<f64> = events.iter().flat_map(pick).collect();
    Ok(flat.into_pyarray(py).reshape([events.len(), 4])?.into_any())
}

#[pymethods]
impl EventGenerator {
    /// Builds the tables (the slow step; events are then cheap).
    #[new]
    #[pyo3(signature = (spin, mass, target="Pb", energy=None, spectrum=None, coupling=1.0,
        form_factor="full", method="exact", nodes=64, momentum_nodes=16, theta_max=0.5))]
    fn new(
        py: Python<'_>,
        spin: &str,
        mass: f64,
        target: &str,
        energy: Option<f64>,
        spectrum: Option<&Bound<'_, PyAny>>,
        coupling: f64,
        form_factor: &str,
        method: &str,
        nodes: usize,
        momentum_nodes: usize,
        theta_max: f64,
    ) -> PyResult<Self> {
        let preset = Preset::from_name(spin).ok();
        let spin = match preset {
            Some(p) => p.spin(),
            None => Spin::from_name(spin).py()?,
        };
        let decays = preset
            .map(|p| XDecays::new(&p.mediator(mass, coupling)?))
            .transpose()
            .py()?;
        let material = MaterialTable::built_in().find(target).py()?.clone();
        let form_factor = FormFactorModel::from_name(form_factor).py()?;
        let settings = SpectrumSettings {
            table: TableSettings {
                x_nodes: nodes,
                theta_nodes: nodes,
                theta_max,
                method: Method::from_name(method).py()?,
                ..TableSettings::default()
            },
            momentum_nodes,
        };
        let beam = beam(energy, spectrum)?;
        let x = (spin, mass, coupling);
        let mut run = py
            .compute(|| EventRun::new(x, material, form_factor, beam, settings))
            .py()?;
        if let (Some(p), Some(decays)) = (preset, decays) {
            run = run.with_decays(p.name(), decays);
        }
        Ok(EventGenerator { run })
    }

    /// σ of the generated events in pb (flux-averaged per beam muon for a spectrum).
    #[getter]
    fn sigma_pb(&self) -> f64 {
        gev2_to_pb(self.run.sigma())
    }

    /// (σ, error) in pb of the tabulated method (exact or WW) in the same angular window.
    #[getter]
    fn sigma_reference_pb(&self) -> (f64, f64) {
        let (v, e) = self.run.sigma_reference();
        (gev2_to_pb(v), gev2_to_pb(e))
    }

    /// Relative difference of `sigma_pb` from the reference σ.
    #[getter]
    fn table_accuracy(&self) -> f64 {
        self.run.table_accuracy()
    }

    /// Seconds spent building the tables.
    #[getter]
    fn build_seconds(&self) -> f64 {
        self.run.build_seconds
    }

    /// `n` events from `seed` (identical for any thread count) as a dict of numpy arrays:
    /// "beam", "muon", "x", "nucleus" of shape (n, 4) with [E, px, py, pz] in GeV (beam
    /// along +z, nucleus at rest before), and "t" = |t| in GeV², shape (n,). Where X decays
    /// (a model preset) also "decay_vertex" (n, 4) [x, y, z, c·t] in mm from the production
    /// point, "products" (n, 2, 4) their four-momenta and "product_pdg" (n, 2) their codes
    /// (NaN and 0 for an X left undecayed: an invisible width set by hand).
    #[pyo3(signature = (n, seed=1))]
    fn generate<'py>(&self, py: Python<'py>, n: usize, seed: u64) -> PyResult<Bound<'py, PyDict>> {
        let events = py.compute(|| self.run.generate(n, seed)).py()?;
        let d = PyDict::new(py);
        d.set_item("beam", four_vectors(py, &events, |e| e.beam)?)?;
        d.set_item("muon", four_vectors(py, &events, |e| e.out.muon)?)?;
        d.set_item("x", four_vectors(py, &events, |e| e.out.x)?)?;
        d.set_item("nucleus", four_vectors(py, &events, |e| e.out.nucleus)?)?;
        let t: Vec<f64> = events.iter().map(|e| e.out.t).collect();
        d.set_item("t", t.into_pyarray(py))?;
        if self.run.decays.is_some() {
            let decays: Vec<_> = events.iter().map(|e| e.x_decay).collect();
            decay_arrays(py, &decays, &d)?;
        }
        Ok(d)
    }

    /// Writes `n` events from `seed` to the LHE file `path` (the same events and header as
    /// `muforce events` with these settings, but for the command line); returns `n`.
    #[pyo3(signature = (path, n, seed=1))]
    fn write_lhe(&self, py: Python<'_>, path: &str, n: usize, seed: u64) -> PyResult<usize> {
        py.compute(|| {
            let events = self.run.generate(n, seed)?;
            let lead = vec![("command".into(), "muforce.EventGenerator (Python)".into())];
            let record = self.run.lhe_run(&events, seed, lead);
            let io_error = |e: std::io::Error| muforce::Error::Io {
                path: path.to_string(),
                message: e.to_string(),
            };
            let file = std::fs::File::create(path).map_err(io_error)?;
            write_lhe(&mut BufWriter::new(file), &record, &events).map_err(io_error)?;
            Ok(events.len())
        })
        .py()
    }

    /// Writes `n` events from `seed` to `path`, HepMC3 Asciiv3 for `.hepmc`, LHE 3.0 for
    /// `.lhe` (the same events and header as `muforce events`); returns `n`.
    #[pyo3(signature = (path, n, seed=1))]
    fn write(&self, py: Python<'_>, path: &str, n: usize, seed: u64) -> PyResult<usize> {
        py.compute(|| {
            muforce::io::event_file::EventFormat::from_path(std::path::Path::new(path))?;
            let events = self.run.generate(n, seed)?;
            let lead = vec![("command".into(), "muforce.EventGenerator (Python)".into())];
            let record = self.run.lhe_run(&events, seed, lead);
            write_event_file(std::path::Path::new(path), &record, &events)?;
            Ok(events.len())
        })
        .py()
    }
}

/// "decay_vertex" (n, 4) [x, y, z, c·t] in mm from the production point, "products"
/// (n, 2, 4) and "product_pdg" (n, 2) of X's decays (NaN and 0 for an X left undecayed).
pub(crate) fn decay_arrays(
    py: Python<'_>,
    decays: &[Option<XDecay>],
    d: &Bound<'_, PyDict>,
) -> PyResult<()> {
    let n = decays.len();
    let none = [f64::NAN; 4];
    let vertices: Vec<f64> = decays
        .iter()
        .flat_map(|x| x.map_or(none, |x| x.vertex_mm))
        .collect();
    d.set_item("decay_vertex", vertices.into_pyarray(py).reshape([n, 4])?)?;
    let products: Vec<f64> = decays
        .iter()
        .flat_map(|x| match x {
            Some(x) => [x.daughters[0].p, x.daughters[1].p],
            None => [none, none],
        })
        .flatten()
        .collect();
    d.set_item("products", products.into_pyarray(py).reshape([n, 2, 4])?)?;
    let codes: Vec<i64> = decays
        .iter()
        .flat_map(|x| x.map_or([0, 0], |x| x.daughters.map(|p| p.pdg)))
        .collect();
    d.set_item("product_pdg", codes.into_pyarray(py).reshape([n, 2])?)?;
    Ok(())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<EventGenerator>()?;
    m.add_class::<crate::experiment_events::ExperimentEvents>()
}
