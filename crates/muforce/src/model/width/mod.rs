//! Partial widths of X, channel by channel.
//!
//! Closed channels (below threshold, forbidden for this spin, or absent from the model) are
//! [`Error::Closed`]; an open channel with zero coupling has width 0.

mod spin0;
mod spin1;

use super::channel::Channel;
use super::lepton::Lepton;
use super::mediator::Mediator;
use crate::error::{Error, Result};

/// β = √(1 − 4m_f²/m²) if m > 2m_f, else a [`Error::Closed`] for `channel`.
fn velocity(channel: Channel, mass: f64, m_f: f64, particle: &str) -> Result<f64> {
    if mass > 2.0 * m_f {
        let ratio = 2.0 * m_f / mass;
        Ok(((1.0 - ratio) * (1.0 + ratio)).sqrt())
    } else {
        Err(Error::Closed {
            what: format!("X -> {channel}"),
            reason: format!(
                "m_X = {mass:e} GeV is not above the threshold 2 m_{particle} = {:e} GeV",
                2.0 * m_f
            ),
        })
    }
}

fn closed(channel: Channel, reason: impl Into<String>) -> Error {
    Error::Closed {
        what: format!("X -> {channel}"),
        reason: reason.into(),
    }
}

/// Γ(X → `channel`) in GeV, for any spin (formulas and sources in the `spin0` and `spin1`
/// modules: CPZ Eqs. 4–6 for the scalar, REFERENCE §4.1–4.2, Djouadi Phys. Rept. 459 (2008) 1
/// for the pseudoscalar).
///
/// Far above threshold a vector's Dirac pair μ⁺μ⁻ has twice the width of one left-handed
/// neutrino flavour, g²m/(12π) against g²m/(24π), and a scalar's g²m/(8π) is 3/2 of the
/// vector's (REFERENCE §4.1–4.2). Below threshold the channel is closed, saying why.
///
/// ```
/// use muforce::model::{partial_width, Channel, Lepton, Neutrino, Preset};
/// use std::f64::consts::PI;
/// let (m, g) = (50.0, 1e-3); // m ≫ 2 m_μ
/// let z = Preset::LmuLtau.mediator(m, g)?;
/// let mumu = partial_width(&z, Channel::Leptons(Lepton::Muon))?;
/// let nunu = partial_width(&z, Channel::Neutrinos(Neutrino::Muon))?;
/// assert!((mumu / (g * g * m / (12.0 * PI)) - 1.0).abs() < 1e-4);
/// assert!((mumu / nunu - 2.0).abs() < 1e-4);
/// let s = Preset::MuonScalar.mediator(m, g)?;
/// let scalar = partial_width(&s, Channel::Leptons(Lepton::Muon))?;
/// assert!((scalar / mumu - 1.5).abs() < 1e-4);
/// let light = Preset::MuonScalar.mediator(0.1, g)?;
/// let err = partial_width(&light, Channel::Leptons(Lepton::Muon)).unwrap_err().to_string();
/// assert!(err.contains("X -> mu mu is closed") && err.contains("threshold"), "{err}");
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn partial_width(x: &Mediator, channel: Channel) -> Result<f64> {
    let spin = x.spin();
    let mass = x.mass();
    let vector_like = spin.is_vector_like();
    match channel {
        Channel::Leptons(lepton) => {
            let m_l = lepton.mass();
            let beta = velocity(channel, mass, m_l, lepton.name())?;
            let g = x.couplings().lepton(lepton);
            Ok(if vector_like {
                spin1::fermion_pair(spin, g, mass, m_l, beta)
            } else {
                spin0::fermion_pair(spin, g, mass, beta)
            })
        }
        Channel::Photons => {
            if vector_like {
                return Err(closed(
                    channel,
                    format!("a {spin} cannot decay to two photons (Landau-Yang theorem)"),
                ));
            }
            let loops = Lepton::ALL.map(|l| (x.couplings().lepton(l), l.mass()));
            Ok(spin0::photons(spin, mass, &loops))
        }
        Channel::Neutrinos(nu) => {
            if !vector_like {
                return Err(closed(
                    channel,
                    format!("a {spin} does not couple to (left-handed) neutrinos in this model"),
                ));
            }
            Ok(spin1::neutrino_pair(x.couplings().neutrino(nu), mass))
        }
        Channel::Dark => {
            let dark = x
                .dark_sector()
                .ok_or_else(|| closed(channel, "the model has no dark particle chi"))?;
            let beta = velocity(channel, mass, dark.mass(), "chi")?;
            let g = dark.coupling();
            Ok(if vector_like {
                spin1::dark_pair(spin, dark.kind(), g, mass, dark.mass(), beta)
            } else {
                let dirac = spin0::fermion_pair(spin, g, mass, beta);
                match dark.kind() {
                    super::ChiKind::Majorana => 0.5 * dirac,
                    _ => dirac,
                }
            })
        }
        Channel::InvisibleByHand => x
            .invisible_width()
            .ok_or_else(|| closed(channel, "no invisible width was set")),
    }
}

/// Every channel that is open for `x` and has a non-zero width, with its width in GeV, in the
/// order of [`Channel::ALL`].
pub fn open_widths(x: &Mediator) -> Vec<(Channel, f64)> {
    Channel::ALL
        .into_iter()
        .filter_map(|c| partial_width(x, c).ok().map(|w| (c, w)))
        .filter(|&(_, w)| w > 0.0)
        .collect()
}

#[cfg(test)]
mod tests;
