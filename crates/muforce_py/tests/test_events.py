"""The LHE files of `muforce events`: readable by pylhe, physical, reproducible."""

import os
import pathlib
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


import muforce

Z_SPECTRUM = str(pathlib.Path(__file__).resolve().parents[3] / "data" / "lhc" / "z_muon_momentum.csv")


def _event_lines(path):
    text = pathlib.Path(path).read_text()
    return text[text.index("<event>"):]


def _init_sigma(path):
    lines = pathlib.Path(path).read_text().split("<init>")[1].strip().split("\n")
    return float(lines[1].split()[0])


def test_generator_arrays_conserve_four_momentum():
    g = muforce.EventGenerator("vector", 0.1, target="Pb", energy=160.0, nodes=16)
    ev = g.generate(2000, seed=3)
    assert ev["beam"].shape == (2000, 4) and ev["t"].shape == (2000,)
    n = ev["nucleus"]
    m_pb = np.sqrt(n[:, 0] ** 2 - (n[:, 1:] ** 2).sum(axis=1))  # the recoil is on shell
    initial = ev["beam"].copy()
    initial[:, 0] += m_pb
    final = ev["muon"] + ev["x"] + ev["nucleus"]
    np.testing.assert_allclose(final, initial, atol=1e-9 * 160)
    x = ev["x"]
    np.testing.assert_allclose(x[:, 0] ** 2 - (x[:, 1:] ** 2).sum(axis=1), 0.01, rtol=1e-5)
    # The table's σ equals the exact one within 0.5 % (tested against production in Rust).
    assert abs(g.table_accuracy) < 5e-3
    assert g.sigma_pb == pytest.approx(g.sigma_reference_pb[0], rel=5e-3)


@pytest.mark.parametrize("method", ["exact", "ww"])
def test_python_lhe_equals_the_cli(cli, tmp_path, method):
    """The Python writer and `muforce events` give the same events and cross section."""
    args = ["--spin", "scalar", "--mass", "0.05", "--target", "Pb", "--events", "3000",
            "--seed", "4", "--nodes", "16", "--method", method]
    for beam, kwargs in [(["--energy", "100"], {"energy": 100.0}),
                         (["--spectrum", Z_SPECTRUM, "--momentum-nodes", "4"],
                          {"spectrum": Z_SPECTRUM, "momentum_nodes": 4})]:
        out = tmp_path / "cli.lhe"
        cli("events", *args, *beam, "--out", out)
        g = muforce.EventGenerator("scalar", 0.05, target="Pb", nodes=16, method=method, **kwargs)
        py = tmp_path / "py.lhe"
        assert g.write_lhe(str(py), 3000, seed=4) == 3000
        assert _event_lines(py) == _event_lines(out)
        assert _init_sigma(py) == _init_sigma(out)
        assert g.sigma_pb == pytest.approx(_init_sigma(out), rel=1e-9)


def test_spectrum_from_arrays_equals_the_file():
    lines = [l for l in pathlib.Path(Z_SPECTRUM).read_text().splitlines() if not l.startswith("#")]
    data = np.array([[float(v) for v in l.split(",")] for l in lines[1:] if l.strip()])
    edges = np.append(data[:, 0], data[-1, 1])
    counts = data[:, 2]
    a = muforce.EventGenerator("vector", 0.1, spectrum=Z_SPECTRUM, method="ww", nodes=12,
                               momentum_nodes=4)
    b = muforce.EventGenerator("vector", 0.1, spectrum=(edges, counts), method="ww", nodes=12,
                               momentum_nodes=4)
    ea, eb = a.generate(500, seed=2), b.generate(500, seed=2)
    np.testing.assert_array_equal(ea["beam"], eb["beam"])
    assert a.sigma_pb == b.sigma_pb
    # Every beam muon lies within the populated part of the Z spectrum (24-516 GeV).
    assert ea["beam"][:, 3].min() >= 24.0 and ea["beam"][:, 3].max() <= 516.0


