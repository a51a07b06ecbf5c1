"""The default's jam of 2 planes and 3 rows (vectorize=auto, chooseJam and
choosePlaneJam) on a 27-point box with run-time weights: bit for bit the
scalar kernel's results, sequential and on 2 threads, on shapes whose
planes leave 0 or 1 over after the pairs, whose rows leave 0, 1 or 2 over
after the groups of 3, and whose x rows leave vector remainders."""

import numpy as np
import pytest
import sympy as sp

import psmlir as ps


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


@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("shape", [(5, 6, 21), (6, 7, 19), (7, 8, 40),
                                   (4, 11, 9)])
def test_jammed_default_matches_scalar(shape, threads):
    rng = np.random.default_rng(sum(shape))
    src = rng.random(shape)
    weights = {f"w{i}": float(v) for i, v in enumerate(rng.random(27))}
    default = box27(ps.CreateKernelConfig(cpu_openmp=threads))
    scalar = box27(ps.CreateKernelConfig(options={"vectorize": "none"}))
    got, want = np.zeros(shape), np.zeros(shape)
    default(src=src, dst=got, **weights)
    scalar(src=src, dst=want, **weights)
    assert np.array_equal(got, want)
    assert np.count_nonzero(got) == np.prod([n - 2 for n in shape])


def test_the_default_jams_the_box():
    loops = [line.split(" step ")[1].strip(" {") for line in
             box27(ps.CreateKernelConfig()).show_code("loops").splitlines()
             if "scf.for" in line]
    # Pairs of planes, then groups of 3 rows.
    assert loops[:2] == ["%c2", "%c3"]
