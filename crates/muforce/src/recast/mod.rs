//! Recasting a limit set in one model to another with muforce's own widths, kaon rates and
//! production yields (docs/constraints.md, "Recasting").
//!
//! A limit g < g_lim at mass m says the searched signal of the file's model at g_lim is the
//! largest allowed. The recast keeps that signal fixed: the new model's excluded couplings are
//! those whose signal exceeds it. What "the signal" is follows from the file's
//! [`Signature`]: the e⁺e⁻ production of one spin times a branching ratio, BR(K⁺ → μ⁺νX) times
//! the unseen fraction, or an experiment's production yield times the unseen fraction. Where
//! the physics does not allow a rescaling (neutrino scattering, cosmology, e⁺e⁻ production of
//! another spin, visible decays in flight) the recast is refused with the reason.

mod landscape;
mod model;
mod strength;
#[cfg(test)]
mod tests;

pub use landscape::limits_for;
pub use model::RecastModel;

use crate::error::{Error, Result};
use crate::experiment::beam_dump::{max_muon_coupling, DepthNode, DumpSetup, DumpYield};
use crate::experiment::{builtin_description, builtin_names, Description};
use crate::kaon::branching_ratio_per_g2;
use crate::model::{Lepton, MAX_COUPLING};
use crate::reach::{signal_interval, Constraint, ReachRow, Signature};
use crate::units::{M_K, M_MU};
use rayon::prelude::*;
use std::fmt::Write;
use strength::{FinalState, Flight, Production, Signal};

/// How the production of X is compared between the two models.
#[derive(Debug, Clone)]
enum Source {
    /// The same production for both (one spin, one radiating lepton).
    Shared,
    /// BR(K⁺ → μ⁺νX) per g² of each model.
    Kaon,
    /// The production nodes of a beam-dump-family experiment with an invisible signal (its
    /// depth nodes found once: the full energy-loss model tabulates ⟨dE/dx⟩).
    Experiment {
        name: String,
        setup: Box<DumpSetup>,
        nodes: Vec<DepthNode>,
    },
}

/// What a recast does: nothing (same model) or keep the signal fixed.
#[derive(Debug, Clone)]
enum Plan {
    Identity,
    Solve {
        final_state: FinalState,
        from_tau: bool,
        source: Source,
    },
}

