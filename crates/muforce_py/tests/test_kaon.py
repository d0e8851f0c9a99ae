"""Kaon rates and the invisible search equal `muforce kaon --json`."""

import numpy as np
import pytest

import muforce


@pytest.mark.parametrize("model", ["muon-scalar", "muon-vector", "lmu-ltau"])
def test_kaon_equals_cli(cli, model):
    ref = cli("kaon", "--model", model, "--mass", 0.1, "--coupling", 1e-3, "--reach", "--json")
    got = muforce.kaon(model, 0.1, 1e-3, reach=True)
    for key in ("ratio_to_k_mu_nu", "branching_ratio"):
        assert got[key] == pytest.approx(ref[key], rel=1e-12)
    for key in ("signal_per_g2", "background", "g_lim_cut_and_count", "g_lim_likelihood"):
        assert got["reach"][key] == pytest.approx(ref["reach"][key], rel=1e-12)


# PDG 2024 masses in GeV (crates/muforce/src/units.rs takes the same values).
M_K, M_MU = 0.493677, 0.1056583755


@pytest.mark.parametrize("model", ["muon-scalar", "lmu-ltau"])
def test_total_ratio_equals_cli(cli, model):
    ref = cli("kaon", "--model", model, "--mass", 0.1, "--coupling", 1e-3, "--json")
    values, errors = muforce.kaon_total_ratio(model, np.array([0.1]))
    # Gamma(K -> mu nu X)/Gamma(K -> mu nu) = g^2 x the ratio per g^2 (REFERENCE sec. 7).
    assert values[0] * 1e-6 == pytest.approx(ref["ratio_to_k_mu_nu"], rel=1e-12)
    assert 0 < errors[0] < 1e-5 * values[0]


@pytest.mark.parametrize("model,mass", [("muon-vector", 0.05), ("muon-scalar", 0.2)])
def test_density_integrates_to_total(model, mass):
    # The outer m_miss^2 integral done here with numpy (Simpson on a fine grid in ln s12),
    # independently of the library's adaptive outer integral.
    lo, hi = mass**2, (M_K - M_MU) ** 2
    u = np.linspace(np.log(lo), np.log(hi), 2001)
    s12 = np.exp(u)
    s12[0], s12[-1] = lo * (1 + 1e-12), hi * (1 - 1e-12)
    density, _ = muforce.kaon_ratio_density(model, mass, s12)
    f = density * s12
    h = u[1] - u[0]
    simpson = h / 3 * (f[0] + f[-1] + 4 * f[1:-1:2].sum() + 2 * f[2:-1:2].sum())
    (total,), _ = muforce.kaon_total_ratio(model, np.array([mass]))
    assert simpson == pytest.approx(total, rel=1e-4)
    # Outside the physical range the density vanishes.
    outside, _ = muforce.kaon_ratio_density(model, mass, np.array([0.5 * lo, 1.01 * hi]))
    assert np.all(outside == 0)
    # Windows add up: [lo, mid] + [mid, hi] = everything.
    mid = np.sqrt(lo * hi)
    a, _ = muforce.kaon_ratio_in_window(model, mass, 0.0, mid)
    b, _ = muforce.kaon_ratio_in_window(model, mass, mid, 1.0)
    assert a + b == pytest.approx(total, rel=1e-7)


def test_coupling_from_br_round_trip():
    masses = np.array([0.01, 0.1, 0.3])
    limits = np.array([1e-6, 2e-6, 5e-5])
    g = muforce.kaon_coupling_from_br("muon-scalar", masses, limits)
    # The branching ratio at the converted coupling, computed through kaon(), is the limit.
    for m, br, gi in zip(masses, limits, g):
        assert muforce.kaon("muon-scalar", m, gi)["branching_ratio"] == pytest.approx(br, rel=1e-12)
    with pytest.raises(ValueError, match="masses/br_limits"):
        muforce.kaon_coupling_from_br("muon-scalar", masses, limits[:2])
