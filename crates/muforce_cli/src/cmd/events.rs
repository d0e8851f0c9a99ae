//! `muforce events`: unweighted μN → μNX events written as a Les Houches Event file, for a
//! monochromatic beam (`--energy`) or a beam momentum spectrum (`--spectrum FILE`, or the
//! spectrum of an experiment's muon sample, `--experiment NAME --sample NAME`).

use crate::number::parse_positive;
use crate::quantity::parse_energy;
use muforce::events::{Event, Generator, SpectrumGenerator, SpectrumSettings, TableSettings};
use muforce::io::lhe::{write_lhe, LheRun};
use muforce::model::Spin;
use muforce::production::{Method, Process};
use muforce::source::MomentumSpectrum;
use muforce::target::{FormFactorModel, MaterialTable};
use muforce::units::gev2_to_pb;
use std::io::BufWriter;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("beam").required(true).args(["energy", "spectrum", "experiment"])))]
pub struct Args {
    /// Spin of X: scalar, pseudoscalar, vector, axial-vector.
    #[arg(long)]
    spin: String,
    /// Mass of X, in GeV or with a unit.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    mass: f64,
    /// Beam energy of a monochromatic beam, in GeV or with a unit.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    energy: Option<f64>,
    /// Beam momentum spectrum: a CSV file `p_low_gev,p_high_gev,muons` (as data/lhc/*.csv).
    #[arg(long)]
    spectrum: Option<PathBuf>,
    /// Take the beam spectrum from this experiment's muon sample (built-in name or TOML file).
    #[arg(long)]
    experiment: Option<String>,
    /// With --experiment: the sample's name (default: the first sample).
    #[arg(long, requires = "experiment")]
    sample: Option<String>,
    /// Target material (built-in name).
    #[arg(long)]
    target: String,
    /// Coupling g of X to muons (the cross section scales with g²).
    #[arg(long, default_value = "1", value_parser = parse_positive, allow_hyphen_values = true)]
    coupling: f64,
    /// Number of unweighted events.
    #[arg(long)]
    events: usize,
    /// Master seed (the events do not depend on the number of threads).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Nodes of the (x, ln θ) table in each direction.
    #[arg(long, default_value_t = 64)]
    nodes: usize,
    /// With a spectrum: momentum nodes of the tables (log spaced).
    #[arg(long, default_value_t = 16)]
    momentum_nodes: usize,
    /// Cross section tabulated: exact (2 → 3 tree level) or ww (Weizsäcker–Williams, faster).
    #[arg(long, default_value = "exact")]
    method: String,
    /// Largest muon angle tabulated, rad.
    #[arg(long, default_value = "0.5", value_parser = parse_positive, allow_hyphen_values = true)]
    theta_max: f64,
    /// Form factor: full, elastic.
    #[arg(long, default_value = "full")]
    form_factor: String,
    /// Output LHE file.
    #[arg(long)]
    out: PathBuf,
}

/// What the events were generated from, for the header and the summary line.
struct Made {
    events: Vec<Event>,
    settings: Vec<(String, String)>,
    /// Energy written as the beam energy of `<init>`, GeV.
    energy_gev: f64,
    sigma: f64,
    sigma_reference: f64,
    error_reference: f64,
    accuracy: f64,
    built: f64,
    generated: f64,
}

