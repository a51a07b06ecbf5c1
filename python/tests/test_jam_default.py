"""The default's jam of 3 rows (vectorize=auto, chooseJam) on a 27-point
box with run-time weights, of 2 planes of them for arrays beyond the
last-level cache (choosePlaneJam), and an explicit jam of planes: bit for
bit the scalar kernel's results, sequential and on 2 threads, on shapes
whose planes leave 0 or 1 over after the pairs, whose rows leave 0, 1 or 2
over after the groups of 3, and whose x rows leave vector remainders."""

import numpy as np
import pytest
import sympy as sp

import psmlir as ps
from weighted import assert_matches_scalar, loop_steps, run_against_scalar


def box27(config):
    src, dst = ps.fields("src, dst: [3D]")
    w = sp.symbols("w0:27")
    terms = [w[9 * (k + 1) + 3 * (j + 1) + (i + 1)] * src[i, j, k]
             for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1)]
    expr = terms[0]
    for term in terms[1:]:
        expr = sp.Add(expr, term, evaluate=False)
    return ps.create_kernel(ps.Assignment(dst.center, expr),
                            config=config).compile()


PLANES = {"vectorize": "host", "jam": 3, "jam_planes": 2, "unroll": 1}


@pytest.mark.parametrize("options", [None, PLANES], ids=["default", "planes"])
@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("shape", [(5, 6, 21), (6, 7, 19), (7, 8, 40),
                                   (4, 11, 9)])
def test_jammed_default_matches_scalar(shape, threads, options):
    assert_matches_scalar(
        box27, shape, 27,
        ps.CreateKernelConfig(cpu_openmp=threads, options=options))


def test_the_default_jams_the_box():
    loops = loop_steps(box27(ps.CreateKernelConfig()))
    # Arrays beyond the caches: pairs of planes, rows in groups of 3 (the
    # copy chosen at run time); smaller ones: planes one by one.
    assert loops[:2] == ["%c2", "%c3"]
    assert any(loops[i:i + 2] == ["%c1", "%c3"] for i in range(len(loops)))


@pytest.mark.parametrize("threads", [False, 2])
def test_large_arrays_jam_planes_by_default(threads):
    # 34.9 MB: at least half of the largest streaming threshold (64 MiB),
    # so the copy that jams planes runs; 161 planes leave one over, 160
    # rows one.
    got, want = run_against_scalar(box27, (163, 162, 165), 27,
                                   ps.CreateKernelConfig(cpu_openmp=threads))
    assert np.array_equal(got, want)


def test_planes_jam_the_outermost_loop():
    loops = loop_steps(box27(ps.CreateKernelConfig(options=PLANES)))
    assert loops[:2] == ["%c2", "%c3"]
