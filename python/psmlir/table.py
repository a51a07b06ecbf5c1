"""Constant tables (a lattice's direction vectors, weights, inverse
directions) indexed with an expression: `cx[d]` is ps.lookup, an element
of the table chosen per point. ps-analyze bounds what such an element can
be (the table's min..max), so a lookup may be an offset or a component."""

import numpy as np
import sympy as sp

from .dtypes import canonical_dtype, is_float


class TableData(sp.Atom):
    """The table itself inside an expression: its name, values and type
    (a SymPy atom, so that two tables of one name but other values are
    never taken for each other)."""

    def __new__(cls, name, values, dtype):
        obj = sp.Atom.__new__(cls)
        obj.name, obj.values, obj.dtype = name, values, dtype
        return obj

    def __getnewargs__(self):
        return (self.name, self.values, self.dtype)

    def _hashable_content(self):
        return (self.name, self.values, self.dtype)

    def _sympystr(self, printer):
        return self.name


class TableLookup(sp.Function):
    """table[index]: an element of a constant table (ps.lookup). A
    constant index gives the element itself."""
    nargs = 2

    @classmethod
    def eval(cls, table, index):
        if index.is_Integer:
            i = int(index)
            if not 0 <= i < len(table.values):
                raise IndexError(f"table '{table.name}': index {i} is out "
                                 f"of range [0, {len(table.values)})")
            value = table.values[i]
            return sp.Float(value) if is_float(table.dtype) \
                else sp.Integer(value)
        return None

    @property
    def table(self):
        return self.args[0]

    def _sympystr(self, printer):
        return f"{self.args[0].name}[{printer.doprint(self.args[1])}]"


class Table:
    """A constant table: Table('cx', [0, 1, 0, -1, 0, 1, -1, -1, 1]).
    Integers make an int64 table, any float a float64 one; dtype= chooses
    another type (an integer type takes integers only)."""

    def __init__(self, name, values, dtype=None):
        values = list(values)
        if not values:
            raise ValueError(f"table '{name}': no values")
        if dtype is None:
            integral = all(isinstance(v, (int, np.integer)) and
                           not isinstance(v, bool) for v in values)
            dtype = "int64" if integral else "float64"
        dtype = canonical_dtype(dtype)
        if dtype == "bool":
            raise TypeError(f"table '{name}': tables hold integers or floats")
        if is_float(dtype):
            values = tuple(float(v) for v in values)
        else:
            for v in values:
                if isinstance(v, (float, np.floating)) or \
                        int(v) != v:
                    raise TypeError(f"table '{name}' of {dtype}: value {v!r}"
                                    " is not an integer; give dtype="
                                    "'float64' for a table of floats")
            info = np.iinfo(dtype)
            values = tuple(int(v) for v in values)
            for v in values:
                if not info.min <= v <= info.max:
                    raise ValueError(f"table '{name}': {v} does not fit "
                                     f"{dtype}")
        self.name = name
        self.dtype = dtype
        self.values = values
        self.data = TableData(name, values, dtype)

    def __len__(self):
        return len(self.values)

    def __getitem__(self, index):
        return TableLookup(self.data, sp.sympify(index))

    def __repr__(self):
        return f"Table({self.name!r}, {list(self.values)}, {self.dtype!r})"
