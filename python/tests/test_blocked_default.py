"""The default's blocks and jam of 2 planes (vectorize=auto: ps-block for
nests that read 2 or more planes away, kBlockedJamPlanes) on a 19-point
star of radius 3 with run-time weights, for NumPy's C layout, whose
outermost loop runs over the first index: bit for bit the scalar kernel's
results, sequential and on 2 threads, on shapes whose planes leave 0 or 1
over after the pairs and whose rows leave part of a block, and on a 34.9 MB
array, which on machines with up to 32 MiB of last-level cache runs the
copy with streaming stores."""

import numpy as np
import pytest
import sympy as sp

import psmlir as ps
from weighted import loop_steps, run_against_scalar


def star19(config):
    src, dst = ps.fields("src, dst: [3D]")
    w = sp.symbols("w0:19")
    offsets = [(0, 0, 0)] + [o for r in (1, 2, 3) for o in (
        (-r, 0, 0), (r, 0, 0), (0, -r, 0), (0, r, 0), (0, 0, -r), (0, 0, r))]
    expr = w[0] * src[offsets[0]]
    for i, offset in enumerate(offsets[1:], 1):
        expr = sp.Add(expr, w[i] * src[offset], evaluate=False)
    return ps.create_kernel(ps.Assignment(dst.center, expr),
                            config=config).compile()


@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("shape", [(13, 41, 37), (14, 40, 20),
                                   (163, 162, 165)])
def test_blocked_default_matches_scalar(shape, threads):
    got, want = run_against_scalar(star19, shape, 19,
                                   ps.CreateKernelConfig(cpu_openmp=threads))
    assert np.array_equal(got, want)
    assert np.count_nonzero(got) == np.prod([n - 6 for n in shape])


def test_the_default_blocks_and_jams_planes():
    loops = loop_steps(star19(ps.CreateKernelConfig()))
    # Blocks of 32 rows, then pairs of planes inside them.
    assert loops[:2] == ["%c32", "%c2"], loops
