//! Published upper limits on BR(K⁺ → μ⁺νX, X invisible) and their conversion to limits on the
//! coupling g with the rates of this module.
//!
//! NA62 (Phys. Lett. B 816 (2021) 136259, arXiv:2101.12304) quotes 90 % CL upper limits on
//! BR(K⁺ → μ⁺νX) for m_X = 10–370 MeV, for a scalar and a vector X, with the signal acceptance
//! computed from the m²_miss spectra of arXiv:1902.07715. Since the limit is on the total
//! branching ratio, the coupling limit is g_lim = √(BR_lim / (BR(K→μν) · Γ(K→μνX)/(g² Γ(K→μν)))).
//!
//! The NA62 numbers themselves are not shipped: neither the paper's tables nor a HEPData export
//! nor a digitisation of its figure could be obtained when this was written, and invented or
//! eyeballed numbers would be worse than none. [`parse_br_limits`] reads such a table (for
//! example a HEPData CSV export reduced to two columns) once it is at hand.

use super::channel::KaonModel;
use super::kinematics::check_x_mass;
use super::rate::{total_ratio, BR_K_MU_NU};
use crate::error::{Error, Result};

/// One point of a published limit: BR(K⁺ → μ⁺νX) < `br_upper_limit` at m_X = `mass_gev`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BrLimit {
    /// m_X in GeV.
    pub mass_gev: f64,
    /// Upper limit on the branching ratio.
    pub br_upper_limit: f64,
}

/// A coupling limit derived from a [`BrLimit`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CouplingLimit {
    /// m_X in GeV.
    pub mass_gev: f64,
    /// The branching-ratio limit it comes from.
    pub br_upper_limit: f64,
    /// Upper limit on g.
    pub coupling_upper_limit: f64,
}

/// BR(K⁺ → μ⁺νX) per g² for `model` at `m_x`: BR(K→μν) × Γ(K→μνX)/(g² Γ(K→μν)).
pub fn branching_ratio_per_g2(model: KaonModel, m_x: f64) -> Result<f64> {
    Ok(BR_K_MU_NU * total_ratio(model, m_x)?.value)
}

/// The coupling whose K⁺ → μ⁺νX branching ratio equals `br_limit`:
/// g = √(BR_lim / BR_per_g²). `br_limit` must be finite and in (0, 1].
pub fn coupling_from_br_limit(model: KaonModel, m_x: f64, br_limit: f64) -> Result<f64> {
    if !(br_limit.is_finite() && br_limit > 0.0 && br_limit <= 1.0) {
        return Err(Error::out_of_range(
            "branching-ratio limit",
            br_limit,
            "must lie in (0, 1]",
        ));
    }
    Ok((br_limit / branching_ratio_per_g2(model, m_x)?).sqrt())
}

/// Converts a table of branching-ratio limits to coupling limits for `model`.
pub fn coupling_limits(model: KaonModel, limits: &[BrLimit]) -> Result<Vec<CouplingLimit>> {
    limits
        .iter()
        .map(|l| {
            Ok(CouplingLimit {
                mass_gev: l.mass_gev,
                br_upper_limit: l.br_upper_limit,
                coupling_upper_limit: coupling_from_br_limit(model, l.mass_gev, l.br_upper_limit)?,
            })
        })
        .collect()
}

