"""Validation figure of an experiment's signal events (docs/events.md), one panel per family.

- beam dump: the summed event weights against the reach code's expected events over the
  coupling (Fermilab dump, muon-scalar at 100 MeV: the decay-probability island of CPZ
  arXiv:1701.07437 Eq. 15; NA64mu, L_mu - L_tau at 50 MeV: the invisible g^2 rise);
- missing momentum: the summed weights against the reach's signal over the mass (ATLAS HL-LHC,
  Z sample, scalar, g = 1e-3, WW);
- kaon: the m^2_miss histogram of K+ -> mu+ nu X events written by `muforce events
  --experiment na62` against (1/Gamma) dGamma/dm^2_miss of `muforce.kaon_ratio_density`.

Run after installing the Python package (needs matplotlib, pyhepmc):
    MUFORCE_BIN=target/release/muforce python scripts/events_validation.py docs/events_validation.png
"""

import os
import subprocess
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import muforce  # noqa: E402

EVENTS = 20_000


def coupling_scan(ax, experiment, model, mass, couplings, label):
    sums, expected = [], []
    for g in couplings:
        try:
            run = muforce.ExperimentEvents(experiment, model, mass, g, nodes=32)
        except ValueError:  # no events expected at this coupling
            sums.append(np.nan)
            expected.append(np.nan)
            continue
        sums.append(run.generate(EVENTS, seed=1)["weight"].sum())
        expected.append(run.expected_events)
    ax.loglog(couplings, expected, "-", label=f"{label}: reach")
    ax.loglog(couplings, sums, "o", ms=4, label=f"{label}: sum of event weights")


def mass_scan(ax):
    masses = np.geomspace(0.01, 20.0, 6)
    sums, expected = [], []
    for m in masses:
        run = muforce.ExperimentEvents("atlas-hllhc", "scalar", m, 1e-3, method="ww", nodes=32)
        sums.append(run.generate(EVENTS, seed=1)["weight"].sum())
        expected.append(run.expected_events)
    ax.loglog(masses, expected, "-", label="reach: smeared signal in the rho window")
    ax.loglog(masses, sums, "o", ms=4, label="sum of event weights")
    ax.set_xlabel("m_X [GeV]")
    ax.set_ylabel("signal events (Z sample, g = 1e-3)")
    ax.set_title("missing momentum: ATLAS HL-LHC")
    ax.legend(fontsize=7)


def kaon_panel(ax, binary, mass=0.1):
    import pyhepmc

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "na62.hepmc")
        done = subprocess.run(
            [binary, "events", "--experiment", "na62", "--model", "lmu-ltau", "--mass",
             str(mass), "--coupling", "1e-4", "--events", str(EVENTS), "--out", path],
            capture_output=True, text=True)
        if done.returncode != 0:
            ax.text(0.5, 0.5, done.stderr.strip()[:80], ha="center", fontsize=6, wrap=True)
            ax.set_title("kaon: NA62 (not generated)")
            return
        m2 = []
        with pyhepmc.open(path) as f:
            for event in f:
                k = [p for p in event.particles if p.pid == 321][0].momentum
                mu = [p for p in event.particles if p.pid == -13][0].momentum
                e, x, y, z = k.e - mu.e, k.x - mu.x, k.y - mu.y, k.z - mu.z
                m2.append(e * e - x * x - y * y - z * z)
    m2 = np.array(m2)
    # The invisible search generates inside its m2_miss window only (the selection): compare
    # the shapes over the window the events span.
    edges = np.linspace(m2.min(), m2.max(), 31)
    counts, _ = np.histogram(m2, edges)
    centres = 0.5 * (edges[1:] + edges[:-1])
    density, _ = muforce.kaon_ratio_density("lmu-ltau", mass, centres)  # (value, error)
    expected = density / density.sum() * counts.sum()
    ax.errorbar(centres, counts, yerr=np.sqrt(counts), fmt="o", ms=3, label="events")
    ax.plot(centres, expected, "-", label="dGamma/dm2_miss (kaon_ratio_density)")
    ax.set_xlabel("m2_miss [GeV^2]")
    ax.set_ylabel("events per bin")
    ax.set_title(f"kaon: NA62 invisible, L_mu - L_tau {mass} GeV")
    ax.legend(fontsize=7)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "events_validation.png"
    if os.environ.get("ONLY_KAON"):
        fig, ax = plt.subplots(figsize=(5, 4.5))
        kaon_panel(ax, os.environ.get("MUFORCE_BIN", "muforce"))
        fig.tight_layout()
        fig.savefig(out, dpi=110)
        return
    binary = os.environ.get("MUFORCE_BIN", "muforce")
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    coupling_scan(axes[0], "fermilab-dump", "muon-scalar", 0.1, np.geomspace(1e-6, 3e-3, 8),
                  "Fermilab, muon-scalar 0.1 GeV")
    coupling_scan(axes[0], "na64mu", "lmu-ltau", 0.05, np.geomspace(1e-6, 1e-3, 4),
                  "NA64mu, L_mu - L_tau 0.05 GeV")
    axes[0].set_xlabel("g")
    axes[0].set_ylabel("expected signal events")
    axes[0].set_title("beam dump")
    axes[0].legend(fontsize=7)
    mass_scan(axes[1])
    kaon_panel(axes[2], binary)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
