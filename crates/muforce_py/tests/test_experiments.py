"""Experiment histograms and the reach scan equal `muforce reach`."""

import math

import numpy as np
import pytest

import muforce


@pytest.fixture(scope="module")
def atlas():
    return muforce.Experiment("atlas-hllhc", method="ww")


def test_histograms(atlas):
    edges = atlas.edges
    scenario = atlas.scenarios[0]
    b = atlas.background(scenario)
    s1 = atlas.signal(scenario, "vector", 0.1, 1.0)
    s2 = atlas.signal(scenario, "vector", 0.1, 1e-2)
    assert len(b) == len(s1) == len(edges) - 1
    assert np.all(b >= 0) and np.all(s1 >= 0) and s1.sum() > 0
    # N_X ∝ g² (GKSST arXiv:1906.09272 Eq. 11).
    assert s2 == pytest.approx(s1 * 1e-4, rel=1e-12)


def test_scan_equals_cli(atlas, cli, tmp_path):
    cli("reach", "atlas-hllhc", "--method", "ww", "--out", tmp_path)
    ref = muforce.read_reach_csv(str(tmp_path / "reach.csv"))
    got = atlas.scan()
    assert got["model"] == ref["model"] and got["scenario"] == ref["scenario"]
    assert got["mass_gev"] == pytest.approx(ref["mass_gev"], rel=1e-6)
    for key in ("coupling_low", "coupling_high"):
        a, b = got[key], ref[key]
        assert np.array_equal(np.isnan(a), np.isnan(b))
        ok = ~np.isnan(a)
        # The CSV keeps 7 significant digits.
        assert a[ok] == pytest.approx(b[ok], rel=1e-6)
    assert len(got["mass_gev"]) == len(atlas.masses) * len(atlas.models) * len(atlas.scenarios)
    assert not any(math.isnan(m) for m in got["mass_gev"])
    # docs/constraints.md: the reach CSV of `muforce reach` is a constraint file.
    c = muforce.Constraint(str(tmp_path / "reach.csv"))
    assert c.cl == pytest.approx(atlas.confidence_level) and len(c) == len(got["mass_gev"])
    assert c.source.startswith("muforce") and c.models == atlas.models
    assert np.array_equal(c.coupling_low, ref["coupling_low"], equal_nan=True)


def test_hepdata_yaml_parses(atlas, cli, tmp_path):
    yaml = pytest.importorskip("yaml")
    cli("reach", "atlas-hllhc", "--method", "ww", "--out", tmp_path)
    for text in ((tmp_path / "reach.yaml").read_text(), atlas.scan()["hepdata_yaml"]):
        doc = yaml.safe_load(text)
        (mx,) = doc["independent_variables"]
        assert mx["header"] == {"name": "m_X", "units": "GeV"}
        masses = [v["value"] for v in mx["values"]]
        assert masses == pytest.approx(list(atlas.masses), rel=1e-6)
        deps = doc["dependent_variables"]
        assert len(deps) == 2 * len(atlas.models) * len(atlas.scenarios)
        for dep in deps:
            q = {x["name"]: x["value"] for x in dep["qualifiers"]}
            assert float(q["CL"]) == pytest.approx(0.95)
            assert q["model"] in atlas.models and q["scenario"] in atlas.scenarios
            assert q["experiment"] == atlas.name
            values = [v["value"] for v in dep["values"]]
            assert len(values) == len(masses)
            assert all(v == "-" or v > 0 for v in values)


def test_scan_bands_match_the_command(cli, tmp_path):
    """Experiment.scan(bands=True) gives the rows of `muforce reach --bands` (bands.csv);
    band 0 is the scan's expected limit (docs/statistics.md)."""
    atlas = muforce.Experiment("atlas-hllhc", method="ww")
    result = atlas.scan(bands=True)
    bands = result["bands"]
    cli("reach", "atlas-hllhc", "--method", "ww", "--bands", "--no-constraints", "--out", tmp_path)
    assert bands["csv"] == (tmp_path / "bands.csv").read_text()
    median = np.array(bands["band"]) == 0
    assert np.array_equal(bands["coupling_low"][median], result["coupling_low"], equal_nan=True)
    # A beam dump is a counting experiment: no pyhf workspace.
    with pytest.raises(ValueError, match="pyhf workspaces"):
        muforce.Experiment("na64mu").pyhf_workspaces()
