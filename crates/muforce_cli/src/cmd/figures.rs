//! `muforce figures`: every figure of the seed papers that muforce can make, one overview per
//! mediator spin and one per model preset with the existing limits, in one directory.

use super::experiment_arg;
use super::reach_run::{self, load_overlays, write_line, write_panels};
use muforce::experiment::{builtin_description, builtin_names, Description};
use muforce::model::{Era, Preset, Spin};
use muforce::reach::{shipped_constraints, G2Settings};
use muforce_plot::experiments::beam_dump::{decay_probability_figure, x_spectrum_figure};
use muforce_plot::experiments::missing_momentum::{rho_shapes_figure, spectra_figure};
use muforce_plot::{Overview, PanelConstraints};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output directory (the repository keeps them in docs/figures).
    #[arg(long)]
    out: PathBuf,
    // The built-in names come from the library's registry; the other built-in families are
    // always drawn.
    #[arg(
        long,
        default_value = "atlas-hllhc",
        help = experiment_arg::help(
            "The missing-momentum experiment of the spectra, ρ shapes and reach panels: a name \
             of the built-in experiments",
            "or an experiment TOML file; the built-in experiments of the other families \
             (beam dump, kaon) are always drawn"
        )
    )]
    experiment: String,
    /// Production method of the experiment's figures (exact, ww or iww), overriding the
    /// experiment file's (atlas-hllhc: exact; ww is faster, an approximation). The command
    /// prints the time it took.
    #[arg(long)]
    method: Option<String>,
    /// A constraint file (docs/constraints.md) to draw on every reach figure of its mediator's
    /// spin; repeatable.
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// Leave out the existing limits (data/constraints/ and their recasts to each model) that
    /// every reach panel and overview draws in grey; --overlay files are still drawn.
    #[arg(long)]
    no_constraints: bool,
    /// (g−2)_μ era of the overview figures: final-2025 (current: Δa_μ consistent with zero,
    /// drawn as an upper bound on the coupling), fnal-2023, fnal-2021 or e821-2006 (the
    /// seeds'). The seed figures keep the eras of their experiment files.
    #[arg(long, default_value = "final-2025")]
    g2_era: String,
    /// Half-width of the overviews' favoured (g−2)_μ band, in standard deviations (for an era
    /// consistent with zero: the bound Δa_μ + nσ).
    #[arg(long, default_value_t = 2.0)]
    g2_sigma: f64,
    /// Couplings that move a_μ further than this many σ from the era's value are shaded as
    /// excluded on the overviews (CPZ arXiv:1701.07437 Fig. 5 uses 5σ).
    #[arg(long, default_value_t = 5.0)]
    g2_exclusion_sigma: f64,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let start = Instant::now();
    // Checked before the scans, which take seconds.
    for (field, n) in [
        ("--g2-sigma", args.g2_sigma),
        ("--g2-exclusion-sigma", args.g2_exclusion_sigma),
    ] {
        if !(n.is_finite() && n > 0.0 && n <= 100.0) {
            let allowed = "must be a number of standard deviations in (0, 100]";
            return Err(muforce::Error::out_of_range(field, n, allowed).into());
        }
    }
    let experiment = experiment_arg::load(&args.experiment, args.method.as_deref())?;
    let method = experiment.method.name();
    let overlays = load_overlays(&args.overlays)?;
    // The existing limits on every preset (shipped files and their recasts), found once.
    let existing = if args.no_constraints {
        Vec::new()
    } else {
        reach_run::existing_limits(&Preset::ALL)?
    };
    let shipped = if args.no_constraints {
        Vec::new()
    } else {
        shipped_constraints()?
    };
    let panel_constraints = PanelConstraints {
        overlays: overlays.clone(),
        existing: existing.clone(),
    };
    let mut overview = Overview {
        tables: Vec::new(),
        constraints: shipped.into_iter().chain(overlays.clone()).collect(),
        existing,
        overlays: overlays.clone(),
        g2: G2Settings {
            era: Era::from_name(&args.g2_era)?,
            n_sigma: args.g2_sigma,
        },
        excluded_sigma: args.g2_exclusion_sigma,
    };
    std::fs::create_dir_all(&args.out).map_err(|e| muforce::Error::Io {
        path: args.out.display().to_string(),
        message: e.to_string(),
    })?;
    let dir = args.out.as_path();
    let mut written = Vec::new();
    // GKSST Fig. 2: momentum spectra; Fig. 3: rho line shapes of SM and S, V at their
    // benchmark masses.
    let stem = experiment.name.replace('-', "_");
    written.extend(write_line(
        &spectra_figure(&experiment),
        dir,
        &format!("{stem}_spectra"),
    )?);
    let shapes = rho_shapes_figure(&experiment, &[0.016, 0.126, 1.0])?;
    written.extend(write_line(&shapes, dir, &format!("{stem}_rho_shapes"))?);
    // GKSST Fig. 4 (the missing-momentum experiment, vector left, scalar right), CPZ
    // arXiv:1701.07437 Fig. 5 (NA64-type and Fermilab dumps, models A and B), NA64μ and M3
    // (L_μ − L_τ), NA62 (K⁺ → μ⁺νX): reach with the (g-2) band, each with its own production
    // method.
    // Every built-in experiment of the other families, from the library's registry.
    let mut descriptions = vec![Description::MissingMomentum(Box::new(experiment))];
    for name in builtin_names() {
        let description = builtin_description(name)?;
        if !matches!(description, Description::MissingMomentum(_)) {
            descriptions.push(description);
        }
    }
    for description in &descriptions {
        let run = reach_run::scan(description, &panel_constraints)?;
        let stem = run.name.replace('-', "_");
        written.extend(write_panels(&run.panels, dir, &format!("{stem}_reach"))?);
        // The overviews: one more experiment is one more table here.
        // NA62's extra scenarios (κ cut and count, the 2015 and 2018 data sets) stay on its
        // own panels; the overviews carry its two 10¹³ K⁺ projections.
        let mut table = run.table;
        if run.name == "na62" {
            table
                .rows
                .retain(|r| r.scenario == "invisible" || r.scenario == "visible");
        }
        // NA64μ's 2022 data (muforce's computation, efficiency 1) is drawn as an existing
        // limit (data/constraints/na64mu_2022_muforce.csv), not as a projection.
        if run.name == "na64mu" && !args.no_constraints {
            table.rows.retain(|r| !r.scenario.starts_with("data-2024"));
        }
        overview.tables.push(table);
        // The NA62 slides' missing-mass spectra: signal at a few masses over the background.
        written.extend(reach_run::write_missing_mass(
            description,
            dir,
            &format!("{stem}_missing_mass"),
        )?);
        let Description::BeamDump(dump) = description else {
            continue;
        };
        // CPZ Fig. 3: x spectra at 10 and 100 MeV for the NA64-type setup.
        if dump.name == "na64-dump" {
            let figure = x_spectrum_figure(&dump.setup, &[0.01, 0.1])?;
            written.extend(write_line(&figure, dir, &format!("{stem}_x_spectra"))?);
        }
        // CPZ Fig. 4: decay probability against g_μ at 100 MeV, models A and B.
        if !dump.setup.invisible {
            let figure = decay_probability_figure(dump, 0.1)?;
            written.extend(write_line(
                &figure,
                dir,
                &format!("{stem}_decay_probability"),
            )?);
        }
    }
    let mut overviews = Vec::new();
    for spin in [Spin::Scalar, Spin::Vector] {
        overviews.push((spin.name().to_string(), overview.figure(spin)?));
    }
    for preset in Preset::ALL {
        let name = preset.name().replace('-', "_");
        overviews.push((name, overview.model_figure(preset)?));
    }
    for (name, figure) in overviews {
        for ext in ["svg", "png"] {
            let path = dir.join(format!("overview_{name}.{ext}"));
            figure.render(&path)?;
            written.push(path);
        }
    }
    for p in &written {
        println!("{}", p.display());
    }
    println!(
        "{} figures ({} cross section for {}) in {:.1} s",
        written.len(),
        method,
        args.experiment,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
