//! The reach panels of one experiment: one per model it scans.

use super::reach_figure::ReachFigure;
use super::table_panel::{reach_panel, PanelConstraints, PanelSpec};
use muforce::error::Result;
use muforce::model::Spin;
use muforce::reach::ReachTable;

/// One [`reach_panel`] per model, in the order of `models` (each model's reach-table name and
/// spin): every scenario of `table`, the (g−2)_μ band of the model's spin and the constraint
/// files of that spin, on the axes and band of `spec`.
pub fn model_panels<'m>(
    spec: &PanelSpec,
    table: &ReachTable,
    models: impl IntoIterator<Item = (&'m str, Spin)>,
    constraints: &PanelConstraints,
) -> Result<Vec<ReachFigure>> {
    models
        .into_iter()
        .map(|(model, spin)| reach_panel(spec, table, model, spin, constraints))
        .collect()
}
