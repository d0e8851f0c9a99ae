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


def test_shipped_babar():
    (babar,) = muforce.shipped_constraints()
    assert babar.path is None
    assert babar.label == "BaBar 2016"
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
    (shipped,) = muforce.shipped_constraints()
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
