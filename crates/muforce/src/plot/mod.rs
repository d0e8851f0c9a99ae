//! Figures (SVG or PNG, chosen by the file extension), drawn with plotters and an embedded
//! font so that no system fonts are needed.

mod backend;
mod expected_bands;
mod font;
mod g2_bands;
mod legend;
mod line_figure;
mod model_panels;
mod overview;
mod panels;
mod reach_figure;
mod table_panel;

pub use expected_bands::expected_bands;
pub use g2_bands::{g2_bands, g2_excluded_band, g2_favoured_band};
pub use legend::Legend;
pub use line_figure::{LineFigure, Series};
pub use model_panels::model_panels;
pub use overview::Overview;
pub use panels::render_panels;
pub use reach_figure::{Band, BandKind, Curve, Dash, ReachFigure};
pub use table_panel::{
    overlay_curves, reach_panel, table_curves, G2Settings, PanelConstraints, PanelSpec, TableCurve,
};
