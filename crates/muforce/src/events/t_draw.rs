//! Draws the momentum transfer |t| to the nucleus from (1 − t_min/t) G₂(t) d ln t on
//! [t_min, t_max], the integrand of the photon flux χ (REFERENCE §3; Bjorken et al.,
//! arXiv:0906.0580, Eq. A18), by rejection under an exact piecewise-constant envelope of G₂ in
//! ln t. The envelope follows the form factor (screening rise, plateau, nuclear fall-off), so
//! about one G₂ evaluation is needed per draw for any t range, where a flat bound over ln t
//! would waste most draws beyond the nuclear radius.

use crate::matter::FormFactor;
use rand::Rng;

/// Largest |t| considered, GeV²: G₂ is negligible beyond it (as in the exact cross section).
pub(crate) const T_CAP_GEV2: f64 = 50.0;
/// Smallest |t| considered, GeV²: far below the atomic screening scale of every element.
pub(crate) const T_FLOOR_GEV2: f64 = 1e-16;
/// Bins of the envelope per unit of ln t.
const BINS_PER_E_FOLD: f64 = 16.0;
/// G₂ evaluations across each bin when the envelope is built.
const PROBES_PER_BIN: usize = 8;
/// Bound on |d ln G₂ / d ln t| for every material: the elastic term's logarithmic slope lies
/// in [−2, 2]; the inelastic term's, 2 + 2st/(1+st) − 2a′²t/(1+a′²t) − 8(t/Λ²)/(1+t/Λ²),
/// in [−8, 4] (REFERENCE §2); the slope of the sum is a weighted mean of the two.
const LOG_SLOPE_BOUND: f64 = 8.0;
/// Relative width of a t range below which it is drawn as a linear density (G₂ changes by
/// at most 8 × 1e-9 across it).
const NARROW: f64 = 1e-9;

/// The envelope of one form factor on [T_FLOOR, T_CAP].
#[derive(Debug, Clone, PartialEq)]
pub struct TDraw {
    form_factor: FormFactor,
    /// ln t of the first bin's lower edge.
    ln_t0: f64,
    /// Bin width in ln t.
    step: f64,
    /// Upper bound of G₂ on each bin.
    bound: Vec<f64>,
    /// Integral of the envelope in ln t from `ln_t0` to each bin edge (one more than bins).
    cumulative: Vec<f64>,
    /// Guide table (Chen & Asau 1974): `guide[j]` is the bin holding the fraction j/len of
    /// the envelope's integral, so a bin is found in about one step instead of a search.
    guide: Vec<usize>,
}

impl TDraw {
    /// The envelope of `form_factor`. On each bin G₂ is probed at `PROBES_PER_BIN` + 1 equally
    /// spaced points; a point between two probes lies within half a probe spacing δ of one,
    /// so G₂ there is at most the largest probe times exp(LOG_SLOPE_BOUND · δ/2): a bound,
    /// not an estimate.
    pub fn new(form_factor: FormFactor) -> Self {
        let ln_t0 = T_FLOOR_GEV2.ln();
        let span = T_CAP_GEV2.ln() - ln_t0;
        let bins = (span * BINS_PER_E_FOLD).ceil() as usize;
        let step = span / bins as f64;
        let delta = step / PROBES_PER_BIN as f64;
        let margin = (LOG_SLOPE_BOUND * delta / 2.0).exp();
        let bound: Vec<f64> = (0..bins)
            .map(|i| {
                let u = ln_t0 + i as f64 * step;
                let peak = (0..=PROBES_PER_BIN)
                    .map(|k| form_factor.g2((u + k as f64 * delta).exp()))
                    .fold(0.0, f64::max);
                // A positive floor keeps every bin drawable (G₂ > 0 for t > 0 anyway).
                (peak * margin).max(f64::MIN_POSITIVE)
            })
            .collect();
        let mut cumulative = Vec::with_capacity(bins + 1);
        cumulative.push(0.0);
        let mut sum = 0.0;
        for b in &bound {
            sum += b * step;
            cumulative.push(sum);
        }
        let total = sum;
        let guides = 2 * bins;
        let mut guide = Vec::with_capacity(guides);
        let mut k = 0;
        for j in 0..guides {
            let c = total * j as f64 / guides as f64;
            while k + 1 < bins && cumulative[k + 1] <= c {
                k += 1;
            }
            guide.push(k);
        }
        TDraw {
            form_factor,
            ln_t0,
            step,
            bound,
            cumulative,
            guide,
        }
    }

