//! Cross sections of μN → μNX, vectorised over numpy arrays (exact 2→3, WW, IWW).

use crate::error::IntoPy;
use crate::threads::Compute;
use muforce::matter::{FormFactorModel, Material, MaterialTable};
use muforce::model::Spin;
use muforce::numerics::Integral;
use muforce::production::{self, Cuts, Method, Process};
use muforce::units::gev2_to_pb;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;

/// The options shared by [`total`] and [`differential`], checked.
struct Setup {
    spin: Spin,
    material: Material,
    method: Method,
    form_factor: FormFactorModel,
    coupling: f64,
    cuts: Cuts,
    tolerance: f64,
}

/// Checks the shared options; `cuts` = [x_min, x_max, theta_max, p_out_min].
fn setup(
    spin: &str,
    target: &str,
    method: &str,
    form_factor: &str,
    coupling: f64,
    cuts: [f64; 4],
    tolerance: f64,
) -> PyResult<Setup> {
    let [x_min, x_max, theta_max, p_out_min] = cuts;
    let cuts = Cuts {
        x_min,
        x_max,
        theta_max,
        p_out_min,
    };
    cuts.validate().py()?;
    Ok(Setup {
        spin: Spin::from_name(spin).py()?,
        material: MaterialTable::built_in().find(target).py()?.clone(),
        method: Method::from_name(method).py()?,
        form_factor: FormFactorModel::from_name(form_factor).py()?,
        coupling,
        cuts,
        tolerance,
    })
}

impl Setup {
    fn process(&self, mass: f64) -> muforce::Result<Process> {
        Process::new(
            self.spin,
            mass,
            self.coupling,
            &self.material,
            self.form_factor,
        )
    }
}

/// `f` on every item with the GIL released: (values, errors) in pb as numpy arrays.
fn vectorised<'py, T: Sync>(
    py: Python<'py>,
    items: &[T],
    f: impl Fn(&T) -> muforce::Result<Integral> + Sync,
) -> PyResult<crate::ValuesErrors<'py>> {
    let results = py
        .compute(|| items.iter().map(&f).collect::<muforce::Result<Vec<_>>>())
        .py()?;
    let values: Vec<f64> = results.iter().map(|r| gev2_to_pb(r.value)).collect();
    let errors: Vec<f64> = results.iter().map(|r| gev2_to_pb(r.error)).collect();
    Ok((values.into_pyarray(py), errors.into_pyarray(py)))
}

fn broadcast(name: &str, a: &[f64], b: &[f64]) -> PyResult<Vec<(f64, f64)>> {
    match (a.len(), b.len()) {
        (n, m) if n == m => Ok(a.iter().copied().zip(b.iter().copied()).collect()),
        (1, _) => Ok(b.iter().map(|&y| (a[0], y)).collect()),
        (_, 1) => Ok(a.iter().map(|&x| (x, b[0])).collect()),
        (n, m) => Err(muforce::Error::out_of_range(
            name,
            format!("lengths {n} and {m}"),
            "arrays must have equal length or length 1",
        ))
        .py(),
    }
}

/// Total cross section σ(μN → μNX) in pb with its integration error, for arrays of masses
/// and beam energies (GeV; equal lengths, or one of length 1 broadcast), as `muforce xsec`.
///
/// spin: scalar, pseudoscalar, vector, axial-vector; target: a built-in material (Cu, Pb,
/// W, …); method: exact (Liu–Miller 2→3 tree level), ww, iww (Weizsäcker–Williams, GKSST
/// arXiv:1906.09272 App. A); form_factor: full, elastic, …; cuts on x = E_X/E, the muon angle
/// θ and the outgoing muon momentum. Returns (sigma_pb, error_pb) numpy arrays.
#[pyfunction]
#[pyo3(signature = (spin, masses, energies, target="Cu", method="exact", coupling=1.0,
    form_factor="full", x_min=0.0, x_max=1.0, theta_max=std::f64::consts::PI, p_out_min=0.0,
    tolerance=1e-3))]
fn total<'py>(
    py: Python<'py>,
    spin: &str,
    masses: PyReadonlyArray1<'py, f64>,
    energies: PyReadonlyArray1<'py, f64>,
    target: &str,
    method: &str,
    coupling: f64,
    form_factor: &str,
    x_min: f64,
    x_max: f64,
    theta_max: f64,
    p_out_min: f64,
    tolerance: f64,
) -> PyResult<crate::ValuesErrors<'py>> {
    let cuts = [x_min, x_max, theta_max, p_out_min];
    let s = setup(spin, target, method, form_factor, coupling, cuts, tolerance)?;
    let pairs = broadcast("masses/energies", masses.as_slice()?, energies.as_slice()?)?;
    vectorised(py, &pairs, |&(m, e)| {
        production::total(s.method, &s.process(m)?, e, &s.cuts, s.tolerance)
    })
}

/// A differential cross section at fixed mass and energy, over a numpy array of abscissae:
/// variable "x" (dσ/dx, pb), "rho" (dσ/dρ, pb) or "theta" (dσ/dθ of the muon, pb/rad; exact
/// method only). Returns (values, errors), the same numbers as `muforce xsec --differential`.
#[pyfunction]
#[pyo3(signature = (spin, mass, energy, variable, values, target="Cu", method="exact",
    coupling=1.0, form_factor="full", x_min=0.0, x_max=1.0, theta_max=std::f64::consts::PI,
    p_out_min=0.0, tolerance=1e-3))]
fn differential<'py>(
    py: Python<'py>,
    spin: &str,
    mass: f64,
    energy: f64,
    variable: &str,
    values: PyReadonlyArray1<'py, f64>,
    target: &str,
    method: &str,
    coupling: f64,
    form_factor: &str,
    x_min: f64,
    x_max: f64,
    theta_max: f64,
    p_out_min: f64,
    tolerance: f64,
) -> PyResult<crate::ValuesErrors<'py>> {
    let cuts = [x_min, x_max, theta_max, p_out_min];
    let s = setup(spin, target, method, form_factor, coupling, cuts, tolerance)?;
    let p = s.process(mass).py()?;
    let f = match variable.trim().to_ascii_lowercase().as_str() {
        "x" => production::dsigma_dx,
        "rho" => production::dsigma_drho,
        "theta" => production::dsigma_dtheta,
        other => {
            return Err(muforce::Error::unknown(
                "variable",
                other,
                &["x", "rho", "theta"],
            ))
            .py()
        }
    };
    // An owned copy: the GIL is released while the values are read.
    let xs: Vec<f64> = values.as_slice()?.to_vec();
    vectorised(py, &xs, |&v| {
        f(s.method, &p, energy, v, &s.cuts, s.tolerance)
    })
}

/// Names of the built-in target materials.
#[pyfunction]
fn materials() -> Vec<String> {
    MaterialTable::built_in()
        .materials()
        .iter()
        .map(|m| m.name.clone())
        .collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(total, m)?)?;
    m.add_function(wrap_pyfunction!(differential, m)?)?;
    m.add_function(wrap_pyfunction!(materials, m)?)?;
    Ok(())
}