/// Recasts `constraint` (read from `file`, named in errors) to the model `to` (a preset or a
/// spin). The result is a constraint file whose `# label:` says it is a recast and whose
/// `# recast:` line records the rule; every other header line is kept.
///
/// Errors name the file and the field: no `# signature:`, a recast the physics does not allow,
/// an experiment the header does not name or that cannot give the production, a row with an
/// upper edge (islands are not rescaled).
pub fn recast(constraint: &Constraint, file: &str, to: &str) -> Result<Constraint> {
    let refuse = |field: &str, message: String| Error::Parse {
        source_name: file.to_string(),
        message: format!("{field}: {message}"),
    };
    let signature = constraint.signature.ok_or_else(|| {
        refuse(
            "signature",
            format!(
                "no '# signature: …' line; recasting needs to know how the limit was obtained \
                 (known: {})",
                Signature::ALL.map(Signature::name).join(", ")
            ),
        )
    })?;
    let to_model = RecastModel::from_name(to)?;
    let mut plans = Vec::new();
    for name in constraint.models() {
        let from = RecastModel::from_name(name)?;
        let plan = plan(signature, from, to_model, constraint).map_err(|(field, why)| {
            refuse(&field, format!("cannot recast {name} to {to}: {why}"))
        })?;
        plans.push((from, plan));
    }
    // Rows at the new model's thresholds only where something is rescaled.
    let source_rows = if plans.iter().all(|(_, p)| matches!(p, Plan::Identity)) {
        constraint.table.rows.clone()
    } else {
        with_threshold_rows(&constraint.table.rows, to_model)
    };
    let recast_rows = source_rows
        .par_iter()
        .map(|row| -> Result<(ReachRow, bool)> {
            let (from, plan) = plans
                .iter()
                .find(|(m, _)| m.name().eq_ignore_ascii_case(row.model.trim()))
                .ok_or_else(|| refuse("model", format!("'{}' has no recast plan", row.model)))?;
            let mut empty = false;
            let (coupling_low, coupling_high) = match plan {
                Plan::Identity => (row.coupling_low, row.coupling_high),
                Plan::Solve { .. } => {
                    if row.coupling_high.is_some() {
                        return Err(refuse(
                            "coupling_high",
                            format!(
                                "the row at m = {} GeV excludes an island (an upper edge); only \
                                 upper limits on the coupling are recast",
                                row.mass_gev
                            ),
                        ));
                    }
                    match row.coupling_low {
                        None => (None, None),
                        Some(g) => {
                            let edges = solve(plan, *from, to_model, constraint, row.mass_gev, g)?;
                            empty = edges.is_none();
                            edges.unwrap_or((None, None))
                        }
                    }
                }
            };
            let recast = ReachRow {
                model: to_model.name().to_string(),
                coupling_low,
                coupling_high,
                ..row.clone()
            };
            Ok((recast, empty))
        })
        .collect::<Result<Vec<_>>>()?;
    let without_signal = recast_rows.iter().filter(|(_, empty)| *empty).count();
    let rows: Vec<ReachRow> = recast_rows.into_iter().map(|(r, _)| r).collect();
    let rule = plans
        .iter()
        .map(|(from, p)| format!("{} -> {}: {}", from.name(), to_model.name(), describe(p)))
        .collect::<Vec<_>>()
        .join("; ");
    let mut recast_line = format!(
        "recast: by muforce {} from {file}; {rule}",
        env!("CARGO_PKG_VERSION")
    );
    let added = source_rows.len() - constraint.table.rows.len();
    if added > 0 {
        let _ = write!(
            recast_line,
            "; {added} rows added just below and above the thresholds 2 m_l of {} (log-log \
             interpolation of the original limit)",
            to_model.name()
        );
    }
    if without_signal > 0 {
        let _ = write!(
            recast_line,
            "; {without_signal} masses left empty (no signal in one of the models there)"
        );
    }
    let label = format!(
        "{} (recast to {})",
        constraint.display_label(),
        to_model.name()
    );
    let mut provenance: Vec<String> = constraint
        .table
        .provenance
        .iter()
        .filter(|l| !l.starts_with("label:"))
        .cloned()
        .collect();
    provenance.insert(0, format!("label: {label}"));
    provenance.push(recast_line);
    let mut table = constraint.table.clone();
    table.provenance = provenance;
    table.rows = rows;
    Constraint::parse(file, &table.to_csv())
}

