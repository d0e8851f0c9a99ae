//! `muforce kaon`: K⁺ → μ⁺νX rate and branching ratio, optionally the NA62 reach of the
//! invisible search (`--search invisible`, the default) or of the visible search X → μ⁺μ⁻
//! (`--search visible`).

use crate::output::print_json;
use crate::quantity::parse_energy;
use muforce::kaon::{
    kaon_rate, DecayVolume, Exposure, InvisibleSearch, KaonModel, VisibleSearch, XInVolume,
    DIMUON_THRESHOLD, L1_CUT_M2, MAX_X_MASS,
};
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
    /// Also compute the projected NA62 reach of the search chosen by --search.
    #[arg(long)]
    reach: bool,
    /// The search of --reach: invisible (m²_miss tail; cut and count and Λ(S) < 4) or visible
    /// (X → μ⁺μ⁻ bump hunt against K⁺ → μ⁺νμ⁺μ⁻; needs 2m_μ < m_X).
    #[arg(long, default_value = "invisible")]
    search: String,
    /// Visible search: half-width of the m_μμ window in units of the mass resolution (> 0).
    #[arg(long, default_value_t = 2.0, allow_hyphen_values = true)]
    window_sigmas: f64,
    /// Visible search: BR(K⁺ → μ⁺νμ⁺μ⁻) of the background (NA62 slides: 7e-8).
    #[arg(long, default_value_t = muforce::kaon::BR_K_3MU_NU, allow_hyphen_values = true)]
    background_br: f64,
    /// Visible search: confidence level of the Poisson limit.
    #[arg(long, default_value_t = 0.95, allow_hyphen_values = true)]
    confidence_level: f64,
    /// Number of K⁺ decays for the reach (default: the 10¹³ projection of the NA62 slides).
    #[arg(long, default_value_t = 1e13, allow_hyphen_values = true)]
    kaons: f64,
    /// Selection acceptance, in (0, 1].
    #[arg(long, default_value_t = 0.35, allow_hyphen_values = true)]
    acceptance: f64,
    /// Trigger fraction (1/prescale), in (0, 1].
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    trigger_fraction: f64,
    /// Relative background systematic κ ≥ 0: in the cut and count S/√(B + κ²B²), and as an
    /// uncorrelated bin-by-bin background uncertainty (at most 1) in the likelihood.
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
struct VisibleReach {
    kaons: f64,
    acceptance: f64,
    trigger_fraction: f64,
    window_gev: [f64; 2],
    sigma_m_gev: f64,
    signal_efficiency: f64,
    background_efficiency: f64,
    background: f64,
    signal_limit: f64,
    dimuon_branching: f64,
    decay_probability_in_fiducial_volume: f64,
    signal_events: f64,
    g_lim_prompt: f64,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    visible: Option<VisibleReach>,
}

