//! Unweighted events for a beam momentum spectrum: the event rate is flux(p) σ(p), so beam
//! momenta are drawn from the spectrum weighted by the cross section.
//!
//! Tables ([`Plane`]) are built at momentum nodes p_i (log spaced over the spectrum above the
//! threshold). Between two nodes the sampled density is linear in p at fixed table
//! coordinates (v, ln θ):
//!   rate(p, v, ln θ) = f(p) [(1 − w(p)) P_i(v, ln θ) + w(p) P_{i+1}(v, ln θ)],
//! w = (p − p_i)/(p_{i+1} − p_i), f the spectrum's flux per GeV (constant in each of its
//! bins). Splitting every node interval at the spectrum's bin edges makes each piece a sum of
//! two products (a linear density in p) × (one node table), so it is sampled exactly by
//! composition: a piece and a node from their weights, p from its linear density by inversion,
//! (v, θ) from that node's table; x follows from v at the drawn energy. Draws in closed
//! kinematics are rejected, as for a monochromatic beam.

use super::{beam, final_at, generate_chunked, reference_sigma, TDraw};
use super::{Event, Plane, TableSettings, XMap, XWindow};
use crate::error::{Error, Result};
use crate::numerics::Integral;
use crate::production::Process;
use crate::source::MomentumSpectrum;
use crate::units::M_MU;
use rand::Rng;
use rayon::prelude::*;

/// Settings of the spectrum generator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpectrumSettings {
    /// Grid and accuracy of each node's table.
    pub table: TableSettings,
    /// Momentum nodes (log spaced between the lowest open and the highest populated momentum).
    pub momentum_nodes: usize,
}

impl Default for SpectrumSettings {
    fn default() -> Self {
        SpectrumSettings {
            table: TableSettings::default(),
            momentum_nodes: 16,
        }
    }
}

/// One piece of the sampled density: flux × node table × a linear function of p on [a, b].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    a: f64,
    b: f64,
    /// The linear factor at a and at b (relative).
    c: (f64, f64),
    /// Index of the node table.
    node: usize,
}

/// The generator of one process for a beam momentum spectrum.
#[derive(Debug, Clone)]
pub struct SpectrumGenerator {
    /// The process (spin, mass, coupling, target).
    pub process: Process,
    /// The beam spectrum.
    pub spectrum: MomentumSpectrum,
    /// Node momenta, GeV.
    pub momenta: Vec<f64>,
    /// Node tables (`None` where the density vanishes: at the threshold).
    pub planes: Vec<Option<Plane>>,
    /// σ of the tabulated method at each node (θ ≤ θ_max), GeV⁻².
    pub sigma_reference: Vec<Integral>,
    /// σ of each node table's open part, GeV⁻².
    pub sigma_open: Vec<f64>,
    pieces: Vec<Piece>,
    /// Cumulative piece weights, ∫ f σ_table dp with f normalised to one muon.
    cumulative: Vec<f64>,
    /// Per piece: the node table's open fraction.
    open_fraction: Vec<f64>,
    t_draw: TDraw,
    window: XWindow,
}

/// The threshold momentum of μN → μNX at rest target, beam E = m_X + m_μ (the table's limit).
fn threshold_momentum(m_x: f64) -> f64 {
    let e = m_x + M_MU;
    ((e - M_MU) * (e + M_MU)).sqrt()
}

/// s ∈ [0, 1] from a density ∝ c0 + (c1 − c0) s by inversion of its CDF at u ∈ [0, 1)
/// (the root of the quadratic written without cancellation).
pub(super) fn linear_inverse(c0: f64, c1: f64, u: f64) -> f64 {
    let den = c0 + (c0 * c0 + u * (c1 * c1 - c0 * c0)).max(0.0).sqrt();
    if den > 0.0 {
        (u * (c0 + c1) / den).clamp(0.0, 1.0)
    } else {
        u
    }
}

impl SpectrumGenerator {
    /// Builds the node tables and the sampling pieces for `spectrum` (momenta in GeV; flux
    /// constant within each bin).
    pub fn new(
        process: Process,
        spectrum: MomentumSpectrum,
        settings: &SpectrumSettings,
    ) -> Result<Self> {
        settings.table.validate()?;
        let n = settings.momentum_nodes;
        if !(2..=256).contains(&n) {
            return Err(Error::out_of_range(
                "momentum_nodes",
                n,
                "must lie in [2, 256]",
            ));
        }
        let edges = spectrum.edges();
        let fractions = spectrum.fractions();
        let p_thr = threshold_momentum(process.mass_gev);
        let populated: Vec<usize> = (0..fractions.len())
            .filter(|&k| fractions[k] > 0.0 && edges[k + 1] > p_thr)
            .collect();
        let (Some(&first), Some(&last)) = (populated.first(), populated.last()) else {
            return Err(Error::out_of_range(
                "spectrum",
                format!("muons up to {} GeV", edges[edges.len() - 1]),
                format!("needs muons above the threshold momentum {p_thr:.4} GeV of m_X"),
            ));
        };
        let (p_lo, p_hi) = (edges[first].max(p_thr), edges[last + 1]);
        let momenta: Vec<f64> = (0..n)
            .map(|i| p_lo * (p_hi / p_lo).powf(i as f64 / (n - 1) as f64))
            .collect();
        let energies: Vec<f64> = momenta.iter().map(|p| p.hypot(M_MU)).collect();
        let planes = energies
            .par_iter()
            .map(|&e| {
                if e <= process.mass_gev + M_MU {
                    Ok(None)
                } else {
                    Plane::build_or_zero(&process, e, &settings.table)
                }
            })
            .collect::<Result<Vec<_>>>()?;
        let sigma_reference = energies
            .par_iter()
            .zip(&planes)
            .map(|(&e, plane)| match plane {
                Some(_) => reference_sigma(&process, e, &settings.table),
                None => Ok(Integral {
                    value: 0.0,
                    error: 0.0,
                    evaluations: 0,
                }),
            })
            .collect::<Result<Vec<_>>>()?;
        let sigma_open: Vec<f64> = planes
            .par_iter()
            .map(|p| {
                p.as_ref()
                    .map_or(0.0, |p| p.open_cells(&process, 16).iter().sum())
            })
            .collect();
        let mut g = SpectrumGenerator {
            t_draw: TDraw::new(process.form_factor),
            window: settings.table.window,
            process,
            spectrum,
            momenta,
            planes,
            sigma_reference,
            sigma_open,
            pieces: Vec::new(),
            cumulative: Vec::new(),
            open_fraction: Vec::new(),
        };
        g.make_pieces(&fractions);
        if g.cumulative.last().copied().unwrap_or(0.0) <= 0.0 {
            return Err(Error::out_of_range(
                "spectrum",
                "zero rate",
                "the cross section vanishes on every node table",
            ));
        }
        Ok(g)
    }

