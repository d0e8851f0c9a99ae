//! The existing limits on one model: the constraint files of that model as they are, and every
//! other file recast to it where the physics allows.

use super::recast;
use crate::error::{Error, Result};
use crate::model::Preset;
use crate::reach::Constraint;
use rayon::prelude::*;

/// The existing limits on `preset` from `files` ((name, constraint) pairs, e.g.
/// [`crate::reach::shipped_constraint_files`]): files of that model unchanged, the others
/// recast ([`recast`]) where the physics allows; refused recasts and recasts that exclude
/// nothing are left out. Errors other than a refusal (a failed computation) are returned.
pub fn limits_for(preset: Preset, files: &[(String, Constraint)]) -> Result<Vec<Constraint>> {
    let found: Vec<Option<Constraint>> = files
        .par_iter()
        .map(|(name, c)| {
            if c.models()
                .iter()
                .all(|m| m.eq_ignore_ascii_case(preset.name()))
            {
                return Ok(Some(c.clone()));
            }
            match recast(c, name, preset.name()) {
                Ok(r) if r.strongest().is_some() => Ok(Some(r)),
                // A refusal names the file and field: the recast is not valid, not a failure.
                Ok(_) | Err(Error::Parse { .. }) => Ok(None),
                Err(e) => Err(e),
            }
        })
        .collect::<Result<_>>()?;
    Ok(found.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reach::shipped_constraint_files;

    /// On a muon-only vector: BaBar 2016 (recast by BR(X → μμ)), Belle II 2020 (its masses
    /// below 2m_μ, where a muon-only vector is stable) and muforce's NA64μ 2022 computation
    /// (recast below 2m_μ); the neutrino-scattering, cosmology and τ-produced files are refused.
    /// On mass-scalar: its own two files and NA64μ through the scalar production yield.
    #[test]
    fn limits_on_each_model() {
        let files = shipped_constraint_files().unwrap();
        let labels = |p: Preset| -> Vec<String> {
            limits_for(p, &files)
                .unwrap()
                .iter()
                .map(|c| c.label.clone().unwrap())
                .collect()
        };
        let vector = labels(Preset::MuonVector);
        assert_eq!(vector.len(), 3, "{vector:?}");
        assert!(vector.iter().all(|l| l.contains("recast to muon-vector")));
        let lmu = labels(Preset::LmuLtau);
        assert_eq!(lmu.len(), 7, "{lmu:?}");
        let mass = labels(Preset::MassScalar);
        assert_eq!(
            mass,
            [
                "BaBar 2020",
                "Belle 2024",
                "NA64μ 2022 data (muforce, efficiency 1 assumed) (recast to mass-scalar)"
            ]
        );
        let muon = labels(Preset::MuonScalar);
        assert_eq!(muon.len(), 1, "{muon:?}");
    }
}
