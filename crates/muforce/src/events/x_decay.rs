//! X decaying in flight: the channel drawn from the model's branching ratios, the two-body
//! decay in the X rest frame, and the decay vertex drawn from the lab decay length.
//!
//! - Channel: from [`DecayTable::branching_ratios`] of the model at the event's coupling
//!   (the widths of REFERENCE §4; CPZ arXiv:1701.07437 Eqs. 4–8).
//! - Angles: isotropic in the X rest frame. Exact for a scalar or pseudoscalar (spin 0); for a
//!   vector or axial vector it is the distribution of an unpolarised X, because the production
//!   tables do not track X's polarisation (the correlation between the production plane and
//!   the decay plane is neglected).
//! - Vertex: the proper decay distance is exponential with mean cτ = ħc/Γ; in the lab it is
//!   ℓ = βγ cτ along X's momentum (CPZ Eq. 9), reached at c·t = ℓ E/|p|. Positions are in mm
//!   from the production point.
//! - Products: ℓ⁺ℓ⁻ (PDG 11, 13, 15), γγ (22), ν ν̄ (14, 16), χ χ̄ (muforce's code
//!   ±9000005, not PDG-assigned). An invisible width set by hand has no defined products:
//!   X is then left undecayed.

use super::kinematics::{boost, random_direction, FourVector};
use super::Event;
use crate::error::{Error, Result};
use crate::model::{Channel, DecayTable, Lepton, Mediator, Neutrino};
use rand::Rng;

/// muforce's particle code for the dark fermion χ (χ̄ is its negative); not PDG-assigned.
pub const CHI_PDG_ID: i64 = 9_000_005;

/// A decay product.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Daughter {
    /// PDG code.
    pub pdg: i64,
    /// Mass, GeV.
    pub mass_gev: f64,
    /// Lab four-momentum [E, px, py, pz], GeV.
    pub p: FourVector,
}

/// One decay of X.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XDecay {
    /// The channel.
    pub channel: Channel,
    /// The decay vertex from the production point: [x, y, z, c·t] in mm.
    pub vertex_mm: [f64; 4],
    /// The proper decay distance (c times the proper time), mm.
    pub proper_mm: f64,
    /// The two products.
    pub daughters: [Daughter; 2],
}

/// A channel the generator can decay into: its products' codes and masses.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Products {
    channel: Channel,
    pdg: [i64; 2],
    mass_gev: f64,
}

/// The decays of one X: its channels with their cumulative branching ratios and cτ.
#[derive(Debug, Clone, PartialEq)]
pub struct XDecays {
    mass_gev: f64,
    ctau_mm: f64,
    /// BR(X → invisible): ν ν̄, χ χ̄ and an invisible width set by hand.
    invisible_branching: f64,
    /// (products, cumulative branching ratio) of the channels with products; the invisible
    /// width set by hand takes the rest.
    channels: Vec<(Products, f64)>,
}

impl XDecays {
    /// The decays of `x` (mass, couplings, dark sector). An X without an open channel (stable
    /// in its model) is an error naming the mass.
    pub fn new(x: &Mediator) -> Result<Self> {
        let table = DecayTable::new(x)?;
        let mut cumulative = 0.0;
        let mut channels = Vec::new();
        for (channel, br) in table.branching_ratios() {
            cumulative += br;
            let (pdg, mass_gev) = match channel {
                Channel::Leptons(lepton) => {
                    let code = match lepton {
                        Lepton::Electron => 11,
                        Lepton::Muon => 13,
                        Lepton::Tau => 15,
                    };
                    ([code, -code], lepton.mass())
                }
                Channel::Photons => ([22, 22], 0.0),
                Channel::Neutrinos(Neutrino::Muon) => ([14, -14], 0.0),
                Channel::Neutrinos(Neutrino::Tau) => ([16, -16], 0.0),
                Channel::Dark => {
                    let chi = x.dark_sector().ok_or_else(|| {
                        Error::out_of_range("dark sector", "none", "needed for X -> chi chi")
                    })?;
                    ([CHI_PDG_ID, -CHI_PDG_ID], chi.mass())
                }
                Channel::InvisibleByHand => continue,
            };
            channels.push((
                Products {
                    channel,
                    pdg,
                    mass_gev,
                },
                cumulative,
            ));
        }
        Ok(XDecays {
            mass_gev: x.mass(),
            ctau_mm: table.ctau_m() * 1e3,
            invisible_branching: table.invisible_branching(),
            channels,
        })
    }

