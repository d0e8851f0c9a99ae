//! The experiment argument shared by `reach` and `figures`: a built-in name or a TOML path.

use muforce::experiment::scan::ExperimentSource;
use muforce::experiment::{builtin_description, builtin_names, Description, Experiment};
use muforce::production::Method;
use std::path::Path;

/// The help text of an experiment argument: `lead` (the built-in names) `tail`, the names
/// taken from the library's registry of built-in experiments.
pub fn help(lead: &str, tail: &str) -> String {
    format!("{lead} ({}) {tail}", builtin_names().join(", "))
}

/// Loads a missing-momentum experiment (built-in name or TOML file, see [`load_description`]);
/// an experiment of another family is an error naming it.
pub fn load(name_or_path: &str, method: Option<&str>) -> anyhow::Result<Experiment> {
    match load_description(name_or_path, method)? {
        Description::MissingMomentum(e) => Ok(*e),
        Description::BeamDump(_) => Err(muforce::Error::out_of_range(
            "experiment",
            name_or_path,
            "is a beam-dump experiment, not a missing-momentum one",
        )
        .into()),
        Description::Kaon(_) => Err(muforce::Error::out_of_range(
            "experiment",
            name_or_path,
            "is a kaon experiment, not a missing-momentum one",
        )
        .into()),
    }
}

/// The text of a built-in experiment or of an experiment file, chosen as
/// [`load_description`] chooses, for a design study that edits it.
pub fn load_source(name_or_path: &str) -> anyhow::Result<ExperimentSource> {
    let path = Path::new(name_or_path);
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    Ok(if is_toml || path.is_file() {
        ExperimentSource::file(path)?
    } else {
        ExperimentSource::builtin(name_or_path).map_err(|_| {
            muforce::Error::unknown(
                "experiment (neither a built-in name nor a .toml file)",
                name_or_path,
                &builtin_names(),
            )
        })?
    })
}

/// Loads a built-in experiment by name, or an experiment file when the argument ends in
/// `.toml` or names an existing file, of any family (missing-momentum, beam-dump or kaon);
/// `method` overrides the file's production method.
pub fn load_description(name_or_path: &str, method: Option<&str>) -> anyhow::Result<Description> {
    let path = Path::new(name_or_path);
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let description = if is_toml || path.is_file() {
        Description::from_file(path)?
    } else if builtin_names().contains(&name_or_path.trim().to_ascii_lowercase().as_str()) {
        builtin_description(name_or_path)?
    } else {
        return Err(muforce::Error::unknown(
            "experiment (neither a built-in name nor a .toml file)",
            name_or_path,
            &builtin_names(),
        )
        .into());
    };
    let Some(m) = method else {
        return Ok(description);
    };
    let method = Method::from_name(m)?;
    Ok(match description {
        Description::MissingMomentum(e) => {
            Description::MissingMomentum(Box::new(e.with_method(method)))
        }
        Description::BeamDump(mut e) => {
            e.setup.method = method;
            Description::BeamDump(e)
        }
        Description::Kaon(_) => {
            return Err(muforce::Error::out_of_range(
                "--method",
                m,
                "does not apply to a kaon experiment (no production cross section)",
            )
            .into())
        }
    })
}
