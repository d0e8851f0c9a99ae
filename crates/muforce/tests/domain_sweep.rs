//! Domain sweep (issue 8): every quantity of [`targets::TARGETS`] over ≥ 10⁵ sampled points
//! spanning m_X 1 keV – 10 GeV, E 1 GeV – 7 TeV, Z 1 – 92 (built-in and synthetic
//! materials), every spin and preset, with and without cuts. Every result must be finite and
//! within its range, or a clear error (a library error about the input whose message contains
//! no NaN; a missed tolerance counts as a failure); no point may panic (checked with
//! `catch_unwind`). Prints a count per target and the time.
//! Meant for `cargo test --release --test domain_sweep` (it also runs in the test profile).

mod domain_sweep {
    pub mod sampler;
    pub mod targets;
}

use domain_sweep::sampler::Sampler;
use domain_sweep::targets::{Check, Rule, TARGETS};
use muforce::Error;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// The issue asks for at least 10⁵ points.
const MIN_POINTS: usize = 100_000;

/// Tally of one target.
#[derive(Debug, Default)]
struct Tally {
    points: usize,
    values: usize,
    clear_errors: usize,
    not_converged: usize,
    failures: Vec<String>,
}

impl Tally {
    fn merge(mut self, other: Tally) -> Tally {
        self.points += other.points;
        self.values += other.values;
        self.clear_errors += other.clear_errors;
        self.not_converged += other.not_converged;
        self.failures.extend(other.failures);
        self
    }
}

fn judge(tally: &mut Tally, point: usize, c: Check) {
    match c.result {
        Ok(v) => {
            let ok = match c.rule {
                Rule::NonNegative => v.is_finite() && v >= 0.0,
                Rule::Probability => (0.0..=1.0).contains(&v),
                Rule::Finite => v.is_finite(),
            };
            if ok {
                tally.values += 1;
            } else {
                tally
                    .failures
                    .push(format!("point {point}: {} = {v} ({:?})", c.what, c.rule));
            }
        }
        Err(e) => {
            let message = e.to_string();
            if message.contains("NaN") || message.trim().is_empty() {
                tally.failures.push(format!(
                    "point {point}: {}: unclear error: {message}",
                    c.what
                ));
            } else if matches!(e, Error::NotConverged { .. }) {
                tally.not_converged += 1;
            } else {
                tally.clear_errors += 1;
            }
        }
    }
}

fn sweep(index: usize) -> Tally {
    let target = &TARGETS[index];
    (0..target.points)
        .into_par_iter()
        .map(|point| {
            let mut tally = Tally {
                points: 1,
                ..Tally::default()
            };
            let mut sampler = Sampler::new(index, point);
            match catch_unwind(AssertUnwindSafe(|| (target.eval)(&mut sampler))) {
                Ok(checks) => checks.into_iter().for_each(|c| judge(&mut tally, point, c)),
                Err(_) => tally.failures.push(format!("point {point}: panicked")),
            }
            tally
        })
        .reduce(Tally::default, Tally::merge)
}

#[test]
fn every_quantity_is_finite_or_a_clear_error_over_the_domain() {
    let start = Instant::now();
    let mut total_points = 0;
    let mut failures = Vec::new();
    println!(
        "{:<20} {:>7} {:>8} {:>8} {:>6} {:>8}",
        "target", "points", "values", "errors", "n.c.", "seconds"
    );
    for (index, target) in TARGETS.iter().enumerate() {
        let t0 = Instant::now();
        let tally = sweep(index);
        println!(
            "{:<20} {:>7} {:>8} {:>8} {:>6} {:>8.2}",
            target.name,
            tally.points,
            tally.values,
            tally.clear_errors,
            tally.not_converged,
            t0.elapsed().as_secs_f64()
        );
        total_points += tally.points;
        // Inside the physical domain an integration or table that misses its tolerance is a
        // defect (it was one: a density-effect jump), not a clear error about the input.
        if tally.not_converged > 0 {
            failures.push(format!(
                "{}: {} points did not converge",
                target.name, tally.not_converged
            ));
        }
        // A target whose every point errs would prove nothing.
        if tally.values == 0 {
            failures.push(format!("{}: no point gave a value", target.name));
        }
        failures.extend(
            tally
                .failures
                .iter()
                .take(20)
                .map(|f| format!("{}: {f}", target.name)),
        );
    }
    println!(
        "{total_points} points in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    assert!(total_points >= MIN_POINTS, "{total_points} points");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
