"""Shared fixtures: the `muforce` command whose numbers the Python API must reproduce."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


def _binary():
    explicit = os.environ.get("MUFORCE_BIN")
    if explicit:
        return explicit
    for profile in ("release", "debug"):
        candidate = REPO / "target" / profile / "muforce"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("muforce")


@pytest.fixture(scope="session")
def cli():
    """Runs `muforce ARGS...`; returns stdout, or the parsed JSON when --json is among ARGS."""
    binary = _binary()
    if binary is None:
        pytest.skip("the muforce binary is not built (cargo build --release -p muforce_cli)")

    def run(*args):
        out = subprocess.run(
            [binary, *map(str, args)], check=True, capture_output=True, text=True
        ).stdout
        return json.loads(out) if "--json" in args else out

    return run
