//! `muforce events`: μN → μNX events written as HepMC3 or LHE, for a monochromatic beam
//! (`--energy`), a beam momentum spectrum (`--spectrum FILE`, or the spectrum of an
//! experiment's muon sample, `--experiment NAME --sample NAME --target T`), or the signal of
//! an experiment (`--experiment NAME` without `--target`: [`super::events_experiment`]).

use crate::number::{parse_positive, parse_whole};
use crate::quantity::parse_energy;
use muforce::events::{Beam, EventRun, SpectrumSettings, TableSettings, XDecays};
use muforce::io::event_file::{write_event_file, EventFormat};
use muforce::matter::{FormFactorModel, MaterialTable};
use muforce::model::{Preset, Spin};
use muforce::production::Method;
use muforce::source::MomentumSpectrum;
use muforce::units::gev2_to_pb;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("beam").required(true).args(["energy", "spectrum", "experiment"])))]
#[command(group(clap::ArgGroup::new("x").required(true).args(["spin", "model"])))]
pub struct Args {
    /// Spin of a stable X: scalar, pseudoscalar, vector, axial-vector.
    #[arg(long)]
    pub(super) spin: Option<String>,
    /// Model preset of an X that decays (its spin, and its branching ratios and lifetime at
    /// --coupling): X decays in flight at a displaced vertex (docs/events.md).
    #[arg(long)]
    pub(super) model: Option<String>,
    /// Mass of X, in GeV or with a unit.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    pub(super) mass: f64,
    /// Beam energy of a monochromatic beam, in GeV or with a unit.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    pub(super) energy: Option<f64>,
    /// Beam momentum spectrum: a CSV file `p_low_gev,p_high_gev,muons` (as data/lhc/*.csv).
    #[arg(long)]
    pub(super) spectrum: Option<PathBuf>,
    /// Take the beam spectrum from this experiment's muon sample (built-in name or TOML file).
    #[arg(long)]
    pub(super) experiment: Option<String>,
    /// With --experiment: the sample's name (default: the first sample).
    #[arg(long, requires = "experiment")]
    pub(super) sample: Option<String>,
    /// Target material (built-in name); required with --energy and --spectrum. With
    /// --experiment it selects the sample-spectrum mode; without it the experiment's own
    /// target, beam and selection are used.
    #[arg(long)]
    pub(super) target: Option<String>,
    /// With an experiment's signal: the scenario's name (default: the first), whose muon
    /// count and efficiency scale the weights.
    #[arg(long, requires = "experiment")]
    pub(super) scenario: Option<String>,
    /// Coupling g of X to muons (the cross section scales with g²).
    #[arg(long, default_value = "1", value_parser = parse_positive, allow_hyphen_values = true)]
    pub(super) coupling: f64,
    /// Number of unweighted events.
    #[arg(long, value_parser = parse_whole::<usize>, allow_hyphen_values = true)]
    pub(super) events: usize,
    /// Master seed (the events do not depend on the number of threads).
    #[arg(long, default_value_t = 1, value_parser = parse_whole::<u64>, allow_hyphen_values = true)]
    pub(super) seed: u64,
    /// Nodes of the (x, ln θ) table in each direction.
    #[arg(long, default_value_t = 64, value_parser = parse_whole::<usize>, allow_hyphen_values = true)]
    pub(super) nodes: usize,
    /// With a spectrum: momentum nodes of the tables (log spaced); default 16, and 64 for a
    /// missing-momentum experiment's signal (whose weights must match its expected events).
    #[arg(long, value_parser = parse_whole::<usize>, allow_hyphen_values = true)]
    pub(super) momentum_nodes: Option<usize>,
    /// Cross section tabulated: exact (2 → 3 tree level) or ww (Weizsäcker–Williams, faster);
    /// default exact, or the experiment's method for an experiment's signal (iww there
    /// becomes ww, which has the angles).
    #[arg(long)]
    pub(super) method: Option<String>,
    /// Largest muon angle tabulated, rad.
    #[arg(long, default_value = "0.5", value_parser = parse_positive, allow_hyphen_values = true)]
    pub(super) theta_max: f64,
    /// Form factor: full, elastic.
    #[arg(long, default_value = "full")]
    pub(super) form_factor: String,
    /// Output file: `.hepmc` writes HepMC3 Asciiv3, `.lhe` writes LHE 3.0.
    #[arg(long)]
    pub(super) out: PathBuf,
}

