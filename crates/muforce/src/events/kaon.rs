//! The signal events of a kaon experiment (family `kaon`, experiments/na62.toml): K⁺ → μ⁺ν X
//! in flight, X then decaying as the experiment's reach counts it.
//!
//! The rate is that of the kaon module (REFERENCE §7; the NA62 slides' dΓ/dm²_miss =
//! (256π³m_K³)⁻¹ ∫ Σ|M|² dm²_{μX}, after Krnjaic, Marques-Tavares, Redigolo, Tobioka,
//! arXiv:1902.07715). The events follow it:
//!
//! - **Kaon.** K⁺ of the beam momentum along +z (a pencil beam on the axis). Its decay point is
//!   drawn in the fiducial volume (FV) from the decay-length exponential exp(−z/λ_K),
//!   λ_K = (p_K/m_K) cτ_K, truncated to the FV, as [`DecayVolume`] averages over it. The vertex
//!   [x, y, z, c·t] is in mm, z downstream of the target as the [`DecayVolume`] measures it
//!   (FV 105–180 m at NA62), and c·t = z E_K/p_K (the K⁺ made at the target at t = 0).
//! - **Missing mass.** s12 = m²_miss = (p_K − p_μ)² from [`ratio_density`] (1/Γ(K→μν))
//!   dΓ/ds12 by inverse CDF of its linear interpolation in ln s12 on a table of
//!   [`MISSING_MASS_NODES`] nodes (the interpolation error is far below the Monte Carlo error
//!   of any sample of ≲ 10⁸ events).
//! - **Dalitz variable.** s23 = (p_μ + p_X)² given s12 from the spin-summed |M|² ∝ T_K of
//!   [`reduced_amplitude_squared`] by accept–reject: with d = s23 − m_μ², T_K d² is a cubic in
//!   d (REFERENCE §7: every numerator N_S, N_LL, N_Vμ is cubic in D = s23 − m_μ²), so T_K d is
//!   bounded on each of up to 16 pieces of [ln d₋, ln d₊] by the sum of its terms' bounds
//!   (each term is monotonic in d); ln d is drawn from that piecewise-constant envelope and
//!   accepted with probability T_K d / bound. The draw is exact.
//! - **Angles.** The decay plane is isotropic in the K⁺ rest frame (the K⁺ is spinless), the
//!   μ–X opening angle fixed by p_ν = −(p_μ + p_X) (PDG Review "Kinematics", three-body
//!   decays); then the boost along the beam.
//! - **X.** Its decays from the model's widths (REFERENCE §4, the muforce presets of
//!   [`crate::kaon::preset`]), counted as the scenario's reach counts them:
//!   an invisible search ([`KaonSearch::Invisible`]) counts an X that decays invisibly or
//!   survives to the end of the detector, f = BR(inv) + (1 − BR(inv)) P_esc with
//!   P_esc = exp(−ℓ_det/L) (CPZ arXiv:1701.07437 Eqs. 9, 15; L = βγcτ, ℓ_det the flight to the
//!   detector-end plane); the event carries f, and X decays invisibly with probability
//!   BR(inv)/f, otherwise visibly beyond the detector end ([`XDecays::decay_within`]).
//!   A visible search ([`KaonSearch::Visible`]) counts X → μ⁺μ⁻ inside the FV: X is forced to
//!   decay to μ⁺μ⁻ between its production and the FV end, and the event carries
//!   BR(X → μμ) P_FV with P_FV = 1 − exp(−ℓ_FV/L).
//! - **Weights.** Event i has w_i = g² S₁ f_i / N, S₁ the reach's signal per g² of the
//!   scenario (N_K 𝒜 ε_trigger BR(K → μν) Γ(window)/Γ(K → μν) per g² for the invisible search;
//!   times the m_μμ window efficiency of the visible search): Σ w_i estimates the expected
//!   events, which [`KaonEvents::expected_events`] computes with the reach code
//!   ([`crate::kaon::reach_table`]'s g² P_inv(g) S₁, resp. g² BR P_FV S₁).
//!
//! Generation runs in chunks of [`CHUNK`] events, one PCG-64 stream per chunk seeded from the
//! master seed and the chunk index: the events do not depend on the number of threads.

use super::kinematics::{boost, frame, random_azimuth, random_direction, FourVector};
use super::{Daughter, XDecay, XDecays};
use crate::error::{Error, Result};
use crate::kaon::{
    check_x_mass, decay_table, preset, ratio_density, reduced_amplitude_squared, s12_range,
    s23_range, signal_boosts, total_ratio, BoostSpectrum, DecayVolume, KaonExperiment, KaonModel,
    KaonSearch, XInVolume, BR_K_MU_NU, DIMUON_THRESHOLD,
};
use crate::model::{Channel, Lepton};
use crate::units::{M_K, M_MU};
use rand::Rng;
use rayon::prelude::*;

