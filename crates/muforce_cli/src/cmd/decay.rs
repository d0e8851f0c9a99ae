//! `muforce decay`: partial widths, branching ratios, lifetime and decay length of X.

use crate::number::{parse_distance_m, parse_positive};
use crate::output::print_json;
use crate::quantity::parse_energy;
use muforce::model::{
    decay_probability, partial_width, Channel, ChiKind, DarkSector, DecayTable, Mediator, Preset,
};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Model: muon-scalar, mass-scalar, lmu-ltau, muon-vector.
    #[arg(long)]
    model: String,
    /// Mass of X, in GeV or with a unit (16MeV, 1GeV).
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    mass: f64,
    /// Coupling g to muons (the other couplings follow from the model).
    #[arg(long, value_parser = parse_positive, allow_hyphen_values = true)]
    coupling: f64,
    /// Lab energy of X, in GeV or with a unit: prints the decay length.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    energy: Option<f64>,
    /// Mass of the dark particle chi, in GeV or with a unit.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true, requires = "chi_coupling")]
    chi_mass: Option<f64>,
    /// Coupling g_chi of X to chi.
    #[arg(long, value_parser = parse_positive, allow_hyphen_values = true, requires = "chi_mass")]
    chi_coupling: Option<f64>,
    /// Kind of chi: dirac, complex-scalar, majorana.
    #[arg(long, requires = "chi_mass")]
    chi_kind: Option<String>,
    /// An extra invisible width set by hand, in GeV or with a unit.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    invisible_width: Option<f64>,
    /// Start of the decay region in metres (needs --energy).
    #[arg(long, value_parser = parse_distance_m, allow_hyphen_values = true, requires = "energy")]
    z_min: Option<f64>,
    /// End of the decay region in metres, or inf (needs --energy).
    #[arg(long, value_parser = parse_distance_m, allow_hyphen_values = true, requires = "energy")]
    z_max: Option<f64>,
    /// Also print the width and branching ratio of one channel, e.g. "mu mu" (an error if closed).
    #[arg(long)]
    channel: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct ChannelReport {
    channel: &'static str,
    channel_width_gev: f64,
    channel_branching: f64,
}

#[derive(Serialize)]
struct Report {
    model: &'static str,
    spin: &'static str,
    mass_gev: f64,
    coupling: f64,
    width_gev: f64,
    lifetime_s: f64,
    ctau_m: f64,
    invisible_branching: f64,
    energy_gev: Option<f64>,
    decay_length_m: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    z_min_m: Option<f64>,
    /// +∞ is written as `null` in JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    z_max_m: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decay_probability: Option<f64>,
    branching: BTreeMap<&'static str, f64>,
    widths_gev: BTreeMap<&'static str, f64>,
    #[serde(flatten)]
    channel: Option<ChannelReport>,
}

fn mediator(args: &Args) -> muforce::Result<(Preset, Mediator)> {
    let preset = Preset::from_name(&args.model)?;
    let mut x = preset.mediator(args.mass, args.coupling)?;
    if let (Some(mass), Some(coupling)) = (args.chi_mass, args.chi_coupling) {
        let kind = match &args.chi_kind {
            Some(name) => ChiKind::from_name(name)?,
            None => ChiKind::Dirac,
        };
        x = x.with_dark_sector(DarkSector::new(mass, coupling, kind)?)?;
    }
    if let Some(width) = args.invisible_width {
        x = x.with_invisible_width(width)?;
    }
    Ok((preset, x))
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let (preset, x) = mediator(args)?;
    // A requested channel is checked first, so a closed one is reported as such.
    let channel = match &args.channel {
        None => None,
        Some(name) => {
            let c = Channel::from_name(name)?;
            Some((c, partial_width(&x, c)?))
        }
    };
    let table = DecayTable::new(&x)?;
    let decay_length_m = args.energy.map(|e| table.decay_length_m(e)).transpose()?;
    let wants_probability = args.z_min.is_some() || args.z_max.is_some();
    let (z_min, z_max) = (
        args.z_min.unwrap_or(0.0),
        args.z_max.unwrap_or(f64::INFINITY),
    );
    let probability = match decay_length_m {
        Some(length) if wants_probability => Some(decay_probability(length, z_min, z_max)?),
        _ => None,
    };
    let report = Report {
        model: preset.name(),
        spin: x.spin().name(),
        mass_gev: x.mass(),
        coupling: args.coupling,
        width_gev: table.total_width(),
        lifetime_s: table.lifetime_s(),
        ctau_m: table.ctau_m(),
        invisible_branching: table.invisible_branching(),
        energy_gev: args.energy,
        decay_length_m,
        z_min_m: wants_probability.then_some(z_min),
        z_max_m: wants_probability.then_some(z_max),
        decay_probability: probability,
        branching: table
            .branching_ratios()
            .into_iter()
            .map(|(c, b)| (c.name(), b))
            .collect(),
        widths_gev: table
            .partial_widths()
            .iter()
            .map(|&(c, w)| (c.name(), w))
            .collect(),
        channel: channel.map(|(c, w)| ChannelReport {
            channel: c.name(),
            channel_width_gev: w,
            channel_branching: w / table.total_width(),
        }),
    };
    if args.json {
        return print_json(&report);
    }
    print_text(&report, z_max);
    Ok(())
}

fn print_text(r: &Report, z_max: f64) {
    println!(
        "X: {} ({}), m = {:.6e} GeV, g_mu = {:.4e}",
        r.model, r.spin, r.mass_gev, r.coupling
    );
    println!("total width  {:.6e} GeV", r.width_gev);
    println!("lifetime     {:.6e} s", r.lifetime_s);
    println!("c tau        {:.6e} m", r.ctau_m);
    if let (Some(e), Some(l)) = (r.energy_gev, r.decay_length_m) {
        println!("decay length {l:.6e} m at E = {e:.6e} GeV");
    }
    if let (Some(p), Some(z_min)) = (r.decay_probability, r.z_min_m) {
        println!("P(decay in [{z_min} m, {z_max} m]) = {p:.6e}");
    }
    println!("{:<26} {:>14} {:>12}", "channel", "width GeV", "branching");
    for (name, w) in &r.widths_gev {
        println!("{name:<26} {w:>14.6e} {:>12.6e}", r.branching[name]);
    }
    println!("invisible branching {:.6e}", r.invisible_branching);
    if let Some(c) = &r.channel {
        println!(
            "requested {}: width {:.6e} GeV, branching {:.6e}",
            c.channel, c.channel_width_gev, c.channel_branching
        );
    }
}
