use super::*;
use crate::experiment::vary::Shard;
use crate::reach::{LimitKind, ReachRow};

fn na64mu() -> ExperimentSource {
    ExperimentSource::builtin("na64mu").unwrap()
}

/// A study of two fields, 2 × 3 designs, without running anything.
fn study(shard: Shard) -> Study {
    Study::new(
        &na64mu(),
        &[
            "production.e_out_max_gev=60,100".into(),
            "scenario.MOT=1e11.muons=1e10:1e12:3log".into(),
        ],
        Some(vec![0.1, 0.01]),
        shard,
    )
    .unwrap()
}

/// Synthetic rows: design d at mass m has coupling_low `g(d, m)` (None where `g` is None).
fn output(study: &Study, g: impl Fn(usize, f64) -> Option<f64>) -> ScanOutput {
    let mut designs = Vec::new();
    let mut rows = Vec::new();
    for d in study.shard_designs() {
        for &m in &[0.01, 0.1] {
            let row = ReachRow {
                experiment: "na64mu".into(),
                model: "lmu-ltau".into(),
                scenario: "MOT=1e11".into(),
                mass_gev: m,
                coupling_low: g(d.number, m),
                coupling_high: None,
                limit: LimitKind::Expected,
            };
            rows.push(ScanRow::new(d.number, &d.values, row));
        }
        designs.push(DesignRecord {
            design: d.number,
            parameters: d.values.clone(),
            provenance: vec![format!("design {}", d.number)],
        });
    }
    ScanOutput {
        provenance: study_lines(study),
        study: study.clone(),
        designs,
        rows,
    }
}

fn coupling(d: usize, m: f64) -> Option<f64> {
    // Design 4 excludes nothing at 0.1 GeV; the others 1e-3/d (design 6 best) with a tie of
    // designs 2 and 5 at 0.01 GeV.
    match (d, m) {
        (4, 0.1) => None,
        (2 | 5, 0.01) => Some(1e-5),
        _ => Some(1e-3 / d as f64),
    }
}

#[test]
fn designs_are_the_product_first_key_slowest() {
    let s = study(Shard::WHOLE);
    assert_eq!(s.designs, 6);
    let all = s.all_designs();
    assert_eq!(all[0].values, vec![60.0, 1e10]);
    assert_eq!(all[2].values, vec![60.0, 1e12]);
    assert_eq!(all[3].values, vec![100.0, 1e10]);
    assert_eq!(all[5].number, 6);
    // --masses are sorted.
    assert_eq!(s.masses_gev, Some(vec![0.01, 0.1]));
}

#[test]
fn a_design_is_the_hand_edited_file() {
    let source = na64mu();
    let s = study(Shard::WHOLE);
    let design = &s.all_designs()[4]; // 100 GeV, 1e11 muons
    let got = s.description(&source, design).unwrap();
    let text = source
        .text
        .replace("e_out_max_gev = 80.0", "e_out_max_gev = 100.0")
        .replace("muons = 1e11", "muons = 100000000000.0");
    let mut by_hand = source.parse("hand", &text).unwrap();
    by_hand = with_masses(by_hand, &[0.01, 0.1]).unwrap();
    assert_eq!(got, by_hand);
}

#[test]
fn bad_input_names_the_field() {
    let source = na64mu();
    let err = |specs: &[&str], masses: Option<Vec<f64>>| {
        let specs: Vec<String> = specs.iter().map(|s| (*s).to_string()).collect();
        Study::new(&source, &specs, masses, Shard::WHOLE)
            .and_then(|s| PreparedScan::new(s, &source))
            .unwrap_err()
            .to_string()
    };
    // An unknown key lists this family's numeric fields.
    let e = err(&["beam.energy=100"], None);
    assert!(
        e.contains("beam.energy_gev") && e.contains("production.e_out_max_gev"),
        "{e}"
    );
    let e = err(&["beam.energy_gev=100", "beam.energy_gev=50"], None);
    assert!(e.contains("each field once"), "{e}");
    let e = err(
        &["scenario.MOT=1e11.muons=1e10", "scenario.0.muons=1e12"],
        None,
    );
    assert!(
        e.contains("scenario.MOT=1e11.muons is the same field"),
        "{e}"
    );
    let e = err(&["beam.energy_gev=100:50:3lin"], None);
    assert!(e.contains("empty range"), "{e}");
    let e = err(
        &[
            "beam.energy_gev=1:2:1000lin",
            "production.e_out_max_gev=1:2:1000lin",
            "production.x_min=0:0.1:1000lin",
        ],
        None,
    );
    assert!(e.contains("1000 x 1000 x 1000 designs"), "{e}");
    let e = err(&[], None);
    assert!(e.contains("--vary"), "{e}");
    // A value the file's validation refuses fails as the edited file, naming the design.
    let e = err(&["beam.energy_gev=160,-5"], None);
    assert!(e.contains("design 2 (beam.energy_gev = -5)"), "{e}");
    assert!(e.contains("beam.energy_gev"), "{e}");
    // --masses outside the file's mass range (1e-3 … 1 GeV).
    let e = err(&["beam.energy_gev=160"], Some(vec![0.1, 3.0]));
    assert!(
        e.contains("--masses = 3") && e.contains("0.001 … 1 GeV"),
        "{e}"
    );
    let e = err(&["beam.energy_gev=160"], Some(vec![f64::NAN]));
    assert!(e.contains("--masses"), "{e}");
}

