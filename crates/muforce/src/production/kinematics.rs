//! Input checks, the allowed x window and the x integration shared by the WW and IWW
//! cross sections (REFERENCE §3).
//!
//! x = E_X/E with |k| = √(x²E² − m_X²); the kinematic range is m_X/E < x < 1 − m_μ/E.
//! In the collinear 2 → 2 picture behind WW the outgoing muon carries E′ = (1 − x)E.

use crate::error::{positive, within, Error, Result};
use crate::numerics::{try_integrate, Integral, Tolerance};
use crate::production::{Cuts, Process};
use crate::units::M_MU;

/// Smallest and largest relative tolerance accepted by the cross-section routines.
pub(crate) const REL_TOL_RANGE: (f64, f64) = (1e-10, 0.5);

/// Checks the beam energy, the process and the tolerance.
pub(crate) fn check_inputs(process: &Process, energy_gev: f64, rel_tol: f64) -> Result<()> {
    if !(energy_gev.is_finite() && energy_gev > M_MU) {
        return Err(Error::out_of_range(
            "energy_gev",
            energy_gev,
            format!("must be a finite beam energy > m_μ = {M_MU} GeV"),
        ));
    }
    positive("mass_gev", process.mass_gev)?;
    positive("coupling", process.coupling)?;
    positive("z", process.z)?;
    if process.mass_gev >= energy_gev - M_MU {
        return Err(Error::out_of_range(
            "mass_gev",
            process.mass_gev,
            format!(
                "must be below E − m_μ = {} GeV for energy_gev = {energy_gev}",
                energy_gev - M_MU
            ),
        ));
    }
    within("rel_tol", rel_tol, REL_TOL_RANGE.0, REL_TOL_RANGE.1)?;
    Ok(())
}

/// Checks that `x` is a number in [0, 1].
pub(crate) fn check_x(x: f64) -> Result<f64> {
    within("x", x, 0.0, 1.0)
}

/// The kinematic range (m_X/E, 1 − m_μ/E) of x.
pub(crate) fn kinematic_range(mass: f64, energy: f64) -> (f64, f64) {
    (mass / energy, 1.0 - M_MU / energy)
}

/// |k|/E = √(x² − m_X²/E²) (zero at and below threshold).
pub(crate) fn k_over_e(mass: f64, energy: f64, x: f64) -> f64 {
    let r = mass / energy;
    ((x - r) * (x + r)).max(0.0).sqrt()
}

/// The x window left by the cuts: kinematics ∩ [x_min, x_max] ∩ {p′ ≥ p_out_min}, where
/// p′ = √(((1−x)E)² − m_μ²). An empty window is an [`Error::OutOfRange`] naming the cut.
pub(crate) fn x_window(process: &Process, energy: f64, cuts: &Cuts) -> Result<(f64, f64)> {
    cuts.validate()?;
    let (kin_lo, kin_hi) = kinematic_range(process.mass_gev, energy);
    let x_p = 1.0 - cuts.p_out_min.hypot(M_MU) / energy;
    let lo = kin_lo.max(cuts.x_min);
    let hi = kin_hi.min(cuts.x_max).min(x_p);
    if lo < hi {
        return Ok((lo, hi));
    }
    let (field, value) = if cuts.x_min >= hi {
        ("x_min", cuts.x_min)
    } else if cuts.x_max <= lo {
        ("x_max", cuts.x_max)
    } else {
        ("p_out_min", cuts.p_out_min)
    };
    Err(Error::out_of_range(
        field,
        value,
        format!(
            "leaves no x window: kinematics allow {kin_lo:.6} < x < {kin_hi:.6} at E = {energy} GeV \
             (and p_out ≥ p_out_min means x ≤ {x_p:.6})"
        ),
    ))
}

/// Largest polar angle of X allowed by the muon-angle cut θ_μ ≤ θ_max, in the collinear
/// 2 → 2 picture where the muon's transverse momentum balances X's:
/// p′ θ_μ ≈ |k| θ_X, i.e. θ_X ≤ θ_max p′/|k| ≈ θ_max (1 − x)/x (small-angle approximation;
/// the photon's transverse momentum √t is neglected). `None` when no cut is set (θ_max = π).
pub(crate) fn theta_x_limit(process: &Process, energy: f64, cuts: &Cuts, x: f64) -> Option<f64> {
    if cuts.theta_max >= std::f64::consts::PI {
        return None;
    }
    let e_out = (1.0 - x) * energy;
    let p_out = ((e_out - M_MU) * (e_out + M_MU)).max(0.0).sqrt();
    let k = k_over_e(process.mass_gev, energy, x) * energy;
    Some(if k > 0.0 {
        cuts.theta_max * p_out / k
    } else {
        f64::INFINITY
    })
}

/// ∫_{lo}^{hi} f(x) dx for 0 < lo < hi < 1: in ln x below x = ½ (with a break at
/// x = m_X/m_μ, where dσ/dx changes from the m_X- to the m_μ-dominated regime) and in
/// ln(1 − x) above, each piece to relative tolerance `rel_tol`.
pub(crate) fn integrate_x<F>(
    what: &str,
    mass: f64,
    mut f: F,
    lo: f64,
    hi: f64,
    rel_tol: f64,
) -> Result<Integral>
where
    F: FnMut(f64) -> Result<f64>,
{
    let mut breaks = vec![lo];
    for b in [mass / M_MU, 0.5] {
        if b > lo && b < hi {
            breaks.push(b);
        }
    }
    breaks.push(hi);
    breaks.sort_by(f64::total_cmp);
    let tol = Tolerance::relative(rel_tol).with_max_intervals(4000);
    let mut total = Integral {
        value: 0.0,
        error: 0.0,
        evaluations: 0,
    };
    for pair in breaks.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let part = if b <= 0.5 {
            try_integrate(
                what,
                |s: f64| {
                    let x = s.exp();
                    Ok(f(x)? * x)
                },
                a.ln(),
                b.ln(),
                tol,
            )?
        } else {
            try_integrate(
                what,
                |v: f64| {
                    let y = v.exp();
                    Ok(f(1.0 - y)? * y)
                },
                (1.0 - b).ln(),
                (1.0 - a).ln(),
                tol,
            )?
        };
        total.value += part.value;
        total.error += part.error;
        total.evaluations += part.evaluations;
    }
    Ok(total)
}

/// Turns a value with an error estimate into a result, failing with
/// [`Error::NotConverged`] when the relative error exceeds `rel_tol`.
pub(crate) fn accept(
    what: &str,
    value: f64,
    error: f64,
    evaluations: usize,
    rel_tol: f64,
) -> Result<Integral> {
    if !(value.is_finite() && error.is_finite()) {
        return Err(Error::NotConverged {
            what: what.into(),
            achieved: f64::INFINITY,
            requested: rel_tol,
        });
    }
    let value = value.max(0.0);
    if error > rel_tol * value && error > 0.0 {
        return Err(Error::NotConverged {
            what: what.into(),
            achieved: if value > 0.0 {
                error / value
            } else {
                f64::INFINITY
            },
            requested: rel_tol,
        });
    }
    Ok(Integral {
        value,
        error,
        evaluations,
    })
}
