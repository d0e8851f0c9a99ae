//! Interpolation tables with controlled error for scans: σ(E) on an energy grid and 1-D shapes
//! such as dσ/dx at fixed E.
//!
//! A table is built from any fallible function f(x) → [`Integral`] (WW, IWW or the exact
//! cross section). The grid starts evenly spaced in ln x (or x) and is refined adaptively:
//! every interval is probed at its two inner third-points, where f is evaluated directly and
//! compared with the interpolation from the interval's ends. Intervals whose prediction
//! misses `rel_tol` at either point are split in three; the others keep the larger observed
//! discrepancy as their error estimate (the probes are then added as nodes, so the stored
//! estimate is conservative). Two probes rather than one midpoint catch intervals where the
//! curvature changes sign and the midpoint error vanishes by accident. Grid points of one
//! refinement round are
//! evaluated in parallel with rayon; the result does not depend on the number of threads.
//!
//! Interpolation is linear in (ln x, ln f) for log spacing (power law per interval; never
//! negative) and in (x, ln f) for linear spacing. Where an end value is zero (below a
//! threshold) the interval is interpolated linearly in f, so exact zeros stay zeros.
//! Evaluating outside the grid is an [`Error::OutOfRange`]: tables never extrapolate.

use crate::error::{within, Error, Result};
use crate::numerics::Integral;
use rayon::prelude::*;

/// Placement of the grid in the abscissa.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// Evenly spaced (and refined) in x.
    Linear,
    /// Evenly spaced (and refined) in ln x; requires x > 0.
    Log,
}

/// How a [`Table`] is built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableOptions {
    /// Requested relative interpolation accuracy.
    pub rel_tol: f64,
    /// Number of evenly spaced starting nodes (≥ 2).
    pub initial_points: usize,
    /// Largest number of nodes before the build fails with [`Error::NotConverged`].
    pub max_points: usize,
    /// Discrepancies below `floor × (largest |value| on the starting grid)` count as
    /// converged (this ends the refinement where f vanishes continuously, e.g. at a threshold).
    pub floor: f64,
}

impl TableOptions {
    /// `initial_points` starting nodes, relative tolerance `rel_tol`, up to 20 000 nodes and a
    /// floor of 10⁻⁹.
    pub fn new(rel_tol: f64, initial_points: usize) -> Self {
        TableOptions {
            rel_tol,
            initial_points,
            max_points: 20_000,
            floor: 1e-9,
        }
    }
}

/// An interpolated value and a bound on its absolute error (interpolation + node errors).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interpolated {
    /// The value.
    pub value: f64,
    /// Estimated absolute error.
    pub error: f64,
}

/// A 1-D table f(x) with per-interval error estimates.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    name: String,
    spacing: Spacing,
    /// The abscissa range as requested (exact, not round-tripped through ln).
    range: (f64, f64),
    /// Nodes in the grid coordinate (ln x or x).
    u: Vec<f64>,
    values: Vec<f64>,
    node_errors: Vec<f64>,
    /// Absolute interpolation error estimate of interval i (between nodes i and i+1).
    interval_errors: Vec<f64>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    u: f64,
    value: f64,
    error: f64,
}

#[derive(Debug, Clone, Copy)]
struct Interval {
    left: Node,
    right: Node,
    /// `Some(error)` once accepted.
    error: Option<f64>,
}

impl Spacing {
    fn to_u(self, x: f64) -> f64 {
        match self {
            Spacing::Linear => x,
            Spacing::Log => x.ln(),
        }
    }

    fn to_x(self, u: f64) -> f64 {
        match self {
            Spacing::Linear => u,
            Spacing::Log => u.exp(),
        }
    }
}

/// Interpolates between two nodes at grid coordinate `u`: linear in ln f when both values are
/// positive, linear in f otherwise.
fn interpolate(left: Node, right: Node, u: f64) -> f64 {
    let w = ((u - left.u) / (right.u - left.u)).clamp(0.0, 1.0);
    if left.value > 0.0 && right.value > 0.0 {
        (left.value.ln() + w * (right.value.ln() - left.value.ln())).exp()
    } else {
        left.value + w * (right.value - left.value)
    }
}

