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
