"""bench/vector_math.py, as bench/README.md runs it: a row per type and
function with the rates of libm, libmvec and NumPy, their ratio and the
share of points whose bits differ."""

import os
import pathlib
import platform
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.skipif(platform.machine() != "x86_64",
                    reason="libmvec is glibc's on x86-64")
def test_a_row_per_type_and_function():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "vector_math.py"), "--edge",
         "40", "--calls", "2"], env=env, capture_output=True, text=True,
        timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["dtype", "f", "libm", "libmvec", "ratio",
                                "NumPy", "differ"]
    rows = [line.split()[:2] for line in lines[1:]]
    assert rows == [[t, f] for t in ("float64", "float32")
                    for f in ("sin", "exp", "log", "tanh", "pow", "sin*exp")]
    for line in lines[1:]:
        assert re.fullmatch(r"float(32|64) +\S+ +\d+ +\d+ +\d+\.\d +\d+ +"
                            r"\d+%", line), line
