//! Experimental and Standard-Model values of a_μ by era (REFERENCE §5 table).

use crate::error::{Error, Result};
use serde::Serialize;

/// One era: a_μ(exp) against a_μ(SM), and their difference Δa_μ ± σ.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Era {
    /// The name: `e821-2006`, `fnal-2021`, `fnal-2023`, `final-2025`.
    pub name: &'static str,
    /// a_μ(exp).
    pub a_mu_exp: f64,
    /// Its uncertainty.
    pub a_mu_exp_sigma: f64,
    /// a_μ(SM).
    pub a_mu_sm: f64,
    /// Its uncertainty.
    pub a_mu_sm_sigma: f64,
    /// Δa_μ = a_μ(exp) − a_μ(SM), as quoted.
    pub delta_a_mu: f64,
    /// Its uncertainty, as quoted.
    pub sigma: f64,
    /// Where the numbers come from.
    pub reference: &'static str,
}

const E11: f64 = 1e-11;

/// The known eras, oldest first.
///
/// Each quoted Δa_μ ± σ is a_μ(exp) − a_μ(SM) with the two uncertainties added in quadrature
/// (to the rounding of the quoted numbers); only the final 2025 value is consistent with zero
/// at 2σ.
///
/// ```
/// use muforce::model::{Era, ERAS};
/// for era in &ERAS {
///     let difference = era.a_mu_exp - era.a_mu_sm;
///     let sigma = era.a_mu_exp_sigma.hypot(era.a_mu_sm_sigma);
///     assert!((difference - era.delta_a_mu).abs() < 0.5e-11, "{}", era.name);
///     assert!((sigma - era.sigma).abs() < 0.5e-11, "{}", era.name);
/// }
/// assert!(Era::from_name("final-2025")?.consistent_with_zero(2.0));
/// assert!(!Era::from_name("FNAL-2021")?.consistent_with_zero(2.0));
/// # Ok::<(), muforce::Error>(())
/// ```
pub const ERAS: [Era; 4] = [
    Era {
        name: "e821-2006",
        a_mu_exp: 116_592_089.0 * E11,
        a_mu_exp_sigma: 63.0 * E11,
        a_mu_sm: 116_591_810.0 * E11,
        a_mu_sm_sigma: 43.0 * E11,
        delta_a_mu: 279.0 * E11,
        sigma: 76.0 * E11,
        reference: "BNL E821 final, Bennett et al., PRD 73 (2006) 072003 (updated for the \
                    muon/proton magnetic-moment ratio); SM: Theory Initiative White Paper, \
                    Aoyama et al., Phys. Rept. 887 (2020) 1",
    },
    Era {
        name: "fnal-2021",
        a_mu_exp: 116_592_061.0 * E11,
        a_mu_exp_sigma: 41.0 * E11,
        a_mu_sm: 116_591_810.0 * E11,
        a_mu_sm_sigma: 43.0 * E11,
        delta_a_mu: 251.0 * E11,
        sigma: 59.0 * E11,
        reference: "FNAL Run 1 + BNL, Abi et al., PRL 126 (2021) 141801; SM: White Paper 2020, \
                    Phys. Rept. 887 (2020) 1",
    },
    Era {
        name: "fnal-2023",
        a_mu_exp: 116_592_059.0 * E11,
        a_mu_exp_sigma: 22.0 * E11,
        a_mu_sm: 116_591_810.0 * E11,
        a_mu_sm_sigma: 43.0 * E11,
        delta_a_mu: 249.0 * E11,
        sigma: 48.0 * E11,
        reference: "FNAL Runs 1-3 + BNL, Aguillard et al., PRL 131 (2023) 161802; SM: White \
                    Paper 2020, Phys. Rept. 887 (2020) 1",
    },
    Era {
        name: "final-2025",
        a_mu_exp: 116_592_071.5 * E11,
        a_mu_exp_sigma: 14.5 * E11,
        a_mu_sm: 116_592_033.0 * E11,
        a_mu_sm_sigma: 62.0 * E11,
        delta_a_mu: 38.5 * E11,
        sigma: 63.7 * E11,
        reference: "experimental world average 2025 (FNAL final Runs 1-6 + BNL E821, Muon g-2 \
                    Collaboration, arXiv:2506.03069: 116592071.5(14.5)e-11, 124 ppb); SM: White \
                    Paper 2025, Aliberti et al., Phys. Rept. 1143 (2025) 1, arXiv:2505.21476 \
                    (lattice-QCD HVP): 116592033(62)e-11; difference 38.5(63.7)e-11 with the \
                    uncertainties added in quadrature",
    },
];

