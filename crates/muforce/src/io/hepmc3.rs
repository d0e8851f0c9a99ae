//! A writer of the HepMC3 ASCII format "Asciiv3" (Buckley et al., "The HepMC3 event record
//! library for Monte Carlo event generators", Comput. Phys. Commun. 260 (2021) 107310,
//! arXiv:1912.08005, section on the ASCII format).
//!
//! Units: momenta in GeV, lengths in mm (`U GEV MM`). Each event has one vertex (id −1, the
//! production μN → μNX at the origin), two incoming beam particles (status 4: μ⁻ and the
//! nucleus at rest) and three outgoing ones (status 1: μ⁻, X, nucleus). Where X decays
//! ([`crate::events::XDecays`]), X has status 2 and a second vertex (id −2) at the decay point
//! (`@ x y z c·t`, mm) gives out its two products (status 1; codes in
//! [`crate::events::x_decay`]). Every event carries
//! its weight (1 for unweighted events; an experiment's signal events carry their share of the
//! expected events) and the attribute `GenCrossSection` (σ and its error in pb). The
//! production vertex is at the origin, or where an experiment's events were made
//! (`@ x y z c·t`).
//! Particle codes are those of the LHE writer: μ⁻ = 13, X = [`x_pdg_id`] (9000001 scalar,
//! 9000002 pseudoscalar, 9000003 vector, 9000004 axial vector; not PDG-assigned), nucleus
//! 100ZZZAAA0.

use crate::events::{Event, FourVector};
use crate::io::blocks::write_blocks;
use crate::io::lhe::{nucleus_pdg_id, x_pdg_id, LheRun};
use std::io::Write;

/// The format version written in the header.
pub(crate) const VERSION_LINE: &str = "HepMC::Version 3.02.06";

/// HepMC3 escapes the separator `|` and new lines in the tool description.
pub(crate) fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

pub(crate) fn particle(
    out: &mut impl Write,
    id: u32,
    parent: i32,
    pdg: i64,
    p: &FourVector,
    mass: f64,
    status: i32,
) -> std::io::Result<()> {
    write!(out, "P {id} {parent} {pdg}")?;
    numbers(out, &[p[1], p[2], p[3], p[0], mass])?;
    writeln!(out, " {status}")
}

/// Writes each number after a space in its shortest form that reads back to the same f64
/// (Ryū, Adams, PLDI 2018): exact like `{:.16e}`, and several times faster to format, which
/// sets the speed of writing a large file. Non-finite numbers never reach the writers.
pub(crate) fn numbers(out: &mut impl Write, values: &[f64]) -> std::io::Result<()> {
    let mut buffer = ryu::Buffer::new();
    for &v in values {
        out.write_all(b" ")?;
        out.write_all(buffer.format(v).as_bytes())?;
    }
    Ok(())
}

/// Writes the header (version, weight name, tool line with the settings), one event per
/// [`Event`] and the footer.
///
/// Each event's vertex takes in the beam muon and the nucleus (status 4) and gives out the
/// muon, X and the recoiling nucleus (status 1, parent vertex −1); their four-momenta must
/// balance (Buckley et al., arXiv:1912.08005, the Asciiv3 `P` line: id, parent, PDG code,
/// p_x, p_y, p_z, E, m, status).
///
/// ```
/// use muforce::events::{Generator, TableSettings};
/// use muforce::io::{hepmc3::write_hepmc3, lhe::LheRun};
/// use muforce::matter::{FormFactorModel, Material};
/// use muforce::model::Spin;
/// use muforce::production::{Method, Process};
/// let lead = Material::built_in("Pb")?;
/// let process = Process::new(Spin::Scalar, 0.05, 1.0, &lead, FormFactorModel::Full)?;
/// let settings = TableSettings { x_nodes: 16, theta_nodes: 16, method: Method::Ww, ..Default::default() };
/// let events = Generator::new(process, 160.0, &settings)?.generate(2, 1)?;
/// let run = LheRun {
///     settings: vec![],
///     energy_gev: 160.0,
///     z: 82,
///     a: 207,
///     nucleus_mass_gev: process.nucleus_mass_gev,
///     spin: Spin::Scalar,
///     mass_gev: 0.05,
///     sigma_pb: 1.0,
///     error_pb: 0.0,
/// };
/// let mut out = Vec::new();
/// write_hepmc3(&mut out, &run, &events).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("HepMC::Version 3") && text.contains("HepMC::Asciiv3-END_EVENT_LISTING"));
/// assert_eq!(text.lines().filter(|l| l.starts_with("E ")).count(), 2);
/// for event in text.split("\nE ").skip(1) {
///     let mut balance = [0.0_f64; 4];
///     for line in event.lines().filter(|l| l.starts_with("P ")) {
///         let f: Vec<&str> = line.split_whitespace().collect();
///         let status: i32 = f[9].parse().unwrap();
///         assert!(status == 4 || (status == 1 && f[2] == "-1"), "{line}");
///         for k in 0..4 {
///             let p: f64 = f[4 + k].parse().unwrap();
///             balance[k] += if status == 4 { p } else { -p };
///         }
///     }
///     assert!(balance.iter().all(|b| b.abs() < 1e-9 * 160.0), "{balance:?}");
/// }
/// # Ok::<(), muforce::Error>(())
/// ```
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
    write_blocks(out, events, |out, number, e| {
        let (vertices, particles) = if e.x_decay.is_some() { (2, 7) } else { (1, 5) };
        writeln!(out, "E {number} {vertices} {particles}")?;
        writeln!(out, "U GEV MM")?;
        write!(out, "W")?;
        numbers(out, &[e.weight])?;
        writeln!(out)?;
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
        let origin = e.vertex_mm;
        if origin == [0.0; 4] {
            writeln!(out, "V -1 0 [1,2]")?;
        } else {
            write!(out, "V -1 0 [1,2] @")?;
            numbers(out, &origin)?;
            writeln!(out)?;
        }
        particle(out, 3, -1, 13, &e.out.muon, m_mu, 1)?;
        let x_status = if e.x_decay.is_some() { 2 } else { 1 };
        particle(out, 4, -1, id_x, &e.out.x, run.mass_gev, x_status)?;
        particle(out, 5, -1, nucleus, &e.out.nucleus, run.nucleus_mass_gev, 1)?;
        if let Some(decay) = &e.x_decay {
            // HepMC3 positions are absolute: the production vertex plus the flight.
            let position: [f64; 4] = std::array::from_fn(|k| origin[k] + decay.vertex_mm[k]);
            write!(out, "V -2 0 [4] @")?;
            numbers(out, &position)?;
            writeln!(out)?;
            for (id, d) in (6..).zip(&decay.daughters) {
                particle(out, id, -2, d.pdg, &d.p, d.mass_gev, 1)?;
            }
        }
        Ok(())
    })?;
    writeln!(out, "HepMC::Asciiv3-END_EVENT_LISTING")?;
    writeln!(out)
}
