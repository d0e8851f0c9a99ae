//! Property tests (issue 8) with proptest: the invariants that hold for every input, not just
//! the reference points of the unit tests.
//!
//! - σ ≥ 0 and σ ∝ g² (WW, IWW): the coupling enters the tree-level cross section only as an
//!   overall g² (REFERENCE §3; CPZ Eq. 12).
//! - Δa_μ ∝ g² (one-loop, Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1).
//! - P(decay in [z₁, z₂]) ∈ [0, 1] and does not shrink when the window grows (CPZ Eqs. 14–15).
//! - Upper limits of `stats::BinnedLikelihood` (Asimov data) do not fall when the background
//!   grows, and fall as 1/k when the signal (the exposure) is scaled by k ≥ 1 (CCGV: the
//!   likelihood depends on μ s only).
//! - The same limits do not rise when the exposure grows with signal and background scaled
//!   together (Asimov data: q̃_μ scales with the exposure, Cowan et al., EPJC 71 (2011) 1554,
//!   Eq. 97 and Sect. 3.5).
//! - Classical Poisson upper limits (PDG Review "Statistics", Eq. 40.76) grow with the observed
//!   count and do not grow with the known background.
//! - A beam dump's excluded coupling island (CPZ arXiv:1701.07437 Sect. IV) only widens when
//!   the number of muons grows: N(g) is proportional to the muons.
//! - `io::parse_energy` returns what `format!` wrote, for every unit.

use muforce::experiment::beam_dump::{interval, BeamDump, DumpYield};
use muforce::experiment::{builtin_description, Description};
use muforce::io::{parse_energy, quantity::ENERGY_UNITS};
use muforce::matter::{FormFactorModel, MaterialTable};
use muforce::model::{decay_probability, delta_a_mu, Spin};
use muforce::production::{iww, ww, Cuts, Process};
use muforce::stats::{poisson_upper_limit, BinnedLikelihood, LimitMethod};
use proptest::prelude::*;

fn spin() -> impl Strategy<Value = Spin> {
    prop::sample::select(Spin::ALL.to_vec())
}

/// log10 of a value uniform in [lo, hi].
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo.log10()..hi.log10()).prop_map(|e| 10f64.powf(e))
}

