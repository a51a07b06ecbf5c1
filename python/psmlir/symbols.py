"""Scalar symbols, casts, integer division and the coordinates."""

import sympy as sp
from sympy.core.symbol import Str

from .dtypes import canonical_dtype


class TypedSymbol(sp.Symbol):
    """A scalar parameter of a given type (pystencils' TypedSymbol). An
    untyped sympy.Symbol is a parameter whose type ps-typify infers (the
    default f64)."""

    def __new__(cls, name, dtype):
        obj = sp.Symbol.__xnew__(cls, name)
        obj.dtype = canonical_dtype(dtype)
        return obj

    def __getnewargs__(self):
        return (self.name, self.dtype)

    def _hashable_content(self):
        return super()._hashable_content() + (self.dtype,)


class CastFunc(sp.Function):
    """An explicit conversion, `cast(expr, "float32")` (ps.cast)."""
    nargs = 2

    @classmethod
    def eval(cls, expr, dtype):
        return None

    @property
    def dtype(self):
        return canonical_dtype(self.args[1].name)


def cast(expr, dtype):
    return CastFunc(sp.sympify(expr), Str(canonical_dtype(dtype)))


class int_div(sp.Function):
    """Integer division rounding toward zero (C `/` on integers)."""
    nargs = 2


class int_rem(sp.Function):
    """The remainder of int_div (C `%`): the sign of the dividend."""
    nargs = 2


class fma(sp.Function):
    """a * b + c rounded once (ps.fma)."""
    nargs = 3


class Coordinate(sp.Symbol):
    """The coordinate of the current point in one dimension: the counter
    of the iteration space (an integer of the index type, i64), counted
    from the array's first element, ghost layers included."""

    def __new__(cls, dim):
        obj = sp.Symbol.__xnew__(cls, "xyz"[dim] + "_")
        obj.dim = dim
        return obj

    def __getnewargs__(self):
        return (self.dim,)

    def _hashable_content(self):
        return super()._hashable_content() + (self.dim,)


x_, y_, z_ = Coordinate(0), Coordinate(1), Coordinate(2)
x_vector = (x_, y_, z_)
