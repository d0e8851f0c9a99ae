//! The table of swept quantities. Each entry names a quantity, its number of points and a
//! function that evaluates one sampled point into checked results. A new quantity (the exact
//! 2 → 3 cross section, reach tables, …) is one more entry in [`TARGETS`].

use super::sampler::{Sampler, E_RANGE};
use muforce::matter::energy_loss::EnergyLossTable;
use muforce::matter::{FormFactor, MaterialTable};
use muforce::model::{
    decay_probability, delta_a_mu, delta_a_mu_unit, g2_band, partial_width, Channel, ChiKind,
    DarkSector, DecayTable, Preset, ERAS,
};
use muforce::production::{exact, iww, ww, Cuts, Process};
use muforce::stats::{poisson_upper_limit, BinnedLikelihood, LimitMethod};
use muforce::Result;
use std::sync::OnceLock;

/// What a value must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Finite and ≥ 0.
    NonNegative,
    /// In [0, 1].
    Probability,
    /// Finite (may be negative, e.g. Δa_μ of a pseudoscalar).
    Finite,
}

/// One checked result of one point.
pub struct Check {
    pub what: &'static str,
    pub result: Result<f64>,
    pub rule: Rule,
}

fn check(what: &'static str, result: Result<f64>, rule: Rule) -> Check {
    Check { what, result, rule }
}

/// One swept quantity.
pub struct Target {
    pub name: &'static str,
    pub points: usize,
    pub eval: fn(&mut Sampler) -> Vec<Check>,
}

/// Relative tolerance of the cross sections in the sweep.
const REL_TOL: f64 = 1e-3;

/// The sweep. Add the exact cross section here as
/// `Target { name: "exact total", points: …, eval: |s| cross_section(s, exact::total) }`.
pub const TARGETS: &[Target] = &[
    Target {
        name: "exact total (cuts)",
        points: 300,
        eval: |s| total(s, exact::total),
    },
    Target {
        name: "WW total (cuts)",
        points: 4_000,
        eval: |s| total(s, ww::total),
    },
    Target {
        name: "WW dsigma/dx",
        points: 10_000,
        eval: |s| differential(s, ww::dsigma_dx),
    },
    Target {
        name: "IWW total (cuts)",
        points: 6_000,
        eval: |s| total(s, iww::total),
    },
    Target {
        name: "IWW dsigma/dx",
        points: 10_000,
        eval: |s| differential(s, iww::dsigma_dx),
    },
    Target {
        name: "IWW flux",
        points: 5_000,
        eval: iww_flux,
    },
    Target {
        name: "form factors",
        points: 20_000,
        eval: form_factors,
    },
    Target {
        name: "decay table",
        points: 15_000,
        eval: decay_table,
    },
    Target {
        name: "partial widths",
        points: 10_000,
        eval: partial_widths,
    },
    Target {
        name: "decay probability",
        points: 15_000,
        eval: probability,
    },
    Target {
        name: "delta a_mu",
        points: 15_000,
        eval: g_minus_2,
    },
    Target {
        name: "g-2 band",
        points: 5_000,
        eval: band,
    },
    Target {
        name: "counting limits",
        points: 5_000,
        eval: counting_limits,
    },
    Target {
        name: "binned limits",
        points: 2_000,
        eval: binned_limits,
    },
    Target {
        name: "dE/dx table",
        points: 10_000,
        eval: energy_loss,
    },
];

fn process(s: &mut Sampler) -> Result<Process> {
    let material = s.material();
    Process::new(
        s.spin(),
        s.mass(),
        s.coupling(),
        &material,
        s.form_factor_model(),
    )
}

type TotalFn = fn(&Process, f64, &Cuts, f64) -> Result<muforce::numerics::Integral>;
type DifferentialFn = fn(&Process, f64, f64, f64) -> Result<muforce::numerics::Integral>;

fn total(s: &mut Sampler, f: TotalFn) -> Vec<Check> {
    let energy = s.energy();
    let cuts = s.cuts();
    let result = process(s).and_then(|p| f(&p, energy, &cuts, REL_TOL).map(|i| i.value));
    vec![check("sigma", result, Rule::NonNegative)]
}

fn differential(s: &mut Sampler, f: DifferentialFn) -> Vec<Check> {
    let energy = s.energy();
    // x over [0, 1] in log (to reach m_X/E) and, rarely, outside (a clear error).
    let x = if s.chance(0.05) {
        s.uniform(-0.5, 1.5)
    } else {
        s.log_uniform((1e-9, 1.0))
    };
    let result = process(s).and_then(|p| f(&p, energy, x, REL_TOL).map(|i| i.value));
    vec![check("dsigma/dx", result, Rule::NonNegative)]
}

