//! Observed m²_miss histograms of the invisible search: the data of a kaon scenario, read from
//! a CSV file `m2_low_gev2,m2_high_gev2,observed` (one row per bin, `#` comment lines first)
//! whose bins must be the analysis's fixed binning
//! ([`super::InvisibleSearch::data_bin_edges`]).

use super::search::InvisibleSearch;
use crate::error::{Error, Result};
use std::fmt::Write;

/// The CSV header of an observed histogram.
pub const OBSERVED_HEADER: &str = "m2_low_gev2,m2_high_gev2,observed";

/// Relative tolerance of the bin-edge comparison (the edges are written with 12 digits).
const EDGE_TOLERANCE: f64 = 1e-9;

/// Observed counts per m²_miss bin.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedHistogram {
    /// Where the counts were read (file name), for errors and provenance.
    pub source: String,
    /// Comment lines of the file (its provenance).
    pub provenance: Vec<String>,
    /// Bin edges in GeV², ascending, one more than the counts.
    pub edges: Vec<f64>,
    /// Observed events per bin: whole numbers ≥ 0.
    pub counts: Vec<f64>,
}

impl ObservedHistogram {
    /// Parses the CSV text; bins must be contiguous and ascending, counts whole numbers ≥ 0.
    pub fn from_csv(source_name: &str, text: &str) -> Result<Self> {
        let err = |line: usize, message: String| Error::Parse {
            source_name: source_name.to_string(),
            message: format!("line {line}: {message}"),
        };
        let mut provenance = Vec::new();
        let mut header_seen = false;
        let mut edges: Vec<f64> = Vec::new();
        let mut counts = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(comment) = line.strip_prefix('#') {
                provenance.push(comment.trim().to_string());
                continue;
            }
            if !header_seen {
                if line != OBSERVED_HEADER {
                    return Err(err(
                        i + 1,
                        format!("expected the header '{OBSERVED_HEADER}'"),
                    ));
                }
                header_seen = true;
                continue;
            }
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            if f.len() != 3 {
                return Err(err(i + 1, format!("expected 3 columns, found {}", f.len())));
            }
            let number = |s: &str, name: &str| -> Result<f64> {
                s.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| err(i + 1, format!("{name} '{s}' is not a finite number")))
            };
            let (lo, hi, n) = (
                number(f[0], "m2_low_gev2")?,
                number(f[1], "m2_high_gev2")?,
                number(f[2], "observed")?,
            );
            if hi <= lo {
                return Err(err(
                    i + 1,
                    format!("m2_high_gev2 = {hi} must lie above m2_low_gev2 = {lo}"),
                ));
            }
            match edges.last() {
                None => edges.push(lo),
                Some(&last) if (lo - last).abs() <= EDGE_TOLERANCE * last.abs().max(1e-12) => {}
                Some(&last) => {
                    return Err(err(
                        i + 1,
                        format!("m2_low_gev2 = {lo} must equal the previous bin's upper edge {last} (contiguous bins)"),
                    ))
                }
            }
            if !(n >= 0.0 && n.fract() == 0.0 && n <= crate::stats::MAX_CLASSICAL_COUNT) {
                return Err(err(
                    i + 1,
                    format!("observed = {n} must be a whole number of events in [0, 1e9]"),
                ));
            }
            edges.push(hi);
            counts.push(n);
        }
        if counts.is_empty() {
            return Err(err(
                0,
                format!("no bins after the header '{OBSERVED_HEADER}'"),
            ));
        }
        Ok(ObservedHistogram {
            source: source_name.to_string(),
            provenance,
            edges,
            counts,
        })
    }

    /// Checks that the histogram has exactly the analysis's bins `edges`; the error names the
    /// file, the number of bins and the first edge that differs.
    pub fn check_binning(&self, edges: &[f64]) -> Result<()> {
        let wrong = |what: String| {
            Error::out_of_range(
                format!("observed histogram {}", self.source),
                what,
                format!(
                    "must have the analysis's {} equal m_miss^2 bins from {} to {} GeV^2 (invisible.m2_lower_gev2 to (m_K - m_mu)^2, invisible.bins)",
                    edges.len() - 1,
                    edges[0],
                    edges[edges.len() - 1]
                ),
            )
        };
        if self.edges.len() != edges.len() {
            return Err(wrong(format!("{} bins", self.counts.len())));
        }
        for (k, (a, b)) in self.edges.iter().zip(edges).enumerate() {
            if (a - b).abs() > EDGE_TOLERANCE * b.abs().max(1e-12) {
                return Err(wrong(format!("edge {k} = {a} (expected {b})")));
            }
        }
        Ok(())
    }

    /// The CSV text of a histogram with the given provenance lines.
    pub fn to_csv(provenance: &[String], edges: &[f64], counts: &[f64]) -> String {
        let mut out = String::new();
        for line in provenance {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "{OBSERVED_HEADER}");
        for (k, n) in counts.iter().enumerate() {
            let _ = writeln!(out, "{:.12e},{:.12e},{n}", edges[k], edges[k + 1]);
        }
        out
    }
}

