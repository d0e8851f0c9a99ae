//! Figures of a kaon experiment: reach panels (one per model, every scenario, the (g−2)_μ band)
//! and the m²_miss spectra of the invisible search, signal at a few masses over the background
//! (the NA62 slides' "modifications of the high missing mass tail").

use crate::PanelConstraints;
use crate::{G2Settings, LineFigure, PanelSpec, ReachFigure, Series};
use muforce::error::{Error, Result};
use muforce::kaon::InvisibleSearch;
use muforce::kaon::KaonModel;
use muforce::kaon::{model_spin, KaonExperiment, KaonSearch};
use muforce::kaon::{ratio_in_window, BR_K_MU_NU};
use muforce::reach::ReachTable;

/// One reach panel per model of the experiment: every scenario, the (g−2)_μ band of the
/// model's spin and the constraint files of that spin.
pub fn kaon_panels(
    experiment: &KaonExperiment,
    table: &ReachTable,
    bands: Option<&muforce::reach::BandTable>,
    constraints: &PanelConstraints,
) -> Result<Vec<ReachFigure>> {
    let spec = PanelSpec {
        experiment: &experiment.name,
        method: "K⁺ → μ⁺νX",
        masses: &experiment.masses_gev,
        coupling_range: (1e-6, 1.0),
        g2: G2Settings {
            era: experiment.g2_era,
            n_sigma: experiment.g2_sigma,
        },
    };
    let models = experiment.models.iter().map(|&m| (m.name(), model_spin(m)));
    let mut panels = crate::model_panels(&spec, table, models, constraints)?;
    if let Some(bands) = bands {
        for (panel, model) in panels.iter_mut().zip(&experiment.models) {
            panel
                .bands
                .extend(crate::expected_bands(bands, model.name()));
        }
    }
    Ok(panels)
}

/// Bins of the missing-mass figure over [`SPECTRUM_START`] < m²_miss < (m_K − m_μ)².
const SPECTRUM_BINS: usize = 60;
/// Left edge of the missing-mass figure (GeV²): eight widths of the K⁺ → μ⁺ν peak
/// (σ ≈ 6 × 10⁻⁴ GeV²) above it. Closer to m²_miss = 0 the inner-bremsstrahlung rate grows
/// without bound (the soft-photon divergence, cancelled in the peak by virtual corrections), so
/// its integral over a bin touching 0 is not defined.
const SPECTRUM_START: f64 = 5e-3;

/// The m²_miss spectrum of the single-muon sample: events per bin of the background (K⁺ → μ⁺ν
/// peak and K⁺ → μ⁺νγ tail, GTK factor above its threshold) and of K⁺ → μ⁺νX for `model` at
/// each of `masses_gev` with coupling `coupling`, for the exposure of `search`. The step at the
/// L1 cut is the GTK background reduction.
pub fn missing_mass_figure(
    search: &InvisibleSearch,
    model: KaonModel,
    masses_gev: &[f64],
    coupling: f64,
) -> Result<LineFigure> {
    search.validate()?;
    if !(coupling.is_finite() && coupling > 0.0 && coupling <= muforce::model::MAX_COUPLING) {
        return Err(Error::out_of_range(
            "figure coupling",
            coupling,
            "must be a finite number with 0 < g <= 4 pi",
        ));
    }
    let top = muforce::kaon::MAX_X_MASS.powi(2);
    let edges: Vec<f64> = (0..=SPECTRUM_BINS)
        .map(|i| SPECTRUM_START + (top - SPECTRUM_START) * i as f64 / SPECTRUM_BINS as f64)
        .collect();
    let n_eff = search.exposure.effective_kaons();
    let background: Vec<f64> = edges
        .windows(2)
        .map(|w| Ok(n_eff * search.background.fraction_in(w[0], w[1])?))
        .collect::<Result<_>>()?;
    let mut series = vec![Series::histogram(
        "background (K⁺ → μ⁺ν peak + K⁺ → μ⁺νγ, γ missed)",
        &edges,
        &background,
    )];
    let mut y_max = background.iter().copied().fold(0.0, f64::max);
    let mut y_min = f64::MAX;
    for &m in masses_gev {
        muforce::kaon::check_x_mass("figure mass", m)?;
        let signal: Vec<f64> = edges
            .windows(2)
            .map(|w| {
                Ok(n_eff
                    * BR_K_MU_NU
                    * coupling
                    * coupling
                    * ratio_in_window(model, m, w[0], w[1])?.value)
            })
            .collect::<Result<_>>()?;
        for &s in &signal {
            if s > 0.0 {
                y_min = y_min.min(s);
            }
            y_max = y_max.max(s);
        }
        series.push(
            Series::histogram(
                &format!(
                    "{} m_{{X}} = {:.0} MeV, g = {}",
                    model.name(),
                    m * 1e3,
                    crate::ticks::scientific(coupling)
                ),
                &edges,
                &signal,
            )
            .dashed(),
        );
    }
    let y_top = 10.0 * y_max.max(1.0);
    let y_bottom = (0.1 * y_min).max(y_top * 1e-16).min(0.1);
    Ok(LineFigure {
        title: format!(
            "m_{{miss}}^{{2}} spectrum, {} K⁺ × {} acceptance",
            crate::ticks::scientific(search.exposure.kaons),
            search.exposure.acceptance
        ),
        x_label: "m_{miss}^{2} [GeV²]".into(),
        y_label: "events per bin".into(),
        x_range: (SPECTRUM_START, top),
        y_range: (y_bottom, y_top),
        x_log: false,
        y_log: true,
        series,
        size: (800, 600),
    })
}

/// The missing-mass figure of an experiment: its first invisible scenario, its first model, the
/// figure masses and coupling of the file. None when it has no invisible scenario.
pub fn experiment_missing_mass_figure(experiment: &KaonExperiment) -> Result<Option<LineFigure>> {
    let Some(search) = experiment.scenarios.iter().find_map(|s| match &s.search {
        KaonSearch::Invisible(i, _) => Some(i),
        KaonSearch::Visible(_) => None,
    }) else {
        return Ok(None);
    };
    let model = experiment.models[0];
    missing_mass_figure(
        search,
        model,
        &experiment.figure_masses_gev,
        experiment.figure_coupling,
    )
    .map(Some)
}
