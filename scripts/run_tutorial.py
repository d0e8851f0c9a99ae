#!/usr/bin/env python3
"""Runs the ```python blocks of a Markdown tutorial (default docs/tutorial.md) in order, in one
namespace, and fails on the first block that raises.

    python scripts/run_tutorial.py                       # docs/tutorial.md in a temporary directory
    python scripts/run_tutorial.py --workdir out/ -v     # keep the files it writes, time each block
    python scripts/run_tutorial.py other.md

The blocks run with the working directory set to --workdir (a fresh temporary directory by
default), so the files they write land there, and with matplotlib's non-interactive Agg
backend, so figures are only saved. Other fenced blocks (```sh, ```toml, …) are not run. On a
failure the traceback names the tutorial's file and line, and the exit status is 1.
"""

import argparse
import os
import pathlib
import re
import sys
import tempfile
import time
import traceback

REPO = pathlib.Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def python_blocks(text):
    """(first line number of the code, code) of every ```python block, in order."""
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in FENCE.finditer(text)]


def run(path, workdir, verbose=False):
    """Runs the blocks of `path` in `workdir`; returns the number run, raises on a failure."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    blocks = python_blocks(text)
    if not blocks:
        raise ValueError(f"{path}: no ```python block found")
    os.environ["MPLBACKEND"] = "Agg"
    namespace = {"__name__": "__tutorial__"}
    here = os.getcwd()
    os.chdir(workdir)
    try:
        for number, (line, code) in enumerate(blocks, 1):
            # Pad with newlines so that tracebacks give the line in the Markdown file.
            compiled = compile("\n" * (line - 1) + code, str(path), "exec")
            start = time.perf_counter()
            try:
                exec(compiled, namespace)
            except BaseException as error:
                raise BlockFailed(path, number, line) from error
            if verbose:
                print(f"[block {number}, line {line}: {time.perf_counter() - start:.2f} s]",
                      file=sys.stderr)
    finally:
        os.chdir(here)
    return len(blocks)


class BlockFailed(Exception):
    def __init__(self, path, number, line):
        super().__init__(f"{path}: block {number} (line {line}) failed")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tutorial", nargs="?", default=str(REPO / "docs" / "tutorial.md"))
    parser.add_argument("--workdir", help="where the blocks run (default: a temporary directory)")
    parser.add_argument("-v", "--verbose", action="store_true", help="time every block")
    args = parser.parse_args(argv)
    tutorial = pathlib.Path(args.tutorial).resolve()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="muforce-tutorial-") as scratch:
        workdir = pathlib.Path(args.workdir or scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            count = run(tutorial, workdir, args.verbose)
        except (OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        except BlockFailed as failure:
            traceback.print_exception(failure.__cause__)
            print(f"FAILED: {failure}", file=sys.stderr)
            return 1
    print(f"{tutorial.name}: {count} blocks ran in {time.perf_counter() - start:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