fn iww_flux(s: &mut Sampler) -> Vec<Check> {
    let energy = s.energy();
    let result = process(s).and_then(|p| iww::flux(&p, energy, REL_TOL).map(|i| i.value));
    vec![check("chi", result, Rule::NonNegative)]
}

fn form_factors(s: &mut Sampler) -> Vec<Check> {
    let material = s.material();
    let ff = FormFactor::new(&material, s.form_factor_model());
    let t = s.log_uniform((1e-20, 1e4));
    let t_max = t * s.log_uniform((1.0, 1e8));
    vec![
        check("elastic", Ok(ff.elastic(t)), Rule::NonNegative),
        check("inelastic", Ok(ff.inelastic(t)), Rule::NonNegative),
        check("G2", Ok(ff.g2(t)), Rule::NonNegative),
        check(
            "flux",
            ff.flux(t, t_max, REL_TOL).map(|i| i.value),
            Rule::NonNegative,
        ),
    ]
}

/// A preset mediator, sometimes with a dark sector or a hand-set invisible width.
fn mediator(s: &mut Sampler) -> Result<(Preset, muforce::model::Mediator)> {
    let preset = s.preset();
    let mut x = preset.mediator(s.mass(), s.coupling())?;
    if s.chance(0.3) {
        let kind = s.pick(&ChiKind::ALL);
        let chi = DarkSector::new(s.mass(), s.log_uniform((1e-6, 3.0)), kind)?;
        x = x.with_dark_sector(chi)?;
    }
    if s.chance(0.2) {
        x = x.with_invisible_width(s.log_uniform((1e-20, 1e-3)))?;
    }
    Ok((preset, x))
}

fn decay_table(s: &mut Sampler) -> Vec<Check> {
    let energy = s.log_uniform((1e-6, 7000.0));
    let z_min = s.uniform(0.0, 100.0);
    let z_max = z_min + s.log_uniform((1e-6, 1e4));
    let table = mediator(s).and_then(|(_, x)| DecayTable::new(&x));
    let Ok(table) = table else {
        return vec![check("decay table", table.map(|_| 0.0), Rule::NonNegative)];
    };
    let mut checks = vec![
        check("total width", Ok(table.total_width()), Rule::NonNegative),
        check("lifetime", Ok(table.lifetime_s()), Rule::NonNegative),
        check("c tau", Ok(table.ctau_m()), Rule::NonNegative),
        check(
            "invisible branching",
            Ok(table.invisible_branching()),
            Rule::Probability,
        ),
    ];
    checks.extend(
        table
            .branching_ratios()
            .into_iter()
            .map(|(_, b)| check("branching", Ok(b), Rule::Probability)),
    );
    let length = table.decay_length_m(energy);
    checks.push(check(
        "decay probability",
        length
            .clone()
            .and_then(|l| decay_probability(l, z_min, z_max)),
        Rule::Probability,
    ));
    checks.push(check("decay length", length, Rule::NonNegative));
    checks
}

fn partial_widths(s: &mut Sampler) -> Vec<Check> {
    match mediator(s) {
        Err(e) => vec![check("mediator", Err(e), Rule::NonNegative)],
        Ok((_, x)) => Channel::ALL
            .iter()
            .map(|&c| check("partial width", partial_width(&x, c), Rule::NonNegative))
            .collect(),
    }
}

fn probability(s: &mut Sampler) -> Vec<Check> {
    let length = if s.chance(0.05) {
        0.0
    } else {
        s.log_uniform((1e-30, 1e30))
    };
    let z_min = if s.chance(0.1) {
        0.0
    } else {
        s.log_uniform((1e-6, 1e6))
    };
    let z_max = match s.index(10) {
        0 => f64::INFINITY,
        1 => z_min * s.uniform(0.0, 1.0), // reversed window: an error unless equal
        _ => z_min + s.log_uniform((1e-12, 1e6)),
    };
    vec![check(
        "P(decay in window)",
        decay_probability(length, z_min, z_max),
        Rule::Probability,
    )]
}

