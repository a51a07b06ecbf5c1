"""bench/paired.py, as bench/README.md runs it: two code generations of a
kernel timed in alternating pairs, after a check that they agree bit for
bit; bad options are refused with the pipeline's words."""

import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "paired.py"


def run(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    return subprocess.run([sys.executable, str(SCRIPT), *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_pairs_report_rates_and_the_median_ratio():
    result = run("box27", "14", "--threads", "2", "--pairs", "3",
                 "--b", "jam=3", "jam_planes=2", "unroll=1", "vectorize=host")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"box27 14\^3, 2 thread\(s\): A \d+, B \d+ MLUP/s; B/A per pair: "
        r"median \d\.\d{3}, quartiles \d\.\d{3} \d\.\d{3}\n", result.stdout)


def test_a_2d_kernel_on_n_squared_points():
    result = run("jacobi2d", "40", "--pairs", "3", "--b", "prefetch=0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("jacobi2d 40^2, 1 thread(s): A ")


def test_bad_options_are_refused():
    result = run("heat3d", "8", "--b", "jam=0")
    assert result.returncode == 1
    assert result.stderr == ("paired.py: ps-lower-to-llvm-pipeline: jam 0 "
                             "is not between 1 and 8\n")


def test_boolean_options():
    result = run("heat3d", "12", "--pairs", "3", "--b", "reuse=true",
                 "prefetch=0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("heat3d 12^3, 1 thread(s): A ")


def test_fields_of_fixed_shape():
    # bench/README.md's runs of align-rows: both sides on fields of the
    # arrays' shape, A without it.
    result = run("heat3d", "34", "--pairs", "3", "--fixed", "both",
                 "--a", "align_rows=false")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("heat3d 34^3, 1 thread(s): A ")


def test_fixed_shape_on_one_side():
    result = run("jacobi2d", "42", "--pairs", "3", "--fixed", "b")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("jacobi2d 42^2, 1 thread(s): A ")
