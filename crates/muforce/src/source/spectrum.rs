//! A binned momentum spectrum read from a data file with a provenance header.
//!
//! File format (data/lhc/*.csv): lines starting with `#` are header lines, `# key: value` pairs
//! are kept as metadata (generator, settings, seed, event counts); then a CSV header
//! `p_low_gev,p_high_gev,muons` and one row per bin with contiguous, increasing edges.

use crate::error::{Error, Result};
use std::collections::BTreeMap;

/// A histogram of muon momenta, normalised on demand.
#[derive(Debug, Clone, PartialEq)]
pub struct MomentumSpectrum {
    edges: Vec<f64>,
    counts: Vec<f64>,
    metadata: BTreeMap<String, String>,
}

impl MomentumSpectrum {
    /// Builds a spectrum from bin edges (n + 1, strictly increasing, ≥ 0) and counts (n, ≥ 0,
    /// not all zero).
    pub fn new(edges: Vec<f64>, counts: Vec<f64>) -> Result<Self> {
        if counts.is_empty() || edges.len() != counts.len() + 1 {
            return Err(Error::out_of_range(
                "spectrum bins",
                format!("{} edges, {} counts", edges.len(), counts.len()),
                "needs n + 1 edges for n >= 1 bins",
            ));
        }
        for (i, pair) in edges.windows(2).enumerate() {
            if !(pair[0].is_finite() && pair[1].is_finite() && pair[0] >= 0.0 && pair[1] > pair[0])
            {
                return Err(Error::out_of_range(
                    format!("spectrum bin {i} edges"),
                    format!("[{}, {}]", pair[0], pair[1]),
                    "edges must be finite, >= 0 GeV and strictly increasing",
                ));
            }
        }
        for (i, c) in counts.iter().enumerate() {
            if !(c.is_finite() && *c >= 0.0) {
                return Err(Error::out_of_range(
                    format!("spectrum bin {i} count"),
                    c,
                    "must be a finite count >= 0",
                ));
            }
        }
        if counts.iter().sum::<f64>() <= 0.0 {
            return Err(Error::out_of_range(
                "spectrum counts",
                "all zero",
                "needs at least one muon",
            ));
        }
        Ok(MomentumSpectrum {
            edges,
            counts,
            metadata: BTreeMap::new(),
        })
    }

    /// Parses the data-file format described in the module documentation.
    ///
    /// A flat spectrum on [20, 40] GeV has mean momentum 30 GeV; bins must join up.
    ///
    /// ```
    /// use muforce::source::MomentumSpectrum;
    /// let text = "# generator: flat test beam\np_low_gev,p_high_gev,muons\n20,30,500\n30,40,500\n";
    /// let flat = MomentumSpectrum::from_csv("flat.csv", text)?;
    /// assert!((flat.mean_momentum() - 30.0).abs() < 1e-12);
    /// assert_eq!(flat.metadata()["generator"], "flat test beam");
    /// let gap = "p_low_gev,p_high_gev,muons\n20,30,500\n31,40,500\n";
    /// assert!(MomentumSpectrum::from_csv("gap.csv", gap).is_err());
    /// # Ok::<(), muforce::Error>(())
    /// ```
    pub fn from_csv(source_name: &str, text: &str) -> Result<Self> {
        let parse_error = |line: usize, message: String| Error::Parse {
            source_name: source_name.to_string(),
            message: format!("line {line}: {message}"),
        };
        let mut metadata = BTreeMap::new();
        let mut edges: Vec<f64> = Vec::new();
        let mut counts = Vec::new();
        let mut header_seen = false;
        for (index, raw) in text.lines().enumerate() {
            let line_no = index + 1;
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(comment) = line.strip_prefix('#') {
                if let Some((key, value)) = comment.split_once(':') {
                    metadata.insert(key.trim().to_string(), value.trim().to_string());
                }
                continue;
            }
            if !header_seen {
                if line.replace(' ', "") != "p_low_gev,p_high_gev,muons" {
                    return Err(parse_error(
                        line_no,
                        format!("expected the header 'p_low_gev,p_high_gev,muons', found '{line}'"),
                    ));
                }
                header_seen = true;
                continue;
            }
            let fields: Vec<&str> = line.split(',').map(str::trim).collect();
            if fields.len() != 3 {
                return Err(parse_error(
                    line_no,
                    format!("expected 3 columns, found {}", fields.len()),
                ));
            }
            let number = |s: &str, what: &str| {
                s.parse::<f64>()
                    .map_err(|_| parse_error(line_no, format!("{what} '{s}' is not a number")))
            };
            let (low, high, count) = (
                number(fields[0], "p_low_gev")?,
                number(fields[1], "p_high_gev")?,
                number(fields[2], "muons")?,
            );
            match edges.last() {
                None => edges.push(low),
                Some(&last) if (last - low).abs() > 1e-9 * last.abs().max(1.0) => {
                    return Err(parse_error(
                        line_no,
                        format!("bin starts at {low} but the previous one ended at {last}"),
                    ));
                }
                Some(_) => {}
            }
            edges.push(high);
            counts.push(count);
        }
        if !header_seen {
            return Err(parse_error(
                0,
                "no CSV header 'p_low_gev,p_high_gev,muons'".into(),
            ));
        }
        let mut spectrum = Self::new(edges, counts).map_err(|e| Error::Parse {
            source_name: source_name.to_string(),
            message: e.to_string(),
        })?;
        spectrum.metadata = metadata;
        Ok(spectrum)
    }

