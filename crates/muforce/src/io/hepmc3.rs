//! A writer of the HepMC3 ASCII format "Asciiv3" (Buckley et al., "The HepMC3 event record
//! library for Monte Carlo event generators", Comput. Phys. Commun. 260 (2021) 107310,
//! arXiv:1912.08005, section on the ASCII format).
//!
//! Units: momenta in GeV, lengths in mm (`U GEV MM`). Each event has one vertex (id −1, the
//! production μN → μNX at the origin), two incoming beam particles (status 4: μ⁻ and the
//! nucleus at rest) and three outgoing ones (status 1: μ⁻, X, nucleus). Every event carries
//! the weight 1 (unweighted) and the attribute `GenCrossSection` (σ and its error in pb).
//! Particle codes are those of the LHE writer: μ⁻ = 13, X = [`x_pdg_id`] (9000001 scalar,
//! 9000002 pseudoscalar, 9000003 vector, 9000004 axial vector; not PDG-assigned), nucleus
//! 100ZZZAAA0.

use crate::events::{Event, FourVector};
use crate::io::lhe::{nucleus_pdg_id, x_pdg_id, LheRun};
use std::io::Write;

/// The format version written in the header.
const VERSION_LINE: &str = "HepMC::Version 3.02.06";

/// HepMC3 escapes the separator `|` and new lines in the tool description.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

fn particle(
    out: &mut impl Write,
    id: u32,
    parent: i32,
    pdg: i64,
    p: &FourVector,
    mass: f64,
    status: i32,
) -> std::io::Result<()> {
    writeln!(
        out,
        "P {id} {parent} {pdg} {:.16e} {:.16e} {:.16e} {:.16e} {:.16e} {status}",
        p[1], p[2], p[3], p[0], mass
    )
}

/// Writes the header (version, weight name, tool line with the settings), one event per
/// [`Event`] and the footer.
pub fn write_hepmc3(out: &mut impl Write, run: &LheRun, events: &[Event]) -> std::io::Result<()> {
    writeln!(out, "{VERSION_LINE}")?;
    writeln!(out, "HepMC::Asciiv3-START_EVENT_LISTING")?;
    writeln!(out, "W weight")?;
    let settings: Vec<String> = run
        .settings
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    writeln!(
        out,
        "T muforce\\|{}\\|{}",
        env!("CARGO_PKG_VERSION"),
        escape(&settings.join("; "))
    )?;
    let nucleus = nucleus_pdg_id(run.z, run.a);
    let id_x = x_pdg_id(run.spin);
    let m_mu = crate::units::M_MU;
    let target = [run.nucleus_mass_gev, 0.0, 0.0, 0.0];
    for (number, e) in events.iter().enumerate() {
        writeln!(out, "E {number} 1 5")?;
        writeln!(out, "U GEV MM")?;
        writeln!(out, "W {:.16e}", 1.0)?;
        writeln!(
            out,
            "A 0 GenCrossSection {:.10e} {:.10e} {} {}",
            run.sigma_pb,
            run.error_pb,
            events.len(),
            events.len()
        )?;
        particle(out, 1, 0, 13, &e.beam, m_mu, 4)?;
        particle(out, 2, 0, nucleus, &target, run.nucleus_mass_gev, 4)?;
        writeln!(out, "V -1 0 [1,2]")?;
        particle(out, 3, -1, 13, &e.out.muon, m_mu, 1)?;
        particle(out, 4, -1, id_x, &e.out.x, run.mass_gev, 1)?;
        particle(out, 5, -1, nucleus, &e.out.nucleus, run.nucleus_mass_gev, 1)?;
    }
    writeln!(out, "HepMC::Asciiv3-END_EVENT_LISTING")?;
    writeln!(out)
}
