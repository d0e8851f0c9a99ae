//! `muforce kaon`: K⁺ → μ⁺νX rate and branching ratio, optionally the NA62 invisible-search reach.

use crate::output::print_json;
use crate::quantity::parse_energy;
use muforce::kaon::{kaon_rate, Exposure, InvisibleSearch, KaonModel, L1_CUT_M2, MAX_X_MASS};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Mediator model: muon-scalar, lmu-ltau or muon-vector.
    #[arg(long)]
    model: String,
    /// X mass, with an optional unit (0.05, 50MeV); 0 < m_X < m_K − m_μ.
    #[arg(long, value_parser = parse_energy, allow_hyphen_values = true)]
    mass: f64,
    /// Coupling g (0 < g ≤ 4π).
    #[arg(long, allow_hyphen_values = true)]
    coupling: f64,
    /// Also compute the projected NA62 invisible-search reach g_lim (cut and count and Λ(S) < 4).
    #[arg(long)]
    reach: bool,
    /// Number of K⁺ decays for the reach (default: the 10¹³ projection of the NA62 slides).
    #[arg(long, default_value_t = 1e13, allow_hyphen_values = true)]
    kaons: f64,
    /// Selection acceptance, in (0, 1].
    #[arg(long, default_value_t = 0.35, allow_hyphen_values = true)]
    acceptance: f64,
    /// Trigger fraction (1/prescale), in (0, 1].
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    trigger_fraction: f64,
    /// Relative background systematic κ ≥ 0 of the cut and count.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    kappa: f64,
    /// Lower edge of the m²_miss window in GeV² (default: the L1 cut 2.3e-2).
    #[arg(long, default_value_t = L1_CUT_M2, allow_hyphen_values = true)]
    m2_lower: f64,
    /// Upper edge of the m²_miss window in GeV² (default: (m_K − m_μ)²).
    #[arg(long, allow_hyphen_values = true)]
    m2_upper: Option<f64>,
    /// Number of m²_miss bins of the likelihood.
    #[arg(long, default_value_t = 20, value_parser = crate::number::parse_whole::<usize>, allow_hyphen_values = true)]
    bins: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Reach {
    kaons: f64,
    acceptance: f64,
    trigger_fraction: f64,
    kappa: f64,
    m2_window_gev2: [f64; 2],
    signal_per_g2: f64,
    background: f64,
    g_lim_cut_and_count: f64,
    g_lim_likelihood: f64,
}

#[derive(Serialize)]
struct Report {
    ratio_to_k_mu_nu: f64,
    branching_ratio: f64,
    ratio_error: f64,
    model: String,
    mass_gev: f64,
    coupling: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    reach: Option<Reach>,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let model = KaonModel::parse(&args.model)?;
    let search = InvisibleSearch {
        exposure: Exposure {
            kaons: args.kaons,
            acceptance: args.acceptance,
            trigger_fraction: args.trigger_fraction,
        },
        m2_lower: args.m2_lower,
        m2_upper: args.m2_upper.unwrap_or(MAX_X_MASS * MAX_X_MASS),
        kappa: args.kappa,
        bins: args.bins,
        ..InvisibleSearch::default()
    };
    // Check the search settings even when the reach is not asked for: bad input is never ignored.
    search.validate()?;
    let rate = kaon_rate(model, args.mass, args.coupling)?;
    let window = search.window(args.mass)?;
    let reach = if args.reach {
        let counts = search.counts(model, args.mass)?;
        Some(Reach {
            kaons: args.kaons,
            acceptance: args.acceptance,
            trigger_fraction: args.trigger_fraction,
            kappa: args.kappa,
            m2_window_gev2: [window.0, window.1],
            signal_per_g2: counts.signal_per_g2,
            background: counts.background,
            g_lim_cut_and_count: search.cut_and_count_limit(model, args.mass)?,
            g_lim_likelihood: search.likelihood_limit(model, args.mass)?,
        })
    } else {
        None
    };
    let report = Report {
        ratio_to_k_mu_nu: rate.ratio_to_k_mu_nu,
        branching_ratio: rate.branching_ratio,
        ratio_error: rate.ratio_error,
        model: model.name().to_string(),
        mass_gev: rate.mass_gev,
        coupling: rate.coupling,
        reach,
    };
    if args.json {
        return print_json(&report);
    }
    println!(
        "K+ -> mu+ nu X, model {}, m_X = {} GeV, g = {:e}",
        report.model, report.mass_gev, report.coupling
    );
    println!(
        "  Gamma(K -> mu nu X)/Gamma(K -> mu nu) = {:.6e} +- {:.1e}",
        report.ratio_to_k_mu_nu, report.ratio_error
    );
    println!(
        "  BR(K -> mu nu X)                      = {:.6e}",
        report.branching_ratio
    );
    if let Some(r) = &report.reach {
        println!(
            "  NA62 invisible reach: {:e} K+ x acceptance {} x trigger {}, kappa = {}",
            r.kaons, r.acceptance, r.trigger_fraction, r.kappa
        );
        println!(
            "    m_miss^2 window [{:.4e}, {:.4e}] GeV^2: signal/g^2 = {:.4e}, background = {:.4e}",
            r.m2_window_gev2[0], r.m2_window_gev2[1], r.signal_per_g2, r.background
        );
        println!(
            "    g_lim (cut and count, S/sqrt(B + kappa^2 B^2) = 2) = {:.4e}",
            r.g_lim_cut_and_count
        );
        println!(
            "    g_lim (binned likelihood, Lambda(S) < 4)           = {:.4e}",
            r.g_lim_likelihood
        );
    }
    Ok(())
}
