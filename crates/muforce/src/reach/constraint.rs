//! Constraint files: limits in the (m_X, g_μ) plane, published or computed, that figures can
//! overlay (docs/constraints.md).
//!
//! The format is the reach-table CSV ([`ReachTable::to_csv`]) with two required header lines,
//! `# source: …` (where the numbers come from) and `# cl: …` (the confidence level as a
//! fraction, e.g. 0.9), and an optional `# label: …` (legend text). The `model` column names
//! the mediator: a preset (`muon-scalar`, `mass-scalar`, `lmu-ltau`, `muon-vector`) or a spin
//! (`scalar`, `vector`, …). Every `muforce reach` table carries these lines, so each reach
//! output is also a constraint file.

use super::table::{ReachRow, ReachTable};
use crate::error::{Error, Result};
use crate::model::{check_mass, Preset, Spin, MAX_COUPLING};
use std::path::Path;

/// The header key of the source line.
const SOURCE: &str = "source:";
/// The header key of the confidence-level line.
const CL: &str = "cl:";
/// The header key of the optional legend label.
const LABEL: &str = "label:";

/// A constraint file: the limits, where they come from and at which confidence level.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// Where the numbers come from (`# source:` line).
    pub source: String,
    /// Confidence level as a fraction in (0, 1) (`# cl:` line).
    pub confidence_level: f64,
    /// Legend text (`# label:` line), if given.
    pub label: Option<String>,
    /// The limits, with every header line as provenance.
    pub table: ReachTable,
}

/// One excluded region of a constraint file: the rows of one (experiment, model, scenario).
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintCurve {
    /// Legend text: the file's label or `experiment scenario`, with the model.
    pub label: String,
    /// The model column.
    pub model: String,
    /// The mediator's spin (from the model).
    pub spin: Spin,
    /// (m_X in GeV, g_low, g_high) with increasing mass; g_high None: open above.
    pub points: Vec<(f64, f64, Option<f64>)>,
}

/// The two header lines that make a reach table a constraint file: its source and its
/// confidence level.
pub fn constraint_header(source: &str, confidence_level: f64) -> [String; 2] {
    [
        format!("{SOURCE} {source}"),
        format!("{CL} {confidence_level}"),
    ]
}

/// The header of a reach table that muforce wrote for the experiment titled `title`:
/// `# source: muforce <version> reach of <title>` and its CL.
pub fn reach_header(title: &str, confidence_level: f64) -> [String; 2] {
    constraint_header(
        &format!("muforce {} reach of {title}", env!("CARGO_PKG_VERSION")),
        confidence_level,
    )
}

/// The spin of a model column: a preset name or a spin name; anything else is an error
/// listing both.
pub fn model_spin(model: &str) -> Result<Spin> {
    Preset::from_name(model)
        .map(Preset::spin)
        .or_else(|_| Spin::from_name(model))
        .map_err(|_| {
            let known: Vec<&str> = Preset::ALL
                .map(Preset::name)
                .into_iter()
                .chain(Spin::ALL.map(Spin::name))
                .collect();
            Error::unknown("model", model, &known)
        })
}

/// The constraint files shipped in data/constraints/ (built in): (file name, text).
const SHIPPED: [(&str, &str); 1] = [(
    "babar_2016_lmu_ltau.csv",
    include_str!("../../../../data/constraints/babar_2016_lmu_ltau.csv"),
)];

/// The constraint files shipped in data/constraints/, parsed.
pub fn shipped_constraints() -> Result<Vec<Constraint>> {
    SHIPPED
        .iter()
        .map(|(name, text)| Constraint::parse(&format!("data/constraints/{name}"), text))
        .collect()
}

