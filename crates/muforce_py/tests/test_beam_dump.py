"""Beam-dump experiments (family `beam-dump`) load and scan as `muforce reach` does."""

import numpy as np
import pytest

import muforce

DUMPS = ["na64-dump", "fermilab-dump", "na64mu", "m3"]


def test_every_builtin_loads():
    families = {name: muforce.Experiment(name).family for name in muforce.experiments()}
    assert set(families.values()) == {"missing-momentum", "beam-dump", "kaon"}
    assert all(families[name] == "beam-dump" for name in DUMPS)


# The files' own methods, except the Fermilab dump's exact scan (~30 s of CPU), run with WW on
# both sides: what is compared is the Python path against the command's.
METHODS = {"fermilab-dump": "ww"}


@pytest.mark.parametrize("name", DUMPS)
def test_scan_equals_cli(cli, tmp_path, name):
    method = METHODS.get(name)
    cli("reach", name, *(["--method", method] if method else []), "--out", tmp_path)
    ref = muforce.read_reach_csv(str(tmp_path / "reach.csv"))
    e = muforce.Experiment(name, method=method)
    got = e.scan()
    assert got["experiment"] == ref["experiment"] == [e.name] * len(got["experiment"])
    assert got["model"] == ref["model"] and got["scenario"] == ref["scenario"]
    assert got["mass_gev"] == pytest.approx(ref["mass_gev"], rel=1e-6)
    for key in ("coupling_low", "coupling_high"):
        a, b = got[key], ref[key]
        assert np.array_equal(np.isnan(a), np.isnan(b)), key
        ok = ~np.isnan(a)
        # The CSV keeps 7 significant digits.
        assert a[ok] == pytest.approx(b[ok], rel=1e-6)
    assert len(got["mass_gev"]) == len(e.masses) * len(e.models) * len(e.scenarios)
    # docs/constraints.md: the reach CSV of `muforce reach` is a constraint file.
    c = muforce.Constraint(str(tmp_path / "reach.csv"))
    assert c.cl == pytest.approx(e.confidence_level) and c.models == e.models


def test_method_override_and_histograms():
    e = muforce.Experiment("na64-dump", method="ww")
    assert e.method == "ww" and muforce.Experiment("na64-dump").method == "iww"
    with pytest.raises(ValueError, match="is a beam-dump experiment"):
        e.background(e.scenarios[0])