/// The visible-search block: counts at the mass, the expected signal at the coupling (with the
/// decay probability in the fiducial volume) and the prompt-decay limit g with S = limit.
fn visible_reach(
    args: &Args,
    model: KaonModel,
    search: &VisibleSearch,
) -> anyhow::Result<VisibleReach> {
    let background = search.background_events()?;
    let c = search.counts(model, args.mass, &background)?;
    let x = XInVolume {
        model,
        m_x: args.mass,
        boosts: &c.boosts,
        volume: &search.volume,
    };
    let p = x.visible_dimuon_probability(args.coupling)?;
    let prompt = c.signal_per_g2 * c.dimuon_branching;
    Ok(VisibleReach {
        kaons: args.kaons,
        acceptance: args.acceptance,
        trigger_fraction: args.trigger_fraction,
        window_gev: [c.window.0, c.window.1],
        sigma_m_gev: c.sigma_m_gev,
        signal_efficiency: c.signal_efficiency,
        background_efficiency: c.background_efficiency,
        background: c.background,
        signal_limit: c.signal_limit,
        dimuon_branching: c.dimuon_branching,
        decay_probability_in_fiducial_volume: p / c.dimuon_branching.max(f64::MIN_POSITIVE),
        signal_events: args.coupling * args.coupling * c.signal_per_g2 * p,
        g_lim_prompt: (c.signal_limit / prompt).sqrt(),
    })
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
    let visible_search = VisibleSearch {
        exposure: search.exposure,
        volume: DecayVolume::default(),
        window_sigmas: args.window_sigmas,
        background_branching_ratio: args.background_br,
        confidence_level: args.confidence_level,
        ..VisibleSearch::default()
    };
    let visible = match args.search.trim() {
        "invisible" => false,
        "visible" => true,
        other => {
            return Err(
                muforce::Error::unknown("--search", other, &["invisible", "visible"]).into(),
            )
        }
    };
    // Check the search settings even when the reach is not asked for: bad input is never ignored.
    if visible {
        visible_search.validate()?;
    } else {
        search.validate()?;
    }
    let rate = kaon_rate(model, args.mass, args.coupling)?;
    if visible && args.mass <= DIMUON_THRESHOLD {
        return Err(muforce::Error::out_of_range(
            "--mass",
            args.mass,
            format!("must exceed 2 m_mu = {DIMUON_THRESHOLD:.6} GeV for the visible search (X -> mu+ mu-)"),
        )
        .into());
    }
    let (reach, visible) = if visible {
        let reach = if args.reach {
            Some(visible_reach(args, model, &visible_search)?)
        } else {
            None
        };
        (None, reach)
    } else {
        (invisible_reach(args, model, &search)?, None)
    };
    let report = Report {
        ratio_to_k_mu_nu: rate.ratio_to_k_mu_nu,
        branching_ratio: rate.branching_ratio,
        ratio_error: rate.ratio_error,
        model: model.name().to_string(),
        mass_gev: rate.mass_gev,
        coupling: rate.coupling,
        reach,
        visible,
    };
    print_report(args, &report)
}

/// The invisible search's window at `--mass` (checked even without `--reach`) and, with
/// `--reach`, its counts and limits.
fn invisible_reach(
    args: &Args,
    model: KaonModel,
    search: &InvisibleSearch,
) -> anyhow::Result<Option<Reach>> {
    let window = search.window(args.mass)?;
    if !args.reach {
        return Ok(None);
    }
    let counts = search.counts(model, args.mass)?;
    Ok(Some(Reach {
        kaons: args.kaons,
        acceptance: args.acceptance,
        trigger_fraction: args.trigger_fraction,
        kappa: args.kappa,
        m2_window_gev2: [window.0, window.1],
        signal_per_g2: counts.signal_per_g2,
        background: counts.background,
        g_lim_cut_and_count: search.cut_and_count_limit(model, args.mass)?,
        g_lim_likelihood: search.likelihood_limit(model, args.mass)?,
    }))
}

fn print_report(args: &Args, report: &Report) -> anyhow::Result<()> {
    if args.json {
        return print_json(report);
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
    if let Some(v) = &report.visible {
        println!(
            "  NA62 visible reach (X -> mu+ mu-): {:e} K+ x acceptance {} x trigger {}",
            v.kaons, v.acceptance, v.trigger_fraction
        );
        println!(
            "    m_mumu window [{:.6}, {:.6}] GeV (sigma_m = {:.3e} GeV): signal efficiency {:.4}, background {:.4e}, signal limit {:.4e}",
            v.window_gev[0], v.window_gev[1], v.sigma_m_gev, v.signal_efficiency, v.background, v.signal_limit
        );
        println!(
            "    BR(X -> mu mu) = {:.6}, P(decay in the fiducial volume) = {:.4e}, signal events at g = {:.4e}",
            v.dimuon_branching, v.decay_probability_in_fiducial_volume, v.signal_events
        );
        println!("    g_lim (prompt X -> mu mu) = {:.4e}", v.g_lim_prompt);
    }
    Ok(())
}
