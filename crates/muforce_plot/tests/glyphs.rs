//! Every character the built-in figures write has a glyph in the embedded font (DejaVu Sans):
//! one figure of each kind is drawn as SVG, and the text of every `<text>` element — titles,
//! axis titles, tick labels, legend labels, with the shipped constraint files' labels — is
//! looked up in the font's character map.

use muforce::experiment::{builtin_description, Description};
use muforce::model::{Era, Preset, Spin};
use muforce::production::Method;
use muforce::reach::{shipped_constraints, G2Settings, LimitKind, ReachRow, ReachTable};
use muforce_plot::experiments::beam_dump::{decay_probability_figure, x_spectrum_figure};
use muforce_plot::experiments::kaon::{experiment_missing_mass_figure, kaon_panels};
use muforce_plot::experiments::missing_momentum::{rho_shapes_figure, spectra_figure};
use muforce_plot::{render_panels, Overview, PanelConstraints};
use std::path::{Path, PathBuf};

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// The text content of every `<text>` element of an SVG file, unescaped.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = t.split_once('>')?.1;
            let text = body.split_once("</text>")?.0;
            Some(
                text.trim()
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

fn row(experiment: &str, model: &str, scenario: &str, m: f64, g: f64) -> ReachRow {
    ReachRow {
        experiment: experiment.into(),
        model: model.into(),
        scenario: scenario.into(),
        mass_gev: m,
        coupling_low: Some(g),
        coupling_high: None,
        limit: LimitKind::Expected,
    }
}

fn dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("muforce-glyphs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Draws one figure of each kind into `dir`; returns the SVG files.
fn draw_figures(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut line = |name: &str, figure: muforce_plot::LineFigure| {
        let path = dir.join(format!("{name}.svg"));
        figure.render(&path).unwrap();
        files.push(path);
    };
    let Description::MissingMomentum(atlas) = builtin_description("atlas-hllhc").unwrap() else {
        panic!("atlas-hllhc is a missing-momentum experiment")
    };
    let atlas = atlas.with_method(Method::Ww);
    line("spectra", spectra_figure(&atlas));
    line("rho", rho_shapes_figure(&atlas, &[0.016, 1.0]).unwrap());
    let Description::BeamDump(dump) = builtin_description("fermilab-dump").unwrap() else {
        panic!("fermilab-dump is a beam dump")
    };
    line("decay", decay_probability_figure(&dump, 0.1).unwrap());
    line("x", x_spectrum_figure(&dump.setup, &[0.01, 0.1]).unwrap());
    let Description::Kaon(na62) = builtin_description("na62").unwrap() else {
        panic!("na62 is a kaon experiment")
    };
    line(
        "mm",
        experiment_missing_mass_figure(&na62).unwrap().unwrap(),
    );
    // Reach panels and overviews from a small table, with every shipped constraint file.
    let constraints = shipped_constraints().unwrap();
    let rows = na62
        .models
        .iter()
        .flat_map(|m| {
            [
                row("na62", m.name(), "invisible", 0.01, 1e-4),
                row("na62", m.name(), "invisible", 0.1, 3e-4),
            ]
        })
        .collect();
    let table = ReachTable {
        provenance: Vec::new(),
        rows,
    };
    let panel = PanelConstraints {
        overlays: constraints.clone(),
        existing: Vec::new(),
    };
    let panels = kaon_panels(&na62, &table, None, &panel).unwrap();
    let path = dir.join("panels.svg");
    render_panels(&panels, (800 * panels.len() as u32, 600), &path).unwrap();
    files.push(path);
    for era in ["final-2025", "e821-2006"] {
        let overview = Overview {
            tables: vec![table.clone()],
            constraints: constraints.clone(),
            existing: constraints.clone(),
            overlays: Vec::new(),
            g2: G2Settings {
                era: Era::from_name(era).unwrap(),
                n_sigma: 2.0,
            },
            excluded_sigma: 5.0,
        };
        for (name, figure) in [
            ("vector", overview.figure(Spin::Vector).unwrap()),
            ("lmu", overview.model_figure(Preset::LmuLtau).unwrap()),
        ] {
            let path = dir.join(format!("overview_{name}_{era}.svg"));
            figure.render(&path).unwrap();
            files.push(path);
        }
    }
    files
}

#[test]
fn every_character_drawn_has_a_glyph() {
    let face = ttf_parser::Face::parse(FONT, 0).expect("the embedded font parses");
    let dir = dir();
    let mut all = String::new();
    for file in draw_figures(&dir) {
        let svg = std::fs::read_to_string(&file).unwrap();
        for text in svg_texts(&svg) {
            let missing: Vec<char> = text
                .chars()
                .filter(|&c| !c.is_whitespace() && face.glyph_index(c).is_none())
                .collect();
            assert!(
                missing.is_empty(),
                "{}: {text:?} lacks {missing:?}",
                file.display()
            );
            all.push_str(&text);
            all.push('\n');
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // The figures do write the typography under test, and no ASCII stand-ins for it.
    for expected in [
        "10⁻³",
        "10⁰",
        "ρ",
        "μ",
        "σ",
        "K⁺ → μ⁺νX",
        "(g−2)",
        "GeV²",
        "\u{2212}",
        "ΔN",
    ] {
        assert!(all.contains(expected), "no figure writes {expected:?}");
    }
    for ascii in ["1e-3", "rho", "->", "(g-2)", "m_X", "g_X", "sigma"] {
        assert!(!all.contains(ascii), "a figure writes {ascii:?}");
    }
    // A character outside the font is caught.
    assert!(face.glyph_index('\u{1D465}').is_none());
}
