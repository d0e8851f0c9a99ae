//! The tabulated density d²σ/(dv d ln θ) of μN → μNX (v the table's x coordinate,
//! [`super::grid::XMap`]), sampled exactly as its bilinear interpolant: a cell is drawn from
//! the cumulative cell weights, a point inside it by rejection under the largest corner
//! value (the bounded envelope of a bilinear function).

use super::grid::XWindow;
use crate::error::{Error, Result};
use crate::production::Method;
use rand::Rng;

/// Grid and accuracy settings of the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableSettings {
    /// Nodes in x = 1 − E′/E (uniform in logit x between the kinematic limits).
    pub x_nodes: usize,
    /// Nodes in ln θ of the outgoing muon (uniform between `theta_min` and `theta_max`).
    pub theta_nodes: usize,
    /// Smallest muon angle tabulated, rad (below it the density is set to zero).
    pub theta_min: f64,
    /// Largest muon angle tabulated, rad.
    pub theta_max: f64,
    /// Relative tolerance of each d²σ/(dx dθ).
    pub rel_tol: f64,
    /// The cross section tabulated: exact or WW (IWW has no angular density).
    pub method: Method,
    /// The x range tabulated (the kinematic range by default).
    pub window: XWindow,
}

impl Default for TableSettings {
    fn default() -> Self {
        TableSettings {
            x_nodes: 64,
            theta_nodes: 64,
            theta_min: 1e-6,
            theta_max: 0.5,
            rel_tol: 1e-3,
            method: Method::Exact,
            window: XWindow::default(),
        }
    }
}

impl TableSettings {
    /// Checks the grid sizes and the angular range.
    pub fn validate(&self) -> Result<()> {
        for (field, n) in [("x_nodes", self.x_nodes), ("theta_nodes", self.theta_nodes)] {
            if !(4..=2048).contains(&n) {
                return Err(Error::out_of_range(field, n, "must lie in [4, 2048]"));
            }
        }
        if !(self.theta_min.is_finite()
            && self.theta_min > 0.0
            && self.theta_max.is_finite()
            && self.theta_max > self.theta_min
            && self.theta_max <= std::f64::consts::PI)
        {
            return Err(Error::out_of_range(
                "theta_min/theta_max",
                format!("{}/{}", self.theta_min, self.theta_max),
                "need 0 < theta_min < theta_max <= pi",
            ));
        }
        self.window.validate()?;
        if !(self.rel_tol.is_finite() && (1e-8..=0.5).contains(&self.rel_tol)) {
            return Err(Error::out_of_range(
                "rel_tol",
                self.rel_tol,
                "must lie in [1e-8, 0.5]",
            ));
        }
        Ok(())
    }
}

/// d²σ/(dv d ln θ) on a grid, in GeV⁻², with its sampling tables.
#[derive(Debug, Clone, PartialEq)]
pub struct DensityTable {
    /// v nodes (the x coordinate).
    pub v: Vec<f64>,
    /// ln θ nodes.
    pub ln_theta: Vec<f64>,
    /// Values, v outermost: `values[i * ln_theta.len() + j]`.
    pub values: Vec<f64>,
    /// Cumulative cell weights (integral of the bilinear interpolant), last = `sigma`.
    cumulative: Vec<f64>,
    /// Largest corner value per cell.
    cell_max: Vec<f64>,
    /// σ of the interpolant within the table, GeV⁻².
    pub sigma: f64,
}

