//! Joining the shards of one study into the output of the whole study, byte for byte what an
//! unsharded run writes. Shards of different studies, repeated or missing shards, or a shard
//! whose designs are not its part are errors (the caller writes nothing then).

use super::study::Study;
use super::table::{study_lines, ScanOutput};
use crate::error::{Error, Result};
use crate::experiment::vary::Shard;

/// The field of two studies that differs (their shard aside), if any.
fn difference(a: &Study, b: &Study) -> Option<&'static str> {
    if a.text_fnv1a64 != b.text_fnv1a64 {
        Some("experiment text (text_fnv1a64)")
    } else if a.source != b.source {
        Some("experiment file name (source)")
    } else if a.experiment != b.experiment {
        Some("experiment")
    } else if a.vary != b.vary {
        Some("varied fields (vary)")
    } else if a.masses_gev != b.masses_gev {
        Some("masses (masses_gev)")
    } else if a.designs != b.designs {
        Some("number of designs")
    } else if a.shard.count != b.shard.count {
        Some("number of shards N")
    } else {
        None
    }
}

/// Checks that a shard holds exactly the designs of its part, with rows only of those.
fn check_contents(label: &str, shard: &ScanOutput) -> Result<()> {
    let range = shard.study.shard.range(shard.study.designs);
    let numbers: Vec<usize> = shard.designs.iter().map(|d| d.design).collect();
    let expected: Vec<usize> = range.clone().map(|i| i + 1).collect();
    if numbers != expected || shard.rows.iter().any(|r| !expected.contains(&r.design)) {
        return Err(Error::out_of_range(
            "merge",
            label,
            format!(
                "shard {}/{} must hold designs {} to {} and their rows only",
                shard.study.shard.index,
                shard.study.shard.count,
                range.start + 1,
                range.end
            ),
        ));
    }
    Ok(())
}

/// Joins the shard outputs `shards` (each with a label, e.g. its directory, for errors) into
/// the output of the whole study.
pub fn merge(shards: &[(String, ScanOutput)]) -> Result<ScanOutput> {
    let Some((first_label, first)) = shards.first() else {
        return Err(Error::out_of_range(
            "merge",
            "no directories",
            "one or more shard directories",
        ));
    };
    let count = first.study.shard.count;
    let mut by_index: Vec<Option<(String, ScanOutput)>> = vec![None; count];
    for (label, shard) in shards {
        if let Some(field) = difference(&first.study, &shard.study) {
            return Err(Error::out_of_range(
                "merge",
                label,
                format!(
                    "shards of one study (same experiment text, vary, masses and N); its \
                     {field} differs from that of {first_label}"
                ),
            ));
        }
        check_contents(label, shard)?;
        let slot = &mut by_index[shard.study.shard.index - 1];
        if let Some((other, _)) = slot {
            return Err(Error::out_of_range(
                "merge",
                label,
                format!(
                    "shards that do not overlap; shard {}/{count} is also in {other}",
                    shard.study.shard.index
                ),
            ));
        }
        *slot = Some((label.clone(), shard.clone()));
    }
    let missing: Vec<String> = by_index
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_none())
        .map(|(i, _)| format!("{}/{count}", i + 1))
        .collect();
    if !missing.is_empty() {
        return Err(Error::out_of_range(
            "merge",
            format!("{} of {count} shards", count - missing.len()),
            format!("all shards of the study; missing {}", missing.join(", ")),
        ));
    }
    let mut study = first.study.clone();
    study.shard = Shard::WHOLE;
    let mut merged = ScanOutput {
        provenance: study_lines(&study),
        study,
        designs: Vec::new(),
        rows: Vec::new(),
    };
    for (_, shard) in by_index.into_iter().flatten() {
        merged.designs.extend(shard.designs);
        merged.rows.extend(shard.rows);
    }
    Ok(merged)
}