    /// BR(X → invisible) (ν ν̄, χ χ̄, an invisible width set by hand).
    pub fn invisible_branching(&self) -> f64 {
        self.invisible_branching
    }

    /// The decays of an X that an invisible search counts: the invisible channels only, their
    /// branching ratios divided by BR(X → invisible) (an invisible width set by hand keeps
    /// its share and leaves X undecayed). An X without an invisible decay is an error.
    pub fn invisible_only(&self) -> Result<Self> {
        self.only(true)
    }

    /// The decays of an X that a visible search counts: the visible channels only (e⁺e⁻,
    /// μ⁺μ⁻, τ⁺τ⁻, γγ), their branching ratios divided by 1 − BR(X → invisible). An X
    /// without a visible decay is an error.
    pub fn visible_only(&self) -> Result<Self> {
        self.only(false)
    }

    /// The channels whose invisibility is `invisible`, renormalised to their total.
    fn only(&self, invisible: bool) -> Result<Self> {
        let (total, kind) = if invisible {
            (self.invisible_branching, "invisible")
        } else {
            (1.0 - self.invisible_branching, "visible")
        };
        if total <= 0.0 {
            return Err(Error::out_of_range(
                "model",
                format!("m_X = {} GeV", self.mass_gev),
                format!("X has no {kind} decay at this mass: a {kind} search sees none"),
            ));
        }
        let mut previous = 0.0;
        let mut cumulative = 0.0;
        let mut channels = Vec::new();
        for &(products, c) in &self.channels {
            let br = c - previous;
            previous = c;
            if products.channel.is_invisible() == invisible {
                cumulative += br / total;
                channels.push((products, cumulative));
            }
        }
        Ok(XDecays {
            channels,
            invisible_branching: if invisible { 1.0 } else { 0.0 },
            ..*self
        })
    }

    /// The event-file header lines that say how X decays: the model, cτ, the channels with
    /// their branching ratios and the conventions of this module.
    pub fn header(&self, model: &str) -> Vec<(String, String)> {
        let mut previous = 0.0;
        let channels: Vec<String> = self
            .channels
            .iter()
            .map(|(products, cumulative)| {
                let br = cumulative - previous;
                previous = *cumulative;
                format!("{} {br:.6e}", products.channel.name())
            })
            .collect();
        vec![
            ("model".into(), model.into()),
            ("x_ctau_mm".into(), format!("{:.6e}", self.ctau_mm)),
            ("x_branching_ratios".into(), channels.join(", ")),
            ("x_decay".into(), "two-body, isotropic in the X rest frame (unpolarised X); vertex at proper distance drawn from exp(-d/ctau), lab position (x, y, z, ct) in mm from the production point; products: leptons 11/13/15, photons 22, neutrinos 14/16, chi +-9000005".into()),
        ]
    }

    /// cτ of X, mm.
    pub fn ctau_mm(&self) -> f64 {
        self.ctau_mm
    }

    /// The decay of an X of lab four-momentum `x` (GeV); `None` when the draw falls on an
    /// invisible width set by hand (no defined products).
    pub fn decay<R: Rng>(&self, x: &FourVector, rng: &mut R) -> Option<XDecay> {
        let u: f64 = rng.random();
        let (products, _) = self
            .channels
            .iter()
            .find(|(_, cumulative)| u < *cumulative)?;
        // Proper decay distance: exponential with mean cτ (1 − u avoids ln 0).
        let proper_mm = -self.ctau_mm * (1.0 - rng.random::<f64>()).ln();
        Some(self.decay_at(products, x, proper_mm, rng))
    }

