"""Reach of an experiment with the (g-2)_mu band and constraint files overlaid, from the Python API.

    pip install matplotlib
    python examples/reach_plot.py atlas-hllhc reach.png
    python examples/reach_plot.py na62 na62.png --overlay my_limits.csv

The first argument is a built-in experiment (muforce.experiments(): missing-momentum, beam-dump
or kaon) or a TOML file; the optional second the output image. Every panel (one per model) shows
the lower edge of each scenario's excluded couplings (solid; the upper edge, where the scan
found one, dotted), the (g-2)_mu band for the model's spin, and as grey regions the shipped
constraint files of that spin (data/constraints/) plus any --overlay file (docs/constraints.md).
--method (exact, ww, iww) overrides the file's production method (ATLAS's file uses the exact
method; --method ww is faster).
"""

import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import muforce  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("experiment", nargs="?", default="atlas-hllhc")
    p.add_argument("out", nargs="?", default="reach.png")
    p.add_argument("--method", default=None, help="exact, ww or iww (not for kaon experiments)")
    p.add_argument("--overlay", action="append", default=[], help="a constraint file (repeatable)")
    p.add_argument("--era", default="final-2025", help="(g-2)_mu era of the band")
    return p.parse_args()


def draw_constraint(ax, curve, top):
    """A constraint curve as a grey region with dashed edges; an open upper edge runs to `top`."""
    m, low, high = curve["mass_gev"], curve["coupling_low"], curve["coupling_high"]
    upper = np.where(np.isnan(high) & ~np.isnan(low), top, high)
    ax.fill_between(m, low, upper, color="grey", alpha=0.3, linewidth=0, label=curve["label"])
    ax.plot(m, low, color="grey", linestyle="--", linewidth=1)
    if not np.all(np.isnan(high)):
        ax.plot(m, high, color="grey", linestyle="--", linewidth=1)


def main():
    args = parse_args()
    experiment = muforce.Experiment(args.experiment, method=args.method)
    table = experiment.scan()
    constraints = muforce.shipped_constraints() + [muforce.Constraint(f) for f in args.overlay]
    models = np.array(table["model"])
    scenarios = np.array(table["scenario"])
    n = len(experiment.models)
    fig, axes = plt.subplots(1, n, figsize=(6.5 * n, 4.8), squeeze=False)
    for ax, model in zip(axes[0], experiment.models):
        spin = muforce.model_spin(model)
        for k, scenario in enumerate(experiment.scenarios):
            rows = (models == model) & (scenarios == scenario)
            colour = f"C{k % 10}"
            m = table["mass_gev"][rows]
            ax.plot(m, table["coupling_low"][rows], color=colour, label=scenario)
            high = table["coupling_high"][rows]
            if not np.all(np.isnan(high)):
                ax.plot(m, high, color=colour, linestyle=":")
        masses = experiment.masses
        band = muforce.g2_band(spin, masses, era=args.era, n_sigma=2.0)
        ax.fill_between(masses, band["coupling_low"], band["coupling_high"], color="green",
                        alpha=0.3, label=f"(g-2)$_\\mu$ ±2σ ({args.era})")
        ax.set(xscale="log", yscale="log")
        bottom, top = ax.get_ylim()
        for c in constraints:
            for curve in c.curves():
                if curve["spin"] == spin:
                    draw_constraint(ax, curve, top)
        ax.set_ylim(bottom, top)
        ax.set(xlabel="$m_X$ [GeV]", ylabel="$g_\\mu$", title=f"{experiment.name}: {model} ({spin})")
        ax.legend(fontsize="x-small")
    fig.tight_layout()
    fig.savefig(args.out, dpi=150)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
