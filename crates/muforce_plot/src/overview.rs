//! Overview figures: the reach of every experiment for one mediator spin on one plane, with
//! the (g−2)_μ band, the region (g−2)_μ excludes and the constraint files for that spin
//! (docs/constraints.md).
//!
//! Curves are grouped by spin because Δa_μ, and hence the band, depends only on the spin and
//! the muon coupling (one loop, REFERENCE §5): the scalar figure holds ATLAS `scalar`,
//! `muon-scalar` and `mass-scalar`; the vector figure ATLAS `vector`, `muon-vector` and
//! `lmu-ltau`. Each experiment has one colour (the same on both figures), its models and
//! scenarios differ by line pattern.

use super::dash::Dash;
use super::legend::Legend;
use super::reach_figure::{Curve, ReachFigure};
use super::table_panel::{overlay_curves, table_curves, PanelConstraints};
use muforce::error::{Error, Result};
use muforce::model::{Preset, Spin};
use muforce::reach::g2_bands;
use muforce::reach::G2Settings;
use muforce::reach::{model_spin, Constraint, ReachRow, ReachTable};

/// What an overview figure shows: the reach tables (any experiment, any family), constraint
/// files and the (g−2)_μ settings. Adding an experiment is pushing its table.
#[derive(Debug, Clone)]
pub struct Overview {
    /// Reach tables; rows of other spins are skipped.
    pub tables: Vec<ReachTable>,
    /// Constraint files overlaid in grey on the figure of their spin.
    pub constraints: Vec<Constraint>,
    /// Existing limits per model (shipped files and their recasts, one model per file), drawn
    /// in grey on the figure of their model.
    pub existing: Vec<Constraint>,
    /// The user's constraint files, drawn on the model figures of their spin (the spin
    /// figures have them in `constraints`).
    pub overlays: Vec<Constraint>,
    /// Era and half-width of the favoured band.
    pub g2: G2Settings,
    /// Couplings further than this many σ from Δa_μ are shaded as excluded.
    pub excluded_sigma: f64,
}

/// Masses of the (g−2)_μ bands: 20 per decade over the figure's range.
fn band_masses((m0, m1): (f64, f64)) -> Vec<f64> {
    let n = ((m1 / m0).log10() * 20.0).ceil().max(1.0) as usize;
    (0..=n)
        .map(|i| m0 * (m1 / m0).powf(i as f64 / n as f64))
        .collect()
}

/// 10ⁿ for a whole number n, exactly as the decimal literal `1en` reads.
fn decade(n: f64) -> f64 {
    format!("1e{n}").parse().unwrap_or(1.0)
}

impl Overview {
    /// The overview figure of `spin`: every table's curves of that spin and the constraint
    /// files of that spin. Errors if no table has a curve of that spin.
    pub fn figure(&self, spin: Spin) -> Result<ReachFigure> {
        let of_spin = |r: &ReachRow| model_spin(&r.model).is_ok_and(|s| s == spin);
        let label = |c: &super::table_panel::TableCurve| {
            if c.model == spin.name() {
                format!("{} {}", c.experiment, c.scenario)
            } else {
                format!("{} {} ({})", c.experiment, c.scenario, c.model)
            }
        };
        let title = format!(
            "{} mediators: reach of every experiment ({})",
            spin.name(),
            self.g2.era.name
        );
        let overlays = overlay_curves(spin, &self.constraints);
        self.draw(spin, title, of_spin, label, overlays)
    }

    /// The overview figure of the model `preset`: the curves computed for it, those of its
    /// bare spin (a muon-only X that escapes, e.g. ATLAS's `vector`), the existing limits of
    /// the model (shipped and recast) and the user's constraint files of its spin.
    pub fn model_figure(&self, preset: Preset) -> Result<ReachFigure> {
        let spin = preset.spin();
        let keep = |r: &ReachRow| r.model == preset.name() || r.model == spin.name();
        let label = |c: &super::table_panel::TableCurve| {
            if c.model == spin.name() {
                format!("{} {} ({}, X unseen)", c.experiment, c.scenario, c.model)
            } else {
                format!("{} {}", c.experiment, c.scenario)
            }
        };
        let title = format!(
            "{}: existing limits and projections ({})",
            super::names::model_title(preset.name()),
            self.g2.era.name
        );
        let panel = PanelConstraints {
            overlays: self.overlays.clone(),
            existing: self.existing.clone(),
        };
        self.draw(spin, title, keep, label, panel.curves(preset.name(), spin))
    }