@pytest.mark.parametrize("kwargs, needle", [
    ({"energy": 160.0, "spectrum": Z_SPECTRUM}, "energy/spectrum"),
    ({}, "energy/spectrum"),
    ({"energy": 160.0, "method": "iww"}, "method"),
    ({"energy": 160.0, "nodes": 2}, "x_nodes"),
    ({"spectrum": ([0.0, 0.1], [5.0])}, "threshold"),
    ({"spectrum": "/nonexistent/spectrum.csv"}, "spectrum.csv"),
])
def test_errors_are_value_errors_with_the_message(kwargs, needle):
    with pytest.raises(ValueError, match=needle):
        muforce.EventGenerator("vector", 0.1, target="Pb", **kwargs)


def test_hepmc3_file_is_read_by_pyhepmc(cli, tmp_path):
    """pyhepmc (the HepMC3 library's Python reader) reads every event of the CLI's and the
    Python writer's .hepmc files; four-momentum is conserved at each event's vertex."""
    pyhepmc = pytest.importorskip("pyhepmc")
    args = ["--spin", "vector", "--mass", "0.05", "--target", "Pb", "--events", "500",
            "--seed", "2", "--nodes", "16", "--energy", "100"]
    out = tmp_path / "cli.hepmc"
    cli("events", *args, "--out", out)
    g = muforce.EventGenerator("vector", 0.05, target="Pb", nodes=16, energy=100.0)
    py = tmp_path / "py.hepmc"
    assert g.write(str(py), 500, seed=2) == 500
    assert py.read_text() .split("E 0 ", 1)[1] == out.read_text().split("E 0 ", 1)[1]
    count = 0
    with pyhepmc.open(str(out)) as f:
        for event in f:
            assert len(event.particles) == 5 and len(event.vertices) == 1
            (v,) = event.vertices
            p_in = sum((np.array([p.momentum.x, p.momentum.y, p.momentum.z, p.momentum.e])
                        for p in v.particles_in), np.zeros(4))
            p_out = sum((np.array([p.momentum.x, p.momentum.y, p.momentum.z, p.momentum.e])
                         for p in v.particles_out), np.zeros(4))
            assert np.allclose(p_in, p_out, rtol=0, atol=1e-9 * 100.0)
            assert {p.pid for p in v.particles_out} >= {13, 9000003}
            count += 1
    assert count == 500


def test_decay_vertices_are_read_by_pyhepmc(cli, tmp_path):
    """With --model, pyhepmc reads X's decay vertex: X (status 2) ends there, its position lies
    along X's momentum at c t = l E/|p| (mm), and its two products carry X's four-momentum."""
    pyhepmc = pytest.importorskip("pyhepmc")
    out = tmp_path / "decays.hepmc"
    cli("events", "--model", "lmu-ltau", "--mass", "0.3", "--coupling", "1e-3", "--target", "Pb",
        "--events", "300", "--seed", "3", "--nodes", "12", "--energy", "100", "--out", out)
    count = 0
    with pyhepmc.open(str(out)) as f:
        for event in f:
            assert len(event.vertices) == 2 and len(event.particles) == 7
            (x,) = [p for p in event.particles if p.pid == 9000003]
            assert x.status == 2
            v = x.end_vertex
            assert [p.id for p in v.particles_in] == [x.id]
            k = np.array([x.momentum.x, x.momentum.y, x.momentum.z, x.momentum.e])
            pos = np.array([v.position.x, v.position.y, v.position.z, v.position.t])
            ell = np.linalg.norm(pos[:3])
            assert ell > 0
            assert np.allclose(pos[:3], ell * k[:3] / np.linalg.norm(k[:3]), rtol=1e-9, atol=0)
            assert np.isclose(pos[3], ell * k[3] / np.linalg.norm(k[:3]), rtol=1e-9)
            out_sum = sum((np.array([p.momentum.x, p.momentum.y, p.momentum.z, p.momentum.e])
                           for p in v.particles_out), np.zeros(4))
            assert np.allclose(out_sum, k, rtol=0, atol=1e-9 * 100.0)
            assert {abs(p.pid) for p in v.particles_out} <= {13, 14, 16}
            count += 1
    assert count == 300