    /// The decay of an X of lab four-momentum `x` forced into the lab flight distances
    /// [a, b] mm (b may be +∞), and the probability P = e^{−a/L} − e^{−b/L} that it decays
    /// there (CPZ arXiv:1701.07437 Eq. 15, L = βγcτ, Eq. 9): the distance is drawn from
    /// exp(−ℓ/L) restricted to [a, b]. `None` as for [`Self::decay`].
    pub fn decay_within<R: Rng>(
        &self,
        x: &FourVector,
        range_mm: (f64, f64),
        rng: &mut R,
    ) -> (Option<XDecay>, f64) {
        let (a, b) = range_mm;
        let p = (x[1] * x[1] + x[2] * x[2] + x[3] * x[3]).sqrt();
        let length = p / self.mass_gev * self.ctau_mm;
        // e^{−a/L}(1 − e^{−(b−a)/L}) without cancellation; −expm1(−∞) = 1.
        let open = -(-(b - a) / length).exp_m1();
        let probability = (-a / length).exp() * open;
        let u: f64 = rng.random();
        let Some((products, _)) = self.channels.iter().find(|(_, c)| u < *c) else {
            return (None, probability);
        };
        // Inversion of the truncated exponential: ℓ = a − L ln(1 − u (1 − e^{−(b−a)/L})).
        let lab_mm = a - length * (-rng.random::<f64>() * open).ln_1p();
        let proper_mm = lab_mm * self.mass_gev / p;
        (
            Some(self.decay_at(products, x, proper_mm, rng)),
            probability,
        )
    }

    /// The decay into `products` at proper distance `proper_mm`.
    fn decay_at<R: Rng>(
        &self,
        products: &Products,
        x: &FourVector,
        proper_mm: f64,
        rng: &mut R,
    ) -> XDecay {
        // Lab displacement βγ·(proper distance) along p̂ = (proper/m) p⃗; c·t = (proper/m) E.
        let to_lab = proper_mm / self.mass_gev;
        let vertex_mm = [x[1] * to_lab, x[2] * to_lab, x[3] * to_lab, x[0] * to_lab];
        let daughters = self.two_body(products, x, rng);
        XDecay {
            channel: products.channel,
            vertex_mm,
            proper_mm,
            daughters,
        }
    }

    /// The two products, isotropic in the X rest frame, boosted to the lab.
    fn two_body<R: Rng>(&self, products: &Products, x: &FourVector, rng: &mut R) -> [Daughter; 2] {
        let (m_x, m) = (self.mass_gev, products.mass_gev);
        // Equal masses: |p*| = (m_X/2) √(1 − 4m²/m_X²) (PDG "Kinematics", two-body decay).
        let p_star = 0.5 * ((m_x - 2.0 * m) * (m_x + 2.0 * m)).max(0.0).sqrt();
        let e_star = 0.5 * m_x;
        let direction = random_direction(rng);
        let beta = [x[1] / x[0], x[2] / x[0], x[3] / x[0]];
        let rest = |sign: f64| {
            [
                e_star,
                sign * p_star * direction[0],
                sign * p_star * direction[1],
                sign * p_star * direction[2],
            ]
        };
        [1.0, -1.0].map(|sign| Daughter {
            pdg: if sign > 0.0 {
                products.pdg[0]
            } else {
                products.pdg[1]
            },
            mass_gev: m,
            p: boost(&rest(sign), beta),
        })
    }

    /// Decays the X of every event in place, in chunks of [`CHUNK`] events with one PCG-64
    /// stream each (seeded from `seed` and the chunk index): identical for any number of
    /// threads.
    pub fn decay_all(&self, events: &mut [Event], seed: u64) {
        // A stream of its own, apart from the production streams of the same seed.
        let seed = seed ^ 0x7864_6563_6179_0000;
        super::for_each_seeded(events, seed, |event, rng| {
            event.x_decay = self.decay(&event.out.x, rng);
        });
    }
}