#[test]
fn envelope_is_the_minimum_over_designs() {
    let s = study(Shard::WHOLE);
    let out = output(&s, coupling);
    let env = envelope(&out);
    assert_eq!(env.rows.len(), 2);
    let at = |m: f64| env.rows.iter().find(|r| r.mass_gev == m).unwrap();
    // 0.01 GeV: the tie 1e-5 of designs 2 and 5 beats 1e-3/6; the first design wins a tie.
    let (g, d, p) = at(0.01).best.clone().unwrap();
    assert_eq!((g, d), (1e-5, 2));
    assert_eq!(p, vec![60.0, 1e11]);
    // 0.1 GeV: 1e-3/6 of design 6; design 4's "nothing excluded" is skipped.
    let (g, d, _) = at(0.1).best.clone().unwrap();
    assert_eq!((g, d), (1e-3 / 6.0, 6));
    // The minimum, checked against every row.
    for r in &env.rows {
        let min = out
            .rows
            .iter()
            .filter(|x| x.mass_gev == r.mass_gev)
            .filter_map(|x| x.coupling_low)
            .fold(f64::INFINITY, f64::min);
        assert_eq!(r.best.as_ref().unwrap().0, min);
    }
    // Where no design excludes anything the row has empty cells.
    let none = envelope(&output(&s, |_, _| None));
    assert!(none.rows.iter().all(|r| r.best.is_none()));
    let csv = none.to_csv();
    assert!(
        csv.contains("na64mu,lmu-ltau,MOT=1e11,1.000000e-2,,,,\n"),
        "{csv}"
    );
    let csv = env.to_csv();
    assert!(
        csv.contains("na64mu,lmu-ltau,MOT=1e11,1.000000e-2,1.000000e-5,2,60,100000000000\n"),
        "{csv}"
    );
}

#[test]
fn merged_shards_equal_the_whole_byte_for_byte() {
    let whole = output(&study(Shard::WHOLE), coupling);
    let parts: Vec<(String, ScanOutput)> = (1..=4)
        .rev()
        .map(|i| {
            let shard = Shard { index: i, count: 4 };
            (format!("part{i}"), output(&study(shard), coupling))
        })
        .collect();
    // Through the JSON text, as merge reads the files.
    let reread: Vec<(String, ScanOutput)> = parts
        .iter()
        .map(|(l, o)| {
            (
                l.clone(),
                ScanOutput::from_json(l, &o.to_json().unwrap()).unwrap(),
            )
        })
        .collect();
    let merged = merge(&reread).unwrap();
    assert_eq!(merged.to_json().unwrap(), whole.to_json().unwrap());
    assert_eq!(merged.to_csv(), whole.to_csv());
    assert_eq!(envelope(&merged).to_csv(), envelope(&whole).to_csv());

    // Repeated, missing, foreign and tampered shards are errors.
    let err = |shards: Vec<(String, ScanOutput)>| merge(&shards).unwrap_err().to_string();
    let mut twice = parts.clone();
    twice.push(("again".into(), parts[0].1.clone()));
    assert!(err(twice).contains("do not overlap"));
    let e = err(parts[1..].to_vec());
    assert!(e.contains("missing 4/4"), "{e}");
    let mut other_n = parts.clone();
    other_n[0] = (
        "n3".into(),
        output(&study(Shard { index: 3, count: 3 }), coupling),
    );
    assert!(err(other_n).contains("number of shards N"));
    let mut other_text = parts.clone();
    other_text[2].1.study.text_fnv1a64 = "0".repeat(16);
    assert!(err(other_text).contains("experiment text"));
    let mut other_vary = parts.clone();
    other_vary[2].1.study.vary[0].spec = "60,101".into();
    assert!(err(other_vary).contains("varied fields"));
    let mut tampered = parts.clone();
    tampered[0].1.designs.pop();
    assert!(err(tampered).contains("must hold designs"));
    assert!(err(Vec::new()).contains("one or more"));
}

