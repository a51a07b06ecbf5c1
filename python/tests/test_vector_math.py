"""vector-math=libmvec: sin, cos, tan, their inverses, atan2, the
hyperbolic functions, exp, log and pow on vectors call glibc's vector
functions (x86-64). Every value is within 4 ulp of the scalar
kernel's (libm's), in f32 and f64, for SSE, AVX2 and AVX-512 vectors, with
masked remainders and on 2 threads; the default keeps libm, bit for bit;
the option is refused where it does nothing or cannot run."""

import platform

import numpy as np
import pytest
import sympy as sp

import psmlir as ps

pytestmark = pytest.mark.skipif(platform.machine() != "x86_64",
                                reason="libmvec is glibc's on x86-64")

FUNCTIONS = {
    "sin": lambda x, dtype: sp.sin(x),
    "cos": lambda x, dtype: sp.cos(x),
    "tan": lambda x, dtype: sp.tan(x),
    "asin": lambda x, dtype: sp.asin(x),
    "acos": lambda x, dtype: sp.acos(x),
    "atan": lambda x, dtype: sp.atan(x),
    "atan2": lambda x, dtype: sp.atan2(x, x - 1),
    "sinh": lambda x, dtype: sp.sinh(x),
    "cosh": lambda x, dtype: sp.cosh(x),
    "tanh": lambda x, dtype: sp.tanh(x),
    "exp": lambda x, dtype: sp.exp(x),
    "log": lambda x, dtype: sp.log(x),
    "pow": lambda x, dtype: x ** ps.TypedSymbol("p", dtype),
}
# Inputs where each function is defined (asin and acos: [-1, 1]).
DOMAINS = {"asin": (-0.95, 0.95), "acos": (-0.95, 0.95), "tan": (-1.4, 1.4),
           "atan2": (-3.0, 3.0)}


def program(function, dtype, options, threads=False):
    src, dst = ps.fields(f"src, dst: {dtype}[2D]")
    assignment = ps.Assignment(dst.center, FUNCTIONS[function](src.center, dtype))
    config = ps.CreateKernelConfig(options=options, cpu_openmp=threads)
    return ps.create_kernel(assignment, config=config)


def build(function, dtype, options, threads=False):
    return program(function, dtype, options, threads).compile()


def run(kernel, function, dtype, shape=(7, 45)):
    rng = np.random.default_rng(3)
    low, high = DOMAINS.get(function, (0.25, 8.25))
    src = (low + rng.random(shape) * (high - low)).astype(dtype)
    dst = np.zeros(shape, dtype)
    kernel(src=src, dst=dst, **({"p": 1.7} if function == "pow" else {}))
    return dst


def host_isas():
    names = ["sse4.2", "avx2", "avx512f"]
    flags = open("/proc/cpuinfo").read()
    return [isa for isa in names
            if {"sse4.2": "sse4_2", "avx2": "avx2",
                "avx512f": "avx512f"}[isa] in flags]


@pytest.mark.parametrize("isa", host_isas())
@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("function", FUNCTIONS)
def test_libmvec_within_4_ulp_of_libm(function, dtype, isa):
    options = {"vectorize": isa, "vector_math": "libmvec"}
    # One call per vector, named by the vector function ABI.
    letter = {"sse4.2": "b", "avx2": "d", "avx512f": "e"}[isa]
    assert f"_ZGV{letter}N" in program(function, dtype,
                                      options).show_code("llvm")
    got = run(build(function, dtype, options), function, dtype)
    want = run(build(function, dtype, {"vectorize": "none"}), function,
               dtype)
    np.testing.assert_array_max_ulp(got, want, maxulp=4)


@pytest.mark.parametrize("function", ["sin", "exp"])
def test_libmvec_on_two_threads(function):
    options = {"vector_math": "libmvec"}
    got = run(build(function, "float64", options, threads=2), function,
              "float64", (33, 130))
    want = run(build(function, "float64", {"vectorize": "none"}), function,
               "float64", (33, 130))
    np.testing.assert_array_max_ulp(got, want, maxulp=4)


def test_default_calls_libm_bit_for_bit():
    assert "_ZGV" not in program("sin", "float64", None).show_code("llvm")
    got = run(build("sin", "float64", None), "sin", "float64")
    want = run(build("sin", "float64", {"vectorize": "none"}), "sin",
               "float64")
    assert np.array_equal(got, want)


def test_refused_where_it_does_nothing_or_is_unknown():
    with pytest.raises(ValueError, match="vector-math is an option of "
                       "ps-vectorize, which runs only with vectorize="):
        build("sin", "float64", {"vectorize": "none",
                                 "vector_math": "libmvec"})
    with pytest.raises(ValueError, match="vector-math"):
        build("sin", "float64", {"vector_math": "svml"})


def test_host_calls_only_functions_of_its_registers():
    """vectorize=host with lanes=8 makes 512-bit vectors of f64: AVX-512
    has functions for them, a host without it calls libm per lane rather
    than functions it cannot run."""
    options = {"vectorize": "host", "lanes": 8, "vector_math": "libmvec"}
    code = program("sin", "float64", options).show_code("llvm")
    assert ("_ZGVeN8v_sin" in code) == ("avx512f" in host_isas())
    got = run(build("sin", "float64", options), "sin", "float64")
    want = run(build("sin", "float64", {"vectorize": "none"}), "sin",
               "float64")
    np.testing.assert_array_max_ulp(got, want, maxulp=4)


VARIANTS = {
    "default": {},
    "streaming": {"vectorize": "host", "nontemporal": True},
    "scalar-remainder": {"vectorize": "host", "remainder": "scalar"},
    "unroll-1": {"vectorize": "host", "unroll": 1},
    "half-width": {"vectorize": "host", "lanes": 2},
}


@pytest.mark.parametrize("function", ["sin", "tanh", "atan2"])
def test_libmvec_results_do_not_depend_on_the_code_path(function):
    """Every point calls the variant of the instruction set's registers,
    whether vectorized, peeled or in a scalar remainder, on aligned rows or
    one element off, on 1 or 2 threads: the same bits everywhere."""
    shape = (9, 61)
    rng = np.random.default_rng(11)
    values = rng.random(shape) * 6 - 3
    results = []
    for name, options in VARIANTS.items():
        for threads in (False, 2):
            kernel = build(function, "float64",
                           dict(options, vector_math="libmvec"), threads)
            for offset in (0, 1):
                # The same values, in rows that start `offset` elements on.
                src = np.zeros((shape[0], shape[1] + 1))[:, offset:][:, :61]
                dst = np.zeros((shape[0], shape[1] + 1))[:, offset:][:, :61]
                src[...] = values
                kernel(src=src, dst=dst)
                results.append((name, threads, offset, dst.copy()))
    first = results[0][3]
    for name, threads, offset, result in results[1:]:
        assert np.array_equal(result, first), (name, threads, offset)
