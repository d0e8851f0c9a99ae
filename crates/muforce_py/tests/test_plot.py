"""muforce.plot: the artists carry the numbers of the tables, constraint files and (g−2)_μ
regions they draw, on log–log axes with the field's labels; `import muforce` alone does not
import matplotlib."""

import math
import subprocess
import sys

import numpy as np
import pytest

import muforce


def _run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_import_muforce_does_not_import_matplotlib():
    out = _run(
        "import sys, muforce\n"
        "assert 'matplotlib' not in sys.modules, 'import muforce imported matplotlib'\n"
        "assert 'muforce.plot' not in sys.modules\n"
        "print(muforce.Experiment, muforce.g2_regions)\n"
    )
    assert out.returncode == 0, out.stderr


def test_plot_without_matplotlib_says_what_to_install():
    # sys.modules[name] = None makes `import name` fail as if it were not installed.
    out = _run(
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"
        "import muforce\n"
        "try:\n"
        "    import muforce.plot\n"
        "except ImportError as e:\n"
        "    print(e)\n"
        "else:\n"
        "    raise SystemExit('imported without matplotlib')\n"
    )
    assert out.returncode == 0, out.stderr
    assert "pip install muforce[plot]" in out.stdout


def test_g2_era_equals_the_command(cli):
    # The same era table as `muforce g2 --era` (REFERENCE §5).
    assert muforce.g2_eras() == ["e821-2006", "fnal-2021", "fnal-2023", "final-2025"]
    for era in muforce.g2_eras():
        ref = cli("g2", "--spin", "vector", "--mass", 0.05, "--era", era, "--json")
        got = muforce.g2_era(era)
        assert got["name"] == ref["era"] and got["reference"] == ref["reference"]
        assert got["a_mu_exp"] == pytest.approx(ref["a_mu_exp"], rel=1e-15)
        assert got["a_mu_sm"] == pytest.approx(ref["a_mu_sm"], rel=1e-15)
        assert got["delta_a_mu"] == pytest.approx(ref["delta_a_mu_exp"], rel=1e-15)
        assert got["sigma"] == pytest.approx(ref["delta_a_mu_sigma"], rel=1e-15)
    with pytest.raises(ValueError, match="era"):
        muforce.g2_era("bnl-1999")


def test_g2_regions_follow_the_era():
    masses = np.array([0.01, 0.1, 1.0])
    # final-2025 (38.5 ± 63.7e-11) is consistent with zero at 2σ: one excluded region above
    # Δa_μ + 2σ, whose edge is g2_band's excluded_above; REFERENCE §8 item 1 (vector, 10 MeV):
    # √((38.5 + 2·63.7)e-11 / 9.912e-3) = 4.091e-4.
    (bound,) = muforce.g2_regions("lmu-ltau", masses, era="final-2025", excluded_sigma=5.0)
    assert bound["kind"] == "excluded" and bound["n_sigma"] == 2.0
    band = muforce.g2_band("vector", masses, era="final-2025", n_sigma=2.0)
    assert np.array_equal(bound["coupling_low"], band["excluded_above"])
    assert bound["coupling_low"][0] == pytest.approx(4.091e-4, rel=1e-3)
    assert np.all(np.isinf(bound["coupling_high"]))
    # fnal-2021 (251 ± 59e-11): the 5σ exclusion, then the favoured ±2σ band.
    excluded, favoured = muforce.g2_regions("vector", masses, era="fnal-2021",
                                            excluded_sigma=5.0)
    assert (excluded["kind"], excluded["n_sigma"]) == ("excluded", 5.0)
    assert (favoured["kind"], favoured["n_sigma"]) == ("favoured", 2.0)
    two = muforce.g2_band("vector", masses, era="fnal-2021", n_sigma=2.0)
    five = muforce.g2_band("vector", masses, era="fnal-2021", n_sigma=5.0)
    assert np.array_equal(favoured["coupling_low"], two["coupling_low"])
    assert np.array_equal(favoured["coupling_high"], two["coupling_high"])
    assert np.array_equal(excluded["coupling_low"], five["excluded_above"])
    # Without excluded_sigma only the band; a pseudoscalar lowers a_μ: no band at all.
    assert [r["kind"] for r in muforce.g2_regions("vector", masses, era="fnal-2021")] == [
        "favoured"]
    assert muforce.g2_regions("pseudoscalar", masses, era="fnal-2021") == []
    with pytest.raises(ValueError, match="model"):
        muforce.g2_regions("dark-photon", masses)