/// The recast of `from` to `to` under `signature`, or (field, why not).
fn plan(
    signature: Signature,
    from: RecastModel,
    to: RecastModel,
    constraint: &Constraint,
) -> std::result::Result<Plan, (String, String)> {
    if from == to {
        return Ok(Plan::Identity);
    }
    let no = |field: &str, why: String| Err((field.to_string(), why));
    let same_spin = from.spin() == to.spin();
    let presets = matches!((from, to), (RecastModel::Preset(_), RecastModel::Preset(_)));
    match signature {
        Signature::VisibleMuMu | Signature::VisibleLeptonsFromTau => {
            if !presets {
                return no(
                    "model",
                    "a visible search needs the decays of both models; name presets".into(),
                );
            }
            if !same_spin {
                return no(
                    "signature",
                    format!(
                        "the e+e- production of a {} differs from that of a {} and muforce does \
                         not compute e+e- production",
                        to.spin(),
                        from.spin()
                    ),
                );
            }
            let from_tau = signature == Signature::VisibleLeptonsFromTau;
            if let (true, RecastModel::Preset(p)) = (from_tau, to) {
                if p.couplings(1.0).tau == 0.0 {
                    return no(
                        "signature",
                        format!(
                            "{p} has no tau coupling, so e+e- -> tau+ tau- X does not produce it"
                        ),
                    );
                }
            }
            let final_state = if from_tau {
                FinalState::LightLeptons
            } else {
                FinalState::MuMu
            };
            Ok(Plan::Solve {
                final_state,
                from_tau,
                source: Source::Shared,
            })
        }
        Signature::Invisible => {
            let source = match &constraint.experiment {
                Some(name) => experiment_source(name).map_err(|why| ("experiment".into(), why))?,
                None if same_spin => Source::Shared,
                None => {
                    return no(
                        "experiment",
                        format!(
                            "a {} and a {} are produced differently; the recast needs the \
                             production of the experiment that set the limit, and the header \
                             names none ('# experiment: NAME')",
                            from.spin(),
                            to.spin()
                        ),
                    )
                }
            };
            if let Source::Experiment { .. } = source {
                for m in [from, to] {
                    if m.production_preset().is_none() {
                        return no("model", format!("no production of a bare {}", m.spin()));
                    }
                }
            }
            Ok(Plan::Solve {
                final_state: FinalState::Unseen,
                from_tau: false,
                source,
            })
        }
        Signature::KaonBr => {
            for m in [from, to] {
                if m.kaon_model().is_none() {
                    return no(
                        "model",
                        format!(
                            "K+ -> mu+ nu X rates need a preset (muon-scalar, mass-scalar, \
                             lmu-ltau, muon-vector), not the bare spin {}",
                            m.name()
                        ),
                    );
                }
            }
            Ok(Plan::Solve {
                final_state: FinalState::Unseen,
                from_tau: false,
                source: Source::Kaon,
            })
        }
        Signature::NeutrinoScattering => no(
            "signature",
            format!(
                "a neutrino-scattering bound rests on the couplings of X to neutrinos and \
                 electrons, which {} does not share with {}; muforce does not compute neutrino \
                 scattering",
                to.name(),
                from.name()
            ),
        ),
        Signature::Cosmology => no(
            "signature",
            "a cosmological bound depends on the decays of X into neutrinos and on the thermal \
             history, which a rescaling does not capture"
                .into(),
        ),
        Signature::BeamDump => no(
            "signature",
            "a beam-dump limit depends on the decay length of X as well as on its production; \
             run `muforce reach` with the model in analysis.models instead"
                .into(),
        ),
    }
}

/// The rows of a curve with rows added on both sides of every threshold 2m_ℓ of the new
/// model's decays that falls between two limited rows (log–log interpolation of the original
/// limit): a limit that holds on both sides of the threshold in one model may hold on one side
/// only in the other, and two rows far apart would otherwise hide where it ends.
fn with_threshold_rows(rows: &[ReachRow], to: RecastModel) -> Vec<ReachRow> {
    if matches!(to, RecastModel::Spin(_)) {
        return rows.to_vec();
    }
    let thresholds = [Lepton::Electron, Lepton::Muon, Lepton::Tau].map(|l| 2.0 * l.mass());
    let mut out = Vec::with_capacity(rows.len() + 6);
    for (i, row) in rows.iter().enumerate() {
        out.push(row.clone());
        let Some(next) = rows.get(i + 1) else {
            continue;
        };
        let same_curve = next.experiment == row.experiment
            && next.model == row.model
            && next.scenario == row.scenario;
        let (Some(g0), Some(g1), None, None) = (
            row.coupling_low,
            next.coupling_low,
            row.coupling_high,
            next.coupling_high,
        ) else {
            continue;
        };
        for t in thresholds {
            let (below, above) = (t * (1.0 - 1e-5), t * (1.0 + 1e-5));
            if !same_curve || below <= row.mass_gev || above >= next.mass_gev {
                continue;
            }
            let interpolate = |m: f64| {
                let s = (m / row.mass_gev).ln() / (next.mass_gev / row.mass_gev).ln();
                (g0.ln() + s * (g1 / g0).ln()).exp()
            };
            for m in [below, above] {
                out.push(ReachRow {
                    mass_gev: m,
                    coupling_low: Some(interpolate(m)),
                    coupling_high: None,
                    ..row.clone()
                });
            }
        }
    }
    out
}

