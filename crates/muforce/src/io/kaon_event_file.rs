//! Event files of K⁺ → μ⁺ν X signal events ([`crate::events::kaon`]), by extension like
//! [`crate::io::event_file`]: `.hepmc` (HepMC3 Asciiv3) or `.lhe` (LHE 3.0), written to
//! `path.partial` and renamed into place, so a failed write leaves nothing half-written.
//!
//! - HepMC3 (Buckley et al., arXiv:1912.08005, the ASCII format): units `GEV MM`, the event's
//!   weight on its `W` line, the K⁺ (PDG 321, status 4) incoming into vertex −1 at the K⁺
//!   decay point (`@ x y z c·t`, mm, the experiment's frame); μ⁺ (−13), ν_μ (14) and X
//!   ([`x_pdg_id`] of its spin) out of it (status 1; X status 2 when it decays). A decaying X
//!   goes into vertex −2 at its absolute decay point with its two products (status 1).
//! - LHE 3.0 (Alwall et al., hep-ph/0609017; Andersen et al., arXiv:1405.1067): IDBMUP =
//!   (321, 0) with E_K, IDWTUP = 4 (weighted events), XWGTUP = the event's weight; XSECUP is
//!   the sum of the weights (expected signal events, not pb: the header says so), XERRUP its
//!   Monte Carlo error, XMAXUP the largest weight. The K⁺ is the incoming particle (status
//!   −1), μ⁺, ν_μ and X its daughters; X's products have mothers (4, 4) and X's VTIMUP is its
//!   proper decay distance (mm). LHE has no vertex positions: each event ends with the
//!   optional-information line `# vertex_mm x y z ct` (the K⁺ decay point), followed by X's
//!   decay point where it decays.

use crate::error::Result;
use crate::events::kaon::KaonEvent;
use crate::io::blocks::write_blocks;
use crate::io::event_file::{write_atomically, EventFormat};
use crate::io::hepmc3::{
    escape as hepmc_escape, event_head, numbers, particle as hepmc_particle, vertex, weight,
    ParticleLine, RepeatedLine, VERSION_LINE,
};
use crate::io::lhe::{
    escape as lhe_escape, event_line as lhe_event_line, particle as lhe_particle, x_pdg_id,
};
use crate::model::Spin;
use crate::units::{M_K, M_MU};
use std::io::Write;
use std::path::Path;

const KAON: i64 = 321;
const MU_PLUS: i64 = -13;
const NU_MU: i64 = 14;

/// What the writers need besides the events: X's mass and spin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KaonRun {
    /// m_X, GeV.
    pub mass_gev: f64,
    /// Spin of X (its particle code, [`x_pdg_id`]).
    pub spin: Spin,
}

/// Writes `events` of X (`run`) to `path` as HepMC3 (`.hepmc`, `.hepmc3`) or LHE 3.0
/// (`.lhe`), with the `header` lines (`key = value`) in the HepMC3 tool line or the LHE
/// `<header>`; the file appears only once it is complete.
pub fn write_kaon_event_file(
    path: &Path,
    run: &KaonRun,
    header: &[(String, String)],
    events: &[KaonEvent],
) -> Result<()> {
    write_atomically(path, |format, out| match format {
        EventFormat::HepMc3 => write_kaon_hepmc3(out, header, run, events),
        EventFormat::Lhe => write_kaon_lhe(out, header, run, events),
    })
}

/// The HepMC3 Asciiv3 listing of `events` (module docs).
pub fn write_kaon_hepmc3(
    out: &mut impl Write,
    header: &[(String, String)],
    run: &KaonRun,
    events: &[KaonEvent],
) -> std::io::Result<()> {
    writeln!(out, "{VERSION_LINE}")?;
    writeln!(out, "HepMC::Asciiv3-START_EVENT_LISTING")?;
    writeln!(out, "W weight")?;
    let settings: Vec<String> = header.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    writeln!(
        out,
        "T muforce\\|{}\\|{}",
        env!("CARGO_PKG_VERSION"),
        hepmc_escape(&settings.join("; "))
    )?;
    let id_x = x_pdg_id(run.spin);
    let kaon_line = ParticleLine::new(1, 0, KAON, M_K, 4);
    let muon_line = ParticleLine::new(2, -1, MU_PLUS, M_MU, 1);
    let neutrino_line = ParticleLine::new(3, -1, NU_MU, 0.0, 1);
    let x_lines = [1, 2].map(|status| ParticleLine::new(4, -1, id_x, run.mass_gev, status));
    let kaon = RepeatedLine::new(&kaon_line, &events.first().map_or([0.0; 4], |e| e.kaon));
    write_blocks(out, events, |out, number, e| {
        let decays = e.x_decay.is_some();
        let (vertices, particles) = if decays { (2, 6) } else { (1, 4) };
        event_head(out, number, vertices, particles);
        weight(out, e.weight);
        kaon.write(out, &kaon_line, &e.kaon);
        vertex(out, b"V -1 0 [1]", &e.vertex_mm, false);
        muon_line.write(out, &e.muon);
        neutrino_line.write(out, &e.neutrino);
        x_lines[usize::from(decays)].write(out, &e.x);
        if let (Some(decay), Some(position)) = (&e.x_decay, e.x_decay_vertex_mm()) {
            vertex(out, b"V -2 0 [4]", &position, false);
            for (id, d) in (5..).zip(&decay.daughters) {
                hepmc_particle(out, id, -2, d.pdg, &d.p, d.mass_gev, 1);
            }
        }
        Ok(())
    })?;
    writeln!(out, "HepMC::Asciiv3-END_EVENT_LISTING")?;
    writeln!(out)
}

