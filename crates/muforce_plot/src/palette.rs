//! Colours of every figure, chosen to stay apart for readers with a colour-vision deficiency.
//!
//! Curves take the Okabe–Ito palette (M. Okabe and K. Ito, "Color Universal Design", 2008),
//! in the order of the Python layer (`muforce.plot.PALETTE`) so that both draw an experiment
//! in the same colour; line patterns ([`super::dash::Dash`]) separate curves in greyscale.
//! The shaded regions keep the field's meanings (favoured green, excluded red, expected ±1σ
//! green and ±2σ yellow) in Okabe–Ito tones: bluish green against vermillion, and bluish
//! green against yellow, differ in hue and lightness under deuteranopia and protanopia, where
//! the usual pure green and red or green and yellow collapse to one olive.

use plotters::prelude::RGBColor;

/// Okabe–Ito, ordered so that neighbours differ most; yellow, weak on white, comes last.
pub(crate) const PALETTE: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x00, 0x00), // black
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];

/// The index of black in [`PALETTE`].
pub(crate) const BLACK_INDEX: usize = 6;

/// Edges of the existing limits: dark greys and browns, apart from the projections' colours.
pub(crate) const OVERLAY_EDGES: [RGBColor; 4] = [
    RGBColor(0x50, 0x50, 0x50),
    RGBColor(0x78, 0x5A, 0x32),
    RGBColor(0x3C, 0x50, 0x6E),
    RGBColor(0x6E, 0x3C, 0x5A),
];

/// The fill of every existing limit: one light grey, so that overlapping limits darken
/// evenly, as the field draws them; their edges keep the colours above.
pub(crate) const OVERLAY_FILL: RGBColor = RGBColor(0x80, 0x80, 0x80);

/// The (g−2)_μ favoured band (Okabe–Ito bluish green).
pub(crate) const FAVOURED: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// The couplings (g−2)_μ excludes (Okabe–Ito vermillion).
pub(crate) const EXCLUDED: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// The expected ±1σ band (Okabe–Ito bluish green).
pub(crate) const ONE_SIGMA: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// The expected ±2σ band (Okabe–Ito yellow).
pub(crate) const TWO_SIGMA: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