/// Nodes of the m²_miss table (equal steps in ln s12).
pub const MISSING_MASS_NODES: usize = 4096;

/// Largest number of pieces of the s23 envelope, and their width in ln d.
const S23_PIECES: usize = 16;
const S23_PIECE_LN: f64 = 0.25;
/// Accept–reject tries of one s23 draw before the last proposal is taken: a guard against an
/// endless loop only (the envelope's acceptance is of order one: pieces ≤ 0.25 wide in ln d).
const S23_TRIES: usize = 100_000;

/// One K⁺ → μ⁺ν X event in the lab frame of the experiment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KaonEvent {
    /// K⁺ four-momentum [E, px, py, pz] (GeV), along +z.
    pub kaon: FourVector,
    /// μ⁺ from the K⁺ decay.
    pub muon: FourVector,
    /// ν_μ from the K⁺ decay.
    pub neutrino: FourVector,
    /// X.
    pub x: FourVector,
    /// The K⁺ decay vertex [x, y, z, c·t] in mm: z downstream of the target as the
    /// [`DecayVolume`] measures it, beam along +z on the axis, c·t = z E_K/p_K.
    pub vertex_mm: [f64; 4],
    /// X's decay, its vertex [x, y, z, c·t] in mm from the K⁺ decay vertex; `None` for a
    /// stable X or an invisible width without products.
    pub x_decay: Option<XDecay>,
    /// The event's share of the expected signal events.
    pub weight: f64,
}

fn minkowski(p: &FourVector) -> f64 {
    p[0] * p[0] - p[1] * p[1] - p[2] * p[2] - p[3] * p[3]
}

impl KaonEvent {
    const EMPTY: KaonEvent = KaonEvent {
        kaon: [0.0; 4],
        muon: [0.0; 4],
        neutrino: [0.0; 4],
        x: [0.0; 4],
        vertex_mm: [0.0; 4],
        x_decay: None,
        weight: 0.0,
    };

    /// m²_miss = (p_K − p_μ)² in GeV² (= s12 of the Dalitz plot).
    pub fn m2_miss(&self) -> f64 {
        minkowski(&std::array::from_fn(|k| self.kaon[k] - self.muon[k]))
    }

    /// X's decay vertex [x, y, z, c·t] in mm in the experiment's frame (the K⁺ vertex plus
    /// X's flight), if X decays.
    pub fn x_decay_vertex_mm(&self) -> Option<[f64; 4]> {
        self.x_decay
            .map(|d| std::array::from_fn(|k| self.vertex_mm[k] + d.vertex_mm[k]))
    }
}

/// Inverse-CDF sampling of a density linear in u = ln s12 between equally spaced nodes.
#[derive(Debug, Clone)]
struct MissingMassTable {
    u0: f64,
    step: f64,
    range: (f64, f64),
    /// s12 × (1/Γ) dΓ/ds12 per g² at the nodes (the density in ln s12).
    density: Vec<f64>,
    /// Integral up to each node.
    cumulative: Vec<f64>,
}

impl MissingMassTable {
    fn new(model: KaonModel, m_x: f64, (lo, hi): (f64, f64)) -> Result<Self> {
        let n = MISSING_MASS_NODES;
        let (u0, u1) = (lo.ln(), hi.ln());
        let step = (u1 - u0) / (n - 1) as f64;
        let density = (0..n)
            .into_par_iter()
            .map(|i| {
                let s12 = if i + 1 == n {
                    hi
                } else {
                    (u0 + step * i as f64).exp()
                };
                Ok((s12 * ratio_density(model, m_x, s12)?.value).max(0.0))
            })
            .collect::<Result<Vec<f64>>>()?;
        let mut cumulative = Vec::with_capacity(n);
        let mut sum = 0.0;
        cumulative.push(0.0);
        for w in density.windows(2) {
            sum += 0.5 * step * (w[0] + w[1]);
            cumulative.push(sum);
        }
        if !(sum > 0.0 && sum.is_finite()) {
            return Err(Error::out_of_range(
                "m_miss^2 window",
                format!("[{lo}, {hi}] GeV^2"),
                "holds no K+ -> mu+ nu X rate for this model and mass",
            ));
        }
        Ok(MissingMassTable {
            u0,
            step,
            range: (lo, hi),
            density,
            cumulative,
        })
    }

