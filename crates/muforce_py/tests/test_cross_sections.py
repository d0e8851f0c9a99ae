"""Cross sections equal `muforce xsec --json` point by point, for every method."""

import numpy as np
import pytest

import muforce


@pytest.mark.parametrize("method", ["ww", "iww", "exact"])
def test_total_equals_cli(cli, method):
    masses = [0.05, 0.3]
    ref = cli("xsec", "--spin", "vector", "--mass", "0.05,0.3", "--energy", 100,
              "--target", "Pb", "--method", method, "--json")
    sigma, error = muforce.total("vector", np.array(masses), np.array([100.0]),
                                 target="Pb", method=method)
    assert sigma == pytest.approx([p["sigma_pb"] for p in ref], rel=1e-12)
    assert error == pytest.approx([p["error_pb"] for p in ref], rel=1e-9)


def test_cuts_and_coupling_equal_cli(cli):
    ref = cli("xsec", "--spin", "scalar", "--mass", 0.1, "--energy", 50, "--target", "W",
              "--method", "ww", "--coupling", 1e-3, "--x-min", 0.2, "--theta-max", 0.01,
              "--json")
    sigma, _ = muforce.total("scalar", np.array([0.1]), np.array([50.0]), target="W",
                             method="ww", coupling=1e-3, x_min=0.2, theta_max=0.01)
    assert sigma[0] == pytest.approx(ref["sigma_pb"], rel=1e-12)


def test_differential_x_equals_cli(cli):
    text = cli("xsec", "--spin", "vector", "--mass", 0.1, "--energy", 50, "--method", "ww",
               "--differential", "x", "--points", 5)
    rows = [line.split(",") for line in text.strip().splitlines()[1:]]
    x = np.array([float(r[2]) for r in rows])
    values, _ = muforce.differential("vector", 0.1, 50.0, "x", x, method="ww")
    assert values == pytest.approx([float(r[3]) for r in rows], rel=1e-5)


def test_coupling_scaling():
    # σ ∝ g² at tree level.
    a, _ = muforce.total("vector", np.array([0.1]), np.array([50.0]), method="ww")
    b, _ = muforce.total("vector", np.array([0.1]), np.array([50.0]), method="ww",
                         coupling=1e-2)
    assert b[0] == pytest.approx(a[0] * 1e-4, rel=1e-10)
