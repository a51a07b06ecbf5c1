#!/usr/bin/python3
"""vector-math=libmvec against the default (libm once per lane) and NumPy's
own ufunc, for dst = f(src) on 2D arrays (bench/README.md):

    bench/vector_math.py [--edge 1024] [--calls 15]

Prints MLUP/s medians of alternating calls, one thread, and how many
points libmvec's results differ from libm's in (all within 4 ulp:
python/tests/test_vector_math.py)."""

import argparse
import time

import numpy as np
import sympy as sp

import psmlir as ps

FUNCTIONS = {
    "sin": (lambda x, t: sp.sin(x), lambda a: np.sin(a)),
    "exp": (lambda x, t: sp.exp(x), lambda a: np.exp(a)),
    "log": (lambda x, t: sp.log(x), lambda a: np.log(a)),
    "tanh": (lambda x, t: sp.tanh(x), lambda a: np.tanh(a)),
    "pow": (lambda x, t: x ** ps.TypedSymbol("p", t),
            lambda a: np.power(a, a.dtype.type(1.7))),
    "sin*exp": (lambda x, t: sp.sin(x) * sp.exp(-x),
                lambda a: np.sin(a) * np.exp(-a)),
}


def build(expr, dtype, options):
    src, dst = ps.fields(f"src, dst: {dtype}[2D]")
    return ps.create_kernel(
        ps.Assignment(dst.center, expr(src.center, dtype)),
        config=ps.CreateKernelConfig(options=options)).compile()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edge", type=int, default=1024)
    parser.add_argument("--calls", type=int, default=15)
    args = parser.parse_args()
    shape = (args.edge, args.edge)
    points = args.edge * args.edge
    print(f"{'dtype':8} {'f':8} {'libm':>8} {'libmvec':>8} {'ratio':>6} "
          f"{'NumPy':>8} {'differ':>7}")
    for dtype in ("float64", "float32"):
        for name, (expr, numpy) in FUNCTIONS.items():
            src = (np.random.default_rng(1).random(shape) * 8 + 0.25).astype(
                dtype)
            extra = {"p": 1.7} if name == "pow" else {}
            libm = build(expr, dtype, None)
            libmvec = build(expr, dtype, {"vector_math": "libmvec"})
            a, b = np.zeros(shape, dtype), np.zeros(shape, dtype)
            times = {"libm": [], "libmvec": [], "numpy": []}
            for _ in range(args.calls):
                for key, call in (("libm", lambda: libm(src=src, dst=a,
                                                        **extra)),
                                  ("libmvec", lambda: libmvec(src=src, dst=b,
                                                              **extra)),
                                  ("numpy", lambda: numpy(src))):
                    start = time.perf_counter()
                    call()
                    times[key].append(time.perf_counter() - start)
            rate = {k: points / np.median(v) / 1e6 for k, v in times.items()}
            print(f"{dtype:8} {name:8} {rate['libm']:8.0f} "
                  f"{rate['libmvec']:8.0f} "
                  f"{rate['libmvec'] / rate['libm']:6.1f} "
                  f"{rate['numpy']:8.0f} "
                  f"{np.count_nonzero(a != b) / points:7.0%}")


if __name__ == "__main__":
    main()
