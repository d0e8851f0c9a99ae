"""Reach figures with matplotlib: projections, existing limits and the (g−2)_μ region.

    import matplotlib.pyplot as plt
    import muforce
    from muforce import plot

    fig, ax = plt.subplots()
    plot.constraints(ax, "lmu-ltau")                        # existing limits, shaded grey
    plot.reach(ax, muforce.Experiment("m3").scan())         # projections, lines
    plot.g2(ax, "lmu-ltau", era="final-2025")               # the (g−2)_μ region
    ax.legend()

    fig, ax = plot.overview("lmu-ltau")                     # the picture of `muforce figures`

The figures follow the conventions of `muforce figures` and `muforce reach` (the Rust drawing
code in crates/muforce_plot/src/, docs/constraints.md "Figures"), which are those of the
field's reach plots (e.g. CPZ arXiv:1701.07437 Fig. 5, GKSST arXiv:1906.09272 Fig. 4):

- log–log axes, m_X in GeV across, the coupling g_X to muons up;
- existing limits as one light grey fill, so that overlapping limits darken, each with a
  dashed edge of its own colour and a legend entry; contours that are not CL limits (ΔN_eff)
  as lines without fill;
- projections as lines: one colour per experiment, a line pattern per model and scenario; the
  excluded region lies above the line (and below its upper edge where the scan found one);
- the (g−2)_μ region of an era: where Δa_μ is consistent with zero within nσ (final-2025), the
  couplings above Δa_μ + nσ shaded as excluded (red); otherwise the band favoured within ±nσ
  (green) and, on the overviews, the couplings excluded at 5σ (red, as CPZ Fig. 5);
- expected ±1σ (green) and ±2σ (yellow) bands beneath an expected limit, as the LHC
  experiments draw them.

The colours of the projections are the Okabe–Ito palette (M. Okabe and K. Ito, "Color
Universal Design", 2008, https://jfly.uni-koeln.de/color/), which readers with any of the
common colour-vision deficiencies can tell apart; line patterns separate curves of one colour.

Every function takes the matplotlib Axes to draw on and returns the artists it made
(`Drawn` records holding Line2D and PolyCollection objects), so that they can be restyled.
matplotlib is an optional dependency: `pip install muforce[plot]`.
"""

from __future__ import annotations

try:
    import matplotlib  # noqa: F401  (the dependency this module needs)
    from matplotlib.collections import PolyCollection
    from matplotlib.legend import Legend
    from matplotlib.legend_handler import HandlerBase
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
except ImportError as err:  # pragma: no cover - exercised in a venv without matplotlib
    raise ImportError(
        "muforce.plot needs matplotlib (>= 3.6): pip install muforce[plot] "
        "(or pip install matplotlib)"
    ) from err

import math
from typing import NamedTuple

import numpy as np

from . import _muforce

__all__ = [
    "Drawn",
    "PALETTE",
    "LINESTYLES",
    "existing_limits",
    "reach",
    "constraints",
    "g2",
    "overview",
    "OVERVIEW_EXPERIMENTS",
]

#: Colours of the projections, one per experiment: the Okabe–Ito palette (Okabe & Ito 2008,
#: https://jfly.uni-koeln.de/color/), ordered so that neighbours differ most; yellow, weak on
#: white, comes last.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)

#: Line patterns of the curves of one experiment (its models and scenarios), in order: solid,
#: dashed, dotted, dash-dotted, long dashes (the Rust figures' Dash::CYCLE,
#: crates/muforce_plot/src/dash.rs).
LINESTYLES = ("-", "--", ":", "-.", (0, (8, 2)))

#: Edge colours of the existing limits: dark greys and browns, apart from the projections'
#: (the Rust figures' OVERLAY_EDGES); each round through them uses the next edge pattern.
EXISTING_EDGES = ("#505050", "#785A32", "#3C506E", "#6E3C5A")
EXISTING_PATTERNS = ("--", "-.", (0, (1, 1.5)))
#: The one fill of every existing limit and its opacity (overlaps darken evenly).
EXISTING_FILL = "#808080"
EXISTING_ALPHA = 0.12