fn beam(args: &Args) -> anyhow::Result<Beam> {
    if let Some(e) = args.energy {
        return Ok(Beam::Energy(e));
    }
    if let Some(path) = &args.spectrum {
        let s = MomentumSpectrum::from_file(path)?;
        return Ok(Beam::Spectrum(s, path.display().to_string()));
    }
    let Some(name) = &args.experiment else {
        anyhow::bail!("give one beam: --energy, --spectrum or --experiment");
    };
    let experiment = crate::cmd::experiment_arg::load(name, None)?;
    let sample = match &args.sample {
        Some(s) => experiment.sample(s).ok_or_else(|| {
            let names: Vec<&str> = experiment.samples.iter().map(|s| s.name.as_str()).collect();
            muforce::Error::unknown("sample", s, &names)
        })?,
        None => experiment.samples.first().ok_or_else(|| {
            muforce::Error::out_of_range("experiment", name, "has no muon sample")
        })?,
    };
    let label = format!("experiment {} sample {}", experiment.name, sample.name);
    Ok(Beam::Spectrum(sample.spectrum.clone(), label))
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    EventFormat::from_path(&args.out)?;
    check_nodes(args)?;
    let Some(target) = &args.target else {
        if let Some(experiment) = &args.experiment {
            return super::events_experiment::run(args, experiment);
        }
        return Err(muforce::Error::out_of_range(
            "--target",
            "none",
            "a target material is required with --energy and --spectrum",
        )
        .into());
    };
    let preset = args.model.as_deref().map(Preset::from_name).transpose()?;
    let spin = match (&args.spin, preset) {
        (_, Some(preset)) => preset.spin(),
        (Some(name), None) => Spin::from_name(name)?,
        (None, None) => anyhow::bail!("give --spin (a stable X) or --model (an X that decays)"),
    };
    // Checked before the tables are built: a stable X of a model is refused at once.
    let decays = preset
        .map(|p| XDecays::new(&p.mediator(args.mass, args.coupling)?))
        .transpose()?;
    let material = MaterialTable::built_in().find(target)?.clone();
    let form_factor = FormFactorModel::from_name(&args.form_factor)?;
    let settings = SpectrumSettings {
        table: TableSettings {
            x_nodes: args.nodes,
            theta_nodes: args.nodes,
            theta_max: args.theta_max,
            method: Method::from_name(args.method.as_deref().unwrap_or("exact"))?,
            ..TableSettings::default()
        },
        momentum_nodes: args.momentum_nodes.unwrap_or(16),
    };
    let x = (spin, args.mass, args.coupling);
    let mut run = EventRun::new(x, material, form_factor, beam(args)?, settings)?;
    if let (Some(decays), Some(preset)) = (decays, preset) {
        run = run.with_decays(preset.name(), decays);
    }
    let start = Instant::now();
    let events = run.generate(args.events, args.seed)?;
    let generated = start.elapsed().as_secs_f64();
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    // No timings in the file: it is identical for any thread count.
    let record = run.lhe_run(&events, args.seed, vec![("command".into(), command)]);
    write_event_file(&args.out, &record, &events)?;
    println!(
        "{} events, sigma = {:.4e} pb (table vs {} {:+.2e}); table {:.2} s, events {generated:.2} s; wrote {}",
        events.len(),
        gev2_to_pb(run.sigma()),
        settings.table.method.name(),
        run.table_accuracy(),
        run.build_seconds,
        args.out.display()
    );
    Ok(())
}

/// Names the option rather than the table's fields (x_nodes, theta_nodes).
fn check_nodes(args: &Args) -> anyhow::Result<()> {
    if !(4..=2048).contains(&args.nodes) {
        return Err(
            muforce::Error::out_of_range("--nodes", args.nodes, "must lie in [4, 2048]").into(),
        );
    }
    Ok(())
}
