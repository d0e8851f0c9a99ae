//! Total width, branching ratios, lifetime and decay lengths of X.

use super::channel::Channel;
use super::mediator::Mediator;
use super::width::{open_widths, partial_width};
use crate::error::{positive, Error, Result};
use crate::units::{inv_gev_to_m, width_to_lifetime_s, HBAR_C_GEV_M};

/// The decays of one mediator: partial widths of every open channel and their sum.
#[derive(Debug, Clone, PartialEq)]
pub struct DecayTable {
    mass: f64,
    partials: Vec<(Channel, f64)>,
    total: f64,
}

impl DecayTable {
    /// Computes the open channels of `x`. A mediator with no open channel (zero total width,
    /// e.g. a muon-only vector below 2 m_μ without dark sector) is an [`Error::Closed`].
    ///
    /// The CPZ benchmark (arXiv:1701.07437 Eqs. 4–9) at g_μ = 5·10⁻⁴, m_S = 100 MeV and
    /// E_S = 3 GeV, computed independently in docs/reference.md §8 item 2: model A has
    /// Γ_ee = 2.326·10⁻¹⁴ GeV, Γ_γγ = 1.127·10⁻¹⁵ GeV and L_S = 0.243 m (CPZ: 25 cm); model B
    /// decays only to γγ, Γ = 2.988·10⁻¹⁶ GeV, L_S = 19.8 m (CPZ: 20 m).
    ///
    /// ```
    /// use muforce::model::{Channel, DecayTable, Lepton, Preset};
    /// let close = |got: f64, want: f64| (got / want - 1.0).abs() < 2e-3;
    /// let a = DecayTable::new(&Preset::MassScalar.mediator(0.1, 5e-4)?)?;
    /// let width = |c| a.partial_widths().iter().find(|(k, _)| *k == c).map(|(_, w)| *w);
    /// assert!(close(width(Channel::Leptons(Lepton::Electron)).unwrap(), 2.326e-14));
    /// assert!(close(width(Channel::Photons).unwrap(), 1.127e-15));
    /// assert!(close(a.decay_length_m(3.0)?, 0.243));
    /// let b = DecayTable::new(&Preset::MuonScalar.mediator(0.1, 5e-4)?)?;
    /// assert!(close(b.total_width(), 2.988e-16) && close(b.decay_length_m(3.0)?, 19.8));
    /// // A muon-only vector below 2 m_μ has nothing to decay into.
    /// let stable = DecayTable::new(&Preset::MuonVector.mediator(0.1, 5e-4)?).unwrap_err();
    /// assert!(stable.to_string().contains("X is stable in this model"), "{stable}");
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn new(x: &Mediator) -> Result<Self> {
        let partials = open_widths(x);
        // A fold from +0 (an empty f64 `sum` is −0, printed as "-0e0").
        let total = partials.iter().fold(0.0, |sum, (_, w)| sum + w);
        if !(total > 0.0 && total.is_finite()) {
            return Err(Error::Closed {
                what: "every decay channel of X".into(),
                reason: format!(
                    "the total width at m_X = {:e} GeV is {total:e}: X is stable in this model \
                     (or its widths underflow at this coupling); \
                     add a dark sector or an invisible width, or change the mass or couplings",
                    x.mass()
                ),
            });
        }
        Ok(DecayTable {
            mass: x.mass(),
            partials,
            total,
        })
    }

    /// Γ_X in GeV.
    pub fn total_width(&self) -> f64 {
        self.total
    }

    /// (channel, Γ in GeV) of every open channel with non-zero width.
    pub fn partial_widths(&self) -> &[(Channel, f64)] {
        &self.partials
    }

    /// Branching ratios of the open channels (they sum to 1).
    pub fn branching_ratios(&self) -> Vec<(Channel, f64)> {
        self.partials
            .iter()
            .map(|&(c, w)| (c, w / self.total))
            .collect()
    }

    /// Branching ratio into `channel` for mediator `x` (the one this table was built from):
    /// 0 for an open channel with zero coupling, [`Error::Closed`] for a closed one.
    pub fn branching(&self, x: &Mediator, channel: Channel) -> Result<f64> {
        Ok(partial_width(x, channel)? / self.total)
    }