/// Evaluates `f` at the grid coordinates `us` in parallel; the first error in grid order wins.
fn evaluate<F>(name: &str, spacing: Spacing, f: &F, us: &[f64]) -> Result<Vec<Node>>
where
    F: Fn(f64) -> Result<Integral> + Sync,
{
    let results: Vec<Result<Integral>> = us.par_iter().map(|&u| f(spacing.to_x(u))).collect();
    us.iter()
        .zip(results)
        .map(|(&u, r)| {
            let r = r?;
            if !(r.value.is_finite() && r.error.is_finite()) {
                return Err(Error::out_of_range(
                    format!("tabulated function at {name} = {}", spacing.to_x(u)),
                    r.value,
                    "must be finite",
                ));
            }
            Ok(Node {
                u,
                value: r.value,
                error: r.error.abs(),
            })
        })
        .collect()
}

impl Table {
    /// σ(E) on [e_min, e_max] GeV, log-spaced with `points_per_decade` starting nodes per
    /// decade, refined to relative tolerance `rel_tol`. Errors of `f` propagate (return
    /// `Ok` with value 0 below a threshold).
    pub fn energy<F>(
        f: F,
        e_min: f64,
        e_max: f64,
        points_per_decade: f64,
        rel_tol: f64,
    ) -> Result<Table>
    where
        F: Fn(f64) -> Result<Integral> + Sync,
    {
        within("points_per_decade", points_per_decade, 0.5, 1e4)?;
        let decades = if e_min > 0.0 && e_max > e_min {
            (e_max / e_min).log10()
        } else {
            1.0
        };
        let initial = (decades * points_per_decade).ceil().max(1.0) as usize + 1;
        Table::build(
            "energy_gev",
            f,
            e_min,
            e_max,
            Spacing::Log,
            &TableOptions::new(rel_tol, initial),
        )
    }

    /// A shape f(x) on [lo, hi] (e.g. dσ/dx at fixed E) with `points` starting nodes.
    pub fn shape<F>(
        name: &str,
        f: F,
        lo: f64,
        hi: f64,
        spacing: Spacing,
        points: usize,
        rel_tol: f64,
    ) -> Result<Table>
    where
        F: Fn(f64) -> Result<Integral> + Sync,
    {
        Table::build(
            name,
            f,
            lo,
            hi,
            spacing,
            &TableOptions::new(rel_tol, points),
        )
    }

