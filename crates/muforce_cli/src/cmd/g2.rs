//! `muforce g2`: the one-loop (g−2)_μ contribution of X and the coupling band of an era.

use crate::number::parse_positive;
use crate::output::print_json;
use crate::quantity::parse_energy;
use muforce::model::{delta_a_mu, delta_a_mu_unit, g2_band, Era, Preset, Spin};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spin of X: scalar, pseudoscalar, vector, axial-vector.
    #[arg(long, required_unless_present = "model", conflicts_with = "model")]
    spin: Option<String>,
    /// A preset model instead of --spin: muon-scalar, mass-scalar, lmu-ltau, muon-vector.
    #[arg(long)]
    model: Option<String>,
    /// Mass of X, in GeV or with a unit (16MeV, 1GeV).
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    mass: f64,
    /// Coupling g to muons: prints Δa_μ(g).
    #[arg(long, value_parser = parse_positive, allow_hyphen_values = true)]
    coupling: Option<f64>,
    /// Era of a_μ(exp) − a_μ(SM): e821-2006, fnal-2021, fnal-2023, final-2025; prints the band.
    #[arg(long)]
    era: Option<String>,
    /// Half-width of the band in standard deviations.
    #[arg(long, default_value = "2", value_parser = parse_positive, allow_hyphen_values = true)]
    sigma: f64,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct AtCoupling {
    coupling: f64,
    delta_a_mu: f64,
    delta_a_mu_error: f64,
}

#[derive(Serialize)]
struct Band {
    era: &'static str,
    n_sigma: f64,
    a_mu_exp: f64,
    a_mu_sm: f64,
    delta_a_mu_exp: f64,
    delta_a_mu_sigma: f64,
    coupling_low: Option<f64>,
    coupling_high: Option<f64>,
    excluded_above: f64,
    note: String,
    reference: &'static str,
}

#[derive(Serialize)]
struct Report {
    spin: Spin,
    mass_gev: f64,
    delta_a_mu_per_g2: f64,
    delta_a_mu_per_g2_error: f64,
    #[serde(flatten)]
    at_coupling: Option<AtCoupling>,
    #[serde(flatten)]
    band: Option<Band>,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let spin = match (&args.spin, &args.model) {
        (Some(name), _) => Spin::from_name(name)?,
        (None, Some(model)) => Preset::from_name(model)?.spin(),
        (None, None) => {
            return Err(muforce::Error::out_of_range(
                "spin",
                "(missing)",
                "give --spin (scalar, pseudoscalar, vector, axial-vector) or --model",
            )
            .into())
        }
    };
    let unit = delta_a_mu_unit(spin, args.mass)?;
    let at_coupling = match args.coupling {
        None => None,
        Some(g) => {
            let d = delta_a_mu(spin, args.mass, g)?;
            Some(AtCoupling {
                coupling: g,
                delta_a_mu: d.value,
                delta_a_mu_error: d.error,
            })
        }
    };
    let band = match &args.era {
        None => None,
        Some(name) => {
            let era = Era::from_name(name)?;
            let b = g2_band(spin, args.mass, era, args.sigma)?;
            Some(Band {
                era: era.name,
                n_sigma: b.n_sigma,
                a_mu_exp: era.a_mu_exp,
                a_mu_sm: era.a_mu_sm,
                delta_a_mu_exp: era.delta_a_mu,
                delta_a_mu_sigma: era.sigma,
                coupling_low: b.coupling_low,
                coupling_high: b.coupling_high,
                excluded_above: b.excluded_above,
                note: b.note,
                reference: era.reference,
            })
        }
    };
    let report = Report {
        spin,
        mass_gev: args.mass,
        delta_a_mu_per_g2: unit.value,
        delta_a_mu_per_g2_error: unit.error,
        at_coupling,
        band,
    };
    if args.json {
        return print_json(&report);
    }
    print_text(&report);
    Ok(())
}

fn print_text(r: &Report) {
    println!("X: {} of mass {:.6e} GeV", r.spin, r.mass_gev);
    println!(
        "Delta a_mu / g^2       = {:.6e} +- {:.1e}",
        r.delta_a_mu_per_g2, r.delta_a_mu_per_g2_error
    );
    if let Some(c) = &r.at_coupling {
        println!(
            "Delta a_mu (g = {:.4e}) = {:.6e} +- {:.1e}",
            c.coupling, c.delta_a_mu, c.delta_a_mu_error
        );
    }
    if let Some(b) = &r.band {
        println!(
            "era {}: Delta a_mu = {:.3e} +- {:.3e} ({})",
            b.era, b.delta_a_mu_exp, b.delta_a_mu_sigma, b.reference
        );
        match (b.coupling_low, b.coupling_high) {
            (Some(lo), Some(hi)) => {
                println!("band ({} sigma): {lo:.4e} <= g <= {hi:.4e}", b.n_sigma);
            }
            _ => println!("band ({} sigma): none", b.n_sigma),
        }
        if b.excluded_above > 0.0 {
            println!(
                "excluded ({} sigma): g > {:.4e}",
                b.n_sigma, b.excluded_above
            );
        } else {
            println!("excluded ({} sigma): every g > 0", b.n_sigma);
        }
        println!("{}", b.note);
    }
}
