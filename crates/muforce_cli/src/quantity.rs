//! Parsing of numbers with an optional unit suffix: `0.016`, `16MeV`, `3 GeV`, `1keV`, and
//! comma-separated lists of them.

/// Energy units accepted after a number, with their value in GeV.
const ENERGY_UNITS: [(&str, f64); 5] = [
    ("ev", 1e-9),
    ("kev", 1e-6),
    ("mev", 1e-3),
    ("gev", 1.0),
    ("tev", 1e3),
];

/// Parses an energy or mass in GeV, with an optional unit suffix (eV, keV, MeV, GeV, TeV;
/// case-insensitive). The value must be finite and > 0.
pub fn parse_energy(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let (number, scale) = ENERGY_UNITS
        .iter()
        .rev()
        .find_map(|(unit, scale)| {
            lower
                .strip_suffix(unit)
                .filter(|rest| {
                    !rest.trim().is_empty() && !rest.trim_end().ends_with(['k', 'm', 'g', 't'])
                })
                .map(|rest| (rest.trim().to_string(), *scale))
        })
        .unwrap_or((lower.clone(), 1.0));
    let value: f64 = number.parse().map_err(|_| {
        format!("'{trimmed}' is not a number with an optional unit (eV, keV, MeV, GeV, TeV), e.g. 0.016, 16MeV, 3GeV")
    })?;
    let value = value * scale;
    if !value.is_finite() || value <= 0.0 {
        return Err(format!("'{trimmed}' must be a finite energy > 0"));
    }
    Ok(value)
}

/// Parses a comma-separated list of energies (see [`parse_energy`]).
pub fn parse_energy_list(text: &str) -> Result<Vec<f64>, String> {
    if text.trim().is_empty() {
        return Err("an empty list; give at least one value".into());
    }
    text.split(',').map(parse_energy).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(parse_energy("16MeV").unwrap(), 16.0 * 1e-3);
        assert_eq!(parse_energy("3GeV").unwrap(), 3.0);
        assert_eq!(parse_energy("3 gev").unwrap(), 3.0);
        assert!((parse_energy("1keV").unwrap() - 1e-6).abs() < 1e-20);
        assert_eq!(parse_energy("0.01").unwrap(), 0.01);
        assert_eq!(parse_energy("1e-3").unwrap(), 1e-3);
        assert_eq!(parse_energy("2TeV").unwrap(), 2000.0);
        assert_eq!(parse_energy("5eV").unwrap(), 5e-9);
        for bad in [
            "",
            "MeV",
            "16 MeVs",
            "16kMeV",
            "nan",
            "inf",
            "-1",
            "0",
            "1e400",
            "16 furlongs",
            "1,2",
        ] {
            assert!(parse_energy(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_energy_list("10MeV,0.1, 1GeV").unwrap(),
            vec![0.01, 0.1, 1.0]
        );
        assert!(parse_energy_list("0.1,,0.2").is_err());
    }
}
