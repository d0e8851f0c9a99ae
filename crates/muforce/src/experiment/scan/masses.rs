//! `--masses`: a study's own masses in place of each design's grid, kept within the range
//! the experiment file allows (its validated `mass_min_gev` … `mass_max_gev`).

use crate::error::{show, Error, Result};
use crate::experiment::Description;

/// The mass grid of an experiment of any family.
pub fn masses_of(description: &Description) -> &[f64] {
    match description {
        Description::MissingMomentum(e) => &e.analysis.masses_gev,
        Description::BeamDump(e) => &e.masses_gev,
        Description::Kaon(e) => &e.masses_gev,
    }
}

/// The number of models of an experiment of any family.
pub fn model_count(description: &Description) -> usize {
    match description {
        Description::MissingMomentum(e) => e.analysis.models.len(),
        Description::BeamDump(e) => e.models.len(),
        Description::Kaon(e) => e.models.len(),
    }
}

/// `description` scanned at `masses` (ascending) instead of its grid; each mass must lie in
/// the grid's range, whose ends the file's validation has checked.
pub fn with_masses(mut description: Description, masses: &[f64]) -> Result<Description> {
    let grid = masses_of(&description);
    let (Some(&lo), Some(&hi)) = (grid.first(), grid.last()) else {
        return Err(Error::out_of_range(
            "--masses",
            "none",
            "an experiment with a mass grid",
        ));
    };
    if let Some(&m) = masses.iter().find(|&&m| !(lo..=hi).contains(&m)) {
        return Err(Error::out_of_range(
            "--masses",
            show(m),
            format!(
                "within the experiment's analysis.mass_min_gev … mass_max_gev = {} … {} GeV",
                show(lo),
                show(hi)
            ),
        ));
    }
    let target = match &mut description {
        Description::MissingMomentum(e) => &mut e.analysis.masses_gev,
        Description::BeamDump(e) => &mut e.masses_gev,
        Description::Kaon(e) => &mut e.masses_gev,
    };
    *target = masses.to_vec();
    Ok(description)
}
