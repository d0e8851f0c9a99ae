"""The LHE files of `muforce events`: readable by pylhe, physical, reproducible."""

import os
import subprocess

import numpy as np
import pytest

pylhe = pytest.importorskip("pylhe")


def _events(cli, path, threads, n=5000, spin="vector"):
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    args = ["events", "--spin", spin, "--mass", "0.1", "--energy", "160", "--target", "Pb",
            "--events", str(n), "--seed", "1", "--nodes", "24", "--out", str(path)]
    from conftest import _binary

    subprocess.run([_binary(), *args], check=True, capture_output=True, env=env)
    return path


@pytest.mark.parametrize("spin", ["scalar", "pseudoscalar", "vector", "axial-vector"])
def test_pylhe_reads_the_file(cli, tmp_path, spin):
    path = _events(cli, tmp_path / "events.lhe", 2, spin=spin)
    lhe = pylhe.LHEFile.fromfile(str(path))
    init = lhe.init.initInfo
    assert init.beamA == 13 and init.beamB == 1000822070
    assert init.energyA == pytest.approx(160.0)
    assert init.weightingStrategy == 3
    sigma = lhe.init.procInfo[0].xSection
    assert sigma > 0
    events = list(lhe.events)
    assert len(events) == 5000
    for e in events[:200]:
        assert e.eventinfo.nparticles == 5
        assert e.eventinfo.weight == pytest.approx(sigma)
        ids = [p.id for p in e.particles]
        assert ids[0] == 13 and ids[2] == 13 and ids[1] == ids[4] == 1000822070
        p_in = np.array([e.particles[0].e + e.particles[1].e, e.particles[0].pz])
        out = e.particles[2:]
        p_out = np.array([sum(p.e for p in out), sum(p.pz for p in out)])
        assert p_out == pytest.approx(p_in, rel=1e-9)
        x = e.particles[3]
        assert x.e**2 - x.px**2 - x.py**2 - x.pz**2 == pytest.approx(0.01, rel=1e-5)


def test_same_file_for_one_and_two_threads(cli, tmp_path):
    a = _events(cli, tmp_path / "one.lhe", 1, n=20000).read_bytes()
    b = _events(cli, tmp_path / "two.lhe", 2, n=20000).read_bytes()
    # The header repeats the command line, which names the output file.
    strip = lambda text: b"\n".join(l for l in text.split(b"\n") if not l.startswith(b"command ="))
    assert strip(a) == strip(b)
