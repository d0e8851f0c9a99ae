//! Experiment descriptions: TOML files with `[experiment]`, `[source]`, `[target]`,
//! `[production]`, `[selection]`, `[detector]`, `[[background]]`, `[analysis]`, `[figures]`
//! and `[[scenario]]` tables (experiments/atlas_hllhc.toml documents every field).
//!
//! Parsing denies unknown fields, and every error — syntax, wrong type, missing field, value
//! out of range, unknown name — reads `file: line L, column C: …` and names the field.

mod beam_dump;
mod builtin;
mod common;
mod kaon;
mod location;
mod schema;
#[cfg(test)]
mod tests;
mod validate;

pub(crate) use builtin::shipped_file;
pub use builtin::{builtin, builtin_description, builtin_names, builtin_text};

use crate::experiment::beam_dump::BeamDump;
use crate::experiment::{GaussianMixture, MomentumResolution};
use crate::matter::{FormFactorModel, Slab};
use crate::model::{Era, Spin};
use crate::production::{Cuts, Method};
use crate::source::MomentumSpectrum;
use crate::stats::{LimitMethod, Systematics};

/// One muon sample: its momentum spectrum and how many muons it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Name used by the scenarios, e.g. `Z`.
    pub name: String,
    /// The momentum spectrum of the muons entering the target.
    pub spectrum: MomentumSpectrum,
    /// How the number of muons is set.
    pub count: MuonCount,
}

/// The number of muons of a sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MuonCount {
    /// A fiducial cross section in nb, times the luminosity: N_μ = L σ (GKSST Eq. 4).
    CrossSectionNb(f64),
    /// A fixed number of muons on target.
    Muons(f64),
}

impl Sample {
    /// N_μ for an integrated luminosity in fb⁻¹ (1 fb⁻¹ × 1 nb = 10⁶ muons).
    pub fn muons(&self, luminosity_inv_fb: f64) -> f64 {
        match self.count {
            MuonCount::CrossSectionNb(sigma) => luminosity_inv_fb * sigma * 1e6,
            MuonCount::Muons(n) => n,
        }
    }
}

/// A named background ρ distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Background {
    /// Name used by the scenarios, e.g. `A`.
    pub name: String,
    /// R(ρ) per muon (GKSST Eq. 9).
    pub resolution: GaussianMixture,
}

/// One scenario: which samples, which background, which luminosity.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The scenario column of the reach table, e.g. `Z+W/A`.
    pub name: String,
    /// Indices into [`Experiment::samples`].
    pub samples: Vec<usize>,
    /// Index into [`Experiment::backgrounds`].
    pub background: usize,
    /// Integrated luminosity in fb⁻¹.
    pub luminosity_inv_fb: f64,
    /// Normalisation uncertainties of background and signal (the scenario's, else the
    /// analysis-wide ones), profiled in the likelihood.
    pub systematics: Systematics,
}

/// The ρ histogram and the limit settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Lower edge of the ρ window.
    pub rho_min: f64,
    /// Upper edge of the ρ window.
    pub rho_max: f64,
    /// Number of equal-width ρ bins.
    pub bins: usize,
    /// Confidence level of the limits.
    pub confidence_level: f64,
    /// How the limit is set.
    pub limit: LimitMethod,
    /// The mediators scanned.
    pub models: Vec<Spin>,
    /// The mass grid in GeV (log spaced, ascending).
    pub masses_gev: Vec<f64>,
    /// The coupling range searched for the limit.
    pub coupling_range: (f64, f64),
    /// Analysis-wide normalisation uncertainties (scenarios may override them).
    pub systematics: Systematics,
}

impl Analysis {
    /// The bin edges of the ρ histogram.
    pub fn edges(&self) -> Vec<f64> {
        let n = self.bins;
        (0..=n)
            .map(|i| self.rho_min + (self.rho_max - self.rho_min) * i as f64 / n as f64)
            .collect()
    }
}

