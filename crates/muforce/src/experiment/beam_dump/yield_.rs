//! The signal yield of a muon beam dump with decays in flight: Chen, Pospelov, Zhong,
//! arXiv:1701.07437 ("CPZ"), Eqs. 14–20.
//!
//! N_S(g) = N_μ ∫₀^{y_end} dy n_atom ∫_{x_min}^{1} dx dσ/dx(E_μ(y), x; g) · P(z_min(y), z_max(y); L_X)
//! (CPZ Eq. 14–15), where E_μ(y) is the muon's energy at depth y (CPZ Eq. 16 for a constant
//! ⟨dE/dy⟩, or the continuous-slowing-down solution of [`MuonTransport`] for the full
//! ⟨dE/dx⟩(E)), L_X the lab decay length of X at E_X = x E_μ (CPZ Eq. 9 and the text under
//! Eq. 15), and P = exp(−z_min/L_X) − exp(−z_max/L_X) (CPZ Eq. 15). The fiducial region is
//! measured from the production point: z_min = (L_tg − y) + start, z_max = z_min + length,
//! which is CPZ Eq. 18 (NA64-type: start = L_det, length = ∞) and Eq. 20 (Fermilab:
//! start = 0, length = L_det).
//!
//! The depth integral uses Gauss–Legendre nodes in y (CPZ Eq. 17 is the same integral written
//! in E_μ for a constant stopping power); the x integral Gauss–Legendre panels in ln x between
//! the kinematic limits (m_X/E, 1 − m_μ/E) intersected with the cut. The production cross
//! section at g = 1 is kept per node: dσ/dx ∝ g², and the widths of every preset are
//! recomputed at each g with [`DecayTable`].

use crate::error::{Error, Result};
use crate::matter::energy_loss::{EnergyLossModel, MuonTransport};
use crate::matter::{FormFactorModel, Material};
use crate::memo::Memo;
use crate::model::{decay_probability, DecayTable, Preset};
use crate::numerics::GaussLegendre;
use crate::production::grid::CrossSectionGrid;
use crate::production::{prepared, Cuts, Method, Process};
use crate::units::{gev2_to_cm2, M_MU};

/// The fiducial decay region, measured from the downstream face of the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecayRegion {
    /// Distance from the target's end to the start of the region, m.
    pub start_m: f64,
    /// Length of the region, m (+∞: every decay beyond the start counts).
    pub length_m: f64,
}

impl DecayRegion {
    /// (z_min, z_max) in m for X produced at depth `depth_cm` in a target of `target_cm`:
    /// CPZ Eq. 18 / Eq. 20 with Δy = depth.
    pub fn limits_m(&self, target_cm: f64, depth_cm: f64) -> (f64, f64) {
        let z_min = ((target_cm - depth_cm).max(0.0)) * 1e-2 + self.start_m;
        (z_min, z_min + self.length_m)
    }
}

/// Everything the yield needs apart from the model and the mass.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpSetup {
    /// Target material.
    pub material: Material,
    /// Target length, cm.
    pub length_cm: f64,
    /// Form factor of the production cross section.
    pub form_factor: FormFactorModel,
    /// Beam energy, GeV (total energy of the incident muons).
    pub beam_energy_gev: f64,
    /// Muons below this energy are not followed (CPZ: 0.5 GeV at Fermilab), GeV.
    pub min_muon_energy_gev: f64,
    /// Energy loss in the target.
    pub energy_loss: EnergyLossModel,
    /// Production method.
    pub method: Method,
    /// Relative tolerance of the cross-section integrals.
    pub rel_tol: f64,
    /// x = E_X/E_μ window (CPZ x_min).
    pub x_min: f64,
    /// Upper end of the x window.
    pub x_max: f64,
    /// Gauss–Legendre nodes in depth.
    pub depth_points: usize,
    /// Panels of 8 Gauss–Legendre nodes in ln x.
    pub x_panels: usize,
    /// Where decays are seen (ignored for an invisible signal).
    pub decay: DecayRegion,
    /// The outgoing muon must have E′ < this (GeV), i.e. x > 1 − E′_max/E_μ at the local
    /// muon energy (NA64μ: E′ < 80 GeV, seed 003 and NA64 arXiv:2401.01708).
    pub e_out_max_gev: Option<f64>,
    /// Invisible signal: X is counted with its invisible branching ratio instead of the decay
    /// probability (the thick active target of NA64μ, REFERENCE §6.3).
    pub invisible: bool,
}

