//! Kaon decays K⁺ → μ⁺νX and the NA62-type invisible search.

use crate::error::IntoPy;
use crate::threads::Compute;
use muforce::kaon::{
    coupling_from_br_limit, kaon_rate, ratio_density, ratio_in_window, total_ratio, Exposure,
    InvisibleSearch, KaonModel, L1_CUT_M2, MAX_X_MASS,
};
use muforce::numerics::Integral;
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
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

/// `f` on every item with the GIL released: (values, errors) as numpy arrays.
fn vectorised<'py>(
    py: Python<'py>,
    items: &[f64],
    f: impl Fn(f64) -> muforce::Result<Integral> + Sync,
) -> PyResult<crate::ValuesErrors<'py>> {
    let results = py
        .compute(|| {
            items
                .iter()
                .map(|&x| f(x))
                .collect::<muforce::Result<Vec<_>>>()
        })
        .py()?;
    let values: Vec<f64> = results.iter().map(|r| r.value).collect();
    let errors: Vec<f64> = results.iter().map(|r| r.error).collect();
    Ok((values.into_pyarray(py), errors.into_pyarray(py)))
}

/// (1/Γ(K⁺→μ⁺ν)) dΓ(K⁺→μ⁺νX)/dm²_miss per g², in GeV⁻², at every m²_miss = s12 (GeV²) of
/// the array, for a model and m_X (GeV): REFERENCE §7, the inner s23 integral of the squared
/// amplitude done adaptively. Zero outside m_X² < s12 < (m_K − m_μ)². Returns (values,
/// errors), the errors being the integration's estimates.
#[pyfunction]
fn kaon_ratio_density<'py>(
    py: Python<'py>,
    model: &str,
    mass: f64,
    m2_miss: PyReadonlyArray1<'py, f64>,
) -> PyResult<crate::ValuesErrors<'py>> {
    let model = KaonModel::parse(model).py()?;
    let s12 = m2_miss.as_slice()?.to_vec();
    vectorised(py, &s12, |s| ratio_density(model, mass, s))
}

/// Γ(K⁺→μ⁺νX)/Γ(K⁺→μ⁺ν) per g² over the full phase space for every m_X (GeV) of the array
/// (REFERENCE §7, §8 item 6); multiply by g² for a coupling g and by BR(K⁺→μ⁺ν) = 0.6356
/// for the branching ratio. Returns (values, errors).
#[pyfunction]
fn kaon_total_ratio<'py>(
    py: Python<'py>,
    model: &str,
    masses: PyReadonlyArray1<'py, f64>,
) -> PyResult<crate::ValuesErrors<'py>> {
    let model = KaonModel::parse(model).py()?;
    let masses = masses.as_slice()?.to_vec();
    vectorised(py, &masses, |m| total_ratio(model, m))
}

/// Γ(K⁺→μ⁺νX; lo < m²_miss < hi)/Γ(K⁺→μ⁺ν) per g² for a model and m_X (GeV), the window
/// in GeV² intersected with the physical range (REFERENCE §7). Returns (value, error).
#[pyfunction]
fn kaon_ratio_in_window(model: &str, mass: f64, lo: f64, hi: f64) -> PyResult<(f64, f64)> {
    let model = KaonModel::parse(model).py()?;
    let r = ratio_in_window(model, mass, lo, hi).py()?;
    Ok((r.value, r.error))
}

/// The coupling g whose BR(K⁺ → μ⁺νX) equals each branching-ratio limit: g = √(BR_lim /
/// BR per g²), for arrays of m_X (GeV) and limits in (0, 1] of equal length (converts a
/// published limit such as NA62 2021, Phys. Lett. B 816 (2021) 136259, to couplings).
#[pyfunction]
fn kaon_coupling_from_br<'py>(
    py: Python<'py>,
    model: &str,
    masses: PyReadonlyArray1<'py, f64>,
    br_limits: PyReadonlyArray1<'py, f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let model = KaonModel::parse(model).py()?;
    let (masses, limits) = (masses.as_slice()?.to_vec(), br_limits.as_slice()?.to_vec());
    if masses.len() != limits.len() {
        return Err(crate::error::to_py(muforce::Error::out_of_range(
            "masses/br_limits",
            format!("lengths {} and {}", masses.len(), limits.len()),
            "arrays of equal length",
        )));
    }
    let g = py
        .compute(|| {
            masses
                .iter()
                .zip(&limits)
                .map(|(&m, &b)| coupling_from_br_limit(model, m, b))
                .collect::<muforce::Result<Vec<_>>>()
        })
        .py()?;
    Ok(g.into_pyarray(py))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kaon, m)?)?;
    m.add_function(wrap_pyfunction!(kaon_ratio_density, m)?)?;
    m.add_function(wrap_pyfunction!(kaon_total_ratio, m)?)?;
    m.add_function(wrap_pyfunction!(kaon_ratio_in_window, m)?)?;
    m.add_function(wrap_pyfunction!(kaon_coupling_from_br, m)?)?;
    Ok(())
}
