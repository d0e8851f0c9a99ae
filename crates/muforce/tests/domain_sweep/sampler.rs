//! Deterministic sampling of the physical domain: a SplitMix64 stream per (target, point), so
//! every point is reproducible on its own and the sweep parallelises without shared state.

use muforce::matter::{FormFactorModel, Material, MaterialTable};
use muforce::model::{Preset, Spin};
use muforce::production::Cuts;

/// Beam energies of the sweep, GeV (issue 8: 1 GeV – 7 TeV).
pub const E_RANGE: (f64, f64) = (1.0, 7000.0);
/// Masses of X, GeV (issue 8: 1 keV – 10 GeV).
pub const M_RANGE: (f64, f64) = (1e-6, 10.0);

/// SplitMix64 (Steele, Lea, Flood, OOPSLA 2014), seeded by target and point index.
pub struct Sampler(u64);

impl Sampler {
    pub fn new(target: usize, point: usize) -> Self {
        Sampler((target as u64) << 40 ^ point as u64 ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Log-uniform in [lo, hi].
    pub fn log_uniform(&mut self, (lo, hi): (f64, f64)) -> f64 {
        (lo.ln() + self.unit() * (hi.ln() - lo.ln())).exp()
    }

    /// Uniform in [lo, hi].
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + self.unit() * (hi - lo)
    }

    /// An index below n.
    pub fn index(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n
    }

    /// True with probability p.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    pub fn spin(&mut self) -> Spin {
        self.pick(&Spin::ALL)
    }

    pub fn preset(&mut self) -> Preset {
        self.pick(&Preset::ALL)
    }

    pub fn mass(&mut self) -> f64 {
        self.log_uniform(M_RANGE)
    }

    pub fn energy(&mut self) -> f64 {
        self.log_uniform(E_RANGE)
    }

    /// A coupling between 1e-8 and 1 (log-uniform).
    pub fn coupling(&mut self) -> f64 {
        self.log_uniform((1e-8, 1.0))
    }

    pub fn form_factor_model(&mut self) -> FormFactorModel {
        self.pick(&[FormFactorModel::Elastic, FormFactorModel::Full])
    }

    /// A built-in material (half the time) or a synthetic element with Z in 1–92.
    pub fn material(&mut self) -> Material {
        if self.chance(0.5) {
            let table = MaterialTable::built_in();
            let all = table.materials();
            return all[self.index(all.len())].clone();
        }
        synthetic(1 + self.index(92))
    }

    /// Cuts: none, an x window, a muon-angle cut, a momentum cut, or all of them; sometimes
    /// an empty or invalid window (which must be a clear error).
    pub fn cuts(&mut self) -> Cuts {
        let mut cuts = Cuts::default();
        match self.index(6) {
            0 => {}
            1 => {
                cuts.x_min = self.uniform(0.0, 0.9);
                cuts.x_max = self.uniform(cuts.x_min, 1.0);
            }
            2 => cuts.theta_max = self.log_uniform((1e-4, std::f64::consts::PI)),
            3 => cuts.p_out_min = self.uniform(0.0, 0.9) * self.energy(),
            4 => {
                cuts.x_min = self.uniform(0.0, 0.5);
                cuts.theta_max = self.log_uniform((1e-3, 0.5));
                cuts.p_out_min = self.uniform(0.0, 50.0);
            }
            _ => {
                // Contradictory or out-of-range cuts.
                cuts.x_min = self.uniform(0.5, 1.5);
                cuts.x_max = self.uniform(-0.5, 0.6);
            }
        }
        cuts
    }
}

/// A synthetic element: A ≈ Z(2 + 0.006 Z) g/mol, I ≈ 10 Z eV (Bloch's rule), density
/// 1 g/cm³, radiation length from Dahl's fit.
pub fn synthetic(z: usize) -> Material {
    let z = z as f64;
    Material::new(
        &format!("synthetic-{z}"),
        &format!("Sy{z}"),
        z,
        z * (2.0 + 0.006 * z),
        1.0,
        10.0 * z + 9.0,
        None,
    )
    .expect("a valid synthetic material")
}
