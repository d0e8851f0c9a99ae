//! Built-in experiments: the files of experiments/ and the spectra of data/ compiled into the
//! library, so that `muforce reach atlas-hllhc` runs from any directory.

use super::{Description, Experiment};
use crate::error::{Error, Result};

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

/// (file name, CSV text) of the shipped observed histograms.
const HISTOGRAMS: [(&str, &str); 1] = [(
    "na62_invisible_2015_pseudo_data.csv",
    include_str!("../../../../../data/kaon/na62_invisible_2015_pseudo_data.csv"),
)];

/// Reads a data file named by a built-in experiment from the compiled-in copies of data/.
pub(crate) fn shipped_file(path: &str) -> Result<(String, String)> {
    let file = path.rsplit('/').next().unwrap_or(path);
    if let Some(s) = SPECTRA.iter().find(|s| s.0 == file) {
        return Ok((format!("data/lhc/{}", s.0), s.1.to_string()));
    }
    if let Some(h) = HISTOGRAMS.iter().find(|h| h.0 == file) {
        return Ok((format!("data/kaon/{}", h.0), h.1.to_string()));
    }
    let known: Vec<&str> = SPECTRA
        .iter()
        .map(|s| s.0)
        .chain(HISTOGRAMS.iter().map(|h| h.0))
        .collect();
    Err(Error::unknown("shipped data file", path, &known))
}

/// The names of the built-in experiments.
pub fn builtin_names() -> Vec<&'static str> {
    EXPERIMENTS.iter().map(|e| e.0).collect()
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
    let (file, text) = builtin_text(name)?;
    Description::from_toml_with_files(file, text, &shipped_file)
}

/// The file name and TOML text of the built-in experiment called `name`.
pub fn builtin_text(name: &str) -> Result<(&'static str, &'static str)> {
    let key = name.trim().to_ascii_lowercase();
    EXPERIMENTS
        .iter()
        .find(|e| e.0 == key)
        .map(|&(_, file, text)| (file, text))
        .ok_or_else(|| Error::unknown("experiment", name, &builtin_names()))
}
