"""Kaon experiments (family `kaon`, experiments/na62.toml) load and scan as `muforce reach` does."""

import numpy as np
import pytest

import muforce


@pytest.fixture(scope="module")
def na62():
    return muforce.Experiment("na62")


@pytest.fixture(scope="module")
def cli_table(cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("na62")
    cli("reach", "na62", "--out", out)
    return out / "reach.csv"


def test_attributes(na62):
    assert na62.family == "kaon" and na62.name == "na62"
    assert na62.method is None
    assert na62.confidence_level == pytest.approx(0.95)
    assert na62.models == ["muon-scalar", "lmu-ltau", "muon-vector"]
    assert "invisible" in na62.scenarios and "visible" in na62.scenarios
    # experiments/na62.toml: masses up to 0.385 GeV, just below m_K - m_mu.
    assert na62.masses[0] == pytest.approx(1e-3) and na62.masses[-1] <= 0.385 + 1e-12


def test_scan_equals_cli(na62, cli_table):
    ref = muforce.read_reach_csv(str(cli_table))
    got = na62.scan()
    assert got["experiment"] == ref["experiment"]
    assert got["model"] == ref["model"] and got["scenario"] == ref["scenario"]
    assert got["mass_gev"] == pytest.approx(ref["mass_gev"], rel=1e-6)
    for key in ("coupling_low", "coupling_high"):
        a, b = got[key], ref[key]
        assert np.array_equal(np.isnan(a), np.isnan(b)), key
        ok = ~np.isnan(a)
        assert ok.any()
        # The CSV keeps 7 significant digits.
        assert a[ok] == pytest.approx(b[ok], rel=1e-6)
    n = len(na62.masses) * len(na62.models) * len(na62.scenarios)
    assert len(got["mass_gev"]) == n
    # docs/constraints.md: the reach CSV of `muforce reach` is a constraint file.
    c = muforce.Constraint(str(cli_table))
    assert c.cl == pytest.approx(na62.confidence_level) and c.models == na62.models


def test_hepdata_yaml_parses(na62):
    yaml = pytest.importorskip("yaml")
    doc = yaml.safe_load(na62.scan()["hepdata_yaml"])
    (mx,) = doc["independent_variables"]
    assert [v["value"] for v in mx["values"]] == pytest.approx(list(na62.masses), rel=1e-6)
    assert len(doc["dependent_variables"]) == 2 * len(na62.models) * len(na62.scenarios)


def test_histograms_and_method_are_errors(na62):
    with pytest.raises(ValueError, match="is a kaon experiment"):
        na62.signal("invisible", "vector", 0.1, 1e-3)
    with pytest.raises(ValueError, match="is a kaon experiment"):
        na62.edges
    with pytest.raises(ValueError, match="method"):
        muforce.Experiment("na62", method="ww")


def test_bands_observed_rows_and_workspaces_match_the_command(na62, cli, tmp_path):
    """scan(bands=True) and pyhf_workspaces() give what `muforce reach na62 --bands --pyhf`
    writes: the same bands.csv, the `limit` column (the pseudo-data scenario observed), and
    the same index.json and workspaces."""
    import json

    result = na62.scan(bands=True)
    cli("reach", "na62", "--bands", "--no-constraints", "--out", tmp_path / "r", "--pyhf", tmp_path / "w")
    assert result["bands"]["csv"] == (tmp_path / "r" / "bands.csv").read_text()
    observed = [s for s, kind in zip(result["scenario"], result["limit"]) if kind == "observed"]
    assert observed and set(observed) == {"invisible-2015-pseudo-data"}
    assert "invisible-cut-count-kappa=1e-3" not in set(result["bands"]["scenario"])
    ws = na62.pyhf_workspaces()
    index = json.loads((tmp_path / "w" / "index.json").read_text())
    assert ws["index"] == index
    first = index["workspaces"][0]
    assert ws["workspaces"][first["file"]] == json.loads((tmp_path / "w" / first["file"]).read_text())
    # The reference coupling is the analysis's own limit: the workspace's CLs limit on mu is O(1).
    assert all(0.1 < e["muforce_mu_cls"] < 10 for e in index["workspaces"])
