//! The product rule of the total cross section, refined by cell (`cells`), against the nested,
//! error-controlled integrals (`Setup::total_nested`) run to a tighter tolerance: wherever
//! `total` accepts the product rule, its difference to the nested value must lie within the
//! sum of the two error estimates.

use super::super::differential::Setup;
use super::common::{aluminium, copper, lead, tungsten};
use crate::matter::{FormFactorModel, Material};
use crate::model::Spin;
use crate::production::{Cuts, Process};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

fn check(process: &Process, energy: f64, cuts: &Cuts) -> bool {
    let setup = Setup::new(process, energy);
    let fast = setup.total(cuts, 1e-3).unwrap();
    let nested = setup.total_nested(cuts, 1e-5).unwrap();
    let difference = (fast.value - nested.value).abs();
    eprintln!(
        "{} mX={} E={energy}: total {:.6e} ± {:.1e} (relative), nested {:.6e} ± {:.1e}, difference {:.1e}",
        process.spin,
        process.mass_gev,
        fast.value,
        fast.relative_error(),
        nested.value,
        nested.relative_error(),
        difference / nested.value
    );
    assert!(
        difference <= fast.error + nested.error,
        "{} {}: {fast:?} vs {nested:?}",
        process.spin,
        process.mass_gev
    );
    assert!(fast.error <= 1e-3 * fast.value.abs());
    fast.error > 0.0
}

#[test]
fn product_rule_agrees_with_nested_integrals() {
    let mut cases: Vec<(Process, f64, Cuts)> = Vec::new();
    for spin in Spin::ALL {
        for mx in [0.016, 0.126, 1.0] {
            cases.push((copper(spin, mx), 50.0, Cuts::default()));
        }
        cases.push((lead(spin, 0.01), 160.0, Cuts::default()));
    }
    // Orders 6 and 8 of the whole product differ by ~1e-3 here.
    cases.push((lead(Spin::Vector, 0.001), 160.0, Cuts::default()));
    cases.push((
        copper(Spin::AxialVector, 0.126),
        50.0,
        Cuts {
            x_min: 0.1,
            x_max: 0.9,
            theta_max: 0.05,
            p_out_min: 0.0,
        },
    ));
    for (process, energy, cuts) in &cases {
        check(process, *energy, cuts);
    }
}

/// Further corners: a nearly massless scalar (whose muon-angle tail carries a fifth of σ and
/// fooled the low orders once), tungsten at the beam-dump energies of REFERENCE §8, the ATLAS
/// selection (θ < 0.1, p_out > 5 GeV; GKSST arXiv:1906.09272), a heavy axial vector, and
/// two mediators heavier than 8 % of the beam energy (random points of other seeds), where
/// t_min exceeds a GeV², the t integrand of the threshold x piece is one steep piece, and the
/// orders 3 and 4 in t once agreed to a fraction of their error (totals 1.3 and 1.5 times
/// their estimates off).
#[test]
fn product_rule_agrees_with_nested_integrals_in_corners() {
    let atlas = Cuts {
        theta_max: 0.1,
        p_out_min: 5.0,
        ..Cuts::default()
    };
    let cases = [
        (copper(Spin::Scalar, 1e-6), 50.0, Cuts::default()),
        (tungsten(Spin::Vector, 0.1), 3.0, Cuts::default()),
        (tungsten(Spin::Pseudoscalar, 0.3), 15.0, Cuts::default()),
        (copper(Spin::Scalar, 0.00126), 93.0, atlas),
        (lead(Spin::AxialVector, 3.0), 160.0, Cuts::default()),
        (
            tungsten(Spin::AxialVector, 17.362942598024215),
            213.91291513914734,
            Cuts::default(),
        ),
        (
            aluminium(Spin::Scalar, 16.720891347312417),
            206.36440715849497,
            Cuts::default(),
        ),
    ];
    for (process, energy, cuts) in &cases {
        check(process, *energy, cuts);
    }
}

/// A random point over the domain the reach scans use: one of six nuclei from carbon to
/// lead, a beam energy log-uniform in 2–500 GeV, m_X log-uniform from 1 keV to 0.3 E, any of
/// the four spins. The tests seed the generator, so the points are the same on every run.
fn random_process(rng: &mut Pcg64) -> (Process, f64) {
    let nuclei = [
        "carbon",
        "aluminium",
        "iron",
        "copper-63",
        "tungsten",
        "lead",
    ];
    let material = Material::built_in(nuclei[rng.random_range(0..nuclei.len())]).unwrap();
    let spin = Spin::ALL[rng.random_range(0..Spin::ALL.len())];
    let energy = 10f64.powf(rng.random_range(0.3..2.7));
    let mass = 10f64.powf(rng.random_range(-6.0..(0.3 * energy).log10()));
    let process = Process::new(spin, mass, 1.0, &material, FormFactorModel::Full).unwrap();
    (process, energy)
}

/// Totals at 48 random points ([`random_process`]).
#[test]
fn product_rule_agrees_with_nested_integrals_at_random_points() {
    let mut rng = Pcg64::seed_from_u64(7);
    for _ in 0..48 {
        let (process, energy) = random_process(&mut rng);
        check(&process, energy, &Cuts::default());
    }
}

/// dσ/dx by the product rule (`Setup::dsigma_dx_fast`, which ATLAS and the event generator
/// use) against the nested integrals at 10⁻⁵, at 48 random points ([`random_process`]), x
/// uniform in the open window, and no angle cut or a cut log-uniform in 1 mrad–1 rad.
#[test]
fn dsigma_dx_product_agrees_with_nested_integrals_at_random_points() {
    let mut rng = Pcg64::seed_from_u64(11);
    let mut checked = 0;
    for _ in 0..48 {
        let (process, energy) = random_process(&mut rng);
        let spin = process.spin;
        let mass = process.mass_gev;
        let setup = Setup::new(&process, energy);
        let (x_lo, x_hi) = setup.x_window(&Cuts::default()).unwrap();
        let x = x_lo + (x_hi - x_lo) * rng.random_range(0.0..1.0);
        let theta_max = if rng.random_bool(0.5) {
            std::f64::consts::PI
        } else {
            10f64.powf(rng.random_range(-3.0..0.0))
        };
        let Some(fast) = setup.dsigma_dx_fast(x, theta_max, 1e-3, 0.0) else {
            continue;
        };
        let nested = setup.dsigma_dx_nested(x, theta_max, 1e-5, 0.0).unwrap();
        let difference = (fast.value - nested.value).abs();
        assert!(
            difference <= fast.error + nested.error,
            "{spin} m_X = {mass} GeV, E = {energy} GeV, x = {x}, θ_max = {theta_max}: \
             {fast:?} vs {nested:?}"
        );
        assert!(fast.error <= 1e-3 * fast.value.abs());
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} points took the product rule");
}
