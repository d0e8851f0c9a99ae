//! The reach of an experiment of any family, scanned with a progress bar, and its panels
//! written as SVG and PNG: shared by `reach` and `figures`.

use crate::progress;
use muforce::experiment::Description;
use muforce::experiment::{beam_dump, missing_momentum};
use muforce::kaon::reach_table_with;
use muforce::model::{Preset, Spin};
use muforce::reach::{shipped_constraint_files, BandTable, Constraint, ReachTable, WorkspaceSet};
use muforce::recast::limits_for;
use muforce_plot::experiments::beam_dump::dump_panels;
use muforce_plot::experiments::kaon::{experiment_missing_mass_figure, kaon_panels};
use muforce_plot::experiments::missing_momentum::reach_panels;
use muforce_plot::{render_panels, LineFigure, PanelConstraints, ReachFigure};
use std::path::{Path, PathBuf};

/// A finished scan: the table, the panels and what the summary line reports.
pub struct ReachRun {
    /// Experiment name.
    pub name: String,
    /// The reach table.
    pub table: ReachTable,
    /// The expected bands, when asked for.
    pub bands: Option<BandTable>,
    /// One panel per model, with the overlays.
    pub panels: Vec<ReachFigure>,
    /// The HEPData YAML text.
    pub hepdata: Option<String>,
    /// The pyhf workspaces of the binned likelihoods, when asked for.
    pub workspaces: Option<WorkspaceSet>,
    /// The lightest mass of the scan, whose lower edges `reach` prints.
    pub lightest_mass: Option<f64>,
    /// "N rows (… models x … masses x … scenarios, … cross section)".
    pub counts: String,
}

