//! Tables and checks that the experiment families share: the experiment and scenario names,
//! integer ranges, target and production keys, the `[analysis]` scan grid and the (g−2) band of
//! the figures. Every error names its field and line.

use super::location::Located;
use super::validate::{syntax_error, Checker};
use crate::error::Result;
use crate::matter::{FormFactorModel, Material};
use crate::model::Era;
use crate::production::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::Spanned;

/// `[analysis]` of the `beam-dump` and `kaon` families: what is scanned and at what confidence.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AnalysisSection {
    pub confidence_level: Spanned<f64>,
    pub models: Spanned<Vec<String>>,
    pub mass_min_gev: Spanned<f64>,
    pub mass_max_gev: Spanned<f64>,
    pub masses_per_decade: Spanned<i64>,
    pub coupling_min: Spanned<f64>,
    pub coupling_max: Spanned<f64>,
    pub couplings_per_decade: Spanned<i64>,
}

/// Parses `text` into the schema `T`, with a checker that locates later errors in the same text.
pub(super) fn parse<'a, T: DeserializeOwned>(
    source_name: &'a str,
    text: &'a str,
) -> Result<(T, Checker<'a>)> {
    let at = Located { source_name, text };
    let file = toml::from_str(text).map_err(|e| syntax_error(&at, &e))?;
    Ok((file, Checker { at }))
}

/// The (g−2) band of the figures when a file has no `[figures]` table.
pub(super) fn default_g2_band() -> Result<(&'static Era, f64)> {
    Ok((Era::from_name("e821-2006")?, 2.0))
}

