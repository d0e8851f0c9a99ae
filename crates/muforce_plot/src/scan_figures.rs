//! Figures of a design study: the reach at chosen masses against the first varied field (one
//! line per scenario, mass and value of the other fields), a heat map over the first two
//! varied fields, and the envelope of the best design at each mass in the (m_X, g_X) plane.

use super::dash::Dash;
use super::heat_map::HeatMap;
use super::legend::Legend;
use super::line_figure::{LineFigure, Series};
use super::reach_figure::{Curve, ReachFigure};
use muforce::error::show;
use muforce::experiment::scan::{Envelope, ScanOutput};
use std::fmt::Write;

/// The masses of the rows nearest (in log mass) to each of `wanted`, or, for none wanted, the
/// one nearest the geometric middle of the scanned masses; ascending, without repeats.
pub fn figure_masses(output: &ScanOutput, wanted: &[f64]) -> Vec<f64> {
    let mut have: Vec<f64> = output.rows.iter().map(|r| r.mass_gev).collect();
    have.sort_by(f64::total_cmp);
    have.dedup();
    let (Some(&lo), Some(&hi)) = (have.first(), have.last()) else {
        return Vec::new();
    };
    let middle = [(lo * hi).sqrt()];
    let wanted = if wanted.is_empty() {
        &middle[..]
    } else {
        wanted
    };
    let nearest = |m: f64| {
        have.iter()
            .copied()
            .min_by(|a, b| (a / m).ln().abs().total_cmp(&(b / m).ln().abs()))
            .unwrap_or(m)
    };
    let mut chosen: Vec<f64> = wanted.iter().map(|&m| nearest(m)).collect();
    chosen.sort_by(f64::total_cmp);
    chosen.dedup();
    chosen
}

/// `found`, or the index of a new item `make()` pushed onto `items`.
fn position_or_push<T>(
    items: &mut Vec<T>,
    found: Option<usize>,
    make: impl FnOnce() -> T,
) -> usize {
    found.unwrap_or_else(|| {
        items.push(make());
        items.len() - 1
    })
}

/// A number to four significant digits, as short as it reads (a grid mass such as
/// 0.009999999999999998 shows as 0.01).
fn four_digits(x: f64) -> String {
    show(format!("{x:.3e}").parse().unwrap_or(x))
}

/// A log axis range around `values` (a factor 2 of room each side), or None if empty.
fn log_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    (lo.is_finite() && lo > 0.0).then_some((lo / 2.0, hi * 2.0))
}

/// coupling_low against the first varied field at `masses` (see [`figure_masses`]): one line
/// per model (when several), scenario, mass and value of the other varied fields. The x axis
/// is logarithmic when the field's values were a log range. Lines without any excluded
/// coupling are left out; None when nothing is excluded at all.
pub fn parameter_figure(output: &ScanOutput, masses: &[f64]) -> Option<LineFigure> {
    let first = output.study.vary.first()?;
    let log_x = first.spec.trim().ends_with("log") && first.values.iter().all(|&v| v > 0.0);
    let several_models = output.rows.iter().any(|r| r.model != output.rows[0].model);
    // (label, points) in the order the rows first give them.
    let mut lines: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
    for r in output.rows.iter().filter(|r| masses.contains(&r.mass_gev)) {
        let mut label = String::new();
        if several_models {
            let _ = write!(label, "{} ", r.model);
        }
        let _ = write!(label, "{}, m = {} GeV", r.scenario, four_digits(r.mass_gev));
        for (v, &p) in output.study.vary.iter().zip(&r.parameters).skip(1) {
            let _ = write!(label, ", {} = {}", v.key, show(p));
        }
        let found = lines.iter().position(|(l, _)| *l == label);
        let at = position_or_push(&mut lines, found, || (label, Vec::new()));
        if let Some(g) = r.coupling_low {
            lines[at].1.push((r.parameters[0], g));
        }
    }
    // A line with nothing excluded at any value has nothing to draw.
    lines.retain(|(_, points)| !points.is_empty());
    let y_range = log_range(lines.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)))?;
    let (x0, x1) = first
        .values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    // A single value still needs an axis of some width (a factor on a log axis).
    let x_range = if log_x {
        let room = if x1 > x0 { (x1 / x0).powf(0.02) } else { 2.0 };
        (x0 / room, x1 * room)
    } else {
        let pad = if x1 > x0 {
            0.02 * (x1 - x0)
        } else {
            0.5 * x0.abs().max(1.0)
        };
        (x0 - pad, x1 + pad)
    };
    Some(LineFigure {
        title: format!(
            "{}: reach against {} ({} designs)",
            output.study.experiment, first.key, output.study.designs
        ),
        x_label: first.key.clone(),
        y_label: "lowest excluded coupling g_{X}".into(),
        x_range,
        y_range,
        x_log: log_x,
        y_log: true,
        series: lines
            .into_iter()
            .enumerate()
            .map(|(i, (label, points))| {
                let s = Series {
                    label,
                    points,
                    dash: Dash::Solid,
                    color: None,
                };
                // Dashed for the second group of eight colours, so lines stay apart.
                if (i / 8) % 2 == 1 {
                    s.dashed()
                } else {
                    s
                }
            })
            .collect(),
        size: (900, 650),
    })
}