def test_python_decays_equal_the_cli(cli, tmp_path):
    """A model preset in place of the spin decays X: the arrays' products add up to X, the
    vertex lies on X's line of flight, and the .hepmc file equals `muforce events --model`."""
    g = muforce.EventGenerator("lmu-ltau", 0.3, coupling=1e-3, target="Pb", nodes=12,
                               energy=100.0)
    a = g.generate(400, seed=3)
    assert np.allclose(a["products"].sum(axis=1), a["x"], rtol=0, atol=1e-9 * 100.0)
    k = a["x"][:, 1:]
    v = a["decay_vertex"][:, :3]
    ell = np.linalg.norm(v, axis=1)
    assert np.allclose(v, ell[:, None] * k / np.linalg.norm(k, axis=1)[:, None], rtol=1e-9)
    assert set(np.abs(a["product_pdg"]).ravel()) <= {13, 14, 16}
    py = tmp_path / "py.hepmc"
    g.write(str(py), 300, seed=3)
    out = tmp_path / "cli.hepmc"
    cli("events", "--model", "lmu-ltau", "--mass", "0.3", "--coupling", "1e-3", "--target", "Pb",
        "--events", "300", "--seed", "3", "--nodes", "12", "--energy", "100", "--out", out)
    assert py.read_text().split("E 0 ", 1)[1] == out.read_text().split("E 0 ", 1)[1]


def test_unknown_event_extension_is_refused(tmp_path):
    g = muforce.EventGenerator("vector", 0.05, target="Pb", nodes=8, energy=100.0)
    with pytest.raises(Exception, match="hepmc"):
        g.write(str(tmp_path / "x.txt"), 10)
    assert not list(tmp_path.iterdir())


def test_experiment_signal_is_read_by_pyhepmc(cli, tmp_path):
    """An experiment's signal (Fermilab dump, --experiment without --target): pyhepmc reads
    each event's weight and both vertices; the production vertex lies on the beam axis inside
    the target, the decay vertex along X's flight from it (c t from the production point),
    momentum is conserved at both vertices (1e-9) and the decay products' invariant mass is
    m_X; the weights read back add up to the header's sum_of_weights."""
    pyhepmc = pytest.importorskip("pyhepmc")
    out = tmp_path / "dump.hepmc"
    cli("events", "--experiment", "fermilab-dump", "--model", "muon-scalar", "--mass", "0.1",
        "--coupling", "1e-4", "--events", "400", "--seed", "5", "--nodes", "16", "--out", out)
    header = [l for l in out.read_text().splitlines() if l.startswith("T muforce")][0]
    total = float(header.split("sum_of_weights = ")[1].split()[0])
    four = lambda p: np.array([p.momentum.x, p.momentum.y, p.momentum.z, p.momentum.e])
    weights, count = 0.0, 0
    with pyhepmc.open(str(out)) as f:
        for event in f:
            weights += event.weights[0]
            production = [v for v in event.vertices if len(v.particles_in) == 2][0]
            (x,) = [p for p in event.particles if p.pid == 9000001]
            decay = x.end_vertex
            origin = np.array([production.position.x, production.position.y,
                               production.position.z, production.position.t])
            assert origin[0] == 0 and origin[1] == 0 and origin[3] == 0 and origin[2] >= 0
            pos = np.array([decay.position.x, decay.position.y, decay.position.z,
                            decay.position.t]) - origin
            k = four(x)
            ell = np.linalg.norm(pos[:3])
            assert np.allclose(pos[:3], ell * k[:3] / np.linalg.norm(k[:3]), rtol=1e-9, atol=1e-9)
            assert np.isclose(pos[3], ell * k[3] / np.linalg.norm(k[:3]), rtol=1e-9)
            for v in (production, decay):
                p_in = sum((four(p) for p in v.particles_in), np.zeros(4))
                p_out = sum((four(p) for p in v.particles_out), np.zeros(4))
                assert np.allclose(p_in, p_out, rtol=0, atol=1e-9 * max(p_in[3], 1.0))
            s = sum((four(p) for p in decay.particles_out), np.zeros(4))
            mass = np.sqrt(max(s[3] ** 2 - s[0] ** 2 - s[1] ** 2 - s[2] ** 2, 0.0))
            assert abs(mass - 0.1) < 1e-9 * s[3] / 0.1 + 1e-9
            count += 1
    assert count == 400
    assert np.isclose(weights, total, rtol=1e-5)


