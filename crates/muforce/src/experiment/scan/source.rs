//! The text of the experiment a study varies, and how the data files it names are read, so
//! that every design is parsed exactly as the edited file would be.

use crate::error::{Error, Result};
use crate::experiment::description::shipped_file;
use crate::experiment::{builtin_text, Description};
use std::path::{Path, PathBuf};

/// Where the data files an experiment names (spectra, observed histograms) come from.
#[derive(Debug, Clone, PartialEq)]
enum DataFiles {
    /// The compiled-in copies of data/ (a built-in experiment).
    Shipped,
    /// Files relative to the experiment file's directory.
    Directory(PathBuf),
}

/// An experiment file's name and text, before any edit.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentSource {
    /// The file name shown in errors and provenance, e.g. `experiments/na64mu.toml`.
    pub source_name: String,
    /// The TOML text.
    pub text: String,
    data: DataFiles,
}

impl ExperimentSource {
    /// A built-in experiment by name (see [`crate::experiment::builtin_names`]).
    pub fn builtin(name: &str) -> Result<Self> {
        let (file, text) = builtin_text(name)?;
        Ok(ExperimentSource {
            source_name: file.to_string(),
            text: text.to_string(),
            data: DataFiles::Shipped,
        })
    }

    /// An experiment file; the data files it names are read relative to its directory.
    pub fn file(path: &Path) -> Result<Self> {
        Ok(ExperimentSource {
            source_name: path.display().to_string(),
            text: crate::io::read_text(path)?,
            data: DataFiles::Directory(path.parent().map(Path::to_path_buf).unwrap_or_default()),
        })
    }

    /// Parses and validates `text` (this experiment's text, possibly edited) as
    /// [`Description::from_file`] or [`crate::experiment::builtin_description`] parse the
    /// file itself; errors name `shown_as`.
    pub fn parse(&self, shown_as: &str, text: &str) -> Result<Description> {
        match &self.data {
            DataFiles::Shipped => Description::from_toml_with_files(shown_as, text, &shipped_file),
            DataFiles::Directory(dir) => Description::from_toml_with_files(shown_as, text, &|p| {
                let file = dir.join(p);
                Ok((file.display().to_string(), crate::io::read_text(&file)?))
            }),
        }
    }

    /// The 64-bit FNV-1a hash of the text, as 16 hex digits: shards of one study carry the
    /// same one.
    pub fn text_hash(&self) -> String {
        use std::hash::Hasher;
        let mut hasher = fnv::FnvHasher::default();
        hasher.write(self.text.as_bytes());
        format!("{:016x}", hasher.finish())
    }

    /// The TOML value tree of the text.
    pub fn tree(&self) -> Result<toml::Value> {
        toml::from_str(&self.text).map_err(|e| Error::Parse {
            source_name: self.source_name.clone(),
            message: e.to_string(),
        })
    }
}
