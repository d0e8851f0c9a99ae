//! Experiment files: the built-in one parses to GKSST's numbers; bad files name field and line.

use super::*;

const TEXT: &str = include_str!("../../../../../experiments/atlas_hllhc.toml");

fn parse(text: &str) -> crate::Result<Experiment> {
    Experiment::from_toml("bad.toml", text, &|_| {
        MomentumSpectrum::new(vec![20.0, 60.0], vec![1.0])
    })
}

/// Line (from 1) of the first line of TEXT containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// The shipped file: GKSST's inputs (Eq. 4, 7–10, S2) as documented in it.
#[test]
fn builtin_atlas_file() {
    let e = builtin("atlas-hllhc").unwrap();
    assert_eq!(e.name, "atlas");
    assert_eq!(e.target.length_cm, 253.0);
    assert_eq!(e.target.material.name, "copper-63");
    assert_eq!(e.method, Method::Exact);
    assert_eq!((e.cuts.theta_max, e.cuts.p_out_min), (0.1, 5.0));
    // 3 ab⁻¹ × 0.39 nb = 1.17e9 Z muons, × 3.5 nb = 1.05e10 W muons.
    assert!((e.sample("Z").unwrap().muons(3000.0) / 1.17e9 - 1.0).abs() < 1e-12);
    assert!((e.sample("W").unwrap().muons(3000.0) / 1.05e10 - 1.0).abs() < 1e-12);
    let names: Vec<&str> = e.scenarios.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Z/A", "Z/B", "Z+W/A", "Z+W/B"]);
    assert_eq!(e.analysis.masses_gev.len(), 41);
    assert!((e.analysis.masses_gev[0] - 1e-3).abs() < 1e-15);
    assert!((e.analysis.masses_gev[40] - 10.0).abs() < 1e-12);
    assert_eq!(e.backgrounds[0].resolution.norm(), 1.005);
    assert_eq!(e.g2_era.name, "e821-2006");
    assert!(builtin("na64")
        .unwrap_err()
        .to_string()
        .contains("atlas-hllhc"));
    assert_eq!(parse(TEXT).unwrap().target.length_cm, 253.0);
}

/// Each broken file gives an error naming the field and the line where it is.
#[test]
fn bad_files_name_field_and_line() {
    let cases: Vec<(String, &str, usize)> = vec![
        // Negative length.
        (
            TEXT.replace("length_cm = 253.0", "length_cm = -253.0"),
            "target.length_cm",
            line_of(TEXT, "length_cm = 253.0"),
        ),
        // Unknown material.
        (
            TEXT.replace("material = \"copper-63\"", "material = \"unobtainium\""),
            "target.material",
            line_of(TEXT, "material = \"copper-63\""),
        ),
        // Empty mass range.
        (
            TEXT.replace("mass_max_gev = 10.0", "mass_max_gev = 1e-3"),
            "analysis.mass_max_gev",
            line_of(TEXT, "mass_max_gev = 10.0"),
        ),
        // Wrong type.
        (
            TEXT.replace("bins = 100", "bins = \"many\""),
            "bins",
            line_of(TEXT, "bins = 100"),
        ),
        // Unknown method and unknown background of a scenario.
        (
            TEXT.replace("method = \"exact\"", "method = \"guess\""),
            "production.method",
            line_of(TEXT, "method = \"exact\""),
        ),
        (
            TEXT.replacen("background = \"A\"", "background = \"C\"", 1),
            "scenario.background",
            line_of(TEXT, "background = \"A\""),
        ),
        // Unknown field.
        (
            TEXT.replace("p_out_min_gev = 5.0", "p_out_min_gev = 5.0\np_min = 5.0"),
            "p_min",
            line_of(TEXT, "p_out_min_gev = 5.0") + 1,
        ),
    ];
    for (text, field, line) in cases {
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("bad.toml: line {line},")) && err.contains(field),
            "expected line {line} and field {field}: {err}"
        );
    }
    // Missing field: serde names it; the line is that of its table.
    let text = TEXT.replace("length_cm = 253.0\n", "");
    let err = parse(&text).unwrap_err().to_string();
    let table_line = line_of(TEXT, "[target]");
    assert!(
        err.contains("missing field `length_cm`")
            && err.starts_with(&format!("bad.toml: line {table_line},")),
        "{err}"
    );
}