    /// The figure of the rows `keep` accepts, labelled by `label`, with `overlays`, the
    /// (g−2)_μ region of `spin`, axes spanning every curve in whole decades.
    fn draw(
        &self,
        spin: Spin,
        title: String,
        keep: impl Fn(&ReachRow) -> bool,
        label: impl Fn(&super::table_panel::TableCurve) -> String,
        overlays: Vec<Curve>,
    ) -> Result<ReachFigure> {
        // Colours by experiment over every table, so that each keeps its colour on every figure.
        let mut experiments: Vec<&str> = Vec::new();
        for r in self.tables.iter().flat_map(|t| &t.rows) {
            if !experiments.contains(&r.experiment.as_str()) {
                experiments.push(&r.experiment);
            }
        }
        let mut curves = Vec::new();
        for table in &self.tables {
            for c in table_curves(table, &keep) {
                let colour = experiments
                    .iter()
                    .position(|e| *e == c.experiment)
                    .unwrap_or(0);
                let n_before = curves
                    .iter()
                    .filter(|x: &&(usize, Curve)| x.0 == colour)
                    .count();
                let curve = Curve::new(label(&c), c.points)
                    .styled(colour, Dash::CYCLE[n_before % Dash::CYCLE.len()]);
                curves.push((colour, curve));
            }
        }
        if curves.is_empty() {
            return Err(Error::out_of_range(
                "overview",
                title,
                "no reach table has a curve for it",
            ));
        }
        let all = || curves.iter().flat_map(|(_, c)| c.points.iter());
        let m0 = all().map(|p| p.0).fold(f64::INFINITY, f64::min);
        let m1 = all().map(|p| p.0).fold(0.0, f64::max);
        let g_min = all().map(|p| p.1).fold(f64::INFINITY, f64::min);
        // Whole decades, so that both ends carry a label.
        let mass_range = (
            decade(m0.log10().floor()),
            decade(m1.log10().ceil().max(m0.log10().floor() + 1.0)),
        );
        let coupling_range = (decade((g_min / 2.0).log10().floor()), 1.0);
        let mut figure = ReachFigure::new(title, mass_range, coupling_range);
        let masses = band_masses(mass_range);
        figure.bands = g2_bands(spin, &masses, self.g2, Some(self.excluded_sigma))?;
        figure.curves = curves.into_iter().map(|(_, c)| c).collect();
        figure.overlays = overlays;
        figure.fill_curves = false;
        figure.legend = Legend::Right;
        figure.size = (1150, 680);
        Ok(figure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use muforce::model::Era;
    use muforce::reach::Constraint;
    use muforce::reach::ReachRow;

    fn row(experiment: &str, model: &str, scenario: &str, m: f64, g: f64) -> ReachRow {
        ReachRow {
            experiment: experiment.into(),
            model: model.into(),
            scenario: scenario.into(),
            mass_gev: m,
            coupling_low: Some(g),
            coupling_high: None,
            limit: muforce::reach::LimitKind::Expected,
        }
    }

    /// Rows go to the figure of their model's spin; colours follow experiments, patterns
    /// their curves; ranges cover every curve; a spin without curves is an error.
    #[test]
    fn groups_by_spin_and_experiment() {
        let overview = Overview {
            tables: vec![
                ReachTable {
                    provenance: Vec::new(),
                    rows: vec![
                        row("atlas", "vector", "A", 1e-3, 1e-4),
                        row("atlas", "vector", "A", 1.0, 1e-3),
                        row("atlas", "vector", "B", 1e-3, 2e-4),
                        row("atlas", "scalar", "A", 1e-3, 3e-4),
                    ],
                },
                ReachTable {
                    provenance: Vec::new(),
                    rows: vec![row("na64mu", "lmu-ltau", "MOT=1e13", 2e-3, 8e-6)],
                },
            ],
            constraints: Vec::new(),
            existing: Vec::new(),
            overlays: Vec::new(),
            g2: G2Settings {
                era: Era::from_name("e821-2006").unwrap(),
                n_sigma: 2.0,
            },
            excluded_sigma: 5.0,
        };
        let v = overview.figure(Spin::Vector).unwrap();
        let labels: Vec<&str> = v.curves.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["atlas A", "atlas B", "na64mu MOT=1e13 (lmu-ltau)"]);
        assert_eq!(v.curves[1].color, Some(0));
        assert_eq!(v.curves[1].dash, Dash::Dashed);
        assert_eq!(v.curves[2].color, Some(1));
        assert_eq!(v.mass_range, (1e-3, 1.0));
        assert_eq!(
            overview.figure(Spin::Scalar).unwrap().mass_range,
            (1e-3, 1e-2)
        );
        assert_eq!(v.coupling_range, (1e-6, 1.0));
        assert_eq!(v.bands.len(), 2);
        assert_eq!(overview.figure(Spin::Scalar).unwrap().curves.len(), 1);
        assert!(overview.figure(Spin::Pseudoscalar).is_err());
    }

    /// A model figure holds that model's rows and its bare spin's (labelled "X unseen"), the
    /// existing limits of that model only, and the 2025 (g−2)_μ bound as one excluded band.
    #[test]
    fn model_figure_takes_its_model_and_spin() {
        let existing = |model: &str| {
            let text = format!(
                "# label: L {model}\n# source: s\n# cl: 0.9\n\
                 experiment,model,scenario,mass_gev,coupling_low,coupling_high\n\
                 e,{model},a,0.01,1e-3,\ne,{model},a,0.1,2e-3,\n"
            );
            Constraint::parse("f", &text).unwrap()
        };
        let overview = Overview {
            tables: vec![ReachTable {
                provenance: Vec::new(),
                rows: vec![
                    row("atlas", "vector", "A", 1e-3, 1e-4),
                    row("na64mu", "lmu-ltau", "X", 1e-3, 8e-6),
                    row("na62", "muon-vector", "I", 1e-3, 1e-6),
                ],
            }],
            constraints: Vec::new(),
            existing: vec![existing("lmu-ltau"), existing("muon-vector")],
            overlays: Vec::new(),
            g2: G2Settings {
                era: Era::from_name("final-2025").unwrap(),
                n_sigma: 2.0,
            },
            excluded_sigma: 5.0,
        };
        let f = overview.model_figure(Preset::LmuLtau).unwrap();
        let labels: Vec<&str> = f.curves.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["atlas A (vector, X unseen)", "na64mu X"]);
        let overlays: Vec<&str> = f.overlays.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(overlays, ["L lmu-ltau"]);
        assert_eq!(f.bands.len(), 1);
        assert!(overview.model_figure(Preset::MassScalar).is_err());
    }
}
