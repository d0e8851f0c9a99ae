//! Constraint files: limits in the (m_X, g_μ) plane, published or computed, that figures can
//! overlay (docs/constraints.md).
//!
//! The format is the reach-table CSV ([`ReachTable::to_csv`]) with two required header lines,
//! `# source: …` (where the numbers come from) and `# cl: …` (the confidence level as a
//! fraction, e.g. 0.9, or `not stated` / `none`), and optional lines: `# label: …` (legend
//! text), `# signature: …` (how the limit was obtained, [`Signature`]; needed to recast it),
//! `# display: region|contour`, `# experiment: …` (the muforce experiment whose production a
//! recast between spins uses), `# escape-length-m: …` and `# x-energy-gev: …` (how far, and
//! at which energy, an unseen X must fly without a visible decay) and `# trust: …`. The
//! `model` column names
//! the mediator: a preset (`muon-scalar`, `mass-scalar`, `lmu-ltau`, `muon-vector`) or a spin
//! (`scalar`, `vector`, …). Every `muforce reach` table carries these lines, so each reach
//! output is also a constraint file.

use super::signature::Signature;
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
/// The header key of the signature.
const SIGNATURE: &str = "signature:";
/// The header key of how the file is drawn.
const DISPLAY: &str = "display:";
/// The header key of the experiment that produced the limit.
const EXPERIMENT: &str = "experiment:";
/// The header key of the flight length an unseen X must survive.
const ESCAPE_LENGTH: &str = "escape-length-m:";
/// The header key of the typical X energy.
const X_ENERGY: &str = "x-energy-gev:";
/// The header key of the trust rating.
const TRUST: &str = "trust:";

/// How a constraint file is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Display {
    /// An excluded region (grey, filled).
    #[default]
    Region,
    /// A line that is not a confidence-level exclusion, e.g. an iso-ΔN_eff contour.
    Contour,
}

/// A constraint file: the limits, where they come from and at which confidence level.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// Where the numbers come from (`# source:` line).
    pub source: String,
    /// Confidence level as a fraction in (0, 1) (`# cl:` line); None where the source does not
    /// state it (`not stated`) or the curve is not a limit (`none`, e.g. a contour).
    pub confidence_level: Option<f64>,
    /// Legend text (`# label:` line), if given.
    pub label: Option<String>,
    /// How the limit was obtained (`# signature:`), if given; recasting needs it.
    pub signature: Option<Signature>,
    /// Region or contour (`# display:`, default region).
    pub display: Display,
    /// The muforce experiment (built-in name or file) whose production the limit rests on
    /// (`# experiment:`).
    pub experiment: Option<String>,
    /// Flight length in metres within which a visible decay of X would have been seen
    /// (`# escape-length-m:`).
    pub escape_length_m: Option<f64>,
    /// Typical energy of X in GeV, for its decay length (`# x-energy-gev:`).
    pub x_energy_gev: Option<f64>,
    /// Trust rating and caveat (`# trust:`).
    pub trust: Option<String>,
    /// The limits, with every header line as provenance.
    pub table: ReachTable,
}

/// One excluded region of a constraint file: the rows of one (experiment, model, scenario).
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintCurve {
    /// Legend text: the file's label or `experiment scenario`, with the model.
    pub label: String,
    /// The same without the model (for figures of one model).
    pub name: String,
    /// The model column.
    pub model: String,
    /// The mediator's spin (from the model).
    pub spin: Spin,
    /// Region or contour.
    pub display: Display,
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

/// The names a model column may hold: the presets, then the spins.
pub fn model_names() -> Vec<&'static str> {
    Preset::ALL
        .map(Preset::name)
        .into_iter()
        .chain(Spin::ALL.map(Spin::name))
        .collect()
}

/// The spin of a model column: a preset name or a spin name; anything else is an error
/// listing both.
pub fn model_spin(model: &str) -> Result<Spin> {
    Preset::from_name(model)
        .map(Preset::spin)
        .or_else(|_| Spin::from_name(model))
        .map_err(|_| Error::unknown("model", model, &model_names()))
}