    /// Builds a table of `f` on [lo, hi]; `name` names the abscissa in error messages.
    pub fn build<F>(
        name: &str,
        f: F,
        lo: f64,
        hi: f64,
        spacing: Spacing,
        options: &TableOptions,
    ) -> Result<Table>
    where
        F: Fn(f64) -> Result<Integral> + Sync,
    {
        let min_lo = if spacing == Spacing::Log {
            f64::MIN_POSITIVE
        } else {
            f64::MIN
        };
        within(
            &format!("lower end of the {name} grid"),
            lo,
            min_lo,
            f64::MAX,
        )?;
        if !(hi.is_finite() && hi > lo) {
            return Err(Error::out_of_range(
                format!("upper end of the {name} grid"),
                hi,
                format!("must be finite and above the lower end {lo}"),
            ));
        }
        within("rel_tol", options.rel_tol, 1e-12, 0.5)?;
        within("floor", options.floor, 0.0, 1.0)?;
        let n = options.initial_points;
        if n < 2 || n > options.max_points {
            return Err(Error::out_of_range(
                "initial_points",
                n,
                format!("must lie in [2, max_points = {}]", options.max_points),
            ));
        }
        let (u_lo, u_hi) = (spacing.to_u(lo), spacing.to_u(hi));
        let mut us: Vec<f64> = (0..n)
            .map(|i| u_lo + (u_hi - u_lo) * i as f64 / (n - 1) as f64)
            .collect();
        us[n - 1] = u_hi;
        let nodes = evaluate(name, spacing, &f, &us)?;
        let scale = nodes.iter().fold(0.0_f64, |m, p| m.max(p.value.abs()));
        let floor = options.floor * scale;
        let mut intervals: Vec<Interval> = nodes
            .windows(2)
            .map(|w| Interval {
                left: w[0],
                right: w[1],
                error: None,
            })
            .collect();
        loop {
            let pending: Vec<usize> = (0..intervals.len())
                .filter(|&i| intervals[i].error.is_none())
                .collect();
            if pending.is_empty() {
                break;
            }
            let probes: Vec<f64> = pending
                .iter()
                .flat_map(|&i| {
                    let (a, b) = (intervals[i].left.u, intervals[i].right.u);
                    [a + (b - a) / 3.0, b - (b - a) / 3.0]
                })
                .collect();
            let probe_nodes = evaluate(name, spacing, &f, &probes)?;
            let mut next = Vec::with_capacity(intervals.len() + 2 * pending.len());
            let mut k = 0;
            let mut worst = 0.0_f64;
            for (i, interval) in intervals.iter().enumerate() {
                if k < pending.len() && pending[k] == i {
                    let (p1, p2) = (probe_nodes[2 * k], probe_nodes[2 * k + 1]);
                    k += 1;
                    let miss = |p: Node| {
                        let diff =
                            (interpolate(interval.left, interval.right, p.u) - p.value).abs();
                        (diff, diff / p.value.abs().max(floor))
                    };
                    let ((d1, r1), (d2, r2)) = (miss(p1), miss(p2));
                    let unsplittable =
                        !(interval.left.u < p1.u && p1.u < p2.u && p2.u < interval.right.u);
                    let accepted = (r1.max(r2) <= options.rel_tol) || unsplittable;
                    if !accepted {
                        worst = worst.max(r1.max(r2));
                    }
                    let error = accepted.then_some(d1.max(d2));
                    for (left, right) in [(interval.left, p1), (p1, p2), (p2, interval.right)] {
                        next.push(Interval { left, right, error });
                    }
                } else {
                    next.push(*interval);
                }
            }
            intervals = next;
            if intervals.len() + 1 > options.max_points && worst > 0.0 {
                return Err(Error::NotConverged {
                    what: format!("{name} table"),
                    achieved: worst,
                    requested: options.rel_tol,
                });
            }
        }
        let mut table = Table {
            name: name.to_string(),
            spacing,
            range: (lo, hi),
            u: Vec::with_capacity(intervals.len() + 1),
            values: Vec::with_capacity(intervals.len() + 1),
            node_errors: Vec::with_capacity(intervals.len() + 1),
            interval_errors: Vec::with_capacity(intervals.len()),
        };
        for interval in &intervals {
            table.push_node(interval.left);
            table.interval_errors.push(interval.error.unwrap_or(0.0));
        }
        if let Some(last) = intervals.last() {
            table.push_node(last.right);
        }
        Ok(table)
    }

    fn push_node(&mut self, node: Node) {
        self.u.push(node.u);
        self.values.push(node.value);
        self.node_errors.push(node.error);
    }

    /// The value at `x` with its error bound; outside the grid an [`Error::OutOfRange`].
    pub fn eval(&self, x: f64) -> Result<Interpolated> {
        let (lo, hi) = self.range();
        within(&self.name, x, lo, hi)?;
        let u = self
            .spacing
            .to_u(x)
            .clamp(self.u[0], self.u[self.u.len() - 1]);
        let i = self
            .u
            .partition_point(|&v| v <= u)
            .clamp(1, self.u.len() - 1);
        let node = |j: usize| Node {
            u: self.u[j],
            value: self.values[j],
            error: self.node_errors[j],
        };
        let (left, right) = (node(i - 1), node(i));
        let w = ((u - left.u) / (right.u - left.u)).clamp(0.0, 1.0);
        Ok(Interpolated {
            value: interpolate(left, right, u),
            error: self.interval_errors[i - 1] + left.error + w * (right.error - left.error),
        })
    }

    /// The abscissa range [lo, hi] covered by the table.
    pub fn range(&self) -> (f64, f64) {
        self.range
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.u.len()
    }

    /// Whether the table has no nodes (never true for a built table).
    pub fn is_empty(&self) -> bool {
        self.u.is_empty()
    }

    /// The nodes as (x, f(x)) pairs.
    pub fn nodes(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.u
            .iter()
            .zip(&self.values)
            .map(|(&u, &v)| (self.spacing.to_x(u), v))
    }

    /// Largest interpolation error estimate relative to the larger end value of its interval
    /// (intervals with both ends zero count as exact).
    pub fn max_relative_error(&self) -> f64 {
        self.interval_errors
            .iter()
            .enumerate()
            .map(|(i, &e)| {
                let scale = self.values[i].abs().max(self.values[i + 1].abs());
                if scale > 0.0 {
                    e / scale
                } else {
                    0.0
                }
            })
            .fold(0.0, f64::max)
    }
}
