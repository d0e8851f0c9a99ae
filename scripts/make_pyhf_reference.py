"""Regenerate data/reference/pyhf_limits.json: 95 % CL CLs upper limits on the signal strength
from pyhf (asymptotic calculator, q~_mu test statistic) for a set of binned signal/background
histograms with observed = background (the Asimov data set), and the expected limits of the
bands -2..2; some cases carry normalisation uncertainties on the background and the signal
(HistFactory `normsys` with hi = 1 + sigma, lo = 1/(1 + sigma), pyhf's default exponential
interpolation, unit-Gaussian constraints). muforce's stats module is tested against these
numbers (crates/muforce/tests/stats_pyhf.rs).

Usage: python3 scripts/make_pyhf_reference.py          # rewrite the file
       python3 scripts/make_pyhf_reference.py --check  # recompute and compare (CI)
"""
import json
import math
import os
import sys

import numpy as np
import pyhf

PATH = os.path.join(os.path.dirname(__file__), "..", "data", "reference", "pyhf_limits.json")
# Signal and background rho histograms of muforce's ATLAS analysis (GKSST inputs), written by
# `cargo run --release -p muforce --example atlas_pyhf_histograms`.
ATLAS = os.path.join(os.path.dirname(__file__), "..", "data", "reference", "atlas_rho_histograms.json")


def cases():
    rho = np.linspace(-0.95, 0.25, 25)
    # ATLAS-like rho line shape: three-Gaussian resolution (GKSST Eq. 9) times 1e6 muons, and a
    # falling signal shape towards negative rho.
    width = rho[1] - rho[0]
    res = sum(c / math.sqrt(2 * math.pi * s * s) * np.exp(-rho**2 / (2 * s * s))
              for c, s in ((0.75, 0.035), (0.25, 0.057), (5e-3, 0.15)))
    yield "atlas_like", (np.exp(2.0 * rho) * (rho < -0.05) * 50.0 + 1e-3).tolist(), (1e6 * res * width + 0.5).tolist()
    yield "single_bin_b10", [1.0], [10.0]
    yield "single_bin_b0p1", [1.0], [0.1]
    yield "three_bins", [3.0, 1.0, 0.2], [5.0, 20.0, 100.0]
    yield "large_background", [100.0, 50.0], [1e5, 4e5]
    with open(ATLAS) as f:
        for case in json.load(f)["cases"]:
            yield case["name"], case["signal"], case["background"]


# (case, background_rel_uncertainty, signal_rel_uncertainty, background_bin_rel_uncertainty):
# the same histograms with normalisation uncertainties (normsys) and an uncorrelated
# bin-by-bin background uncertainty (staterror with data = delta * background).
SYSTEMATICS = [
    ("single_bin_b10", 0.3, 0.0, 0.0),
    ("three_bins", 0.1, 0.2, 0.0),
    ("large_background", 0.01, 0.0, 0.0),
    ("atlas_like", 0.1, 0.0, 0.0),
    ("atlas_vector_16MeV_Z_A", 0.1, 0.0, 0.0),
    ("single_bin_b10", 0.0, 0.0, 0.2),
    ("three_bins", 0.0, 0.0, 0.1),
    ("large_background", 0.0, 0.0, 1e-3),
    ("three_bins", 0.1, 0.2, 0.1),
]


def normsys(name, sigma):
    return {"name": name, "type": "normsys", "data": {"hi": 1.0 + sigma, "lo": 1.0 / (1.0 + sigma)}}


def limit(signal, background, sigma_b=0.0, sigma_s=0.0, delta=0.0):
    signal_modifiers = [{"name": "mu", "type": "normfactor", "data": None}]
    background_modifiers = []
    if sigma_s > 0:
        signal_modifiers.append(normsys("signal_norm", sigma_s))
    if sigma_b > 0:
        background_modifiers.append(normsys("background_norm", sigma_b))
    if delta > 0:
        background_modifiers.append(
            {"name": "background_bins", "type": "staterror", "data": [delta * b for b in background]})
    spec = {"channels": [{"name": "ch", "samples": [
        {"name": "signal", "data": signal, "modifiers": signal_modifiers},
        {"name": "background", "data": background, "modifiers": background_modifiers}]}]}
    model = pyhf.Model(spec, poi_name="mu")
    data = list(background) + model.config.auxdata
    pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer(tolerance=1e-12))
    bounds = model.config.suggested_bounds()
    bounds[model.config.poi_index] = (0.0, 1e9)
    # Bracket the limit generously, then let pyhf's root finder refine it.
    obs, exp = pyhf.infer.intervals.upper_limits.upper_limit(
        data, model, scan=None, level=0.05, rtol=1e-10, par_bounds=bounds)
    return float(obs), [float(e) for e in exp]


def compute():
    out = {"source": f"pyhf {pyhf.__version__}, pyhf.infer.intervals.upper_limits.upper_limit, asymptotics, "
                     "test statistic q~_mu, CLs at 95 % CL, data = background; mu_expected_95: the "
                     "expected limits of the bands -2, -1, 0, 1, 2",
           "regenerate": "python3 scripts/make_pyhf_reference.py", "cases": []}
    histograms = {}
    for name, signal, background in cases():
        histograms[name] = (signal, background)
        obs, exp = limit(signal, background)
        out["cases"].append({"name": name, "signal": signal, "background": background,
                             "background_rel_uncertainty": 0.0, "signal_rel_uncertainty": 0.0,
                             "background_bin_rel_uncertainty": 0.0,
                             "mu_upper_95": obs, "mu_expected_95": exp})
    for name, sigma_b, sigma_s, delta in SYSTEMATICS:
        signal, background = histograms[name]
        obs, exp = limit(signal, background, sigma_b, sigma_s, delta)
        out["cases"].append({"name": f"{name}_sys_b{sigma_b}_s{sigma_s}_bins{delta}", "signal": signal,
                             "background": background, "background_rel_uncertainty": sigma_b,
                             "signal_rel_uncertainty": sigma_s,
                             "background_bin_rel_uncertainty": delta, "mu_upper_95": obs,
                             "mu_expected_95": exp})
    return out


def main():
    fresh = compute()
    if "--check" in sys.argv:
        with open(PATH) as f:
            stored = json.load(f)
        if len(stored["cases"]) != len(fresh["cases"]):
            sys.exit("the stored file has a different set of cases")
        for a, b in zip(stored["cases"], fresh["cases"]):
            # Profiled nuisance parameters go through scipy's minimiser, whose version is not
            # pinned: scipy 1.17 moves those limits by up to 2e-5 from the stored ones. Without
            # systematics nothing is minimised and the limits must agree to 1e-6.
            profiled = (a["background_rel_uncertainty"] or a["signal_rel_uncertainty"]
                        or a["background_bin_rel_uncertainty"])
            tolerance = 1e-4 if profiled else 1e-6
            for x, y in zip([a["mu_upper_95"]] + a["mu_expected_95"], [b["mu_upper_95"]] + b["mu_expected_95"]):
                if abs(x / y - 1) > tolerance:
                    sys.exit(f"{a['name']}: stored {x} but pyhf now gives {y} (tolerance {tolerance})")
        print("pyhf reference limits reproduced")
        return
    with open(PATH, "w") as f:
        json.dump(fresh, f, indent=1)
        f.write("\n")
    for c in fresh["cases"]:
        print(c["name"], c["mu_upper_95"])


if __name__ == "__main__":
    main()
