//! Built-in experiments: the files of experiments/ and the spectra of data/ compiled into the
//! library, so that `muforce reach atlas-hllhc` runs from any directory.

use super::{Description, Experiment};
use crate::error::{Error, Result};
use crate::source::MomentumSpectrum;

/// (name, file name, TOML text).
const EXPERIMENTS: [(&str, &str, &str); 6] = [
    (
        "atlas-hllhc",
        "experiments/atlas_hllhc.toml",
        include_str!("../../../../../experiments/atlas_hllhc.toml"),
    ),
    (
        "na64-dump",
        "experiments/na64_dump.toml",
        include_str!("../../../../../experiments/na64_dump.toml"),
    ),
    (
        "fermilab-dump",
        "experiments/fermilab_dump.toml",
        include_str!("../../../../../experiments/fermilab_dump.toml"),
    ),
    (
        "na64mu",
        "experiments/na64mu.toml",
        include_str!("../../../../../experiments/na64mu.toml"),
    ),
    (
        "m3",
        "experiments/m3.toml",
        include_str!("../../../../../experiments/m3.toml"),
    ),
    (
        "na62",
        "experiments/na62.toml",
        include_str!("../../../../../experiments/na62.toml"),
    ),
];

/// (file name, CSV text) of the shipped spectra.
const SPECTRA: [(&str, &str); 2] = [
    (
        "z_muon_momentum.csv",
        include_str!("../../../../../data/lhc/z_muon_momentum.csv"),
    ),
    (
        "w_muon_momentum.csv",
        include_str!("../../../../../data/lhc/w_muon_momentum.csv"),
    ),
];

/// The names of the built-in experiments.
pub fn builtin_names() -> Vec<&'static str> {
    EXPERIMENTS.iter().map(|e| e.0).collect()
}

/// Resolves a `spectrum` path of a built-in file to the compiled-in copy of data/lhc/.
fn shipped_spectrum(path: &str) -> Result<MomentumSpectrum> {
    let file = path.rsplit('/').next().unwrap_or(path);
    match SPECTRA.iter().find(|s| s.0 == file) {
        Some(s) => MomentumSpectrum::from_csv(&format!("data/lhc/{}", s.0), s.1),
        None => Err(Error::unknown(
            "shipped spectrum",
            path,
            &SPECTRA.map(|s| s.0),
        )),
    }
}

/// The built-in missing-momentum experiment called `name` (see [`builtin_names`]; a built-in
/// of another family is an error naming it, use [`builtin_description`]).
pub fn builtin(name: &str) -> Result<Experiment> {
    match builtin_description(name)? {
        Description::MissingMomentum(e) => Ok(*e),
        Description::BeamDump(_) => Err(Error::out_of_range(
            "experiment",
            name,
            "is a beam-dump experiment, not a missing-momentum one",
        )),
        Description::Kaon(_) => Err(Error::out_of_range(
            "experiment",
            name,
            "is a kaon experiment, not a missing-momentum one",
        )),
    }
}

/// The built-in experiment called `name`, of any family (see [`builtin_names`]).
pub fn builtin_description(name: &str) -> Result<Description> {
    let key = name.trim().to_ascii_lowercase();
    let Some(&(_, file, text)) = EXPERIMENTS.iter().find(|e| e.0 == key) else {
        return Err(Error::unknown("experiment", name, &builtin_names()));
    };
    Description::from_toml(file, text, &shipped_spectrum)
}