fn spectrum_of(args: &Args) -> anyhow::Result<Option<(MomentumSpectrum, String)>> {
    if let Some(path) = &args.spectrum {
        let s = MomentumSpectrum::from_file(path)?;
        return Ok(Some((s, path.display().to_string())));
    }
    let Some(name) = &args.experiment else {
        return Ok(None);
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
    Ok(Some((sample.spectrum.clone(), label)))
}

fn monochromatic(
    args: &Args,
    process: Process,
    energy: f64,
    s: &TableSettings,
) -> anyhow::Result<Made> {
    let start = Instant::now();
    let g = Generator::new(process, energy, s)?;
    let built = start.elapsed().as_secs_f64();
    let events = g.generate(args.events, args.seed)?;
    Ok(Made {
        events,
        settings: vec![("energy_gev".into(), energy.to_string())],
        energy_gev: energy,
        sigma: g.sigma(),
        sigma_reference: g.sigma_reference.value,
        error_reference: g.sigma_reference.error,
        accuracy: g.table_accuracy(),
        built,
        generated: start.elapsed().as_secs_f64() - built,
    })
}

fn with_spectrum(
    args: &Args,
    process: Process,
    spectrum: MomentumSpectrum,
    label: String,
    s: &TableSettings,
) -> anyhow::Result<Made> {
    let start = Instant::now();
    let settings = SpectrumSettings {
        table: *s,
        momentum_nodes: args.momentum_nodes,
    };
    let g = SpectrumGenerator::new(process, spectrum, &settings)?;
    let built = start.elapsed().as_secs_f64();
    let events = g.generate(args.events, args.seed)?;
    let mean = events.iter().map(|e| e.beam[0]).sum::<f64>() / events.len() as f64;
    let error = g
        .sigma_reference
        .iter()
        .map(muforce::numerics::Integral::relative_error)
        .fold(0.0, f64::max)
        * g.sigma_reference();
    let (lo, hi) = (g.momenta[0], g.momenta[g.momenta.len() - 1]);
    Ok(Made {
        settings: vec![
            ("spectrum".into(), label),
            ("spectrum_muons".into(), g.spectrum.counts().iter().sum::<f64>().to_string()),
            ("spectrum_mean_momentum_gev".into(), format!("{:.6e}", g.spectrum.mean_momentum())),
            ("momentum_nodes".into(), format!("{} log spaced in [{lo:.6e}, {hi:.6e}] GeV; flux x sigma linear in p between nodes", args.momentum_nodes)),
            ("sigma_flux_averaged".into(), "sigma per beam muon of the spectrum (muons below threshold count with sigma = 0)".into()),
            ("beam_energy_in_init".into(), "mean beam energy of the events; each event carries its own beam muon".into()),
        ],
        events,
        energy_gev: mean,
        sigma: g.sigma(),
        sigma_reference: g.sigma_reference(),
        error_reference: error,
        accuracy: g.table_accuracy(),
        built,
        generated: start.elapsed().as_secs_f64() - built,
    })
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let spin = Spin::from_name(&args.spin)?;
    let material = MaterialTable::built_in().find(&args.target)?.clone();
    let form_factor = FormFactorModel::from_name(&args.form_factor)?;
    let method = Method::from_name(&args.method)?;
    let process = Process::new(spin, args.mass, args.coupling, &material, form_factor)?;
    let settings = TableSettings {
        x_nodes: args.nodes,
        theta_nodes: args.nodes,
        theta_max: args.theta_max,
        method,
        ..TableSettings::default()
    };
    let made = match (args.energy, spectrum_of(args)?) {
        (Some(e), None) => monochromatic(args, process, e, &settings)?,
        (None, Some((s, label))) => with_spectrum(args, process, s, label, &settings)?,
        _ => anyhow::bail!("give one beam: --energy, --spectrum or --experiment"),
    };
    let sigma_pb = gev2_to_pb(made.sigma);
    // The interpolation error dominates the integral's: quote their sum.
    let error_pb = gev2_to_pb((made.sigma - made.sigma_reference).abs() + made.error_reference);
    let m = method.name();
    let mut header = vec![
        (
            "command".into(),
            std::env::args().collect::<Vec<_>>().join(" "),
        ),
        ("spin".into(), spin.name().into()),
        ("mass_gev".into(), args.mass.to_string()),
    ];
    header.extend(made.settings);
    header.extend([
        ("target".into(), material.name.clone()),
        ("coupling".into(), args.coupling.to_string()),
        ("form_factor".into(), form_factor.name().into()),
        ("events".into(), args.events.to_string()),
        ("seed".into(), args.seed.to_string()),
        ("method".into(), m.into()),
        ("table".into(), format!("{0} x {0} nodes in (logit x, ln theta), theta in [{1}, {2}] rad, {m} d2sigma/dx dtheta", args.nodes, settings.theta_min, settings.theta_max)),
        (format!("sigma_{m}_pb"), format!("{:.6e} +- {:.1e}", gev2_to_pb(made.sigma_reference), gev2_to_pb(made.error_reference))),
        ("table_accuracy".into(), format!("{:+.3e} (relative, generated sigma vs {m})", made.accuracy)),
        ("table_build_s".into(), format!("{:.3}", made.built)),
        ("t_distribution".into(), "photon-flux integrand (1 - t_min/t) G2(t) dln t".into()),
    ]);
    let run = LheRun {
        settings: header,
        energy_gev: made.energy_gev,
        z: material.z.round() as u32,
        a: material.a.round() as u32,
        nucleus_mass_gev: process.nucleus_mass_gev,
        spin,
        mass_gev: args.mass,
        sigma_pb,
        error_pb,
    };
    let io_error = |e: std::io::Error| muforce::Error::Io {
        path: args.out.display().to_string(),
        message: e.to_string(),
    };
    let file = std::fs::File::create(&args.out).map_err(io_error)?;
    let mut out = BufWriter::new(file);
    write_lhe(&mut out, &run, &made.events).map_err(io_error)?;
    println!(
        "{} events, sigma = {sigma_pb:.4e} pb (table vs {m} {:+.2e}); table {:.2} s, events {:.2} s; wrote {}",
        made.events.len(),
        made.accuracy,
        made.built,
        made.generated,
        args.out.display()
    );
    Ok(())
}
