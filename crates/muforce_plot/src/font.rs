//! The embedded font (DejaVu Sans, Bitstream Vera licence: assets/DejaVuSans-LICENSE.txt),
//! registered once as plotters' "sans-serif".

use muforce::error::{Error, Result};
use std::sync::OnceLock;

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");
static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();

/// Registers the embedded font for every style plotters asks for.
pub fn ensure_registered() -> Result<()> {
    REGISTERED
        .get_or_init(|| {
            use plotters::style::{register_font, FontStyle};
            for style in [
                FontStyle::Normal,
                FontStyle::Bold,
                FontStyle::Italic,
                FontStyle::Oblique,
            ] {
                register_font("sans-serif", style, FONT)
                    .map_err(|_| "the embedded font is not a valid TrueType file".to_string())?;
            }
            Ok(())
        })
        .clone()
        .map_err(|message| Error::Io {
            path: "embedded font".into(),
            message,
        })
}
