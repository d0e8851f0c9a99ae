//! Mediators: widths, branching ratios, decay lengths, Δa_μ and the (g−2)_μ band.

use crate::error::IntoPy;
use muforce::model::{
    decay_probability as lib_decay_probability, delta_a_mu as lib_delta_a_mu,
    g2_band as lib_g2_band, DecayTable, Era, Preset, Spin,
};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn table(model: &str, mass: f64, coupling: f64) -> PyResult<(Preset, DecayTable)> {
    let preset = Preset::from_name(model).py()?;
    let x = preset.mediator(mass, coupling).py()?;
    Ok((preset, DecayTable::new(&x).py()?))
}

/// Decay properties of X for a model preset (muon-scalar, mass-scalar, lmu-ltau,
/// muon-vector), mass (GeV) and coupling g to muons; the same numbers as `muforce decay`.
///
/// Returns a dict with width_gev, lifetime_s, ctau_m, invisible_branching, branching
/// (channel → ratio), widths_gev (channel → partial width) and, when `energy` (GeV) is
/// given, decay_length_m. Widths from the library's model::width (REFERENCE §4).
#[pyfunction]
#[pyo3(signature = (model, mass, coupling, energy=None))]
fn decay<'py>(
    py: Python<'py>,
    model: &str,
    mass: f64,
    coupling: f64,
    energy: Option<f64>,
) -> PyResult<Bound<'py, PyDict>> {
    let (preset, t) = table(model, mass, coupling)?;
    let d = PyDict::new(py);
    d.set_item("model", preset.name())?;
    d.set_item("spin", preset.spin().name())?;
    d.set_item("mass_gev", mass)?;
    d.set_item("coupling", coupling)?;
    d.set_item("width_gev", t.total_width())?;
    d.set_item("lifetime_s", t.lifetime_s())?;
    d.set_item("ctau_m", t.ctau_m())?;
    d.set_item("invisible_branching", t.invisible_branching())?;
    let br = PyDict::new(py);
    for (c, b) in t.branching_ratios() {
        br.set_item(c.name(), b)?;
    }
    d.set_item("branching", br)?;
    let w = PyDict::new(py);
    for &(c, v) in t.partial_widths() {
        w.set_item(c.name(), v)?;
    }
    d.set_item("widths_gev", w)?;
    if let Some(e) = energy {
        d.set_item("decay_length_m", t.decay_length_m(e).py()?)?;
    }
    Ok(d)
}

/// Total width in GeV for each mass (numpy array, GeV) at fixed model and coupling.
#[pyfunction]
fn total_width<'py>(
    py: Python<'py>,
    model: &str,
    masses: PyReadonlyArray1<'py, f64>,
    coupling: f64,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let out = masses
        .as_slice()?
        .iter()
        .map(|&m| table(model, m, coupling).map(|(_, t)| t.total_width()))
        .collect::<PyResult<Vec<f64>>>()?;
    Ok(out.into_pyarray(py))
}

/// Lab-frame decay length (m) of X with energy `energy` (GeV) for each mass (GeV):
/// L = γβ cτ.
#[pyfunction]
fn decay_length<'py>(
    py: Python<'py>,
    model: &str,
    masses: PyReadonlyArray1<'py, f64>,
    coupling: f64,
    energy: f64,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let out = masses
        .as_slice()?
        .iter()
        .map(|&m| {
            let (_, t) = table(model, m, coupling)?;
            t.decay_length_m(energy).py()
        })
        .collect::<PyResult<Vec<f64>>>()?;
    Ok(out.into_pyarray(py))
}

/// Probability that X with decay length `length_m` decays between z_min and z_max (m):
/// exp(−z_min/L) − exp(−z_max/L).
#[pyfunction]
#[pyo3(signature = (length_m, z_min, z_max=f64::INFINITY))]
fn decay_probability(length_m: f64, z_min: f64, z_max: f64) -> PyResult<f64> {
    lib_decay_probability(length_m, z_min, z_max).py()
}

/// Δa_μ of X (spin: scalar, pseudoscalar, vector, axial-vector) for each mass (GeV) at
/// coupling g: returns (values, errors) as numpy arrays. One-loop result of Jegerlehner &
/// Nyffeler, Phys. Rept. 477 (2009) 1 (REFERENCE §5).
#[pyfunction]
#[pyo3(signature = (spin, masses, coupling=1.0))]
fn delta_a_mu<'py>(
    py: Python<'py>,
    spin: &str,
    masses: PyReadonlyArray1<'py, f64>,
    coupling: f64,
) -> PyResult<crate::ValuesErrors<'py>> {
    let spin = Spin::from_name(spin).py()?;
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for &m in masses.as_slice()? {
        let d = lib_delta_a_mu(spin, m, coupling).py()?;
        values.push(d.value);
        errors.push(d.error);
    }
    Ok((values.into_pyarray(py), errors.into_pyarray(py)))
}

/// The (g−2)_μ band for each mass (GeV): couplings explaining Δa_μ of `era` within
/// `n_sigma` standard deviations and the coupling above which X is excluded. Returns a dict
/// of numpy arrays coupling_low, coupling_high (NaN where there is no band) and
/// excluded_above, plus era and reference.
#[pyfunction]
#[pyo3(signature = (spin, masses, era="final-2025", n_sigma=2.0))]
fn g2_band<'py>(
    py: Python<'py>,
    spin: &str,
    masses: PyReadonlyArray1<'py, f64>,
    era: &str,
    n_sigma: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let spin = Spin::from_name(spin).py()?;
    let era = Era::from_name(era).py()?;
    let (mut lo, mut hi, mut ex) = (Vec::new(), Vec::new(), Vec::new());
    for &m in masses.as_slice()? {
        let b = lib_g2_band(spin, m, era, n_sigma).py()?;
        lo.push(b.coupling_low.unwrap_or(f64::NAN));
        hi.push(b.coupling_high.unwrap_or(f64::NAN));
        ex.push(b.excluded_above);
    }
    let d = PyDict::new(py);
    d.set_item("era", era.name)?;
    d.set_item("reference", era.reference)?;
    d.set_item("n_sigma", n_sigma)?;
    d.set_item("coupling_low", lo.into_pyarray(py))?;
    d.set_item("coupling_high", hi.into_pyarray(py))?;
    d.set_item("excluded_above", ex.into_pyarray(py))?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(decay, m)?)?;
    m.add_function(wrap_pyfunction!(total_width, m)?)?;
    m.add_function(wrap_pyfunction!(decay_length, m)?)?;
    m.add_function(wrap_pyfunction!(decay_probability, m)?)?;
    m.add_function(wrap_pyfunction!(delta_a_mu, m)?)?;
    m.add_function(wrap_pyfunction!(g2_band, m)?)?;
    Ok(())
}