    fn sample<R: Rng>(&self, rng: &mut R) -> f64 {
        let c = &self.cumulative;
        let r = rng.random::<f64>() * c[c.len() - 1];
        let k = c.partition_point(|&x| x <= r).clamp(1, c.len() - 1) - 1;
        let (g0, g1) = (self.density[k], self.density[k + 1]);
        let rest = (r - c[k]).max(0.0);
        // g0 x + (g1 − g0) x²/(2h) = rest, in the cancellation-free root form.
        let slope = (g1 - g0) / self.step;
        let disc = (g0 * g0 + 2.0 * slope * rest).max(0.0);
        let denominator = g0 + disc.sqrt();
        let x = if denominator > 0.0 {
            (2.0 * rest / denominator).min(self.step)
        } else {
            0.0
        };
        (self.u0 + self.step * k as f64 + x)
            .exp()
            .clamp(self.range.0, self.range.1)
    }

    fn total(&self) -> f64 {
        self.cumulative[self.cumulative.len() - 1]
    }
}

/// T_K(s12, s23) = prefactor × (c₀ + c₁d + c₂d² + c₃d³)/d², d = s23 − m_μ²: the numerators of
/// REFERENCE §7 ([`reduced_amplitude_squared`]) collected in powers of d.
pub(crate) fn amplitude_cubic(model: KaonModel, m_x: f64, s12: f64) -> (f64, [f64; 4]) {
    let m2 = M_MU * M_MU;
    let mk2 = M_K * M_K;
    let mx2 = m_x * m_x;
    match model {
        KaonModel::MuonScalar => (
            1.0,
            [
                4.0 * m2 * m2 * mk2 - 4.0 * m2 * m2 * m2 + m2 * m2 * mx2 - m2 * mk2 * mx2,
                4.0 * m2 * mk2 + 2.0 * m2 * mx2 - 8.0 * m2 * m2 - s12 * m2,
                mk2 + mx2 - 5.0 * m2 - s12,
                -1.0,
            ],
        ),
        KaonModel::LmuLtau => {
            let delta = mk2 - m2;
            (
                2.0 * m2 / (s12 * s12),
                [
                    -(2.0 * m2 + mx2) * delta * s12 * s12,
                    s12 * s12 * s12 - 2.0 * delta * s12 * s12
                        + 2.0 * s12 * delta * delta
                        + 2.0 * s12 * m2 * mx2,
                    2.0 * s12 * s12 - 2.0 * s12 * delta - mx2 * delta,
                    s12,
                ],
            )
        }
        KaonModel::MuonVector => (
            1.0 / mx2,
            [
                2.0 * m2 * mx2 * (2.0 * m2 + mx2) * (m2 - mk2),
                4.0 * m2 * mx2 * (2.0 * m2 - mk2 + mx2) - 2.0 * s12 * m2 * mx2,
                mk2 * (m2 + mx2) - m2 * m2
                    + 2.0 * m2 * mx2
                    + 2.0 * mx2 * mx2
                    + s12 * (m2 - 2.0 * mx2),
                s12 - m2 - 2.0 * mx2,
            ],
        ),
    }
}

/// s23 at fixed s12 from T_K by accept–reject in ln d (module docs).
pub(crate) fn sample_s23<R: Rng>(model: KaonModel, m_x: f64, s12: f64, rng: &mut R) -> f64 {
    let m2 = M_MU * M_MU;
    let (a, b) = s23_range(m_x, s12);
    let (da, db) = (a - m2, b - m2);
    if !(da > 0.0 && db > da && db.is_finite()) {
        // A degenerate range (s12 at an end of its range): the single point.
        return 0.5 * (a + b);
    }
    let (prefactor, c) = amplitude_cubic(model, m_x, s12);
    let (ta, tb) = (da.ln(), db.ln());
    let pieces = (((tb - ta) / S23_PIECE_LN).ceil() as usize).clamp(1, S23_PIECES);
    let step = (tb - ta) / pieces as f64;
    let mut bounds = [0.0; S23_PIECES];
    let mut cumulative = [0.0; S23_PIECES];
    let mut total = 0.0;
    for k in 0..pieces {
        let p = if k == 0 {
            da
        } else {
            (ta + step * k as f64).exp()
        };
        let q = if k + 1 == pieces {
            db
        } else {
            (ta + step * (k + 1) as f64).exp()
        };
        // T d = prefactor (c₀/d + c₁ + c₂d + c₃d²): each term at its largest on [p, q].
        let terms = [
            if c[0] >= 0.0 { c[0] / p } else { c[0] / q },
            c[1],
            if c[2] >= 0.0 { c[2] * q } else { c[2] * p },
            if c[3] >= 0.0 {
                c[3] * q * q
            } else {
                c[3] * p * p
            },
        ];
        let sum: f64 = terms.iter().sum();
        let magnitude: f64 = terms.iter().map(|t| t.abs()).sum();
        // A margin far above the round-off of T (a few ε of its terms).
        bounds[k] = prefactor * (sum + 1e-9 * magnitude).max(0.0);
        total += bounds[k] * step;
        cumulative[k] = total;
    }
    if !(total > 0.0 && total.is_finite()) {
        return a + (b - a) * rng.random::<f64>();
    }
    let mut d = da;
    for _ in 0..S23_TRIES {
        let r = rng.random::<f64>() * total;
        let k = cumulative[..pieces]
            .iter()
            .position(|&x| r < x)
            .unwrap_or(pieces - 1);
        d = (ta + step * (k as f64 + rng.random::<f64>()))
            .exp()
            .clamp(da, db);
        let value = reduced_amplitude_squared(model, m_x, s12, m2 + d) * d;
        if rng.random::<f64>() * bounds[k] < value {
            break;
        }
    }
    m2 + d
}

