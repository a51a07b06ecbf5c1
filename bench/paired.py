#!/usr/bin/python3
"""Two code generations of one kernel, timed in pairs (bench/README.md).

On a shared machine a sweep can take 1.5x longer than the sweep before it
for no reason of its own, and a median over rounds of many variants still
moves by 10%. This times two option sets of one kernel in alternating calls
(A B, then B A, ...) and reports the median of the ratios of each pair,
which a burst of other tenants slows both halves of:

    bench/paired.py box27 130 --threads 2 --b jam=3 jam_planes=2 unroll=1

The kernels are box27, star19 and heat3d on N^3 arrays and jacobi2d on
N^2, on fields of any shape, or with --fixed of the arrays' (as pystencils
makes them from arrays). A is the default (no options) unless --a gives options; options are
create_kernel's (`jam_planes=2`, `vectorize=host`); B's are checked to give
A's results bit for bit first.
"""

import argparse
import sys
import time

import numpy as np
import sympy as sp

import psmlir as ps


def parse_options(pairs):
    options = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if value.lstrip("-").isdigit():
            options[key] = int(value)
        elif value.lower() in ("true", "false"):
            options[key] = value.lower() == "true"
        else:
            options[key] = value
    return options


KERNELS = {"box27": 3, "star19": 3, "heat3d": 3, "jacobi2d": 2}
"""The kernels and their dimensions."""


def kernel(name, edge=None):
    """The kernel and its parameters; with `edge`, on fields of that fixed
    extent in every dimension (as pystencils makes from arrays), else of
    any."""
    dims = KERNELS[name]
    shape = f"double[{','.join([str(edge)] * dims)}]" if edge else f"[{dims}D]"
    src, dst = ps.fields(f"src, dst: {shape}")
    if name == "jacobi2d":
        terms = [sp.Rational(1, 4) * src[o]
                 for o in ((-1, 0), (1, 0), (0, -1), (0, 1))]
        scalars = {}
    elif name == "box27":
        w = sp.symbols("w0:27")
        terms = [w[9 * (k + 1) + 3 * (j + 1) + (i + 1)] * src[i, j, k]
                 for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1)]
        scalars = {f"w{i}": 0.01 * (i + 1) for i in range(27)}
    elif name == "star19":
        w = sp.symbols("w0:19")
        offsets = [(0, 0, 0)] + [o for r in (1, 2, 3) for o in (
            (-r, 0, 0), (r, 0, 0), (0, -r, 0), (0, r, 0), (0, 0, -r),
            (0, 0, r))]
        terms = [w[i] * src[o] for i, o in enumerate(offsets)]
        scalars = {f"w{i}": 0.01 * (i + 1) for i in range(19)}
    elif name == "heat3d":
        alpha = sp.Symbol("alpha")
        terms = [src[0, 0, 0]] + [alpha * src[o] for o in (
            (-1, 0, 0), (1, 0, 0), (0, -1, 0), (0, 1, 0), (0, 0, -1),
            (0, 0, 1))]
        scalars = {"alpha": 0.1}
    expr = terms[0]
    for term in terms[1:]:
        expr = sp.Add(expr, term, evaluate=False)
    return ps.Assignment(dst.center, expr), scalars


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kernel", choices=list(KERNELS))
    parser.add_argument("edge", type=int)
    parser.add_argument("--threads", type=int, default=0,
                        help="OpenMP threads (0: sequential)")
    parser.add_argument("--pairs", type=int, default=31)
    parser.add_argument("--a", nargs="*", default=[], metavar="OPTION")
    parser.add_argument("--b", nargs="*", default=[], metavar="OPTION")
    parser.add_argument("--fixed", choices=("a", "b", "both"),
                        help="fields of the array's fixed shape for A, B or "
                        "both (default: fields of any shape)")
    args = parser.parse_args()
    fixed = {"a": (True, False), "b": (False, True),
             "both": (True, True)}.get(args.fixed, (False, False))
    omp = args.threads or False
    try:
        programs = []
        for opts, fix in zip((args.a, args.b), fixed):
            assignment, scalars = kernel(args.kernel,
                                         args.edge if fix else None)
            programs.append(ps.create_kernel(
                assignment, config=ps.CreateKernelConfig(
                    cpu_openmp=omp, options=parse_options(opts) or None))
                .compile())
    except (TypeError, ValueError) as error:
        sys.exit(f"paired.py: {error}")
    n = args.edge
    dims = KERNELS[args.kernel]
    src = np.random.default_rng(1).random((n,) * dims)
    dsts = [np.zeros_like(src), np.zeros_like(src)]
    for program, dst in zip(programs, dsts):
        program(src=src, dst=dst, **scalars)
        program(src=src, dst=dst, **scalars)
    if not np.array_equal(dsts[0], dsts[1]):
        sys.exit("paired.py: A and B give different results")
    seconds = [[], []]
    for pair in range(args.pairs):
        for which in ((0, 1) if pair % 2 == 0 else (1, 0)):
            start = time.perf_counter()
            programs[which](src=src, dst=dsts[which], **scalars)
            seconds[which].append(time.perf_counter() - start)
    reach = 3 if args.kernel == "star19" else 1
    points = (n - 2 * reach) ** dims
    rates = [points / np.median(s) / 1e6 for s in seconds]
    ratios = np.array(seconds[0]) / np.array(seconds[1])
    print(f"{args.kernel} {n}^{dims}, {args.threads or 1} thread(s): "
          f"A {rates[0]:.0f}, B {rates[1]:.0f} MLUP/s; B/A per pair: median "
          f"{np.median(ratios):.3f}, quartiles {np.quantile(ratios, 0.25):.3f}"
          f" {np.quantile(ratios, 0.75):.3f}")


if __name__ == "__main__":
    main()
