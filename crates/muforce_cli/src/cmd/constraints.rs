//! `muforce constraints`: the existing limits shipped in data/constraints/ (list) and their
//! recast to another model with muforce's widths, kaon rates and production yields (recast).

use crate::output::print_json;
use muforce::reach::{shipped_constraint_files, Constraint};
use muforce::recast::recast;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List the shipped constraint files: file, label, model, CL, signature, mass range,
    /// strongest limit, source (docs/constraints.md).
    List {
        /// Only the files whose model column is this preset or spin.
        #[arg(long)]
        model: Option<String>,
        /// JSON instead of a table (keys carry units).
        #[arg(long)]
        json: bool,
    },
    /// Recast a constraint file to another model (docs/constraints.md, "Recasting"): the
    /// output is a constraint file whose header records the recast.
    Recast {
        /// A constraint file, or the name of a shipped one (e.g. babar_2016_lmu_ltau.csv).
        file: String,
        /// The model to recast to: muon-scalar, mass-scalar, lmu-ltau, muon-vector (or a spin).
        #[arg(long)]
        to: String,
        /// The output constraint file (CSV); nothing is written on error.
        #[arg(long)]
        out: PathBuf,
    },
}

/// One line of `constraints list`.
#[derive(Debug, Serialize)]
struct Entry {
    file: String,
    label: String,
    model: String,
    cl: Option<f64>,
    signature: Option<String>,
    display: &'static str,
    mass_min_gev: Option<f64>,
    mass_max_gev: Option<f64>,
    strongest_coupling: Option<f64>,
    strongest_at_mass_gev: Option<f64>,
    trust: Option<String>,
    source: String,
}

impl Entry {
    fn new(file: String, c: &Constraint) -> Entry {
        let range = c.mass_range_gev();
        let best = c.strongest();
        Entry {
            file,
            label: c.display_label(),
            model: c.models().join("+"),
            cl: c.confidence_level,
            signature: c.signature.map(|s| s.name().to_string()),
            display: match c.display {
                muforce::reach::Display::Region => "region",
                muforce::reach::Display::Contour => "contour",
            },
            mass_min_gev: range.map(|r| r.0),
            mass_max_gev: range.map(|r| r.1),
            strongest_coupling: best.map(|b| b.1),
            strongest_at_mass_gev: best.map(|b| b.0),
            trust: c.trust.clone(),
            source: c.source.clone(),
        }
    }
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    match &args.command {
        Command::List { model, json } => list(model.as_deref(), *json),
        Command::Recast { file, to, out } => recast_file(file, to, out),
    }
}

fn list(model: Option<&str>, json: bool) -> anyhow::Result<()> {
    if let Some(m) = model {
        muforce::reach::model_spin(m)?;
    }
    let entries: Vec<Entry> = shipped_constraint_files()?
        .into_iter()
        .filter(|(_, c)| model.is_none_or(|m| c.models().iter().any(|x| x.eq_ignore_ascii_case(m))))
        .map(|(file, c)| Entry::new(file, &c))
        .collect();
    if json {
        return print_json(&entries);
    }
    println!(
        "{:<40} {:<28} {:<12} {:>5} {:<20} {:>19} {:>10}",
        "file", "label", "model", "CL", "signature", "mass range [GeV]", "strongest"
    );
    for e in &entries {
        let cl =
            e.cl.map_or("-".to_string(), |c| format!("{:.0}%", c * 100.0));
        let range = match (e.mass_min_gev, e.mass_max_gev) {
            (Some(a), Some(b)) => format!("{a:.3e}-{b:.3e}"),
            _ => "-".into(),
        };
        let best = e
            .strongest_coupling
            .map_or("-".into(), |g| format!("{g:.2e}"));
        println!(
            "{:<40} {:<28} {:<12} {:>5} {:<20} {:>19} {:>10}",
            e.file.trim_start_matches("data/constraints/"),
            e.label,
            e.model,
            cl,
            e.signature.as_deref().unwrap_or("-"),
            range,
            best
        );
    }
    Ok(())
}

/// Reads `file` (a path, or a shipped file's name), recasts it and writes the result
/// atomically (a temporary file renamed into place).
fn recast_file(file: &str, to: &str, out: &Path) -> anyhow::Result<()> {
    let path = Path::new(file);
    let (name, constraint) = if path.is_file() {
        (file.to_string(), Constraint::load(path)?)
    } else {
        let wanted = file.trim_start_matches("data/constraints/");
        shipped_constraint_files()?
            .into_iter()
            .find(|(p, _)| p.trim_start_matches("data/constraints/") == wanted)
            .ok_or_else(|| muforce::Error::Io {
                path: file.to_string(),
                message: "no such file, and no shipped constraint file of that name \
                          (`muforce constraints list`)"
                    .into(),
            })?
    };
    let result = recast(&constraint, &name, to)?;
    let io = |e: std::io::Error| muforce::Error::Io {
        path: out.display().to_string(),
        message: e.to_string(),
    };
    let tmp = out.with_extension("csv.partial");
    std::fs::write(&tmp, result.to_csv()).map_err(io)?;
    std::fs::rename(&tmp, out).map_err(io)?;
    let limited = result
        .table
        .rows
        .iter()
        .filter(|r| r.coupling_low.is_some())
        .count();
    println!(
        "{}: {} of {} masses limited for {to}",
        out.display(),
        limited,
        result.table.rows.len()
    );
    Ok(())
}
