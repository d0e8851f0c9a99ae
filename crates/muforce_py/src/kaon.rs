//! Kaon decays K⁺ → μ⁺νX and the NA62-type invisible search.

use crate::error::IntoPy;
use muforce::kaon::{kaon_rate, Exposure, InvisibleSearch, KaonModel, L1_CUT_M2, MAX_X_MASS};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Γ(K⁺ → μ⁺νX)/Γ(K⁺ → μ⁺ν) and the branching ratio for a model (scalar, vector, lmu-ltau,
/// …), mass (GeV) and coupling, as `muforce kaon --json`. With `reach=True` the dict also
/// holds the NA62-type search (signal per g², background, cut-and-count and likelihood
/// limits on g) for the given exposure. Rates from the library's kaon::rate (REFERENCE §7).
#[pyfunction]
#[pyo3(signature = (model, mass, coupling, reach=false, kaons=1e13, acceptance=0.35,
    trigger_fraction=1.0, kappa=0.0, m2_lower=L1_CUT_M2, m2_upper=None, bins=20))]
fn kaon<'py>(
    py: Python<'py>,
    model: &str,
    mass: f64,
    coupling: f64,
    reach: bool,
    kaons: f64,
    acceptance: f64,
    trigger_fraction: f64,
    kappa: f64,
    m2_lower: f64,
    m2_upper: Option<f64>,
    bins: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let model = KaonModel::parse(model).py()?;
    let search = InvisibleSearch {
        exposure: Exposure {
            kaons,
            acceptance,
            trigger_fraction,
        },
        m2_lower,
        m2_upper: m2_upper.unwrap_or(MAX_X_MASS * MAX_X_MASS),
        kappa,
        bins,
        ..InvisibleSearch::default()
    };
    search.validate().py()?;
    let rate = kaon_rate(model, mass, coupling).py()?;
    let d = PyDict::new(py);
    d.set_item("model", model.name())?;
    d.set_item("mass_gev", rate.mass_gev)?;
    d.set_item("coupling", rate.coupling)?;
    d.set_item("ratio_to_k_mu_nu", rate.ratio_to_k_mu_nu)?;
    d.set_item("ratio_error", rate.ratio_error)?;
    d.set_item("branching_ratio", rate.branching_ratio)?;
    if reach {
        let window = search.window(mass).py()?;
        let counts = search.counts(model, mass).py()?;
        let r = PyDict::new(py);
        r.set_item("m2_window_gev2", (window.0, window.1))?;
        r.set_item("signal_per_g2", counts.signal_per_g2)?;
        r.set_item("background", counts.background)?;
        r.set_item(
            "g_lim_cut_and_count",
            search.cut_and_count_limit(model, mass).py()?,
        )?;
        r.set_item(
            "g_lim_likelihood",
            search.likelihood_limit(model, mass).py()?,
        )?;
        d.set_item("reach", r)?;
    }
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kaon, m)?)?;
    Ok(())
}
