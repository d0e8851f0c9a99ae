//! muforce: production, decays, (g−2)_μ and experimental reach of muonic force carriers —
//! light scalars and vectors X that couple to muons (μN → μNX, K⁺ → μ⁺νX).
//!
//! # What it implements
//!
//! * Galon, Kajamovitz, Shih, Soreq, Tarem, *Searching for muonic forces with the ATLAS
//!   detector*, arXiv:1906.09272 (Phys. Rev. D 101 (2020) 011701): ATLAS as a muon fixed
//!   target, the exact μN → μNX cross section, the ρ line shape and its binned likelihood
//!   ([`production::exact`], [`experiment::missing_momentum`]).
//! * Chen, Pospelov, Zhong, *Muon beam experiments to probe the dark sector*,
//!   arXiv:1701.07437 (Phys. Rev. D 95 (2017) 115005): scalar models A and B, widths and
//!   decay lengths, one-loop Δa_μ, the improved Weizsäcker–Williams cross section, muon beam
//!   dumps with energy loss ([`model`], [`production::iww`], [`experiment::beam_dump`]).
//! * The NA64μ missing-momentum search for an L_μ − L_τ Z′ (Gninenko, Krasnikov, Matveev,
//!   arXiv:1412.1400; NA64μ 2021 slides): [`model::Preset::LmuLtau`], the `na64mu`
//!   experiment.
//! * Krnjaic, Marques-Tavares, Redigolo, Tobioka, *Probing muonic forces and dark matter at
//!   kaon factories*, arXiv:1902.07715 (Phys. Rev. Lett. 124 (2020) 041802): K⁺ → μ⁺νX at
//!   NA62 ([`kaon`]).
//! * The exact 2 → 3 tree-level matrix elements of Liu, McKeen, Miller, arXiv:1609.06781, and
//!   Liu, Miller, arXiv:1705.01633; the form factors of Tsai, Rev. Mod. Phys. 46 (1974) 815
//!   ([`matter`]); the one-loop (g−2)_μ of Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1;
//!   the asymptotic CLs of Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727 ([`stats`]).
//!
//! # Example
//!
//! A 10 MeV L_μ − L_τ Z′ with g = 10⁻³: below 2m_μ it decays only to neutrinos, and its
//! one-loop Δa_μ is 9.912·10⁻⁹ (docs/reference.md §8, item 1, computed independently).
//!
//! ```
//! use muforce::model::{delta_a_mu, DecayTable, Preset, Spin};
//! let z_prime = Preset::LmuLtau.mediator(0.010, 1e-3)?;
//! assert_eq!(DecayTable::new(&z_prime)?.invisible_branching(), 1.0);
//! let da = delta_a_mu(Spin::Vector, 0.010, 1e-3)?.value;
//! assert!((da / 9.912e-9 - 1.0).abs() < 1e-3, "{da}");
//! # Ok::<(), muforce::Error>(())
//! ```
//!
//! Natural units (GeV) inside; see [`units`]. Formulas cite their sources in their doc
//! comments; "REFERENCE §n" refers to the physics reference in docs/reference.md.

pub mod error;
pub mod events;
pub mod experiment;
pub mod io;
pub mod kaon;
pub mod matter;
mod memo;
pub mod model;
pub mod numerics;
pub mod production;
pub mod reach;
pub mod recast;
pub mod source;
pub mod stats;
pub mod units;

pub use error::{Error, Result};
