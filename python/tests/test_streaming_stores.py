"""Streaming stores beside the first (a second field, the planes of a jam):
x86 streams only aligned vectors, so such loops are versioned on whether
the stores share the first's offset in a cache line. Both copies give the
scalar kernel's results bit for bit: on rows aligned by ps.aligned_zeros
(the copy that streams every store, whose aligned stores would fault on a
misaligned address), on rows that are not whole lines and on views one
element in (the copy that streams the first store only)."""

import numpy as np
import pytest
import sympy as sp

import psmlir as ps
from weighted import assert_matches_scalar

STREAMING = {"vectorize": "host", "nontemporal": True}


def column(config):
    """A 3-point column in z with weights, jammed over 2 planes."""
    src, dst = ps.fields("src, dst: [3D]")
    w = sp.symbols("w0:3")
    expr = sp.Add(*(w[k + 1] * src[0, 0, k] for k in (-1, 0, 1)),
                  evaluate=False)
    return ps.create_kernel(ps.Assignment(dst.center, expr),
                            config=config).compile()


@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("shape", [(6, 5, 37), (5, 4, 64), (7, 3, 130)])
def test_jammed_planes_stream_on_any_rows(shape, threads):
    options = dict(STREAMING, jam_planes=2, unroll=1)
    assert_matches_scalar(column, shape, 3,
                          ps.CreateKernelConfig(cpu_openmp=threads,
                                                options=options))


def sum_difference(config):
    u, v, s, d = ps.fields("u, v, s, d: [2D]")
    return ps.create_kernel([ps.Assignment(s.center, u.center + v.center),
                             ps.Assignment(d.center, u.center - v.center)],
                            config=config).compile()


def outputs(kind, shape):
    """Two output arrays: both rows on lines, or the second's one element
    off the first's, or both views one element into their rows."""
    if kind == "aligned":
        return ps.aligned_zeros(shape), ps.aligned_zeros(shape)
    if kind == "second-off-a-line":
        padded = ps.aligned_zeros(shape[:-1] + (shape[-1] + 1,))
        return ps.aligned_zeros(shape), padded[..., 1:]
    return (np.zeros(shape[:-1] + (shape[-1] + 1,))[..., 1:],
            np.zeros(shape[:-1] + (shape[-1] + 1,))[..., 1:])


@pytest.mark.parametrize("kind", ["aligned", "second-off-a-line", "views"])
@pytest.mark.parametrize("options", [STREAMING, None],
                         ids=["nontemporal", "default"])
@pytest.mark.parametrize("shape", [(9, 67), (3, 256)])
def test_two_fields_stream_where_their_rows_allow(shape, options, kind):
    rng = np.random.default_rng(7)
    u, v = rng.random(shape), rng.random(shape)
    kernel = sum_difference(ps.CreateKernelConfig(options=options))
    s, d = outputs(kind, shape)
    kernel(u=u, v=v, s=s, d=d)
    np.testing.assert_array_equal(s, u + v)
    np.testing.assert_array_equal(d, u - v)