fn process(spin: Spin, mass: f64, g: f64, material: usize) -> Process {
    let table = MaterialTable::built_in();
    let m = &table.materials()[material % table.materials().len()];
    Process::new(spin, mass, g, m, FormFactorModel::Full).unwrap()
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

type TotalFn = fn(&Process, f64, &Cuts, f64) -> muforce::Result<muforce::numerics::Integral>;

/// σ(g₂)/σ(g₁) = (g₂/g₁)² and both ≥ 0, whenever the point is kinematically open.
fn check_g_squared(
    total: TotalFn,
    spin: Spin,
    mass: f64,
    energy: f64,
    material: usize,
    g: f64,
) -> Result<(), TestCaseError> {
    prop_assume!(mass < 0.5 * energy);
    let p1 = process(spin, mass, 1e-3, material);
    let p2 = process(spin, mass, g, material);
    let cuts = Cuts::default();
    let s1 = total(&p1, energy, &cuts, 1e-4).unwrap().value;
    let s2 = total(&p2, energy, &cuts, 1e-4).unwrap().value;
    prop_assert!(s1 >= 0.0 && s2 >= 0.0);
    let expected = s1 * (g / 1e-3).powi(2);
    prop_assert!(rel(s2, expected) < 1e-9, "{} vs {}", s2, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn ww_sigma_is_non_negative_and_quadratic_in_g(
        spin in spin(), mass in log_uniform(1e-6, 10.0), energy in log_uniform(1.0, 7000.0),
        material in 0usize..12, g in log_uniform(1e-8, 1.0),
    ) {
        check_g_squared(ww::total, spin, mass, energy, material, g)?;
    }

    #[test]
    fn iww_sigma_is_non_negative_and_quadratic_in_g(
        spin in spin(), mass in log_uniform(1e-6, 10.0), energy in log_uniform(1.0, 7000.0),
        material in 0usize..12, g in log_uniform(1e-8, 1.0),
    ) {
        check_g_squared(iww::total, spin, mass, energy, material, g)?;
    }
}

proptest! {
    #[test]
    fn delta_a_mu_is_quadratic_in_g(
        spin in spin(), mass in log_uniform(1e-6, 10.0), g in log_uniform(1e-8, 4.0),
    ) {
        let one = delta_a_mu(spin, mass, 1.0).unwrap().value;
        let at_g = delta_a_mu(spin, mass, g).unwrap().value;
        prop_assert!(one.is_finite() && at_g.is_finite());
        prop_assert!(rel(at_g, one * g * g) < 1e-12, "{} vs {}", at_g, one * g * g);
    }

    #[test]
    fn decay_probability_is_a_probability_monotone_in_the_window(
        length in log_uniform(1e-12, 1e12),
        z_min in log_uniform(1e-6, 1e6),
        width in log_uniform(1e-9, 1e9),
        grow_low in 0.0..1.0f64,
        grow_high in log_uniform(1.0, 1e3),
    ) {
        let z_max = z_min + width;
        let p = decay_probability(length, z_min, z_max).unwrap();
        prop_assert!((0.0..=1.0).contains(&p));
        // A wider window: starts earlier and ends later.
        let wider = decay_probability(length, z_min * grow_low, z_min + width * grow_high).unwrap();
        prop_assert!((0.0..=1.0).contains(&wider));
        prop_assert!(wider >= p * (1.0 - 1e-12), "{} < {}", wider, p);
        let to_infinity = decay_probability(length, z_min, f64::INFINITY).unwrap();
        prop_assert!(to_infinity >= p * (1.0 - 1e-12));
    }

    #[test]
    fn parse_energy_round_trips(value in log_uniform(1e-12, 1e12), unit in 0usize..5) {
        let (name, scale) = ENERGY_UNITS[unit];
        let plain = parse_energy(&format!("{value}")).unwrap();
        prop_assert_eq!(plain, value);
        let shown = value / scale;
        for text in [format!("{shown}{name}"), format!("{shown} {}", name.to_uppercase())] {
            let parsed = parse_energy(&text).unwrap();
            prop_assert!(rel(parsed, shown * scale) <= f64::EPSILON, "{} -> {}", text, parsed);
        }
    }
}

fn bins() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (1usize..6).prop_flat_map(|n| {
        (
            prop::collection::vec(0.1..50.0f64, n),
            prop::collection::vec(0.0..500.0f64, n),
        )
    })
}

fn limit(signal: Vec<f64>, background: Vec<f64>, method: LimitMethod) -> f64 {
    BinnedLikelihood::asimov(signal, background)
        .unwrap()
        .upper_limit(method, 0.95)
        .unwrap()
}

fn method() -> impl Strategy<Value = LimitMethod> {
    prop_oneof![
        Just(LimitMethod::Cls),
        Just(LimitMethod::ProfileLikelihood),
        Just(LimitMethod::DeltaChi2(4.0)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn limits_do_not_fall_when_the_background_grows(
        (signal, background) in bins(), extra in 0.0..300.0f64, method in method(),
    ) {
        let more: Vec<f64> = background.iter().map(|b| b + extra).collect();
        let (low, high) = (limit(signal.clone(), background, method), limit(signal, more, method));
        prop_assert!(low > 0.0 && low.is_finite());
        prop_assert!(high >= low * (1.0 - 1e-6), "{} < {}", high, low);
    }

    #[test]
    fn limits_fall_as_one_over_the_exposure(
        (signal, background) in bins(), k in 1.0..100.0f64, method in method(),
    ) {
        let scaled: Vec<f64> = signal.iter().map(|s| s * k).collect();
        let base = limit(signal, background.clone(), method);
        let more = limit(scaled, background, method);
        prop_assert!(more <= base * (1.0 + 1e-6), "{} > {}", more, base);
        prop_assert!(rel(more * k, base) < 1e-4, "{} vs {}", more * k, base);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn limits_do_not_rise_with_the_exposure(
        (signal, background) in bins(), k in 1.0..100.0f64, method in method(),
    ) {
        let base = limit(signal.clone(), background.clone(), method);
        let scale = |v: &[f64]| v.iter().map(|x| x * k).collect::<Vec<_>>();
        let more = limit(scale(&signal), scale(&background), method);
        prop_assert!(more.is_finite() && more > 0.0);
        prop_assert!(more <= base * (1.0 + 1e-6), "{} > {} at exposure x{}", more, base, k);
    }

    #[test]
    fn poisson_limits_grow_with_the_count_and_not_with_the_background(
        observed in 0u64..50, background in 0.0..100.0f64, extra in 0.0..100.0f64,
        cl in 0.6..0.99f64,
    ) {
        let at = |n: u64, b: f64| poisson_upper_limit(n, b, cl).unwrap();
        let base = at(observed, background);
        prop_assert!(base.is_finite() && base >= 0.0);
        prop_assert!(at(observed + 1, background) >= base);
        prop_assert!(at(observed, background + extra) <= base);
    }
}

/// The built-in NA64-type dump (visible decays: the excluded region is an island).
fn na64_dump() -> BeamDump {
    let Description::BeamDump(d) = builtin_description("na64-dump").unwrap() else {
        panic!("na64-dump is a beam dump");
    };
    *d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn dump_island_widens_with_the_muons(
        model in 0usize..2, mass in log_uniform(1e-3, 1.0),
        muons in log_uniform(1e9, 1e13), k in log_uniform(1.0, 1e3),
    ) {
        let dump = na64_dump();
        let preset = dump.models[model % dump.models.len()];
        let y = DumpYield::new(&dump.setup, preset, mass).unwrap();
        let n_up = 3.0;
        let base = interval(&dump, &y, muons, n_up).unwrap();
        // Only points with an island count (too many without one fail the test).
        prop_assume!(base.is_some());
        let b = base.unwrap();
        let Some(m) = interval(&dump, &y, muons * k, n_up).unwrap() else {
            return Err(TestCaseError::fail(format!("{b:?} excluded, nothing with x{k} muons")));
        };
        prop_assert!(m.coupling_low <= b.coupling_low * (1.0 + 1e-5), "{:?} vs {:?}", m, b);
        let high = |h: Option<f64>| h.unwrap_or(f64::INFINITY);
        prop_assert!(
            high(m.coupling_high) >= high(b.coupling_high) * (1.0 - 1e-5),
            "{:?} vs {:?}", m, b
        );
    }
}
