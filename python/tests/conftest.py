"""Test setup: this checkout's package, a kernel cache of the session's own
(PS_CACHE_DIR), set before the extension first reads it, and the code
generation variants every example runs in."""

import atexit
import os
import shutil
import sys
import tempfile

import pytest

# The package and extension of this checkout, also for the interpreters
# the tests start: the .pth file that scripts/setup.sh installs names the
# checkout that ran setup last, which need not be this one.
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
_PATHS = [os.path.join(_ROOT, "python"), os.path.join(_ROOT, "build", "python")]
sys.path[:0] = _PATHS
os.environ["PYTHONPATH"] = os.pathsep.join(
    _PATHS + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
              if p])

# The tests expect the disk cache on (outcomes "compiled", "disk hit").
os.environ.pop("PS_CACHE_DISABLE", None)
if "PS_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="psmlir-tests-")
    os.environ["PS_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)

import psmlir  # noqa: E402

# The strict variants: each must give the scalar kernel's bits.
VARIANTS = {
    "scalar": {"vectorize": "none"},
    "simd": {"vectorize": "host"},
    "simd-scalar-remainder": {"vectorize": "host", "remainder": "scalar",
                              "unroll": 1},
    "threads": {"threads": 2},
    "simd-threads": {"vectorize": "host", "threads": 2},
}
# Spatial blocking applies to 3D nests.
VARIANTS_3D = dict(VARIANTS, **{
    "block": {"block_rows": 2},
    "simd-block-threads": {"vectorize": "host", "block_rows": 2,
                           "threads": 2},
})


@pytest.fixture(params=sorted(VARIANTS))
def variant(request):
    return VARIANTS[request.param]


@pytest.fixture(params=sorted(VARIANTS_3D))
def variant3d(request):
    return VARIANTS_3D[request.param]


def pytest_report_header(config):
    return f"psmlir from {os.path.dirname(psmlir.__file__)}; kernel cache " \
        f"{os.environ['PS_CACHE_DIR']}"
