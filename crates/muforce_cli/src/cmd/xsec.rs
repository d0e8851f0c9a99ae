//! `muforce xsec`: the production cross section μN → μNX, total or differential.

use crate::number::{parse_positive, parse_whole};
use crate::output::print_json;
use crate::quantity::parse_energy_list;
use muforce::matter::{FormFactorModel, Material, MaterialTable};
use muforce::numerics::Integral;
use muforce::production::{self, Cuts, Method, Process};
use muforce::units::{gev2_to_cm2, gev2_to_pb, M_MU};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;

/// A comma-separated list of energies or masses.
#[derive(Debug, Clone)]
pub struct Values(Vec<f64>);

fn parse_values(text: &str) -> Result<Values, String> {
    parse_energy_list(text).map(Values)
}

fn parse_fraction(text: &str) -> Result<f64, String> {
    let v: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number"))?;
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("'{text}' must lie in [0, 1]"))
    }
}

fn parse_non_negative(text: &str) -> Result<f64, String> {
    let v: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number"))?;
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!("'{text}' must be a finite number >= 0"))
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spin of X: scalar, pseudoscalar, vector, axial-vector.
    #[arg(long, default_value = "scalar")]
    spin: String,
    /// Mass of X in GeV or with a unit (126MeV); a comma-separated list gives one result per mass.
    #[arg(long, default_value = "0.126", value_parser = parse_values, allow_hyphen_values = true)]
    mass: Values,
    /// Muon energy in GeV or with a unit; a comma-separated list gives one result per energy.
    #[arg(long, default_value = "50", value_parser = parse_values, allow_hyphen_values = true)]
    energy: Values,
    /// Target material by name or symbol (see `muforce materials`).
    #[arg(long, default_value = "Cu")]
    target: String,
    /// Calculation: exact (tree level), ww or iww.
    #[arg(long, default_value = "exact")]
    method: String,
    /// Coupling of X to muons; σ scales as its square.
    #[arg(long, default_value = "1", value_parser = parse_positive, allow_hyphen_values = true)]
    coupling: f64,
    /// Smallest x = 1 − E′/E kept.
    #[arg(long, default_value = "0", value_parser = parse_fraction, allow_hyphen_values = true)]
    x_min: f64,
    /// Largest x kept.
    #[arg(long, default_value = "1", value_parser = parse_fraction, allow_hyphen_values = true)]
    x_max: f64,
    /// Largest polar angle of the outgoing muon, rad (default: no cut).
    #[arg(long, value_parser = parse_positive, allow_hyphen_values = true)]
    theta_max: Option<f64>,
    /// Smallest momentum of the outgoing muon, GeV.
    #[arg(long, default_value = "0", value_parser = parse_non_negative, allow_hyphen_values = true)]
    p_out_min: f64,
    /// Form factor: elastic or full (elastic + inelastic).
    #[arg(long, default_value = "full")]
    form_factor: String,
    /// Requested relative accuracy of every integral.
    #[arg(long, default_value = "1e-3", value_parser = parse_positive, allow_hyphen_values = true)]
    tolerance: f64,
    /// Print a CSV table of a distribution instead of the total: x, rho or theta.
    #[arg(long)]
    differential: Option<String>,
    /// Number of points of the differential table.
    #[arg(long, default_value_t = 40, value_parser = parse_whole::<usize>, allow_hyphen_values = true)]
    points: usize,
    /// TOML file with extra `[[material]]` definitions.
    #[arg(long)]
    materials: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct CutsReport {
    x_min: f64,
    x_max: f64,
    theta_max_rad: f64,
    p_out_min_gev: f64,
}

#[derive(Serialize)]
struct Point {
    spin: &'static str,
    mass_gev: f64,
    energy_gev: f64,
    target: String,
    method: &'static str,
    form_factor: &'static str,
    coupling: f64,
    sigma_pb: f64,
    error_pb: f64,
    sigma_cm2: f64,
    tolerance: f64,
    evaluations: usize,
    cuts: CutsReport,
}

struct Setup {
    material: Material,
    method: Method,
    form_factor: FormFactorModel,
    spin: muforce::model::Spin,
    cuts: Cuts,
}

fn setup(args: &Args) -> anyhow::Result<Setup> {
    let mut table = MaterialTable::built_in();
    if let Some(path) = &args.materials {
        table.add_toml(&path.display().to_string(), &muforce::io::read_text(path)?)?;
    }
    let cuts = Cuts {
        x_min: args.x_min,
        x_max: args.x_max,
        theta_max: args.theta_max.unwrap_or(std::f64::consts::PI),
        p_out_min: args.p_out_min,
    };
    cuts.validate()?;
    if args.points == 0 || args.points > 100_000 {
        return Err(muforce::Error::out_of_range(
            "--points",
            args.points,
            "must lie in [1, 100000]",
        )
        .into());
    }
    Ok(Setup {
        material: table.find(&args.target)?.clone(),
        method: Method::from_name(&args.method)?,
        form_factor: FormFactorModel::from_name(&args.form_factor)?,
        spin: muforce::model::Spin::from_name(&args.spin)?,
        cuts,
    })
}