    /// The pieces of the density: every node interval cut at the spectrum's bin edges, two
    /// pieces (lower and upper node) each.
    fn make_pieces(&mut self, fractions: &[f64]) {
        let edges = self.spectrum.edges().to_vec();
        let p = self.momenta.clone();
        let mut breaks: Vec<f64> = edges
            .iter()
            .copied()
            .filter(|&e| e > p[0] && e < p[p.len() - 1])
            .chain(p.iter().copied())
            .collect();
        breaks.sort_by(f64::total_cmp);
        breaks.dedup();
        let mut sum = 0.0;
        for w in breaks.windows(2) {
            let (a, b) = (w[0], w[1]);
            let mid = 0.5 * (a + b);
            let k = edges.partition_point(|&e| e <= mid);
            if k == 0 || k >= edges.len() {
                continue;
            }
            let flux = fractions[k - 1] / (edges[k] - edges[k - 1]);
            let i = p.partition_point(|&q| q <= mid).clamp(1, p.len() - 1) - 1;
            let span = p[i + 1] - p[i];
            let (wa, wb) = ((a - p[i]) / span, (b - p[i]) / span);
            for (node, c) in [(i, (1.0 - wa, 1.0 - wb)), (i + 1, (wa, wb))] {
                let sigma = self.planes[node].as_ref().map_or(0.0, |pl| pl.table.sigma);
                let weight = flux * sigma * (b - a) * 0.5 * (c.0 + c.1);
                if weight > 0.0 {
                    sum += weight;
                    self.cumulative.push(sum);
                    self.pieces.push(Piece { a, b, c, node });
                    self.open_fraction.push(self.sigma_open[node] / sigma);
                }
            }
        }
    }

    /// The flux-averaged σ of the generated events, ∫ f(p) σ(p) dp per beam muon, GeV⁻²
    /// (σ of each piece's node table times its open fraction at the node).
    pub fn sigma(&self) -> f64 {
        let mut previous = 0.0;
        let mut sum = 0.0;
        for (c, f) in self.cumulative.iter().zip(&self.open_fraction) {
            sum += (c - previous) * f;
            previous = *c;
        }
        sum
    }

    /// The flux-averaged σ of the tabulated method, GeV⁻²: the node values interpolated
    /// linearly in p, as the tables are.
    pub fn sigma_reference(&self) -> f64 {
        let mut previous = 0.0;
        let mut sum = 0.0;
        for (c, piece) in self.cumulative.iter().zip(&self.pieces) {
            let table = self.planes[piece.node]
                .as_ref()
                .map_or(0.0, |p| p.table.sigma);
            sum += (c - previous) * self.sigma_reference[piece.node].value / table;
            previous = *c;
        }
        sum
    }

    /// Relative difference of [`Self::sigma`] from [`Self::sigma_reference`].
    pub fn table_accuracy(&self) -> f64 {
        let r = self.sigma_reference();
        (self.sigma() - r) / r
    }

    /// One event.
    pub fn event<R: Rng>(&self, rng: &mut R) -> Event {
        let total = self.cumulative[self.cumulative.len() - 1];
        loop {
            let u = rng.random::<f64>() * total;
            let k = self
                .cumulative
                .partition_point(|&c| c <= u)
                .min(self.cumulative.len() - 1);
            let piece = &self.pieces[k];
            let s = linear_inverse(piece.c.0, piece.c.1, rng.random());
            let p = piece.a + s * (piece.b - piece.a);
            let e = p.hypot(M_MU);
            let Some(plane) = &self.planes[piece.node] else {
                continue;
            };
            let (v, theta) = plane.table.sample(rng);
            let Ok(map) = XMap::within(self.process.mass_gev, e, &self.window) else {
                continue;
            };
            if let Some(out) = final_at(&self.process, &self.t_draw, e, map.x(v), theta, rng) {
                return Event::at_origin(beam(e), out);
            }
        }
    }

    /// `count` events from `seed`, identical for any number of rayon threads.
    pub fn generate(&self, count: usize, seed: u64) -> Result<Vec<Event>> {
        generate_chunked(count, seed, |rng| self.event(rng))
    }
}
