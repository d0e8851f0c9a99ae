//! Reach panels built from reach tables: the curves of a table, the overlays of constraint
//! files for one spin, and a panel with the (g−2)_μ band — shared by every experiment family
//! and by the overview figures.

use super::dash::Dash;
use super::reach_figure::{Curve, ReachFigure};
use muforce::error::Result;
use muforce::model::{Preset, Spin};
use muforce::reach::g2_bands;
use muforce::reach::G2Settings;
use muforce::reach::{Constraint, Display, ReachRow, ReachTable};

/// The excluded region of one (experiment, model, scenario) of a reach table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCurve {
    /// Experiment column.
    pub experiment: String,
    /// Model column.
    pub model: String,
    /// Scenario column.
    pub scenario: String,
    /// (m_X, g_low, g_high) of the masses where something is excluded, in table order.
    pub points: Vec<(f64, f64, Option<f64>)>,
}

/// The curves of the rows `keep` accepts, one per (experiment, model, scenario) in order of
/// first appearance; curves that exclude nothing are left out.
pub fn table_curves(table: &ReachTable, keep: impl Fn(&ReachRow) -> bool) -> Vec<TableCurve> {
    let mut curves: Vec<TableCurve> = Vec::new();
    for r in table.rows.iter().filter(|r| keep(r)) {
        let same = |c: &TableCurve| {
            c.experiment == r.experiment && c.model == r.model && c.scenario == r.scenario
        };
        if !curves.iter().any(same) {
            curves.push(TableCurve {
                experiment: r.experiment.clone(),
                model: r.model.clone(),
                scenario: r.scenario.clone(),
                points: Vec::new(),
            });
        }
        if let (Some(lo), Some(curve)) = (r.coupling_low, curves.iter_mut().find(|c| same(c))) {
            curve.points.push((r.mass_gev, lo, r.coupling_high));
        }
    }
    curves.retain(|c| !c.points.is_empty());
    curves
}

/// The regions of the constraint files whose model has spin `spin`, labelled with their model
/// (contours drawn as lines).
pub fn overlay_curves(spin: Spin, constraints: &[Constraint]) -> Vec<Curve> {
    labelled_curves(spin, constraints, true)
}

/// The regions of the constraint files of spin `spin`, labelled with or without their model.
fn labelled_curves(spin: Spin, constraints: &[Constraint], with_model: bool) -> Vec<Curve> {
    constraints
        .iter()
        .flat_map(Constraint::curves)
        .filter(|c| c.spin == spin && !c.points.is_empty())
        .map(|c| {
            let contour = c.display == Display::Contour;
            let label = if with_model { c.label } else { c.name };
            let mut curve = Curve::new(label, c.points);
            curve.contour = contour;
            curve
        })
        .collect()
}

/// The constraint files of reach panels: files the user overlays, drawn on every panel of
/// their model's spin, and the existing limits (shipped files and their recasts), each drawn on
/// the panels of its own model only.
#[derive(Debug, Clone, Default)]
pub struct PanelConstraints {
    /// User files (`--overlay`): every panel of their spin.
    pub overlays: Vec<Constraint>,
    /// Existing limits, one model per file: the panels of that model. A panel of a bare spin
    /// (a muon-only X that escapes, as ATLAS's `vector`) shows those of the muon-only preset.
    pub existing: Vec<Constraint>,
}

impl PanelConstraints {
    /// Only user overlays.
    pub fn overlays(overlays: &[Constraint]) -> Self {
        PanelConstraints {
            overlays: overlays.to_vec(),
            existing: Vec::new(),
        }
    }

    /// The existing limits drawn for `model`: those whose model is `model`, or, for a bare
    /// spin, the muon-only preset of that spin.
    pub fn existing_for(&self, model: &str) -> Vec<Constraint> {
        let wanted = match Spin::from_name(model) {
            Ok(Spin::Scalar) => Preset::MuonScalar.name(),
            Ok(Spin::Vector) => Preset::MuonVector.name(),
            _ => model,
        };
        self.existing
            .iter()
            .filter(|c| c.models().iter().all(|m| m.eq_ignore_ascii_case(wanted)))
            .cloned()
            .collect()
    }

    /// The curves of a panel of `model` (spin `spin`): existing limits first (labelled
    /// without the model, which is the panel's), then overlays.
    pub fn curves(&self, model: &str, spin: Spin) -> Vec<Curve> {
        let mut curves = labelled_curves(spin, &self.existing_for(model), false);
        curves.extend(overlay_curves(spin, &self.overlays));
        curves
    }
}

/// What the panels of one experiment share: its name, production method, mass grid, coupling
/// axis and (g−2)_μ settings.
#[derive(Debug, Clone, Copy)]
pub struct PanelSpec<'a> {
    /// Experiment name (title).
    pub experiment: &'a str,
    /// Production method name (title).
    pub method: &'a str,
    /// The scan's masses in GeV (mass axis and band).
    pub masses: &'a [f64],
    /// Coupling axis.
    pub coupling_range: (f64, f64),
    /// The (g−2)_μ band.
    pub g2: G2Settings,
}

/// One reach panel of an experiment: the curves of `model` in `table` (one per scenario,
/// labelled `experiment scenario`), the (g−2)_μ band of `spin` and the constraint files of that
/// spin, titled `model (experiment, method)`.
pub fn reach_panel(
    spec: &PanelSpec,
    table: &ReachTable,
    model: &str,
    spin: Spin,
    constraints: &PanelConstraints,
) -> Result<ReachFigure> {
    let masses = spec.masses;
    let mut figure = ReachFigure::new(
        format!(
            "{} ({}, {})",
            super::names::model_title(model),
            spec.experiment,
            spec.method
        ),
        (masses[0], masses[masses.len() - 1]),
        spec.coupling_range,
    );
    // One colour and one pattern per scenario, so that greyscale keeps them apart.
    figure.curves = table_curves(table, |r| r.model == model)
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            Curve::new(format!("{} {}", c.experiment, c.scenario), c.points)
                .styled(i, Dash::CYCLE[i % Dash::CYCLE.len()])
        })
        .collect();
    figure.overlays = constraints.curves(model, spin);
    figure.bands = g2_bands(spin, masses, spec.g2, None)?;
    Ok(figure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(scenario: &str, model: &str, mass_gev: f64, low: Option<f64>) -> ReachRow {
        ReachRow {
            experiment: "e".into(),
            model: model.into(),
            scenario: scenario.into(),
            mass_gev,
            coupling_low: low,
            coupling_high: None,
            limit: muforce::reach::LimitKind::Expected,
        }
    }

    /// Rows group by (experiment, model, scenario) in order; empty masses and empty curves
    /// drop out; the filter applies.
    #[test]
    fn curves_group_rows() {
        let table = ReachTable {
            provenance: Vec::new(),
            rows: vec![
                row("b", "scalar", 0.1, Some(1e-3)),
                row("a", "scalar", 0.1, None),
                row("b", "scalar", 0.2, None),
                row("b", "scalar", 0.3, Some(2e-3)),
                row("a", "scalar", 0.2, None),
                row("b", "vector", 0.1, Some(1e-3)),
            ],
        };
        let curves = table_curves(&table, |r| r.model == "scalar");
        assert_eq!(curves.len(), 1);
        assert_eq!(curves[0].scenario, "b");
        assert_eq!(curves[0].points, vec![(0.1, 1e-3, None), (0.3, 2e-3, None)]);
        assert_eq!(table_curves(&table, |_| true).len(), 2);
    }
}