#: (g−2)_μ colours (favoured: green, excluded: red) and the expected-band colours (±1σ
#: green, ±2σ yellow), in Okabe–Ito tones as the Rust figures draw them
#: (crates/muforce_plot/src/palette.rs): bluish green against vermillion, and against yellow,
#: stay apart under deuteranopia and protanopia, where pure green, red and yellow do not.
G2_FAVOURED = "#009E73"
G2_EXCLUDED = "#D55E00"
G2_ALPHA = 0.25
EXPECTED_BANDS = {1: ("#009E73", 0.45), 2: ("#F0E442", 0.6)}

#: The experiments of `muforce figures`' overviews (crates/muforce_cli/src/cmd/figures.rs).
OVERVIEW_EXPERIMENTS = ("atlas-hllhc", "na64-dump", "fermilab-dump", "na64mu", "m3", "na62")

# Where a region has no upper edge (coupling_high empty: excluded up to where the scan or the
# source stops) its fill runs to _TOP, above any coupling axis (couplings are below 4π); a
# band reaching g = 0 starts at _BOTTOM. Neither enters the data limits of the axes.
_TOP = 1e12
_BOTTOM = 1e-30

MASS_LABEL = r"$m_X$ [GeV]"
COUPLING_LABEL = r"$g_X$"

_MODEL_TEX = {
    "lmu-ltau": r"$L_\mu - L_\tau$",
    "muon-vector": r"muon-only vector",
    "muon-scalar": r"muon-only scalar",
    "mass-scalar": r"mass-proportional scalar",
}


class Drawn(NamedTuple):
    """What one drawing call made for one curve.

    label: its legend text; line: the Line2D of its edges (None for a (g−2)_μ region); region:
    the PolyCollection of its fill (None for an unfilled projection or contour); bands: the
    expected bands of a projection, {1: ±1σ, 2: ±2σ} PolyCollections (empty unless asked).
    """

    label: str
    line: Line2D | None
    region: PolyCollection | None
    bands: dict


class RegionCollection(PolyCollection):
    """A shaded region whose edges are separate lines (so that no edge runs along the frame
    where the region leaves the plot); its legend entry shows the fill inside the edge style."""

    def __init__(self, verts, *, edge_color=None, edge_style="-", edge_width=1.0, **kwargs):
        kwargs.setdefault("linewidths", 0)
        kwargs.setdefault("edgecolors", "none")
        super().__init__(verts, **kwargs)
        self.legend_edge = (edge_color, edge_style, edge_width)


class _RegionHandler(HandlerBase):
    """Legend entry of a RegionCollection: a box of its fill with the edge of its lines."""

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize,
                       trans):
        color, style, lw = orig_handle.legend_edge
        face = orig_handle.get_facecolor()
        box = Rectangle(
            (-xdescent, -ydescent), width, height,
            facecolor=face[0] if len(face) else "none",
            edgecolor=color if color is not None else "none",
            linestyle=style, linewidth=lw, transform=trans,
        )
        return [box]


Legend.update_default_handler_map({RegionCollection: _RegionHandler()})


# ---------------------------------------------------------------------------------------------
# Geometry


def _runs(mask):
    """(start, stop) of each run of True in `mask`."""
    mask = np.asarray(mask, dtype=bool)
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)))


def _region_polygons(m, low, high):
    """The excluded region as polygons, one per run of masses where coupling_low is finite (a
    row without a limit breaks the region): lower edge forward, upper edge back; an empty
    coupling_high runs to the top of the plot, a zero coupling_low to its bottom."""
    m, low, high = (np.asarray(a, dtype=float) for a in (m, low, high))
    polygons = []
    for s, e in _runs(np.isfinite(low)):
        mm, lo, hi = m[s:e], low[s:e], high[s:e]
        hi = np.where(np.isfinite(hi), hi, _TOP)
        lo = np.where(lo > 0, lo, _BOTTOM)
        xs = np.concatenate([mm, mm[::-1]])
        ys = np.concatenate([lo, hi[::-1]])
        polygons.append(np.column_stack([xs, ys]))
    return polygons


