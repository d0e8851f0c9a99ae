//! The HepMC3 file read back line by line (an independent minimal reader of the Asciiv3
//! grammar of Buckley et al., arXiv:1912.08005): counts, units, status codes and four-momentum
//! conservation at the production vertex.

use super::hepmc3::write_hepmc3;
use crate::events::{Generator, TableSettings};
use crate::io::lhe::LheRun;
use crate::matter::{FormFactorModel, Material};
use crate::model::Spin;
use crate::production::Process;

fn events_and_record(n: usize) -> (Vec<crate::events::Event>, LheRun) {
    let pb = Material::built_in("Pb").unwrap();
    let process = Process::new(Spin::Scalar, 0.1, 1.0, &pb, FormFactorModel::Full).unwrap();
    let settings = TableSettings {
        x_nodes: 12,
        theta_nodes: 12,
        ..TableSettings::default()
    };
    let g = Generator::new(process, 160.0, &settings).unwrap();
    let events = g.generate(n, 3).unwrap();
    let record = LheRun {
        settings: vec![("note".into(), "a|b".into())],
        energy_gev: 160.0,
        z: 82,
        a: 208,
        nucleus_mass_gev: g.process.nucleus_mass_gev,
        spin: Spin::Scalar,
        mass_gev: 0.1,
        sigma_pb: 1.0,
        error_pb: 0.01,
    };
    (events, record)
}

#[test]
fn file_reads_back_with_conserved_momentum_at_the_vertex() {
    let (events, record) = events_and_record(300);
    let mut bytes = Vec::new();
    write_hepmc3(&mut bytes, &record, &events).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.trim_end().lines().collect();
    assert!(lines[0].starts_with("HepMC::Version 3"));
    assert_eq!(lines[1], "HepMC::Asciiv3-START_EVENT_LISTING");
    assert_eq!(lines.last(), Some(&"HepMC::Asciiv3-END_EVENT_LISTING"));
    let n_events = lines.iter().filter(|l| l.starts_with("E ")).count();
    assert_eq!(n_events, events.len());
    assert_eq!(
        lines.iter().filter(|l| **l == "U GEV MM").count(),
        events.len()
    );
    // Sum in minus out at vertex −1 per event: beam particles (status 4) in, status 1 out.
    let mut balance = [0.0_f64; 4];
    let mut checked = 0;
    for line in &lines {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.first() {
            Some(&"E") => {
                balance = [0.0; 4];
            }
            Some(&"P") => {
                let p: Vec<f64> = f[4..8].iter().map(|x| x.parse().unwrap()).collect();
                let four = [p[3], p[0], p[1], p[2]];
                let status: i32 = f[9].parse().unwrap();
                let sign = if status == 4 { 1.0 } else { -1.0 };
                assert!(status == 4 || (status == 1 && f[2] == "-1"));
                for k in 0..4 {
                    balance[k] += sign * four[k];
                }
                if f[1] == "5" {
                    for b in balance {
                        assert!(b.abs() < 1e-9 * 160.0, "imbalance {b}");
                    }
                    checked += 1;
                }
            }
            _ => {}
        }
    }
    assert_eq!(checked, events.len());
}

/// Every number reads back to the same double (Rust's own parser is the independent reader),
/// over twenty decades, both signs, signed zeros, subnormals and integers that take an
/// exponent.
#[test]
fn numbers_read_back_exactly() {
    use super::hepmc3::numbers;
    use rand::{Rng, SeedableRng};
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(5);
    let mut values = vec![
        0.0,
        -0.0,
        1.0,
        160.0,
        5e-324,
        1e16,
        1e22,
        -123456789012345680.0,
    ];
    values.extend((0..20_000).map(|_| {
        let sign = if rng.random::<bool>() { 1.0 } else { -1.0 };
        sign * rng.random::<f64>() * 10f64.powi(rng.random_range(-12..8))
    }));
    let mut text = Vec::new();
    numbers(&mut text, &values);
    let text = String::from_utf8(text).unwrap();
    let read: Vec<f64> = text
        .split(' ')
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    assert_eq!(read.len(), values.len());
    for (r, v) in read.iter().zip(&values) {
        assert_eq!(r.to_bits(), v.to_bits(), "{v} read back as {r}");
    }
}

/// A line with its fixed fields formatted once, and a stored line reused, give the bytes of
/// the line formatted in full; a momentum that differs only by the sign of a zero is written
/// anew.
#[test]
fn prepared_lines_are_the_lines_written_in_full() {
    use super::hepmc3::{particle, ParticleLine, RepeatedLine};
    let (id, parent, pdg, mass, status) = (4, -1, 9_000_003, 0.1, 2);
    let line = ParticleLine::new(id, parent, pdg, mass, status);
    let p = [160.0, 0.0, 0.0, 159.99];
    let flipped = [160.0, -0.0, 0.0, 159.99];
    let other = [3.5e-7, -1.25, 2.0e16, 1.0 / 3.0];
    let stored = RepeatedLine::new(&line, &p);
    for q in [p, flipped, other] {
        let mut full = Vec::new();
        particle(&mut full, id, parent, pdg, &q, mass, status);
        let mut prepared = Vec::new();
        line.write(&mut prepared, &q);
        assert_eq!(prepared, full);
        let mut reused = Vec::new();
        stored.write(&mut reused, &line, &q);
        assert_eq!(reused, full, "{}", String::from_utf8_lossy(&full));
    }
    let mut full = Vec::new();
    particle(&mut full, id, parent, pdg, &flipped, mass, status);
    assert_eq!(
        String::from_utf8(full).unwrap(),
        "P 4 -1 9000003 -0.0 0.0 159.99 160.0 0.1 2\n"
    );
}
