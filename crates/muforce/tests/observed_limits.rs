//! Observed limits (scenarios with data) and the expected bands of the kaon family, each
//! checked against an independent statement: the Asimov property of the asymptotic formulas
//! (CCGV, EPJC 71 (2011) 1554, §3.2: the limit on the Asimov data set is the median expected
//! limit), the PDG classical Poisson limit (Eq. 40.76, via the χ² quantile), and the
//! binning rules of the observed histogram.

use muforce::experiment::{builtin_description, Description};
use muforce::kaon::{
    reach_table_with, InvisibleSearch, KaonExperiment, KaonModel, KaonSearch, ObservedHistogram,
    LIKELIHOOD_CRITERION,
};
use muforce::reach::LimitKind;
use muforce::stats::BinnedLikelihood;

fn na62() -> KaonExperiment {
    match builtin_description("na62").unwrap() {
        Description::Kaon(e) => *e,
        _ => unreachable!("na62 is a kaon experiment"),
    }
}

fn invisible(e: &KaonExperiment, name: &str) -> InvisibleSearch {
    let s = e.scenarios.iter().find(|s| s.name == name).unwrap();
    match &s.search {
        KaonSearch::Invisible(i, _) => *i,
        KaonSearch::Visible(_) => unreachable!("{name} is invisible"),
    }
}

/// Observed = the expected background in every bin (the Asimov data set): the observed limit
/// is the median expected limit of the same binning (CCGV §3.2), to the solver's precision.
#[test]
fn observed_limit_on_asimov_data_is_the_median_expected_limit() {
    let e = na62();
    let search = invisible(&e, "invisible-2015");
    for (model, m_x) in [(KaonModel::LmuLtau, 0.01), (KaonModel::MuonScalar, 0.2)] {
        let (first, counts) = search.data_counts(model, m_x).unwrap();
        let edges = search.data_bin_edges().unwrap();
        let mut expected_all = vec![0.0; edges.len() - 1];
        expected_all[first..].copy_from_slice(&counts.background_bins);
        let asimov = ObservedHistogram {
            source: "asimov".into(),
            provenance: vec![],
            edges,
            counts: expected_all,
        };
        let observed = search
            .observed_likelihood_limit(model, m_x, &asimov)
            .unwrap();
        let bands = search.likelihood_bands(model, m_x, true).unwrap();
        assert!(
            (observed / bands[2] - 1.0).abs() < 1e-7,
            "{model:?} {m_x}: observed {observed} vs median {}",
            bands[2]
        );
        // The window binning's band 0 is the reach table's expected limit.
        let window = search.likelihood_bands(model, m_x, false).unwrap();
        let expected = search.likelihood_limit(model, m_x).unwrap();
        assert!((window[2] / expected - 1.0).abs() < 1e-9);
        assert!(window.windows(2).all(|w| w[0] <= w[1]), "{window:?}");
    }
}

/// A downward fluctuation strengthens the observed limit, an upward one weakens it, and the
/// likelihood the observed limit uses is the one a `BinnedLikelihood` of the same numbers
/// gives (same bins, same κ).
#[test]
fn observed_limit_follows_the_data() {
    let e = na62();
    let search = invisible(&e, "invisible-2015");
    let (model, m_x) = (KaonModel::LmuLtau, 0.05);
    let (first, counts) = search.data_counts(model, m_x).unwrap();
    let edges = search.data_bin_edges().unwrap();
    let limit_for = |scale: f64| {
        let mut n = vec![0.0; edges.len() - 1];
        for (k, b) in counts.background_bins.iter().enumerate() {
            n[first + k] = (b * scale).round();
        }
        let h = ObservedHistogram {
            source: "t".into(),
            provenance: vec![],
            edges: edges.clone(),
            counts: n.clone(),
        };
        let direct = BinnedLikelihood::new(
            counts.signal_bins.clone(),
            counts.background_bins.clone(),
            n[first..].to_vec(),
        )
        .unwrap()
        .upper_limit(LIKELIHOOD_CRITERION, 0.95)
        .unwrap()
        .sqrt();
        let g = search.observed_likelihood_limit(model, m_x, &h).unwrap();
        assert!((g / direct - 1.0).abs() < 1e-12);
        g
    };
    assert!(limit_for(0.8) < limit_for(1.0) && limit_for(1.0) < limit_for(1.2));
}