/// coupling_low over the first two varied fields (x: the first, y: the second) at `mass`, for
/// the model and scenario of the first row at that mass; with more varied fields each cell is
/// the best design over the others. None with fewer than two varied fields or when nothing is
/// excluded at that mass.
pub fn heat_map_figure(output: &ScanOutput, mass: f64) -> Option<HeatMap> {
    let [a, b] = output.study.vary.get(..2)? else {
        return None;
    };
    let first = output.rows.iter().find(|r| r.mass_gev == mass)?;
    let mut cells = vec![vec![None; a.values.len()]; b.values.len()];
    for r in output
        .rows
        .iter()
        .filter(|r| r.mass_gev == mass && r.model == first.model && r.scenario == first.scenario)
    {
        let column = a.values.iter().position(|&v| v == r.parameters[0])?;
        let row = b.values.iter().position(|&v| v == r.parameters[1])?;
        if let Some(g) = r.coupling_low {
            let cell: &mut Option<f64> = &mut cells[row][column];
            *cell = Some(cell.map_or(g, |c| c.min(g)));
        }
    }
    if cells.iter().flatten().all(Option::is_none) {
        return None;
    }
    let others = if output.study.vary.len() > 2 {
        ", best over the other fields"
    } else {
        ""
    };
    Some(HeatMap {
        title: format!(
            "{}: lowest excluded g, {} {}, m = {} GeV{others}",
            output.study.experiment,
            first.model,
            first.scenario,
            four_digits(mass)
        ),
        x_label: a.key.clone(),
        y_label: b.key.clone(),
        x_values: a.values.clone(),
        y_values: b.values.clone(),
        cells,
        size: (900, 650),
    })
}

