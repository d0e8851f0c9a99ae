"""Design studies from Python: ``design_scan`` computes the reach of every design of a study
(combinations of values of numeric fields of an experiment file, docs/scans.md), each design
as one shard of ``muforce scan``, serially or on any ``concurrent.futures.Executor`` — a
process pool, or a Dask cluster through ``dask.distributed.Client`` — and joins the shards as
``muforce merge`` does, so the result does not depend on where the designs ran.
"""

import json

import numpy as np

from . import _muforce


def _values(values):
    """A ``--vary`` VALUES string: a range spec as given, or a list of numbers written so that
    they read back exactly (``repr`` of a float round-trips)."""
    if isinstance(values, str):
        return values
    items = [repr(float(v)) for v in np.atleast_1d(values)]
    if not items:
        raise ValueError("design_scan: a varied field needs at least one value")
    return ",".join(items)


def _table(study):
    """Columns of the merged study: design number, each varied field, then the reach columns
    (coupling edges NaN where the reach table has none)."""
    rows = study["rows"]
    keys = [v["key"] for v in study["study"]["vary"]]
    table = {"design": np.array([r["design"] for r in rows], dtype=np.int64)}
    for i, key in enumerate(keys):
        table[key] = np.array([r["parameters"][i] for r in rows], dtype=float)
    for column in ("experiment", "model", "scenario", "limit"):
        table[column] = np.array([str(r[column]) for r in rows])
    table["mass_gev"] = np.array([r["mass_gev"] for r in rows], dtype=float)
    for column in ("coupling_low", "coupling_high"):
        table[column] = np.array(
            [np.nan if r[column] is None else r[column] for r in rows], dtype=float)
    try:
        import pandas
    except ImportError:
        return table
    return pandas.DataFrame(table)


def design_scan(experiment, grid, executor=None, *, masses=None, tasks=None):
    """The reach of every design of a study.

    experiment: a built-in name (``"na64mu"``) or the path of an experiment TOML file.
    grid: ``{key: values}`` with dotted keys of numeric fields (``"production.e_out_max_gev"``,
    ``"scenario.MOT=1e11.muons"``, docs/scans.md) and values a list of numbers or a range
    string (``"10:200:12log"``); every combination is a design, the first key varying slowest.
    executor: None (serial, in this process), any ``concurrent.futures.Executor``, or a
    ``dask.distributed.Client`` (its executor): each design runs as one task.
    masses: masses in GeV to scan instead of each design's grid.
    tasks: the number of tasks the study is cut into (contiguous runs of designs, as
    ``muforce scan --shard I/N``); default one per design. Designs in one task share the work
    they have in common (docs/scans.md, "Work done once"), so fewer, larger tasks pay off when
    the grid varies only analysis fields; more than the number of designs means one per design.

    Returns a pandas DataFrame if pandas is installed, else a dict of numpy arrays: the
    columns ``design``, one per varied key, ``experiment``, ``model``, ``scenario``,
    ``limit``, ``mass_gev``, ``coupling_low``, ``coupling_high`` — the rows of ``scan.csv``.
    The result is the same for any executor (each design is deterministic, and the shards
    are joined in design order by the same merge as ``muforce merge``).
    """
    if not grid:
        raise ValueError("design_scan: grid needs at least one field to vary")
    vary = [f"{key}={_values(values)}" for key, values in grid.items()]
    masses = None if masses is None else [float(m) for m in np.atleast_1d(masses)]
    designs = _muforce._scan_designs(experiment, vary, masses)
    if tasks is None:
        n = designs
    elif isinstance(tasks, (int, np.integer)) and not isinstance(tasks, bool) and tasks >= 1:
        n = min(int(tasks), designs)
    else:
        raise ValueError(f"design_scan: tasks must be a whole number >= 1, got {tasks!r}")
    shards = [f"{i}/{n}" for i in range(1, n + 1)]
    if executor is None:
        parts = [_muforce._scan_shard(experiment, vary, s, masses) for s in shards]
    else:
        # A dask.distributed.Client is not an Executor itself; its executor is.
        if hasattr(executor, "get_executor"):
            executor = executor.get_executor()
        futures = [executor.submit(_muforce._scan_shard, experiment, vary, s, masses)
                   for s in shards]
        parts = [f.result() for f in futures]
    return _table(json.loads(_muforce._scan_merge(parts)))
