"""Random stencil kernels (differential testing): random offsets, weights,
dimensions, element types, shapes and code generations, each against the
same kernel with LLVM's vectorizer alone (bit for bit), against NumPy
evaluating its expression in the order the front end emits it (bit for
bit), and with the ghost layers of the destination left untouched. 40
kernels from fixed seeds; PS_PYTHON_LONG_TESTS=1 runs 400."""

import os
import random

import numpy as np
import pytest
import sympy as sp

import psmlir as ps

CASES = 400 if os.environ.get("PS_PYTHON_LONG_TESTS") else 40

OPTIONS = [
    {}, {"vectorize": "host"}, {"vectorize": "avx2"},
    {"vectorize": "sse4.2"}, {"vectorize": "host", "unroll": 3},
    {"vectorize": "host", "aligned": True},
    {"vectorize": "host", "nontemporal": True},
    {"vectorize": "avx2", "remainder": "scalar"},
    {"vectorize": "host", "jam": 2},
    {"vectorize": "host", "jam": 3, "jam_planes": 2, "unroll": 1},
    {"vectorize": "host", "reuse": True},
    {"vectorize": "host", "block_rows": 3},
    {"vectorize": "host", "lanes": 2}, {"prefetch": 256},
    {"streaming_above": 1}, {"vectorize": "host", "unroll": 16},
    {"threads": 2}, {"vectorize": "host", "threads": 2, "jam": 2},
]
"""The code generations; those the CPU lacks are skipped."""

SENTINEL = -7.0


class RandomKernel:
    """A sum of weighted accesses of `src`, with maxima and minima between
    the terms, nested as a user writes it (a + (b - (c + ...)))."""

    def __init__(self, seed):
        rnd = random.Random(seed)
        self.dims = rnd.choice([1, 2, 3, 3])
        self.dtype = rnd.choice(["float64", "float64", "float32"])
        self.reach = rnd.choice([1, 1, 2, 3])
        largest = {1: 300, 2: 45, 3: 19}[self.dims]
        self.shape = tuple(rnd.randint(2 * self.reach + 1, largest)
                           for _ in range(self.dims))
        self.src, self.dst = ps.fields(
            f"src, dst: {self.dtype}[{self.dims}D]")
        self.w = ps.TypedSymbol("w", self.dtype)
        self.options = dict(rnd.choice(OPTIONS))
        self.view = rnd.random() < 0.3
        expr = self._term(rnd)
        for _ in range(rnd.randint(0, 11)):
            term, op = self._term(rnd), rnd.random()
            if op < 0.6:
                expr = sp.Add(expr, term, evaluate=False)
            elif op < 0.8:
                expr = sp.Add(expr, -term, evaluate=False)
            elif op < 0.9:
                expr = sp.Max(expr, term)
            else:
                expr = sp.Min(expr, term)
        self.expr = expr

    def _term(self, rnd):
        access = self.src[tuple(rnd.randint(-self.reach, self.reach)
                                for _ in range(self.dims))]
        kind = rnd.random()
        if kind < 0.5:
            return sp.Float(round(rnd.uniform(-2, 2), 3)) * access
        if kind < 0.7:
            return access
        if kind < 0.8:
            return access * access
        if kind < 0.9:
            return access / sp.Integer(rnd.choice([2, 3, 4, 7]))
        return self.w * access

    def __repr__(self):
        return (f"{self.dims}D {self.dtype} {self.shape} reach {self.reach} "
                f"{self.options}: {self.expr}")

    def compile(self, options):
        assignment = ps.Assignment(self.dst.center, self.expr)
        return ps.create_kernel(assignment, ghost_layers=self.reach,
                                options=options or None).compile()

    def reference(self, src, w):
        """NumPy on the interior, in the emitted order: sums left to right
        as nested, a coefficient 1/q as a division by q, a negative one as
        a subtraction (the same bits as a negated product)."""
        scalar = np.dtype(self.dtype).type

        def shifted(offsets):
            return src[tuple(slice(self.reach + o, n - self.reach + o)
                             for o, n in zip(offsets, self.shape))]

        def value(e):
            if isinstance(e, ps.Field.Access):
                return shifted(tuple(e.offsets))
            if e == self.w:
                return scalar(w)
            if e.is_Number:
                return scalar(float(e))
            if isinstance(e, sp.Add):
                acc = value(e.args[0])
                for term in e.args[1:]:
                    acc = acc + value(term)
                return acc
            if isinstance(e, sp.Mul):
                coefficient, factors = e.as_coeff_mul()
                acc = value(factors[0])
                for factor in factors[1:]:
                    acc = acc * value(factor)
                magnitude = abs(coefficient)
                if isinstance(magnitude, sp.Rational) and \
                        not magnitude.is_Integer and magnitude.p == 1:
                    acc = acc / scalar(magnitude.q)
                elif magnitude != 1:
                    acc = scalar(float(magnitude)) * acc
                return -acc if coefficient < 0 else acc
            if isinstance(e, sp.Pow) and e.exp == 2:
                return value(e.base) * value(e.base)
            combine = {sp.Max: np.maximum, sp.Min: np.minimum}[type(e)]
            acc = value(e.args[0])
            for term in e.args[1:]:
                acc = combine(acc, value(term))
            return acc

        return value(self.expr)

    def arrays(self, seed):
        rng = np.random.default_rng(seed)
        if self.view:
            padded = rng.uniform(-1, 1, tuple(n + 3 for n in self.shape))
            src = padded.astype(self.dtype)[
                tuple(slice(1, 1 + n) for n in self.shape)]
        else:
            src = rng.uniform(-1, 1, self.shape).astype(self.dtype)
        return src, np.full(self.shape, SENTINEL, dtype=self.dtype)


def host_lacks(options):
    isa = options.get("vectorize")
    flags = open("/proc/cpuinfo").read()
    return (isa == "avx2" and " avx2" not in flags) or \
        (isa == "sse4.2" and " sse4_2" not in flags)


@pytest.mark.parametrize("seed", range(CASES))
def test_random_kernel(seed):
    kernel = RandomKernel(seed)
    if host_lacks(kernel.options):
        pytest.skip(f"the CPU lacks {kernel.options['vectorize']}")
    src, dst = kernel.arrays(seed)
    baseline = dst.copy()
    w = 0.37
    scalars = {"w": w} if kernel.w in kernel.expr.atoms(sp.Symbol) else {}
    kernel.compile(kernel.options)(src=src, dst=dst, **scalars)
    kernel.compile({"vectorize": "none"})(src=src, dst=baseline, **scalars)
    interior = tuple(slice(kernel.reach, n - kernel.reach)
                     for n in kernel.shape)
    ghosts = dst.copy()
    ghosts[interior] = SENTINEL
    assert np.all(ghosts == SENTINEL), f"ghost layers written: {kernel}"
    assert np.array_equal(dst, baseline), f"differs from scalar: {kernel}"
    assert np.array_equal(dst[interior], kernel.reference(src, w)), \
        f"differs from NumPy: {kernel}"
