"""The host side of CUDA and HIP programs on the project's fake drivers
(test/Integration/GPU/Fake*Driver.c: device memory is host memory, a
launch is recorded instead of run): arguments are copied to the device,
the kernel is launched once over the interior with the run-time's launch
sizes, and the arrays come back. The kernels themselves run only on a real
GPU (test_program.py)."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
SCRIPT = r"""
import ctypes, sys
import numpy as np
import psmlir as ps
fake = ctypes.CDLL(sys.argv[1])
fake.fake{Api}LastLaunch.restype = ctypes.c_char_p
src, dst = ps.fields("src, dst: float64[2D]")
kernel = ps.create_kernel(ps.Assignment(dst.center, src[1, 0] + src[-1, 0]),
                          target="{target}")
s = np.arange(40.0).reshape(8, 5)
d = np.full((8, 5), 7.0)
kernel(src=s, dst=d)
grid, block = (ctypes.c_longlong * 3)(), (ctypes.c_longlong * 3)()
name = fake.fake{Api}LastLaunch(grid, block).decode()
print(fake.fake{Api}Launches(), name, (d == 7.0).all(), list(grid), list(block))
"""


@pytest.mark.parametrize("target,api,variable", [
    ("cuda", "Cuda", "PS_CUDA_LIBRARY"), ("hip", "Hip", "PS_HIP_LIBRARY")])
def test_launch_on_the_fake_driver(target, api, variable, tmp_path):
    library = os.path.join(ROOT, "build", "lib", f"libPsFake{api}Driver.so")
    if not os.path.exists(library):
        pytest.skip(f"{library} is not built")
    env = dict(os.environ, **{variable: library, "PS_CACHE_DIR": str(tmp_path)})
    code = SCRIPT.replace("{Api}", api).replace("{target}", target)
    out = subprocess.run([sys.executable, "-c", code, library], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    launches, name, untouched, rest = out.stdout.split(" ", 3)
    grid, block = rest.split("] ")
    grid += "]"
    assert launches == "1" and name == "kernel_kernel"
    # The fake driver runs nothing: dst comes back as it went.
    assert untouched == "True"
    # One thread per interior point, the contiguous dimension (y in the
    # numpy layout, 3 points) on the grid's x: blocks of 128 x 2 threads.
    assert (grid, block.strip()) == ("[1, 3, 1]", "[128, 2, 1]")
