//! Figures (SVG or PNG, chosen by the file extension), drawn with plotters and an embedded
//! font so that no system fonts are needed.

mod backend;
mod font;
mod reach_figure;

pub use reach_figure::{Band, Curve, ReachFigure};
