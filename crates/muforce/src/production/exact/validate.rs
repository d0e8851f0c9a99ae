//! Input checks shared by the public functions of the exact cross section.

use crate::error::{Error, Result};
use crate::production::Process;
use crate::units::M_MU;

/// Checks the process, the beam energy and the tolerance; every message names the field and
/// the allowed range.
pub(crate) fn inputs(process: &Process, energy: f64, rel_tol: f64) -> Result<()> {
    if !(energy.is_finite() && energy > M_MU) {
        return Err(Error::out_of_range(
            "energy",
            energy,
            format!("must be a finite beam energy above the muon mass {M_MU} GeV"),
        ));
    }
    let mx = process.mass_gev;
    if !(mx.is_finite() && mx > 0.0) {
        return Err(Error::out_of_range(
            "mass",
            mx,
            "must be a finite mass > 0 GeV",
        ));
    }
    if mx >= energy - M_MU {
        return Err(Error::out_of_range(
            "mass",
            mx,
            format!(
                "must be below E − m_μ = {} GeV for the process to be open at E = {energy} GeV",
                energy - M_MU
            ),
        ));
    }
    if !(process.coupling.is_finite() && process.coupling > 0.0) {
        return Err(Error::out_of_range(
            "coupling",
            process.coupling,
            "must be a finite number > 0",
        ));
    }
    if !(process.nucleus_mass_gev.is_finite() && process.nucleus_mass_gev > 0.0) {
        return Err(Error::out_of_range(
            "nucleus_mass_gev",
            process.nucleus_mass_gev,
            "must be a finite mass > 0 GeV",
        ));
    }
    if !(process.z.is_finite() && process.z >= 1.0) {
        return Err(Error::out_of_range(
            "z",
            process.z,
            "must be a finite charge >= 1",
        ));
    }
    tolerance(rel_tol)
}

/// The relative tolerance must lie in [1e-10, 0.5].
pub(crate) fn tolerance(rel_tol: f64) -> Result<()> {
    if rel_tol.is_finite() && (1e-10..=0.5).contains(&rel_tol) {
        Ok(())
    } else {
        Err(Error::out_of_range(
            "rel_tol",
            rel_tol,
            "must lie in [1e-10, 0.5]",
        ))
    }
}

/// Checks that `value` is finite and in [lo, hi].
pub(crate) fn within(field: &str, value: f64, lo: f64, hi: f64, unit: &str) -> Result<()> {
    if value.is_finite() && value >= lo && value <= hi {
        Ok(())
    } else {
        Err(Error::out_of_range(
            field,
            value,
            format!("must be a finite number in [{lo}, {hi}]{unit}"),
        ))
    }
}