impl DumpSetup {
    /// The depth nodes with the local muon energy (transport in the target's material with
    /// the setup's energy-loss model).
    pub fn depth_nodes(&self) -> Result<Vec<DepthNode>> {
        depth_nodes(
            &self.transport()?,
            self.beam_energy_gev,
            self.min_muon_energy_gev,
            self.length_cm,
            self.depth_points,
        )
    }
}

impl DumpSetup {
    /// The muon's transport in the target: its material and the setup's energy-loss model,
    /// up to the beam energy.
    pub fn transport(&self) -> Result<MuonTransport> {
        // The table's upper end is round-tripped through ln: leave it a little above the beam.
        MuonTransport::new(
            &self.material,
            self.energy_loss,
            self.beam_energy_gev * (1.0 + 1e-9),
            1e-4,
        )
    }

    /// The depth over which muons are followed, cm ([`useful_depth_cm`]).
    pub fn useful_depth_cm(&self, transport: &MuonTransport) -> Result<f64> {
        useful_depth_cm(
            transport,
            self.beam_energy_gev,
            self.min_muon_energy_gev,
            self.length_cm,
        )
    }
}

/// One depth node: depth, local muon energy and quadrature weight (cm).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DepthNode {
    /// Depth y in cm.
    pub depth_cm: f64,
    /// Muon energy E_μ(y) in GeV.
    pub energy_gev: f64,
    /// Quadrature weight in cm.
    pub weight_cm: f64,
}

/// The depth over which muons are followed: the target, or less if the muon falls below
/// `min_energy` (CPZ Eq. 16 for a constant loss, [`MuonTransport::depth_cm`] otherwise).
pub fn useful_depth_cm(
    transport: &MuonTransport,
    beam_gev: f64,
    min_energy_gev: f64,
    length_cm: f64,
) -> Result<f64> {
    let floor = min_energy_gev.max(transport.min_energy_gev());
    if floor >= beam_gev {
        return Ok(0.0);
    }
    Ok(transport.depth_cm(beam_gev, floor)?.value.min(length_cm))
}

/// Gauss–Legendre depth nodes on [0, y_end] with the local muon energy E_μ(y).
pub fn depth_nodes(
    transport: &MuonTransport,
    beam_gev: f64,
    min_energy_gev: f64,
    length_cm: f64,
    points: usize,
) -> Result<Vec<DepthNode>> {
    let y_end = useful_depth_cm(transport, beam_gev, min_energy_gev, length_cm)?;
    if y_end <= 0.0 {
        return Ok(Vec::new());
    }
    GaussLegendre::new(points.max(1))
        .mapped(0.0, y_end)
        .map(|(y, w)| {
            Ok(DepthNode {
                depth_cm: y,
                energy_gev: transport.energy_after(beam_gev, y)?.energy_gev,
                weight_cm: w,
            })
        })
        .collect()
}

/// One quadrature point of the yield: weight (events per g² at g = 1 per muon), X energy and
/// the decay region seen from the production point.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    weight: f64,
    energy_x_gev: f64,
    z_min_m: f64,
    z_max_m: f64,
}

/// The yields built so far in this process, by their exact inputs (the overview figures and
/// recasts ask for the models and masses of the seed figures again), at most 1024 (about
/// 30 MB).
static BUILT_YIELDS: Memo<DumpYield> = Memo::new(1024);

/// The smallest `rel_tol` at which the yields read dσ/dx from a table over energy and x
/// ([`CrossSectionGrid`]: 49 x nodes per energy, energies 1.5 apart in E − m_X) instead of
/// evaluating it at each of the depth_points × x_panels × 8 nodes: the table changes the
/// produced yield of the Fermilab dump (3 → 0.5 GeV in W, exact) by at most 2 × 10⁻⁴ for
/// m_X ≤ 0.3 GeV and 2.5 × 10⁻³ near threshold (test `tabulated_yields_agree_with_direct`), and
/// takes 5–10 times less time. Finer tolerances evaluate every node.
pub(crate) const TABULATED_TOLERANCE: f64 = 1e-3;

/// Where a depth node's dσ/dx comes from: the table over all node energies, or the cross
/// section prepared at the node's energy.
enum NodeCrossSection<'a> {
    Table(&'a CrossSectionGrid),
    Direct(prepared::AtEnergy<'a>),
}

/// The yield of one model and mass, ready to be evaluated at any coupling.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpYield {
    preset: Preset,
    invisible: bool,
    mass_gev: f64,
    points: Vec<Point>,
}

