//! A small writer of Les Houches Event files, version 3.0 (Alwall et al., "A standard format
//! for Les Houches Event Files", hep-ph/0609017; LHEF v3: Andersen et al., arXiv:1405.1067).
//!
//! One process (LPRUP = 1), unweighted events (IDWTUP = 3: every event has weight XSECUP),
//! cross section in pb. Particle codes: μ⁻ = 13; X uses muforce's codes
//! [`x_pdg_id`]; the nucleus uses the PDG nuclear code 100ZZZAAA0.

use crate::events::{Event, FourVector};
use crate::model::Spin;
use std::io::Write;

/// The run information written into `<header>` and `<init>`.
#[derive(Debug, Clone, PartialEq)]
pub struct LheRun {
    /// Free-text settings, one `key = value` line each, written into `<header>`.
    pub settings: Vec<(String, String)>,
    /// Beam energy, GeV.
    pub energy_gev: f64,
    /// Target nucleus: Z and mass number A (rounded).
    pub z: u32,
    /// Mass number.
    pub a: u32,
    /// Target nucleus mass, GeV.
    pub nucleus_mass_gev: f64,
    /// The mediator.
    pub spin: Spin,
    /// Its mass, GeV.
    pub mass_gev: f64,
    /// Cross section and its error, pb.
    pub sigma_pb: f64,
    /// Error of the cross section, pb.
    pub error_pb: f64,
}

/// Code of X in the event records (not PDG-assigned): scalar 9000001, pseudoscalar 9000002,
/// vector 9000003, axial vector 9000004.
pub fn x_pdg_id(spin: Spin) -> i64 {
    match spin {
        Spin::Scalar => 9_000_001,
        Spin::Pseudoscalar => 9_000_002,
        Spin::Vector => 9_000_003,
        Spin::AxialVector => 9_000_004,
    }
}

/// PDG code of a nucleus (PDG Monte Carlo numbering scheme, rule 16): 10LZZZAAAI with L = I = 0.
pub fn nucleus_pdg_id(z: u32, a: u32) -> i64 {
    1_000_000_000 + 10_000 * i64::from(z) + 10 * i64::from(a)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn particle(
    out: &mut impl Write,
    id: i64,
    status: i32,
    mothers: (u32, u32),
    p: &FourVector,
    mass: f64,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{id:>10} {status:>3} {:>3} {:>3} {:>3} {:>3} {:>+.15e} {:>+.15e} {:>+.15e} {:>.15e} {:>.15e} 0.0 9.0",
        mothers.0, mothers.1, 0, 0, p[1], p[2], p[3], p[0], mass
    )
}

/// Writes the file: `<LesHouchesEvents version="3.0">`, the header with the muforce version
/// and the settings, `<init>` with beams, process and cross section, and one `<event>` per
/// event (beam muon and nucleus incoming, muon, X and nucleus outgoing).
pub fn write_lhe(out: &mut impl Write, run: &LheRun, events: &[Event]) -> std::io::Result<()> {
    let nucleus = nucleus_pdg_id(run.z, run.a);
    writeln!(out, "<LesHouchesEvents version=\"3.0\">")?;
    writeln!(out, "<header>")?;
    writeln!(out, "<muforce version=\"{}\">", env!("CARGO_PKG_VERSION"))?;
    for (k, v) in &run.settings {
        writeln!(out, "{} = {}", escape(k), escape(v))?;
    }
    writeln!(out, "</muforce>")?;
    writeln!(out, "</header>")?;
    writeln!(out, "<init>")?;
    // IDBMUP EBMUP PDFGUP PDFSUP IDWTUP NPRUP
    writeln!(
        out,
        "{:>10} {:>10} {:.10e} {:.10e} 0 0 0 0 3 1",
        13, nucleus, run.energy_gev, 0.0
    )?;
    // XSECUP XERRUP XMAXUP LPRUP
    writeln!(
        out,
        "{:.10e} {:.10e} {:.10e} 1",
        run.sigma_pb, run.error_pb, run.sigma_pb
    )?;
    writeln!(
        out,
        "<generator name=\"muforce\" version=\"{}\"/>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "</init>")?;
    let m_mu = crate::units::M_MU;
    let id_x = x_pdg_id(run.spin);
    for e in events {
        writeln!(out, "<event>")?;
        // NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP
        writeln!(
            out,
            "5 1 {:.10e} {:.10e} {:.10e} 0.0",
            run.sigma_pb,
            e.out.t.sqrt(),
            crate::units::ALPHA
        )?;
        particle(out, 13, -1, (0, 0), &e.beam, m_mu)?;
        let target = [run.nucleus_mass_gev, 0.0, 0.0, 0.0];
        particle(out, nucleus, -1, (0, 0), &target, run.nucleus_mass_gev)?;
        particle(out, 13, 1, (1, 2), &e.out.muon, m_mu)?;
        particle(out, id_x, 1, (1, 2), &e.out.x, run.mass_gev)?;
        particle(
            out,
            nucleus,
            1,
            (1, 2),
            &e.out.nucleus,
            run.nucleus_mass_gev,
        )?;
        writeln!(out, "</event>")?;
    }
    writeln!(out, "</LesHouchesEvents>")
}
