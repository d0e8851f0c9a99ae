"""Check the pyhf workspaces that `muforce reach ... --pyhf DIR` writes: pyhf's own CLs upper
limit on each sampled workspace (asymptotic calculator, test statistic q~_mu, 95 % CL), turned
into a coupling with g = reference_coupling * sqrt(mu_UL), must agree with muforce's limit on
the same workspace (index.json: muforce_coupling_cls) within the tolerance.

Usage: python3 scripts/check_pyhf_workspaces.py DIR [--every N] [--tolerance 0.01]
       (--every N: every N-th workspace of the index, default 10; the first and last always)
"""
import argparse
import json
import math
import os
import sys

import pyhf


def pyhf_mu_limit(workspace):
    ws = pyhf.Workspace(workspace)
    model = ws.model()
    data = ws.data(model)
    pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer(tolerance=1e-12))
    bounds = model.config.suggested_bounds()
    init = model.config.suggested_init()
    # pyhf's root finder (upper_limit with scan=None) brackets the limit from mu = 0, where the
    # asymptotic CLs is 0/0 (q_mu,A = 0); scipy >= 1.17 refuses the NaN. Bracket from
    # 1e-6 of the upper bound instead (CLs there is 1 to 1e-6); the fits keep mu >= 0.
    upper = bounds[model.config.poi_index][1]
    obs, _ = pyhf.infer.intervals.upper_limits.toms748_scan(
        data, model, 1e-6 * upper, upper, level=0.05, rtol=1e-8, par_bounds=bounds,
        init_pars=init)
    return float(obs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--tolerance", type=float, default=0.01)
    args = parser.parse_args()
    with open(os.path.join(args.dir, "index.json")) as f:
        index = json.load(f)
    entries = index["workspaces"]
    picked = sorted(set(range(0, len(entries), max(args.every, 1))) | {len(entries) - 1})
    worst = 0.0
    failures = []
    for i in picked:
        e = entries[i]
        with open(os.path.join(args.dir, e["file"])) as f:
            mu = pyhf_mu_limit(json.load(f))
        g = e["reference_coupling"] * math.sqrt(mu)
        rel = abs(g / e["muforce_coupling_cls"] - 1.0)
        worst = max(worst, rel)
        line = (f"{e['file']}: pyhf g = {g:.6e}, muforce g = {e['muforce_coupling_cls']:.6e}, "
                f"relative difference {rel:.2e}")
        print(line)
        if not rel <= args.tolerance:
            failures.append(line)
    print(f"{len(picked)} workspaces checked, largest relative difference {worst:.2e} "
          f"(tolerance {args.tolerance})")
    if failures:
        print("FAILED:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
