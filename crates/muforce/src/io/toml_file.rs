//! TOML parsing whose errors name the file, the line and column, and the field.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses TOML text into `T`; errors read `source: line L, column C: message`.
pub fn parse_toml<T: DeserializeOwned>(source_name: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let location = e
            .span()
            .map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                format!("line {line}, column {column}: ")
            })
            .unwrap_or_default();
        Error::Parse {
            source_name: source_name.to_string(),
            message: format!("{location}{}", e.message()),
        }
    })
}

/// Reads a whole text file; the error names the path.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Demo {
        mass_gev: f64,
    }

    #[test]
    fn errors_name_line_and_field() {
        let err = parse_toml::<Demo>("demo.toml", "\nmass_gev = \"heavy\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("demo.toml: line 2, column 12:"), "{err}");
        let err = parse_toml::<Demo>("demo.toml", "mass_gev = 1.0\nspin = 2\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown field `spin`") && err.contains("mass_gev"),
            "{err}"
        );
        let err = parse_toml::<Demo>("demo.toml", "").unwrap_err().to_string();
        assert!(err.contains("missing field `mass_gev`"), "{err}");
        let err = read_text(Path::new("/nonexistent/x.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("/nonexistent/x.toml:"), "{err}");
    }
}