    /// The bin holding ln t = `u`.
    fn bin(&self, u: f64) -> usize {
        (((u - self.ln_t0) / self.step) as usize).min(self.bound.len() - 1)
    }

    /// The bin k with cumulative[k] <= c < cumulative[k + 1] (the last for c at the end).
    fn bin_of(&self, c: f64) -> usize {
        let total = self.cumulative[self.bound.len()];
        let j = ((c / total) * self.guide.len() as f64) as usize;
        let mut k = self.guide[j.min(self.guide.len() - 1)];
        while k + 1 < self.bound.len() && self.cumulative[k + 1] <= c {
            k += 1;
        }
        k
    }

    /// The envelope's integral from the grid's start to ln t = `u`.
    fn cumulative_at(&self, u: f64) -> f64 {
        let i = self.bin(u);
        self.cumulative[i] + self.bound[i] * (u - (self.ln_t0 + i as f64 * self.step))
    }

    /// The range of |t| drawn from for a kinematic range [t_min, t_max] (GeV²), or `None`
    /// when nothing of it lies within [T_FLOOR, T_CAP].
    pub(crate) fn clip(t_min: f64, t_max: f64) -> Option<(f64, f64)> {
        // Written so that a NaN bound fails the test.
        if !(t_max > t_min && t_max > T_FLOOR_GEV2 && t_min < T_CAP_GEV2) {
            return None;
        }
        Some((t_min.max(T_FLOOR_GEV2), t_max.min(T_CAP_GEV2)))
    }

    /// One |t| from (1 − t_min/t) G₂(t) d ln t on the kinematic range [t_min, t_max] (GeV²)
    /// within [T_FLOOR, T_CAP]; `None` when nothing of the range lies there (or a bound is
    /// not a number).
    pub fn draw<R: Rng>(&self, t_min: f64, t_max: f64, rng: &mut R) -> Option<f64> {
        let (t_min, t_max) = Self::clip(t_min, t_max)?;
        let width = t_max - t_min;
        if width <= NARROW * t_min {
            // G₂ is constant across the range to ~NARROW, so the density is ∝ t − t_min:
            // drawn by inversion (rejection would stall where 1 − t_min/t rounds to zero).
            return Some(t_min + width * rng.random::<f64>().sqrt());
        }
        Some(self.draw_within(t_min, t_max, rng))
    }

    /// [`Self::draw`] on a range inside the table, wider than `NARROW`.
    fn draw_within<R: Rng>(&self, t_min: f64, t_max: f64, rng: &mut R) -> f64 {
        let (l0, l1) = (t_min.ln(), t_max.ln());
        let (c0, c1) = (self.cumulative_at(l0), self.cumulative_at(l1));
        let (i0, i1) = (self.bin(l0), self.bin(l1));
        // 1 − t_min/t is largest at t_max: the envelope carries that factor too, so a narrow
        // range near t_min is not drawn with a vanishing acceptance.
        let factor_max = 1.0 - t_min / t_max;
        loop {
            let c = c0 + (c1 - c0) * rng.random::<f64>();
            let k = self.bin_of(c).clamp(i0, i1);
            let u = (self.ln_t0 + k as f64 * self.step + (c - self.cumulative[k]) / self.bound[k])
                .clamp(l0, l1);
            let t = u.exp();
            let density = (1.0 - t_min / t) * self.form_factor.g2(t);
            if rng.random::<f64>() * self.bound[k] * factor_max <= density {
                return t;
            }
        }
    }
}
