//! Order refinement by cell for the product rules of `fast`.
//!
//! The integration region is cut into cells (for the total: x piece × class of muon angle;
//! for dσ/dx: class of muon angle), whose weights differ by orders of magnitude. Each cell
//! climbs a ladder of Gauss–Legendre orders ([`LADDER`]; [`T_LADDER`] in t for the total);
//! its indicator is the change of its value at the last step, which estimates the error of
//! the lower order, and its error is that indicator or a floor that the low rungs are not
//! trusted below ([`FLOOR`]). The total error is the sum of the cells' errors, so errors
//! never cancel in it. While that sum exceeds the tolerance, the cell with the largest error
//! moves one rung up. Cells that carry little weight thus stay at low order and the work
//! goes where the error is (product rules and automatic integration by comparison of
//! orders: Davis & Rabinowitz, *Methods of Numerical Integration*, 2nd ed., Academic Press
//! 1984, ch. 5 and 6). A cell that needs more than the top of the ladder sends the caller
//! to the nested, error-controlled integrals.

use super::differential::Setup;
use super::fast::{Edge, XNode, THETA_CLASSES, X_GAP};
use super::quadrature::{self, Estimate};
use crate::production::Cuts;

/// Gauss–Legendre orders per piece in x and the muon angle, climbed one rung at a time.
/// Steps of two orders: at one order apart the errors of successive orders can coincide
/// where a complex pair of singularities makes them oscillate (lead, 104 MeV vector at
/// 4.7 GeV: in the x piece at threshold, orders 5 and 6 are both 3.5e-3 off, and a ladder
/// that accepted order 6 on their difference missed the total by 1.5 times its estimate).
const LADDER: [usize; 6] = [2, 4, 6, 8, 10, 12];
/// The orders in ln t on the same rungs, for the total: the t pieces are already cut at
/// every scale of the integrand and graded around its ridges, so order 5 in t is about as
/// good as order 6 in x and the angle (errors in the heaviest cells of the benchmark totals:
/// t at order 4 3e-5–4e-4, x at order 6 3e-6–7e-5). Above the first rung the orders step by
/// two, as in [`LADDER`]: with (2, 3, 4, 6, …) the step from 3 to 4 hid the t error of the
/// threshold x piece for mediators heavier than 8 % of the beam energy, where t_min exceeds
/// a GeV² and the t integral is one steep piece (tungsten, 17 GeV axial vector at 214 GeV:
/// order 4 in t 9 % off in that cell, its indicator a third of that; five of 1920 random totals
/// were up to 1.5 times their estimate off). Every variable changes from one rung to the
/// next, so no error goes unseen. dσ/dx keeps [`LADDER`] in t (a shorter ladder made the
/// ATLAS and Fermilab scans, built from dσ/dx, 15–45 % slower).
const T_LADDER: [usize; 6] = [2, 3, 5, 7, 9, 11];
/// The rung every cell starts on (its indicator comes from the rung below).
const START: usize = 1;
/// Least relative error assumed of a cell on each rung. The low orders can agree by
/// accident where a piece is not resolved yet, so a cell that matters is taken to order 8 in
/// x and the angle before its indicator is trusted. Seen without the floor of 1 % on order 6
/// (each a total off by more than its estimate, among 360 random points of the test
/// `product_rule_agrees_with_nested_integrals_at_random_points` run with three seeds):
/// carbon, 19 keV scalar at 3.7 GeV, where the t error stalls from order 3 to 4 (4.6e-3,
/// 5.2e-3 of the heaviest cell) at a ridge that is not close enough to be graded;
/// tungsten, 36 MeV pseudoscalar at 2.5 GeV, where the x error at threshold is 1.4e-3 at
/// order 4 but 6e-3 at order 6; carbon, 91 keV scalar at 24 GeV. Grading the ridges out to
/// closeness 0.4 mends the first but not the others; the floor covers the kind. With it, the
/// actual errors stay below 0.40 of the estimates on all 360 points.
const FLOOR: [f64; 6] = [1.0, 0.1, 0.01, 0.0, 0.0, 0.0];

/// One cell: its value at the current rung and the change at the last step.
#[derive(Debug, Clone, Copy)]
struct Cell {
    value: f64,
    rung: usize,
    indicator: f64,
}

impl Cell {
    /// The error assumed of the cell: its indicator, or the floor of its rung.
    fn error(&self) -> f64 {
        self.indicator.max(FLOOR[self.rung] * self.value.abs())
    }
}

