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
use super::fast::{Edge, THETA_CLASSES, X_GAP};
use super::quadrature::{self, Estimate};
use crate::production::Cuts;

/// Gauss–Legendre orders per piece in x and θ, climbed one rung at a time. Steps of two keep
/// the parity of successive orders, whose errors otherwise alternate in size.
const LADDER: [usize; 5] = [2, 4, 6, 8, 12];
/// The orders in ln t on the same rungs, for the total: the t pieces are already cut at
/// every scale of the integrand and graded around its ridges, so order 4 in t is about as
/// good as order 6 in x and θ (their errors at order 4, in the benchmark totals: t 1e-5–5e-4,
/// x 5e-4–1e-3, θ up to 3e-3). Every variable still changes from one rung to the next, so no
/// error goes unseen, and the steps into the rungs that decide (4 → 6 → 8) are two orders,
/// as in x and θ (5 → 6 would save 8 % more evaluations, but adjacent orders in t were seen
/// to differ by little more than the error of the higher one: 1 MeV vector on Pb). dσ/dx
/// keeps [`LADDER`] in t: with this ladder the ATLAS and Fermilab scans, made of dσ/dx, take
/// 15–45 % longer.
const T_LADDER: [usize; 5] = [2, 3, 4, 6, 8];
/// The rung every cell starts on (its indicator comes from the rung below).
const START: usize = 1;
/// Least relative error assumed of a cell on each rung. The low orders can agree by
/// accident where the integrand has a feature they do not resolve yet: for a 1 keV scalar on
/// copper at 50 GeV, the muon-angle tail cell (θ > 30 θ_c, a fifth of σ) is off by 3.6e-3 of
/// itself at both orders 4 and 6, and only order 8 sees it. Cells that matter are therefore
/// taken at least to the third rung (order 8 in x and θ).
const FLOOR: [f64; 5] = [1.0, 0.1, 0.01, 0.0, 0.0];

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
fn orders<const D: usize>(rung: usize, last: &[usize; 5]) -> [usize; D] {
    std::array::from_fn(|d| if d + 1 == D { last[rung] } else { LADDER[rung] })
}

/// Climbs the ladder until `safety` × (sum of the cells' errors) ≤ max(`rel_tol` · |value|,
/// `abs_tol`); `evaluate(cell, orders)` integrates one cell with one order per variable.
/// `None` when a cell that needs to rise is at the top of the ladder, or a value is not
/// finite.
fn refine<const D: usize, F: FnMut(usize, [usize; D]) -> f64>(
    count: usize,
    mut evaluate: F,
    last: &[usize; 5],
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
        let evaluate = |cell: usize, orders: [usize; 3]| {
            let (piece, class) = (cell / THETA_CLASSES, cell % THETA_CLASSES);
            let edge = Edge::of_piece(piece, pieces, lower_edge, upper_edge);
            let (a, b) = (breaks[piece], breaks[piece + 1]);
            self.x_piece_product(a, b, edge, cuts.theta_max, orders, class)
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
        let evaluate =
            |class: usize, orders: [usize; 2]| self.dsigma_dx_product(x, theta_max, orders, class);
        refine(THETA_CLASSES, evaluate, &LADDER, rel_tol, abs_tol, 2.0)
    }
}