impl Constraint {
    /// Reads a constraint file.
    pub fn load(path: &Path) -> Result<Constraint> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        Constraint::parse(&path.display().to_string(), &text)
    }

    /// Parses the text of a constraint file; errors name `source_name`, the line and the field.
    pub fn parse(source_name: &str, text: &str) -> Result<Constraint> {
        let err = |line: usize, message: String| Error::Parse {
            source_name: source_name.to_string(),
            message: format!("line {line}: {message}"),
        };
        let table = ReachTable::from_csv(source_name, text)?;
        let mut source = None;
        let mut confidence_level = None;
        let mut label = None;
        let mut data_lines = Vec::new();
        let mut header_seen = false;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            let Some(comment) = line.strip_prefix('#') else {
                if header_seen {
                    data_lines.push(i + 1);
                }
                header_seen = true;
                continue;
            };
            let comment = comment.trim();
            if let Some(value) = comment.strip_prefix(SOURCE) {
                source = Some(value.trim().to_string());
            } else if let Some(value) = comment.strip_prefix(CL) {
                let cl: f64 = value
                    .trim()
                    .parse()
                    .map_err(|_| err(i + 1, format!("cl '{}' is not a number", value.trim())))?;
                if !(cl > 0.0 && cl < 1.0) {
                    return Err(err(
                        i + 1,
                        format!("cl = {cl} must be a fraction in (0, 1), e.g. 0.9"),
                    ));
                }
                confidence_level = Some(cl);
            } else if let Some(value) = comment.strip_prefix(LABEL) {
                label = Some(value.trim().to_string());
            }
        }
        let source = source.filter(|s| !s.is_empty()).ok_or_else(|| {
            err(
                1,
                "no '# source: …' line saying where the numbers come from".into(),
            )
        })?;
        let confidence_level = confidence_level
            .ok_or_else(|| err(1, "no '# cl: …' line giving the confidence level".into()))?;
        if table.rows.is_empty() {
            return Err(err(1, "no data rows".into()));
        }
        for (row, &line) in table.rows.iter().zip(&data_lines) {
            check_row(row).map_err(|m| err(line, m))?;
        }
        let constraint = Constraint {
            source,
            confidence_level,
            label,
            table,
        };
        for curve in constraint.curve_keys() {
            let rows = constraint.rows_of(&curve);
            for pair in rows.windows(2) {
                if pair[1].1.mass_gev <= pair[0].1.mass_gev {
                    return Err(err(
                        data_lines[pair[1].0],
                        format!(
                            "mass_gev = {} is not above the previous mass of {} {} {}",
                            pair[1].1.mass_gev, curve.0, curve.1, curve.2
                        ),
                    ));
                }
            }
        }
        Ok(constraint)
    }

    /// The distinct (experiment, model, scenario) of the rows, in order of appearance.
    fn curve_keys(&self) -> Vec<(String, String, String)> {
        let mut keys: Vec<(String, String, String)> = Vec::new();
        for r in &self.table.rows {
            let key = (r.experiment.clone(), r.model.clone(), r.scenario.clone());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }

    /// The rows of one curve with their index in the table.
    fn rows_of(&self, key: &(String, String, String)) -> Vec<(usize, &ReachRow)> {
        self.table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.experiment == key.0 && r.model == key.1 && r.scenario == key.2)
            .collect()
    }

    /// The excluded regions, one per (experiment, model, scenario); masses where nothing is
    /// excluded are left out.
    pub fn curves(&self) -> Vec<ConstraintCurve> {
        self.curve_keys()
            .into_iter()
            .map(|key| {
                let points = self
                    .rows_of(&key)
                    .into_iter()
                    .filter_map(|(_, r)| r.coupling_low.map(|lo| (r.mass_gev, lo, r.coupling_high)))
                    .collect();
                let name = match &self.label {
                    Some(label) => label.clone(),
                    None => format!("{} {}", key.0, key.2),
                };
                ConstraintCurve {
                    label: format!("{name} ({})", key.1),
                    // Checked by `parse`.
                    spin: model_spin(&key.1).unwrap_or(Spin::Vector),
                    model: key.1,
                    points,
                }
            })
            .collect()
    }
}