/// The orders of one rung: [`LADDER`] in all variables but the last, `last` in that one.
fn orders<const D: usize>(rung: usize, last: &[usize; LADDER.len()]) -> [usize; D] {
    std::array::from_fn(|d| if d + 1 == D { last[rung] } else { LADDER[rung] })
}

/// Climbs the ladder until `safety` × (sum of the cells' errors) ≤ max(`rel_tol` · |value|,
/// `abs_tol`); `evaluate(cell, orders)` integrates one cell with one order per variable.
/// `None` when a cell that needs to rise is at the top of the ladder, or a value is not
/// finite.
fn refine<const D: usize, F: FnMut(usize, [usize; D]) -> f64>(
    count: usize,
    mut evaluate: F,
    last: &[usize; LADDER.len()],
    rel_tol: f64,
    abs_tol: f64,
    safety: f64,
) -> Option<Estimate> {
    let mut cells: Vec<Cell> = (0..count)
        .map(|i| {
            let value = evaluate(i, orders(START, last));
            let indicator = (value - evaluate(i, orders(START - 1, last))).abs();
            Cell {
                value,
                rung: START,
                indicator,
            }
        })
        .collect();
    loop {
        let value: f64 = cells.iter().map(|c| c.value).sum();
        let error = safety * cells.iter().map(Cell::error).sum::<f64>();
        if !(value.is_finite() && error.is_finite()) {
            return None;
        }
        if error <= (rel_tol * value.abs()).max(abs_tol) {
            return Some(Estimate { value, error });
        }
        let worst = (0..count).max_by(|&i, &j| cells[i].error().total_cmp(&cells[j].error()))?;
        let cell = &mut cells[worst];
        if cell.rung + 1 == LADDER.len() {
            return None;
        }
        cell.rung += 1;
        let value = evaluate(worst, orders(cell.rung, last));
        cell.indicator = (value - cell.value).abs();
        cell.value = value;
    }
}

impl Setup {
    /// σ in GeV⁻² with `cuts` over the logit-x window (u_lo, u_hi) by the product rule,
    /// refined by cell to `rel_tol`; `None` if the ladder ends first. The ends of
    /// the x window that are edges of phase space (the threshold, which opens as
    /// (x − x_th)^(3/2), and |p′| → 0, where dσ/dx closes as √(x_max − x)) get graded pieces.
    pub fn total_product(
        &self,
        cuts: &Cuts,
        u_lo: f64,
        u_hi: f64,
        lower_edge: bool,
        upper_edge: bool,
        rel_tol: f64,
    ) -> Option<Estimate> {
        let breaks = quadrature::breakpoints(u_lo, u_hi, &[], X_GAP);
        let pieces = breaks.len() - 1;
        // The x nodes of each (piece, order) with their angle pieces, found once and shared
        // by the classes of muon angle.
        let mut nodes: Vec<((usize, usize), Vec<XNode>)> = Vec::new();
        let evaluate = |cell: usize, orders: [usize; 3]| {
            let (piece, class) = (cell / THETA_CLASSES, cell % THETA_CLASSES);
            let [n_x, n_theta, n_t] = orders;
            let index = nodes
                .iter()
                .position(|(key, _)| *key == (piece, n_x))
                .unwrap_or_else(|| {
                    let edge = Edge::of_piece(piece, pieces, lower_edge, upper_edge);
                    let (a, b) = (breaks[piece], breaks[piece + 1]);
                    let found = self.x_nodes(a, b, edge, cuts.theta_max, n_x);
                    nodes.push(((piece, n_x), found));
                    nodes.len() - 1
                });
            self.x_piece_product(&nodes[index].1, [n_theta, n_t], class)
        };
        refine(
            pieces * THETA_CLASSES,
            evaluate,
            &T_LADDER,
            rel_tol,
            0.0,
            1.0,
        )
    }

    /// dσ/dx in GeV⁻² by the product rule, refined by class of muon angle to max(`rel_tol` ·
    /// |value|, `abs_tol`), with twice the sum of the cells' errors as the error (a higher
    /// order need not be much better than the lower one where the t integrals converge
    /// slowly); `None` if the ladder ends first, for the caller to use the nested integrals.
    pub fn dsigma_dx_fast(
        &self,
        x: f64,
        theta_max: f64,
        rel_tol: f64,
        abs_tol: f64,
    ) -> Option<Estimate> {
        let Some(pieces) = self.angle_pieces(x, theta_max) else {
            return Some(Estimate::default());
        };
        let evaluate =
            |class: usize, orders: [usize; 2]| self.dsigma_dx_product(&pieces, orders, class);
        refine(THETA_CLASSES, evaluate, &LADDER, rel_tol, abs_tol, 2.0)
    }
}