impl DumpYield {
    /// Tabulates n_atom dy dx dσ/dx (g = 1) at every depth and x node for `preset` at
    /// `mass_gev` (CPZ Eq. 14, cross section by `setup.method`: IWW = CPZ Eqs. 12–13).
    pub fn new(setup: &DumpSetup, preset: Preset, mass_gev: f64) -> Result<Self> {
        Self::with_nodes(setup, &setup.depth_nodes()?, preset, mass_gev)
    }

    /// As [`DumpYield::new`] with the depth nodes of [`DumpSetup::depth_nodes`] computed
    /// once (the full energy-loss model tabulates ⟨dE/dx⟩, which a mass scan need not repeat).
    ///
    /// The yield is a pure function of the setup, the nodes, the spin of X and its mass, so
    /// one built earlier in the process for the same inputs is returned (for this preset)
    /// instead of building it again.
    pub fn with_nodes(
        setup: &DumpSetup,
        nodes: &[DepthNode],
        preset: Preset,
        mass_gev: f64,
    ) -> Result<Self> {
        let key = format!("{setup:?} {nodes:?} {:?} {mass_gev:?}", preset.spin());
        let built =
            BUILT_YIELDS.get_or_build(key, || Self::build(setup, nodes, preset, mass_gev))?;
        Ok(DumpYield { preset, ..built })
    }

    /// Tabulates the yield (see [`DumpYield::with_nodes`]).
    pub(super) fn build(
        setup: &DumpSetup,
        nodes: &[DepthNode],
        preset: Preset,
        mass_gev: f64,
    ) -> Result<Self> {
        let tabulated = setup.rel_tol >= TABULATED_TOLERANCE;
        Self::build_with(setup, nodes, preset, mass_gev, tabulated)
    }

    /// [`Self::build`], with dσ/dx read from a table over the node energies
    /// ([`CrossSectionGrid`]) when `tabulated`, else evaluated at every node.
    pub(super) fn build_with(
        setup: &DumpSetup,
        nodes: &[DepthNode],
        preset: Preset,
        mass_gev: f64,
        tabulated: bool,
    ) -> Result<Self> {
        let process = Process::new(
            preset.spin(),
            mass_gev,
            1.0,
            &setup.material,
            setup.form_factor,
        )?;
        let cuts = Cuts {
            x_min: setup.x_min,
            x_max: setup.x_max,
            ..Cuts::default()
        };
        let n_atom = setup.material.atoms_per_cm3();
        let rule = GaussLegendre::new(8);
        let mut points = Vec::new();
        // Below threshold (m_X ≥ E − m_μ, with a margin) nothing is produced.
        let produces = |e: f64| mass_gev < (e - M_MU) * (1.0 - 1e-9);
        let (e_lo, e_hi) = nodes
            .iter()
            .map(|n| n.energy_gev)
            .filter(|&e| produces(e))
            .fold((f64::MAX, 0.0_f64), |(lo, hi), e| (lo.min(e), hi.max(e)));
        let grid = if tabulated && e_lo <= e_hi {
            Some(CrossSectionGrid::new(
                setup.method,
                &process,
                &Cuts::default(),
                e_lo,
                e_hi,
                setup.rel_tol,
            )?)
        } else {
            None
        };
        for node in nodes.iter().copied() {
            let e = node.energy_gev;
            if !produces(e) {
                continue;
            }
            // Kinematic x range of the 2 → 3 process (REFERENCE §1.3): m_X/E < x < 1 − m_μ/E.
            let (k_lo, k_hi) = (mass_gev / e, 1.0 - M_MU / e);
            let x_cut = setup.e_out_max_gev.map_or(0.0, |e_out| 1.0 - e_out / e);
            let lo = k_lo.max(setup.x_min).max(x_cut);
            let hi = k_hi.min(setup.x_max);
            if lo >= hi {
                continue;
            }
            let cuts = Cuts {
                x_min: lo.max(cuts.x_min),
                ..cuts
            };
            let source = match &grid {
                Some(table) => NodeCrossSection::Table(table),
                None => NodeCrossSection::Direct(prepared::prepare(
                    setup.method,
                    &process,
                    e,
                    &cuts,
                    setup.rel_tol,
                )?),
            };
            let (u0, u1) = (lo.ln(), hi.ln());
            let panels = setup.x_panels.max(1);
            for p in 0..panels {
                let a = u0 + (u1 - u0) * p as f64 / panels as f64;
                let b = u0 + (u1 - u0) * (p + 1) as f64 / panels as f64;
                for (u, w) in rule.mapped(a, b) {
                    let x = u.exp();
                    let ds = match &source {
                        NodeCrossSection::Table(table) => table.eval(e, x)?,
                        NodeCrossSection::Direct(at) => at.dsigma_dx(x)?,
                    };
                    if ds <= 0.0 {
                        continue;
                    }
                    let (z_min_m, z_max_m) = setup.decay.limits_m(setup.length_cm, node.depth_cm);
                    points.push(Point {
                        weight: n_atom * node.weight_cm * w * x * gev2_to_cm2(ds),
                        energy_x_gev: (x * e).max(mass_gev),
                        z_min_m,
                        z_max_m,
                    });
                }
            }
        }
        Ok(DumpYield {
            preset,
            invisible: setup.invisible,
            mass_gev,
            points,
        })
    }

