//! The differential cross section at one beam energy with cuts, prepared once (flux tables,
//! fluxes) and then evaluated at many points: dσ/dx and dσ/dρ for line-shape analyses.
//!
//! ρ = (p_out − p_in)/p_in is the relative momentum change of the muon (GKSST
//! arXiv:1906.09272 Eq. 3); with x = 1 − E′/E (the convention of [`Cuts`]) the change of
//! variable is exact: p_out = p_in (1 + ρ), E′ = √(p_out² + m_μ²), and
//! dσ/dρ = dσ/dx · |dx/dρ| = dσ/dx · p_in p_out / (E E′).
//!
//! The cuts act as follows: x_min ≤ x ≤ x_max and p_out ≥ p_out_min bound the x window (the
//! cross section is zero outside it); the muon-angle cut θ_μ ≤ θ_max limits the X angle in WW
//! and IWW through the collinear 2 → 2 relation θ_X ≤ θ_max p′/|k| (see
//! `kinematics::theta_x_limit`).

use crate::error::{Error, Result};
use crate::production::iww;
use crate::production::kinematics::{check_inputs, kinematic_range, theta_x_limit};
use crate::production::ww::Ww;
use crate::production::{Cuts, Method, Process};
use crate::units::M_MU;

/// What each method keeps between evaluations.
enum Kind<'a> {
    /// WW: the flux table of this energy.
    Ww(Box<Ww<'a>>),
    /// IWW: the x-independent flux χ.
    Iww(f64),
    /// The exact 2 → 3 cross section (evaluated afresh at each x).
    Exact,
}

/// dσ/dx and dσ/dρ of one process at one beam energy, with cuts.
pub struct AtEnergy<'a> {
    process: &'a Process,
    energy: f64,
    cuts: Cuts,
    rel_tol: f64,
    kind: Kind<'a>,
}

/// E = √(p² + m_μ²) for a muon of momentum `p` GeV.
pub fn muon_energy(p: f64) -> f64 {
    p.hypot(M_MU)
}

/// Prepares the cross section of `process` at beam energy `energy_gev` with `cuts`,
/// evaluated to relative tolerance `rel_tol` (exact: REFERENCE §1, GKSST Eqs. S7–S18, with the
/// muon-angle cut applied exactly; WW: REFERENCE §3.1, Liu–Miller arXiv:1705.01633; IWW:
/// REFERENCE §3.2, Chen–Pospelov–Zhong arXiv:1701.07437 Eqs. 12–13).
pub fn prepare<'a>(
    method: Method,
    process: &'a Process,
    energy_gev: f64,
    cuts: &Cuts,
    rel_tol: f64,
) -> Result<AtEnergy<'a>> {
    check_inputs(process, energy_gev, rel_tol)?;
    cuts.validate()?;
    let kind = match method {
        Method::Ww => Kind::Ww(Box::new(Ww::new(process, energy_gev, rel_tol)?)),
        Method::Iww => Kind::Iww(iww::flux(process, energy_gev, 0.1 * rel_tol)?.value),
        Method::Exact => Kind::Exact,
    };
    Ok(AtEnergy {
        process,
        energy: energy_gev,
        cuts: *cuts,
        rel_tol,
        kind,
    })
}