    /// Sum of the invisible branching ratios (ν ν̄, χ χ̄, set by hand), at most 1 (summing
    /// the ratios one by one could exceed 1 by a rounding error when every channel is
    /// invisible).
    ///
    /// The L_μ − L_τ Z′ is invisible below 2m_μ; between 2m_μ and 2m_τ, far above the muon
    /// threshold, two neutrino flavours (g²m/(24π) each) share the width equally with μ⁺μ⁻
    /// (g²m/(12π)), so BR(Z′ → νν̄) → 1/2 (REFERENCE §4.2; Gninenko, Krasnikov, Matveev,
    /// arXiv:1412.1400).
    ///
    /// ```
    /// use muforce::model::{DecayTable, Preset};
    /// let light = DecayTable::new(&Preset::LmuLtau.mediator(0.05, 1e-3)?)?;
    /// assert_eq!(light.invisible_branching(), 1.0);
    /// let heavy = DecayTable::new(&Preset::LmuLtau.mediator(1.0, 1e-3)?)?;
    /// assert!((heavy.invisible_branching() - 0.5).abs() < 1e-3);
    /// let sum: f64 = heavy.branching_ratios().iter().map(|(_, br)| br).sum();
    /// assert!((sum - 1.0).abs() < 1e-12);
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn invisible_branching(&self) -> f64 {
        let invisible = self
            .partials
            .iter()
            .filter(|(c, _)| c.is_invisible())
            .fold(0.0, |sum, (_, w)| sum + w);
        (invisible / self.total).min(1.0)
    }

    /// Proper lifetime τ = ħ/Γ in seconds.
    ///
    /// cτ and τ come from ħc and ħ (CODATA 2018): their ratio must be the speed of light,
    /// 299 792 458 m/s (exact in the SI).
    ///
    /// ```
    /// use muforce::model::{DecayTable, Preset};
    /// let decays = DecayTable::new(&Preset::MuonScalar.mediator(0.3, 1e-3)?)?;
    /// assert!((decays.ctau_m() / decays.lifetime_s() / 299_792_458.0 - 1.0).abs() < 1e-9);
    /// // A ten times stronger coupling decays a hundred times faster (Γ ∝ g², CPZ Eq. 4).
    /// let strong = DecayTable::new(&Preset::MuonScalar.mediator(0.3, 1e-2)?)?;
    /// assert!((decays.lifetime_s() / strong.lifetime_s() - 100.0).abs() < 1e-9);
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn lifetime_s(&self) -> f64 {
        width_to_lifetime_s(self.total)
    }

    /// cτ = ħc/Γ in metres.
    pub fn ctau_m(&self) -> f64 {
        HBAR_C_GEV_M / self.total
    }

    /// Lab-frame mean decay length L = (|k|/m_X)/Γ · ħc in metres for an X of total energy
    /// `energy` (GeV) (CPZ Eq. 9, REFERENCE §4.3). An energy below m_X is an error.
    pub fn decay_length_m(&self, energy: f64) -> Result<f64> {
        positive("energy", energy)?;
        if energy < self.mass {
            return Err(Error::out_of_range(
                "energy",
                energy,
                format!("must be at least the mass m_X = {:e} GeV", self.mass),
            ));
        }
        // |k| = √(E − m) √(E + m) avoids the cancellation in E² − m² and its overflow.
        let momentum = (energy - self.mass).sqrt() * (energy + self.mass).sqrt();
        let length = inv_gev_to_m(momentum / self.mass / self.total);
        if length.is_finite() {
            Ok(length)
        } else {
            Err(Error::out_of_range(
                "decay length",
                length,
                "is too large to represent (tiny total width or huge energy)",
            ))
        }
    }
}