fn momentum(p: &FourVector) -> f64 {
    (p[1] * p[1] + p[2] * p[2] + p[3] * p[3]).sqrt()
}

/// What the scenario counts, and how X decays in its events.
#[derive(Debug, Clone, PartialEq)]
pub enum KaonSignal {
    /// X leaves no trace: it decays invisibly, or survives to the end of the detector.
    Invisible {
        /// BR(X → invisible) (1 for a stable X).
        branching: f64,
        /// All of X's decays (`None`: X is stable in its model).
        all: Option<XDecays>,
        /// X's invisible decays, renormalised (`None`: none).
        invisible: Option<XDecays>,
        /// X's visible decays, renormalised (`None`: none).
        visible: Option<XDecays>,
        /// The reach's P_inv(g) = BR(inv) + (1 − BR(inv)) ⟨P_esc⟩ at this coupling.
        probability: f64,
    },
    /// X → μ⁺μ⁻ inside the fiducial volume.
    Visible {
        /// BR(X → μ⁺μ⁻) at this coupling.
        dimuon_branching: f64,
        /// The reach's fraction of the signal with a μ⁺μ⁻ pairing in the mass window.
        window_efficiency: f64,
        /// The m_μμ window (GeV).
        mass_window_gev: (f64, f64),
        /// cτ of X, mm.
        ctau_mm: f64,
        /// The reach's ⟨P_FV⟩ (X decays between its production and the FV end).
        probability: f64,
    },
}

/// The signal generator of a kaon experiment's scenario for one model, mass and coupling.
#[derive(Debug, Clone)]
pub struct KaonEvents {
    /// The experiment's name.
    pub experiment: String,
    /// The scenario's name.
    pub scenario: String,
    /// The model.
    pub model: KaonModel,
    /// m_X, GeV.
    pub mass_gev: f64,
    /// The coupling g.
    pub coupling: f64,
    /// Beam and decay volume of the scenario.
    pub volume: DecayVolume,
    /// N_K × acceptance × trigger fraction of the scenario.
    pub effective_kaons: f64,
    /// The m²_miss range of the events (GeV²): the invisible search's window, or the full
    /// range [m_X², (m_K − m_μ)²] of the visible search.
    pub m2_window: (f64, f64),
    /// Γ(K⁺ → μ⁺νX, m²_miss in `m2_window`)/Γ(K⁺ → μ⁺ν) per g² of the reach code.
    pub ratio_per_g2: f64,
    /// The reach's signal per g² before X's decay (includes the m_μμ window efficiency of a
    /// visible search).
    pub signal_per_g2: f64,
    /// What is counted.
    pub signal: KaonSignal,
    /// The expected signal events of the reach code at this coupling.
    pub expected_events: f64,
    table: MissingMassTable,
    kaon: FourVector,
    /// K⁺ lab decay length (m) and 1 − exp(−D/λ_K) over the FV length D.
    lambda_m: f64,
    fv_open: f64,
    /// X's lab decay length per unit βγ: cτ (mm); 0 for a stable X.
    ctau_mm: f64,
    search: &'static str,
}

