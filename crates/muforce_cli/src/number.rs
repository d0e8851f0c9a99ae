//! Parsers for plain numbers on the command line (couplings, standard deviations, distances).

/// Parses a finite number > 0 (no unit), e.g. a coupling `5e-4`.
pub fn parse_positive(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number (e.g. 5e-4)"))?;
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(format!("'{text}' must be a finite number > 0"))
    }
}

/// Parses a whole number such as a count or a seed (`--events 1000`); each command checks its
/// own range. A negative or fractional value names the option instead of clap's "unexpected
/// argument" or "invalid digit".
pub fn parse_whole<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a whole number >= 0 (e.g. 40)"))
}

/// Parses a distance in metres: a finite number >= 0, or `inf` for no upper end.
pub fn parse_distance_m(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "+inf" | "infinity" | "+infinity") {
        return Ok(f64::INFINITY);
    }
    let number = lower.strip_suffix('m').unwrap_or(&lower).trim();
    let value: f64 = number
        .parse()
        .map_err(|_| format!("'{trimmed}' is not a distance in metres (e.g. 0.5, 20m, inf)"))?;
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(format!(
            "'{trimmed}' must be a finite distance >= 0 m (or inf)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_positive("5e-4").unwrap(), 5e-4);
        for bad in ["0", "-1", "nan", "inf", "abc", "", "1e999"] {
            assert!(parse_positive(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_distance_m("20m").unwrap(), 20.0);
        assert_eq!(parse_distance_m("0").unwrap(), 0.0);
        assert_eq!(parse_distance_m("inf").unwrap(), f64::INFINITY);
        for bad in ["-1", "nan", "x", "5 furlongs"] {
            assert!(parse_distance_m(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_whole::<usize>(" 40 ").unwrap(), 40);
        for bad in ["-1", "1.5", "ten", ""] {
            assert!(parse_whole::<u64>(bad).is_err(), "{bad}");
        }
    }
}
