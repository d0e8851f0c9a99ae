//! Several reach figures side by side in one file (e.g. vector left, scalar right, as GKSST
//! Fig. 4).

use super::backend::{drawing_error, format_of, Figure, Format};
use super::font::ensure_registered;
use super::ReachFigure;
use muforce::error::{Error, Result};
use plotters::prelude::*;
use std::path::Path;

/// Draws `panels` left to right into one image of `size` pixels at `path` (.svg or .png).
pub fn render_panels(panels: &[ReachFigure], size: (u32, u32), path: &Path) -> Result<()> {
    if panels.is_empty() {
        return Err(Error::out_of_range(
            "panels",
            "[]",
            "needs at least one figure",
        ));
    }
    ensure_registered()?;
    macro_rules! draw_all {
        ($root:expr) => {{
            let root = $root.into_drawing_area();
            root.fill(&WHITE).map_err(|e| drawing_error(path, e))?;
            let areas = root.split_evenly((1, panels.len()));
            for (fig, area) in panels.iter().zip(&areas) {
                fig.draw_on(area, path)?;
            }
            root.present().map_err(|e| drawing_error(path, e))
        }};
    }
    match format_of(path)? {
        Format::Svg => draw_all!(SVGBackend::new(path, size)),
        Format::Png => draw_all!(BitMapBackend::new(path, size)),
    }
}
