//! `muforce events`: unweighted μN → μNX events written as a Les Houches Event file.

use crate::number::{parse_positive, parse_whole};
use crate::quantity::parse_energy;
use muforce::events::{Generator, TableSettings};
use muforce::io::lhe::{write_lhe, LheRun};
use muforce::model::Spin;
use muforce::production::Process;
use muforce::target::{FormFactorModel, MaterialTable};
use muforce::units::gev2_to_pb;
use std::io::BufWriter;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spin of X: scalar, pseudoscalar, vector, axial-vector.
    #[arg(long)]
    spin: String,
    /// Mass of X, in GeV or with a unit.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    mass: f64,
    /// Beam energy, in GeV or with a unit.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    energy: f64,
    /// Target material (built-in name).
    #[arg(long)]
    target: String,
    /// Coupling g of X to muons (the cross section scales with g²).
    #[arg(long, default_value = "1", value_parser = parse_positive, allow_hyphen_values = true)]
    coupling: f64,
    /// Number of unweighted events.
    #[arg(long, value_parser = parse_whole::<usize>, allow_hyphen_values = true)]
    events: usize,
    /// Master seed (the events do not depend on the number of threads).
    #[arg(long, default_value_t = 1, value_parser = parse_whole::<u64>, allow_hyphen_values = true)]
    seed: u64,
    /// Nodes of the (x, ln θ) table in each direction.
    #[arg(long, default_value_t = 64, value_parser = parse_whole::<usize>, allow_hyphen_values = true)]
    nodes: usize,
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

pub fn run(args: &Args) -> anyhow::Result<()> {
    let start = Instant::now();
    let spin = Spin::from_name(&args.spin)?;
    let material = MaterialTable::built_in().find(&args.target)?.clone();
    let form_factor = FormFactorModel::from_name(&args.form_factor)?;
    let process = Process::new(spin, args.mass, args.coupling, &material, form_factor)?;
    let settings = TableSettings {
        x_nodes: args.nodes,
        theta_nodes: args.nodes,
        theta_max: args.theta_max,
        ..TableSettings::default()
    };
    // Name the option rather than the table's fields (x_nodes, theta_nodes).
    if !(4..=2048).contains(&args.nodes) {
        return Err(
            muforce::Error::out_of_range("--nodes", args.nodes, "must lie in [4, 2048]").into(),
        );
    }
    let generator = Generator::new(process, args.energy, &settings)?;
    let built = start.elapsed().as_secs_f64();
    let events = generator.generate(args.events, args.seed)?;
    let generated = start.elapsed().as_secs_f64() - built;
    let sigma_pb = gev2_to_pb(generator.sigma());
    // The interpolation error dominates the exact integral's: quote their sum.
    let error_pb = gev2_to_pb(
        (generator.sigma() - generator.sigma_exact.value).abs() + generator.sigma_exact.error,
    );
    let run = LheRun {
        settings: vec![
            ("command".into(), std::env::args().collect::<Vec<_>>().join(" ")),
            ("spin".into(), spin.name().into()),
            ("mass_gev".into(), args.mass.to_string()),
            ("energy_gev".into(), args.energy.to_string()),
            ("target".into(), material.name.clone()),
            ("coupling".into(), args.coupling.to_string()),
            ("form_factor".into(), form_factor.name().into()),
            ("events".into(), args.events.to_string()),
            ("seed".into(), args.seed.to_string()),
            ("table".into(), format!("{0} x {0} nodes in (x, ln theta), theta in [{1}, {2}] rad, exact d2sigma/dx dtheta", args.nodes, settings.theta_min, settings.theta_max)),
            ("sigma_exact_pb".into(), format!("{:.6e} +- {:.1e}", gev2_to_pb(generator.sigma_exact.value), gev2_to_pb(generator.sigma_exact.error))),
            ("table_accuracy".into(), format!("{:+.3e} (relative, generated sigma vs exact)", generator.table_accuracy())),
            ("t_distribution".into(), "photon-flux integrand (1 - t_min/t) G2(t) dln t".into()),
        ],
        energy_gev: args.energy,
        z: material.z.round() as u32,
        a: material.a.round() as u32,
        nucleus_mass_gev: generator.process.nucleus_mass_gev,
        spin,
        mass_gev: args.mass,
        sigma_pb,
        error_pb,
    };
    let file = std::fs::File::create(&args.out).map_err(|e| muforce::Error::Io {
        path: args.out.display().to_string(),
        message: e.to_string(),
    })?;
    let mut out = BufWriter::new(file);
    write_lhe(&mut out, &run, &events).map_err(|e| muforce::Error::Io {
        path: args.out.display().to_string(),
        message: e.to_string(),
    })?;
    println!(
        "{} events, sigma = {sigma_pb:.4e} pb (table vs exact {:+.2e}); table {built:.1} s, events {generated:.2} s; wrote {}",
        events.len(),
        generator.table_accuracy(),
        args.out.display()
    );
    Ok(())
}