fn g_minus_2(s: &mut Sampler) -> Vec<Check> {
    let spin = s.spin();
    // Mostly the physical range; sometimes beyond the allowed masses (a clear error).
    let mass = if s.chance(0.02) {
        s.log_uniform((1e-15, 1e8))
    } else {
        s.mass()
    };
    let g = s.log_uniform((1e-8, 20.0));
    vec![
        check(
            "delta a_mu / g^2",
            delta_a_mu_unit(spin, mass).map(|d| d.value),
            Rule::Finite,
        ),
        check(
            "delta a_mu error",
            delta_a_mu(spin, mass, g).map(|d| d.error),
            Rule::NonNegative,
        ),
        check(
            "delta a_mu",
            delta_a_mu(spin, mass, g).map(|d| d.value),
            Rule::Finite,
        ),
    ]
}

fn band(s: &mut Sampler) -> Vec<Check> {
    let spin = s.spin();
    let mass = s.mass();
    let era = &ERAS[s.index(ERAS.len())];
    let n_sigma = s.log_uniform((1e-3, 200.0));
    let Ok(b) = g2_band(spin, mass, era, n_sigma) else {
        return vec![check(
            "g-2 band",
            g2_band(spin, mass, era, n_sigma).map(|_| 0.0),
            Rule::NonNegative,
        )];
    };
    let mut checks = vec![check(
        "excluded above",
        Ok(b.excluded_above),
        Rule::NonNegative,
    )];
    for edge in [b.coupling_low, b.coupling_high].into_iter().flatten() {
        checks.push(check("band edge", Ok(edge), Rule::NonNegative));
    }
    checks
}

/// A confidence level, sometimes outside (0, 1) (a clear error).
fn confidence_level(s: &mut Sampler) -> f64 {
    if s.chance(0.05) {
        s.uniform(-1.0, 2.0)
    } else {
        s.uniform(0.5, 0.999)
    }
}

fn counting_limits(s: &mut Sampler) -> Vec<Check> {
    let observed = s.index(200) as u64;
    let background = if s.chance(0.1) {
        0.0
    } else {
        s.log_uniform((1e-6, 1e4))
    };
    let cl = confidence_level(s);
    vec![check(
        "Poisson upper limit",
        poisson_upper_limit(observed, background, cl),
        Rule::NonNegative,
    )]
}

fn binned_limits(s: &mut Sampler) -> Vec<Check> {
    let n = 1 + s.index(8);
    let signal: Vec<f64> = (0..n).map(|_| s.log_uniform((1e-6, 1e6))).collect();
    let background: Vec<f64> = (0..n)
        .map(|_| {
            if s.chance(0.2) {
                0.0
            } else {
                s.log_uniform((1e-6, 1e6))
            }
        })
        .collect();
    let observed: Vec<f64> = background
        .iter()
        .map(|b| (b * s.uniform(0.0, 2.0)).round())
        .collect();
    let method = s.pick(&[
        LimitMethod::Cls,
        LimitMethod::ProfileLikelihood,
        LimitMethod::DeltaChi2(4.0),
    ]);
    let cl = confidence_level(s);
    let limit =
        BinnedLikelihood::new(signal, background, observed).and_then(|l| l.upper_limit(method, cl));
    vec![check("binned upper limit on mu", limit, Rule::NonNegative)]
}

/// Energy-loss tables up to the sweep's largest beam energy, built once per material: the 12
/// built-in ones and synthetic Z = 1, 8, 20, 47, 60, 92.
fn loss_tables() -> &'static Vec<(String, f64, Result<EnergyLossTable>)> {
    static TABLES: OnceLock<Vec<(String, f64, Result<EnergyLossTable>)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut materials = MaterialTable::built_in().materials().to_vec();
        materials.extend([1, 8, 20, 47, 60, 92].map(super::sampler::synthetic));
        materials
            .iter()
            .map(|m| {
                (
                    m.name.clone(),
                    m.density_g_cm3,
                    EnergyLossTable::new(m, E_RANGE.1, 1e-3),
                )
            })
            .collect()
    })
}

fn energy_loss(s: &mut Sampler) -> Vec<Check> {
    let tables = loss_tables();
    let (_, _, table) = &tables[s.index(tables.len())];
    let table = match table {
        Ok(t) => t,
        Err(e) => return vec![check("dE/dx table", Err(e.clone()), Rule::NonNegative)],
    };
    // Mostly inside the table; sometimes beyond either end (a clear error, no extrapolation).
    let energy = s.log_uniform((0.05, 2.0 * E_RANGE.1));
    vec![
        check(
            "<-dE/dx>",
            table.mean_energy_loss(energy),
            Rule::NonNegative,
        ),
        check(
            "stopping power",
            table.stopping_power_gev_cm(energy),
            Rule::NonNegative,
        ),
    ]
}
