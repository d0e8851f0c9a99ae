//! Numbers with an optional energy-unit suffix: `0.016`, `16MeV`, `3 GeV`, `1keV`, and
//! comma-separated lists of them. Shared by the command line, configuration files and the
//! Python bindings; fuzzed by `fuzz/fuzz_targets/parse_energy.rs`.

use crate::error::Error;
use std::fmt;

/// Energy units accepted after a number, with their value in GeV (matched case-insensitively).
pub const ENERGY_UNITS: [(&str, f64); 5] = [
    ("ev", 1e-9),
    ("kev", 1e-6),
    ("mev", 1e-3),
    ("gev", 1.0),
    ("tev", 1e3),
];

/// Why a text is not an energy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityError {
    /// Not a number with an optional unit.
    NotANumber(String),
    /// A number, but not finite and > 0 (after applying the unit).
    NotPositive(String),
    /// A list without any entry.
    EmptyList,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantityError::NotANumber(text) => write!(
                f,
                "'{text}' is not a number with an optional unit (eV, keV, MeV, GeV, TeV), e.g. 0.016, 16MeV, 3GeV"
            ),
            QuantityError::NotPositive(text) => write!(f, "'{text}' must be a finite energy > 0"),
            QuantityError::EmptyList => write!(f, "an empty list; give at least one value"),
        }
    }
}

impl std::error::Error for QuantityError {}

impl From<QuantityError> for Error {
    fn from(err: QuantityError) -> Self {
        let value = match &err {
            QuantityError::NotANumber(text) | QuantityError::NotPositive(text) => text.clone(),
            QuantityError::EmptyList => String::new(),
        };
        Error::Parse {
            source_name: format!("energy '{value}'"),
            message: err.to_string(),
        }
    }
}

/// Parses an energy or mass in GeV, with an optional unit suffix (eV, keV, MeV, GeV, TeV;
/// case-insensitive, optionally separated by blanks). The value must be finite and > 0.
pub fn parse_energy(text: &str) -> Result<f64, QuantityError> {
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
    let value: f64 = number
        .parse()
        .map_err(|_| QuantityError::NotANumber(trimmed.to_string()))?;
    let value = value * scale;
    if !value.is_finite() || value <= 0.0 {
        return Err(QuantityError::NotPositive(trimmed.to_string()));
    }
    Ok(value)
}

/// Parses a comma-separated list of energies (see [`parse_energy`]); an empty list or an
/// empty entry is an error.
pub fn parse_energy_list(text: &str) -> Result<Vec<f64>, QuantityError> {
    if text.trim().is_empty() {
        return Err(QuantityError::EmptyList);
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
            "1e-330eV",
        ] {
            assert!(parse_energy(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_energy_list("10MeV,0.1, 1GeV").unwrap(),
            vec![0.01, 0.1, 1.0]
        );
        assert!(parse_energy_list("0.1,,0.2").is_err());
        assert_eq!(parse_energy_list(" "), Err(QuantityError::EmptyList));
    }

    #[test]
    fn messages_name_the_text_and_the_allowed_form() {
        let err = parse_energy(" 16 furlongs ").unwrap_err().to_string();
        assert!(err.starts_with("'16 furlongs' is not a number"), "{err}");
        assert!(err.contains("eV, keV, MeV, GeV, TeV"), "{err}");
        let err = parse_energy("-3GeV").unwrap_err().to_string();
        assert_eq!(err, "'-3GeV' must be a finite energy > 0");
        let lib: Error = QuantityError::NotPositive("0".into()).into();
        assert!(
            lib.to_string().contains("must be a finite energy > 0"),
            "{lib}"
        );
    }
}