/// The envelope in the (m_X, g_X) plane: one curve per model and scenario, the best design's
/// coupling_low at each mass. None when no design excludes anything.
pub fn envelope_figure(output: &ScanOutput, envelope: &Envelope) -> Option<ReachFigure> {
    let mut curves: Vec<Curve> = Vec::new();
    for r in &envelope.rows {
        let label = format!("{} {}", r.model, r.scenario);
        let found = curves.iter().position(|c| c.label == label);
        let at = position_or_push(&mut curves, found, || Curve::new(label, Vec::new()));
        if let Some((g, _, _)) = &r.best {
            curves[at].points.push((r.mass_gev, *g, None));
        }
    }
    curves.retain(|c| !c.points.is_empty());
    for c in &mut curves {
        c.points.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let coupling_range = log_range(curves.iter().flat_map(|c| c.points.iter().map(|p| p.1)))?;
    let (m0, m1) = log_range(curves.iter().flat_map(|c| c.points.iter().map(|p| p.0)))?;
    Some(ReachFigure {
        title: format!(
            "{}: best of {} designs at each mass (envelope)",
            output.study.experiment, output.study.designs
        ),
        // Half the room of the coupling axis: the masses are the scan's own.
        mass_range: (m0 * 1.4, m1 / 1.4),
        coupling_range,
        curves,
        overlays: Vec::new(),
        bands: Vec::new(),
        fill_curves: false,
        legend: Legend::LowerRight,
        size: (800, 600),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use muforce::experiment::scan::{
        envelope, study_lines, ExperimentSource, ScanOutput, ScanRow, Study,
    };
    use muforce::experiment::vary::Shard;
    use muforce::reach::{LimitKind, ReachRow};

    /// Two fields (2 × 2 designs), masses 0.001, 0.01, 0.1 GeV, two scenarios; design d
    /// excludes g > d·m (nothing for scenario B at 0.1 GeV).
    fn output() -> ScanOutput {
        let source = ExperimentSource::builtin("na64mu").unwrap();
        let specs = [
            "target.length_cm=10:100:2log".to_string(),
            "production.e_out_max_gev=60,100".to_string(),
        ];
        let study = Study::new(&source, &specs, None, Shard::WHOLE).unwrap();
        let mut rows = Vec::new();
        for d in study.all_designs() {
            for scenario in ["A", "B"] {
                for m in [0.001, 0.01, 0.1] {
                    let excluded = !(scenario == "B" && m == 0.1);
                    let row = ReachRow {
                        experiment: "na64mu".into(),
                        model: "lmu-ltau".into(),
                        scenario: scenario.into(),
                        mass_gev: m,
                        coupling_low: excluded.then_some(d.number as f64 * m),
                        coupling_high: None,
                        limit: LimitKind::Expected,
                    };
                    rows.push(ScanRow::new(d.number, &d.values, row));
                }
            }
        }
        ScanOutput {
            provenance: study_lines(&study),
            study,
            designs: Vec::new(),
            rows,
        }
    }

    #[test]
    fn masses_lines_and_envelope_curves() {
        let out = output();
        // The middle of 0.001 … 0.1 is 0.01; 0.03 is nearer 0.01 than 0.1 in log mass.
        assert_eq!(figure_masses(&out, &[]), vec![0.01]);
        assert_eq!(figure_masses(&out, &[0.03, 0.2, 0.1]), vec![0.01, 0.1]);
        let figure = parameter_figure(&out, &[0.01, 0.1]).unwrap();
        // 2 scenarios × 2 masses × 2 values of the second field, less the 2 lines of
        // scenario B at 0.1 GeV, where nothing is excluded; the log range on a log axis.
        assert_eq!(figure.series.len(), 6);
        assert_eq!(figure.x_label, "target.length_cm");
        assert!(figure.x_log);
        let a = &figure.series[0];
        assert_eq!(a.label, "A, m = 0.01 GeV, production.e_out_max_gev = 60");
        assert_eq!(a.points, vec![(10.0, 0.01), (100.0, 0.03)]);
        assert!(figure.series.iter().all(|s| !s.points.is_empty()));
        let env = envelope_figure(&out, &envelope(&out)).unwrap();
        assert_eq!(env.curves.len(), 2);
        // Design 1 is the best everywhere: g = m.
        assert_eq!(env.curves[0].points[2], (0.1, 0.1, None));
        assert_eq!(env.curves[1].points.len(), 2);
        // The heat map at 0.01 GeV (scenario A): columns the lengths, rows the cuts.
        let map = heat_map_figure(&out, 0.01).unwrap();
        assert_eq!(map.x_values, vec![10.0, 100.0]);
        assert_eq!(map.y_values, vec![60.0, 100.0]);
        // Design 1 = (10, 60), 2 = (10, 100), 3 = (100, 60), 4 = (100, 100); g = d m.
        assert_eq!(
            map.cells,
            vec![vec![Some(0.01), Some(0.03)], vec![Some(0.02), Some(0.04)]]
        );
        assert!(map.title.contains("A, m = 0.01 GeV"));
        // Scenario A excludes at 0.1 GeV too: a map.
        assert!(heat_map_figure(&out, 0.1).is_some());
        let dir = std::env::temp_dir().join(format!("muforce-heat-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        map.render(&dir.join("h.svg")).unwrap();
        let svg = std::fs::read_to_string(dir.join("h.svg")).unwrap();
        assert!(svg.contains("4.00e-2") && svg.contains("production.e_out_max_gev"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
