"""Shared by the tests of the default's jams: a kernel with run-time
weights run as configured and as the scalar kernel on the same random
input, and the step of every loop the default's code shows."""

import numpy as np
import sympy as sp

import psmlir as ps


def weighted_sum(offsets, config, dtype="double", extents="3D"):
    """Compiles sum w_i * src[offset_i] to dst.center in the written order,
    with run-time weights w0... of `dtype`, on fields of `extents` ("3D":
    any shape; "64,8": fixed)."""
    src, dst = ps.fields(f"src, dst: {dtype}[{extents}]")
    precision = "float64" if dtype == "double" else "float32"
    w = [ps.TypedSymbol(f"w{i}", precision) for i in range(len(offsets))]
    expr = w[0] * src[offsets[0]]
    for weight, offset in zip(w[1:], offsets[1:]):
        expr = sp.Add(expr, weight * src[offset], evaluate=False)
    return ps.create_kernel(ps.Assignment(dst.center, expr),
                            config=config).compile()


def run_against_scalar(build, shape, weights, config):
    """`build(config)` compiles the kernel (fields src, dst, weights w0...);
    returns its result and the scalar kernel's on one random `src`."""
    rng = np.random.default_rng(sum(shape))
    src = rng.random(shape)
    values = {f"w{i}": float(v) for i, v in enumerate(rng.random(weights))}
    kernel = build(config)
    scalar = build(ps.CreateKernelConfig(options={"vectorize": "none"}))
    got, want = np.zeros(shape), np.zeros(shape)
    kernel(src=src, dst=got, **values)
    scalar(src=src, dst=want, **values)
    return got, want


def assert_matches_scalar(build, shape, weights, config, ghost=1):
    """run_against_scalar, bit for bit, with every interior point written."""
    got, want = run_against_scalar(build, shape, weights, config)
    assert np.array_equal(got, want)
    assert np.count_nonzero(got) == np.prod([n - 2 * ghost for n in shape])


def loop_steps(program):
    """The steps of the program's scf.for loops, in the order shown."""
    return [line.split(" step ")[1].strip(" {")
            for line in program.show_code("loops").splitlines()
            if "scf.for" in line]