impl KaonEvents {
    /// The generator of `experiment`'s scenario `scenario` (index) for X of `model`, mass
    /// `mass_gev` and coupling `coupling`.
    pub fn new(
        experiment: &KaonExperiment,
        scenario: usize,
        model: KaonModel,
        mass_gev: f64,
        coupling: f64,
    ) -> Result<Self> {
        let count = experiment.scenarios.len();
        let s = experiment.scenarios.get(scenario).ok_or_else(|| {
            Error::out_of_range(
                "scenario",
                scenario,
                format!(
                    "must be an index below {count} (the experiment '{}' has {count} scenarios)",
                    experiment.name
                ),
            )
        })?;
        if !(coupling.is_finite() && coupling > 0.0) {
            return Err(Error::out_of_range(
                "coupling",
                crate::error::show(coupling),
                "must be finite and > 0",
            ));
        }
        let m_x = check_x_mass("m_X", mass_gev)?;
        let g2 = coupling * coupling;
        let table = decay_table(model, m_x, coupling)?;
        let (volume, m2_window, ratio_per_g2, signal_per_g2, effective_kaons, signal, expected) =
            match &s.search {
                KaonSearch::Invisible(search, _) => {
                    let volume = experiment.volume;
                    volume.validate()?;
                    let counts = search.counts(model, m_x)?;
                    let n_eff = search.exposure.effective_kaons();
                    let (lo, _) = counts.window;
                    // The reach's P_inv(g): its boost sample, selection and XInVolume.
                    let boosts = BoostSpectrum::from_boosts(
                        &signal_boosts(
                            model,
                            m_x,
                            volume.kaon_momentum_gev,
                            experiment.boost_events,
                            crate::kaon::boost_seed(m_x),
                        )?,
                        |b| b.s12 >= lo,
                    )?;
                    let probability = XInVolume {
                        model,
                        m_x,
                        boosts: &boosts,
                        volume: &volume,
                    }
                    .invisible_probability(coupling)?;
                    let signal = match &table {
                        None => KaonSignal::Invisible {
                            branching: 1.0,
                            all: None,
                            invisible: None,
                            visible: None,
                            probability,
                        },
                        Some((x, _)) => {
                            let all = XDecays::new(x)?;
                            let branching = all.invisible_branching();
                            KaonSignal::Invisible {
                                branching,
                                invisible: (branching > 0.0)
                                    .then(|| all.invisible_only())
                                    .transpose()?,
                                visible: (branching < 1.0)
                                    .then(|| all.visible_only())
                                    .transpose()?,
                                all: Some(all),
                                probability,
                            }
                        }
                    };
                    (
                        volume,
                        counts.window,
                        counts.signal_per_g2 / (n_eff * BR_K_MU_NU),
                        counts.signal_per_g2,
                        n_eff,
                        signal,
                        g2 * counts.signal_per_g2 * probability,
                    )
                }
                KaonSearch::Visible(search) => {
                    let volume = search.volume;
                    if m_x <= DIMUON_THRESHOLD {
                        return Err(Error::out_of_range(
                            "m_X",
                            m_x,
                            format!(
                                "must exceed 2 m_mu = {DIMUON_THRESHOLD:.6} GeV for the visible scenario '{}' (X -> mu+ mu-): below it the reach expects no signal",
                                s.name
                            ),
                        ));
                    }
                    let background = search.background_events()?;
                    let counts = search.counts(model, m_x, &background)?;
                    let Some((x, t)) = &table else {
                        return Err(Error::out_of_range(
                            "m_X",
                            m_x,
                            "X is stable in this model: the visible search sees no decay",
                        ));
                    };
                    let dimuon_branching = t.branching(x, Channel::Leptons(Lepton::Muon))?;
                    let x_in = XInVolume {
                        model,
                        m_x,
                        boosts: &counts.boosts,
                        volume: &volume,
                    };
                    let visible = x_in.visible_dimuon_probability(coupling)?;
                    let probability = if dimuon_branching > 0.0 {
                        visible / dimuon_branching
                    } else {
                        0.0
                    };
                    let n_eff = search.exposure.effective_kaons();
                    (
                        volume,
                        s12_range(m_x),
                        total_ratio(model, m_x)?.value,
                        counts.signal_per_g2,
                        n_eff,
                        KaonSignal::Visible {
                            dimuon_branching,
                            window_efficiency: counts.signal_efficiency,
                            mass_window_gev: counts.window,
                            ctau_mm: t.ctau_m() * 1e3,
                            probability,
                        },
                        g2 * counts.signal_per_g2 * visible,
                    )
                }
            };
        let p_k = volume.kaon_momentum_gev;
        let lambda_m = volume.kaon_decay_length_m();
        let length = volume.fiducial_end_m - volume.fiducial_start_m;
        Ok(KaonEvents {
            experiment: experiment.name.clone(),
            scenario: s.name.clone(),
            model,
            mass_gev: m_x,
            coupling,
            volume,
            effective_kaons,
            m2_window,
            ratio_per_g2,
            signal_per_g2,
            signal,
            expected_events: expected,
            table: MissingMassTable::new(model, m_x, m2_window)?,
            kaon: [(p_k * p_k + M_K * M_K).sqrt(), 0.0, 0.0, p_k],
            lambda_m,
            fv_open: -(-length / lambda_m).exp_m1(),
            ctau_mm: table.map_or(0.0, |(_, t)| t.ctau_m() * 1e3),
            search: match &s.search {
                KaonSearch::Invisible(..) => "invisible",
                KaonSearch::Visible(..) => "visible",
            },
        })
    }

