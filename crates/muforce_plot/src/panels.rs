//! Several reach figures side by side in one file (e.g. vector left, scalar right, as GKSST
//! Fig. 4).

use super::backend::{drawing_error, format_of, Figure, Format};
use super::font::ensure_registered;
use super::ReachFigure;
use muforce::error::{Error, Result};
use plotters::prelude::*;
use std::path::Path;

/// Draws `panels` left to right into one image of `size` pixels at `path` (.svg or .png); if
/// a panel's legend needs a strip under its plot, the image grows by the tallest and every
/// panel takes a strip of that height, so that the plots stay aligned.
pub fn render_panels(panels: &[ReachFigure], size: (u32, u32), path: &Path) -> Result<()> {
    if panels.is_empty() {
        return Err(Error::out_of_range(
            "panels",
            "[]",
            "needs at least one figure",
        ));
    }
    ensure_registered()?;
    let each = (size.0 / panels.len() as u32, size.1);
    let mut strip: Option<u32> = None;
    for panel in panels {
        if let Some(h) = panel.legend_strip(each, path)? {
            strip = Some(strip.unwrap_or(0).max(h));
        }
    }
    let size = (size.0, size.1 + strip.unwrap_or(0));
    macro_rules! draw_all {
        ($root:expr) => {{
            let root = $root.into_drawing_area();
            root.fill(&WHITE).map_err(|e| drawing_error(path, e))?;
            let areas = root.split_evenly((1, panels.len()));
            for (fig, area) in panels.iter().zip(&areas) {
                fig.draw_on(area, path, strip)?;
            }
            root.present().map_err(|e| drawing_error(path, e))
        }};
    }
    match format_of(path)? {
        Format::Svg => draw_all!(SVGBackend::new(path, size)),
        Format::Png => draw_all!(BitMapBackend::new(path, size)),
    }
}