/// Background-only pseudo-data of an invisible search: Poisson counts (rand_distr's sampler,
/// Pcg64 seeded with `seed`, bins in order) around the expected background of each bin of
/// the fixed data binning ([`InvisibleSearch::data_bin_edges`]). Not a measurement: it stands
/// for a data set of that exposure, to exercise the observed-limit path.
pub fn pseudo_data(
    search: &InvisibleSearch,
    seed: u64,
    provenance: Vec<String>,
) -> Result<ObservedHistogram> {
    use rand::SeedableRng;
    use rand_distr::{Distribution, Poisson};
    let edges = search.data_bin_edges()?;
    let n_eff = search.exposure.effective_kaons();
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let mut counts = Vec::with_capacity(edges.len() - 1);
    for e in edges.windows(2) {
        let mean = n_eff * search.background.fraction_in(e[0], e[1])?;
        let n = if mean > 0.0 {
            Poisson::new(mean)
                .map_err(|_| {
                    Error::out_of_range(
                        "expected background of a bin",
                        mean,
                        "must be a finite number > 0 for the Poisson sampler",
                    )
                })?
                .sample(&mut rng)
        } else {
            0.0
        };
        counts.push(n);
    }
    Ok(ObservedHistogram {
        source: "pseudo-data".into(),
        provenance,
        edges,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_input() {
        let edges = [0.1, 0.2, 0.3];
        let csv = ObservedHistogram::to_csv(&["test".into()], &edges, &[3.0, 0.0]);
        let h = ObservedHistogram::from_csv("h.csv", &csv).unwrap();
        assert_eq!(h.counts, vec![3.0, 0.0]);
        assert_eq!(h.provenance, vec!["test".to_string()]);
        h.check_binning(&edges).unwrap();
        let e = h
            .check_binning(&[0.1, 0.2, 0.3, 0.4])
            .unwrap_err()
            .to_string();
        assert!(e.contains("h.csv") && e.contains("2 bins"), "{e}");
        let e = h.check_binning(&[0.1, 0.25, 0.3]).unwrap_err().to_string();
        assert!(e.contains("edge 1"), "{e}");
        for (text, fragment) in [
            ("a,b\n", "header"),
            (
                "m2_low_gev2,m2_high_gev2,observed\n0.1,0.2,1.5\n",
                "whole number",
            ),
            (
                "m2_low_gev2,m2_high_gev2,observed\n0.1,0.2,-1\n",
                "whole number",
            ),
            ("m2_low_gev2,m2_high_gev2,observed\n0.1,0.2,nan\n", "finite"),
            (
                "m2_low_gev2,m2_high_gev2,observed\n0.2,0.1,1\n",
                "must lie above",
            ),
            (
                "m2_low_gev2,m2_high_gev2,observed\n0.1,0.2,1\n0.25,0.3,1\n",
                "contiguous",
            ),
            ("m2_low_gev2,m2_high_gev2,observed\n", "no bins"),
        ] {
            let e = ObservedHistogram::from_csv("h.csv", text)
                .unwrap_err()
                .to_string();
            assert!(e.contains(fragment), "{text}: {e}");
        }
    }
}