#[test]
fn json_round_trip_keeps_every_bit() {
    let s = study(Shard { index: 2, count: 3 });
    let out = output(&s, |d, m| Some(0.1 * m / (d as f64 + 0.3)));
    let back = ScanOutput::from_json("t", &out.to_json().unwrap()).unwrap();
    assert_eq!(back, out);
    assert!(ScanOutput::from_json("t", "{}").is_err());
}

#[test]
fn designs_differing_in_analysis_share_production_and_equal_separate_scans() {
    let source = na64mu();
    let specs = [
        "scenario.MOT=1e11.muons=1e10,1e12".to_string(),
        "analysis.confidence_level=0.9,0.95".to_string(),
    ];
    let study = Study::new(&source, &specs, Some(vec![0.01, 0.1]), Shard::WHOLE).unwrap();
    let prepared = PreparedScan::new(study.clone(), &source).unwrap();
    let (output, shared) = prepared.run(&|| {}).unwrap();
    // One production for the four designs: none of the varied fields enters it.
    assert_eq!((shared.made, shared.reused), (1, 3));
    for design in study.all_designs() {
        // Each design scanned on its own, without shared tables.
        let alone = reach_table(&study.description(&source, &design).unwrap(), &|| {}).unwrap();
        let ours: Vec<ReachRow> = output
            .rows
            .iter()
            .filter(|r| r.design == design.number)
            .map(ScanRow::reach_row)
            .collect();
        assert_eq!(ours, alone.rows, "design {}", design.number);
    }
    // A production field varied: no sharing.
    let specs = ["production.e_out_max_gev=60,100".to_string()];
    let study = Study::new(&source, &specs, Some(vec![0.1]), Shard::WHOLE).unwrap();
    let (_, shared) = PreparedScan::new(study, &source)
        .unwrap()
        .run(&|| {})
        .unwrap();
    assert_eq!((shared.made, shared.reused), (2, 0));
}

#[test]
fn production_tables_of_another_setup_are_refused() {
    use crate::experiment::beam_dump::{scan_with_tables, ProductionTables};
    let source = na64mu();
    let specs = ["production.e_out_max_gev=60,100".to_string()];
    let study = Study::new(&source, &specs, Some(vec![0.1]), Shard::WHOLE).unwrap();
    let designs = study.all_designs();
    let dump = |d: &Design| match study.description(&source, d).unwrap() {
        crate::experiment::Description::BeamDump(e) => *e,
        _ => unreachable!("na64mu is a beam dump"),
    };
    let (a, b) = (dump(&designs[0]), dump(&designs[1]));
    let tables = ProductionTables::new(&a).unwrap();
    assert!(tables.serve(&a) && !tables.serve(&b));
    assert!(scan_with_tables(&b, &tables, false, &|| {}).is_err());
}

#[test]
fn missing_momentum_designs_differing_in_analysis_share_signals() {
    let source = ExperimentSource::builtin("atlas-hllhc").unwrap();
    let specs = [
        "source.luminosity_inv_fb=1000,3000".to_string(),
        "analysis.confidence_level=0.9,0.95".to_string(),
    ];
    let study = Study::new(&source, &specs, Some(vec![0.1]), Shard::WHOLE).unwrap();
    let (output, shared) = PreparedScan::new(study.clone(), &source)
        .unwrap()
        .run(&|| {})
        .unwrap();
    assert_eq!((shared.made, shared.reused), (1, 3));
    for design in study.all_designs() {
        let alone = reach_table(&study.description(&source, &design).unwrap(), &|| {}).unwrap();
        let ours: Vec<ReachRow> = output
            .rows
            .iter()
            .filter(|r| r.design == design.number)
            .map(ScanRow::reach_row)
            .collect();
        assert_eq!(ours, alone.rows, "design {}", design.number);
    }
    // The cut changes the signal: no sharing, and the signals of one refuse the other.
    let specs = ["selection.p_out_min_gev=10,20".to_string()];
    let study = Study::new(&source, &specs, Some(vec![0.1]), Shard::WHOLE).unwrap();
    let (_, shared) = PreparedScan::new(study, &source)
        .unwrap()
        .run(&|| {})
        .unwrap();
    assert_eq!((shared.made, shared.reused), (2, 0));
}
