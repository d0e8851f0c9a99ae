//! `muforce figures`: every figure of the seed papers that muforce can make, in one directory.

use super::experiment_arg;
use crate::progress;
use muforce::experiment::beam_dump::{
    self, decay_probability_figure, dump_panels, x_spectrum_figure,
};
use muforce::experiment::missing_momentum::{
    reach_panels, rho_shapes_figure, scan, spectra_figure,
};
use muforce::experiment::{builtin_description, Description};
use muforce::plot::render_panels;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output directory (the repository keeps them in docs/figures).
    #[arg(long)]
    out: PathBuf,
    /// The experiment: a built-in name or an experiment TOML file.
    #[arg(long, default_value = "atlas-hllhc")]
    experiment: String,
    /// Production method of the figures: ww (the default: the exact cross section is too slow
    /// for the mass scan), iww or exact.
    #[arg(long, default_value = "ww")]
    method: String,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let start = Instant::now();
    let experiment = experiment_arg::load(&args.experiment, Some(&args.method))?;
    std::fs::create_dir_all(&args.out).map_err(|e| muforce::Error::Io {
        path: args.out.display().to_string(),
        message: e.to_string(),
    })?;
    let stem = experiment.name.clone();
    let mut written = Vec::new();
    // GKSST Fig. 2: momentum spectra.
    let spectra = spectra_figure(&experiment);
    // GKSST Fig. 3: rho line shapes of SM and S, V at their benchmark masses.
    let shapes = rho_shapes_figure(&experiment, &[0.016, 0.126, 1.0])?;
    for ext in ["svg", "png"] {
        let p = args.out.join(format!("{stem}_spectra.{ext}"));
        spectra.render(&p)?;
        written.push(p);
        let p = args.out.join(format!("{stem}_rho_shapes.{ext}"));
        shapes.render(&p)?;
        written.push(p);
    }
    // GKSST Fig. 4: reach, vector left, scalar right, with the (g-2) band.
    let points = experiment.analysis.models.len() * experiment.analysis.masses_gev.len();
    let bar = progress::bar(points, "mass scan");
    let result = scan(&experiment, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let panels = reach_panels(&experiment, &result)?;
    let size = (800 * panels.len() as u32, 600);
    for ext in ["svg", "png"] {
        let p = args.out.join(format!("{stem}_reach.{ext}"));
        render_panels(&panels, size, &p)?;
        written.push(p);
    }
    // CPZ arXiv:1701.07437 Fig. 5 (NA64-type and Fermilab dumps, models A and B), NA64μ and
    // M3 (L_μ − L_τ): the built-in beam-dump files with their own production methods.
    for name in ["na64-dump", "fermilab-dump", "na64mu", "m3"] {
        let Description::BeamDump(dump) = builtin_description(name)? else {
            continue;
        };
        let result = beam_dump::scan(&dump, &|| {})?;
        let panels = dump_panels(&dump, &result)?;
        let size = (800 * panels.len() as u32, 600);
        let stem = dump.name.replace('-', "_");
        for ext in ["svg", "png"] {
            let p = args.out.join(format!("{stem}_reach.{ext}"));
            render_panels(&panels, size, &p)?;
            written.push(p);
        }
        // CPZ Fig. 3: x spectra at 10 and 100 MeV for the NA64-type setup.
        if name == "na64-dump" {
            let figure = x_spectrum_figure(&dump.setup, &[0.01, 0.1])?;
            for ext in ["svg", "png"] {
                let p = args.out.join(format!("{stem}_x_spectra.{ext}"));
                figure.render(&p)?;
                written.push(p);
            }
        }
        // CPZ Fig. 4: decay probability against g_μ at 100 MeV, models A and B.
        if !dump.setup.invisible {
            let figure = decay_probability_figure(&dump, 0.1)?;
            for ext in ["svg", "png"] {
                let p = args.out.join(format!("{stem}_decay_probability.{ext}"));
                figure.render(&p)?;
                written.push(p);
            }
        }
    }
    for p in &written {
        println!("{}", p.display());
    }
    println!(
        "{} figures ({} cross section) in {:.1} s",
        written.len(),
        experiment.method.name(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