    /// The same production for `preset`, if it has this yield's spin: the tabulated n_atom dy
    /// dx dσ/dx is at g_μ = 1 and depends on the model only through the spin of X (the other
    /// couplings enter the decays alone), so a mass scan tabulates it once for every model.
    #[must_use]
    pub fn for_preset(&self, preset: Preset) -> Option<DumpYield> {
        (preset.spin() == self.preset.spin()).then(|| DumpYield {
            preset,
            ..self.clone()
        })
    }

    /// Produced X per muon at coupling g, before the decay requirement (n_atom ∫dy ∫dx dσ/dx).
    pub fn produced_per_muon(&self, g: f64) -> f64 {
        g * g * self.points.iter().map(|p| p.weight).sum::<f64>()
    }

    /// Σ weight × f(E_X) over the produced X, per muon at g = 1: the production-weighted sum
    /// of a per-X fraction `f` of the X energy in GeV (e.g. the probability that X flies a
    /// given length without a visible decay).
    pub fn weighted_sum(&self, mut f: impl FnMut(f64) -> Result<f64>) -> Result<f64> {
        let mut sum = 0.0;
        for p in &self.points {
            sum += p.weight * f(p.energy_x_gev)?;
        }
        Ok(sum)
    }

    /// The probability-weighted mean of CPZ Eq. 15's decay factor over the produced X
    /// (CPZ Fig. 4); 0 when nothing is produced.
    pub fn decay_fraction(&self, g: f64) -> Result<f64> {
        let total: f64 = self.points.iter().map(|p| p.weight).sum();
        if total <= 0.0 {
            return Ok(0.0);
        }
        Ok(self.decays_in_region(g)? / total)
    }

    /// Σ weight × P over the nodes at coupling g (without the g² of production).
    fn decays_in_region(&self, g: f64) -> Result<f64> {
        if self.points.is_empty() {
            return Ok(0.0);
        }
        let mediator = self.preset.mediator(self.mass_gev, g)?;
        let table = DecayTable::new(&mediator)?;
        if self.invisible {
            // REFERENCE §6.3: N = N_MOT n_atom Σ ΔL_i σ(E_i) BR(Z′ → invisible).
            let total: f64 = self.points.iter().map(|p| p.weight).sum();
            return Ok(total * table.invisible_branching());
        }
        let mut sum = 0.0;
        for p in &self.points {
            let length = table.decay_length_m(p.energy_x_gev)?;
            sum += p.weight * decay_probability(length, p.z_min_m, p.z_max_m)?;
        }
        // A visible search sees the decays into charged leptons and photons only: CPZ
        // Eq. 15 counts every decay of a muon-coupled scalar, all of them visible; a Z′ of
        // L_μ − L_τ decays into νν̄ as well, which the detector does not see.
        Ok(sum * (1.0 - table.invisible_branching()))
    }

    /// Signal events per muon at coupling g: CPZ Eq. 15 divided by N_μ.
    pub fn events_per_muon(&self, g: f64) -> Result<f64> {
        if !(g.is_finite() && g > 0.0) {
            return Err(Error::out_of_range("coupling", g, "must be finite and > 0"));
        }
        Ok(g * g * self.decays_in_region(g)?)
    }

    /// The model.
    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// m_X in GeV.
    pub fn mass_gev(&self) -> f64 {
        self.mass_gev
    }
}
