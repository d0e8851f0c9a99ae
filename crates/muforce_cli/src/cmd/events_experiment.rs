//! `muforce events --experiment NAME` (no `--target`): the signal events of an experiment,
//! weighted so that they sum to the expected signal at `--coupling` (docs/events.md).

use super::events::Args;
use muforce::events::dump::DumpEvents;
use muforce::events::sample::SampleEvents;
use muforce::events::{SpectrumSettings, TableSettings};
use muforce::experiment::beam_dump::BeamDump;
use muforce::experiment::{Description, Experiment};
use muforce::io::event_file::write_event_file;
use muforce::model::{Preset, Spin};
use muforce::production::Method;
use std::time::Instant;

/// Momentum nodes of an experiment's tables: σ linear in p between 64 log-spaced nodes is
/// within 3e-4 of σ at every spectrum bin (ATLAS Z sample, events/sample_tests.rs).
const EXPERIMENT_MOMENTUM_NODES: usize = 64;

pub fn run(args: &Args, experiment: &str) -> anyhow::Result<()> {
    match super::experiment_arg::load_description(experiment, None)? {
        Description::BeamDump(dump) => beam_dump(args, &dump),
        Description::MissingMomentum(e) => missing_momentum(args, &e),
        Description::Kaon(k) => Err(muforce::Error::out_of_range(
            "experiment",
            &k.name,
            "is a kaon experiment: K+ -> mu+ nu X events are not generated yet (its rate and \
             reach are in `muforce kaon`)",
        )
        .into()),
    }
}

/// The preset a decaying-X signal needs; `--spin` alone (a stable X) is refused.
fn preset(args: &Args, experiment: &str) -> anyhow::Result<Preset> {
    match &args.model {
        Some(name) => Ok(Preset::from_name(name)?),
        None => Err(muforce::Error::out_of_range(
            "--model",
            "none",
            format!(
                "experiment {experiment} counts X by its decays: give a model preset ({})",
                Preset::ALL.map(Preset::name).join(", ")
            ),
        )
        .into()),
    }
}

/// The index of `--scenario` among `names` (default the first).
fn scenario_index<'a>(
    args: &Args,
    names: impl Iterator<Item = &'a str> + Clone,
) -> anyhow::Result<usize> {
    let Some(name) = &args.scenario else {
        return Ok(0);
    };
    names
        .clone()
        .position(|s| s.eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            let names: Vec<&str> = names.collect();
            muforce::Error::unknown("scenario", name, &names).into()
        })
}

fn beam_dump(args: &Args, dump: &BeamDump) -> anyhow::Result<()> {
    let preset = preset(args, &dump.name)?;
    let method = args.method.as_deref().map(Method::from_name).transpose()?;
    let settings = SpectrumSettings {
        table: TableSettings {
            x_nodes: args.nodes,
            theta_nodes: args.nodes,
            ..TableSettings::default()
        },
        momentum_nodes: args.momentum_nodes.unwrap_or(EXPERIMENT_MOMENTUM_NODES),
    };
    let start = Instant::now();
    let run = DumpEvents::new(
        dump,
        scenario_index(args, dump.scenarios.iter().map(|s| s.name.as_str()))?,
        preset,
        args.mass,
        args.coupling,
        method,
        &settings,
    )?;
    let built = start.elapsed().as_secs_f64();
    if run.expected_events <= 0.0 || run.expected_events.is_nan() {
        return Err(muforce::Error::out_of_range(
            "coupling",
            args.coupling,
            format!(
                "experiment {}: {} at m_X = {} GeV expects {:e} signal events at this coupling \
                 (no X decays where the experiment looks); nothing written",
                dump.name,
                preset.name(),
                args.mass,
                run.expected_events
            ),
        )
        .into());
    }
    let start = Instant::now();
    let events = run.generate(args.events, args.seed)?;
    let generated = start.elapsed().as_secs_f64();
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let record = run.lhe_run(&events, args.seed, vec![("command".into(), command)]);
    write_event_file(&args.out, &record, &events)?;
    let sum: f64 = events.iter().map(|e| e.weight).sum();
    println!(
        "{} events of {} ({}), summed weights {sum:.4e} vs expected {:.4e}; tables {built:.2} s, events {generated:.2} s; wrote {}",
        events.len(),
        dump.name,
        run.scenario,
        run.expected_events,
        args.out.display()
    );
    Ok(())
}

fn missing_momentum(args: &Args, experiment: &Experiment) -> anyhow::Result<()> {
    let preset = args.model.as_deref().map(Preset::from_name).transpose()?;
    let spin = match (&args.spin, preset) {
        (_, Some(p)) => p.spin(),
        (Some(name), None) => Spin::from_name(name)?,
        (None, None) => anyhow::bail!("give --spin (a stable X) or --model (an X that decays)"),
    };
    let method = args.method.as_deref().map(Method::from_name).transpose()?;
    let settings = SpectrumSettings {
        table: TableSettings {
            x_nodes: args.nodes,
            theta_nodes: args.nodes,
            ..TableSettings::default()
        },
        momentum_nodes: args.momentum_nodes.unwrap_or(EXPERIMENT_MOMENTUM_NODES),
    };
    let start = Instant::now();
    let run = SampleEvents::new(
        experiment,
        scenario_index(args, experiment.scenarios.iter().map(|s| s.name.as_str()))?,
        args.sample.as_deref(),
        (spin, preset),
        args.mass,
        args.coupling,
        method,
        &settings,
    )?;
    let built = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let events = run.generate(args.events, args.seed)?;
    let generated = start.elapsed().as_secs_f64();
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let record = run.lhe_run(&events, args.seed, vec![("command".into(), command)]);
    write_event_file(&args.out, &record, &events)?;
    let sum: f64 = events.iter().map(|e| e.weight).sum();
    println!(
        "{} events of {} ({}, sample {}), summed weights {sum:.4e} vs the reach's {:.4e} in the rho window; tables {built:.2} s, events {generated:.2} s; wrote {}",
        events.len(),
        experiment.name,
        run.scenario,
        run.sample,
        run.expected_events,
        args.out.display()
    );
    Ok(())
}