def _edges(m, low, high):
    """The edges of an excluded region as one polyline with NaN breaks: the lower edge of each
    run of masses with a limit, and the upper edge where there is one, joined to the lower edge
    where it closes at the end of a run (an island). Every vertex is a number of the table."""
    m, low, high = (np.asarray(a, dtype=float) for a in (m, low, high))
    xs, ys = [], []

    def add(x, y):
        if xs:
            xs.append(np.nan)
            ys.append(np.nan)
        xs.extend(x)
        ys.extend(y)

    for s, e in _runs(np.isfinite(low)):
        add(m[s:e], low[s:e])
        for us, ue in _runs(np.isfinite(high[s:e])):
            a, b = s + us, s + ue
            x, y = list(m[a:b]), list(high[a:b])
            if a == s:
                x.insert(0, m[a])
                y.insert(0, low[a])
            if b == e:
                x.append(m[b - 1])
                y.append(low[b - 1])
            add(x, y)
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def _add_region(ax, m, low, high, *, face, alpha, edge=None, zorder=1.0, label=None):
    """A RegionCollection of the table's numbers, added without touching the data limits (its
    open ends lie far outside the plot)."""
    region = RegionCollection(
        _region_polygons(m, low, high),
        facecolors=face, alpha=alpha, zorder=zorder,
        edge_color=None if edge is None else edge[0],
        edge_style="-" if edge is None else edge[1],
        edge_width=1.0 if edge is None else edge[2],
        label=label,
    )
    ax.add_collection(region, autolim=False)
    return region


