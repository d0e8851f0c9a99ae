"""Reach of ATLAS as a muon fixed target (HL-LHC) with the (g-2)_mu band, from the Python API.

    pip install matplotlib
    python examples/reach_plot.py atlas-hllhc reach.png

The first argument is a built-in experiment or a TOML file; the optional second the output.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

import muforce


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "atlas-hllhc"
    out = sys.argv[2] if len(sys.argv) > 2 else "reach.png"
    experiment = muforce.Experiment(name)
    table = experiment.scan()
    models = np.array(table["model"])
    scenarios = np.array(table["scenario"])
    fig, axes = plt.subplots(1, len(experiment.models), figsize=(6 * len(experiment.models), 4.5),
                             squeeze=False)
    for ax, model in zip(axes[0], experiment.models):
        for scenario in experiment.scenarios:
            rows = (models == model) & (scenarios == scenario)
            ax.plot(table["mass_gev"][rows], table["coupling_low"][rows], label=scenario)
        masses = experiment.masses
        band = muforce.g2_band(model, masses, era="final-2025", n_sigma=2.0)
        ax.fill_between(masses, band["coupling_low"], band["coupling_high"], color="green",
                        alpha=0.3, label="(g-2)$_\\mu$ ±2σ")
        ax.set(xscale="log", yscale="log", xlabel="$m_X$ [GeV]", ylabel="$g_\\mu$",
               title=f"{experiment.name}: {model}")
        ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(out, dpi=150)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
