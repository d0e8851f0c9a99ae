"""muforce.design_scan: equal to `muforce scan` on the same study, and the same on a process
pool and on a Dask cluster as serially (each design is deterministic and the shards are
joined by the same merge as `muforce merge`)."""

import concurrent.futures
import json

import numpy as np
import pytest

import muforce

GRID = {"production.e_out_max_gev": [60.0, 100.0], "target.length_cm": "10:30:3lin"}
MASSES = [0.01, 0.1]


def _columns(table):
    # A DataFrame or a dict of arrays: the same columns either way.
    return {k: np.asarray(table[k]) for k in table.keys()}


def _assert_equal(a, b):
    a, b = _columns(a), _columns(b)
    assert list(a) == list(b)
    for key in a:
        if a[key].dtype.kind == "f":
            np.testing.assert_array_equal(a[key], b[key])
        else:
            assert list(a[key]) == list(b[key]), key


@pytest.fixture(scope="module")
def serial():
    return muforce.design_scan("na64mu", GRID, masses=MASSES)


def test_design_scan_equals_the_command(cli, tmp_path, serial):
    out = tmp_path / "scan"
    cli("scan", "na64mu", "--vary", "production.e_out_max_gev=60,100",
        "--vary", "target.length_cm=10:30:3lin", "--masses", "0.01,0.1", "--out", out)
    # scan.json holds the full-precision numbers (scan.csv rounds to 7 digits).
    with open(out / "scan.json") as f:
        rows = json.load(f)["rows"]
    table = _columns(serial)
    # 6 designs x 1 model x 2 masses x the experiment's scenarios, in scan.json's order.
    assert len(rows) == len(table["mass_gev"]) and len(rows) % 12 == 0
    for i, row in enumerate(rows):
        assert row["design"] == table["design"][i]
        assert row["parameters"] == [table["production.e_out_max_gev"][i],
                                     table["target.length_cm"][i]]
        assert (row["model"], row["scenario"]) == (table["model"][i], table["scenario"][i])
        assert row["mass_gev"] == table["mass_gev"][i]
        for column in ("coupling_low", "coupling_high"):
            expected = np.nan if row[column] is None else row[column]
            np.testing.assert_array_equal(expected, table[column][i])
    # The designs differ: the reach depends on the cut and the target length.
    assert len(set(np.round(table["coupling_low"][~np.isnan(table["coupling_low"])], 12))) > 6


def test_process_pool_equals_serial(serial):
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        _assert_equal(muforce.design_scan("na64mu", GRID, pool, masses=MASSES), serial)


def _recast_rows():
    # recast runs its rows in parallel: in a forked child this hung before the library's
    # threads were owned by the process (crates/muforce_py/src/threads.rs).
    babar, = [c for c in muforce.shipped_constraints(model="lmu-ltau") if c.label == "BaBar 2016"]
    return len(muforce.recast(babar, to="muon-vector").mass_gev)


def test_parallel_functions_work_in_a_forked_worker():
    rows = _recast_rows()  # starts this process's threads before the fork
    import multiprocessing
    fork = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=fork) as pool:
        assert pool.submit(_recast_rows).result(timeout=120) == rows


def test_fewer_tasks_equal_one_per_design(serial):
    # Two tasks of three designs each share their production tables; same numbers.
    _assert_equal(muforce.design_scan("na64mu", GRID, masses=MASSES, tasks=2), serial)


def test_dask_local_cluster_equals_serial(serial):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            _assert_equal(muforce.design_scan("na64mu", GRID, client, masses=MASSES), serial)


def test_bad_grids_are_value_errors():
    with pytest.raises(ValueError, match="unknown numeric field 'beam.energy'.*beam.energy_gev"):
        muforce.design_scan("na64mu", {"beam.energy": [100.0]})
    with pytest.raises(ValueError, match="at least one"):
        muforce.design_scan("na64mu", {})
    with pytest.raises(ValueError, match="tasks must be a whole number"):
        muforce.design_scan("na64mu", GRID, masses=MASSES, tasks=0)