impl Checker<'_> {
    /// An integer in [lo, hi] (lo ≥ 0) as a count.
    pub(super) fn integer(&self, v: &Spanned<i64>, field: &str, lo: i64, hi: i64) -> Result<usize> {
        let n = *v.get_ref();
        if (lo..=hi).contains(&n) {
            Ok(usize::try_from(n).unwrap_or(0))
        } else {
            Err(self
                .at
                .error(v.span(), field, format!("{n} must lie in [{lo}, {hi}]")))
        }
    }

    /// `experiment.name`: the experiment column of the reach tables, so no commas.
    pub(super) fn experiment_name(&self, name: &Spanned<String>) -> Result<String> {
        let trimmed = name.get_ref().trim().to_string();
        if trimmed.is_empty() || trimmed.contains(',') {
            return Err(self.at.error(
                name.span(),
                "experiment.name",
                "must be a non-empty name without commas",
            ));
        }
        Ok(trimmed)
    }

    /// `scenario.name`: a reach-table column, so no commas, and not one of the names in `used`.
    pub(super) fn scenario_name<'n>(
        &self,
        name: &Spanned<String>,
        mut used: impl Iterator<Item = &'n str>,
    ) -> Result<String> {
        let trimmed = name.get_ref().trim().to_string();
        if trimmed.is_empty() || trimmed.contains(',') || used.any(|o| o == trimmed) {
            return Err(self.at.error(
                name.span(),
                "scenario.name",
                format!("'{trimmed}' must be a non-empty name without commas, used once"),
            ));
        }
        Ok(trimmed)
    }

    /// An error unless the file has at least one `[[scenario]]` (`count` of them).
    pub(super) fn some_scenarios(&self, count: usize) -> Result<()> {
        if count == 0 {
            return Err(self
                .at
                .error(0..0, "scenario", "needs at least one [[scenario]]"));
        }
        Ok(())
    }

    /// `target.material`: a built-in material.
    pub(super) fn material(&self, name: &Spanned<String>) -> Result<Material> {
        self.wrap(name, "target.material", Material::built_in(name.get_ref()))
    }

    /// `target.form_factor`, full (atomic and nuclear) when absent.
    pub(super) fn form_factor(&self, name: Option<&Spanned<String>>) -> Result<FormFactorModel> {
        match name {
            Some(f) => self.wrap(
                f,
                "target.form_factor",
                FormFactorModel::from_name(f.get_ref()),
            ),
            None => Ok(FormFactorModel::Full),
        }
    }

    /// `production.method` and `production.rel_tol`.
    pub(super) fn production(
        &self,
        method: &Spanned<String>,
        rel_tol: &Spanned<f64>,
    ) -> Result<(Method, f64)> {
        let m = self.wrap(
            method,
            "production.method",
            Method::from_name(method.get_ref()),
        )?;
        Ok((m, self.within(rel_tol, "production.rel_tol", 1e-8, 0.1)?))
    }

    /// `analysis.confidence_level` of the limits.
    pub(super) fn confidence_level(&self, v: &Spanned<f64>) -> Result<f64> {
        self.within(v, "analysis.confidence_level", 0.5, 0.999_999)
    }

    /// `analysis.models` without repeats, in file order; `parse` reads one name and returns an
    /// error already located at the list.
    pub(super) fn models<T: PartialEq>(
        &self,
        names: &Spanned<Vec<String>>,
        parse: impl Fn(&str) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut models = Vec::new();
        for m in names.get_ref() {
            let model = parse(m)?;
            if !models.contains(&model) {
                models.push(model);
            }
        }
        if models.is_empty() {
            return Err(self
                .at
                .error(names.span(), "analysis.models", "needs at least one model"));
        }
        Ok(models)
    }

    /// `analysis.mass_min_gev` < `analysis.mass_max_gev`, both in [1e-6, 1e3] GeV.
    pub(super) fn mass_range(&self, min: &Spanned<f64>, max: &Spanned<f64>) -> Result<(f64, f64)> {
        let m0 = self.within(min, "analysis.mass_min_gev", 1e-6, 1e3)?;
        let m1 = self.within(max, "analysis.mass_max_gev", 1e-6, 1e3)?;
        if m1 <= m0 {
            return Err(self.at.error(
                max.span(),
                "analysis.mass_max_gev",
                format!("{m1} must be above mass_min_gev = {m0} (the mass range is empty)"),
            ));
        }
        Ok((m0, m1))
    }

    /// The log-spaced mass grid from `m0` to `m1` (both included) with
    /// `analysis.masses_per_decade` points a decade (at least two points).
    pub(super) fn mass_grid(
        &self,
        per_decade: &Spanned<i64>,
        m0: f64,
        m1: f64,
    ) -> Result<Vec<f64>> {
        let per_decade = self.integer(per_decade, "analysis.masses_per_decade", 1, 1000)?;
        let n = ((m1 / m0).log10() * per_decade as f64).round().max(1.0) as usize;
        Ok((0..=n)
            .map(|i| m0 * (m1 / m0).powf(i as f64 / n as f64))
            .collect())
    }

    /// `analysis.coupling_min` < `analysis.coupling_max`, from 1e-12 to 10 and to `max_hi`.
    pub(super) fn coupling_range(
        &self,
        min: &Spanned<f64>,
        max: &Spanned<f64>,
        max_hi: f64,
    ) -> Result<(f64, f64)> {
        let g0 = self.within(min, "analysis.coupling_min", 1e-12, 10.0)?;
        let g1 = self.within(max, "analysis.coupling_max", 1e-12, max_hi)?;
        if g1 <= g0 {
            return Err(self.at.error(
                max.span(),
                "analysis.coupling_max",
                format!("{g1} must be above coupling_min = {g0}"),
            ));
        }
        Ok((g0, g1))
    }

    /// `analysis.couplings_per_decade` of the coupling scan.
    pub(super) fn couplings_per_decade(&self, v: &Spanned<i64>) -> Result<usize> {
        self.integer(v, "analysis.couplings_per_decade", 1, 1000)
    }

    /// `figures.g2_era` and `figures.g2_sigma`: the (g−2) band drawn on the figures.
    pub(super) fn g2_band(
        &self,
        era: &Spanned<String>,
        sigma: &Spanned<f64>,
    ) -> Result<(&'static Era, f64)> {
        Ok((
            self.wrap(era, "figures.g2_era", Era::from_name(era.get_ref()))?,
            self.within(sigma, "figures.g2_sigma", 0.1, 10.0)?,
        ))
    }
}