impl AtEnergy<'_> {
    /// The beam energy in GeV.
    pub fn energy(&self) -> f64 {
        self.energy
    }

    /// Whether x lies inside kinematics and the cuts' window.
    fn inside(&self, x: f64) -> bool {
        let (lo, hi) = kinematic_range(self.process.mass_gev, self.energy);
        let e_out = (1.0 - x) * self.energy;
        let p_out = ((e_out - M_MU) * (e_out + M_MU)).max(0.0).sqrt();
        x > lo
            && x < hi
            && x >= self.cuts.x_min
            && x <= self.cuts.x_max
            && p_out >= self.cuts.p_out_min
    }

    /// dσ/dx in GeV⁻² at x = 1 − E′/E with the cuts applied (zero outside the window);
    /// x must be a number in [0, 1].
    pub fn dsigma_dx(&self, x: f64) -> Result<f64> {
        crate::error::within("x", x, 0.0, 1.0)?;
        if !self.inside(x) {
            return Ok(0.0);
        }
        match &self.kind {
            Kind::Ww(ww) => {
                let cut = theta_x_limit(self.process, self.energy, &self.cuts, x);
                Ok(ww.dsigma_dx(x, cut, self.rel_tol)?.value.max(0.0))
            }
            Kind::Iww(chi) => {
                Ok(chi * iww::reduced_with_cuts(self.process, self.energy, &self.cuts, x).max(0.0))
            }
            Kind::Exact => Ok(crate::production::exact::dsigma_dx(
                self.process,
                self.energy,
                x,
                &self.cuts,
                self.rel_tol,
            )
            .map_err(|e| match e {
                // Name the point, so that a failing scan says where it failed.
                Error::NotConverged {
                    what,
                    achieved,
                    requested,
                } => Error::NotConverged {
                    what: format!(
                        "{what} ({} X, m_X = {} GeV, E = {} GeV, x = {x})",
                        self.process.spin, self.process.mass_gev, self.energy
                    ),
                    achieved,
                    requested,
                },
                other => other,
            })?
            .value
            .max(0.0)),
        }
    }

    /// dσ/dρ in GeV⁻² at ρ = p_out/p_in − 1 (GKSST Eq. 3), by the exact change of variable of
    /// the module documentation; zero for ρ ≥ 0 and ρ ≤ −1, an error for non-finite ρ.
    pub fn dsigma_drho(&self, rho: f64) -> Result<f64> {
        crate::error::finite("rho", rho)?;
        if rho <= -1.0 || rho >= 0.0 {
            return Ok(0.0);
        }
        let p_in = ((self.energy - M_MU) * (self.energy + M_MU)).sqrt();
        let p_out = p_in * (1.0 + rho);
        let e_out = muon_energy(p_out);
        let x = (1.0 - e_out / self.energy).clamp(0.0, 1.0);
        Ok(self.dsigma_dx(x)? * p_in * p_out / (self.energy * e_out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matter::{FormFactorModel, Material};
    use crate::model::Spin;
    use crate::numerics::{integrate, Tolerance};

    fn process(spin: Spin, mass: f64) -> Process {
        let cu = Material::built_in("Cu").unwrap();
        Process::new(spin, mass, 1.0, &cu, FormFactorModel::Full).unwrap()
    }

    /// Without cuts the prepared WW dσ/dx is the library's `ww::dsigma_dx`; the prepared IWW
    /// one is `iww::dsigma_dx` without CPZ's β_μ factor difference (both use the same χ).
    #[test]
    fn matches_the_unprepared_functions() {
        let p = process(Spin::Scalar, 0.126);
        let cuts = Cuts::default();
        let ww = prepare(Method::Ww, &p, 50.0, &cuts, 1e-6).unwrap();
        let iww_p = prepare(Method::Iww, &p, 50.0, &cuts, 1e-6).unwrap();
        for x in [0.05, 0.3, 0.5, 0.9] {
            let direct = crate::production::ww::dsigma_dx(&p, 50.0, x, 1e-6)
                .unwrap()
                .value;
            assert!(
                (ww.dsigma_dx(x).unwrap() / direct - 1.0).abs() < 1e-5,
                "{x}"
            );
            let direct = crate::production::iww::dsigma_dx(&p, 50.0, x, 1e-6)
                .unwrap()
                .value;
            assert!((iww_p.dsigma_dx(x).unwrap() / direct - 1.0).abs() < 1e-5);
        }
    }

    /// ∫dρ dσ/dρ over ρ equals ∫dx dσ/dx over the same window (the Jacobian is exact), and
    /// the WW total with the same cuts agrees (REFERENCE §3.1).
    #[test]
    fn rho_jacobian_conserves_the_total() {
        let p = process(Spin::Vector, 0.016);
        let cuts = Cuts {
            theta_max: 0.1,
            p_out_min: 5.0,
            ..Cuts::default()
        };
        let e = muon_energy(40.0);
        let at = prepare(Method::Ww, &p, e, &cuts, 1e-7).unwrap();
        let tol = Tolerance::relative(1e-6);
        // ρ from p_out = 5 GeV (ρ = −0.875) to just below 0, in ln(−ρ) for the 1/x rise.
        let rho_lo: f64 = 5.0 / 40.0 - 1.0;
        let by_rho = integrate(
            "rho",
            |s| {
                let rho = -s.exp();
                at.dsigma_drho(rho).unwrap() * s.exp()
            },
            1e-7f64.ln(),
            (-rho_lo).ln(),
            tol,
        )
        .unwrap()
        .value;
        let total = crate::production::ww::total(&p, e, &cuts, 1e-5)
            .unwrap()
            .value;
        assert!((by_rho / total - 1.0).abs() < 1e-3, "{by_rho} vs {total}");
        assert_eq!(at.dsigma_drho(0.1).unwrap(), 0.0);
        assert_eq!(at.dsigma_drho(-0.95).unwrap(), 0.0); // p_out = 2 GeV < 5 GeV
        assert!(at.dsigma_drho(f64::NAN).is_err());
        assert!(at.dsigma_dx(1.5).is_err());
    }

    /// REFERENCE §8 item 3: exact/WW between 0.94 and 1.06 at 50 GeV for 0.05 ≤ x ≤ 0.95
    /// (no cuts); the prepared exact arm is the library's exact dσ/dx.
    #[test]
    fn exact_arm_against_ww() {
        let p = process(Spin::Scalar, 0.126);
        let cuts = Cuts::default();
        let exact = prepare(Method::Exact, &p, 50.0, &cuts, 1e-4).unwrap();
        let ww = prepare(Method::Ww, &p, 50.0, &cuts, 1e-6).unwrap();
        for x in [0.05, 0.5, 0.95] {
            let r = exact.dsigma_dx(x).unwrap() / ww.dsigma_dx(x).unwrap();
            assert!(r > 0.94 && r < 1.06, "x = {x}: {r}");
        }
    }
}
