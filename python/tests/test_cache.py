"""Kernels go through the persistent kernel cache: a second process gets a
disk hit, the same process a memory hit, and ps-cache lists the entry."""

import os
import subprocess
import sys

import pytest

import psmlir as ps

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
SCRIPT = """
import numpy as np
import psmlir as ps
src, dst = ps.fields("src, dst: float64[2D]")
update = ps.Assignment(dst.center, (src[1, 0] + src[-1, 0]) * 0.5)
kernel = ps.create_kernel([update], function_name="cached_jacobi").compile()
first = kernel.cache_outcome
again = ps.create_kernel([update], function_name="cached_jacobi").compile()
d = np.zeros((4, 4))
kernel(src=np.ones((4, 4)), dst=d)
print(first, "|", again.cache_outcome, "|", d[1, 1])
"""


def run(cache):
    env = dict(os.environ, PS_CACHE_DIR=str(cache))
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd="/",
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return [part.strip() for part in out.stdout.strip().split("|")]


def test_second_process_gets_a_disk_hit(tmp_path):
    assert run(tmp_path) == ["compiled", "memory hit", "1.0"]
    assert run(tmp_path) == ["disk hit", "memory hit", "1.0"]
    tool = os.path.join(ROOT, "build", "bin", "ps-cache")
    if not os.path.exists(tool):
        pytest.skip("build/bin/ps-cache is not built")
    shown = subprocess.run([tool, "--dir", str(tmp_path), "show"],
                           capture_output=True, text=True, check=True)
    assert "cached_jacobi" in shown.stdout


def test_the_cache_keeps_options_apart():
    src, dst = ps.fields("src, dst: float64[2D]")
    update = ps.Assignment(dst.center, src[1, 0] * 3)
    plain = ps.create_kernel([update], function_name="opts").compile()
    simd = ps.create_kernel([update], function_name="opts",
                            vectorize=True).compile()
    assert plain.cache_outcome in ("compiled", "disk hit")
    assert simd.cache_outcome in ("compiled", "disk hit")
    assert ps.create_kernel([update], function_name="opts",
                            vectorize=True).compile().cache_outcome == \
        "memory hit"