/// Every (mass, energy) pair, masses outermost.
fn grid(args: &Args) -> Vec<(f64, f64)> {
    args.mass
        .0
        .iter()
        .flat_map(|&m| args.energy.0.iter().map(move |&e| (m, e)))
        .collect()
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let s = setup(args)?;
    if let Some(kind) = &args.differential {
        return differential(args, &s, kind);
    }
    let points: Vec<muforce::Result<Point>> = grid(args)
        .into_par_iter()
        .map(|(mass, energy)| {
            let process = Process::new(s.spin, mass, args.coupling, &s.material, s.form_factor)?;
            let sigma = production::total(s.method, &process, energy, &s.cuts, args.tolerance)?;
            Ok(Point {
                spin: s.spin.name(),
                mass_gev: mass,
                energy_gev: energy,
                target: s.material.name.clone(),
                method: s.method.name(),
                form_factor: s.form_factor.name(),
                coupling: args.coupling,
                sigma_pb: gev2_to_pb(sigma.value),
                error_pb: gev2_to_pb(sigma.error),
                sigma_cm2: gev2_to_cm2(sigma.value),
                tolerance: args.tolerance,
                evaluations: sigma.evaluations,
                cuts: CutsReport {
                    x_min: s.cuts.x_min,
                    x_max: s.cuts.x_max,
                    theta_max_rad: s.cuts.theta_max,
                    p_out_min_gev: s.cuts.p_out_min,
                },
            })
        })
        .collect();
    let points = points.into_iter().collect::<muforce::Result<Vec<_>>>()?;
    if args.json {
        return if points.len() == 1 {
            print_json(&points[0])
        } else {
            print_json(&points)
        };
    }
    println!(
        "μ {} → μ {} X, {} X, {} method, g = {}, form factor {}",
        s.material.name,
        s.material.name,
        s.spin,
        s.method.name(),
        args.coupling,
        s.form_factor.name()
    );
    println!(
        "cuts: {} ≤ x ≤ {}, θ_μ ≤ {} rad, p_out ≥ {} GeV; tolerance {}",
        s.cuts.x_min, s.cuts.x_max, s.cuts.theta_max, s.cuts.p_out_min, args.tolerance
    );
    println!(
        "{:>12} {:>12} {:>14} {:>12} {:>12}",
        "m_X [GeV]", "E [GeV]", "σ [pb]", "± [pb]", "σ [cm²]"
    );
    for p in &points {
        println!(
            "{:>12.5e} {:>12.5e} {:>14.5e} {:>12.3e} {:>12.5e}",
            p.mass_gev, p.energy_gev, p.sigma_pb, p.error_pb, p.sigma_cm2
        );
    }
    Ok(())
}

/// Kinematic x window at one energy and mass: m_X/E < x < 1 − m_μ/E, within the cuts.
fn x_window(mass: f64, energy: f64, cuts: &Cuts) -> (f64, f64) {
    (
        (mass / energy).max(cuts.x_min),
        (1.0 - M_MU / energy).min(cuts.x_max),
    )
}

fn differential(args: &Args, s: &Setup, kind: &str) -> anyhow::Result<()> {
    let kind = kind.trim().to_ascii_lowercase();
    let header = match kind.as_str() {
        "x" => "x,dsigma_dx_pb,error_pb",
        "rho" => "rho,dsigma_drho_pb,error_pb",
        "theta" => "theta_rad,dsigma_dtheta_pb_per_rad,error_pb_per_rad",
        _ => {
            return Err(
                muforce::Error::unknown("distribution", &kind, &["x", "rho", "theta"]).into(),
            )
        }
    };
    let mut rows = Vec::new();
    for (mass, energy) in grid(args) {
        let process = Process::new(s.spin, mass, args.coupling, &s.material, s.form_factor)?;
        let (lo, hi) = x_window(mass, energy, &s.cuts);
        if lo >= hi {
            return Err(muforce::Error::out_of_range(
                "x window",
                format!("[{lo}, {hi}] at m_X = {mass} GeV, E = {energy} GeV"),
                "the cuts leave no kinematically allowed x",
            )
            .into());
        }
        let n = args.points;
        let abscissae: Vec<f64> = match kind.as_str() {
            "theta" => {
                let (t0, t1) = (1e-6_f64, s.cuts.theta_max.min(0.5));
                (0..n)
                    .map(|i| (t0.ln() + (t1 / t0).ln() * (i as f64 + 0.5) / n as f64).exp())
                    .collect()
            }
            _ => (0..n)
                .map(|i| lo + (hi - lo) * (i as f64 + 0.5) / n as f64)
                .collect(),
        };
        let values: Vec<muforce::Result<(f64, Integral)>> = abscissae
            .into_par_iter()
            .map(|x| -> muforce::Result<(f64, Integral)> {
                match kind.as_str() {
                    "x" => Ok((
                        x,
                        production::dsigma_dx(
                            s.method,
                            &process,
                            energy,
                            x,
                            &s.cuts,
                            args.tolerance,
                        )?,
                    )),
                    "rho" => {
                        let p_in = (energy * energy - M_MU * M_MU).sqrt();
                        let e_out = (1.0 - x) * energy;
                        let rho = (e_out * e_out - M_MU * M_MU).max(0.0).sqrt() / p_in - 1.0;
                        Ok((
                            rho,
                            production::dsigma_drho(
                                s.method,
                                &process,
                                energy,
                                rho,
                                &s.cuts,
                                args.tolerance,
                            )?,
                        ))
                    }
                    _ => Ok((
                        x,
                        production::dsigma_dtheta(
                            s.method,
                            &process,
                            energy,
                            x,
                            &s.cuts,
                            args.tolerance,
                        )?,
                    )),
                }
            })
            .collect();
        for v in values {
            rows.push((mass, energy, v?));
        }
    }
    println!("mass_gev,energy_gev,{header}");
    for (mass, energy, (a, d)) in rows {
        println!(
            "{mass:e},{energy:e},{a:.8e},{:.6e},{:.3e}",
            gev2_to_pb(d.value),
            gev2_to_pb(d.error)
        );
    }
    Ok(())
}
