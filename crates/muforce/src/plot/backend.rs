//! Output backend chosen by file extension.

use crate::error::{Error, Result};
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

/// Turns a drawing error into a library error naming the file.
pub fn drawing_error(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: format!("cannot draw the figure: {err}"),
    }
}

/// A figure that can draw itself on any plotters backend.
pub trait Figure {
    /// Draws onto `root`; `path` only names the file in error messages.
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, path: &Path)
        -> Result<()>;
}

/// Draws `figure` to `path` in the format its extension names, with the embedded font.
pub fn render_to<F: Figure>(figure: &F, path: &Path, size: (u32, u32)) -> Result<()> {
    super::font::ensure_registered()?;
    match format_of(path)? {
        Format::Svg => {
            let root = SVGBackend::new(path, size).into_drawing_area();
            figure.draw_on(&root, path)?;
            root.present().map_err(|e| drawing_error(path, e))
        }
        Format::Png => {
            let root = BitMapBackend::new(path, size).into_drawing_area();
            figure.draw_on(&root, path)?;
            root.present().map_err(|e| drawing_error(path, e))
        }
    }
}
