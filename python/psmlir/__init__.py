"""psmlir: stencil kernels in pystencils' terms, compiled by the ps dialect.

    import sympy as sp
    import psmlir as ps

    src, dst = ps.fields("src, dst: float64[2D]")
    update = ps.Assignment(dst.center,
                           (src[1, 0] + src[-1, 0] + src[0, 1] + src[0, -1]) / 4)
    kernel = ps.create_kernel([update]).compile()
    kernel(src=a, dst=b)
"""

# SymPy imports sympy.tensor (and with it sympy.combinatorics) the first
# time it adds two expressions; doing it here keeps that one-time cost
# (about 30 ms) out of the first create_kernel.
import sympy.tensor.tensor as _warm_sympy  # noqa: F401

from .assignment import (AddReductionAssignment, Assignment,
                         AssignmentCollection, Location,
                         MaxReductionAssignment, MinReductionAssignment,
                         MulReductionAssignment, ReductionAssignment)
from .dtypes import canonical_dtype
from .errors import KernelError, NoGpuError
from .arrays import aligned_empty, aligned_zeros, create_array
from .config import CreateKernelConfig, make_slice
from .description import fields
from .field import Field, layout_name
from .kernel import create_kernel, generate
from .options import option_defaults
from .program import Program, Target
from .symbols import (CastFunc, TypedSymbol, cast, fma, int_div, int_rem,
                      x_, x_vector, y_, z_)
from .arith import add, mul, sub, div
from .table import Table



def show_code(program, stage="ps"):
    """pystencils' ps.show_code: the program's code at a stage."""
    return program.show_code(stage)


del _warm_sympy

__all__ = [
    "AddReductionAssignment", "MaxReductionAssignment",
    "MinReductionAssignment", "MulReductionAssignment",
    "ReductionAssignment",
    "Assignment", "AssignmentCollection", "CastFunc", "CreateKernelConfig",
    "Field", "KernelError", "Location", "NoGpuError", "Program", "Table",
    "Target",
    "TypedSymbol", "add", "aligned_empty", "aligned_zeros",
    "canonical_dtype", "cast", "create_array",
    "create_kernel", "div", "fields", "fma", "generate", "int_div",
    "int_rem", "layout_name", "make_slice", "mul", "option_defaults",
    "show_code", "sub",
    "x_", "x_vector", "y_", "z_",
]