    /// The K⁺ decay vertex [0, 0, z, c·t] (mm) and its distance from the FV start (m).
    fn kaon_vertex<R: Rng>(&self, rng: &mut R) -> ([f64; 4], f64) {
        let u = -self.lambda_m * (-rng.random::<f64>() * self.fv_open).ln_1p();
        let u = u.clamp(
            0.0,
            self.volume.fiducial_end_m - self.volume.fiducial_start_m,
        );
        let z_mm = 1e3 * (self.volume.fiducial_start_m + u);
        (
            [0.0, 0.0, z_mm, z_mm * self.kaon[0] / self.kaon[3]],
            self.volume.fiducial_start_m + u,
        )
    }

    /// The lab four-momenta of μ⁺, ν_μ and X at the Dalitz point (s12, s23), the decay plane
    /// isotropic in the K⁺ rest frame.
    fn decay_products<R: Rng>(&self, s12: f64, s23: f64, rng: &mut R) -> [FourVector; 3] {
        let m2 = M_MU * M_MU;
        let mx2 = self.mass_gev * self.mass_gev;
        let e_mu = (M_K * M_K + m2 - s12) / (2.0 * M_K);
        let e_x = (s12 + s23 - m2) / (2.0 * M_K);
        let e_nu = (M_K * M_K - s23) / (2.0 * M_K);
        let p_mu = (e_mu * e_mu - m2).max(0.0).sqrt();
        let p_x = (e_x * e_x - mx2).max(0.0).sqrt();
        let cos = if p_mu > 0.0 && p_x > 0.0 {
            ((e_nu * e_nu - p_mu * p_mu - p_x * p_x) / (2.0 * p_mu * p_x)).clamp(-1.0, 1.0)
        } else {
            1.0
        };
        let sin = ((1.0 - cos) * (1.0 + cos)).sqrt();
        let n_mu = random_direction(rng);
        let (e1, e2) = frame(n_mu);
        let (sp, cp) = random_azimuth(rng);
        let n_x: [f64; 3] =
            std::array::from_fn(|i| cos * n_mu[i] + sin * (cp * e1[i] + sp * e2[i]));
        let mu = [e_mu, p_mu * n_mu[0], p_mu * n_mu[1], p_mu * n_mu[2]];
        let x = [e_x, p_x * n_x[0], p_x * n_x[1], p_x * n_x[2]];
        let nu = [e_nu, -mu[1] - x[1], -mu[2] - x[2], -mu[3] - x[3]];
        let beta = [0.0, 0.0, self.kaon[3] / self.kaon[0]];
        [boost(&mu, beta), boost(&nu, beta), boost(&x, beta)]
    }

    /// X → μ⁺μ⁻ at a lab flight distance drawn from exp(−ℓ/L) on [0, b] mm, isotropic in the X
    /// rest frame; and P = 1 − exp(−b/L) (CPZ Eqs. 9, 15).
    fn dimuon_decay<R: Rng>(&self, x: &FourVector, b_mm: f64, rng: &mut R) -> (XDecay, f64) {
        let m_x = self.mass_gev;
        let p = momentum(x);
        let length = p / m_x * self.ctau_mm;
        let open = -(-b_mm / length).exp_m1();
        let lab_mm = (-length * (-rng.random::<f64>() * open).ln_1p()).min(b_mm);
        let proper_mm = lab_mm * m_x / p;
        let to_lab = proper_mm / m_x;
        let p_star = 0.5 * ((m_x - 2.0 * M_MU) * (m_x + 2.0 * M_MU)).max(0.0).sqrt();
        let d = random_direction(rng);
        let beta = [x[1] / x[0], x[2] / x[0], x[3] / x[0]];
        let daughter = |pdg: i64, sign: f64| Daughter {
            pdg,
            mass_gev: M_MU,
            p: boost(
                &[
                    0.5 * m_x,
                    sign * p_star * d[0],
                    sign * p_star * d[1],
                    sign * p_star * d[2],
                ],
                beta,
            ),
        };
        (
            XDecay {
                channel: Channel::Leptons(Lepton::Muon),
                vertex_mm: [x[1] * to_lab, x[2] * to_lab, x[3] * to_lab, x[0] * to_lab],
                proper_mm,
                daughters: [daughter(13, 1.0), daughter(-13, -1.0)],
            },
            open,
        )
    }

