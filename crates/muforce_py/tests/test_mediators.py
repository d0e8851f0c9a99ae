"""Mediator widths, decay lengths, Δa_μ and the g−2 band equal `muforce decay/g2 --json`."""

import math

import numpy as np
import pytest

import muforce


@pytest.mark.parametrize(
    "model,mass,coupling",
    [("muon-scalar", 0.1, 1e-3), ("lmu-ltau", 0.05, 3e-4), ("muon-vector", 0.3, 1e-3)],
)
def test_decay_equals_cli(cli, model, mass, coupling):
    ref = cli("decay", "--model", model, "--mass", mass, "--coupling", coupling,
              "--energy", 20, "--json")
    got = muforce.decay(model, mass, coupling, energy=20.0)
    for key in ("width_gev", "lifetime_s", "ctau_m", "invisible_branching", "decay_length_m"):
        assert got[key] == pytest.approx(ref[key], rel=1e-12), key
    assert got["branching"] == pytest.approx(ref["branching"], rel=1e-12)
    assert got["widths_gev"] == pytest.approx(ref["widths_gev"], rel=1e-12)
    widths = muforce.total_width(model, np.array([mass, mass]), coupling)
    assert widths == pytest.approx([ref["width_gev"]] * 2, rel=1e-12)
    lengths = muforce.decay_length(model, np.array([mass]), coupling, 20.0)
    assert lengths[0] == pytest.approx(ref["decay_length_m"], rel=1e-12)


def test_decay_probability_is_exponential():
    # Exponential decay law: P = exp(-z0/L) - exp(-z1/L).
    assert muforce.decay_probability(2.0, 1.0, 3.0) == pytest.approx(
        math.exp(-0.5) - math.exp(-1.5), rel=1e-14
    )


@pytest.mark.parametrize("spin", ["scalar", "vector", "axial-vector", "pseudoscalar"])
def test_g2_equals_cli(cli, spin):
    ref = cli("g2", "--spin", spin, "--mass", 0.05, "--coupling", 1e-3,
              "--era", "final-2025", "--json")
    values, errors = muforce.delta_a_mu(spin, np.array([0.05]), 1e-3)
    assert values[0] == pytest.approx(ref["delta_a_mu"], rel=1e-12)
    assert errors[0] == pytest.approx(ref["delta_a_mu_error"], rel=1e-6, abs=1e-30)
    band = muforce.g2_band(spin, np.array([0.05]), era="final-2025", n_sigma=2.0)
    assert band["excluded_above"][0] == pytest.approx(ref["excluded_above"], rel=1e-12)
    for key in ("coupling_low", "coupling_high"):
        if ref[key] is None:
            assert math.isnan(band[key][0])
        else:
            assert band[key][0] == pytest.approx(ref[key], rel=1e-12)


def test_light_vector_matches_analytic_limit():
    # Δa_μ → g²/(8π²) for m_X ≪ m_μ (vector; Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1).
    values, _ = muforce.delta_a_mu("vector", np.array([1e-5]), 1.0)
    assert values[0] == pytest.approx(1 / (8 * math.pi**2), rel=1e-3)