impl DensityTable {
    /// A table from given nodes and non-negative values (x outermost).
    pub fn from_values(v: Vec<f64>, ln_theta: Vec<f64>, values: Vec<f64>) -> Result<Self> {
        let (nx, nt) = (v.len(), ln_theta.len());
        if nx < 2 || nt < 2 || values.len() != nx * nt {
            return Err(Error::out_of_range(
                "table size",
                format!("{nx} x {nt} nodes, {} values", values.len()),
                "need at least 2 x 2 nodes and one value per node",
            ));
        }
        if values.iter().any(|v| !(v.is_finite() && *v >= 0.0)) {
            return Err(Error::out_of_range(
                "table values",
                "(negative or not finite)",
                "must be finite and >= 0",
            ));
        }
        let mut table = DensityTable {
            v,
            ln_theta,
            values,
            cumulative: Vec::with_capacity((nx - 1) * (nt - 1)),
            cell_max: Vec::with_capacity((nx - 1) * (nt - 1)),
            sigma: 0.0,
        };
        let mut sum = 0.0;
        for i in 0..nx - 1 {
            for j in 0..nt - 1 {
                sum += table.cell_integral(i, j);
                table.cumulative.push(sum);
                let largest = table.corners(i, j).into_iter().fold(0.0, f64::max);
                table.cell_max.push(largest);
            }
        }
        if sum <= 0.0 {
            return Err(Error::out_of_range(
                "table",
                "all zero",
                "the cross section vanishes on the whole grid",
            ));
        }
        table.sigma = sum;
        Ok(table)
    }

    /// The bilinear interpolant at (v, ln θ); zero outside the grid.
    pub fn eval(&self, v: f64, ln_theta: f64) -> f64 {
        let (Some(i), Some(j)) = (cell(&self.v, v), cell(&self.ln_theta, ln_theta)) else {
            return 0.0;
        };
        let a = (v - self.v[i]) / (self.v[i + 1] - self.v[i]);
        let b = (ln_theta - self.ln_theta[j]) / (self.ln_theta[j + 1] - self.ln_theta[j]);
        self.bilinear(i, j, a, b)
    }

    /// The interpolant in cell (i, j) at fractions (a, b) of its width in v and ln θ.
    pub(crate) fn bilinear(&self, i: usize, j: usize, a: f64, b: f64) -> f64 {
        let [c00, c10, c01, c11] = self.corners(i, j);
        (1.0 - a) * (1.0 - b) * c00 + a * (1.0 - b) * c10 + (1.0 - a) * b * c01 + a * b * c11
    }

    /// The integral of the interpolant over cell (i, j): the mean of its corners times its
    /// area.
    pub(crate) fn cell_integral(&self, i: usize, j: usize) -> f64 {
        let [a, b, c, d] = self.corners(i, j);
        let area = (self.v[i + 1] - self.v[i]) * (self.ln_theta[j + 1] - self.ln_theta[j]);
        0.25 * (a + b + c + d) * area
    }

    /// The values at the corners of cell (i, j): (v_i, θ_j), (v_i+1, θ_j), (v_i, θ_j+1),
    /// (v_i+1, θ_j+1).
    fn corners(&self, i: usize, j: usize) -> [f64; 4] {
        let nt = self.ln_theta.len();
        let v = &self.values;
        [
            v[i * nt + j],
            v[(i + 1) * nt + j],
            v[i * nt + j + 1],
            v[(i + 1) * nt + j + 1],
        ]
    }

    /// Draws (v, θ) from the interpolant (exactly, by rejection inside the chosen cell).
    pub fn sample<R: Rng>(&self, rng: &mut R) -> (f64, f64) {
        let nt = self.ln_theta.len() - 1;
        let u = rng.random::<f64>() * self.sigma;
        let k = self
            .cumulative
            .partition_point(|&c| c <= u)
            .min(self.cumulative.len() - 1);
        let (i, j) = (k / nt, k % nt);
        let envelope = self.cell_max[k];
        // Rejection inside the chosen cell: a retry must stay in it, or cells with a low
        // acceptance would be under-represented.
        loop {
            let (a, b): (f64, f64) = (rng.random(), rng.random());
            if rng.random::<f64>() * envelope <= self.bilinear(i, j, a, b) {
                let v = self.v[i] + a * (self.v[i + 1] - self.v[i]);
                let l = self.ln_theta[j] + b * (self.ln_theta[j + 1] - self.ln_theta[j]);
                return (v, l.exp());
            }
        }
    }
}

/// Index i with nodes[i] <= v < nodes[i+1] (the last cell includes its upper end).
fn cell(nodes: &[f64], v: f64) -> Option<usize> {
    let n = nodes.len();
    if !(v >= nodes[0] && v <= nodes[n - 1]) {
        return None;
    }
    Some(nodes.partition_point(|&c| c <= v).clamp(1, n - 1) - 1)
}
