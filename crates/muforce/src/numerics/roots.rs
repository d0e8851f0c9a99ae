//! Bracketed root finding: Brent's method (R. P. Brent, *Algorithms for Minimization without
//! Derivatives*, Prentice-Hall 1973, ch. 4).

use crate::error::{Error, Result};

/// Finds x in [a, b] with f(x) = 0, given f(a) and f(b) of opposite sign, to an absolute
/// accuracy `x_tol` in x. Errors if the root is not bracketed, f is not finite, or 200
/// iterations do not suffice.
pub fn brent<F>(what: &str, mut f: F, a: f64, b: f64, x_tol: f64) -> Result<f64>
where
    F: FnMut(f64) -> Result<f64>,
{
    let (mut a, mut b) = (a, b);
    let (mut fa, mut fb) = (f(a)?, f(b)?);
    if !(fa.is_finite() && fb.is_finite()) {
        return Err(Error::out_of_range(
            what,
            format!("f({a}) = {fa}, f({b}) = {fb}"),
            "must be finite at the bracket ends",
        ));
    }
    if fa == 0.0 {
        return Ok(a);
    }
    if fb == 0.0 {
        return Ok(b);
    }
    if fa.signum() == fb.signum() {
        return Err(Error::out_of_range(
            what,
            format!("f({a}) = {fa:e}, f({b}) = {fb:e}"),
            "the bracket must enclose a sign change",
        ));
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..200 {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 0.5 * x_tol;
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            return Ok(b);
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            // Inverse quadratic interpolation or secant step.
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                let qa = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0));
                q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b)?;
        if !fb.is_finite() {
            return Err(Error::out_of_range(
                what,
                format!("f({b}) = {fb}"),
                "must be finite inside the bracket",
            ));
        }
    }
    Err(Error::NotConverged {
        what: what.to_string(),
        achieved: (c - b).abs(),
        requested: x_tol,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_known_roots() {
        let r = brent("cos", |x: f64| Ok(x.cos()), 0.0, 3.0, 1e-14).unwrap();
        assert!((r - std::f64::consts::FRAC_PI_2).abs() < 1e-13);
        let r = brent("cubic", |x: f64| Ok(x * x * x - 2.0), 0.0, 2.0, 1e-14).unwrap();
        assert!((r - 2f64.cbrt()).abs() < 1e-13);
        assert!(brent("none", |x: f64| Ok(x * x + 1.0), -1.0, 1.0, 1e-10).is_err());
    }
}
