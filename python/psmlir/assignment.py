"""Assignments and collections of them, each with the Python line that
made it: the IR carries it as the location of every operation."""

import os
import sys

import sympy as sp

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


class Location:
    """A file, line and column of the user's program."""

    __slots__ = ("file", "line", "column")

    def __init__(self, file, line, column=1):
        self.file, self.line, self.column = file, line, column

    def ir(self):
        escaped = self.file.replace("\\", "\\\\").replace('"', '\\"')
        return f'loc("{escaped}":{self.line}:{self.column})'

    def __str__(self):
        return f"{self.file}:{self.line}:{self.column}"

    def __repr__(self):
        return f"Location({str(self)!r})"


def caller_location():
    """The first frame outside this package (and outside SymPy): where the
    user wrote the assignment."""
    frame = sys._getframe(1)
    while frame is not None:
        # The file name as Python has it (relative to where the script was
        # started, as tracebacks print it).
        path = frame.f_code.co_filename
        absolute = os.path.abspath(path)
        if not absolute.startswith(_PACKAGE_DIR) and "/sympy/" not in absolute:
            column = 1
            try:
                positions = list(frame.f_code.co_positions())
                entry = positions[frame.f_lasti // 2]
                if entry[0] == frame.f_lineno and entry[2] is not None:
                    column = entry[2] + 1
            except (AttributeError, IndexError):
                pass
            return Location(path, frame.f_lineno, column)
        frame = frame.f_back
    return Location("<unknown>", 0, 0)


class Assignment:
    """lhs = rhs (pystencils' Assignment): lhs is a field access (a store)
    or a symbol (a subexpression that later assignments read)."""

    def __init__(self, lhs, rhs, location=None):
        if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
            raise TypeError("Assignment takes scalars; use "
                            "Assignment.vector or one per component")
        self.lhs = lhs
        self.rhs = sp.sympify(rhs)
        self.location = location or caller_location()

    @staticmethod
    def vector(lhs, rhs):
        location = caller_location()
        return [Assignment(a, b, location) for a, b in zip(lhs, rhs)]

    @property
    def args(self):
        return (self.lhs, self.rhs)

    def __iter__(self):
        return iter((self.lhs, self.rhs))

    def __repr__(self):
        return f"Assignment({self.lhs}, {self.rhs})"

    def __str__(self):
        return f"{self.lhs} := {self.rhs}"


_REDUCTION_OPS = {"+": "add", "*": "mul", "min": "min", "max": "max",
                  "add": "add", "mul": "mul"}


class ReductionAssignment(Assignment):
    """lhs op= rhs over every point (pystencils 2's reduction assignments):
    lhs is a symbol (a TypedSymbol gives the result's type, float64
    otherwise), op one of '+', '*', 'min', 'max'. The kernel gets a result
    parameter named after the symbol; a call returns its value (or fills a
    one-element array passed under that name, combining into what it
    holds, as pystencils passes a pointer)."""

    def __init__(self, lhs, op, rhs, location=None):
        if not isinstance(lhs, sp.Symbol):
            raise TypeError(f"a reduction assigns to a symbol, got {lhs!r}")
        if op not in _REDUCTION_OPS:
            raise ValueError(f"unknown reduction operator {op!r}; expected "
                             "'+', '*', 'min' or 'max'")
        super().__init__(lhs, rhs, location or caller_location())
        self.op = op
        self.kind = _REDUCTION_OPS[op]

    def __repr__(self):
        return f"ReductionAssignment({self.lhs}, {self.op!r}, {self.rhs})"

    def __str__(self):
        return f"{self.lhs} {self.op}= {self.rhs}"


class AddReductionAssignment(ReductionAssignment):
    """lhs += rhs over every point."""

    def __init__(self, lhs, rhs, location=None):
        super().__init__(lhs, "+", rhs, location or caller_location())


class MulReductionAssignment(ReductionAssignment):
    """lhs *= rhs over every point."""

    def __init__(self, lhs, rhs, location=None):
        super().__init__(lhs, "*", rhs, location or caller_location())


class MinReductionAssignment(ReductionAssignment):
    """lhs = min(lhs, rhs) over every point."""

    def __init__(self, lhs, rhs, location=None):
        super().__init__(lhs, "min", rhs, location or caller_location())


class MaxReductionAssignment(ReductionAssignment):
    """lhs = max(lhs, rhs) over every point."""

    def __init__(self, lhs, rhs, location=None):
        super().__init__(lhs, "max", rhs, location or caller_location())


class AssignmentCollection:
    """Main assignments (stores to fields) and the subexpressions they use
    (assignments to symbols), as pystencils' AssignmentCollection."""

    def __init__(self, main_assignments, subexpressions=()):
        self.main_assignments = list(_as_assignments(main_assignments))
        self.subexpressions = list(_as_assignments(subexpressions))

    @property
    def all_assignments(self):
        return self.subexpressions + self.main_assignments

    def __iter__(self):
        return iter(self.all_assignments)

    def __len__(self):
        return len(self.all_assignments)

    def __repr__(self):
        lines = [f"  {a}" for a in self.subexpressions]
        lines += [f"  {a}" for a in self.main_assignments]
        return "AssignmentCollection(\n" + "\n".join(lines) + "\n)"


def _as_assignments(items):
    if isinstance(items, dict):
        location = caller_location()
        return [Assignment(k, v, location) for k, v in items.items()]
    out = []
    for item in items:
        if isinstance(item, Assignment):
            out.append(item)
        elif isinstance(item, (list, tuple)) and item and \
                all(isinstance(a, Assignment) for a in item):
            out.extend(item)
        elif isinstance(item, sp.Eq):
            out.append(Assignment(item.lhs, item.rhs))
        else:
            raise TypeError(f"{item!r} is not an Assignment")
    return out


def as_assignment_list(assignments):
    """Every assignment of a list, a collection, a dict or one Assignment,
    subexpressions first."""
    if isinstance(assignments, Assignment):
        return [assignments]
    if isinstance(assignments, AssignmentCollection):
        return assignments.all_assignments
    return _as_assignments(assignments)