/// The built-in NA62 file: the pseudo-data scenario's rows are observed, every other row
/// expected; bands exist for every scenario but the cut and count, and their band 0 is the
/// expected row.
#[test]
fn na62_table_marks_observed_rows_and_bands_match_the_median() {
    let mut e = na62();
    e.models = vec![KaonModel::LmuLtau];
    e.masses_gev = vec![0.01, 0.25];
    let (table, bands) = reach_table_with(&e, true, &|| {}).unwrap();
    let bands = bands.unwrap();
    for r in &table.rows {
        let want = if r.scenario == "invisible-2015-pseudo-data" {
            LimitKind::Observed
        } else {
            LimitKind::Expected
        };
        assert_eq!(r.limit, want, "{}", r.scenario);
        let median = bands
            .rows
            .iter()
            .find(|b| b.band == 0 && b.row.scenario == r.scenario && b.row.mass_gev == r.mass_gev);
        match (r.scenario.as_str(), median) {
            ("invisible-cut-count-kappa=1e-3", None) | ("invisible-2015-pseudo-data", Some(_)) => {}
            (_, Some(b)) => {
                let (band, row) = (b.row.coupling_low, r.coupling_low);
                // Equal up to the coupling solver's tolerance (the median is found on the
                // Asimov data set through another root-finding path).
                let same = match (band, row) {
                    (Some(x), Some(y)) => (x / y - 1.0).abs() < 1e-9,
                    (x, y) => x == y,
                };
                assert!(same, "{}: {band:?} vs {row:?}", r.scenario);
            }
            (s, None) => panic!("no band 0 for {s}"),
        }
    }
}

/// Bad observed histograms in an experiment file: the error names the field and what is
/// wrong (binning, fractional counts, a statistic without binned data).
#[test]
fn bad_observed_histograms_are_named() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../experiments/na62.toml"
    ))
    .unwrap();
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/kaon/na62_invisible_2015_pseudo_data.csv"
    ))
    .unwrap();
    let parse = |toml: &str, csv: &str| {
        let csv = csv.to_string();
        Description::from_toml_with_files("na62.toml", toml, &|p| Ok((p.to_string(), csv.clone())))
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    let rebinned = text.replace("bins = 20", "bins = 10");
    let e = parse(&rebinned, &shipped);
    assert!(
        e.contains("scenario.observed_histogram") && e.contains("20 bins"),
        "{e}"
    );
    let fractional = shipped.replacen(",111", ",111.5", 1);
    let e = parse(&text, &fractional);
    assert!(e.contains("whole number"), "{e}");
    let cut_and_count = text.replace(
        "observed_histogram = \"../data/kaon/na62_invisible_2015_pseudo_data.csv\"",
        "observed_histogram = \"../data/kaon/na62_invisible_2015_pseudo_data.csv\"\nkappa = 0.1",
    );
    assert!(parse(&cut_and_count.replacen(
        "name = \"invisible-2015-pseudo-data\"\nsearch = \"invisible\"\nstatistic = \"likelihood\"",
        "name = \"invisible-2015-pseudo-data\"\nsearch = \"invisible\"\nstatistic = \"cut-and-count\"",
        1
    ), &shipped)
    .contains("only read for statistic = \"likelihood\""));
}

/// Beam dump: a projection's limit is the limit at the median background-only count. The
/// median of Poisson(10) is 10 (for integer λ the median is λ), so NA64μ's Phase II
/// projection (background 10) equals the same scenario observing 10 events, and only that
/// row is marked observed; the 2022 data scenario is observed.
#[test]
fn beam_dump_projection_is_the_median_count_limit() {
    use muforce::experiment::beam_dump::scan;
    let Description::BeamDump(mut e) = builtin_description("na64mu").unwrap() else {
        unreachable!("na64mu is a beam dump")
    };
    e.masses_gev = vec![0.01, 0.1];
    let projected = scan(&e, &|| {}).unwrap().table;
    let phase2 = e
        .scenarios
        .iter()
        .position(|s| s.name == "MOT=1e13")
        .unwrap();
    assert_eq!(e.scenarios[phase2].statistics.observed, None);
    e.scenarios[phase2].statistics.observed = Some(10);
    let observed = scan(&e, &|| {}).unwrap().table;
    for (p, o) in projected.rows.iter().zip(&observed.rows) {
        assert_eq!(p.coupling_low, o.coupling_low);
        let data = p.scenario.starts_with("data-2024") || p.scenario == "MOT=1e13";
        assert_eq!(o.limit == LimitKind::Observed, data, "{}", o.scenario);
        assert_eq!(
            p.limit == LimitKind::Observed,
            p.scenario.starts_with("data-2024")
        );
    }
}

/// Bands asked of an experiment whose every scenario is the slides' cut and count (a
/// significance formula, no distribution of the limit): an error naming `bands`.
#[test]
fn bands_of_cut_and_count_only_are_refused() {
    let mut e = na62();
    e.scenarios
        .retain(|s| s.name == "invisible-cut-count-kappa=1e-3");
    e.masses_gev = vec![0.01];
    let err = reach_table_with(&e, true, &|| {}).unwrap_err().to_string();
    assert!(err.contains("bands") && err.contains("cut"), "{err}");
    assert!(reach_table_with(&e, false, &|| {}).is_ok());
}
