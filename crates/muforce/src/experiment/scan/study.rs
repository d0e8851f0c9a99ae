//! A design study: which experiment, which fields vary over which values, which masses, and
//! which shard of the designs this run computes. Everything that decides the output is here,
//! so two shards of one study have equal studies apart from the shard.

use super::source::ExperimentSource;
use crate::error::{show, Error, Result};
use crate::experiment::vary::{self, Shard, Vary};
use crate::experiment::Description;
use serde::{Deserialize, Serialize};

/// The most designs a study may have (each is a full reach; far beyond any cluster's budget).
pub const MAX_DESIGNS: usize = 1_000_000;

/// One varied field as given on the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariedField {
    /// The dotted key, e.g. `production.e_out_max_gev`.
    pub key: String,
    /// The values as written, e.g. `60:100:3lin`.
    pub spec: String,
    /// The values.
    pub values: Vec<f64>,
}

/// The definition of a study and the shard a run computes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Study {
    /// The experiment column of the reach tables (the unedited file's name).
    pub experiment: String,
    /// The experiment file, e.g. `experiments/na64mu.toml`.
    pub source: String,
    /// The 64-bit FNV-1a hash of the unedited experiment text.
    pub text_fnv1a64: String,
    /// The varied fields; the first varies slowest.
    pub vary: Vec<VariedField>,
    /// The masses scanned in GeV, or None for each design's own mass grid.
    pub masses_gev: Option<Vec<f64>>,
    /// The number of designs of the whole study.
    pub designs: usize,
    /// The part of the designs this run computes (1/1: all).
    pub shard: Shard,
}

/// One design: its 1-based number in the study and the value of each varied field.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// 1-based number in the study (the first varied field varies slowest).
    pub number: usize,
    /// The value of each varied field, in the order of [`Study::vary`].
    pub values: Vec<f64>,
}

impl Study {
    /// A study of `source` over the `--vary` specs `specs` (each `KEY=VALUES`), at `masses_gev`
    /// (None: each design's own grid), computing `shard`. Keys must be numeric fields of the
    /// experiment (an unknown key lists them), each given once.
    pub fn new(
        source: &ExperimentSource,
        specs: &[String],
        masses_gev: Option<Vec<f64>>,
        shard: Shard,
    ) -> Result<Self> {
        if specs.is_empty() {
            return Err(Error::out_of_range(
                "--vary",
                "none",
                "at least one KEY=VALUES, e.g. beam.energy_gev=100,160",
            ));
        }
        let tree = source.tree()?;
        let mut vary: Vec<VariedField> = Vec::with_capacity(specs.len());
        for spec in specs {
            let parsed = Vary::parse(spec)?;
            for earlier in &vary {
                // Also an unknown key's error, listing the numeric fields.
                if vary::same_field(&tree, &earlier.key, &parsed.key)? {
                    return Err(Error::out_of_range(
                        "--vary",
                        &parsed.key,
                        format!(
                            "each field once; {} is the same field (give all its values in                              one --vary)",
                            earlier.key
                        ),
                    ));
                }
            }
            // The key must name a numeric field of this experiment.
            vary::apply(&mut tree.clone(), &parsed.key, parsed.values[0])?;
            let spec_values = spec[spec.rfind('=').map_or(0, |i| i + 1)..].trim();
            vary.push(VariedField {
                key: parsed.key,
                spec: spec_values.to_string(),
                values: parsed.values,
            });
        }
        let masses_gev = masses_gev.map(checked_masses).transpose()?;
        let designs = vary
            .iter()
            .try_fold(1_usize, |n, v| n.checked_mul(v.values.len()))
            .filter(|&n| n <= MAX_DESIGNS)
            .ok_or_else(|| {
                let sizes: Vec<String> = vary.iter().map(|v| v.values.len().to_string()).collect();
                Error::out_of_range(
                    "--vary",
                    format!("{} designs", sizes.join(" x ")),
                    format!("at most {MAX_DESIGNS} designs in one study"),
                )
            })?;
        let description = source.parse(&source.source_name, &source.text)?;
        Ok(Study {
            experiment: description.name().to_string(),
            source: source.source_name.clone(),
            text_fnv1a64: source.text_hash(),
            vary,
            masses_gev,
            designs,
            shard,
        })
    }

    /// Every design of the whole study, the first varied field slowest.
    pub fn all_designs(&self) -> Vec<Design> {
        let varies: Vec<Vary> = self
            .vary
            .iter()
            .map(|v| Vary {
                key: v.key.clone(),
                values: v.values.clone(),
            })
            .collect();
        vary::designs(&varies)
            .into_iter()
            .enumerate()
            .map(|(i, values)| Design {
                number: i + 1,
                values,
            })
            .collect()
    }

    /// The designs of this run's shard.
    pub fn shard_designs(&self) -> Vec<Design> {
        let mut all = self.all_designs();
        let range = self.shard.range(all.len());
        all.drain(range).collect()
    }

    /// The varied keys, in order.
    pub fn keys(&self) -> Vec<&str> {
        self.vary.iter().map(|v| v.key.as_str()).collect()
    }

    /// `key = value, …` of a design, as shown in errors and provenance.
    pub fn describe(&self, design: &Design) -> String {
        self.vary
            .iter()
            .zip(&design.values)
            .map(|(v, &x)| format!("{} = {}", v.key, show(x)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The validated experiment of `design`: the edits applied to the text, parsed as the
    /// edited file would be (its errors name the design), then the study's masses if any.
    pub fn description(&self, source: &ExperimentSource, design: &Design) -> Result<Description> {
        let edits: Vec<(&str, f64)> = self
            .keys()
            .into_iter()
            .zip(design.values.iter().copied())
            .collect();
        let text = vary::edited_text(&source.source_name, &source.text, &edits)?;
        let shown_as = format!(
            "{} edited for design {} ({})",
            source.source_name,
            design.number,
            self.describe(design)
        );
        let description = source.parse(&shown_as, &text)?;
        match &self.masses_gev {
            Some(masses) => super::masses::with_masses(description, masses),
            None => Ok(description),
        }
    }
}

/// `--masses`: finite, positive, ascending after sorting, without repeats.
fn checked_masses(mut masses: Vec<f64>) -> Result<Vec<f64>> {
    if masses.is_empty() {
        return Err(Error::out_of_range(
            "--masses",
            "none",
            "one or more masses in GeV",
        ));
    }
    for &m in &masses {
        crate::error::positive("--masses", m)?;
    }
    masses.sort_by(f64::total_cmp);
    masses.dedup();
    Ok(masses)
}