/// The production nodes of a beam-dump-family experiment with an invisible signal, or why not.
fn experiment_source(name: &str) -> std::result::Result<Source, String> {
    let path = std::path::Path::new(name);
    let description = if builtin_names().contains(&name.trim().to_ascii_lowercase().as_str()) {
        builtin_description(name)
    } else {
        Description::from_file(path)
    }
    .map_err(|e| format!("'{name}' cannot be loaded: {e}"))?;
    match description {
        Description::BeamDump(dump) if dump.setup.invisible => Ok(Source::Experiment {
            name: dump.name.clone(),
            nodes: dump
                .setup
                .depth_nodes()
                .map_err(|e| format!("the depth nodes of '{name}': {e}"))?,
            setup: Box::new(dump.setup),
        }),
        _ => Err(format!(
            "'{name}' is not a beam-dump-family experiment with an invisible signal (such as \
             na64mu or m3), whose production yields the recast uses"
        )),
    }
}

/// The recast edges at one mass: (g_low, g_high) of the new model, or None where one of the
/// models has no signal there.
fn solve(
    plan: &Plan,
    from: RecastModel,
    to: RecastModel,
    constraint: &Constraint,
    mass_gev: f64,
    g_limit: f64,
) -> Result<Option<(Option<f64>, Option<f64>)>> {
    let Plan::Solve {
        final_state,
        from_tau,
        source,
    } = plan
    else {
        return Ok(Some((Some(g_limit), None)));
    };
    let flight = constraint.escape_length_m.map(|length_m| Flight {
        length_m,
        energy_gev: constraint.x_energy_gev,
    });
    let signal = |model: RecastModel| -> Result<Option<Signal>> {
        let production = match source {
            Source::Shared => Production::PerG2(1.0),
            Source::Kaon => {
                if mass_gev >= M_K - M_MU {
                    return Ok(None);
                }
                let kaon = model.kaon_model().ok_or_else(|| {
                    Error::out_of_range("model", model.name(), "needs a kaon model")
                })?;
                Production::PerG2(branching_ratio_per_g2(kaon, mass_gev)?)
            }
            Source::Experiment { setup, nodes, .. } => {
                let preset = model.production_preset().ok_or_else(|| {
                    Error::out_of_range("model", model.name(), "needs a production preset")
                })?;
                Production::Nodes(DumpYield::with_nodes(setup, nodes, preset, mass_gev)?)
            }
        };
        Ok(Some(Signal {
            model,
            mass_gev,
            production,
            final_state: *final_state,
            from_tau: *from_tau,
            flight,
        }))
    };
    let (Some(old), Some(new)) = (signal(from)?, signal(to)?) else {
        return Ok(None);
    };
    let target = old.at(g_limit)?;
    if !(target > 0.0 && target.is_finite()) {
        return Ok(None);
    }
    let g_min = g_limit * 1e-4;
    if new.at(g_min)? > target {
        return Err(Error::out_of_range(
            "recast coupling",
            format!("below {g_min:e} at m = {mass_gev} GeV"),
            "lies more than four decades below the original limit; check the models",
        ));
    }
    let g_max = to
        .production_preset()
        .map_or(MAX_COUPLING, max_muon_coupling)
        * (1.0 - 1e-9);
    if g_min >= g_max {
        return Ok(None);
    }
    let interval = signal_interval(|g| new.at(g), target.ln(), g_min, g_max, 20)?;
    Ok(interval.map(|i| (Some(i.coupling_low), i.coupling_high)))
}

/// The rule of a plan, for the `# recast:` line.
fn describe(plan: &Plan) -> String {
    let Plan::Solve {
        final_state,
        from_tau,
        source,
    } = plan
    else {
        return "same model, rows unchanged".into();
    };
    let fraction = match final_state {
        FinalState::MuMu => "BR(X -> mu mu)",
        FinalState::LightLeptons => "BR(X -> e e) + BR(X -> mu mu)",
        FinalState::Unseen => "the unseen fraction BR_inv + (1 - BR_inv) exp(-L/l_decay)",
    };
    let production = match source {
        Source::Shared if *from_tau => "same e+e- -> tau tau X production per g_tau^2".to_string(),
        Source::Shared => "same production per g_mu^2 (one spin)".to_string(),
        Source::Kaon => "BR(K+ -> mu+ nu X)/g^2 of each model (muforce kaon rates)".to_string(),
        Source::Experiment { name, setup, .. } => format!(
            "production yield of experiment {name} ({} cross section) for each model",
            setup.method.name()
        ),
    };
    format!("signal = {production} x {fraction} from muforce widths, kept fixed")
}
