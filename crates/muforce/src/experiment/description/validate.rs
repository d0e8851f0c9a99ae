//! From the parsed TOML to a validated [`Experiment`]: every check names its field and line.

use super::common::{default_g2_band, parse};
use super::location::Located;
use super::schema::{self, File};
use super::{Analysis, Background, Experiment, MuonCount, Sample, Scenario};
use crate::error::{show, Result};
use crate::experiment::{GaussianMixture, MomentumResolution};
use crate::matter::Slab;
use crate::model::Spin;
use crate::production::Cuts;
use crate::source::MomentumSpectrum;
use crate::stats::{LimitMethod, Systematics, MAX_REL_UNCERTAINTY};
use toml::Spanned;

/// Upper limits that keep N_μ = L σ finite (far above any collider: 10⁶ fb⁻¹ = 1000 ab⁻¹,
/// 10⁹ nb = 1 b, 10³⁰ muons as for beam dumps).
const MAX_LUMINOSITY_INV_FB: f64 = 1e6;
const MAX_CROSS_SECTION_NB: f64 = 1e9;
const MAX_MUONS: f64 = 1e30;

/// Parses and validates an experiment file.
pub(super) fn experiment(
    source_name: &str,
    text: &str,
    resolve: &dyn Fn(&str) -> Result<MomentumSpectrum>,
) -> Result<Experiment> {
    let (file, c) = parse::<File>(source_name, text)?;
    c.build(file, resolve)
}

