//! Fuzzes experiment files of every family (`Description::from_toml`, the loader behind
//! `muforce reach FILE`): never panics; an error names the source; an accepted file has a
//! finite, ascending mass grid and a finite coupling range inside (0, ∞).
#![no_main]

use libfuzzer_sys::fuzz_target;
use muforce::experiment::Description;
use muforce::source::MomentumSpectrum;

/// The spectra shipped in data/lhc/, which the missing-momentum files name.
const SPECTRA: [(&str, &str); 2] = [
    (
        "z_muon_momentum.csv",
        include_str!("../../data/lhc/z_muon_momentum.csv"),
    ),
    (
        "w_muon_momentum.csv",
        include_str!("../../data/lhc/w_muon_momentum.csv"),
    ),
];

/// Resolves a `spectrum` path by its file name to a shipped spectrum, as the built-ins do;
/// any other name is an error (the loader must pass it on with the field's line).
fn resolve(path: &str) -> muforce::Result<MomentumSpectrum> {
    let file = path.rsplit('/').next().unwrap_or(path);
    match SPECTRA.iter().find(|s| s.0 == file) {
        Some(s) => MomentumSpectrum::from_csv(s.0, s.1),
        None => Err(muforce::Error::unknown(
            "spectrum",
            path,
            &SPECTRA.map(|s| s.0),
        )),
    }
}

fn check_grid(masses: &[f64], coupling_range: (f64, f64)) {
    assert!(!masses.is_empty());
    assert!(masses.iter().all(|m| m.is_finite() && *m > 0.0), "{masses:?}");
    assert!(masses.windows(2).all(|w| w[1] > w[0]), "{masses:?}");
    let (g0, g1) = coupling_range;
    assert!(g0.is_finite() && g1.is_finite() && 0.0 < g0 && g0 < g1);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Description::from_toml("fuzz.toml", text, &resolve) {
        Ok(description) => {
            assert!(!description.name().is_empty());
            if let Description::MissingMomentum(e) = &description {
                check_grid(&e.analysis.masses_gev, e.analysis.coupling_range);
                assert!(e.analysis.edges().iter().all(|x| x.is_finite()));
                assert!(!e.scenarios.is_empty() && !e.samples.is_empty());
                for s in &e.scenarios {
                    for &i in &s.samples {
                        let n = e.samples[i].muons(s.luminosity_inv_fb);
                        assert!(n.is_finite() && n >= 0.0, "{n}");
                    }
                }
            }
            if let Description::BeamDump(d) = &description {
                check_grid(&d.masses_gev, d.coupling_range);
                assert!(!d.scenarios.is_empty());
                let s = &d.setup;
                assert!(s.x_min < s.x_max && s.beam_energy_gev.is_finite());
            }
        }
        Err(err) => assert!(err.to_string().starts_with("fuzz.toml"), "{err}"),
    }
});
