//! The files of a design study, shared by `scan` and `merge`: scan.csv, scan.json and
//! envelope.csv, all rendered before the first is written.

use muforce::experiment::scan::{envelope, ScanOutput};
use std::path::Path;

/// The names of the files [`write`] writes.
pub const FILES: [&str; 3] = ["scan.csv", "scan.json", "envelope.csv"];

/// Writes the files of `output` into `dir` (created if needed).
pub fn write(output: &ScanOutput, dir: &Path) -> anyhow::Result<()> {
    let texts = [
        output.to_csv(),
        output.to_json()?,
        envelope(output).to_csv(),
    ];
    std::fs::create_dir_all(dir).map_err(|e| muforce::Error::Io {
        path: dir.display().to_string(),
        message: format!("--out must be a directory that can be created: {e}"),
    })?;
    for (name, text) in FILES.iter().zip(&texts) {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| muforce::Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    }
    Ok(())
}
