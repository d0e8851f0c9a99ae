//! Choice of calculation for the production cross section.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// How the μN → μNX cross section is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Exact 2 → 3 tree level (REFERENCE §1).
    #[default]
    Exact,
    /// Weizsäcker–Williams with angle-dependent t_min (REFERENCE §3.1).
    Ww,
    /// Improved WW with x-independent flux, closed forms (REFERENCE §3.2).
    Iww,
}

impl Method {
    /// All methods.
    pub const ALL: [Method; 3] = [Method::Exact, Method::Ww, Method::Iww];

    /// `exact`, `ww` or `iww`.
    pub fn name(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Ww => "ww",
            Method::Iww => "iww",
        }
    }

    /// Parses a method name (case-insensitive).
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "exact" | "etl" => Ok(Method::Exact),
            "ww" => Ok(Method::Ww),
            "iww" => Ok(Method::Iww),
            _ => Err(Error::unknown(
                "method",
                name,
                &Method::ALL.map(Method::name),
            )),
        }
    }
}