/// The LHE 3.0 file of `events` (module docs).
pub fn write_kaon_lhe(
    out: &mut impl Write,
    header: &[(String, String)],
    run: &KaonRun,
    events: &[KaonEvent],
) -> std::io::Result<()> {
    writeln!(out, "<LesHouchesEvents version=\"3.0\">")?;
    writeln!(out, "<header>")?;
    writeln!(out, "<muforce version=\"{}\">", env!("CARGO_PKG_VERSION"))?;
    for (k, v) in header {
        writeln!(out, "{} = {}", lhe_escape(k), lhe_escape(v))?;
    }
    writeln!(
        out,
        "{}",
        lhe_escape("lhe_init = XSECUP is the sum of the weights (expected signal events, not pb), XERRUP its Monte Carlo error, XMAXUP the largest weight; each event ends with '# vertex_mm x y z ct' of the K+ decay and, where X decays, of X's decay")
    )?;
    writeln!(out, "</muforce>")?;
    writeln!(out, "</header>")?;
    writeln!(out, "<init>")?;
    let energy = events.first().map_or(0.0, |e| e.kaon[0]);
    // IDBMUP EBMUP PDFGUP PDFSUP IDWTUP NPRUP: a K⁺ decaying at rest in no collision.
    writeln!(
        out,
        "{KAON:>10} {:>10} {energy:.10e} {:.10e} 0 0 0 0 4 1",
        0, 0.0
    )?;
    let sum: f64 = events.iter().map(|e| e.weight).sum();
    let n = events.len().max(1) as f64;
    let mean = sum / n;
    let error = (events
        .iter()
        .map(|e| (e.weight - mean).powi(2))
        .sum::<f64>())
    .sqrt();
    let max_weight = events.iter().fold(0.0_f64, |m, e| m.max(e.weight.abs()));
    // XSECUP XERRUP XMAXUP LPRUP.
    writeln!(out, "{sum:.10e} {error:.10e} {max_weight:.10e} 1")?;
    writeln!(
        out,
        "<generator name=\"muforce\" version=\"{}\"/>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "</init>")?;
    let id_x = x_pdg_id(run.spin);
    write_blocks(out, events, |out, _, e| {
        let particles = if e.x_decay.is_some() { 6 } else { 4 };
        lhe_event_line(out, particles, e.weight, M_K, crate::units::ALPHA);
        lhe_particle(out, KAON, -1, (0, 0), &e.kaon, M_K, 0.0);
        lhe_particle(out, MU_PLUS, 1, (1, 1), &e.muon, M_MU, 0.0);
        lhe_particle(out, NU_MU, 1, (1, 1), &e.neutrino, 0.0, 0.0);
        let (x_status, x_proper) = e.x_decay.map_or((1, 0.0), |d| (2, d.proper_mm));
        lhe_particle(out, id_x, x_status, (1, 1), &e.x, run.mass_gev, x_proper);
        if let Some(decay) = &e.x_decay {
            for d in &decay.daughters {
                lhe_particle(out, d.pdg, 1, (4, 4), &d.p, d.mass_gev, 0.0);
            }
        }
        out.extend_from_slice(b"# vertex_mm");
        numbers(out, &e.vertex_mm);
        if let Some(vertex) = e.x_decay_vertex_mm() {
            out.extend_from_slice(b" x_decay_vertex_mm");
            numbers(out, &vertex);
        }
        out.extend_from_slice(b"\n</event>\n");
        Ok(())
    })?;
    writeln!(out, "</LesHouchesEvents>")
}