def test_experiment_events_in_python_match_the_command_line(cli, tmp_path):
    """muforce.ExperimentEvents gives the command line's events: the same file bytes after the
    command line, arrays whose weights add up to the expected events (NA64mu, L_mu - L_tau,
    invisible search: every weight is the same, so the sum differs from the reach only by
    the accuracy of these coarse 16-node tables, 1 %; the default tables agree to 1e-3 in
    events/dump_tests.rs), production depths on the beam axis, X decaying into neutrinos."""
    args = ["--experiment", "na64mu", "--model", "lmu-ltau", "--mass", "0.05", "--coupling",
            "1e-4", "--events", "3000", "--seed", "6", "--nodes", "16", "--momentum-nodes", "8"]
    out = tmp_path / "cli.hepmc"
    cli("events", *args, "--out", out)
    g = muforce.ExperimentEvents("na64mu", "lmu-ltau", 0.05, 1e-4, nodes=16, momentum_nodes=8)
    assert g.label == "na64mu (MOT=1e11)"
    py = tmp_path / "py.hepmc"
    assert g.write(str(py), 3000, seed=6) == 3000
    assert py.read_text().split("E 0 ", 1)[1] == out.read_text().split("E 0 ", 1)[1]
    d = g.generate(3000, seed=6)
    w = d["weight"]
    assert abs(w.sum() / g.expected_events - 1) < 1e-2
    assert np.all(d["vertex"][:, 2] >= 0) and np.all(d["vertex"][:, [0, 1, 3]] == 0)
    assert set(np.abs(d["product_pdg"]).ravel()) <= {14, 16}
    with pytest.raises(ValueError, match="model"):
        muforce.ExperimentEvents("fermilab-dump", "scalar", 0.1, 1e-4)


def test_kaon_experiment_events(cli, tmp_path):
    """muforce.ExperimentEvents for NA62 (K+ -> mu+ nu X, invisible search): m2_miss equals
    (p_K - p_mu)^2 of the arrays and lies in the kinematic range [m_X^2, (m_K - m_mu)^2];
    the weights add up to the expected events (L_mu - L_tau below 2 m_mu decays only into
    neutrinos, so every weight is the same and the sum is exact); the Python file is the
    command's, and pyhepmc reads it with momentum conserved at the K+ vertex (1e-9)."""
    pyhepmc = pytest.importorskip("pyhepmc")
    g = muforce.ExperimentEvents("na62", "lmu-ltau", 0.1, 1e-4)
    assert g.label == "na62 (invisible)"
    d = g.generate(2000, seed=3)
    k, mu = d["kaon"], d["muon"]
    diff = k - mu
    m2 = diff[:, 0] ** 2 - (diff[:, 1:] ** 2).sum(axis=1)
    assert np.allclose(d["m2_miss"], m2, rtol=1e-9, atol=1e-12)
    m_k, m_mu = 0.493677, 0.1056583755
    assert m2.min() >= 0.01 * (1 - 1e-9) and m2.max() <= (m_k - m_mu) ** 2 * (1 + 1e-9)
    assert np.isclose(d["weight"].sum(), g.expected_events, rtol=1e-9)
    out = tmp_path / "cli.hepmc"
    cli("events", "--experiment", "na62", "--model", "lmu-ltau", "--mass", "0.1", "--coupling",
        "1e-4", "--events", "300", "--seed", "3", "--out", out)
    py = tmp_path / "py.hepmc"
    assert g.write(str(py), 300, seed=3) == 300
    assert py.read_text().split("E 0 ", 1)[1] == out.read_text().split("E 0 ", 1)[1]
    four = lambda p: np.array([p.momentum.x, p.momentum.y, p.momentum.z, p.momentum.e])
    count = 0
    with pyhepmc.open(str(py)) as f:
        for event in f:
            vertex = [v for v in event.vertices if [p.pid for p in v.particles_in] == [321]][0]
            p_in = four(vertex.particles_in[0])
            p_out = sum((four(p) for p in vertex.particles_out), np.zeros(4))
            assert np.allclose(p_in, p_out, rtol=0, atol=1e-9 * p_in[3])
            assert sorted(p.pid for p in vertex.particles_out) == [-13, 14, 9000003]
            count += 1
    assert count == 300