/// Probability that X with lab decay length `length_m` decays between `z_min_m` and
/// `z_max_m` (metres, 0 ≤ z_min ≤ z_max, z_max may be +∞):
/// exp(−z_min/L) − exp(−z_max/L) (CPZ Eqs. 14–15, REFERENCE §4.3), evaluated as
/// −exp(−z_min/L) · expm1(−(z_max − z_min)/L) so short decay regions keep their precision.
/// L = 0 (X at rest) decays at z = 0.
///
/// The decay regions [0, z) and [z, ∞) share all decays; a region much shorter than L holds
/// the fraction Δz/L e^{−z/L} (the exponential law, CPZ Eq. 14).
///
/// ```
/// use muforce::model::decay_probability;
/// let l = 20.0; // metres
/// let split = decay_probability(l, 0.0, 7.0)? + decay_probability(l, 7.0, f64::INFINITY)?;
/// assert!((split - 1.0).abs() < 1e-15);
/// let short = decay_probability(l, 30.0, 30.001)?;
/// assert!((short / (0.001 / l * (-30.0_f64 / l).exp()) - 1.0).abs() < 1e-4);
/// assert!(decay_probability(l, 5.0, 1.0).is_err()); // z_max below z_min
/// # Ok::<(), muforce::Error>(())
/// ```
pub fn decay_probability(length_m: f64, z_min_m: f64, z_max_m: f64) -> Result<f64> {
    if !(length_m.is_finite() && length_m >= 0.0) {
        return Err(Error::out_of_range(
            "decay length",
            length_m,
            "must be a finite number >= 0 (m)",
        ));
    }
    if !(z_min_m.is_finite() && z_min_m >= 0.0) {
        return Err(Error::out_of_range(
            "z-min",
            z_min_m,
            "must be a finite distance >= 0 (m)",
        ));
    }
    if z_max_m.is_nan() || z_max_m < z_min_m {
        return Err(Error::out_of_range(
            "z-max",
            z_max_m,
            format!("must be >= z-min = {z_min_m} m (+inf allowed)"),
        ));
    }
    if length_m == 0.0 {
        return Ok(if z_min_m == 0.0 { 1.0 } else { 0.0 });
    }
    let survive = (-z_min_m / length_m).exp();
    if z_max_m.is_infinite() {
        return Ok(survive);
    }
    Ok(-survive * (-(z_max_m - z_min_m) / length_m).exp_m1())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Preset;

    /// CPZ Eq. 15: P = exp(−z_min/L) − exp(−z_max/L); the expm1 form keeps short regions.
    #[test]
    fn decay_probability_forms() {
        let p = decay_probability(2.0, 1.0, 3.0).unwrap();
        assert!((p - ((-0.5_f64).exp() - (-1.5_f64).exp())).abs() < 1e-15);
        assert_eq!(
            decay_probability(2.0, 1.0, f64::INFINITY).unwrap(),
            (-0.5_f64).exp()
        );
        // A 1e-12 m slice of a 1e3 m decay length: 1e-15, where the naive difference of
        // exponentials would lose every digit.
        let thin = decay_probability(1e3, 0.0, 1e-12).unwrap();
        assert!((thin / 1e-15 - 1.0).abs() < 1e-9, "{thin}");
        // Far beyond L: tiny but finite and non-negative.
        let far = decay_probability(1.0, 800.0, f64::INFINITY).unwrap();
        assert!(far >= 0.0 && far.is_finite());
        assert_eq!(decay_probability(0.0, 0.0, 1.0).unwrap(), 1.0);
        assert!(decay_probability(1.0, -1.0, 2.0).is_err());
        assert!(decay_probability(1.0, 2.0, 1.0).is_err());
        assert!(decay_probability(1.0, 0.0, f64::NAN).is_err());
        assert!(decay_probability(f64::NAN, 0.0, 1.0).is_err());
    }

    /// Lifetime and cτ: τ = ħ/Γ, cτ = ħc/Γ (PDG constants); L at rest is 0; E < m is an error.
    #[test]
    fn lifetime_and_lengths() {
        let x = Preset::MassScalar.mediator(0.1, 5e-4).unwrap();
        let t = DecayTable::new(&x).unwrap();
        let ratio = t.ctau_m() / t.lifetime_s();
        assert!((ratio / 299_792_458.0 - 1.0).abs() < 1e-8);
        assert_eq!(t.decay_length_m(0.1).unwrap(), 0.0);
        let e = t.decay_length_m(0.05).unwrap_err().to_string();
        assert!(e.contains("energy"), "{e}");
        assert!(t.decay_length_m(f64::NAN).is_err());
        // Overflow is an error, not inf.
        assert!(t.decay_length_m(1e300).is_err());
        assert!(t.decay_length_m(1e200).unwrap().is_finite());
        // L = βγ cτ.
        let l = t.decay_length_m(3.0).unwrap();
        let bg = (3.0_f64 * 3.0 - 0.01).sqrt() / 0.1;
        assert!((l / (bg * t.ctau_m()) - 1.0).abs() < 1e-12);
    }
}