/// Runs `scan` with a progress bar of `points` steps labelled "mass scan".
fn with_bar<T>(
    points: usize,
    scan: impl FnOnce(&(dyn Fn() + Sync)) -> muforce::Result<T>,
) -> muforce::Result<T> {
    let bar = progress::bar(points, "mass scan");
    let result = scan(&|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    result
}

fn counts(rows: usize, models: usize, masses: usize, scenarios: usize, method: &str) -> String {
    format!(
        "{rows} rows ({models} models x {masses} masses x {scenarios} scenarios, {method} cross section)"
    )
}

/// The presets whose existing limits the panels of `description` show: its models (a bare
/// spin, as ATLAS's, shows those of the muon-only preset of that spin).
pub fn panel_presets(description: &Description) -> Vec<Preset> {
    let mut presets: Vec<Preset> = match description {
        Description::MissingMomentum(e) => e
            .analysis
            .models
            .iter()
            .filter_map(|s| match s {
                Spin::Scalar => Some(Preset::MuonScalar),
                Spin::Vector => Some(Preset::MuonVector),
                _ => None,
            })
            .collect(),
        Description::BeamDump(e) => e.models.clone(),
        Description::Kaon(e) => e.models.iter().map(|&m| muforce::kaon::preset(m)).collect(),
    };
    presets.dedup();
    presets
}

/// The existing limits on each of `presets`: the shipped constraint files of that model and
/// the others recast to it where the physics allows.
pub fn existing_limits(presets: &[Preset]) -> anyhow::Result<Vec<Constraint>> {
    let files = shipped_constraint_files()?;
    let mut limits = Vec::new();
    for &p in presets {
        limits.extend(limits_for(p, &files)?);
    }
    Ok(limits)
}

/// The constraints of the panels of `description`: the user's `overlays` and, unless
/// `no_constraints`, the existing limits on its models.
pub fn panel_constraints(
    description: &Description,
    overlays: &[Constraint],
    no_constraints: bool,
) -> anyhow::Result<PanelConstraints> {
    let existing = if no_constraints {
        Vec::new()
    } else {
        existing_limits(&panel_presets(description))?
    };
    Ok(PanelConstraints {
        overlays: overlays.to_vec(),
        existing,
    })
}

/// Scans the experiment over its mass grid and builds its reach panels with `overlays`.
pub fn scan(description: &Description, overlays: &PanelConstraints) -> anyhow::Result<ReachRun> {
    scan_with(description, overlays, false, false)
}

/// [`scan`], with the expected bands −2 … 2 when `bands` is true and the pyhf workspaces of
/// the binned likelihoods when `pyhf` is true (the beam-dump family has none: refused).
pub fn scan_with(
    description: &Description,
    overlays: &PanelConstraints,
    bands: bool,
    pyhf: bool,
) -> anyhow::Result<ReachRun> {
    if pyhf && matches!(description, Description::BeamDump(_)) {
        return Err(muforce::Error::out_of_range(
            "--pyhf",
            description.name(),
            "needs a binned likelihood (the missing-momentum and kaon families); a beam dump \
             is a counting experiment",
        )
        .into());
    }
    Ok(match description {
        Description::MissingMomentum(experiment) => {
            let a = &experiment.analysis;
            let result = with_bar(a.models.len() * a.masses_gev.len(), |tick| {
                missing_momentum::scan_with(experiment, bands, tick)
            })?;
            ReachRun {
                name: experiment.name.clone(),
                panels: reach_panels(experiment, &result, overlays)?,
                hepdata: Some(
                    result
                        .table
                        .to_hepdata_yaml(&experiment.title, a.confidence_level)?,
                ),
                workspaces: if pyhf {
                    Some(missing_momentum::workspaces(experiment, &result)?)
                } else {
                    None
                },
                lightest_mass: a.masses_gev.first().copied(),
                counts: counts(
                    result.table.rows.len(),
                    a.models.len(),
                    a.masses_gev.len(),
                    experiment.scenarios.len(),
                    experiment.method.name(),
                ),
                table: result.table,
                bands: result.bands,
            }
        }
        Description::BeamDump(experiment) => {
            let points = experiment.models.len() * experiment.masses_gev.len();
            let result = with_bar(points, |tick| beam_dump::scan_with(experiment, bands, tick))?;
            ReachRun {
                name: experiment.name.clone(),
                panels: dump_panels(experiment, &result, overlays)?,
                hepdata: Some(
                    result
                        .table
                        .to_hepdata_yaml(&experiment.title, experiment.confidence_level)?,
                ),
                workspaces: None,
                lightest_mass: experiment.masses_gev.first().copied(),
                counts: counts(
                    result.table.rows.len(),
                    experiment.models.len(),
                    experiment.masses_gev.len(),
                    experiment.scenarios.len(),
                    experiment.setup.method.name(),
                ),
                table: result.table,
                bands: result.bands,
            }
        }
        Description::Kaon(experiment) => {
            let points = experiment.models.len() * experiment.masses_gev.len();
            let (table, band_table) =
                with_bar(points, |tick| reach_table_with(experiment, bands, tick))?;
            ReachRun {
                name: experiment.name.clone(),
                panels: kaon_panels(experiment, &table, band_table.as_ref(), overlays)?,
                hepdata: Some(
                    table.to_hepdata_yaml(&experiment.title, experiment.confidence_level)?,
                ),
                workspaces: if pyhf {
                    Some(muforce::kaon::workspaces(experiment)?)
                } else {
                    None
                },
                lightest_mass: experiment.masses_gev.first().copied(),
                counts: counts(
                    table.rows.len(),
                    experiment.models.len(),
                    experiment.masses_gev.len(),
                    experiment.scenarios.len(),
                    "K+ -> mu+ nu X",
                ),
                table,
                bands: band_table,
            }
        }
    })
}

/// The m²_miss spectra of a kaon experiment's invisible search (signal at its figure masses
/// over the background), written to `dir/stem.svg` and `.png`; nothing for other families.
pub fn write_missing_mass(
    description: &Description,
    dir: &Path,
    stem: &str,
) -> anyhow::Result<Vec<PathBuf>> {
    let Description::Kaon(experiment) = description else {
        return Ok(Vec::new());
    };
    let Some(figure) = experiment_missing_mass_figure(experiment)? else {
        return Ok(Vec::new());
    };
    write_line(&figure, dir, stem)
}

/// Renders a line figure as SVG and PNG to `dir/stem.*`.
pub fn write_line(figure: &LineFigure, dir: &Path, stem: &str) -> anyhow::Result<Vec<PathBuf>> {
    write_svg_and_png(dir, stem, |path| figure.render(path))
}

/// Draws `figures` side by side (800 pixels wide each) to `dir/stem.svg` and `dir/stem.png`.
pub fn write_panels(
    figures: &[ReachFigure],
    dir: &Path,
    stem: &str,
) -> anyhow::Result<Vec<PathBuf>> {
    let size = (800 * figures.len() as u32, 600);
    write_svg_and_png(dir, stem, |path| render_panels(figures, size, path))
}

/// Draws with `draw` to `dir/stem.svg`, then `dir/stem.png`; returns both paths.
fn write_svg_and_png(
    dir: &Path,
    stem: &str,
    draw: impl Fn(&Path) -> muforce::Result<()>,
) -> anyhow::Result<Vec<PathBuf>> {
    ["svg", "png"]
        .into_iter()
        .map(|ext| {
            let path = dir.join(format!("{stem}.{ext}"));
            draw(&path)?;
            Ok(path)
        })
        .collect()
}

/// Loads the `--overlay` constraint files.
pub fn load_overlays(paths: &[PathBuf]) -> anyhow::Result<Vec<Constraint>> {
    Ok(paths
        .iter()
        .map(|p| Constraint::load(p))
        .collect::<muforce::Result<Vec<_>>>()?)
}
