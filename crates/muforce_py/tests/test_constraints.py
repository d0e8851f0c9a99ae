"""Constraint files: the shipped ones and any file of the documented format (docs/constraints.md)."""

import csv
import math
import pathlib

import numpy as np
import pytest

import muforce

REPO = pathlib.Path(__file__).resolve().parents[3]
BABAR = REPO / "data" / "constraints" / "babar_2016_lmu_ltau.csv"
HEADER = "experiment,model,scenario,mass_gev,coupling_low,coupling_high"


def _csv_rows(path):
    """The data rows of a constraint file read with Python's csv module (an independent parser)."""
    lines = [l for l in path.read_text().splitlines() if l.strip() and not l.startswith("#")]
    return list(csv.DictReader(lines))


def _cell(text):
    return float(text) if text.strip() else math.nan


def _shipped(label):
    (found,) = [c for c in muforce.shipped_constraints() if c.label == label]
    return found


def test_shipped_babar():
    babar = _shipped("BaBar 2016")
    assert babar.path == "data/constraints/babar_2016_lmu_ltau.csv"
    assert babar.signature == "visible mu mu" and babar.display == "region"
    assert babar.trust.startswith("HIGH")
    assert babar.cl == pytest.approx(0.9)
    assert "arXiv:1606.03501" in babar.source
    assert babar.model == "lmu-ltau" and babar.models == ["lmu-ltau"]
    assert babar.spin == "vector"
    low = babar.coupling_low
    # BaBar, PRD 94 (2016) 011102, abstract: limits on g' "as low as 7 x 10^-4" for
    # 0.212 < m_Z' < 10 GeV.
    assert np.nanmin(low) == pytest.approx(7e-4, rel=0.05)
    assert np.all((babar.mass_gev > 0.212) & (babar.mass_gev < 10.0))
    # docs/constraints.md: DarkCast's three sentinel rows (both ends, a gap at 0.3096 GeV) are
    # rows without a limit; every other row is an upper limit (coupling_high empty).
    gaps = babar.mass_gev[np.isnan(low)]
    assert len(gaps) == 3 and np.any(np.isclose(gaps, 0.3096, rtol=1e-3))
    assert np.all(np.isnan(babar.coupling_high))


def test_file_equals_csv_module():
    c = muforce.Constraint(str(BABAR))
    rows = _csv_rows(BABAR)
    assert c.path == str(BABAR) and len(c) == len(rows)
    assert np.array_equal(c.mass_gev, [float(r["mass_gev"]) for r in rows])
    for key in ("coupling_low", "coupling_high"):
        ref = np.array([_cell(r[key]) for r in rows])
        assert np.array_equal(getattr(c, key), ref, equal_nan=True)
    # The built-in copy is the same file.
    shipped = _shipped("BaBar 2016")
    assert np.array_equal(shipped.coupling_low, c.coupling_low, equal_nan=True)
    assert c.table()["model"] == [r["model"] for r in rows]


