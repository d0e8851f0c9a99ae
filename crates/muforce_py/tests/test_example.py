"""examples/reach_plot.py runs and writes its figure (where matplotlib is installed)."""

import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


def test_reach_plot_runs(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "m3.png"
    overlay = REPO / "data" / "constraints" / "babar_2016_lmu_ltau.csv"
    # m3 is a quick beam-dump scan; the overlay path exercises muforce.Constraint.
    subprocess.run(
        [sys.executable, str(REPO / "examples" / "reach_plot.py"), "m3", str(out),
         "--overlay", str(overlay)],
        check=True, capture_output=True, text=True,
    )
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