    /// One event whose weight is the expected signal events it stands for when it is the only
    /// one generated: g² S₁ f (module docs); [`Self::generate`] divides by the count.
    pub fn event<R: Rng>(&self, rng: &mut R) -> KaonEvent {
        let (vertex_mm, z_m) = self.kaon_vertex(rng);
        let s12 = self.table.sample(rng);
        let s23 = sample_s23(self.model, self.mass_gev, s12, rng);
        let [muon, neutrino, x] = self.decay_products(s12, s23, rng);
        // Flight along X's direction to the plane z = z_end (mm); +∞ if X never reaches it.
        let p = momentum(&x);
        let flight_to = |z_end_m: f64| {
            if x[3] > 0.0 {
                1e3 * (z_end_m - z_m).max(0.0) * p / x[3]
            } else {
                f64::INFINITY
            }
        };
        let (x_decay, fraction) = match &self.signal {
            KaonSignal::Invisible {
                branching,
                invisible,
                visible,
                ..
            } => {
                let a = flight_to(self.volume.detector_end_m);
                let escape = match visible {
                    // An X flying upstream never reaches the detector end: it escapes.
                    Some(_) if a.is_infinite() => 1.0,
                    Some(_) => (-a * self.mass_gev / (p * self.ctau_mm)).exp(),
                    None => 0.0,
                };
                let f = branching + (1.0 - branching) * escape;
                let decay = if rng.random::<f64>() * f < *branching {
                    invisible.as_ref().and_then(|d| d.decay(&x, rng))
                } else {
                    visible.as_ref().and_then(|d| {
                        let from = if a.is_finite() { a } else { 0.0 };
                        d.decay_within(&x, (from, f64::INFINITY), rng).0
                    })
                };
                (decay, f)
            }
            KaonSignal::Visible {
                dimuon_branching, ..
            } => {
                let b = flight_to(self.volume.fiducial_end_m);
                if b.is_finite() && b > 0.0 {
                    let (decay, probability) = self.dimuon_decay(&x, b, rng);
                    (Some(decay), dimuon_branching * probability)
                } else {
                    (None, 0.0)
                }
            }
        };
        KaonEvent {
            kaon: self.kaon,
            muon,
            neutrino,
            x,
            vertex_mm,
            x_decay,
            weight: self.coupling * self.coupling * self.signal_per_g2 * fraction,
        }
    }

    /// `count` weighted events from `seed`, identical for any number of threads; each
    /// event's weight is its share of the expected signal events.
    pub fn generate(&self, count: usize, seed: u64) -> Result<Vec<KaonEvent>> {
        if count == 0 || count > 1_000_000_000 {
            return Err(Error::out_of_range("events", count, "must lie in [1, 1e9]"));
        }
        let mut events = vec![KaonEvent::EMPTY; count];
        let n = count as f64;
        super::for_each_seeded(&mut events, seed, |event, rng| {
            *event = self.event(rng);
            event.weight /= n;
        });
        Ok(events)
    }

