//! The TOML schema of an experiment file, as read (before validation).
//!
//! Every table denies unknown fields; values that are checked after parsing carry their
//! position in the file ([`Spanned`]) so that the error names the line. The documented example
//! is experiments/atlas_hllhc.toml.

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct File {
    pub experiment: ExperimentSection,
    pub source: SourceSection,
    pub target: TargetSection,
    pub production: ProductionSection,
    pub selection: SelectionSection,
    pub detector: DetectorSection,
    pub background: Vec<BackgroundSection>,
    pub analysis: AnalysisSection,
    #[serde(default)]
    pub figures: Option<FiguresSection>,
    pub scenario: Vec<ScenarioSection>,
}

/// `[experiment]`: names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExperimentSection {
    pub name: Spanned<String>,
    pub title: String,
    pub family: Spanned<String>,
}

/// `[source]`: where the muons come from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceSection {
    #[serde(default)]
    pub luminosity_inv_fb: Option<Spanned<f64>>,
    pub sample: Vec<SampleSection>,
}

/// `[[source.sample]]`: one muon sample (a spectrum file or a monochromatic beam; a count or
/// a fiducial cross section times the luminosity).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SampleSection {
    pub name: Spanned<String>,
    #[serde(default)]
    pub spectrum: Option<Spanned<String>>,
    #[serde(default)]
    pub momentum_gev: Option<Spanned<f64>>,
    #[serde(default)]
    pub cross_section_nb: Option<Spanned<f64>>,
    #[serde(default)]
    pub muons: Option<Spanned<f64>>,
}

/// `[target]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TargetSection {
    pub material: Spanned<String>,
    pub length_cm: Spanned<f64>,
    #[serde(default)]
    pub form_factor: Option<Spanned<String>>,
}

/// `[production]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProductionSection {
    pub method: Spanned<String>,
    pub rel_tol: Spanned<f64>,
}

/// `[selection]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SelectionSection {
    pub theta_max_rad: Spanned<f64>,
    pub p_out_min_gev: Spanned<f64>,
}

/// `[detector]`: momentum resolutions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(clippy::struct_field_names)] // the names are the file's keys
pub(crate) struct DetectorSection {
    pub sigma_in_relative: Spanned<f64>,
    pub sigma_in_relative_per_gev: Spanned<f64>,
    pub sigma_out_relative: Spanned<f64>,
}

/// `[[background]]`: a Gaussian-mixture ρ distribution of Standard-Model muons.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BackgroundSection {
    pub name: Spanned<String>,
    pub widths: Spanned<Vec<f64>>,
    pub weights: Spanned<Vec<f64>>,
}

/// `[analysis]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnalysisSection {
    pub rho_min: Spanned<f64>,
    pub rho_max: Spanned<f64>,
    pub bins: Spanned<i64>,
    pub confidence_level: Spanned<f64>,
    pub limit: Spanned<String>,
    pub models: Spanned<Vec<String>>,
    pub mass_min_gev: Spanned<f64>,
    pub mass_max_gev: Spanned<f64>,
    pub masses_per_decade: Spanned<i64>,
    pub coupling_min: Spanned<f64>,
    pub coupling_max: Spanned<f64>,
    #[serde(default)]
    pub background_rel_uncertainty: Option<Spanned<f64>>,
    #[serde(default)]
    pub signal_rel_uncertainty: Option<Spanned<f64>>,
}

/// `[figures]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FiguresSection {
    pub g2_era: Spanned<String>,
    pub g2_sigma: Spanned<f64>,
}

/// `[[scenario]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScenarioSection {
    pub name: Spanned<String>,
    pub samples: Spanned<Vec<String>>,
    pub background: Spanned<String>,
    #[serde(default)]
    pub luminosity_inv_fb: Option<Spanned<f64>>,
    #[serde(default)]
    pub background_rel_uncertainty: Option<Spanned<f64>>,
    #[serde(default)]
    pub signal_rel_uncertainty: Option<Spanned<f64>>,
}
