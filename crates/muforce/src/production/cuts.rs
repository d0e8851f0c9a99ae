//! Selection cuts applied to the production cross section.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Cuts on the final state of μN → μNX.
///
/// x is the fraction of the beam energy the muon loses, x = 1 − E′/E (what a missing-energy
/// experiment measures; it equals E_X/E up to the nuclear recoil t/2M, REFERENCE §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Cuts {
    /// Smallest x kept.
    pub x_min: f64,
    /// Largest x kept.
    pub x_max: f64,
    /// Largest polar angle of the outgoing muon in the lab, radians.
    pub theta_max: f64,
    /// Smallest momentum of the outgoing muon, GeV.
    pub p_out_min: f64,
}

impl Default for Cuts {
    fn default() -> Self {
        Cuts {
            x_min: 0.0,
            x_max: 1.0,
            theta_max: std::f64::consts::PI,
            p_out_min: 0.0,
        }
    }
}

impl Cuts {
    /// Checks that every cut is finite and in range and that the x window is not empty.
    pub fn validate(&self) -> Result<()> {
        for (field, value) in [("x_min", self.x_min), ("x_max", self.x_max)] {
            if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                return Err(Error::out_of_range(field, value, "must lie in [0, 1]"));
            }
        }
        if self.x_min >= self.x_max {
            return Err(Error::out_of_range(
                "x_min",
                self.x_min,
                format!(
                    "must be below x_max = {} (the x window is empty)",
                    self.x_max
                ),
            ));
        }
        if !(self.theta_max.is_finite()
            && self.theta_max > 0.0
            && self.theta_max <= std::f64::consts::PI)
        {
            return Err(Error::out_of_range(
                "theta_max",
                self.theta_max,
                "must lie in (0, π] rad",
            ));
        }
        if !(self.p_out_min.is_finite() && self.p_out_min >= 0.0) {
            return Err(Error::out_of_range(
                "p_out_min",
                self.p_out_min,
                "must be a finite momentum >= 0 GeV",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation() {
        assert!(Cuts::default().validate().is_ok());
        let bad = [
            Cuts {
                x_min: 0.6,
                x_max: 0.5,
                ..Cuts::default()
            },
            Cuts {
                x_min: -0.1,
                ..Cuts::default()
            },
            Cuts {
                x_max: f64::NAN,
                ..Cuts::default()
            },
            Cuts {
                theta_max: 0.0,
                ..Cuts::default()
            },
            Cuts {
                p_out_min: f64::INFINITY,
                ..Cuts::default()
            },
        ];
        for cuts in bad {
            assert!(cuts.validate().is_err(), "{cuts:?}");
        }
    }
}
