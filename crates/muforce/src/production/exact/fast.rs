//! Fixed product rules for dσ/dx and the total cross section: Gauss–Legendre of one order on
//! every physics piece of logit x, muon angle and ln t (the same breakpoints as the nested
//! integrals; the angle pieces are integrated in the variable w of [`AngleVariable`]), with
//! the pieces that end on a square-root edge graded towards it. The sums are
//! kept apart by cell (x piece × class of muon angle), so that [`super::cells`] can raise the
//! order only where the error sits.

use super::differential::Setup;
use super::kinematics::{momentum, MuonFrame};
use super::quadrature::Breaks;
use crate::numerics::{run_on_simd_path, GaussLegendre, Narrow, SimdPath, Wide, NARROW, WIDE};
use crate::units::ALPHA;
use std::f64::consts::PI;
use std::sync::OnceLock;

/// Longest piece in logit x, ln θ (the breaks of the angle variable) and ln t, in e-folds.
pub(crate) const X_GAP: f64 = 4.0;
const THETA_GAP: f64 = 8.0;
const T_GAP: f64 = 4.5;
/// Form-factor and mass scales closer than this (e-folds) to another break are dropped.
const T_MIN_SEP: f64 = 1.0;

/// Classes of muon angle, split at 0.3, 3 and 30 θ_c (among the breaks of
/// [`Setup::theta_breaks`]): below the peak of dσ/d ln θ, around it, the 1/θ² fall and the
/// far tail, whose weights differ by orders of magnitude.
pub(crate) const THETA_CLASSES: usize = 4;

/// The Gauss–Legendre rule with `n` points (cached for the orders used here).
pub(crate) fn rule(n: usize) -> &'static GaussLegendre {
    static RULES: OnceLock<Vec<GaussLegendre>> = OnceLock::new();
    let rules = RULES.get_or_init(|| (0..=16).map(GaussLegendre::new).collect());
    &rules[n.min(16)]
}

/// Which ends of a piece carry a square-root edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Edge {
    None,
    Lower,
    Upper,
    Both,
}

impl Edge {
    /// The edge of piece `index` of `count` whose first and last ends are edges when
    /// `first`, `last`.
    pub fn of_piece(index: usize, count: usize, first: bool, last: bool) -> Self {
        match (first && index == 0, last && index + 1 == count) {
            (true, true) => Edge::Both,
            (true, false) => Edge::Lower,
            (false, true) => Edge::Upper,
            (false, false) => Edge::None,
        }
    }
}

/// Gauss–Legendre nodes and weights of `gl` on [a, b], graded towards an end with a
/// square-root edge by a map whose derivative vanishes there (u = b − (b − a)s², or the cubic
/// smoothstep for both ends), which turns (b − u)^(k/2) into an analytic function of s:
/// the rule then converges geometrically instead of as n⁻³ (Davis & Rabinowitz, *Methods of
/// Numerical Integration*, 2nd ed., Academic Press 1984, ch. 2, change of variable for
/// endpoint singularities).
pub(crate) fn edge_nodes(
    gl: &GaussLegendre,
    a: f64,
    b: f64,
    edge: Edge,
) -> impl Iterator<Item = (f64, f64)> + '_ {
    let length = b - a;
    gl.mapped(0.0, 1.0).map(move |(s, w)| match edge {
        Edge::None => (a + length * s, w * length),
        Edge::Lower => (a + length * s * s, w * 2.0 * length * s),
        Edge::Upper => (b - length * s * s, w * 2.0 * length * s),
        Edge::Both => (
            a + length * s * s * (3.0 - 2.0 * s),
            w * 6.0 * length * s * (1.0 - s),
        ),
    })
}

/// The muon-angle variable of the product rules, w = ln(1 + sin²(θ/2)/s₀²) with
/// 4|p||p′|s₀² = Δ(θ = 0), so that Δ = m_X² − V² = 4|p||p′|s₀² e^w (from V² = 2m² −
/// 2(EE′ − |p||p′| cos θ), REFERENCE §1.1). The propagators and t_min ∝ Δ² (REFERENCE §1.2)
/// make dσ/d ln θ singular where Δ = 0, at θ ≈ ±iθ_c, only π/2 off the real ln θ axis: the
/// peak class 0.3–3 θ_c converged as ρ ≈ 2.7 per order in ln θ (order 6: 7e-5–2e-4 off). In w,
/// the powers and logarithms of Δ are entire, and the same class is 1e-7–5e-7 off at order
/// 6 (Cu at 50 GeV, Pb at 160 GeV). For θ ≫ θ_c, w ≈ 2 ln(θ/2s₀), so the tails keep the
/// logarithmic spacing of ln θ.
struct AngleVariable {
    /// s₀² = Δ(θ = 0)/(4|p||p′|).
    s0_sq: f64,
}