def test_curves_split_models(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(
        "# source: made-up numbers for the loader only\n# cl: 0.95\n"
        f"{HEADER}\n"
        "x,muon-scalar,a,0.01,1e-4,1e-2\nx,muon-scalar,a,0.1,,\nx,muon-scalar,a,0.2,2e-4,\n"
        "x,lmu-ltau,a,0.01,3e-4,\n"
    )
    c = muforce.Constraint(str(path))
    assert c.label is None and c.cl == pytest.approx(0.95)
    assert c.models == ["muon-scalar", "lmu-ltau"]
    with pytest.raises(ValueError, match="several models"):
        c.model
    with pytest.raises(ValueError, match="several spins"):
        c.spin
    first, second = c.curves()
    assert first["label"] == "x a (muon-scalar)" and first["spin"] == "scalar"
    assert np.array_equal(first["mass_gev"], [0.01, 0.1, 0.2])
    assert np.array_equal(first["coupling_low"], [1e-4, np.nan, 2e-4], equal_nan=True)
    assert np.array_equal(first["coupling_high"], [1e-2, np.nan, np.nan], equal_nan=True)
    assert second["model"] == "lmu-ltau" and second["spin"] == "vector"


@pytest.mark.parametrize(
    "rows,message",
    [
        ("x,lmu-ltau,a,0.1,0,\n", "line 4: coupling_low = 0"),
        ("x,lmu-ltau,a,0.1,1e-3,1e-4\n", "line 4: coupling_high"),
        ("x,dark-photon,a,0.1,1e-3,\n", "line 4: unknown model 'dark-photon'"),
        ("x,lmu-ltau,a,0.2,1e-3,\nx,lmu-ltau,a,0.1,1e-3,\n", "line 5: mass_gev = 0.1"),
    ],
)
def test_bad_file_raises_value_error(tmp_path, rows, message):
    path = tmp_path / "bad.csv"
    path.write_text(f"# source: s\n# cl: 0.9\n{HEADER}\n{rows}")
    with pytest.raises(ValueError, match=str(path)) as err:
        muforce.Constraint(str(path))
    assert message in str(err.value)


def test_missing_header_and_file(tmp_path):
    path = tmp_path / "nocl.csv"
    path.write_text(f"# source: s\n{HEADER}\nx,vector,a,0.1,1e-3,\n")
    with pytest.raises(ValueError, match="cl"):
        muforce.Constraint(str(path))
    with pytest.raises(ValueError, match="missing.csv"):
        muforce.Constraint(str(tmp_path / "missing.csv"))


@pytest.mark.parametrize(
    "model,spin",
    # docs/constraints.md: presets muon-scalar and mass-scalar are scalars (CPZ models B and A),
    # lmu-ltau and muon-vector vectors; a spin name is its own spin.
    [("muon-scalar", "scalar"), ("mass-scalar", "scalar"), ("lmu-ltau", "vector"),
     ("muon-vector", "vector"), ("axial-vector", "axial-vector")],
)
def test_model_spin(model, spin):
    assert muforce.model_spin(model) == spin


def test_model_spin_unknown():
    with pytest.raises(ValueError, match="model"):
        muforce.model_spin("dark-photon")


def test_shipped_by_model_matches_the_command(cli):
    """`shipped_constraints(model=M)` lists the files `muforce constraints list --model M` lists."""
    for model in ("lmu-ltau", "mass-scalar", "muon-scalar"):
        listed = cli("constraints", "list", "--model", model, "--json")
        files = [c.path for c in muforce.shipped_constraints(model=model)]
        assert files == [e["file"] for e in listed]
        for c, e in zip(muforce.shipped_constraints(model=model), listed):
            assert c.signature == e["signature"] and c.cl == e["cl"]
    assert len(muforce.shipped_constraints(model="mass-scalar")) == 2
    with pytest.raises(ValueError, match="dark-photon"):
        muforce.shipped_constraints(model="dark-photon")


def test_recast_matches_the_command(cli, tmp_path):
    """muforce.recast gives the rows of `muforce constraints recast` (same library rule)."""
    out = tmp_path / "babar_muon_vector.csv"
    cli("constraints", "recast", "babar_2016_lmu_ltau.csv", "--to", "muon-vector", "--out", out)
    from_cli = muforce.Constraint(str(out))
    recast = muforce.recast(_shipped("BaBar 2016"), to="muon-vector")
    assert recast.model == "muon-vector" and "recast to muon-vector" in recast.label
    assert np.array_equal(recast.mass_gev, from_cli.mass_gev)
    assert np.allclose(recast.coupling_low, from_cli.coupling_low, rtol=1e-6, equal_nan=True)
    # A muon-only vector has BR(X -> mu mu) = 1 where the L_mu - L_tau boson shares its width
    # with neutrinos, so the recast limit is stronger wherever both exist.
    old = _shipped("BaBar 2016")
    both = ~np.isnan(old.coupling_low)
    new_at_old = np.interp(old.mass_gev[both], recast.mass_gev, recast.coupling_low)
    assert np.all(new_at_old < old.coupling_low[both])


def test_recast_refusals_raise_value_error():
    ccfr = _shipped("CCFR trident")
    with pytest.raises(ValueError, match="neutrino"):
        muforce.recast(ccfr, to="muon-vector")
    with pytest.raises(ValueError, match="experiment"):
        muforce.recast(_shipped("Belle II 2020 (invisible)"), to="muon-scalar")
