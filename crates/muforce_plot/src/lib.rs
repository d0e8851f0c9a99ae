//! Figures of muforce (SVG or PNG, chosen by the file extension), drawn with plotters and an
//! embedded font so that no system fonts are needed: reach panels and overviews in the
//! (m_X, g_X) plane, line figures (spectra, line shapes, decay probabilities), and the
//! figures of each experiment family ([`experiments`]).
//!
//! The physics lives in the `muforce` library, which needs no font and no drawing code; this
//! crate only turns its tables into pictures. The shaded regions it draws ((g−2)_μ and
//! expected-limit bands) are the library's data types [`Band`] and [`BandKind`].

mod axes;
mod backend;
mod dash;
mod expected_bands;
pub mod experiments;
mod font;
mod heat_map;
mod legend;
mod line_figure;
mod model_panels;
mod names;
mod overview;
mod palette;
mod panels;
mod placement;
mod reach_figure;
mod rich_text;
mod scan_figures;
mod table_panel;
mod ticks;

pub use backend::format_of;
pub use dash::Dash;
pub use expected_bands::expected_bands;
pub use heat_map::HeatMap;
pub use legend::Legend;
pub use line_figure::{LineFigure, Series};
pub use model_panels::model_panels;
pub use muforce::reach::{
    g2_bands, g2_excluded_band, g2_favoured_band, Band, BandKind, G2Settings,
};
pub use overview::Overview;
pub use panels::render_panels;
pub use reach_figure::{Curve, ReachFigure};
pub use scan_figures::{envelope_figure, figure_masses, heat_map_figure, parameter_figure};
pub use table_panel::{
    overlay_curves, reach_panel, table_curves, PanelConstraints, PanelSpec, TableCurve,
};