/// A validated experiment description.
#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    /// The experiment column of the reach table.
    pub name: String,
    /// A one-line description for figure titles.
    pub title: String,
    /// The muon samples.
    pub samples: Vec<Sample>,
    /// Default integrated luminosity in fb⁻¹ (scenarios may override it).
    pub luminosity_inv_fb: f64,
    /// The target.
    pub target: Slab,
    /// Its form factor.
    pub form_factor: FormFactorModel,
    /// The production cross-section method.
    pub method: Method,
    /// Relative tolerance of the cross-section integrals.
    pub rel_tol: f64,
    /// θ and p_out cuts on the outgoing muon.
    pub cuts: Cuts,
    /// Momentum resolutions for the signal smearing.
    pub resolution: MomentumResolution,
    /// Background ρ distributions.
    pub backgrounds: Vec<Background>,
    /// Histogram and limit settings.
    pub analysis: Analysis,
    /// (g−2)_μ era of the figures' band.
    pub g2_era: &'static Era,
    /// Half-width of that band in standard deviations.
    pub g2_sigma: f64,
    /// The scenarios.
    pub scenarios: Vec<Scenario>,
}

impl Experiment {
    /// Parses and validates TOML text; `resolve` turns a `spectrum` path as written in the
    /// file into a spectrum.
    pub fn from_toml(
        source_name: &str,
        text: &str,
        resolve: &dyn Fn(&str) -> crate::Result<MomentumSpectrum>,
    ) -> crate::Result<Self> {
        validate::experiment(source_name, text, resolve)
    }

    /// Reads an experiment file; spectrum paths are relative to the file's directory.
    pub fn from_file(path: &std::path::Path) -> crate::Result<Self> {
        read_file(path, Self::from_toml)
    }

    /// A copy with another production method.
    #[must_use]
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// The sample called `name`.
    pub fn sample(&self, name: &str) -> Option<&Sample> {
        self.samples.iter().find(|s| s.name == name)
    }
}

/// An experiment file of any family: `missing-momentum` ([`Experiment`]) or `beam-dump`
/// ([`BeamDump`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Description {
    /// Family `missing-momentum`.
    MissingMomentum(Box<Experiment>),
    /// Family `beam-dump`.
    BeamDump(Box<BeamDump>),
    /// Family `kaon` (K⁺ → μ⁺νX at a kaon decay-in-flight experiment).
    Kaon(Box<crate::kaon::KaonExperiment>),
}

/// Only `[experiment] family`, read first to choose the schema (other keys are ignored here).
#[derive(serde::Deserialize)]
struct Header {
    experiment: HeaderExperiment,
}

#[derive(serde::Deserialize)]
struct HeaderExperiment {
    family: toml::Spanned<String>,
}

impl Description {
    /// Parses and validates TOML text of any family (the `[experiment] family` key chooses the
    /// schema; a file without it is read as `missing-momentum`, whose errors then name it).
    /// `resolve` turns a `spectrum` path into a spectrum; a kaon file's `observed_histogram`
    /// needs [`Description::from_toml_with_files`].
    ///
    /// A muon beam of one's own, written from scratch: 50 GeV muons on 10 cm of tungsten, an
    /// invisible X tagged by the muon losing more than half its energy (the NA64μ recipe,
    /// seed 003). A bad value or a misspelt key is refused with the file, line and field.
    ///
    /// ```
    /// use muforce::experiment::Description;
    /// let text = r#"
    /// [experiment]
    /// name = "my-dump"
    /// title = "50 GeV muons on 10 cm of tungsten, missing momentum"
    /// family = "beam-dump"
    ///
    /// [beam]
    /// energy_gev = 50.0
    ///
    /// [target]
    /// material = "W"
    /// length_cm = 10.0
    /// energy_loss = "full"
    ///
    /// [production]
    /// method = "ww"
    /// rel_tol = 1e-3
    /// x_min = 0.0
    /// e_out_max_gev = 25.0
    /// depth_points = 4
    /// x_panels = 4
    ///
    /// [decay]
    /// signal = "invisible"
    ///
    /// [analysis]
    /// confidence_level = 0.90
    /// models = ["lmu-ltau"]
    /// mass_min_gev = 0.01
    /// mass_max_gev = 0.1
    /// masses_per_decade = 1
    /// coupling_min = 1e-6
    /// coupling_max = 1.0
    /// couplings_per_decade = 10
    ///
    /// [[scenario]]
    /// name = "1e10 MOT"
    /// muons = 1e10
    /// background = 0.0
    ///
    /// [[scenario]]
    /// name = "1e12 MOT"
    /// muons = 1e12
    /// background = 0.0
    /// "#;
    /// let no_spectra = |path: &str| -> muforce::Result<muforce::source::MomentumSpectrum> {
    ///     Err(muforce::Error::out_of_range("spectrum", path, "not used by this experiment"))
    /// };
    /// let Description::BeamDump(dump) = Description::from_toml("my_dump.toml", text, &no_spectra)?
    /// else {
    ///     panic!("a beam-dump file must give a beam dump")
    /// };
    /// assert_eq!((dump.name.as_str(), dump.masses_gev.len(), dump.scenarios.len()), ("my-dump", 2, 2));
    ///
    /// let bad = text.replace("energy_gev = 50.0", "energy_gev = -50.0");
    /// let err = Description::from_toml("my_dump.toml", &bad, &no_spectra).unwrap_err().to_string();
    /// assert!(err.starts_with("my_dump.toml: line 8,") && err.contains("`beam.energy_gev`"), "{err}");
    /// let typo = text.replace("length_cm", "lenght_cm");
    /// let err = Description::from_toml("my_dump.toml", &typo, &no_spectra).unwrap_err().to_string();
    /// assert!(err.contains("line 12") && err.contains("unknown field `lenght_cm`"), "{err}");
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn from_toml(
        source_name: &str,
        text: &str,
        resolve: &dyn Fn(&str) -> crate::Result<MomentumSpectrum>,
    ) -> crate::Result<Self> {
        Self::parse(source_name, text, resolve, &|path| {
            Err(crate::Error::out_of_range(
                "scenario.observed_histogram",
                path,
                "needs the experiment read from a file (Description::from_file)",
            ))
        })
    }

