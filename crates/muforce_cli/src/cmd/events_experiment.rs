//! `muforce events --experiment NAME` (no `--target`): the signal events of an experiment,
//! weighted so that they sum to the expected signal at `--coupling` (docs/events.md).

use super::events::Args;
use muforce::events::experiment::{kaon_signal, ExperimentSignal, SignalRequest};
use muforce::experiment::Description;
use muforce::io::event_file::write_event_file;
use muforce::io::kaon_event_file::write_kaon_event_file;
use muforce::kaon::KaonExperiment;
use muforce::model::{Preset, Spin};
use muforce::production::Method;
use std::time::Instant;

pub fn run(args: &Args, experiment: &str) -> anyhow::Result<()> {
    let description = super::experiment_arg::load_description(experiment, None)?;
    let request = SignalRequest {
        spin: args.spin.as_deref().map(Spin::from_name).transpose()?,
        preset: args.model.as_deref().map(Preset::from_name).transpose()?,
        mass_gev: args.mass,
        coupling: args.coupling,
        scenario: args.scenario.clone(),
        sample: args.sample.clone(),
        method: args.method.as_deref().map(Method::from_name).transpose()?,
        nodes: args.nodes,
        momentum_nodes: args.momentum_nodes,
    };
    if let Description::Kaon(kaon) = &description {
        return kaon_events(args, kaon, &request);
    }
    let start = Instant::now();
    let signal = ExperimentSignal::new(&description, &request)?;
    let built = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let events = signal.generate(args.events, args.seed)?;
    let generated = start.elapsed().as_secs_f64();
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let record = signal.lhe_run(&events, args.seed, vec![("command".into(), command)]);
    write_event_file(&args.out, &record, &events)?;
    let sum: f64 = events.iter().map(|e| e.weight).sum();
    println!(
        "{} events of {}, summed weights {sum:.4e}, expected events {:.4e}; tables {built:.2} s, events {generated:.2} s; wrote {}",
        events.len(),
        signal.label(),
        signal.expected_events(),
        args.out.display()
    );
    Ok(())
}

fn kaon_events(
    args: &Args,
    experiment: &KaonExperiment,
    request: &SignalRequest,
) -> anyhow::Result<()> {
    let start = Instant::now();
    let signal = kaon_signal(experiment, request)?;
    let built = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let events = signal.generate(args.events, args.seed)?;
    let generated = start.elapsed().as_secs_f64();
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let mut header = vec![("command".to_string(), command)];
    header.extend(signal.header(&events));
    write_kaon_event_file(&args.out, &signal.file_run(), &header, &events)?;
    let sum: f64 = events.iter().map(|e| e.weight).sum();
    println!(
        "{} events of {} ({}), summed weights {sum:.4e}, expected events {:.4e}; set-up {built:.2} s, events {generated:.2} s; wrote {}",
        events.len(),
        signal.experiment,
        signal.scenario,
        signal.expected_events,
        args.out.display()
    );
    Ok(())
}
