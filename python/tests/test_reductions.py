"""Reduction assignments (pystencils 2's AddReductionAssignment and
friends): the call returns the result, or fills a one-element array passed
under the result's name, on every CPU variant; checked against NumPy."""

import math

import numpy as np
import pytest
import sympy as sp

import psmlir as ps

VARIANTS = [
    {},
    {"cpu_vectorize_info": True},
    {"cpu_openmp": 2},
    {"cpu_vectorize_info": True, "cpu_openmp": 2},
]


def _bound(terms):
    """Twice gamma(n) * sum |terms|: what two associations of a sum of n
    doubles may differ by."""
    n = terms.size + 1
    u = np.finfo(np.float64).eps / 2
    return 2 * n * u / (1 - n * u) * np.abs(terms).sum()


@pytest.mark.parametrize("variant", VARIANTS)
def test_jacobi_with_residual(variant):
    src, dst = ps.fields("src, dst: float64[2D]")
    r = ps.TypedSymbol("residual", "float64")
    mean = (src[1, 0] + src[-1, 0] + src[0, 1] + src[0, -1]) / 4
    update = [ps.Assignment(dst.center, mean),
              ps.AddReductionAssignment(r, (mean - src.center) ** 2)]
    kernel = ps.create_kernel(update, **variant).compile()
    rng = np.random.default_rng(3)
    a = rng.random((23, 11))
    b = np.zeros_like(a)
    residual = kernel(src=a, dst=b)
    want = (a[2:, 1:-1] + a[:-2, 1:-1] + a[1:-1, 2:] + a[1:-1, :-2]) / 4
    np.testing.assert_allclose(b[1:-1, 1:-1], want, rtol=1e-15)
    squares = (want - a[1:-1, 1:-1]) ** 2
    assert abs(residual - squares.sum()) <= 2 * _bound(squares)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("op,reference", [
    ("+", np.sum), ("*", np.prod), ("min", np.min), ("max", np.max)])
def test_integer_reductions_exact(variant, op, reference):
    u = ps.fields("u: int64[3D]")
    result = ps.TypedSymbol("result", "int64")
    kernel = ps.create_kernel(
        [ps.ReductionAssignment(result, op, u.center)], ghost_layers=0,
        **variant).compile()
    rng = np.random.default_rng(7)
    values = rng.integers(-3, 4, size=(9, 5, 4))
    if op == "*":
        values[values == 0] = 1
    got = kernel(u=values)
    assert int(got) == int(reference(values))


@pytest.mark.parametrize("variant", VARIANTS)
def test_min_and_max_of_floats_and_a_passed_array(variant):
    u = ps.fields("u: float32[2D]")
    lo, hi = ps.TypedSymbol("lo", "float32"), ps.TypedSymbol("hi", "float32")
    kernel = ps.create_kernel([ps.MinReductionAssignment(lo, u.center),
                               ps.MaxReductionAssignment(hi, 2 * u.center)],
                              ghost_layers=1, **variant).compile()
    rng = np.random.default_rng(11)
    a = rng.standard_normal((17, 6)).astype(np.float32)
    values = kernel(u=a)
    assert values["lo"] == a[1:-1, 1:-1].min()
    assert values["hi"] == (2 * a[1:-1, 1:-1]).max()
    # A one-element array: the kernel combines into what it holds.
    start = np.array([-1e9], dtype=np.float32)
    kernel(u=a, hi=start)
    assert start[0] == (2 * a[1:-1, 1:-1]).max()
    start[0] = 1e9
    kernel(u=a, hi=start)
    assert start[0] == np.float32(1e9)


def test_result_is_a_parameter_named_after_the_symbol():
    u = ps.fields("u: float64[1D]")
    s = sp.Symbol("s")
    kernel = ps.create_kernel([ps.AddReductionAssignment(s, u.center)],
                              ghost_layers=0)
    assert "%s: !ps.reduction<add, f64>" in kernel.program
    assert "ps.reduce" in kernel.program
    (param,) = [p for p in kernel.parameters if p["name"] == "s"]
    assert param["reduction"] == "add" and not param["is_field"]
    assert math.isclose(kernel(u=np.arange(10.0)), 45.0)


def test_misuse_is_refused():
    u = ps.fields("u: float64[1D]")
    s = sp.Symbol("s")
    with pytest.raises(ValueError, match="unknown reduction operator"):
        ps.ReductionAssignment(s, "-", u.center)
    with pytest.raises(ps.KernelError, match="is not read inside the kernel"):
        ps.create_kernel([ps.AddReductionAssignment(s, u.center),
                          ps.Assignment(u.center, s)])
    with pytest.raises(ps.KernelError, match="reduced twice"):
        ps.create_kernel([ps.AddReductionAssignment(s, u.center),
                          ps.AddReductionAssignment(s, 2 * u.center)])
