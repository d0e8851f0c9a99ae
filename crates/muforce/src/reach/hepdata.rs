//! A reach table in the HEPData YAML table format (HEPData submission format,
//! <https://hepdata-submission.readthedocs.io/en/latest/data_yaml.html>): one independent
//! variable m_X and, per (model, scenario), the lower and upper edge of the excluded couplings
//! with the confidence level, model, scenario, experiment and limit (expected or observed) as
//! qualifiers. Empty cells are
//! written as the HEPData placeholder `'-'`.

use super::table::ReachTable;
use crate::error::{Error, Result};
use std::fmt::Write;

/// Quotes a string for YAML (single quotes, doubled inside).
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A number with a signed exponent (`1.000000e+0`): YAML 1.1 readers such as PyYAML take
/// `1.000000e0` for a string.
fn number(x: f64) -> String {
    let s = format!("{x:.6e}");
    match s.split_once('e') {
        Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
        _ => s,
    }
}

fn value(v: Option<f64>) -> String {
    v.map_or_else(|| "'-'".to_string(), number)
}

impl ReachTable {
    /// The HEPData YAML text. `description` describes the experiment; `confidence_level` is
    /// the CL of the limits (e.g. 0.95). Every (model, scenario) curve must use the same
    /// masses.
    pub fn to_hepdata_yaml(&self, description: &str, confidence_level: f64) -> Result<String> {
        let mut curves: Vec<(String, String, String)> = Vec::new();
        for r in &self.rows {
            let key = (r.experiment.clone(), r.model.clone(), r.scenario.clone());
            if !curves.contains(&key) {
                curves.push(key);
            }
        }
        let Some(first) = curves.first() else {
            return Err(Error::out_of_range(
                "reach table",
                "(no rows)",
                "needs at least one row",
            ));
        };
        let rows_of = |c: &(String, String, String)| {
            self.rows
                .iter()
                .filter(|r| r.experiment == c.0 && r.model == c.1 && r.scenario == c.2)
                .collect::<Vec<_>>()
        };
        let masses: Vec<f64> = rows_of(first).iter().map(|r| r.mass_gev).collect();
        let mut out = String::new();
        let _ = writeln!(out, "# {}", description.replace('\n', " "));
        for line in &self.provenance {
            let _ = writeln!(out, "# {line}");
        }
        out.push_str("independent_variables:\n- header: {name: 'm_X', units: 'GeV'}\n  values:\n");
        for m in &masses {
            let _ = writeln!(out, "  - {{value: {}}}", number(*m));
        }
        out.push_str("dependent_variables:\n");
        for c in &curves {
            let rows = rows_of(c);
            let same = rows.len() == masses.len()
                && rows.iter().zip(&masses).all(|(r, &m)| r.mass_gev == m);
            if !same {
                return Err(Error::out_of_range(
                    "reach table",
                    format!("{} {} {}", c.0, c.1, c.2),
                    "every (model, scenario) curve must use the same masses",
                ));
            }
            for (edge, name) in [(0, "lower"), (1, "upper")] {
                let _ = writeln!(
                    out,
                    "- header: {{name: {}}}",
                    quote(&format!("g_mu, {name} edge of the excluded couplings"))
                );
                out.push_str("  qualifiers:\n");
                for (k, v) in [
                    ("CL", format!("{confidence_level}")),
                    ("experiment", c.0.clone()),
                    ("description", description.to_string()),
                    ("model", c.1.clone()),
                    ("scenario", c.2.clone()),
                    ("limit", rows[0].limit.name().to_string()),
                ] {
                    let _ = writeln!(out, "  - {{name: {}, value: {}}}", quote(k), quote(&v));
                }
                out.push_str("  values:\n");
                for r in &rows {
                    let v = if edge == 0 {
                        r.coupling_low
                    } else {
                        r.coupling_high
                    };
                    let _ = writeln!(out, "  - {{value: {}}}", value(v));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::reach::{ReachRow, ReachTable};

    fn row(model: &str, mass: f64, low: Option<f64>, high: Option<f64>) -> ReachRow {
        ReachRow {
            experiment: "atlas".into(),
            model: model.into(),
            scenario: "Z/A".into(),
            mass_gev: mass,
            coupling_low: low,
            coupling_high: high,
            limit: crate::reach::LimitKind::Expected,
        }
    }

    #[test]
    fn curves_share_the_mass_axis() {
        let t = ReachTable {
            provenance: vec!["test".into()],
            rows: vec![
                row("scalar", 0.1, Some(1e-3), None),
                row("scalar", 0.2, None, None),
                row("vector", 0.1, Some(2e-3), Some(0.5)),
                row("vector", 0.2, Some(3e-3), None),
            ],
        };
        let y = t
            .to_hepdata_yaml("ATLAS as a muon fixed target", 0.95)
            .unwrap();
        assert_eq!(y.matches("{value: 1.000000e-1}").count(), 1);
        assert_eq!(y.matches("- header:").count(), 5);
        assert!(y.contains("{name: 'CL', value: '0.95'}"));
        assert!(y.contains("{value: '-'}"));
        assert!(y.contains("{value: 5.000000e-1}") && !y.contains("e0}"));
        let bad = ReachTable {
            provenance: vec![],
            rows: vec![
                row("scalar", 0.1, None, None),
                row("vector", 0.2, None, None),
            ],
        };
        assert!(bad.to_hepdata_yaml("x", 0.95).is_err());
        assert!(ReachTable::default().to_hepdata_yaml("x", 0.95).is_err());
    }
}
