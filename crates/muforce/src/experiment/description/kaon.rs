//! Experiment files of family `kaon` (experiments/na62.toml documents every field): K⁺ → μ⁺νX
//! at a kaon decay-in-flight experiment, validated into [`KaonExperiment`]. Errors name the file,
//! line and field.

use super::common::{default_g2_band, parse, AnalysisSection};
use super::schema::ExperimentSection;
use crate::error::Result;
use crate::kaon::{
    BackgroundModel, DecayVolume, Exposure, InvisibleSearch, InvisibleStatistic, KaonExperiment,
    KaonModel, KaonScenario, KaonSearch, MissingMassResolution, MomentumResolution,
    ObservedHistogram, PhotonVeto, VisibleSearch, MAX_X_MASS,
};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    experiment: ExperimentSection,
    beam: BeamSection,
    geometry: GeometrySection,
    detector: DetectorSection,
    invisible: InvisibleSection,
    visible: VisibleSection,
    analysis: AnalysisSection,
    #[serde(default)]
    figures: Option<FiguresSection>,
    scenario: Vec<ScenarioSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BeamSection {
    kaon_momentum_gev: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(clippy::struct_field_names)] // the names are the file's keys
struct GeometrySection {
    fiducial_start_m: Spanned<f64>,
    fiducial_end_m: Spanned<f64>,
    detector_end_m: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DetectorSection {
    momentum_resolution_constant: Spanned<f64>,
    momentum_resolution_per_gev: Spanned<f64>,
    muon_momentum_gev: Spanned<f64>,
    photon_veto_floor: Spanned<f64>,
    photon_veto_soft_scale_gev: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InvisibleSection {
    m2_lower_gev2: Spanned<f64>,
    gtk_factor: Spanned<f64>,
    bins: Spanned<i64>,
    significance: Spanned<f64>,
    boost_events: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VisibleSection {
    background_branching_ratio: Spanned<f64>,
    window_sigmas: Spanned<f64>,
    events: Spanned<i64>,
    seed: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FiguresSection {
    g2_era: Spanned<String>,
    g2_sigma: Spanned<f64>,
    missing_mass_masses_gev: Spanned<Vec<f64>>,
    missing_mass_coupling: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioSection {
    name: Spanned<String>,
    search: Spanned<String>,
    kaons: Spanned<f64>,
    acceptance: Spanned<f64>,
    trigger_fraction: Spanned<f64>,
    #[serde(default)]
    statistic: Option<Spanned<String>>,
    #[serde(default)]
    kappa: Option<Spanned<f64>>,
    #[serde(default)]
    observed_histogram: Option<Spanned<String>>,
}

/// Parses and validates a `kaon` experiment file.
pub(super) fn kaon(
    source_name: &str,
    text: &str,
    read: &super::DataReader<'_>,
) -> Result<KaonExperiment> {
    let (file, c) = parse::<File>(source_name, text)?;
    let name = c.experiment_name(&file.experiment.name)?;
    let kaon_momentum_gev = c.within(
        &file.beam.kaon_momentum_gev,
        "beam.kaon_momentum_gev",
        1.0,
        1e4,
    )?;
    let g = &file.geometry;
    let volume = DecayVolume {
        kaon_momentum_gev,
        fiducial_start_m: c.within(&g.fiducial_start_m, "geometry.fiducial_start_m", 0.0, 1e5)?,
        fiducial_end_m: c.within(&g.fiducial_end_m, "geometry.fiducial_end_m", 0.0, 1e5)?,
        detector_end_m: c.within(&g.detector_end_m, "geometry.detector_end_m", 0.0, 1e5)?,
    };
    c.wrap(&g.fiducial_end_m, "geometry", volume.validate())?;
    let d = &file.detector;
    let momentum = MomentumResolution {
        constant: c.within(
            &d.momentum_resolution_constant,
            "detector.momentum_resolution_constant",
            0.0,
            1.0,
        )?,
        per_gev: c.within(
            &d.momentum_resolution_per_gev,
            "detector.momentum_resolution_per_gev",
            0.0,
            1.0,
        )?,
    };
    if momentum.constant == 0.0 && momentum.per_gev == 0.0 {
        return Err(c.at.error(
            d.momentum_resolution_constant.span(),
            "detector.momentum_resolution_constant",
            "the constant and the slope cannot both be 0 (the mass windows would be empty)",
        ));
    }
    let muon_momentum_gev = c.within(
        &d.muon_momentum_gev,
        "detector.muon_momentum_gev",
        0.1,
        kaon_momentum_gev,
    )?;
    let veto = PhotonVeto {
        floor: c.within(&d.photon_veto_floor, "detector.photon_veto_floor", 0.0, 1.0)?,
        soft_scale_gev: c.within(
            &d.photon_veto_soft_scale_gev,
            "detector.photon_veto_soft_scale_gev",
            0.0,
            0.25,
        )?,
    };
    let i = &file.invisible;
    let m2_top = MAX_X_MASS * MAX_X_MASS;
    let m2_lower = c.within(&i.m2_lower_gev2, "invisible.m2_lower_gev2", -1.0, 1.0)?;
    if m2_lower >= m2_top {
        return Err(c.at.error(
            i.m2_lower_gev2.span(),
            "invisible.m2_lower_gev2",
            format!("{m2_lower} leaves an empty cut window: it must be below (m_K - m_mu)^2 = {m2_top:.6} GeV^2"),
        ));
    }
    let gtk_factor = c.within(&i.gtk_factor, "invisible.gtk_factor", 0.0, 1.0)?;
    let bins = c.integer(&i.bins, "invisible.bins", 1, 10_000)?;
    let significance = c.within(&i.significance, "invisible.significance", 0.1, 10.0)?;
    let boost_events = c.integer(&i.boost_events, "invisible.boost_events", 100, 10_000_000)?;
    let v = &file.visible;
    let background_branching_ratio = c.within(
        &v.background_branching_ratio,
        "visible.background_branching_ratio",
        0.0,
        1.0,
    )?;
    let window_sigmas = *v.window_sigmas.get_ref();
    if !(window_sigmas.is_finite() && window_sigmas > 0.0 && window_sigmas <= 10.0) {
        return Err(c.at.error(
            v.window_sigmas.span(),
            "visible.window_sigmas",
            format!("{window_sigmas} must lie in (0, 10]: a zero or negative half-width is an empty cut window"),
        ));
    }
    let events = c.integer(&v.events, "visible.events", 100, 10_000_000)?;
    let seed = u64::try_from(*v.seed.get_ref())
        .map_err(|_| c.at.error(v.seed.span(), "visible.seed", "must be >= 0"))?;
    let a = &file.analysis;
    let confidence_level = c.confidence_level(&a.confidence_level)?;
    let models = c.models(&a.models, |m| {
        c.wrap(&a.models, "analysis.models", KaonModel::parse(m))
    })?;
    let m0 = c.within(&a.mass_min_gev, "analysis.mass_min_gev", 1e-6, MAX_X_MASS)?;
    let m1 = *a.mass_max_gev.get_ref();
    if !(m1.is_finite() && m1 > m0 && m1 < MAX_X_MASS) {
        return Err(c.at.error(
            a.mass_max_gev.span(),
            "analysis.mass_max_gev",
            format!("{m1} must lie above mass_min_gev = {m0} and below m_K - m_mu = {MAX_X_MASS:.9} GeV"),
        ));
    }
    let masses_gev = c.mass_grid(&a.masses_per_decade, m0, m1)?;
    let (g0, g1) =
        c.coupling_range(&a.coupling_min, &a.coupling_max, crate::model::MAX_COUPLING)?;
    let couplings_per_decade = c.couplings_per_decade(&a.couplings_per_decade)?;
    let (g2_era, g2_sigma, figure_masses_gev, figure_coupling) = if let Some(f) = &file.figures {
        let masses = f.missing_mass_masses_gev.get_ref().clone();
        for &m in &masses {
            c.wrap(
                &f.missing_mass_masses_gev,
                "figures.missing_mass_masses_gev",
                crate::kaon::check_x_mass("missing-mass figure mass", m),
            )?;
        }
        let (era, sigma) = c.g2_band(&f.g2_era, &f.g2_sigma)?;
        (
            era,
            sigma,
            masses,
            c.within(
                &f.missing_mass_coupling,
                "figures.missing_mass_coupling",
                1e-12,
                crate::model::MAX_COUPLING,
            )?,
        )
    } else {
        let (era, sigma) = default_g2_band()?;
        (era, sigma, vec![0.1, 0.2, 0.3], 1e-3)
    };
    let mut scenarios: Vec<KaonScenario> = Vec::new();
    for s in &file.scenario {
        let sname = c.scenario_name(&s.name, scenarios.iter().map(|o| o.name.as_str()))?;
        let exposure = Exposure {
            kaons: c.within(&s.kaons, "scenario.kaons", 1.0, 1e20)?,
            acceptance: c.within(&s.acceptance, "scenario.acceptance", 1e-9, 1.0)?,
            trigger_fraction: c.within(
                &s.trigger_fraction,
                "scenario.trigger_fraction",
                1e-9,
                1.0,
            )?,
        };
        let search = match s.search.get_ref().trim() {
            "invisible" => {
                let statistic = match s.statistic.as_ref().map(|t| (t, t.get_ref().trim())) {
                    None | Some((_, "likelihood")) => InvisibleStatistic::Likelihood,
                    Some((_, "cut-and-count")) => InvisibleStatistic::CutAndCount,
                    Some((t, other)) => {
                        return Err(c.at.error(
                            t.span(),
                            "scenario.statistic",
                            format!(
                                "unknown statistic '{other}'; known: likelihood, cut-and-count"
                            ),
                        ))
                    }
                };
                let kappa = match &s.kappa {
                    Some(k) => {
                        let x = *k.get_ref();
                        if !(x.is_finite() && x >= 0.0) {
                            return Err(c.at.error(
                                k.span(),
                                "scenario.kappa",
                                format!("{x} must be a finite relative systematic >= 0"),
                            ));
                        }
                        if statistic == InvisibleStatistic::Likelihood && x > 1.0 {
                            return Err(c.at.error(
                                k.span(),
                                "scenario.kappa",
                                format!(
                                    "{x} must be at most 1 for the likelihood (a bin-by-bin \
                                     background uncertainty with a Gaussian constraint)"
                                ),
                            ));
                        }
                        x
                    }
                    None => 0.0,
                };
                KaonSearch::Invisible(
                    InvisibleSearch {
                        exposure,
                        background: BackgroundModel {
                            veto,
                            resolution: MissingMassResolution {
                                momentum,
                                kaon_momentum_gev,
                                muon_momentum_gev,
                                extra_sigma_gev2: 0.0,
                            },
                            photon_energy_cut_gev: 0.0,
                            gtk_factor,
                            gtk_threshold_m2: m2_lower,
                        },
                        m2_lower,
                        m2_upper: m2_top,
                        kappa,
                        significance,
                        bins,
                    },
                    statistic,
                )
            }
            "visible" => {
                for (field, present) in [
                    (
                        "scenario.statistic",
                        s.statistic.as_ref().map(Spanned::span),
                    ),
                    ("scenario.kappa", s.kappa.as_ref().map(Spanned::span)),
                    (
                        "scenario.observed_histogram",
                        s.observed_histogram.as_ref().map(Spanned::span),
                    ),
                ] {
                    if let Some(span) = present {
                        return Err(c.at.error(
                            span,
                            field,
                            "is only read for search = \"invisible\" (the visible search uses a Poisson limit)",
                        ));
                    }
                }
                KaonSearch::Visible(VisibleSearch {
                    exposure,
                    volume,
                    momentum,
                    background_branching_ratio,
                    window_sigmas,
                    events,
                    seed,
                    confidence_level,
                })
            }
            other => {
                return Err(c.at.error(
                    s.search.span(),
                    "scenario.search",
                    format!("unknown search '{other}'; known: invisible, visible"),
                ))
            }
        };
        match &search {
            KaonSearch::Invisible(i, _) => c.wrap(&s.name, "scenario", i.validate())?,
            KaonSearch::Visible(v) => c.wrap(&s.name, "scenario", v.validate())?,
        }
        let observed = match (&s.observed_histogram, &search) {
            (None, _) => None,
            (Some(path), KaonSearch::Invisible(i, InvisibleStatistic::Likelihood)) => {
                let (name, csv) = c.wrap(path, "scenario.observed_histogram", read(path.get_ref()))?;
                let histogram = c.wrap(
                    path,
                    "scenario.observed_histogram",
                    ObservedHistogram::from_csv(&name, &csv),
                )?;
                c.wrap(
                    path,
                    "scenario.observed_histogram",
                    histogram.check_binning(&i.data_bin_edges()?),
                )?;
                Some(histogram)
            }
            (Some(path), _) => {
                return Err(c.at.error(
                    path.span(),
                    "scenario.observed_histogram",
                    "is only read for statistic = \"likelihood\" (the cut and count has no binned data)",
                ))
            }
        };
        scenarios.push(KaonScenario {
            observed,
            name: sname,
            search,
        });
    }
    c.some_scenarios(scenarios.len())?;
    Ok(KaonExperiment {
        name,
        title: file.experiment.title,
        volume,
        confidence_level,
        models,
        masses_gev,
        coupling_range: (g0, g1),
        couplings_per_decade,
        boost_events,
        g2_era,
        g2_sigma,
        figure_masses_gev,
        figure_coupling,
        scenarios,
    })
}
