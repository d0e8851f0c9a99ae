"""docs/tutorial.md runs: scripts/run_tutorial.py executes its ```python blocks in order and
fails on the first block that raises, naming the Markdown file and line."""

import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
RUNNER = REPO / "scripts" / "run_tutorial.py"


def _run(*args):
    return subprocess.run([sys.executable, str(RUNNER), *map(str, args)],
                          capture_output=True, text=True)


def test_tutorial_runs(tmp_path):
    pytest.importorskip("matplotlib")
    out = _run("--workdir", tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "blocks ran" in out.stderr
    # The experiment written from scratch, its reach table and the figure of the last block.
    assert "[[scenario]]" in (tmp_path / "my_muon_beam.toml").read_text()
    assert (tmp_path / "my_reach.csv").read_text().startswith("#")
    assert (tmp_path / "my_reach.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "my_reach.pdf").read_bytes()[:5] == b"%PDF-"


def test_runner_fails_on_a_failing_block(tmp_path):
    # Blocks share one namespace; the third raises at line 12 of the file; ```sh is not run.
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n"
        "```python\n"
        "a = 2\n"
        "```\n"
        "```sh\n"
        "exit 1\n"
        "```\n"
        "```python\n"
        "assert a == 2\n"
        "```\n"
        "```python\n"
        "assert a == 3, 'wrong on purpose'\n"
        "```\n"
    )
    out = _run(page, "--workdir", tmp_path / "work")
    assert out.returncode == 1
    assert "wrong on purpose" in out.stderr
    assert f"{page}, line 12" in out.stderr.replace('"', "")
    assert "block 3 (line 12) failed" in out.stderr


def test_runner_refuses_a_page_without_python(tmp_path):
    page = tmp_path / "empty.md"
    page.write_text("# Nothing to run\n```sh\necho hi\n```\n")
    out = _run(page)
    assert out.returncode != 0
    assert "no ```python block" in out.stderr
