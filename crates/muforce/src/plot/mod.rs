//! Figures (SVG or PNG, chosen by the file extension), drawn with plotters and an embedded
//! font so that no system fonts are needed.

mod backend;
mod font;
mod line_figure;
mod panels;
mod reach_figure;

pub use line_figure::{LineFigure, Series};
pub use panels::render_panels;
pub use reach_figure::{Band, Curve, ReachFigure};