/// The constraint files shipped in data/constraints/ (built in): (file name, text).
const SHIPPED: [(&str, &str); 9] = [
    (
        "babar_2016_lmu_ltau.csv",
        include_str!("../../../../data/constraints/babar_2016_lmu_ltau.csv"),
    ),
    (
        "belle2_2020_lmu_ltau_invisible.csv",
        include_str!("../../../../data/constraints/belle2_2020_lmu_ltau_invisible.csv"),
    ),
    (
        "ccfr_trident_lmu_ltau.csv",
        include_str!("../../../../data/constraints/ccfr_trident_lmu_ltau.csv"),
    ),
    (
        "borexino_lmu_ltau.csv",
        include_str!("../../../../data/constraints/borexino_lmu_ltau.csv"),
    ),
    (
        "charm2_lmu_ltau.csv",
        include_str!("../../../../data/constraints/charm2_lmu_ltau.csv"),
    ),
    (
        "neff_lmu_ltau_contours.csv",
        include_str!("../../../../data/constraints/neff_lmu_ltau_contours.csv"),
    ),
    (
        "babar_2020_mass_scalar.csv",
        include_str!("../../../../data/constraints/babar_2020_mass_scalar.csv"),
    ),
    (
        "belle_2024_mass_scalar.csv",
        include_str!("../../../../data/constraints/belle_2024_mass_scalar.csv"),
    ),
    (
        "na64mu_2022_muforce.csv",
        include_str!("../../../../data/constraints/na64mu_2022_muforce.csv"),
    ),
];

/// The constraint files shipped in data/constraints/, parsed.
pub fn shipped_constraints() -> Result<Vec<Constraint>> {
    Ok(shipped_constraint_files()?
        .into_iter()
        .map(|(_, c)| c)
        .collect())
}

/// The constraint files shipped in data/constraints/ with their paths
/// (`data/constraints/NAME`), parsed.
pub fn shipped_constraint_files() -> Result<Vec<(String, Constraint)>> {
    SHIPPED
        .iter()
        .map(|(name, text)| {
            let path = format!("data/constraints/{name}");
            Constraint::parse(&path, text).map(|c| (path, c))
        })
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
        let mut header = Header::default();
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
            header.read(comment.trim()).map_err(|m| err(i + 1, m))?;
        }
        let source = header.source.filter(|s| !s.is_empty()).ok_or_else(|| {
            err(
                1,
                "no '# source: …' line saying where the numbers come from".into(),
            )
        })?;
        if !header.cl_seen {
            return Err(err(
                1,
                "no '# cl: …' line giving the confidence level (or 'not stated', 'none')".into(),
            ));
        }
        let confidence_level = header.cl;
        if table.rows.is_empty() {
            return Err(err(1, "no data rows".into()));
        }
        for (row, &line) in table.rows.iter().zip(&data_lines) {
            check_row(row).map_err(|m| err(line, m))?;
        }
        let constraint = Constraint {
            source,
            confidence_level,
            label: header.label,
            signature: header.signature,
            display: header.display,
            experiment: header.experiment,
            escape_length_m: header.escape_length_m,
            x_energy_gev: header.x_energy_gev,
            trust: header.trust,
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

    /// The file's text: every header line (its provenance) and the rows.
    pub fn to_csv(&self) -> String {
        self.table.to_csv()
    }

    /// The distinct model columns, in order of appearance.
    pub fn models(&self) -> Vec<&str> {
        let mut models: Vec<&str> = Vec::new();
        for r in &self.table.rows {
            if !models.contains(&r.model.as_str()) {
                models.push(&r.model);
            }
        }
        models
    }

    /// The smallest and largest mass with a limit (GeV), if any row has one.
    pub fn mass_range_gev(&self) -> Option<(f64, f64)> {
        let limited = || self.table.rows.iter().filter(|r| r.coupling_low.is_some());
        let lo = limited().map(|r| r.mass_gev).reduce(f64::min)?;
        let hi = limited().map(|r| r.mass_gev).reduce(f64::max)?;
        Some((lo, hi))
    }

    /// The smallest excluded coupling and its mass (GeV), if any row has a limit.
    pub fn strongest(&self) -> Option<(f64, f64)> {
        self.table
            .rows
            .iter()
            .filter_map(|r| r.coupling_low.map(|g| (r.mass_gev, g)))
            .reduce(|a, b| if b.1 < a.1 { b } else { a })
    }

    /// The legend label: the `# label:` line, else the first experiment name.
    pub fn display_label(&self) -> String {
        self.label
            .clone()
            .or_else(|| self.table.rows.first().map(|r| r.experiment.clone()))
            .unwrap_or_default()
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
    /// excluded are left out. A file of several curves labels each with its scenario.
    pub fn curves(&self) -> Vec<ConstraintCurve> {
        let keys = self.curve_keys();
        let several = keys.len() > 1;
        keys.into_iter()
            .map(|key| {
                let points = self
                    .rows_of(&key)
                    .into_iter()
                    .filter_map(|(_, r)| r.coupling_low.map(|lo| (r.mass_gev, lo, r.coupling_high)))
                    .collect();
                let name = match &self.label {
                    Some(label) if several => format!("{label}: {}", key.2),
                    Some(label) => label.clone(),
                    None => format!("{} {}", key.0, key.2),
                };
                ConstraintCurve {
                    label: format!("{name} ({})", key.1),
                    name,
                    display: self.display,
                    // Checked by `parse`.
                    spin: model_spin(&key.1).unwrap_or(Spin::Vector),
                    model: key.1,
                    points,
                }
            })
            .collect()
    }
}

/// The header lines of a constraint file as read.
#[derive(Debug, Default)]
struct Header {
    source: Option<String>,
    /// Whether a `# cl:` line was read.
    cl_seen: bool,
    cl: Option<f64>,
    label: Option<String>,
    signature: Option<Signature>,
    display: Display,
    experiment: Option<String>,
    escape_length_m: Option<f64>,
    x_energy_gev: Option<f64>,
    trust: Option<String>,
}

impl Header {
    /// Reads one comment line (without its '#'); other comments are provenance.
    fn read(&mut self, comment: &str) -> std::result::Result<(), String> {
        let value = |key: &str| comment.strip_prefix(key).map(str::trim);
        let positive = |field: &str, v: &str| -> std::result::Result<f64, String> {
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x > 0.0)
                .ok_or_else(|| format!("{field} '{v}' must be a finite number > 0"))
        };
        if let Some(v) = value(SOURCE) {
            self.source = Some(v.to_string());
        } else if let Some(v) = value(CL) {
            self.cl = parse_cl(v)?;
            self.cl_seen = true;
        } else if let Some(v) = value(LABEL) {
            self.label = Some(v.to_string());
        } else if let Some(v) = value(SIGNATURE) {
            self.signature = Some(Signature::from_name(v).map_err(|e| e.to_string())?);
        } else if let Some(v) = value(DISPLAY) {
            self.display = match v {
                "region" => Display::Region,
                "contour" => Display::Contour,
                _ => return Err(format!("unknown display '{v}'; known: region, contour")),
            };
        } else if let Some(v) = value(EXPERIMENT) {
            self.experiment = Some(v.to_string());
        } else if let Some(v) = value(ESCAPE_LENGTH) {
            self.escape_length_m = Some(positive("escape-length-m", v)?);
        } else if let Some(v) = value(X_ENERGY) {
            self.x_energy_gev = Some(positive("x-energy-gev", v)?);
        } else if let Some(v) = value(TRUST) {
            self.trust = Some(v.to_string());
        }
        Ok(())
    }
}