    /// Reads a spectrum file.
    pub fn from_file(path: &std::path::Path) -> Result<Self> {
        let text = crate::io::read_text(path)?;
        Self::from_csv(&path.display().to_string(), &text)
    }

    /// Bin edges in GeV.
    pub fn edges(&self) -> &[f64] {
        &self.edges
    }

    /// Raw counts per bin.
    pub fn counts(&self) -> &[f64] {
        &self.counts
    }

    /// Header metadata (`# key: value` lines).
    pub fn metadata(&self) -> &BTreeMap<String, String> {
        &self.metadata
    }

    /// Fraction of muons in each bin (sums to 1).
    pub fn fractions(&self) -> Vec<f64> {
        let total: f64 = self.counts.iter().sum();
        self.counts.iter().map(|c| c / total).collect()
    }

    /// Bin centres and their fractions, skipping empty bins: the weights with which a
    /// per-muon yield is averaged over the spectrum.
    pub fn weighted_centres(&self) -> Vec<(f64, f64)> {
        self.fractions()
            .into_iter()
            .enumerate()
            .filter(|(_, f)| *f > 0.0)
            .map(|(i, f)| (0.5 * (self.edges[i] + self.edges[i + 1]), f))
            .collect()
    }

    /// Mean momentum in GeV (bin centres).
    pub fn mean_momentum(&self) -> f64 {
        self.weighted_centres().iter().map(|(p, f)| p * f).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises() {
        let text = "# generator: test\n# seed: 3\np_low_gev,p_high_gev,muons\n0,2,1\n2,4,3\n";
        let s = MomentumSpectrum::from_csv("t.csv", text).unwrap();
        assert_eq!(s.metadata()["seed"], "3");
        assert_eq!(s.fractions(), vec![0.25, 0.75]);
        assert!((s.mean_momentum() - 2.5).abs() < 1e-12);
    }

    #[test]
    fn rejects_malformed_files() {
        for (text, needle) in [
            ("p_low_gev,p_high_gev,muons\n0,2,x\n", "muons 'x'"),
            (
                "p_low_gev,p_high_gev,muons\n0,2,1\n3,4,1\n",
                "previous one ended",
            ),
            ("p,q\n0,2,1\n", "expected the header"),
            ("# nothing\n", "no CSV header"),
            (
                "p_low_gev,p_high_gev,muons\n0,2,0\n",
                "needs at least one muon",
            ),
            ("p_low_gev,p_high_gev,muons\n2,1,5\n", "strictly increasing"),
            ("p_low_gev,p_high_gev,muons\n0,2\n", "3 columns"),
        ] {
            let err = MomentumSpectrum::from_csv("bad.csv", text)
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle) && err.contains("bad.csv"), "{err}");
        }
    }
}
