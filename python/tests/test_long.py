"""Longer runs (PS_PYTHON_LONG_TESTS=1): the example kernels on larger and
odd shapes in more code generations (lanes, unrolling, jam, aligned and
non-temporal stores, schedules), still bit for bit against NumPy."""

import os

import numpy as np
import pytest

import psmlir as ps
from psmlir import add, mul

pytestmark = pytest.mark.skipif(not os.environ.get("PS_PYTHON_LONG_TESTS"),
                                reason="set PS_PYTHON_LONG_TESTS=1 for the "
                                "long runs")

MORE = [
    {"vectorize": "host", "lanes": 2},
    {"vectorize": "host", "unroll": 4, "reuse": True},
    {"vectorize": "host", "aligned": True},
    {"vectorize": "host", "nontemporal": True},
    {"vectorize": "host", "jam": 2},
    {"threads": 2, "schedule": "dynamic", "chunk": 3},
    {"vectorize": "host", "threads": 2, "block_rows": 3, "jam": 2},
    {"optimize": False},
    {"opt_level": 0},
]


@pytest.mark.parametrize("options", MORE, ids=lambda o: ",".join(
    f"{k}={v}" for k, v in o.items()))
@pytest.mark.parametrize("shape", [(5, 4, 3), (37, 21, 9), (64, 3, 17)])
def test_heat3d_many(options, shape):
    u, out = ps.fields("u, out: float64[3D]")
    c = u.center
    s = add(add(add(u[-1, 0, 0], u[1, 0, 0]), add(u[0, -1, 0], u[0, 1, 0])),
            add(u[0, 0, -1], u[0, 0, 1]))
    kernel = ps.create_kernel([ps.Assignment(out.center,
                                             add(c, mul(0.1, ps.sub(s, mul(6, c)))))],
                              options=options)
    a = np.random.default_rng(5).random(shape)
    b = np.zeros(shape)
    kernel(u=a, out=b)

    def sh(dx, dy, dz):
        return a[1 + dx:shape[0] - 1 + dx, 1 + dy:shape[1] - 1 + dy,
                 1 + dz:shape[2] - 1 + dz]
    i = (slice(1, -1),) * 3
    ssum = ((sh(-1, 0, 0) + sh(1, 0, 0)) + (sh(0, -1, 0) + sh(0, 1, 0))) + \
        (sh(0, 0, -1) + sh(0, 0, 1))
    ref = np.zeros(shape)
    ref[i] = a[i] + 0.1 * (ssum - 6 * a[i])
    assert np.array_equal(b, ref)