/// Reads a limit table: lines starting with `#` are provenance comments, the first other line is
/// the header `mass_gev,br_upper_limit`, then one `mass, limit` pair per line with masses
/// strictly increasing inside (0, m_K − m_μ) and limits in (0, 1]. Errors name the source and
/// the line.
pub fn parse_br_limits(source_name: &str, text: &str) -> Result<Vec<BrLimit>> {
    let parse_error = |line: usize, message: String| Error::Parse {
        source_name: source_name.to_string(),
        message: format!("line {line}: {message}"),
    };
    let mut rows = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    let Some((line, header)) = rows.next() else {
        return Err(parse_error(1, "no header and no data".into()));
    };
    let columns: Vec<&str> = header.split(',').map(str::trim).collect();
    if columns != ["mass_gev", "br_upper_limit"] {
        return Err(parse_error(
            line,
            format!("header is '{header}', expected 'mass_gev,br_upper_limit'"),
        ));
    }
    let mut out: Vec<BrLimit> = Vec::new();
    for (line, row) in rows {
        let fields: Vec<&str> = row.split(',').map(str::trim).collect();
        if fields.len() != 2 {
            return Err(parse_error(
                line,
                format!("expected 2 columns, found {}", fields.len()),
            ));
        }
        let number = |name: &str, text: &str| -> Result<f64> {
            text.parse::<f64>()
                .map_err(|_| parse_error(line, format!("{name} '{text}' is not a number")))
        };
        let mass = number("mass_gev", fields[0])?;
        let br = number("br_upper_limit", fields[1])?;
        check_x_mass("mass_gev", mass).map_err(|e| parse_error(line, e.to_string()))?;
        if !(br.is_finite() && br > 0.0 && br <= 1.0) {
            return Err(parse_error(
                line,
                format!("br_upper_limit = {br} must lie in (0, 1]"),
            ));
        }
        if out.last().is_some_and(|p| p.mass_gev >= mass) {
            return Err(parse_error(
                line,
                format!("mass_gev = {mass} is not increasing"),
            ));
        }
        out.push(BrLimit {
            mass_gev: mass,
            br_upper_limit: br,
        });
    }
    if out.is_empty() {
        return Err(parse_error(line, "a header but no data rows".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The conversion inverts: the branching ratio at the converted coupling (computed through
    /// `kaon_rate`, an independent path) equals the input limit.
    #[test]
    fn coupling_conversion_inverts() {
        for model in KaonModel::ALL {
            for (m_x, br) in [(0.01, 2e-5), (0.1, 1e-6), (0.3, 3e-7)] {
                let g = coupling_from_br_limit(model, m_x, br).unwrap();
                let back = super::super::rate::kaon_rate(model, m_x, g)
                    .unwrap()
                    .branching_ratio;
                assert!(
                    (back / br - 1.0).abs() < 1e-12,
                    "{model} {m_x}: {back} vs {br}"
                );
            }
        }
        let err = coupling_from_br_limit(KaonModel::MuonScalar, 0.1, -1e-6).unwrap_err();
        assert!(err.to_string().contains("branching-ratio limit"));
        assert!(coupling_from_br_limit(KaonModel::MuonScalar, 0.5, 1e-6).is_err());
    }

    /// Parsing: comments skipped, header checked, bad rows named by line. The numbers here are
    /// made up for the parser only; they are not a physics result.
    #[test]
    fn limit_tables_parse_with_line_numbered_errors() {
        let good = "# comment\nmass_gev,br_upper_limit\n0.01, 1e-5\n0.02,2e-6\n";
        let rows = parse_br_limits("t.csv", good).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].mass_gev, 0.02);
        let limits = coupling_limits(KaonModel::LmuLtau, &rows).unwrap();
        assert!(limits.iter().all(|l| l.coupling_upper_limit > 0.0));
        for (bad, needle) in [
            ("", "no header"),
            ("mass,br\n0.1,1e-6\n", "header"),
            ("mass_gev,br_upper_limit\n", "no data"),
            ("mass_gev,br_upper_limit\n0.1,x\n", "line 2"),
            ("mass_gev,br_upper_limit\n0.1,2\n", "(0, 1]"),
            ("mass_gev,br_upper_limit\n0.5,1e-6\n", "mass_gev"),
            (
                "mass_gev,br_upper_limit\n0.1,1e-6\n0.05,1e-6\n",
                "increasing",
            ),
            ("mass_gev,br_upper_limit\n0.1,1e-6,3\n", "columns"),
        ] {
            let err = parse_br_limits("t.csv", bad).unwrap_err().to_string();
            assert!(
                err.contains(needle) && err.contains("t.csv"),
                "{bad:?}: {err}"
            );
        }
    }
}