impl AngleVariable {
    /// w at angle `theta`.
    fn of(&self, theta: f64) -> f64 {
        let sin_half = (0.5 * theta).sin();
        (sin_half * sin_half / self.s0_sq).ln_1p()
    }

    /// (sin(θ/2), cos(θ/2)) at w, with sin²(θ/2) = s₀²(e^w − 1) free of cancellation at
    /// small w.
    fn half_angle(&self, w: f64) -> (f64, f64) {
        let sin2 = (self.s0_sq * w.exp_m1()).min(1.0);
        (sin2.sqrt(), ((1.0 - sin2).max(0.0)).sqrt())
    }

    /// |d cos θ/dw| = 2s₀² e^w.
    fn cos_jacobian(&self, w: f64) -> f64 {
        2.0 * self.s0_sq * w.exp()
    }
}

/// x = 1/(1 + e^(−u)), the inverse of the logit u = ln(x/(1 − x)).
pub(crate) fn logistic(u: f64) -> f64 {
    1.0 / (1.0 + (-u).exp())
}

/// The class of the ln θ piece with midpoint `ln_theta` (see [`THETA_CLASSES`]).
fn theta_class(ln_theta: f64, theta_c: f64) -> usize {
    let r = ln_theta - theta_c.ln();
    if r < 0.3f64.ln() {
        0
    } else if r < 3.0f64.ln() {
        1
    } else if r < 30.0f64.ln() {
        2
    } else {
        3
    }
}

/// The muon-angle pieces of the product rules at one x: the same for every class of angle
/// and every order, so they are found once per x node.
pub(crate) struct AnglePieces {
    e_out: f64,
    p_out: f64,
    theta_c: f64,
    /// The ln θ breaks of [`Setup::theta_breaks`], with those of the tail.
    breaks: Breaks,
    /// Whether the last piece ends on the kinematic edge θ_kin.
    at_edge: bool,
    angle: AngleVariable,
}

/// One node of a logit-x rule: the weight of dσ/dx there (the rule's weight times
/// dx/du = x(1 − x)) and its angle pieces (`None` where no angle is allowed).
pub(crate) struct XNode {
    weight: f64,
    pieces: Option<AnglePieces>,
}

impl Setup {
    /// The angle pieces at energy fraction x with θ ≤ `theta_max`; `None` if no angle is
    /// allowed.
    pub fn angle_pieces(&self, x: f64, theta_max: f64) -> Option<AnglePieces> {
        let (theta_lo, theta_hi, theta_c) = self.theta_range(x, theta_max)?;
        let e_out = self.energy * (1.0 - x);
        let p_out = momentum(e_out, self.masses.m);
        let breaks = self.theta_breaks(e_out, (theta_lo, theta_hi), theta_c, THETA_GAP);
        let at_edge = self
            .theta_kinematic(e_out)
            .is_some_and(|kin| theta_hi >= kin * (1.0 - 1e-12));
        let angle = AngleVariable {
            s0_sq: self.forward_delta(e_out) / (4.0 * self.momentum * p_out),
        };
        Some(AnglePieces {
            e_out,
            p_out,
            theta_c,
            breaks,
            at_edge,
            angle,
        })
    }

    /// The `n_x` nodes of the rule on the logit-x piece [a, b] (graded at `edge`), with their
    /// angle pieces for θ ≤ `theta_max`.
    pub fn x_nodes(&self, a: f64, b: f64, edge: Edge, theta_max: f64, n_x: usize) -> Vec<XNode> {
        edge_nodes(rule(n_x), a, b, edge)
            .map(|(u, w)| {
                let x = logistic(u);
                XNode {
                    weight: w * x * (1.0 - x),
                    pieces: self.angle_pieces(x, theta_max),
                }
            })
            .collect()
    }

    /// ∫ du x(1 − x) dσ/dx over a logit-x piece by the product rule on its `nodes`
    /// ([`Self::x_nodes`]), with `orders` = [angle, ln t] points per piece, over the muon
    /// angles of class `class` (see [`THETA_CLASSES`]).
    pub fn x_piece_product(&self, nodes: &[XNode], orders: [usize; 2], class: usize) -> f64 {
        nodes
            .iter()
            .filter_map(|node| {
                let pieces = node.pieces.as_ref()?;
                Some(node.weight * self.dsigma_dx_product(pieces, orders, class))
            })
            .sum()
    }

