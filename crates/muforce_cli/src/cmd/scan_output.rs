//! The files of a design study, shared by `scan` and `merge`: scan.csv, scan.json and
//! envelope.csv, all rendered before the first is written, then the figures scan.svg/.png
//! (reach against the first varied field), heat_map.svg/.png (over the first two, at the
//! first figure mass) and envelope.svg/.png.

use super::reach_run::{write_line, write_panels};
use crate::quantity::parse_energy_list;
use muforce::experiment::scan::{envelope, ScanOutput};
use muforce_plot::{envelope_figure, figure_masses, heat_map_figure, parameter_figure};
use std::path::Path;

/// The names of the tables [`write`] writes.
pub const FILES: [&str; 3] = ["scan.csv", "scan.json", "envelope.csv"];

/// A comma-separated list of masses.
#[derive(Debug, Clone, Default)]
pub struct Masses(pub Vec<f64>);

/// Parses a comma-separated list of masses in GeV (units allowed).
pub fn parse_masses(text: &str) -> Result<Masses, String> {
    parse_energy_list(text).map(Masses)
}

/// Writes the tables of `output` into `dir` (created if needed), then its figures with the
/// reach at the scanned masses nearest `figure_masses_gev` (none: the middle one); returns
/// the names of the figures written.
pub fn write(
    output: &ScanOutput,
    dir: &Path,
    figure_masses_gev: &[f64],
) -> anyhow::Result<Vec<String>> {
    let envelope = envelope(output);
    let texts = [output.to_csv(), output.to_json()?, envelope.to_csv()];
    std::fs::create_dir_all(dir).map_err(|e| muforce::Error::Io {
        path: dir.display().to_string(),
        message: format!("--out must be a directory that can be created: {e}"),
    })?;
    for (name, text) in FILES.iter().zip(&texts) {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| muforce::Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    }
    let mut figures = Vec::new();
    let masses = figure_masses(output, figure_masses_gev);
    if let Some(figure) = parameter_figure(output, &masses) {
        write_line(&figure, dir, "scan")?;
        figures.extend(["scan.svg".to_string(), "scan.png".to_string()]);
    }
    if let Some(map) = masses.first().and_then(|&m| heat_map_figure(output, m)) {
        for ext in ["svg", "png"] {
            map.render(&dir.join(format!("heat_map.{ext}")))?;
        }
        figures.extend(["heat_map.svg".to_string(), "heat_map.png".to_string()]);
    }
    if let Some(figure) = envelope_figure(output, &envelope) {
        write_panels(&[figure], dir, "envelope")?;
        figures.extend(["envelope.svg".to_string(), "envelope.png".to_string()]);
    }
    Ok(figures)
}
