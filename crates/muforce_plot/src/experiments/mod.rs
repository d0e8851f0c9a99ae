//! The figures of each experiment family: beam dumps (CPZ arXiv:1701.07437 Figs. 4–5),
//! thick active targets with missing momentum (NA64μ, M3) and the kaon channel (NA62).

pub mod beam_dump;
pub mod kaon;
pub mod missing_momentum;
