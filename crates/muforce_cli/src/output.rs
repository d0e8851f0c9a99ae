//! Shared output helpers: JSON printing and error classification.

use serde::Serialize;

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Whether a library error comes from bad input (exit code 2) rather than a failed computation.
pub fn is_usage_error(err: &muforce::Error) -> bool {
    matches!(
        err,
        muforce::Error::OutOfRange { .. }
            | muforce::Error::Unknown { .. }
            | muforce::Error::Closed { .. }
            | muforce::Error::Parse { .. }
    )
}
