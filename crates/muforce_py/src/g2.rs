//! (g−2)_μ on reach figures: the eras of Δa_μ and the regions a figure shades for one of them.

use crate::error::IntoPy;
use muforce::model::{Era, ERAS};
use muforce::reach::{g2_bands, BandKind, G2Settings};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Names of the (g−2)_μ eras, oldest first: e821-2006, fnal-2021, fnal-2023, final-2025
/// (REFERENCE §5 table).
#[pyfunction]
fn g2_eras() -> Vec<&'static str> {
    ERAS.iter().map(|e| e.name).collect()
}

/// One (g−2)_μ era as a dict: name, a_mu_exp, a_mu_exp_sigma, a_mu_sm, a_mu_sm_sigma,
/// delta_a_mu and sigma (Δa_μ = a_μ(exp) − a_μ(SM) ± σ as quoted) and reference, the same
/// numbers as `muforce g2 --era NAME --json` (REFERENCE §5 table; final-2025: Muon g-2
/// Collaboration arXiv:2506.03069 against the White Paper 2025, arXiv:2505.21476).
#[pyfunction]
fn g2_era<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyDict>> {
    let era = Era::from_name(name).py()?;
    let d = PyDict::new(py);
    d.set_item("name", era.name)?;
    d.set_item("a_mu_exp", era.a_mu_exp)?;
    d.set_item("a_mu_exp_sigma", era.a_mu_exp_sigma)?;
    d.set_item("a_mu_sm", era.a_mu_sm)?;
    d.set_item("a_mu_sm_sigma", era.a_mu_sm_sigma)?;
    d.set_item("delta_a_mu", era.delta_a_mu)?;
    d.set_item("sigma", era.sigma)?;
    d.set_item("reference", era.reference)?;
    Ok(d)
}

/// The (g−2)_μ regions a reach figure of `spin` (or of a model preset's spin) shades over
/// `masses` (GeV), as `muforce figures` and `muforce reach` draw them (muforce::reach::g2_bands,
/// Δa_μ at one loop from Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1, REFERENCE §5).
///
/// Where the era's Δa_μ is consistent with zero within `n_sigma` (final-2025: 38.5 ± 63.7 ×
/// 10⁻¹¹), one region: the couplings above Δa_μ(g) = Δa_μ + nσ, excluded. Otherwise the band
/// favoured within ±n_sigma and, with `excluded_sigma`, first the couplings that move a_μ
/// further than that many σ away (CPZ arXiv:1701.07437 Fig. 5 uses 5σ). Returns a list of
/// dicts: kind ("favoured" or "excluded"), era, n_sigma (the σ of that region), mass_gev,
/// coupling_low and coupling_high (numpy arrays; coupling_high is +inf for an excluded region,
/// which runs to the top of the figure; coupling_low 0 where the band reaches g = 0).
#[pyfunction]
#[pyo3(signature = (spin, masses, era="final-2025", n_sigma=2.0, excluded_sigma=None))]
fn g2_regions<'py>(
    py: Python<'py>,
    spin: &str,
    masses: PyReadonlyArray1<'py, f64>,
    era: &str,
    n_sigma: f64,
    excluded_sigma: Option<f64>,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let spin = muforce::reach::model_spin(spin).py()?;
    let era = Era::from_name(era).py()?;
    let settings = G2Settings { era, n_sigma };
    let bound = era.consistent_with_zero(n_sigma);
    let bands = g2_bands(spin, masses.as_slice()?, settings, excluded_sigma).py()?;
    bands
        .into_iter()
        .map(|b| {
            let (kind, sigma) = match b.kind {
                BandKind::Favoured => ("favoured", n_sigma),
                _ if bound => ("excluded", n_sigma),
                _ => ("excluded", excluded_sigma.unwrap_or(n_sigma)),
            };
            let column = |f: fn(&(f64, f64, f64)) -> f64| {
                b.points
                    .iter()
                    .map(f)
                    .collect::<Vec<f64>>()
                    .into_pyarray(py)
            };
            let d = PyDict::new(py);
            d.set_item("kind", kind)?;
            d.set_item("era", era.name)?;
            d.set_item("n_sigma", sigma)?;
            d.set_item("mass_gev", column(|p| p.0))?;
            d.set_item("coupling_low", column(|p| p.1))?;
            d.set_item("coupling_high", column(|p| p.2))?;
            Ok(d)
        })
        .collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(g2_eras, m)?)?;
    m.add_function(wrap_pyfunction!(g2_era, m)?)?;
    m.add_function(wrap_pyfunction!(g2_regions, m)?)?;
    Ok(())
}
