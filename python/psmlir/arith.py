"""Arithmetic in a fixed order: SymPy sorts and flattens the terms of a
sum, these keep the order written (a kernel computes add(add(a, b), c) as
(a + b) + c), for results bit-identical to a NumPy reference."""

import sympy as sp


def add(*terms):
    acc = sp.sympify(terms[0])
    for t in terms[1:]:
        acc = sp.Add(acc, sp.sympify(t), evaluate=False)
    return acc


def mul(*factors):
    acc = sp.sympify(factors[0])
    for f in factors[1:]:
        acc = sp.Mul(acc, sp.sympify(f), evaluate=False)
    return acc


def sub(a, b):
    return sp.Add(sp.sympify(a), sp.Mul(-1, sp.sympify(b), evaluate=False),
                  evaluate=False)


def div(a, b):
    return sp.Mul(sp.sympify(a), sp.Pow(sp.sympify(b), -1, evaluate=False),
                  evaluate=False)
