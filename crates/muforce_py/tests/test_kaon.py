"""Kaon rates and the invisible search equal `muforce kaon --json`."""

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
