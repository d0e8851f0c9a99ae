//! The signal ρ histogram of one mediator at g = 1, per muon of each sample.
//!
//! GKSST (arXiv:1906.09272) Eq. S6:
//! dN_X/dρ = L_FT ∫dp_in P_fid(p_in) ∫₀^{θ_max} dθ p_in d²σ/(dp_out dθ)|_{p_out = p_in(1+ρ)},
//! with p_out ≥ p_min. Here the θ integral is inside dσ/dx (the angular cut of the
//! production method), the change of variable from x = 1 − E′/E to ρ is exact, the p_in
//! integral is the sum over the spectrum's bins (bin centres, weights = fractions), and each
//! true ρ is smeared with the Gaussian momentum resolution of
//! [`MomentumResolution::rho_width`](crate::experiment::MomentumResolution::rho_width) into
//! the analysis bins. The x integral per momentum uses Gauss–Legendre rules on the grid's
//! normalised coordinate (ln x below the split, ln(1 − x) above).

use crate::error::Result;
use crate::experiment::description::Experiment;
use crate::experiment::momentum_resolution::add_smeared;
use crate::model::Spin;
use crate::numerics::GaussLegendre;
use crate::production::grid::CrossSectionGrid;
use crate::production::prepared::muon_energy;
use crate::production::Process;
use crate::units::{gev2_to_cm2, M_MU};

/// Gauss–Legendre pieces per section of the x coordinate, and nodes per piece.
const PIECES: usize = 4;
const NODES: usize = 16;

/// The signal histograms of one mediator at g = 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    /// The mediator.
    pub spin: Spin,
    /// Its mass in GeV.
    pub mass_gev: f64,
    /// Per sample of the experiment (same order): expected events per bin per muon on target
    /// at g = 1, i.e. n_atom Δx σ_bin (dimensionless).
    pub per_muon: Vec<Vec<f64>>,
}

impl Signal {
    /// Events per bin at coupling g for `muons[i]` muons of sample i: g² Σ_i N_i s_i.
    pub fn events(&self, coupling: f64, muons: &[(usize, f64)]) -> Vec<f64> {
        let n = self.per_muon.first().map_or(0, Vec::len);
        let mut out = vec![0.0; n];
        for &(i, count) in muons {
            for (o, s) in out.iter_mut().zip(&self.per_muon[i]) {
                *o += coupling * coupling * count * s;
            }
        }
        out
    }
}

/// The smeared ρ histogram of one incoming momentum, in GeV⁻² per bin.
fn one_momentum(
    grid: &CrossSectionGrid,
    experiment: &Experiment,
    edges: &[f64],
    rule: &GaussLegendre,
    mass: f64,
    p_in: f64,
) -> Result<Vec<f64>> {
    let mut bins = vec![0.0; edges.len() - 1];
    let energy = muon_energy(p_in);
    let Some(window) = grid.window(energy) else {
        return Ok(bins);
    };
    // p_out ≥ p_out_min ⇔ x ≤ 1 − E′_min/E.
    let x_cut = (1.0 - muon_energy(experiment.cuts.p_out_min) / energy).min(window.hi);
    if x_cut <= window.lo || mass >= energy - M_MU {
        return Ok(bins);
    }
    let u_cut = window.u_of(x_cut);
    let mut sections = vec![(0.0, u_cut.min(1.0))];
    if u_cut > 1.0 {
        sections.push((1.0, u_cut));
    }
    for (a, b) in sections {
        for piece in 0..PIECES {
            let lo = a + (b - a) * piece as f64 / PIECES as f64;
            let hi = a + (b - a) * (piece + 1) as f64 / PIECES as f64;
            for (u, w) in rule.mapped(lo, hi) {
                let x = window.x_of(u);
                let jac = window.dx_du(u);
                let sigma = grid.eval(energy, x)?;
                if sigma <= 0.0 {
                    continue;
                }
                let e_out = (1.0 - x) * energy;
                let p_out = ((e_out - M_MU) * (e_out + M_MU)).max(0.0).sqrt();
                let rho = p_out / p_in - 1.0;
                let width = experiment.resolution.rho_width(p_in, rho);
                add_smeared(edges, rho, width, sigma * jac * w, &mut bins);
            }
        }
    }
    Ok(bins)
}

/// The signal of `spin` at `mass_gev` (g = 1) for every sample of `experiment`.
pub fn signal(experiment: &Experiment, spin: Spin, mass_gev: f64) -> Result<Signal> {
    let process = Process::new(
        spin,
        mass_gev,
        1.0,
        &experiment.target.material,
        experiment.form_factor,
    )?;
    let edges = experiment.analysis.edges();
    let nbins = edges.len() - 1;
    // Every momentum of every sample's occupied bins.
    let mut momenta: Vec<f64> = experiment
        .samples
        .iter()
        .flat_map(|s| s.spectrum.weighted_centres().into_iter().map(|(p, _)| p))
        .filter(|&p| p > experiment.cuts.p_out_min)
        .collect();
    momenta.sort_by(f64::total_cmp);
    momenta.dedup();
    let per_muon_scale = gev2_to_cm2(1.0) * experiment.target.atoms_per_cm2();
    let mut per_muon = vec![vec![0.0; nbins]; experiment.samples.len()];
    if momenta.is_empty() {
        return Ok(Signal {
            spin,
            mass_gev,
            per_muon,
        });
    }
    let e_min = muon_energy(momenta[0]);
    let e_max = muon_energy(momenta[momenta.len() - 1]);
    if mass_gev >= e_max - M_MU {
        return Ok(Signal {
            spin,
            mass_gev,
            per_muon,
        });
    }
    let grid = CrossSectionGrid::new(
        experiment.method,
        &process,
        &experiment.cuts,
        e_min,
        e_max,
        experiment.rel_tol,
    )?;
    let rule = GaussLegendre::new(NODES);
    let histograms = momenta
        .iter()
        .map(|&p| one_momentum(&grid, experiment, &edges, &rule, mass_gev, p))
        .collect::<Result<Vec<_>>>()?;
    for (sample, out) in experiment.samples.iter().zip(per_muon.iter_mut()) {
        for (p, fraction) in sample.spectrum.weighted_centres() {
            let Ok(i) = momenta.binary_search_by(|q| q.total_cmp(&p)) else {
                continue; // below p_out_min: no signal
            };
            for (o, h) in out.iter_mut().zip(&histograms[i]) {
                *o += fraction * h * per_muon_scale;
            }
        }
    }
    Ok(Signal {
        spin,
        mass_gev,
        per_muon,
    })
}
