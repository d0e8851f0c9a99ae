//! Event files by extension: `.hepmc` (HepMC3 Asciiv3) or `.lhe` (LHE 3.0), written to a
//! temporary file beside the target and renamed into place, so a failed write leaves nothing
//! half-written.

use crate::error::{Error, Result};
use crate::events::Event;
use crate::io::hepmc3::write_hepmc3;
use crate::io::lhe::{write_lhe, LheRun};
use std::io::{BufWriter, Write};
use std::path::Path;

/// The event-file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    /// HepMC3 ASCII (Asciiv3), extension `.hepmc`.
    HepMc3,
    /// Les Houches Event file 3.0, extension `.lhe`.
    Lhe,
}

impl EventFormat {
    /// The format named by the extension of `path` (`.hepmc` or `.lhe`).
    pub fn from_path(path: &Path) -> Result<Self> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("hepmc" | "hepmc3") => Ok(EventFormat::HepMc3),
            Some("lhe") => Ok(EventFormat::Lhe),
            _ => Err(Error::out_of_range(
                "--out",
                path.display(),
                "must end in .hepmc (HepMC3 Asciiv3) or .lhe (LHE 3.0)",
            )),
        }
    }
}

/// Writes `events` to `path` in the format of its extension; the file appears only once it
/// is complete.
pub fn write_event_file(path: &Path, run: &LheRun, events: &[Event]) -> Result<()> {
    write_atomically(path, |format, out| match format {
        EventFormat::HepMc3 => write_hepmc3(out, run, events),
        EventFormat::Lhe => write_lhe(out, run, events),
    })
}

/// Writes the file of `path`'s format with `write` under `path.partial` and renames it into
/// place once complete; on failure the partial file is removed and the error names `path`.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(EventFormat, &mut BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<()> {
    let format = EventFormat::from_path(path)?;
    let io_error = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let written = (|| {
        let mut out = BufWriter::new(std::fs::File::create(&partial)?);
        write(format, &mut out)?;
        out.flush()?;
        drop(out);
        std::fs::rename(&partial, path)
    })();
    if written.is_err() {
        // Best effort: the partial file may not exist at all.
        let _ = std::fs::remove_file(&partial);
    }
    written.map_err(io_error)
}
