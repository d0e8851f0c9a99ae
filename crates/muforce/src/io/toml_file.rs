//! TOML parsing whose errors name the file, the line and column, and the field.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses TOML text into `T`; errors read `source: line L, column C: message`.
pub fn parse_toml<T: DeserializeOwned>(source_name: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let (location, snippet) = e
            .span()
            .map(|span| {
                let start = floor_char_boundary(text, span.start);
                let before = &text[..start];
                let line = before.matches('\n').count() + 1;
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                let column = before[line_start..].chars().count() + 1;
                let line_text = text[line_start..].lines().next().unwrap_or("").trim();
                (
                    format!("line {line}, column {column}: "),
                    quote_line(line_text),
                )
            })
            .unwrap_or_default();
        Error::Parse {
            source_name: source_name.to_string(),
            message: format!("{location}{}{snippet}", e.message().trim_end()),
        }
    })
}

/// The largest char boundary of `text` at or below `index` (spans may point anywhere).
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// ` (in `line`)`, the offending line shortened to 60 characters, so a wrong value is shown
/// next to its key; empty for an empty line.
fn quote_line(line: &str) -> String {
    if line.is_empty() {
        return String::new();
    }
    let mut short: String = line.chars().take(60).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    format!(" (in `{short}`)")
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
        assert!(err.ends_with("(in `mass_gev = \"heavy\"`)"), "{err}");
        // Columns count characters, not bytes.
        let err = parse_toml::<Demo>("demo.toml", "# é\nmass_gev = [1]")
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