const DUMP: &str = include_str!("../../../../../experiments/na64_dump.toml");

fn parse_dump(text: &str) -> crate::Result<Description> {
    Description::from_toml("dump.toml", text, &|_| {
        MomentumSpectrum::new(vec![20.0, 60.0], vec![1.0])
    })
}

/// Beam-dump files: the family chooses the schema; bad values name field and line.
#[test]
fn beam_dump_files() {
    let Description::BeamDump(d) = builtin_description("na64-dump").unwrap() else {
        panic!("na64-dump is a beam dump")
    };
    assert_eq!(d.setup.beam_energy_gev, 160.0);
    assert_eq!(d.setup.decay.length_m, f64::INFINITY);
    assert!(matches!(
        builtin_description("fermilab-dump").unwrap(),
        Description::BeamDump(_)
    ));
    assert!(matches!(
        builtin_description("atlas-hllhc").unwrap(),
        Description::MissingMomentum(_)
    ));
    assert!(builtin("na64-dump")
        .unwrap_err()
        .to_string()
        .contains("beam-dump"));
    let cases = [
        (
            "energy_loss = \"constant\"",
            "energy_loss = \"linear\"",
            "target.energy_loss",
        ),
        ("length_m = inf", "length_m = -1.0", "decay.length_m"),
        ("x_min = 0.333", "x_min = 1.5", "production.x_min"),
        ("muons = 8e12", "muons = \"many\"", "muons"),
        (
            "models = [\"mass",
            "models = [\"axion\", \"mass",
            "analysis.models",
        ),
        ("start_m = 5.0", "width_m = 1.0\nstart_m = 5.0", "width_m"),
    ];
    for (needle, replacement, field) in cases {
        let line = line_of(DUMP, needle);
        let text = DUMP.replacen(needle, replacement, 1);
        let e = parse_dump(&text).unwrap_err().to_string();
        assert!(e.contains(&format!("line {line}")), "{needle}: {e}");
        assert!(e.contains(field), "{needle}: {e}");
        assert!(e.contains("dump.toml"), "{e}");
    }
    let text = DUMP.replacen("family = \"beam-dump\"", "family = \"dump\"", 1);
    let e = parse_dump(&text).unwrap_err().to_string();
    assert!(
        e.contains("beam-dump") && e.contains("experiment.family"),
        "{e}"
    );
}

/// The invisible variant (experiments/na64mu.toml): `decay.signal`, `e_out_max_gev` and the
/// scenario efficiency are checked with their line.
#[test]
fn invisible_beam_dump_files() {
    let text = include_str!("../../../../../experiments/na64mu.toml");
    let Description::BeamDump(d) = parse_dump(text).unwrap() else {
        panic!("na64mu is a beam dump")
    };
    assert!(d.setup.invisible);
    assert_eq!(d.setup.e_out_max_gev, Some(80.0));
    let names: Vec<&str> = d.scenarios.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["MOT=1e11", "MOT=1e13", "data-2024 (eff=1 assumed)"]);
    let cases = [
        (
            "signal = \"invisible\"",
            "signal = \"dark\"",
            "decay.signal",
        ),
        (
            "e_out_max_gev = 80.0",
            "e_out_max_gev = 200.0",
            "production.e_out_max_gev",
        ),
        (
            "efficiency = 1.0",
            "efficiency = 1.5",
            "scenario.efficiency",
        ),
    ];
    for (needle, replacement, field) in cases {
        let line = line_of(text, needle);
        let bad = text.replacen(needle, replacement, 1);
        let e = parse_dump(&bad).unwrap_err().to_string();
        assert!(
            e.contains(&format!("line {line}")) && e.contains(field),
            "{needle}: {e}"
        );
    }
}
