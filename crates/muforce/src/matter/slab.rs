//! A slab of material crossed by a muon beam, and its fixed-target luminosity.

use crate::error::{positive, Result};
use crate::matter::Material;

/// A slab of one material and a given thickness along the beam.
#[derive(Debug, Clone, PartialEq)]
pub struct Slab {
    /// The material.
    pub material: Material,
    /// Thickness along the beam, cm.
    pub length_cm: f64,
}

impl Slab {
    /// Builds a slab after checking the thickness (> 0, finite).
    pub fn new(material: Material, length_cm: f64) -> Result<Self> {
        positive("target length_cm", length_cm)?;
        material.validate()?;
        Ok(Slab {
            material,
            length_cm,
        })
    }

    /// Atoms per cm² of beam area: n_atom Δx = ρ N_A Δx / A.
    pub fn atoms_per_cm2(&self) -> f64 {
        self.material.atoms_per_cm3() * self.length_cm
    }

    /// Thickness in radiation lengths.
    pub fn radiation_lengths(&self) -> f64 {
        self.length_cm / self.material.radiation_length_cm()
    }

    /// Fixed-target luminosity in cm⁻² for `muons` muons crossing the slab:
    /// L_FT = N_μ ρ_T Δx / (A m₀) (GKSST arXiv:1906.09272 Eq. 4, with m₀ = 1 u).
    ///
    /// GKSST's ATLAS calorimeter: 253 cm of ⁶³Cu (ρ = 8.96 g/cm³), which the paper also calls
    /// 144 X₀ of iron; 3 ab⁻¹ × 1 nb = 3·10⁹ muons give L_FT = 6.5·10³⁴ cm⁻² = 65 nb⁻¹
    /// (GKSST Eq. 4 and footnote 1; docs/reference.md §8 item 4).
    ///
    /// ```
    /// use muforce::matter::{Material, Slab};
    /// use muforce::units::cm2_to_inv_nb;
    /// let iron = Slab::new(Material::built_in("Fe")?, 253.0)?;
    /// assert!((iron.radiation_lengths() - 144.0).abs() < 0.5);
    /// let cu63 = Slab::new(Material::built_in("copper-63")?, 253.0)?;
    /// let lumi = cu63.fixed_target_luminosity_cm2(3e9)?;
    /// assert!((cm2_to_inv_nb(lumi) - 65.0).abs() < 0.1, "{lumi:e}");
    /// assert!(cu63.fixed_target_luminosity_cm2(-1.0).unwrap_err().to_string().contains("muons"));
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn fixed_target_luminosity_cm2(&self, muons: f64) -> Result<f64> {
        crate::error::non_negative("number of muons", muons)?;
        Ok(muons * self.atoms_per_cm2())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{cm2_to_inv_nb, INV_AB_CM2};

    /// GKSST Eq. 4: 3 ab⁻¹ × 1 nb of muons through 253 cm of ⁶³Cu (ρ = 8.96 g/cm³) gives
    /// L_FT ≈ 65 nb⁻¹; the text also quotes 253 cm = 144 X₀ (with X₀ of iron, 1.757 cm).
    #[test]
    fn atlas_calorimeter_luminosity() {
        let slab = Slab::new(Material::built_in("copper-63").unwrap(), 253.0).unwrap();
        let muons = 3.0 * INV_AB_CM2 * 1e-33; // 3 ab⁻¹ × 1 nb
        let lumi = slab.fixed_target_luminosity_cm2(muons).unwrap();
        assert!(
            (cm2_to_inv_nb(lumi) / 65.0 - 1.0).abs() < 0.01,
            "{}",
            cm2_to_inv_nb(lumi)
        );
        let iron = Slab::new(Material::built_in("Fe").unwrap(), 253.0).unwrap();
        assert!((iron.radiation_lengths() / 144.0 - 1.0).abs() < 0.01);
        assert!(Slab::new(Material::built_in("Cu").unwrap(), -1.0).is_err());
    }
}
