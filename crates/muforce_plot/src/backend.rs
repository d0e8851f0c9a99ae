//! Output backend chosen by file extension.

use muforce::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::{BitMapBackend, DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};
use std::path::Path;

/// The image format of an output path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

/// Picks the format from the extension (`.svg` or `.png`, case-insensitive).
pub fn format_of(path: &Path) -> Result<Format> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => Ok(Format::Svg),
        Some("png") => Ok(Format::Png),
        _ => Err(Error::out_of_range(
            "figure path",
            path.display(),
            "must end in .svg or .png",
        )),
    }
}

/// Checks an axis range: finite low < high, and low > 0 on a log axis.
pub(crate) fn check_axis(field: &str, (lo, hi): (f64, f64), log: bool) -> Result<()> {
    if lo.is_finite() && hi.is_finite() && hi > lo && (!log || lo > 0.0) {
        Ok(())
    } else {
        Err(Error::out_of_range(
            field,
            format!("[{lo}, {hi}]"),
            "needs finite low < high (and low > 0 on a log axis)",
        ))
    }
}

/// Turns a drawing error into a library error naming the file.
pub fn drawing_error(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: format!("cannot draw the figure: {err}"),
    }
}

/// A figure that can draw itself on any plotters backend.
pub trait Figure {
    /// The height of the strip under the plot that the legend needs when drawn on an area of
    /// `size` pixels (None: the legend fits inside the plot or beside it).
    fn legend_strip(&self, size: (u32, u32), path: &Path) -> Result<Option<u32>>;

    /// Draws onto `root`, with the legend in a strip of `strip` pixels under the plot when
    /// given (else where it fits); `path` only names the file in error messages.
    fn draw_on<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        path: &Path,
        strip: Option<u32>,
    ) -> Result<()>;
}

/// Draws `figure` to `path` in the format its extension names, with the embedded font; the
/// image grows by the legend strip the figure needs, so that the plot keeps `size`.
pub fn render_to<F: Figure>(figure: &F, path: &Path, size: (u32, u32)) -> Result<()> {
    super::font::ensure_registered()?;
    let strip = figure.legend_strip(size, path)?;
    let size = (size.0, size.1 + strip.unwrap_or(0));
    match format_of(path)? {
        Format::Svg => {
            let root = SVGBackend::new(path, size).into_drawing_area();
            figure.draw_on(&root, path, strip)?;
            root.present().map_err(|e| drawing_error(path, e))
        }
        Format::Png => {
            let root = BitMapBackend::new(path, size).into_drawing_area();
            figure.draw_on(&root, path, strip)?;
            root.present().map_err(|e| drawing_error(path, e))
        }
    }
}