    /// The event-file header lines of this signal and of `events`.
    pub fn header(&self, events: &[KaonEvent]) -> Vec<(String, String)> {
        let (sum, error) = super::weight_sum(events.iter().map(|e| e.weight));
        let v = &self.volume;
        let (lo, hi) = self.m2_window;
        let mut lines: Vec<(String, String)> = vec![
            ("process".into(), "K+ -> mu+ nu_mu X (REFERENCE sec. 7; NA62 slides after arXiv:1902.07715)".into()),
            ("experiment".into(), self.experiment.clone()),
            ("scenario".into(), format!("{} ({} search)", self.scenario, self.search)),
            ("model".into(), self.model.name().into()),
            ("mass_gev".into(), self.mass_gev.to_string()),
            ("coupling".into(), self.coupling.to_string()),
            ("kaon_momentum_gev".into(), v.kaon_momentum_gev.to_string()),
            ("fiducial_volume_m".into(), format!("{} - {} (detector end {})", v.fiducial_start_m, v.fiducial_end_m, v.detector_end_m)),
            ("kaon_decay_length_m".into(), format!("{:.6e}", self.lambda_m)),
            ("vertex".into(), "K+ decay vertex (0, 0, z, ct) mm: beam along +z on the axis, z downstream of the target (the decay volume's coordinate), drawn from exp(-z/lambda_K) truncated to the fiducial volume, ct = z E_K/p_K (K+ made at the target at t = 0); X's decay vertex = K+ vertex + X's flight".into()),
            ("effective_kaons".into(), format!("{:.6e} (kaons x acceptance x trigger fraction of the scenario)", self.effective_kaons)),
            ("br_k_mu_nu".into(), BR_K_MU_NU.to_string()),
            ("m2_miss_range_gev2".into(), format!("[{lo:.6e}, {hi:.6e}]")),
            ("ratio_per_g2".into(), format!("{:.6e} (Gamma(K -> mu nu X, m_miss^2 in range)/Gamma(K -> mu nu) per g^2)", self.ratio_per_g2)),
        ];
        match &self.signal {
            KaonSignal::Invisible {
                branching,
                all,
                probability,
                ..
            } => {
                lines.push(("selection".into(), format!("m_miss^2 window [{lo:.6e}, {hi:.6e}] GeV^2 of the invisible search applied (events are generated inside it: every event passes); X counted if it decays invisibly or survives to the detector end, f = BR(inv) + (1 - BR(inv)) exp(-l_det/L) in the weight (CPZ Eqs. 9, 15), BR(inv) = {branching:.6e}; X decays invisibly with probability BR(inv)/f, otherwise visibly beyond the detector end; acceptance and trigger fraction in effective_kaons")));
                lines.push((
                    "reach_p_invisible".into(),
                    format!("{probability:.6e} (reach code's P_inv at this coupling)"),
                ));
                match all {
                    Some(all) => lines.extend(all.header(self.model.name())),
                    None => lines.push((
                        "x_decay".into(),
                        "none: X is stable in this model (it always escapes)".into(),
                    )),
                }
            }
            KaonSignal::Visible {
                dimuon_branching,
                window_efficiency,
                mass_window_gev,
                ctau_mm,
                probability,
            } => {
                lines.push(("selection".into(), format!("no m_miss^2 cut; X -> mu+ mu- forced between its production and the fiducial volume end, P_FV = 1 - exp(-l_FV/L) times BR(X -> mu mu) = {dimuon_branching:.6e} in the weight (CPZ Eqs. 9, 15); the m_mumu window [{:.6e}, {:.6e}] GeV enters as the reach's signal efficiency {window_efficiency:.6e} (a factor in every weight, not a per-event cut: the muon momenta are not smeared); acceptance and trigger fraction in effective_kaons", mass_window_gev.0, mass_window_gev.1)));
                lines.push((
                    "reach_p_fiducial".into(),
                    format!("{probability:.6e} (reach code's <P_FV> at this coupling)"),
                ));
                lines.push(("x_ctau_mm".into(), format!("{ctau_mm:.6e}")));
                lines.push(("x_decay".into(), "mu+ mu- only (13, -13), isotropic in the X rest frame (unpolarised X); vertex (x, y, z, ct) in mm from the K+ decay vertex".into()));
            }
        }
        lines.extend([
            (
                "expected_events".into(),
                format!(
                    "{:.6e} (reach code, at this coupling)",
                    self.expected_events
                ),
            ),
            (
                "sum_of_weights".into(),
                format!("{sum:.6e} +- {error:.1e} (Monte Carlo)"),
            ),
            (
                "weights".into(),
                "each event's share of the expected signal events".into(),
            ),
            (
                "particles".into(),
                format!(
                    "K+ 321, mu+ -13, nu_mu 14, X {} (muforce code of its spin, not PDG-assigned)",
                    crate::io::lhe::x_pdg_id(self.spin())
                ),
            ),
        ]);
        lines
    }

    /// X's mass and spin for the event-file writers.
    pub fn file_run(&self) -> crate::io::kaon_event_file::KaonRun {
        crate::io::kaon_event_file::KaonRun {
            mass_gev: self.mass_gev,
            spin: self.spin(),
        }
    }

    /// The spin of X (for its particle code).
    pub fn spin(&self) -> crate::model::Spin {
        preset(self.model).spin()
    }

    /// Γ(K → μνX, m²_miss in range)/Γ(K → μν) per g² of the generator's m²_miss table (its
    /// trapezoidal integral; compare [`Self::ratio_per_g2`]).
    pub fn table_ratio_per_g2(&self) -> f64 {
        self.table.total()
    }
}