# ---------------------------------------------------------------------------------------------
# Drawing (needs matplotlib)


@pytest.fixture(scope="module")
def plt():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


@pytest.fixture(scope="module")
def mplot(plt):
    from muforce import plot

    return plot


@pytest.fixture(scope="module")
def m3():
    return muforce.Experiment("m3").scan()


@pytest.fixture
def ax(plt):
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def _table(rows, **extra):
    """A reach table dict as Experiment.scan() returns it, from (exp, model, scen, m, lo, hi)."""
    cols = list(zip(*rows))
    t = {
        "experiment": list(cols[0]), "model": list(cols[1]), "scenario": list(cols[2]),
        "mass_gev": np.array(cols[3], dtype=float),
        "coupling_low": np.array(cols[4], dtype=float),
        "coupling_high": np.array(cols[5], dtype=float),
    }
    t.update(extra)
    return t


def _finite_points(line):
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    ok = np.isfinite(x) & np.isfinite(y)
    return x[ok], y[ok]


def _legend_labels(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_reach_line_is_the_table(ax, mplot, m3):
    drawn = mplot.reach(ax, m3)
    scenarios = np.array(m3["scenario"])
    assert [d.label for d in drawn] == ["m3 phase-1", "m3 phase-2"]
    for d, scenario in zip(drawn, ["phase-1", "phase-2"]):
        rows = scenarios == scenario
        # An open region: the line is the lower edge, row by row.
        assert np.array_equal(d.line.get_xdata(), m3["mass_gev"][rows])
        assert np.array_equal(d.line.get_ydata(), m3["coupling_low"][rows])
        assert d.region is None and d.bands == {}
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "$m_X$ [GeV]" and ax.get_ylabel() == "$g_X$"
    # One experiment: one colour, a pattern per curve; both from the palette.
    a, b = (d.line for d in drawn)
    assert a.get_color() == b.get_color() == mplot.PALETTE[0]
    assert a.get_linestyle() != b.get_linestyle()


def test_reach_gaps_islands_and_filters(ax, mplot):
    nan = math.nan
    table = _table([
        ("dump", "muon-scalar", "A", 0.01, 1e-5, 1e-3),
        ("dump", "muon-scalar", "A", 0.02, 2e-5, 5e-4),
        ("dump", "muon-scalar", "A", 0.05, nan, nan),   # nothing excluded: a gap
        ("dump", "muon-scalar", "A", 0.10, 3e-5, nan),  # open above
        ("dump", "muon-scalar", "A", 0.20, 4e-5, nan),
        ("dump", "mass-scalar", "A", 0.01, 2e-5, nan),
        ("dump", "mass-scalar", "B", 0.01, nan, nan),   # excludes nothing: no curve
    ])
    drawn = mplot.reach(ax, table, fill=True)
    assert [d.label for d in drawn] == ["dump A (muon-scalar)", "dump A (mass-scalar)"]
    x, y = (np.asarray(v, float) for v in (drawn[0].line.get_xdata(), drawn[0].line.get_ydata()))
    # Lower edge of the island, its upper edge closed onto the lower one at both ends, a break,
    # then the lower edge of the open run.
    expect_x = [0.01, 0.02, nan, 0.01, 0.01, 0.02, 0.02, nan, 0.10, 0.20]
    expect_y = [1e-5, 2e-5, nan, 1e-5, 1e-3, 5e-4, 2e-5, nan, 3e-5, 4e-5]
    assert np.array_equal(x, expect_x, equal_nan=True)
    assert np.array_equal(y, expect_y, equal_nan=True)
    # The fill: one polygon per run; the open run reaches above any coupling axis.
    island, open_run = drawn[0].region.get_paths()
    assert np.allclose(island.vertices[:4], [(0.01, 1e-5), (0.02, 2e-5), (0.02, 5e-4),
                                            (0.01, 1e-3)])
    assert np.all(open_run.vertices[2:4, 1] > 1e3)
    # Filters and labels.
    only = mplot.reach(ax, table, model="mass-scalar", label="{experiment}/{model}",
                       color="k", linewidth=3)
    assert [d.label for d in only] == ["dump/mass-scalar"]
    assert only[0].line.get_color() == "k" and only[0].line.get_linewidth() == 3
    assert mplot.reach(ax, table, scenario="C") == []
    with pytest.raises(ValueError, match="bands"):
        mplot.reach(ax, table, bands=True)
    with pytest.raises(ValueError, match="mass_gev"):
        mplot.reach(ax, {"experiment": [], "model": [], "scenario": []})


def test_experiments_keep_their_colours(ax, mplot):
    t = lambda e: _table([(e, "vector", "s", 0.1, 1e-4, math.nan)])  # noqa: E731
    a = mplot.reach(ax, t("one"))[0].line
    b = mplot.reach(ax, t("two"))[0].line
    c = mplot.reach(ax, t("one"))[0].line
    assert a.get_color() == c.get_color() == mplot.PALETTE[0]
    assert b.get_color() == mplot.PALETTE[1]
    assert a.get_linestyle() != c.get_linestyle()


def test_expected_bands(ax, mplot):
    rows = [("e", "vector", "s", m, lo, math.nan) for m, lo in [(0.1, 1e-4), (0.2, 2e-4)]]
    band_rows = []
    for k, f in [(-2, 0.5), (-1, 0.7), (0, 1.0), (1, 1.4), (2, 2.0)]:
        band_rows += [("e", "vector", "s", m, f * lo, math.nan) for _, _, _, m, lo, _ in rows]
    bands = _table(band_rows, band=[-2] * 2 + [-1] * 2 + [0] * 2 + [1] * 2 + [2] * 2)
    (d,) = mplot.reach(ax, _table(rows, bands=bands), bands=True)
    assert sorted(d.bands) == [1, 2]
    (one,) = d.bands[1].get_paths()
    # Between the lower edges of bands −1 and +1.
    assert np.allclose(one.vertices[:4], [(0.1, 0.7e-4), (0.2, 1.4e-4), (0.2, 2.8e-4),
                                         (0.1, 1.4e-4)])
    (two,) = d.bands[2].get_paths()
    assert np.allclose(two.vertices[:2, 1], [0.5e-4, 1e-4])
    assert np.allclose(two.vertices[2:4, 1], [4e-4, 2e-4])


def test_expected_bands_of_a_scan(ax, mplot):
    # NA64μ's MOT=1e11 scenario: band +2 is weaker than the median (docs/statistics.md).
    scan = muforce.Experiment("na64mu").scan(bands=True)
    drawn = mplot.reach(ax, scan, scenario="MOT=1e11", bands=True)
    (d,) = drawn
    b = scan["bands"]
    sel = lambda k: (np.array(b["scenario"]) == "MOT=1e11") & (np.array(b["band"]) == k)  # noqa
    (two,) = d.bands[2].get_paths()
    n = int(sel(-2).sum())
    assert np.array_equal(two.vertices[:n, 1], b["coupling_low"][sel(-2)])
    assert np.array_equal(two.vertices[n:2 * n, 1], b["coupling_low"][sel(2)][::-1])


def _shipped(label):
    (c,) = [c for c in muforce.shipped_constraints() if c.label == label]
    return c


def test_constraints_shade_the_shipped_numbers(ax, mplot):
    drawn = mplot.constraints(ax, "lmu-ltau")
    labels = [d.label for d in drawn]
    files = [c for c in muforce.shipped_constraints() if c.models == ["lmu-ltau"]]
    # The files of the model (not recast), then the others recast where allowed; none of the
    # mass-scalar files can move to L_mu - L_tau (their signature).
    assert labels[:2] == ["BaBar 2016", "Belle II 2020 (invisible)"]
    assert all("recast" not in label for label in labels)
    assert "BaBar 2020" not in labels
    assert len(labels) == sum(len(c.curves()) for c in files)
    babar_c = _shipped("BaBar 2016")
    babar = drawn[labels.index("BaBar 2016")]
    paths = babar.region.get_paths()
    # DarkCast's sentinel rows (docs/constraints.md): rows without a limit split the region.
    low = babar_c.coupling_low
    runs = np.flatnonzero(np.diff(np.concatenate([[0], np.isfinite(low), [0]])) == 1)
    assert len(paths) == len(runs)
    lower = np.concatenate([p.vertices[: len(p.vertices) // 2] for p in paths])
    ok = np.isfinite(low)
    assert np.array_equal(lower[:, 0], babar_c.mass_gev[ok])
    assert np.array_equal(lower[:, 1], low[ok])
    x, y = _finite_points(babar.line)
    assert np.array_equal(x, babar_c.mass_gev[ok]) and np.array_equal(y, low[ok])
    assert babar.line.get_linestyle() == "--"
    # Regions: one grey fill; contours: solid lines without fill.
    fills = {tuple(np.round(d.region.get_facecolor()[0][:3], 3)) for d in drawn if d.region}
    assert fills == {(0.502, 0.502, 0.502)}
    contours = [d for d in drawn if d.label.startswith("ΔN_eff")]
    assert len(contours) == 2
    assert all(d.region is None and d.line.get_linestyle() == "-" for d in contours)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    ax.legend()
    assert "BaBar 2016" in _legend_labels(ax)


def test_constraints_recast_to_the_model(ax, mplot):
    drawn = mplot.constraints(ax, "muon-vector")
    expected = mplot.existing_limits("muon-vector")
    assert [d.label for d in drawn] == [c.label for c in expected]
    assert "BaBar 2016 (recast to muon-vector)" in [d.label for d in drawn]
    recast = muforce.recast(_shipped("BaBar 2016"), to="muon-vector")
    d = drawn[[x.label for x in drawn].index(recast.label)]
    x, y = _finite_points(d.line)
    ok = np.isfinite(recast.coupling_low)
    assert np.array_equal(x, recast.mass_gev[ok]) and np.array_equal(y, recast.coupling_low[ok])
    assert mplot.constraints(ax, "muon-vector", recast=False) == []


def test_constraints_of_a_spin_and_overlays(ax, mplot, tmp_path):
    drawn = mplot.constraints(ax, "scalar")
    # The spin figures: every shipped file of that spin, labelled with its model.
    assert [d.label for d in drawn] == ["BaBar 2020 (mass-scalar)", "Belle 2024 (mass-scalar)"]
    path = tmp_path / "mine.csv"
    path.write_text(
        "# label: Mine\n# source: made-up numbers for the test\n# cl: 0.9\n"
        "experiment,model,scenario,mass_gev,coupling_low,coupling_high\n"
        "x,muon-scalar,a,0.01,1e-3,2e-3\nx,muon-scalar,a,0.1,2e-3,3e-3\n"
    )
    (mine,) = mplot.constraints(ax, "scalar", shipped=False, overlays=[path])
    assert mine.label == "Mine (muon-scalar)"
    (poly,) = mine.region.get_paths()
    assert np.allclose(poly.vertices[:4], [(0.01, 1e-3), (0.1, 2e-3), (0.1, 3e-3), (0.01, 2e-3)])
    assert mplot.constraints(ax, "vector", shipped=False, overlays=[path]) == []


def test_g2_draws_the_regions(ax, mplot):
    masses = np.geomspace(1e-3, 1.0, 31)
    (bound,) = mplot.g2(ax, "lmu-ltau", masses=masses)
    ref = muforce.g2_band("vector", masses, era="final-2025", n_sigma=2.0)
    (poly,) = bound.region.get_paths()
    assert np.array_equal(poly.vertices[: len(masses), 0], masses)
    assert np.array_equal(poly.vertices[: len(masses), 1], ref["excluded_above"])
    assert np.all(poly.vertices[len(masses): 2 * len(masses), 1] > 1e3)
    assert "final-2025" in bound.label and r"\Delta a_\mu + 2\sigma" in bound.label
    # Okabe-Ito vermillion, the Rust figures' excluded region (crates/muforce_plot/src/palette.rs).
    assert np.allclose(bound.region.get_facecolor()[0][:3],
                       [0xD5 / 255, 0x5E / 255, 0x00 / 255])
    # On empty axes the region sets the limits: log axes around it.
    assert ax.get_xscale() == "log"
    lo, hi = ax.get_xlim()
    assert lo <= 1e-3 and hi >= 1.0
    excluded, favoured = mplot.g2(ax, "vector", era="fnal-2021", excluded_sigma=5,
                                  masses=masses, hatch="//")
    two = muforce.g2_band("vector", masses, era="fnal-2021", n_sigma=2.0)
    (band,) = favoured.region.get_paths()
    assert np.array_equal(band.vertices[: len(masses), 1], two["coupling_low"])
    assert np.array_equal(band.vertices[len(masses): 2 * len(masses), 1],
                          two["coupling_high"][::-1])
    assert r"\pm2\sigma" in favoured.label and ">5" in excluded.label
    assert favoured.region.get_hatch() == "//"
    assert mplot.g2(ax, "pseudoscalar", era="fnal-2021", masses=masses) == []


def test_g2_follows_the_axes_masses(ax, mplot, m3):
    mplot.reach(ax, m3)
    ax.set_xlim(2e-3, 0.5)
    (bound,) = mplot.g2(ax, "lmu-ltau")
    xs = bound.region.get_paths()[0].vertices[:, 0]
    assert xs.min() == pytest.approx(2e-3) and xs.max() == pytest.approx(0.5)
    # The region does not move the limits the data set.
    assert ax.get_xlim() == pytest.approx((2e-3, 0.5))


def test_overview_of_a_model(plt, mplot, m3):
    fig, ax = mplot.overview("lmu-ltau", experiments=["na64-dump", m3])
    labels = _legend_labels(ax)
    # (g−2)_μ first, then existing limits, then projections, as `muforce figures`.
    assert labels[0].startswith("$(g-2)_\\mu$ final-2025: excluded")
    assert "BaBar 2016" in labels and labels[-2:] == ["m3 phase-1", "m3 phase-2"]
    # Decades around the projections, couplings up to 1.
    low = m3["coupling_low"]
    assert ax.get_xlim() == (1e-3, 1.0)
    assert ax.get_ylim() == (10.0 ** math.floor(math.log10(np.nanmin(low) / 2)), 1.0)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "$m_X$ [GeV]" and ax.get_ylabel() == "$g_X$"
    assert "existing limits and projections (final-2025)" in ax.get_title()
    # Colours follow the list of experiments: na64-dump (no L_mu - L_tau model) keeps the first.
    lines = [l for l in ax.get_lines() if l.get_label() == "m3 phase-1"]
    assert lines[0].get_color() == mplot.PALETTE[1]
    assert fig is ax.figure
    plt.close(fig)


def test_overview_scans_and_selects_like_the_command(plt, mplot):
    fig, ax = mplot.overview("muon-vector", experiments=["na62"], existing=False)
    labels = _legend_labels(ax)
    # NA62: its invisible and visible 1e13 K+ projections only; the 2025 bound; no limits.
    assert labels == [labels[0], "na62 invisible", "na62 visible"]
    assert "excluded" in labels[0]
    plt.close(fig)


def test_overview_of_a_spin_and_bare_spin_rows(plt, mplot, m3):
    atlas_like = _table([
        ("atlas", "vector", "Z/A", 0.01, 3e-4, math.nan),
        ("atlas", "vector", "Z/A", 0.1, 5e-4, math.nan),
        ("atlas", "scalar", "Z/A", 0.01, 2e-4, math.nan),
    ])
    fig, ax = mplot.overview("vector", experiments=[atlas_like, m3], legend=True)
    labels = _legend_labels(ax)
    assert "atlas Z/A" in labels and "m3 phase-1 (lmu-ltau)" in labels
    assert not any("scalar" in label for label in labels)
    assert "vector mediators" in ax.get_title()
    plt.close(fig)
    fig, ax = mplot.overview("lmu-ltau", experiments=[atlas_like, m3], existing=False)
    assert "atlas Z/A (vector, X unseen)" in _legend_labels(ax)
    plt.close(fig)
    with pytest.raises(ValueError, match="mass-scalar"):
        mplot.overview("mass-scalar", experiments=[m3])
    plt.close("all")