    /// The part of dσ/dx in GeV⁻² from the muon angles of class `class`, by the product rule
    /// with `orders` = [angle, ln t] points per piece: the ln θ pieces of
    /// [`Setup::theta_breaks`], each integrated in w ([`AngleVariable`]). The last piece is
    /// graded towards the kinematic edge θ_kin when it ends there (the t range, and with it
    /// the integrand, closes as √(θ_kin − θ)).
    pub fn dsigma_dx_product(&self, pieces: &AnglePieces, orders: [usize; 2], class: usize) -> f64 {
        let (gl_theta, gl_t) = (rule(orders[0]), rule(orders[1]));
        let AnglePieces {
            e_out,
            p_out,
            theta_c,
            ref breaks,
            at_edge,
            ref angle,
        } = *pieces;
        let count = breaks.len() - 1;
        let mut sum = 0.0;
        let mut t_breaks = Breaks::new();
        for (i, pair) in breaks.windows(2).enumerate() {
            if theta_class(0.5 * (pair[0] + pair[1]), theta_c) != class {
                continue;
            }
            let edge = Edge::of_piece(i, count, false, at_edge);
            let (w_lo, w_hi) = (angle.of(pair[0].exp()), angle.of(pair[1].exp()));
            for (w_node, weight) in edge_nodes(gl_theta, w_lo, w_hi, edge) {
                let half_angle = angle.half_angle(w_node);
                let Some(frame) =
                    MuonFrame::from_half_angle(&self.masses, self.energy, e_out, half_angle)
                else {
                    continue;
                };
                if !self.t_breaks_into(&frame, T_GAP, T_MIN_SEP, &mut t_breaks) {
                    continue;
                }
                let inner = self.t_rule(&frame, &t_breaks, gl_t);
                // d²σ/(d|p′| dcos θ) prefactor and dσ/dx = E (E′/|p′|) |d cos θ/dw| per w.
                let prefactor = ALPHA * ALPHA * self.coupling2 * frame.p_out * frame.p_out
                    / (16.0 * PI * frame.p * frame.e_out * frame.v_abs);
                let jacobian = self.energy * e_out / p_out * angle.cos_jacobian(w_node);
                sum += weight * prefactor * jacobian * inner;
            }
        }
        sum
    }

    /// ∫ d ln t of [`Setup::t_integrand`] by `gl` on each piece of `breaks`, the nodes taken
    /// [`WIDE`] at a time ([`Setup::t_integrand_lanes`]); the last group, padded with weight
    /// 0, on [`NARROW`] lanes when it has no more nodes than that.
    /// Runs on the instruction set [`SimdPath::selected`] picks at run time.
    fn t_rule(&self, frame: &MuonFrame, breaks: &[f64], gl: &GaussLegendre) -> f64 {
        run_on_simd_path(
            SimdPath::selected(),
            #[inline(always)]
            || self.t_rule_lanes(frame, breaks, gl),
        )
    }

    /// [`Self::t_rule`]'s body, inlined into each instruction-set clone.
    // Always inlined: each instruction-set clone compiles it with its own features.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn t_rule_lanes(&self, frame: &MuonFrame, breaks: &[f64], gl: &GaussLegendre) -> f64 {
        let mut nodes = [0.0; WIDE];
        let mut weights = [0.0; WIDE];
        let mut filled = 0;
        let mut sum = 0.0;
        for pair in breaks.windows(2) {
            for (ln_t, weight) in gl.mapped(pair[0], pair[1]) {
                nodes[filled] = ln_t;
                weights[filled] = weight;
                filled += 1;
                if filled == WIDE {
                    let values = self.t_integrand_lanes::<Wide, WIDE>(frame, nodes);
                    sum += dot(&weights, &values);
                    filled = 0;
                }
            }
        }
        if filled > 0 {
            let lanes = if filled <= NARROW { NARROW } else { WIDE };
            for i in filled..lanes {
                nodes[i] = nodes[0];
                weights[i] = 0.0;
            }
            if lanes == NARROW {
                let narrow: [f64; NARROW] = std::array::from_fn(|i| nodes[i]);
                let values = self.t_integrand_lanes::<Narrow, NARROW>(frame, narrow);
                sum += dot(&weights[..NARROW], &values);
            } else {
                let values = self.t_integrand_lanes::<Wide, WIDE>(frame, nodes);
                sum += dot(&weights, &values);
            }
        }
        sum
    }
}

/// Σ weights·values.
fn dot(weights: &[f64], values: &[f64]) -> f64 {
    weights.iter().zip(values).map(|(w, v)| w * v).sum()
}
