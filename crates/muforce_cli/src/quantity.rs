//! Unit-suffixed energies on the command line: thin adapters from the library's parser
//! ([`muforce::io::quantity`]) to the `String` errors clap's value parsers expect.

/// Parses an energy or mass in GeV with an optional unit (see [`muforce::io::parse_energy`]).
pub fn parse_energy(text: &str) -> Result<f64, String> {
    muforce::io::parse_energy(text).map_err(|e| e.to_string())
}

/// Parses a comma-separated list of energies (see [`muforce::io::parse_energy_list`]).
pub fn parse_energy_list(text: &str) -> Result<Vec<f64>, String> {
    muforce::io::parse_energy_list(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_library_messages() {
        assert_eq!(parse_energy("16MeV").unwrap(), 0.016);
        assert_eq!(
            parse_energy("0").unwrap_err(),
            "'0' must be a finite energy > 0"
        );
        assert_eq!(
            parse_energy_list("").unwrap_err(),
            "an empty list; give at least one value"
        );
    }
}
