"""Software prefetch of the leading rows (ps-vectorize's prefetch, chosen
by vectorize=auto for memory-bound loops): bit for bit the scalar kernel's
results, from prefetches a line ahead to ones past the end of small arrays
(clamped to their last element), with jams of rows and planes, on 2
threads, in 2D and 3D, and with shapes that leave vector remainders."""

import pytest
import sympy as sp

import psmlir as ps
from weighted import assert_matches_scalar


def weighted_sum(dims, offsets, config):
    """The sum of w_i * src[offset_i] in the order given, to dst.center."""
    src, dst = ps.fields(f"src, dst: [{dims}D]")
    w = sp.symbols(f"w0:{len(offsets)}")
    expr = w[0] * src[offsets[0]]
    for weight, offset in zip(w[1:], offsets[1:]):
        expr = sp.Add(expr, weight * src[offset], evaluate=False)
    return ps.create_kernel(ps.Assignment(dst.center, expr),
                            config=config).compile()


def star7(config):
    return weighted_sum(3, [(0, 0, -1), (0, -1, 0), (-1, 0, 0), (0, 0, 0),
                            (1, 0, 0), (0, 1, 0), (0, 0, 1)], config)


def cross5(config):
    return weighted_sum(2, [(0, -1), (-1, 0), (0, 0), (1, 0), (0, 1)],
                        config)


OPTIONS = {
    "default": None,
    "line": {"vectorize": "host", "prefetch": 64},
    "past-the-end": {"vectorize": "host", "prefetch": 65536},
    "jams": {"vectorize": "host", "prefetch": 4096, "jam": 2,
             "jam_planes": 2, "unroll": 1},
    "reuse": {"vectorize": "host", "prefetch": 4096, "reuse": True},
}


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("shape", [(5, 6, 37), (7, 5, 64), (4, 9, 133)])
def test_prefetching_3d_matches_scalar(shape, threads, options):
    assert_matches_scalar(
        star7, shape, 7,
        ps.CreateKernelConfig(cpu_openmp=threads, options=options))


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
@pytest.mark.parametrize("shape", [(9, 37), (3, 200)])
def test_prefetching_2d_matches_scalar(shape, options):
    assert_matches_scalar(cross5, shape, 5,
                          ps.CreateKernelConfig(options=options))


def test_the_default_prefetches_memory_bound_loops():
    default = star7(ps.CreateKernelConfig()).show_code("loops")
    assert "memref.prefetch" in default
    off = star7(ps.CreateKernelConfig(options={"vectorize": "host"}))
    assert "memref.prefetch" not in off.show_code("loops")
