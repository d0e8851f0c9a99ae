//! The library's error type: every message names the offending field and what is allowed.

use std::fmt::Display;

/// Errors of the muforce library.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// A number outside its allowed range (or not finite).
    #[error("{field} = {value} is not allowed: {allowed}")]
    OutOfRange {
        /// Name of the input field.
        field: String,
        /// The offending value, as text.
        value: String,
        /// What would be allowed.
        allowed: String,
    },
    /// A name (material, preset, era, spin, …) that is not known.
    #[error("unknown {kind} '{name}'; known: {known}")]
    Unknown {
        /// What kind of name.
        kind: String,
        /// The name given.
        name: String,
        /// The names that are known, comma separated.
        known: String,
    },
    /// A requested decay channel or process is kinematically closed.
    #[error("{what} is closed: {reason}")]
    Closed {
        /// The channel.
        what: String,
        /// Why it is closed.
        reason: String,
    },
    /// A numerical integration or root search missed its requested accuracy.
    #[error("{what} did not converge: estimated relative error {achieved:.3e} exceeds the requested {requested:.3e}")]
    NotConverged {
        /// What was being computed.
        what: String,
        /// The relative error reached.
        achieved: f64,
        /// The relative error requested.
        requested: f64,
    },
    /// A malformed configuration or data file.
    #[error("{source_name}: {message}")]
    Parse {
        /// File or input the problem is in.
        source_name: String,
        /// What is wrong, naming the field.
        message: String,
    },
    /// A file that cannot be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
}

/// Result alias of the library.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Builds an [`Error::OutOfRange`].
    pub fn out_of_range(
        field: impl Into<String>,
        value: impl Display,
        allowed: impl Into<String>,
    ) -> Self {
        Error::OutOfRange {
            field: field.into(),
            value: value.to_string(),
            allowed: allowed.into(),
        }
    }

    /// Builds an [`Error::Unknown`] listing the known names.
    pub fn unknown<S: AsRef<str>>(kind: &str, name: &str, known: &[S]) -> Self {
        Error::Unknown {
            kind: kind.into(),
            name: name.into(),
            known: known
                .iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A number as shown in messages: as written for ordinary magnitudes, in scientific notation
/// below 10⁻⁴ and from 10¹⁶ on (f64's `Display` would print 1e-300 with 300 zeros).
pub fn show(value: f64) -> String {
    let magnitude = value.abs();
    if value.is_finite() && value != 0.0 && !(1e-4..1e16).contains(&magnitude) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

/// Checks that `value` is finite and strictly positive.
pub fn positive(field: &str, value: f64) -> Result<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(Error::out_of_range(
            field,
            show(value),
            "must be a finite number > 0",
        ))
    }
}

/// Checks that `value` is finite and not negative.
pub fn non_negative(field: &str, value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::out_of_range(
            field,
            show(value),
            "must be a finite number >= 0",
        ))
    }
}

/// Checks that `value` is finite.
pub fn finite(field: &str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::out_of_range(
            field,
            show(value),
            "must be a finite number",
        ))
    }
}

/// Checks that `value` lies in the closed interval [lo, hi].
pub fn within(field: &str, value: f64, lo: f64, hi: f64) -> Result<f64> {
    if value.is_finite() && value >= lo && value <= hi {
        Ok(value)
    } else {
        Err(Error::out_of_range(
            field,
            show(value),
            format!("must lie in [{}, {}]", show(lo), show(hi)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Extreme values are shown in scientific notation, ordinary ones as written (messages
    /// such as "mass = 10000000 is not allowed" keep their form).
    #[test]
    fn numbers_in_messages() {
        assert_eq!(show(1e-300), "1e-300");
        assert_eq!(show(-2.5e20), "-2.5e20");
        assert_eq!(show(1e7), "10000000");
        assert_eq!(show(0.016), "0.016");
        assert_eq!(show(0.0), "0");
        assert_eq!(show(f64::NAN), "NaN");
        let err = positive("mass", -1e-300).unwrap_err().to_string();
        assert_eq!(
            err,
            "mass = -1e-300 is not allowed: must be a finite number > 0"
        );
        let err = within("x", 1e300, 0.0, 1.0).unwrap_err().to_string();
        assert_eq!(err, "x = 1e300 is not allowed: must lie in [0, 1]");
    }
}
