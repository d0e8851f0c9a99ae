//! pyhf workspaces of a binned analysis: one HistFactory JSON file per (model, scenario, mass)
//! and `index.json` listing them, so that the field's own tool can recompute every limit.
//!
//! Each workspace is built at a reference coupling g_ref, the analysis's own limit at that
//! point (so the limit on the POI `mu` is near 1 and inside its bounds); since the signal
//! scales as g², pyhf's upper limit μ_UL converts to g = g_ref √μ_UL. The index also carries
//! muforce's asymptotic CLs limit on the same workspace (`muforce_mu_cls`, `muforce_coupling_cls`),
//! the number pyhf's `upper_limit` (CLs, q̃_μ, asymptotic) is compared with.

use super::table::LimitKind;
use crate::error::{Error, Result};
use crate::stats::{BinnedLikelihood, LimitMethod, MU_UPPER_BOUND};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::path::Path;

/// One workspace: a binned likelihood whose signal is per unit g².
#[derive(Debug, Clone)]
pub struct WorkspaceEntry {
    /// The model column of the reach table.
    pub model: String,
    /// The scenario column.
    pub scenario: String,
    /// m_X in GeV.
    pub mass_gev: f64,
    /// Expected (Asimov data = background) or observed (the scenario's data).
    pub limit: LimitKind,
    /// The likelihood with the signal per unit g².
    pub likelihood: BinnedLikelihood,
}

/// The workspaces of one experiment.
#[derive(Debug, Clone)]
pub struct WorkspaceSet {
    /// The experiment column of the reach table.
    pub experiment: String,
    /// Name of the channel (the analysis variable, e.g. `rho`, `m2miss`).
    pub channel: String,
    /// How the experiment sets its limit (g_ref is that limit).
    pub method: LimitMethod,
    /// Its confidence level.
    pub confidence_level: f64,
    /// What the likelihood's signal is, for the index (e.g. "signal of an X that escapes").
    pub note: String,
    /// The workspaces.
    pub entries: Vec<WorkspaceEntry>,
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// A file-name fragment: letters, digits, `-` and `.` kept, everything else `_`.
fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl WorkspaceSet {
    /// The workspaces (file name, JSON) and the index, computed in parallel (each entry is
    /// deterministic, so the output does not depend on the thread count).
    pub fn build(&self) -> Result<(Vec<(String, Value)>, Value)> {
        let built = self
            .entries
            .par_iter()
            .map(|e| -> Result<((String, Value), Value)> {
                let mu_own = e
                    .likelihood
                    .upper_limit(self.method, self.confidence_level)?;
                let g_ref = mu_own.sqrt();
                let mu_cls = e.likelihood.upper_limit(LimitMethod::Cls, 0.95)? / mu_own;
                if mu_cls > MU_UPPER_BOUND {
                    return Err(Error::out_of_range(
                        "CLs limit on mu of the workspace",
                        mu_cls,
                        format!("must lie below the POI bound {MU_UPPER_BOUND}"),
                    ));
                }
                let file = format!(
                    "{}_{}_{}_{:.6e}.json",
                    slug(&self.experiment),
                    slug(&e.model),
                    slug(&e.scenario),
                    e.mass_gev
                );
                let workspace = e.likelihood.pyhf_workspace(&self.channel, mu_own);
                let index = json!({
                    "file": file,
                    "experiment": self.experiment,
                    "model": e.model,
                    "scenario": e.scenario,
                    "mass_gev": e.mass_gev,
                    "limit": e.limit.name(),
                    "reference_coupling": g_ref,
                    "muforce_mu_cls": mu_cls,
                    "muforce_coupling_cls": g_ref * mu_cls.sqrt(),
                });
                Ok(((file, workspace), index))
            })
            .collect::<Result<Vec<_>>>()?;
        let (files, rows): (Vec<_>, Vec<_>) = built.into_iter().unzip();
        let index = json!({
            "experiment": self.experiment,
            "description": format!(
                "pyhf workspaces (HistFactory JSON 1.0.0), one per model, scenario and mass; signal sample 'signal' with the normfactor POI 'mu' at the reference coupling, g = reference_coupling * sqrt(mu); {}. muforce_mu_cls: muforce's asymptotic CLs 95 % limit on mu of the workspace (test statistic q~_mu, CCGV EPJC 71 (2011) 1554), the number pyhf's upper_limit reproduces; reference_coupling: the analysis's own limit ({:?} at CL {})",
                self.note, self.method, self.confidence_level
            ),
            "workspaces": rows,
        });
        Ok((files, index))
    }

    /// Writes the workspaces and `index.json` into `dir` (created if missing); returns the
    /// number of workspaces.
    pub fn write(&self, dir: &Path) -> Result<usize> {
        let (files, index) = self.build()?;
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
        let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
        for (name, workspace) in &files {
            let path = dir.join(name);
            std::fs::write(&path, pretty(workspace)).map_err(|e| io_error(&path, &e))?;
        }
        let path = dir.join("index.json");
        std::fs::write(&path, pretty(&index)).map_err(|e| io_error(&path, &e))?;
        Ok(files.len())
    }
}