    /// [`Description::from_toml`] with every data file the experiment names (spectra,
    /// observed histograms) read by `read`, which returns the file's display name and text.
    pub fn from_toml_with_files(
        source_name: &str,
        text: &str,
        read: &DataReader<'_>,
    ) -> crate::Result<Self> {
        Self::parse(
            source_name,
            text,
            &|path| {
                let (name, csv) = read(path)?;
                MomentumSpectrum::from_csv(&name, &csv)
            },
            read,
        )
    }

    fn parse(
        source_name: &str,
        text: &str,
        resolve: &dyn Fn(&str) -> crate::Result<MomentumSpectrum>,
        read: &DataReader<'_>,
    ) -> crate::Result<Self> {
        if let Ok(header) = toml::from_str::<Header>(text) {
            let family = &header.experiment.family;
            match family.get_ref().trim() {
                "beam-dump" => {
                    return Ok(Description::BeamDump(Box::new(beam_dump::beam_dump(
                        source_name,
                        text,
                    )?)))
                }
                "kaon" => {
                    return Ok(Description::Kaon(Box::new(kaon::kaon(
                        source_name,
                        text,
                        read,
                    )?)))
                }
                "missing-momentum" => {}
                other => {
                    let at = location::Located { source_name, text };
                    return Err(at.error(
                        family.span(),
                        "experiment.family",
                        format!(
                            "unknown family '{other}'; known: missing-momentum, beam-dump, kaon"
                        ),
                    ));
                }
            }
        }
        Ok(Description::MissingMomentum(Box::new(
            Experiment::from_toml(source_name, text, resolve)?,
        )))
    }

    /// Reads an experiment file of any family; the data files it names are read relative to
    /// its directory.
    pub fn from_file(path: &std::path::Path) -> crate::Result<Self> {
        let text = crate::io::read_text(path)?;
        let dir = path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        Self::from_toml_with_files(&path.display().to_string(), &text, &|p| {
            let file = dir.join(p);
            Ok((file.display().to_string(), crate::io::read_text(&file)?))
        })
    }

    /// The experiment column of the reach table.
    pub fn name(&self) -> &str {
        match self {
            Description::MissingMomentum(e) => &e.name,
            Description::BeamDump(e) => &e.name,
            Description::Kaon(e) => &e.name,
        }
    }
}

/// Reads a data file named in an experiment file: (display name, text).
pub type DataReader<'a> = dyn Fn(&str) -> crate::Result<(String, String)> + 'a;

/// Turns a `spectrum` path as written in an experiment file into a spectrum.
type SpectrumResolver<'a> = dyn Fn(&str) -> crate::Result<MomentumSpectrum> + 'a;

/// Reads the experiment file at `path` and parses it with `parse`, resolving spectrum paths
/// relative to the file's directory.
fn read_file<T>(
    path: &std::path::Path,
    parse: fn(&str, &str, &SpectrumResolver<'_>) -> crate::Result<T>,
) -> crate::Result<T> {
    let text = crate::io::read_text(path)?;
    let dir = path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    parse(&path.display().to_string(), &text, &|p| {
        MomentumSpectrum::from_file(&dir.join(p))
    })
}
