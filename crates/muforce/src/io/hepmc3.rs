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

/// Appends one `P` line (Buckley et al., arXiv:1912.08005, Asciiv3: id, parent, PDG code,
/// p_x, p_y, p_z, E, m, status).
pub(crate) fn particle(
    out: &mut Vec<u8>,
    id: u32,
    parent: i32,
    pdg: i64,
    p: &FourVector,
    mass: f64,
    status: i32,
) {
    out.extend_from_slice(b"P");
    integers(out, &[i64::from(id), i64::from(parent), pdg]);
    numbers(out, &[p[1], p[2], p[3], p[0], mass]);
    integers(out, &[i64::from(status)]);
    out.push(b'\n');
}

/// A `P` line whose id, parent, code, mass and status are fixed: those fields are formatted
/// once, and each event adds only its four-momentum.
pub(crate) struct ParticleLine {
    head: Vec<u8>,
    tail: Vec<u8>,
}

impl ParticleLine {
    pub(crate) fn new(id: u32, parent: i32, pdg: i64, mass: f64, status: i32) -> Self {
        let mut head = b"P".to_vec();
        integers(&mut head, &[i64::from(id), i64::from(parent), pdg]);
        let mut tail = Vec::new();
        numbers(&mut tail, &[mass]);
        integers(&mut tail, &[i64::from(status)]);
        tail.push(b'\n');
        ParticleLine { head, tail }
    }

    /// Appends the line of momentum `p`; the same bytes as [`particle`].
    pub(crate) fn write(&self, out: &mut Vec<u8>, p: &FourVector) {
        out.extend_from_slice(&self.head);
        numbers(out, &[p[1], p[2], p[3], p[0]]);
        out.extend_from_slice(&self.tail);
    }
}

/// A line that is the same in most events (a monochromatic beam, the target at rest),
/// formatted once for one momentum and reused whenever an event has that momentum bit for bit
/// (bits, not `==`, since −0.0 is written differently from 0.0).
pub(crate) struct RepeatedLine {
    momentum: [u64; 4],
    bytes: Vec<u8>,
}

impl RepeatedLine {
    pub(crate) fn new(line: &ParticleLine, p: &FourVector) -> Self {
        let mut bytes = Vec::new();
        line.write(&mut bytes, p);
        RepeatedLine {
            momentum: p.map(f64::to_bits),
            bytes,
        }
    }

    /// Appends `line` for `p`, copying the stored bytes when `p` is the stored momentum.
    pub(crate) fn write(&self, out: &mut Vec<u8>, line: &ParticleLine, p: &FourVector) {
        if p.map(f64::to_bits) == self.momentum {
            out.extend_from_slice(&self.bytes);
        } else {
            line.write(out, p);
        }
    }
}

/// Appends each number after a space in its shortest form that reads back to the same f64
/// (the Żmij algorithm of V. Zverovich, a Schubfach variant, via the `zmij` crate): exact like
/// `{:.16e}`, and several times faster to format, which sets the speed of writing a large
/// file. The text is that of Ryū (Adams, PLDI 2018) except that exponents from 16 up carry a
/// sign (`1e+16`). Non-finite numbers never reach the writers.
pub(crate) fn numbers(out: &mut Vec<u8>, values: &[f64]) {
    let mut buffer = zmij::Buffer::new();
    for &v in values {
        out.push(b' ');
        out.extend_from_slice(buffer.format(v).as_bytes());
    }
}

/// Appends each integer after a space (the bytes of `{}`).
pub(crate) fn integers(out: &mut Vec<u8>, values: &[i64]) {
    let mut buffer = itoa::Buffer::new();
    for &v in values {
        out.push(b' ');
        out.extend_from_slice(buffer.format(v).as_bytes());
    }
}

/// Appends the `E` line (event number, vertices, particles) and the units line.
pub(crate) fn event_head(out: &mut Vec<u8>, number: usize, vertices: i64, particles: i64) {
    out.extend_from_slice(b"E");
    let mut buffer = itoa::Buffer::new();
    out.push(b' ');
    out.extend_from_slice(buffer.format(number).as_bytes());
    integers(out, &[vertices, particles]);
    out.extend_from_slice(b"\nU GEV MM\n");
}

/// Appends the weight line `W w`.
pub(crate) fn weight(out: &mut Vec<u8>, w: f64) {
    out.extend_from_slice(b"W");
    numbers(out, &[w]);
    out.push(b'\n');
}

/// Appends a vertex line `V id 0 [in]`, with its position `@ x y z c·t` (mm) unless that is
/// the origin and `origin_implicit`.
pub(crate) fn vertex(out: &mut Vec<u8>, head: &[u8], position: &[f64; 4], origin_implicit: bool) {
    out.extend_from_slice(head);
    if !(origin_implicit && *position == [0.0; 4]) {
        out.extend_from_slice(b" @");
        numbers(out, position);
    }
    out.push(b'\n');
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
    // The same in every event: formatted once.
    let cross_section = format!(
        "A 0 GenCrossSection {:.10e} {:.10e} {} {}\n",
        run.sigma_pb,
        run.error_pb,
        events.len(),
        events.len()
    );
    let beam_line = ParticleLine::new(1, 0, 13, m_mu, 4);
    let target_line = ParticleLine::new(2, 0, nucleus, run.nucleus_mass_gev, 4);
    let muon_line = ParticleLine::new(3, -1, 13, m_mu, 1);
    let x_lines = [1, 2].map(|status| ParticleLine::new(4, -1, id_x, run.mass_gev, status));
    let recoil_line = ParticleLine::new(5, -1, nucleus, run.nucleus_mass_gev, 1);
    let beam = RepeatedLine::new(&beam_line, &events.first().map_or(target, |e| e.beam));
    let target_bytes = RepeatedLine::new(&target_line, &target);
    write_blocks(out, events, |out, number, e| {
        let decays = e.x_decay.is_some();
        let (vertices, particles) = if decays { (2, 7) } else { (1, 5) };
        event_head(out, number, vertices, particles);
        weight(out, e.weight);
        out.extend_from_slice(cross_section.as_bytes());
        beam.write(out, &beam_line, &e.beam);
        target_bytes.write(out, &target_line, &target);
        let origin = e.vertex_mm;
        vertex(out, b"V -1 0 [1,2]", &origin, true);
        muon_line.write(out, &e.out.muon);
        x_lines[usize::from(decays)].write(out, &e.out.x);
        recoil_line.write(out, &e.out.nucleus);
        if let Some(decay) = &e.x_decay {
            // HepMC3 positions are absolute: the production vertex plus the flight.
            let position: [f64; 4] = std::array::from_fn(|k| origin[k] + decay.vertex_mm[k]);
            vertex(out, b"V -2 0 [4]", &position, false);
            for (id, d) in (6..).zip(&decay.daughters) {
                particle(out, id, -2, d.pdg, &d.p, d.mass_gev, 1);
            }
        }
        Ok(())
    })?;
    writeln!(out, "HepMC::Asciiv3-END_EVENT_LISTING")?;
    writeln!(out)
}