/// The checks of one data row; the message names the field.
fn check_row(row: &ReachRow) -> std::result::Result<(), String> {
    if row.experiment.trim().is_empty() {
        return Err("experiment is empty".into());
    }
    model_spin(&row.model).map_err(|e| e.to_string())?;
    check_mass("mass_gev", row.mass_gev).map_err(|e| e.to_string())?;
    let coupling = |name: &str, g: f64| {
        if g.is_finite() && g > 0.0 && g <= MAX_COUPLING {
            Ok(())
        } else {
            Err(format!(
                "{name} = {g} must be a coupling in (0, 4 pi] (4 pi: perturbative bound)"
            ))
        }
    };
    match (row.coupling_low, row.coupling_high) {
        (Some(lo), Some(hi)) => {
            coupling("coupling_low", lo)?;
            coupling("coupling_high", hi)?;
            if hi <= lo {
                return Err(format!(
                    "coupling_high = {hi} must lie above coupling_low = {lo}"
                ));
            }
            Ok(())
        }
        (Some(lo), None) => coupling("coupling_low", lo),
        (None, Some(_)) => Err("coupling_high is given without coupling_low".into()),
        (None, None) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "experiment,model,scenario,mass_gev,coupling_low,coupling_high";

    fn file(rows: &str) -> String {
        format!("# source: test numbers\n# cl: 0.9\n{HEADER}\n{rows}")
    }

    /// A reach table with the constraint header round-trips through the loader: the same
    /// rows, source and CL.
    #[test]
    fn reach_csv_with_header_is_a_constraint() {
        let mut provenance = vec!["muforce test".to_string()];
        provenance.extend(constraint_header("muforce reach of a test", 0.95));
        let table = ReachTable {
            provenance,
            rows: vec![
                ReachRow {
                    experiment: "na64-dump".into(),
                    model: "mass-scalar".into(),
                    scenario: "MOT=8e12".into(),
                    mass_gev: 0.01,
                    coupling_low: Some(1e-5),
                    coupling_high: Some(1e-2),
                },
                ReachRow {
                    experiment: "na64-dump".into(),
                    model: "mass-scalar".into(),
                    scenario: "MOT=8e12".into(),
                    mass_gev: 0.1,
                    coupling_low: None,
                    coupling_high: None,
                },
            ],
        };
        let c = Constraint::parse("t", &table.to_csv()).unwrap();
        assert_eq!(c.source, "muforce reach of a test");
        assert_eq!(c.confidence_level, 0.95);
        assert_eq!(c.table.rows, table.rows);
        let curves = c.curves();
        assert_eq!(curves.len(), 1);
        assert_eq!(curves[0].spin, Spin::Scalar);
        assert_eq!(curves[0].points, vec![(0.01, 1e-5, Some(1e-2))]);
        assert_eq!(curves[0].label, "na64-dump MOT=8e12 (mass-scalar)");
    }

    /// Every malformed input names the line and the field.
    #[test]
    fn errors_name_line_and_field() {
        let cases = [
            (file("x,lmu-ltau,a,0.1,1e-3,\n"), ""),
            (
                file("x,lmu-ltau,a,0.1,1e-3,\nx,dark-photon,a,0.2,1e-3,\n"),
                "line 5: unknown model 'dark-photon'",
            ),
            (file("x,lmu-ltau,a,-1,1e-3,\n"), "line 4: mass_gev"),
            (file("x,lmu-ltau,a,0.1,0,\n"), "line 4: coupling_low = 0"),
            (
                file("x,lmu-ltau,a,0.1,1e-3,1e-4\n"),
                "line 4: coupling_high",
            ),
            (
                file("x,lmu-ltau,a,0.1,,1e-4\n"),
                "line 4: coupling_high is given",
            ),
            (
                file("x,lmu-ltau,a,0.2,1e-3,\nx,lmu-ltau,a,0.1,1e-3,\n"),
                "line 5: mass_gev = 0.1",
            ),
            (file("x,lmu-ltau,a,abc,1e-3,\n"), "line 4: mass_gev 'abc'"),
            (
                format!("# cl: 0.9\n{HEADER}\nx,vector,a,0.1,1e-3,\n"),
                "source",
            ),
            (
                format!("# source: s\n{HEADER}\nx,vector,a,0.1,1e-3,\n"),
                "cl",
            ),
            (
                format!("# source: s\n# cl: 90\n{HEADER}\n"),
                "line 2: cl = 90",
            ),
            (file(""), "no data rows"),
        ];
        for (text, expected) in cases {
            let result = Constraint::parse("f.csv", &text);
            if expected.is_empty() {
                assert!(result.is_ok(), "{result:?}");
                continue;
            }
            let message = result.unwrap_err().to_string();
            assert!(
                message.starts_with("f.csv: ") && message.contains(expected),
                "{message} (expected {expected})"
            );
        }
    }

    /// The shipped files load, with their source and CL, and their numbers match the values
    /// quoted in the papers' abstracts.
    #[test]
    fn shipped_constraints_load() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/constraints");
        let babar = Constraint::load(&dir.join("babar_2016_lmu_ltau.csv")).unwrap();
        assert_eq!(shipped_constraints().unwrap(), vec![babar.clone()]);
        // Every file of the directory is built in.
        let files = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(files, SHIPPED.len());
        assert_eq!(babar.confidence_level, 0.9);
        let curve = &babar.curves()[0];
        assert_eq!(curve.spin, Spin::Vector);
        // BaBar, PRD 94 (2016) 011102, abstract: limits on g' "as low as 7 x 10^-4" for
        // 0.212 < m_Z' < 10 GeV.
        let best = curve
            .points
            .iter()
            .map(|p| p.1)
            .fold(f64::INFINITY, f64::min);
        assert!((best / 7e-4 - 1.0).abs() < 0.05, "{best}");
        assert!(curve.points.iter().all(|p| (0.212..10.0).contains(&p.0)));
    }
}