/// The value of a `# cl:` line: a fraction in (0, 1), or None for `not stated` and `none`.
fn parse_cl(value: &str) -> std::result::Result<Option<f64>, String> {
    if matches!(value, "not stated" | "none") {
        return Ok(None);
    }
    let cl: f64 = value
        .parse()
        .map_err(|_| format!("cl '{value}' is not a number (or 'not stated', 'none')"))?;
    if !(cl > 0.0 && cl < 1.0) {
        return Err(format!("cl = {cl} must be a fraction in (0, 1), e.g. 0.9"));
    }
    Ok(Some(cl))
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
                    limit: crate::reach::LimitKind::Expected,
                },
                ReachRow {
                    experiment: "na64-dump".into(),
                    model: "mass-scalar".into(),
                    scenario: "MOT=8e12".into(),
                    mass_gev: 0.1,
                    coupling_low: None,
                    coupling_high: None,
                    limit: crate::reach::LimitKind::Expected,
                },
            ],
        };
        let c = Constraint::parse("t", &table.to_csv()).unwrap();
        assert_eq!(c.source, "muforce reach of a test");
        assert_eq!(c.confidence_level, Some(0.95));
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

    /// Every file of data/constraints/ is built in, and the built-in texts are the files'.
    #[test]
    fn every_shipped_file_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/constraints");
        let files = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(files, SHIPPED.len());
        for (path, shipped) in shipped_constraint_files().unwrap() {
            let name = path.trim_start_matches("data/constraints/");
            let on_disk = Constraint::load(&dir.join(name)).unwrap();
            assert_eq!(on_disk.table, shipped.table, "{name}");
        }
    }
}