/// A TOML error at its line, naming the field: serde names missing and unknown fields itself;
/// for a wrong type the key on the error's line (with its table header) is added.
pub(super) fn syntax_error(at: &Located<'_>, e: &toml::de::Error) -> crate::Error {
    let span = e.span().unwrap_or(0..0);
    // serde names the schema's structs ("expected struct TargetSection"): the file has tables.
    let mut message = e.message().trim().to_string();
    if let Some(i) = message.find("expected struct ") {
        message.replace_range(i.., "expected a table");
    }
    if message.contains("field `") {
        let (line, column) = at.line_column(span.start);
        // A missing field's span is its table (empty for a top-level field): name the table.
        let header = at
            .text
            .get(span.start..)
            .and_then(|t| t.lines().next())
            .filter(|_| !span.is_empty());
        let table = match header.map(str::trim) {
            Some(h) if message.starts_with("missing") && h.starts_with('[') => format!(" in {h}"),
            _ => String::new(),
        };
        return crate::Error::Parse {
            source_name: at.source_name.to_string(),
            message: format!("line {line}, column {column}: {message}{table}"),
        };
    }
    let start = at.text[..span.start.min(at.text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_text = at.text[start..].lines().next().unwrap_or("");
    let key = line_text.split('=').next().unwrap_or("").trim();
    let table = at.text[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    let field = match table {
        Some(t) if !key.is_empty() => format!("{t}.{key}"),
        _ => key.to_string(),
    };
    at.error(span, &field, message)
}

pub(super) struct Checker<'a> {
    pub(super) at: Located<'a>,
}

impl Checker<'_> {
    /// Maps a library error about the value in `spanned` to an error at its line.
    pub(super) fn wrap<T, U>(&self, spanned: &Spanned<U>, field: &str, r: Result<T>) -> Result<T> {
        r.map_err(|e| self.at.error(spanned.span(), field, e))
    }

    pub(super) fn positive(&self, v: &Spanned<f64>, field: &str) -> Result<f64> {
        let x = *v.get_ref();
        if x.is_finite() && x > 0.0 {
            Ok(x)
        } else {
            Err(self.at.error(
                v.span(),
                field,
                format!("{} must be a finite number > 0", show(x)),
            ))
        }
    }

    /// A finite number in (0, hi]: luminosities and muon counts, whose products must stay finite.
    pub(super) fn positive_at_most(&self, v: &Spanned<f64>, field: &str, hi: f64) -> Result<f64> {
        let x = *v.get_ref();
        if x.is_finite() && x > 0.0 && x <= hi {
            Ok(x)
        } else {
            Err(self.at.error(
                v.span(),
                field,
                format!("{} must lie in (0, {}]", show(x), show(hi)),
            ))
        }
    }

    pub(super) fn within(&self, v: &Spanned<f64>, field: &str, lo: f64, hi: f64) -> Result<f64> {
        let x = *v.get_ref();
        if x.is_finite() && x >= lo && x <= hi {
            Ok(x)
        } else {
            Err(self.at.error(
                v.span(),
                field,
                format!("{} must lie in [{}, {}]", show(x), show(lo), show(hi)),
            ))
        }
    }

    /// An observed event count: a whole number in [0, 10⁹] (the largest count of the Poisson
    /// limits, [`crate::stats::MAX_CLASSICAL_COUNT`]).
    pub(super) fn count(&self, v: &Spanned<f64>, field: &str) -> Result<u64> {
        let x = self.within(v, field, 0.0, crate::stats::MAX_CLASSICAL_COUNT)?;
        if x.fract() != 0.0 {
            return Err(self.at.error(
                v.span(),
                field,
                format!("{} must be a whole number of events", show(x)),
            ));
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, in [0, 1e9]
        Ok(x as u64)
    }

    fn build(
        &self,
        file: File,
        resolve: &dyn Fn(&str) -> Result<MomentumSpectrum>,
    ) -> Result<Experiment> {
        let family = &file.experiment.family;
        if family.get_ref() != "missing-momentum" {
            return Err(self.at.error(
                family.span(),
                "experiment.family",
                format!(
                    "unknown family '{}'; known: missing-momentum, beam-dump",
                    family.get_ref()
                ),
            ));
        }
        let name = self.experiment_name(&file.experiment.name)?;
        let luminosity_inv_fb = match &file.source.luminosity_inv_fb {
            Some(l) => {
                self.positive_at_most(l, "source.luminosity_inv_fb", MAX_LUMINOSITY_INV_FB)?
            }
            None => 0.0,
        };
        let samples = self.samples(&file.source, resolve)?;
        if samples.is_empty() {
            return Err(self.at.error(
                0..0,
                "source.sample",
                "needs at least one [[source.sample]]",
            ));
        }
        let target = self.target(&file.target)?;
        let form_factor = self.form_factor(file.target.form_factor.as_ref())?;
        let (method, rel_tol) =
            self.production(&file.production.method, &file.production.rel_tol)?;
        let cuts = Cuts {
            theta_max: self.within(
                &file.selection.theta_max_rad,
                "selection.theta_max_rad",
                1e-6,
                std::f64::consts::PI,
            )?,
            p_out_min: self.within(
                &file.selection.p_out_min_gev,
                "selection.p_out_min_gev",
                0.0,
                1e6,
            )?,
            ..Cuts::default()
        };
        // p_out < p_in: a cut at or above a sample's highest momentum leaves it no signal.
        for s in &samples {
            let p_max = s.spectrum.edges().last().copied().unwrap_or(0.0);
            if cuts.p_out_min >= p_max {
                return Err(self.at.error(
                    file.selection.p_out_min_gev.span(),
                    "selection.p_out_min_gev",
                    format!(
                        "{} must be below the highest momentum of sample '{}' ({} GeV): no outgoing muon could pass",
                        show(cuts.p_out_min),
                        s.name,
                        show(p_max)
                    ),
                ));
            }
        }
        let d = &file.detector;
        let resolution = MomentumResolution {
            in_relative: self.within(
                &d.sigma_in_relative,
                "detector.sigma_in_relative",
                0.0,
                1.0,
            )?,
            in_relative_per_gev: self.within(
                &d.sigma_in_relative_per_gev,
                "detector.sigma_in_relative_per_gev",
                0.0,
                1.0,
            )?,
            out_relative: self.within(
                &d.sigma_out_relative,
                "detector.sigma_out_relative",
                0.0,
                1.0,
            )?,
        };
        let backgrounds = self.backgrounds(&file.background)?;
        let analysis = self.analysis(&file.analysis)?;
        let (g2_era, g2_sigma) = match &file.figures {
            Some(f) => self.g2_band(&f.g2_era, &f.g2_sigma)?,
            None => default_g2_band()?,
        };
        let scenarios = self.scenarios(
            &file.scenario,
            &samples,
            &backgrounds,
            luminosity_inv_fb,
            analysis.systematics,
        )?;
        Ok(Experiment {
            name,
            title: file.experiment.title,
            samples,
            luminosity_inv_fb,
            target,
            form_factor,
            method,
            rel_tol,
            cuts,
            resolution,
            backgrounds,
            analysis,
            g2_era,
            g2_sigma,
            scenarios,
        })
    }

    fn samples(
        &self,
        source: &schema::SourceSection,
        resolve: &dyn Fn(&str) -> Result<MomentumSpectrum>,
    ) -> Result<Vec<Sample>> {
        let mut out: Vec<Sample> = Vec::new();
        for s in &source.sample {
            let name = s.name.get_ref().trim().to_string();
            if name.is_empty() || out.iter().any(|o| o.name == name) {
                return Err(self.at.error(
                    s.name.span(),
                    "source.sample.name",
                    format!("'{name}' must be a non-empty name used once"),
                ));
            }
            let spectrum = match (&s.spectrum, &s.momentum_gev) {
                (Some(path), None) => {
                    self.wrap(path, "source.sample.spectrum", resolve(path.get_ref()))?
                }
                (None, Some(p)) => {
                    let p = self.positive(p, "source.sample.momentum_gev")?;
                    self.wrap(
                        s.momentum_gev.as_ref().expect("present"),
                        "source.sample.momentum_gev",
                        MomentumSpectrum::new(vec![0.999 * p, 1.001 * p], vec![1.0]),
                    )?
                }
                _ => {
                    return Err(self.at.error(
                        s.name.span(),
                        "source.sample",
                        format!("sample '{name}' needs exactly one of `spectrum` (a file) or `momentum_gev` (a beam)"),
                    ))
                }
            };
            let count = match (&s.cross_section_nb, &s.muons) {
                (Some(sigma), None) => {
                    if source.luminosity_inv_fb.is_none() {
                        return Err(self.at.error(
                            sigma.span(),
                            "source.luminosity_inv_fb",
                            "is needed by `cross_section_nb` (N_μ = L σ)",
                        ));
                    }
                    MuonCount::CrossSectionNb(self.positive_at_most(
                        sigma,
                        "source.sample.cross_section_nb",
                        MAX_CROSS_SECTION_NB,
                    )?)
                }
                (None, Some(n)) => {
                    MuonCount::Muons(self.positive_at_most(n, "source.sample.muons", MAX_MUONS)?)
                }
                _ => {
                    return Err(self.at.error(
                        s.name.span(),
                        "source.sample",
                        format!(
                            "sample '{name}' needs exactly one of `cross_section_nb` or `muons`"
                        ),
                    ))
                }
            };
            out.push(Sample {
                name,
                spectrum,
                count,
            });
        }
        Ok(out)
    }

    fn target(&self, t: &schema::TargetSection) -> Result<Slab> {
        let material = self.material(&t.material)?;
        let length = self.positive(&t.length_cm, "target.length_cm")?;
        self.wrap(
            &t.length_cm,
            "target.length_cm",
            Slab::new(material, length),
        )
    }

    fn backgrounds(&self, list: &[schema::BackgroundSection]) -> Result<Vec<Background>> {
        let mut out: Vec<Background> = Vec::new();
        for b in list {
            let name = b.name.get_ref().trim().to_string();
            if name.is_empty() || out.iter().any(|o| o.name == name) {
                return Err(self.at.error(
                    b.name.span(),
                    "background.name",
                    format!("'{name}' must be a non-empty name used once"),
                ));
            }
            let (widths, weights) = (b.widths.get_ref(), b.weights.get_ref());
            if widths.len() != weights.len() {
                return Err(self.at.error(
                    b.weights.span(),
                    "background.weights",
                    format!(
                        "has {} entries but widths has {}",
                        weights.len(),
                        widths.len()
                    ),
                ));
            }
            let resolution = self.wrap(
                &b.widths,
                "background.widths",
                GaussianMixture::new(
                    weights
                        .iter()
                        .copied()
                        .zip(widths.iter().copied())
                        .collect(),
                ),
            )?;
            out.push(Background { name, resolution });
        }
        if out.is_empty() {
            return Err(self
                .at
                .error(0..0, "background", "needs at least one [[background]]"));
        }
        Ok(out)
    }

    fn analysis(&self, a: &schema::AnalysisSection) -> Result<Analysis> {
        let rho_min = self.within(&a.rho_min, "analysis.rho_min", -10.0, 10.0)?;
        let rho_max = self.within(&a.rho_max, "analysis.rho_max", -10.0, 10.0)?;
        if rho_max <= rho_min {
            return Err(self.at.error(
                a.rho_max.span(),
                "analysis.rho_max",
                format!("{rho_max} must be above rho_min = {rho_min}"),
            ));
        }
        let bins = self.integer(&a.bins, "analysis.bins", 1, 100_000)?;
        let confidence_level = self.confidence_level(&a.confidence_level)?;
        let limit = match a.limit.get_ref().trim().to_ascii_lowercase().as_str() {
            "cls" => LimitMethod::Cls,
            "profile-likelihood" => LimitMethod::ProfileLikelihood,
            other => {
                return Err(self.at.error(
                    a.limit.span(),
                    "analysis.limit",
                    format!("unknown limit method '{other}'; known: cls, profile-likelihood"),
                ))
            }
        };
        let models = self.models(&a.models, |m| {
            let spin = self.wrap(&a.models, "analysis.models", Spin::from_name(m))?;
            if !matches!(spin, Spin::Scalar | Spin::Vector) {
                return Err(self.at.error(
                    a.models.span(),
                    "analysis.models",
                    format!("'{m}' is not scanned; known: scalar, vector"),
                ));
            }
            Ok(spin)
        })?;
        let (m0, m1) = self.mass_range(&a.mass_min_gev, &a.mass_max_gev)?;
        let masses_gev = self.mass_grid(&a.masses_per_decade, m0, m1)?;
        let (g0, g1) = self.coupling_range(&a.coupling_min, &a.coupling_max, 100.0)?;
        let systematics = self.systematics(
            Systematics::NONE,
            a.background_rel_uncertainty.as_ref(),
            a.signal_rel_uncertainty.as_ref(),
            "analysis",
        )?;
        Ok(Analysis {
            rho_min,
            rho_max,
            bins,
            confidence_level,
            limit,
            models,
            masses_gev,
            coupling_range: (g0, g1),
            systematics,
        })
    }

    /// Relative normalisation uncertainties `background_rel_uncertainty` and
    /// `signal_rel_uncertainty` of table `table`, each in [0, 10], defaulting to `default`'s.
    pub(super) fn systematics(
        &self,
        default: Systematics,
        background: Option<&Spanned<f64>>,
        signal: Option<&Spanned<f64>>,
        table: &str,
    ) -> Result<Systematics> {
        let read = |v: Option<&Spanned<f64>>, name: &str, fallback: f64| match v {
            Some(v) => self.within(v, &format!("{table}.{name}"), 0.0, MAX_REL_UNCERTAINTY),
            None => Ok(fallback),
        };
        Ok(Systematics {
            background_rel: read(
                background,
                "background_rel_uncertainty",
                default.background_rel,
            )?,
            signal_rel: read(signal, "signal_rel_uncertainty", default.signal_rel)?,
            background_bin_rel: default.background_bin_rel,
        })
    }

    fn scenarios(
        &self,
        list: &[schema::ScenarioSection],
        samples: &[Sample],
        backgrounds: &[Background],
        default_lumi: f64,
        default_systematics: Systematics,
    ) -> Result<Vec<Scenario>> {
        let mut out: Vec<Scenario> = Vec::new();
        for s in list {
            let name = self.scenario_name(&s.name, out.iter().map(|o| o.name.as_str()))?;
            let mut indices = Vec::new();
            for wanted in s.samples.get_ref() {
                let Some(i) = samples.iter().position(|x| &x.name == wanted) else {
                    let known: Vec<&str> = samples.iter().map(|x| x.name.as_str()).collect();
                    return Err(self.at.error(
                        s.samples.span(),
                        "scenario.samples",
                        format!("unknown sample '{wanted}'; known: {}", known.join(", ")),
                    ));
                };
                if !indices.contains(&i) {
                    indices.push(i);
                }
            }
            if indices.is_empty() {
                return Err(self.at.error(
                    s.samples.span(),
                    "scenario.samples",
                    "needs at least one sample",
                ));
            }
            let Some(background) = backgrounds
                .iter()
                .position(|b| &b.name == s.background.get_ref())
            else {
                let known: Vec<&str> = backgrounds.iter().map(|b| b.name.as_str()).collect();
                return Err(self.at.error(
                    s.background.span(),
                    "scenario.background",
                    format!(
                        "unknown background '{}'; known: {}",
                        s.background.get_ref(),
                        known.join(", ")
                    ),
                ));
            };
            let luminosity_inv_fb = match &s.luminosity_inv_fb {
                Some(l) => {
                    self.positive_at_most(l, "scenario.luminosity_inv_fb", MAX_LUMINOSITY_INV_FB)?
                }
                None => default_lumi,
            };
            let systematics = self.systematics(
                default_systematics,
                s.background_rel_uncertainty.as_ref(),
                s.signal_rel_uncertainty.as_ref(),
                "scenario",
            )?;
            out.push(Scenario {
                name,
                samples: indices,
                background,
                systematics,
                luminosity_inv_fb,
            });
        }
        self.some_scenarios(out.len())?;
        Ok(out)
    }
}