def _log_axes(ax):
    """Log–log axes with the field's labels (left alone where the caller set others)."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    if not ax.get_xlabel():
        ax.set_xlabel(MASS_LABEL)
    if not ax.get_ylabel():
        ax.set_ylabel(COUPLING_LABEL)


class _Styles:
    """The style registry of one Axes: one palette colour per experiment, in the order the
    experiments first appear, and the next line pattern per experiment (as the Rust
    overviews, crates/muforce_plot/src/overview.rs); existing limits take the next edge."""

    def __init__(self):
        self.colours = {}
        self.count = {}
        self.existing = 0

    def colour(self, experiment):
        if experiment not in self.colours:
            self.colours[experiment] = len(self.colours)
        return PALETTE[self.colours[experiment] % len(PALETTE)]

    def next_style(self, experiment):
        n = self.count.get(experiment, 0)
        self.count[experiment] = n + 1
        return self.colour(experiment), LINESTYLES[n % len(LINESTYLES)]

    def next_edge(self):
        n = self.existing
        self.existing += 1
        return (
            EXISTING_EDGES[n % len(EXISTING_EDGES)],
            EXISTING_PATTERNS[(n // len(EXISTING_EDGES)) % len(EXISTING_PATTERNS)],
        )


def _styles(ax):
    styles = getattr(ax, "_muforce_styles", None)
    if styles is None:
        styles = _Styles()
        ax._muforce_styles = styles
    return styles


# ---------------------------------------------------------------------------------------------
# Reach tables


def _table_curves(table, keep=None):
    """The curves of a reach table (the dict of `Experiment.scan()` or `read_reach_csv()`):
    one per (experiment, model, scenario) in order of first appearance, rows kept in table
    order (rows without a limit included, as NaN)."""
    for key in ("experiment", "model", "scenario", "mass_gev", "coupling_low", "coupling_high"):
        if key not in table:
            raise ValueError(
                f"table: no '{key}' column; expected the dict of Experiment.scan() or "
                "muforce.read_reach_csv()"
            )
    keys = list(zip(table["experiment"], table["model"], table["scenario"]))
    m = np.asarray(table["mass_gev"], dtype=float)
    low = np.asarray(table["coupling_low"], dtype=float)
    high = np.asarray(table["coupling_high"], dtype=float)
    order = list(dict.fromkeys(keys))
    curves = []
    for k in order:
        if keep is not None and not keep(*k):
            continue
        rows = np.array([key == k for key in keys], dtype=bool)
        curves.append({
            "experiment": k[0], "model": k[1], "scenario": k[2],
            "mass_gev": m[rows], "coupling_low": low[rows], "coupling_high": high[rows],
        })
    return curves


def _band_edge(bands, curve, band):
    """Masses and lower edges of one band (−2 … 2) of a curve in a bands table."""
    b = np.asarray(bands["band"])
    rows = (
        (np.asarray(bands["experiment"]) == curve["experiment"])
        & (np.asarray(bands["model"]) == curve["model"])
        & (np.asarray(bands["scenario"]) == curve["scenario"])
        & (b == band)
    )
    return (np.asarray(bands["mass_gev"], dtype=float)[rows],
            np.asarray(bands["coupling_low"], dtype=float)[rows])


def _expected_bands(ax, bands, curve, zorder):
    """The ±2σ (yellow) and ±1σ (green) expected bands of a curve: between the lower edges of
    bands −k and +k where both exclude something (docs/statistics.md; the Rust panels,
    crates/muforce/src/experiment/missing_momentum/figures.rs)."""
    out = {}
    for k in (2, 1):
        m_lo, lo = _band_edge(bands, curve, -k)
        m_hi, hi = _band_edge(bands, curve, k)
        if len(m_lo) == 0 or not np.array_equal(m_lo, m_hi):
            continue
        both = np.isfinite(lo) & np.isfinite(hi)
        if not both.any():
            continue
        colour, alpha = EXPECTED_BANDS[k]
        region = RegionCollection(
            _region_polygons(m_lo, np.where(both, lo, np.nan), np.where(both, hi, np.nan)),
            facecolors=colour, alpha=alpha, zorder=zorder,
            edge_color=colour, label=f"{curve['scenario']} expected $\\pm{k}\\sigma$",
        )
        ax.add_collection(region, autolim=False)
        out[k] = region
    return out


def reach(ax, table, *, label=None, bands=False, model=None, scenario=None, fill=False,
          **line_kwargs):
    """Draws the reach of a table: one line per (experiment, model, scenario).

    `table` is the dict of `Experiment.scan()` (or `muforce.read_reach_csv()`, or
    `Constraint.table()`). Each curve is the lower edge of the excluded couplings (coupling_low)
    against m_X, and its upper edge where the scan found one (coupling_high; a closed island is
    drawn closed); rows where nothing is excluded break the line, and curves that exclude
    nothing are left out, as in `muforce reach` (crates/muforce_plot/src/table_panel.rs).

    label: legend text, a format string of {experiment}, {model} and {scenario}; by default
    "{experiment} {scenario}", with " ({model})" when the table has several models.
    bands: also shade the expected ±1σ (green) and ±2σ (yellow) bands beneath each curve, from
    `scan(bands=True)["bands"]` (docs/statistics.md); ValueError when the table has none.
    model, scenario: draw only the rows of this model (a preset or spin) / scenario.
    fill: shade each excluded region lightly in its colour (the single-experiment panels).
    line_kwargs: Line2D properties (color, linestyle, linewidth, …) overriding the style: a
    palette colour per experiment, a line pattern per curve of that experiment, kept for the
    experiment across calls on the same Axes.

    Returns a list of `Drawn` (label, line, region, bands), one per curve drawn.
    """
    if bands and "bands" not in table:
        raise ValueError("bands: the table has no expected bands; use Experiment.scan(bands=True)")

    def keep(e, m, s):
        return (model is None or m == model) and (scenario is None or s == scenario)

    curves = [c for c in _table_curves(table, keep) if np.isfinite(c["coupling_low"]).any()]
    if label is None:
        several = len({c["model"] for c in curves}) > 1
        label = "{experiment} {scenario} ({model})" if several else "{experiment} {scenario}"
    styles = _styles(ax)
    drawn = []
    for c in curves:
        colour, pattern = styles.next_style(c["experiment"])
        kw = {"color": colour, "linestyle": pattern, "linewidth": 1.8, "zorder": 2.2}
        kw.update(line_kwargs)
        text = label.format(experiment=c["experiment"], model=c["model"], scenario=c["scenario"])
        x, y = _edges(c["mass_gev"], c["coupling_low"], c["coupling_high"])
        (line,) = ax.plot(x, y, label=text, **kw)
        region = None
        if fill:
            region = _add_region(ax, c["mass_gev"], c["coupling_low"], c["coupling_high"],
                                 face=line.get_color(), alpha=0.06, zorder=1.9)
        expected = _expected_bands(ax, table["bands"], c, zorder=1.8) if bands else {}
        drawn.append(Drawn(text, line, region, expected))
    _log_axes(ax)
    return drawn


# ---------------------------------------------------------------------------------------------
# Existing limits


def _is_spin(model):
    return model.strip().lower() == _muforce.model_spin(model)


# The muon-only preset of a bare spin: a panel of a muon-only X that escapes (ATLAS's `scalar`,
# `vector`) shows the existing limits of that preset (crates/muforce_plot/src/table_panel.rs,
# PanelConstraints::existing_for).
_MUON_ONLY = {"scalar": "muon-scalar", "vector": "muon-vector"}


def existing_limits(model, *, recast=True):
    """The existing limits on `model` as Constraint objects, as `muforce figures` finds them
    (muforce::recast::limits_for, docs/constraints.md "Recasting"): the shipped files of that
    model, and with `recast` the other shipped files recast to it where the physics allows
    (refused recasts and recasts that exclude nothing are left out).

    For a spin (scalar, vector, …): with `recast`, the limits of its muon-only preset
    (muon-scalar, muon-vector), as the reach panels of a bare spin show; without, the shipped
    files with a curve of that spin, unchanged (the spin overviews).
    """
    spin = _muforce.model_spin(model)
    if _is_spin(model):
        if recast and spin in _MUON_ONLY:
            return existing_limits(_MUON_ONLY[spin], recast=True)
        return [c for c in _muforce.shipped_constraints()
                if any(cv["spin"] == spin for cv in c.curves())]
    name = model.strip().lower()
    found = []
    for c in _muforce.shipped_constraints():
        if all(m.lower() == name for m in c.models):
            found.append(c)
        elif recast:
            try:
                r = _muforce.recast(c, to=name)
            except ValueError:
                continue  # the library refuses this recast (and says why)
            if np.isfinite(r.coupling_low).any():
                found.append(r)
    return found


def _strip_model(label, model):
    suffix = f" ({model})"
    return label[: -len(suffix)] if label.endswith(suffix) else label


def constraints(ax, model, *, recast=None, shipped=True, overlays=(), with_model=None,
                fill_color=EXISTING_FILL, fill_alpha=EXISTING_ALPHA, **line_kwargs):
    """Shades the existing limits on `model` (a preset such as lmu-ltau, or a spin).

    Each excluded region is one light grey fill (overlapping limits darken) with a dashed edge
    of its own dark colour and a legend entry; a contour that is not a CL limit (the ΔN_eff
    lines) is a solid line without fill — the convention of `muforce figures`
    (docs/constraints.md "Figures"; crates/muforce_plot/src/reach_figure.rs). Rows without a
    limit break a region (e.g. BaBar's J/ψ gap).

    recast: add the other shipped files recast to `model` (`existing_limits`); by default True
    for a preset (the per-model overviews) and False for a spin (the spin overviews, which
    draw every shipped file of that spin).
    shipped: draw the shipped files at all (False: only `overlays`).
    overlays: further Constraint objects (or paths of constraint files), drawn where their
    curves have the spin of `model` (as `--overlay FILE`).
    with_model: put each curve's model in its label (default: for a spin, not for a preset).
    fill_color, fill_alpha: the fill; line_kwargs: Line2D properties of the edges.

    Returns a list of `Drawn`, one per curve drawn.
    """
    spin = _muforce.model_spin(model)
    is_spin = _is_spin(model)
    if recast is None:
        recast = not is_spin
    if with_model is None:
        with_model = is_spin
    files = existing_limits(model, recast=recast) if shipped else []
    for o in overlays:
        files.append(o if isinstance(o, _muforce.Constraint) else _muforce.Constraint(str(o)))
    styles = _styles(ax)
    drawn = []
    for c in files:
        contour = c.display == "contour"
        for cv in c.curves():
            if cv["spin"] != spin or not np.isfinite(cv["coupling_low"]).any():
                continue
            text = cv["label"] if with_model else _strip_model(cv["label"], cv["model"])
            colour, pattern = styles.next_edge()
            kw = {"color": colour, "linestyle": "-" if contour else pattern,
                  "linewidth": 1.3, "zorder": 1.5}
            kw.update(line_kwargs)
            x, y = _edges(cv["mass_gev"], cv["coupling_low"], cv["coupling_high"])
            region = None
            if contour:
                (line,) = ax.plot(x, y, label=text, **kw)
            else:
                (line,) = ax.plot(x, y, label="_" + text, **kw)
                region = _add_region(
                    ax, cv["mass_gev"], cv["coupling_low"], cv["coupling_high"],
                    face=fill_color, alpha=fill_alpha, zorder=1.0, label=text,
                    edge=(line.get_color(), kw["linestyle"], line.get_linewidth()),
                )
            drawn.append(Drawn(text, line, region, {}))
    _log_axes(ax)
    return drawn


# ---------------------------------------------------------------------------------------------
# (g−2)_μ


def _decade_masses(m0, m1, per_decade=20):
    """Masses from m0 to m1 (GeV), `per_decade` per decade (the Rust overviews' band masses)."""
    n = max(1, math.ceil(math.log10(m1 / m0) * per_decade))
    return np.geomspace(m0, m1, n + 1)


def _fmt(x):
    return f"{x:g}"


def g2_label(kind, era, n_sigma, bound):
    """Legend text of a (g−2)_μ region in the field's typography."""
    if kind == "favoured":
        return rf"$(g-2)_\mu$ {era} $\pm{_fmt(n_sigma)}\sigma$"
    if bound:
        return rf"$(g-2)_\mu$ {era}: excluded ($\Delta a_\mu + {_fmt(n_sigma)}\sigma$)"
    return rf"$(g-2)_\mu$ {era}: excluded ($>{_fmt(n_sigma)}\sigma$)"


def g2(ax, spin_or_model, era="final-2025", *, n_sigma=2.0, excluded_sigma=None, masses=None,
       **fill_kwargs):
    """Shades the (g−2)_μ region of a spin (or of a model's spin) for an era.

    Where the era's Δa_μ is consistent with zero within `n_sigma` — final-2025, Δa_μ = 38.5 ±
    63.7 × 10⁻¹¹ (Muon g−2 arXiv:2506.03069 against the 2025 White Paper arXiv:2505.21476) —
    (g−2)_μ is an upper bound: the couplings with Δa_μ(g) > Δa_μ + nσ are shaded as excluded
    (red). For the older eras the band favoured within ±nσ is shaded (green) and, with
    `excluded_sigma`, the couplings more than that many σ away (red; 5σ as CPZ arXiv:1701.07437
    Fig. 5). The regions are `muforce.g2_regions` (one-loop Δa_μ of Jegerlehner & Nyffeler,
    Phys. Rept. 477 (2009) 1), the ones `muforce figures` draws (docs/constraints.md "(g−2)_μ").

    masses: the masses (GeV) of the region; by default 20 per decade across the Axes' mass
    range, or 1 MeV – 10 GeV on empty Axes. fill_kwargs: PolyCollection properties
    (facecolor, alpha, hatch, …) overriding the style.

    Returns a list of `Drawn` (line None, region the PolyCollection), excluded region first.
    """
    spin = _muforce.model_spin(spin_or_model)
    had_data = ax.has_data()
    if masses is None:
        m0, m1 = ax.get_xlim() if had_data else (1e-3, 10.0)
        if not (m0 > 0 and m1 > m0):
            m0, m1 = 1e-3, 10.0
        masses = _decade_masses(m0, m1)
    masses = np.asarray(masses, dtype=float)
    era_info = _muforce.g2_era(era)
    bound = era_info["delta_a_mu"] - n_sigma * era_info["sigma"] <= 0
    drawn = []
    for r in _muforce.g2_regions(spin, masses, era=era, n_sigma=n_sigma,
                                 excluded_sigma=excluded_sigma):
        favoured = r["kind"] == "favoured"
        colour = G2_FAVOURED if favoured else G2_EXCLUDED
        text = g2_label(r["kind"], r["era"], r["n_sigma"], bound)
        kw = {"facecolors": colour, "alpha": G2_ALPHA, "zorder": 0.5, "label": text}
        kw.update(fill_kwargs)
        if "facecolor" in kw:
            kw["facecolors"] = kw.pop("facecolor")
        region = RegionCollection(
            _region_polygons(r["mass_gev"], r["coupling_low"], r["coupling_high"]),
            edge_color=kw["facecolors"], **kw,
        )
        ax.add_collection(region, autolim=False)
        if not had_data:
            finite = np.concatenate([r["coupling_low"], r["coupling_high"]])
            finite = finite[np.isfinite(finite) & (finite > 0)]
            if len(finite):
                ax.update_datalim([(masses[0], finite.min()), (masses[-1], finite.max())])
        drawn.append(Drawn(text, None, region, {}))
    _log_axes(ax)
    if not had_data:
        ax.autoscale_view()
    return drawn


# ---------------------------------------------------------------------------------------------
# Overview


def _decade(n):
    return float(f"1e{int(n)}")


def _scan(item, method):
    """The reach table of an experiment name, path or Experiment (scanned here)."""
    e = item if isinstance(item, _muforce.Experiment) else None
    if e is None:
        e = _muforce.Experiment(str(item))
        if method is not None and e.family != "kaon":
            e = _muforce.Experiment(str(item), method=method)
    return e, e.scan()


def _select_rows(table, keep):
    """A reach table of the rows `keep(experiment, model, scenario)` accepts (its row columns;
    the bands table, which the curves look up by key, is kept whole)."""
    rows = [keep(e, m, s) for e, m, s in zip(table["experiment"], table["model"],
                                             table["scenario"])]
    rows = np.array(rows, dtype=bool)
    out = {}
    for key in ("experiment", "model", "scenario", "limit"):
        if key in table:
            out[key] = [v for v, r in zip(table[key], rows) if r]
    for key in ("mass_gev", "coupling_low", "coupling_high"):
        out[key] = np.asarray(table[key], dtype=float)[rows]
    if "bands" in table:
        out["bands"] = table["bands"]
    return out


def overview(model, *, experiments=None, ax=None, era="final-2025", n_sigma=2.0,
             excluded_sigma=5.0, method=None, existing=True, overlays=(), legend=True):
    """The overview figure of a model preset or a spin, as `muforce figures` draws
    overview_<model> (crates/muforce_plot/src/overview.rs, docs/constraints.md "Figures").

    For a preset: the projections computed for it and those of its bare spin (a muon-only X
    that escapes, e.g. ATLAS's `vector`, labelled "X unseen"), the existing limits on the
    model (shipped and recast), and the (g−2)_μ region of `era`. For a spin: every projection
    of that spin (labelled with its model where it is not the bare spin) and the shipped files
    of that spin.

    experiments: experiment names or TOML paths (scanned here; `method` overrides their
    production method), `muforce.Experiment` objects (scanned here) or reach tables (dicts of `Experiment.scan()`
    or `read_reach_csv`, drawn as given). By default those of `muforce figures`
    (OVERVIEW_EXPERIMENTS; the ATLAS exact scan takes a while, `method="ww"` is faster).
    Experiments without a model of this figure are not scanned. As in `muforce figures`, NA62
    shows its invisible and visible 10¹³ K⁺ projections and NA64μ leaves out its data-2024
    scenario, which the existing limits hold (these two selections apply to what is scanned
    here, not to tables passed in).
    ax: the Axes to draw on (default: a new figure). era, n_sigma, excluded_sigma: the
    (g−2)_μ region (`g2`; the 5σ exclusion only for eras with a favoured band). existing:
    draw the existing limits; overlays: further constraint files (`constraints`). legend: a
    legend to the right of the plot.

    Colours follow the experiments' order in `experiments` (one per experiment, whether or not
    it has a curve here), so a figure of each model keeps them. The axes span whole decades
    around the projections, the coupling axis up to 1.

    Returns (fig, ax).
    """
    import matplotlib.pyplot as plt

    spin = _muforce.model_spin(model)
    is_spin = _is_spin(model)
    name = model.strip().lower()
    default = experiments is None
    items = list(OVERVIEW_EXPERIMENTS if default else experiments)

    def wanted_model(m):
        if is_spin:
            return _muforce.model_spin(m) == spin
        return m == name or m == spin

    if ax is None:
        fig, ax = plt.subplots(figsize=(11.5, 6.2), layout="constrained")
    else:
        fig = ax.figure
    styles = _styles(ax)
    tables = []
    for item in items:
        if isinstance(item, dict):
            tables.append(item)
            for e in item["experiment"]:
                styles.colour(e)
            continue
        exp = item if isinstance(item, _muforce.Experiment) else _muforce.Experiment(str(item))
        styles.colour(exp.name)
        if not any(wanted_model(m) for m in exp.models):
            continue
        exp, table = _scan(item, method)
        if exp.name == "na62":
            table = _select_rows(table, lambda e, m, s: s in ("invisible", "visible"))
        elif exp.name == "na64mu" and existing:
            table = _select_rows(table, lambda e, m, s: not s.startswith("data-2024"))
        tables.append(table)

    curves = []
    for table in tables:
        if is_spin:
            for m in dict.fromkeys(table["model"]):
                if wanted_model(m):
                    text = "{experiment} {scenario}" if m == spin else "{experiment} {scenario} ({model})"
                    curves += reach(ax, table, model=m, label=text)
        else:
            for m in dict.fromkeys(table["model"]):
                if m == name:
                    curves += reach(ax, table, model=m, label="{experiment} {scenario}")
                elif m == spin:
                    curves += reach(ax, table, model=m,
                                    label="{experiment} {scenario} ({model}, X unseen)")
    if not curves:
        raise ValueError(f"overview: no reach table has a curve for {model}")

    # Whole decades around the projections, so that both ends carry a label.
    xs = np.concatenate([c.line.get_xdata() for c in curves])
    ys = np.concatenate([c.line.get_ydata() for c in curves])
    xs, ys = xs[np.isfinite(xs)], ys[np.isfinite(ys)]
    lo_m, hi_m = math.floor(math.log10(xs.min())), math.ceil(math.log10(xs.max()))
    mass_range = (_decade(lo_m), _decade(max(hi_m, lo_m + 1)))
    coupling_range = (_decade(math.floor(math.log10(ys.min() / 2))), 1.0)

    limits = []
    if existing or overlays:
        limits = constraints(ax, model, shipped=existing, overlays=overlays)
    bands = g2(ax, spin, era=era, n_sigma=n_sigma, excluded_sigma=excluded_sigma,
               masses=_decade_masses(*mass_range))
    ax.set_xlim(*mass_range)
    ax.set_ylim(*coupling_range)
    ax.tick_params(which="both", direction="in", top=True, right=True)
    ax.grid(which="major", color="0.85", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    what = name if is_spin else _MODEL_TEX.get(name, name)
    if is_spin:
        ax.set_title(f"{what} mediators: reach of every experiment ({era})")
    else:
        ax.set_title(f"{what}: existing limits and projections ({era})")
    if legend:
        handles = [d.region for d in bands]
        handles += [d.region if d.region is not None else d.line for d in limits]
        handles += [d.line for d in curves]
        ax.legend(handles=handles, labels=[h.get_label() for h in handles],
                  loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small",
                  frameon=True, borderaxespad=0.0)
    return fig, ax
