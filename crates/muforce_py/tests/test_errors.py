"""Bad input raises ValueError whose message names the field, as the library does."""

import numpy as np
import pytest

import muforce


@pytest.mark.parametrize(
    "call,field",
    [
        (lambda: muforce.total("vector", np.array([-0.1]), np.array([50.0])), "mass"),
        (lambda: muforce.total("vector", np.array([0.1]), np.array([50.0]), coupling=0.0),
         "coupling"),
        (lambda: muforce.total("vector", np.array([0.1]), np.array([50.0]), target="Kr2"),
         "material"),
        (lambda: muforce.total("tensor", np.array([0.1]), np.array([50.0])), "spin"),
        (lambda: muforce.total("vector", np.array([0.1]), np.array([50.0]), method="mc"),
         "method"),
        (lambda: muforce.total("vector", np.array([0.1]), np.array([50.0]), x_min=2.0),
         "x_min"),
        (lambda: muforce.total("vector", np.array([0.1, 0.2]), np.array([50.0, 60, 70])),
         "masses/energies"),
        (lambda: muforce.differential("vector", 0.1, 50.0, "y", np.array([0.5])), "variable"),
        (lambda: muforce.decay("muon-scalar", float("nan"), 1e-3), "mass"),
        (lambda: muforce.decay("no-model", 0.1, 1e-3), "model"),
        (lambda: muforce.g2_band("vector", np.array([0.1]), era="1999"), "era"),
        (lambda: muforce.kaon("muon-scalar", 0.1, 1e-3, reach=True, acceptance=2.0),
         "acceptance"),
        (lambda: muforce.Experiment("no-such-experiment"), "experiment"),
        (lambda: muforce.Experiment("atlas-hllhc").background("nope"), "scenario"),
    ],
)
def test_value_error_names_field(call, field):
    with pytest.raises(ValueError, match=field):
        call()


def test_missing_toml_file(tmp_path):
    with pytest.raises(ValueError, match="missing.toml"):
        muforce.Experiment(str(tmp_path / "missing.toml"))
