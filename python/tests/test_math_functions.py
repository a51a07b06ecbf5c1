"""sympy's elementary functions in kernels: sin, cos, tan, asin, acos, atan,
atan2, sinh, cosh, tanh, exp, log, sqrt and powers become ps operations
that call the C library. The default vectorized kernel gives the scalar
kernel's results bit for bit, and both agree with NumPy to a few ulp, in
f64 and f32."""

import numpy as np
import pytest
import sympy as sp

import psmlir as ps

FUNCTIONS = {
    "sin": (sp.sin, np.sin), "cos": (sp.cos, np.cos), "tan": (sp.tan, np.tan),
    "asin": (sp.asin, np.arcsin), "acos": (sp.acos, np.arccos),
    "atan": (sp.atan, np.arctan), "sinh": (sp.sinh, np.sinh),
    "cosh": (sp.cosh, np.cosh), "tanh": (sp.tanh, np.tanh),
    "exp": (sp.exp, np.exp), "log": (sp.log, np.log),
    "sqrt": (sp.sqrt, np.sqrt),
    "atan2": (lambda x: sp.atan2(x, 1 - x), lambda a: np.arctan2(a, 1 - a)),
}
DOMAINS = {"asin": (-0.95, 0.95), "acos": (-0.95, 0.95), "tan": (-1.4, 1.4),
           "atan2": (-3.0, 3.0)}


def compute(function, dtype, options):
    src, dst = ps.fields(f"src, dst: {dtype}[2D]")
    kernel = ps.create_kernel(
        ps.Assignment(dst.center, FUNCTIONS[function][0](src.center)),
        config=ps.CreateKernelConfig(options=options)).compile()
    low, high = DOMAINS.get(function, (0.25, 4.0))
    rng = np.random.default_rng(5)
    values = (low + rng.random((6, 37)) * (high - low)).astype(dtype)
    result = np.zeros_like(values)
    kernel(src=values, dst=result)
    return values, result


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("function", FUNCTIONS)
def test_function_matches_scalar_kernel_and_numpy(function, dtype):
    values, vectorized = compute(function, dtype, None)
    _, scalar = compute(function, dtype, {"vectorize": "none"})
    assert np.array_equal(vectorized, scalar)
    np.testing.assert_array_max_ulp(
        scalar, FUNCTIONS[function][1](values).astype(dtype), maxulp=4)


def test_atan2_keeps_the_quadrant():
    y, x = ps.fields("y, x: [1D]")
    out = ps.fields("out: [1D]")
    kernel = ps.create_kernel(ps.Assignment(out.center,
                                            sp.atan2(y.center, x.center)),
                              config=ps.CreateKernelConfig(
                                  ghost_layers=0)).compile()
    ys = np.array([1.0, 1.0, -1.0, -1.0, 0.0])
    xs = np.array([1.0, -1.0, -1.0, 1.0, -1.0])
    result = np.zeros(5)
    kernel(y=ys, x=xs, out=result)
    np.testing.assert_array_equal(result, np.arctan2(ys, xs))
