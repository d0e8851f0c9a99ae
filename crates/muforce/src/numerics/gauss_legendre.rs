//! Fixed n-point Gauss–Legendre rules (Abramowitz & Stegun 25.4.29), nodes found by Newton
//! iteration on the Legendre recurrence.

/// An n-point Gauss–Legendre rule on [-1, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct GaussLegendre {
    nodes: Vec<f64>,
    weights: Vec<f64>,
}

impl GaussLegendre {
    /// Builds the rule with `n ≥ 1` points (n = 0 is treated as 1).
    pub fn new(n: usize) -> Self {
        let n = n.max(1);
        let mut nodes = vec![0.0; n];
        let mut weights = vec![0.0; n];
        let nf = n as f64;
        for i in 0..n.div_ceil(2) {
            // Tricomi's initial guess, then Newton on P_n.
            let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (nf + 0.5)).cos();
            let mut derivative = 1.0;
            for _ in 0..100 {
                let (p, dp) = legendre_with_derivative(n, x);
                derivative = dp;
                let step = p / dp;
                x -= step;
                if step.abs() < 1e-16 {
                    break;
                }
            }
            let (_, dp) = legendre_with_derivative(n, x);
            derivative = if dp == 0.0 { derivative } else { dp };
            let w = 2.0 / ((1.0 - x * x) * derivative * derivative);
            nodes[i] = -x;
            nodes[n - 1 - i] = x;
            weights[i] = w;
            weights[n - 1 - i] = w;
        }
        GaussLegendre { nodes, weights }
    }

    /// Nodes on [-1, 1], ascending.
    pub fn nodes(&self) -> &[f64] {
        &self.nodes
    }

    /// Weights matching [`Self::nodes`].
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: a rule has at least one point.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Applies the rule to `f` on [a, b].
    pub fn integrate<F: FnMut(f64) -> f64>(&self, mut f: F, a: f64, b: f64) -> f64 {
        let center = 0.5 * (a + b);
        let half = 0.5 * (b - a);
        let mut sum = 0.0;
        for (x, w) in self.nodes.iter().zip(&self.weights) {
            sum += w * f(center + half * x);
        }
        sum * half
    }

    /// Nodes and weights mapped onto [a, b].
    pub fn mapped(&self, a: f64, b: f64) -> impl Iterator<Item = (f64, f64)> + '_ {
        let center = 0.5 * (a + b);
        let half = 0.5 * (b - a);
        self.nodes
            .iter()
            .zip(&self.weights)
            .map(move |(x, w)| (center + half * x, w * half))
    }
}

fn legendre_with_derivative(n: usize, x: f64) -> (f64, f64) {
    let mut p0 = 1.0;
    let mut p1 = x;
    for k in 2..=n {
        let kf = k as f64;
        let p2 = ((2.0 * kf - 1.0) * x * p1 - (kf - 1.0) * p0) / kf;
        p0 = p1;
        p1 = p2;
    }
    if n == 1 {
        return (x, 1.0);
    }
    let dp = n as f64 * (x * p1 - p0) / (x * x - 1.0);
    (p1, dp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An n-point rule integrates polynomials of degree 2n − 1 exactly; weights sum to 2.
    #[test]
    fn exactness() {
        for n in [1, 2, 5, 16, 48] {
            let rule = GaussLegendre::new(n);
            assert!((rule.weights().iter().sum::<f64>() - 2.0).abs() < 1e-13);
            let deg = 2 * n - 1;
            let exact = 1.0 / (deg as f64 + 1.0);
            let got = rule.integrate(|x| x.powi(deg as i32), 0.0, 1.0);
            assert!((got - exact).abs() < 1e-13, "n={n}: {got} vs {exact}");
        }
    }
}