impl Era {
    /// Whether Δa_μ − nσ ≤ 0: the measurement agrees with the Standard Model within n σ, so
    /// (g−2)_μ bounds a new contribution from above instead of favouring a band.
    pub fn consistent_with_zero(&self, n_sigma: f64) -> bool {
        self.delta_a_mu - n_sigma * self.sigma <= 0.0
    }

    /// Looks an era up by name (case-insensitive); an unknown name lists the known ones.
    pub fn from_name(name: &str) -> Result<&'static Era> {
        let lower = name.trim().to_ascii_lowercase();
        ERAS.iter()
            .find(|e| e.name == lower)
            .ok_or_else(|| Error::unknown("era", name, &ERAS.map(|e| e.name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// REFERENCE §5 table: Δa = exp − SM and σ = σ_exp ⊕ σ_SM agree with the quoted values
    /// to the quoted digits (279(76), 251(59), 249(48), 38(63) × 1e-11).
    #[test]
    fn eras_are_consistent() {
        for e in &ERAS {
            let diff = (e.a_mu_exp - e.a_mu_sm) / E11;
            assert!(
                (diff - e.delta_a_mu / E11).abs() <= 0.5 + 1e-6,
                "{}",
                e.name
            );
            let sigma = e.a_mu_exp_sigma.hypot(e.a_mu_sm_sigma) / E11;
            assert!((sigma - e.sigma / E11).abs() < 1.0, "{}: {sigma}", e.name);
            assert_eq!(Era::from_name(e.name).unwrap().name, e.name);
        }
        let err = Era::from_name("bnl-1999").unwrap_err().to_string();
        assert!(err.contains("fnal-2021") && err.contains("era"), "{err}");
    }

    /// The eras against the (g−2)_μ inputs table of 2025 (each number with its paper):
    /// world averages 2021 (PRL 126 (2021) 141801: 116592061(41)), 2023 (PRL 131 (2023)
    /// 161802: 116592059(22)) and 2025 (arXiv:2506.03069: 116592071.5(14.5)); SM WP20
    /// (Phys. Rept. 887 (2020) 1: 116591810(43)) and WP25 (arXiv:2505.21476: 116592033(62));
    /// Δa_μ(2025) = 38.5(63.7), all × 1e-11. With WP25, Δa_μ is 0.6σ from zero.
    #[test]
    fn eras_match_the_2025_inputs() {
        let close = |a: f64, b: f64| (a / E11 - b).abs() < 1e-6;
        let fnal_2021 = Era::from_name("fnal-2021").unwrap();
        assert!(close(fnal_2021.a_mu_exp, 116_592_061.0) && close(fnal_2021.a_mu_exp_sigma, 41.0));
        let fnal_2023 = Era::from_name("fnal-2023").unwrap();
        assert!(close(fnal_2023.a_mu_exp, 116_592_059.0) && close(fnal_2023.a_mu_exp_sigma, 22.0));
        for e in [fnal_2021, fnal_2023] {
            assert!(close(e.a_mu_sm, 116_591_810.0) && close(e.a_mu_sm_sigma, 43.0));
        }
        let now = Era::from_name("final-2025").unwrap();
        assert!(close(now.a_mu_exp, 116_592_071.5) && close(now.a_mu_exp_sigma, 14.5));
        assert!(close(now.a_mu_sm, 116_592_033.0) && close(now.a_mu_sm_sigma, 62.0));
        assert!(close(now.delta_a_mu, 38.5) && close(now.sigma, 63.7));
        assert!(now.consistent_with_zero(2.0) && !fnal_2023.consistent_with_zero(2.0));
    }
}
