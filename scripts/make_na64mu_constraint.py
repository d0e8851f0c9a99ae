#!/usr/bin/env python3
"""Writes data/constraints/na64mu_2022_muforce.csv: muforce's own reach for the NA64mu 2022 data.

    python3 scripts/make_na64mu_constraint.py [--muforce BIN] [--check]

Runs `muforce reach na64mu` (the built-in experiments/na64mu.toml), keeps the rows of its
2022-data scenario (1.98e10 muons on target, 0 events observed, background 0, signal
efficiency assumed 1) and writes them with a constraint-file header that says what they are:
muforce's computation with that assumption, not the published NA64mu limit (whose curve and
signal efficiency could not be read). --check compares with the shipped file (exit 1 on a
difference). BIN defaults to $MUFORCE_BIN or target/release/muforce.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "constraints" / "na64mu_2022_muforce.csv"

HEADER = [
    "label: NA64μ 2022 data (muforce, efficiency 1 assumed)",
    "source: muforce {version} reach of the built-in experiment na64mu (experiments/na64mu.toml),"
    " scenario 'data-2024 (eff=1 assumed)': the NA64mu 2022 run, (1.98 +- 0.02) x 10^10 muons"
    " of 160 GeV on the active target with 0 events observed (Andreev et al. (NA64),"
    " Phys. Rev. Lett. 132 (2024) 211803, arXiv:2401.01708, abstract), background 0, signal"
    " efficiency ASSUMED to be 1. This is NOT the published NA64mu limit, whose curve and signal"
    " efficiency could not be read; with efficiency 1 it is stronger than the published one.",
    "digitisation: none; computed by scripts/make_na64mu_constraint.py with the muforce command",
    "conversion: the rows of scenario 'data-2024 (eff=1 assumed)' of reach.csv, scenario"
    " renamed '2022 data (eff=1)'",
    "cl: 0.9",
    "convention: g' of gauged L_mu - L_tau: +g' on mu and nu_mu, -g' on tau and nu_tau"
    " (muforce model lmu-ltau); coupling_low is g' = g_mu",
    "signature: invisible",
    "process: mu N -> mu N Z' in the 22.45 cm lead active target (160 GeV muons, outgoing muon"
    " below 80 GeV, WW production with the full energy loss), Z' -> nu nubar",
    "experiment: na64mu",
    "escape-length-m: 5",
    "escape: a visibly decaying X counts as unseen if it flies 5 m (the calorimeters behind the"
    " production point, a round length assumed by muforce) before decaying; it matters only for"
    " recasts to models with visible decays, and only near couplings of 1e-3 and above",
    "trust: LOW as a stand-in for the published NA64mu limit (efficiency 1 assumed, optimistic);"
    " it is muforce's reach for the stated exposure",
    "display: region",
]


def run_reach(binary: str) -> tuple[str, list[str]]:
    """The muforce version and the rows of the 2022-data scenario."""
    version = subprocess.run(
        [binary, "--version"], check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [binary, "reach", "na64mu", "--out", tmp], check=True, capture_output=True
        )
        lines = (Path(tmp) / "reach.csv").read_text().splitlines()
    rows = []
    for line in lines:
        if line.startswith("#") or line.startswith("experiment,"):
            continue
        fields = line.split(",")
        if fields[2].startswith("data-2024"):
            fields[2] = "2022 data (eff=1)"
            rows.append(",".join(fields))
    if not rows:
        sys.exit("no data-2024 rows in the na64mu reach")
    return version, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("MUFORCE_BIN", str(ROOT / "target" / "release" / "muforce"))
    parser.add_argument("--muforce", default=default)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    version, rows = run_reach(args.muforce)
    header = [f"# {line.format(version=version)}" for line in HEADER]
    text = "\n".join(
        header + ["experiment,model,scenario,mass_gev,coupling_low,coupling_high"] + rows
    ) + "\n"
    if args.check:
        if OUT.read_text() != text:
            sys.exit(f"{OUT} differs from a fresh computation")
        print(f"{OUT}: up to date")
        return
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
