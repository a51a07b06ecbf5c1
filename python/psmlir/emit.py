"""SymPy assignments to ps IR text.

Every operation carries the location of the assignment it comes from.
Expressions are emitted in the order SymPy keeps their arguments: an Add
or a Mul of n terms is a left fold over `expr.args`, so that a NumPy
reference that folds the same way gives the same bits (use
evaluate=False, or `add`/`mul` of psmlir, to fix an order yourself).
"""

import math

import sympy as sp
from sympy.logic.boolalg import BooleanFalse, BooleanTrue

from .dtypes import ps_type
from .errors import located
from .field import Field
from .symbols import CastFunc, Coordinate, fma, int_div, int_rem
from .table import TableLookup

UNTYPED = "!ps.untyped"
_UNARY = {sp.sin: "sin", sp.cos: "cos", sp.tan: "tan", sp.asin: "asin",
          sp.acos: "acos", sp.atan: "atan", sp.sinh: "sinh", sp.cosh: "cosh",
          sp.tanh: "tanh", sp.exp: "exp", sp.log: "log", sp.Abs: "abs",
          sp.floor: "floor", sp.ceiling: "ceil"}
_CMP = {sp.StrictLessThan: "lt", sp.LessThan: "le", sp.StrictGreaterThan: "gt",
        sp.GreaterThan: "ge", sp.Equality: "eq", sp.Unequality: "ne"}
_INTEGERS = {"i8", "i16", "i32", "i64"}
# x**n with a positive integer n up to this becomes multiplications.
_MAX_POWER_AS_PRODUCT = 8


def float_literal(value):
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"constant {value} is not finite")
    text = repr(value)
    if "e" in text and "." not in text:
        text = text.replace("e", ".0e")
    return text


class Emitter:
    """Writes the body of one iteration space."""

    def __init__(self, fields, symbols, counters, indent="    "):
        self.lines = []
        self.indent = indent
        self.fields = fields          # Field -> (ssa, ir type)
        self.symbols = symbols        # sympy Symbol -> (ssa, type)
        self.counters = counters      # dim -> ssa of the counter
        self.reductions = {}          # Symbol -> (ssa, result type, element)
        self.records = set()          # index lists and their record fields
        self.memo = {}
        self.count = 0
        self.location = None

    def _new(self):
        # Numbers: no parameter (a Python identifier) is called that.
        self.count += 1
        return f"%{self.count}"

    def _op(self, text, type_):
        name = self._new()
        self.lines.append(f"{self.indent}{name} = {text} {self.location.ir()}")
        return name, type_

    def error(self, message):
        return located(self.location, message)

    # -- statements ----------------------------------------------------
    def assign(self, assignment):
        self.location = assignment.location
        lhs, rhs = assignment.lhs, assignment.rhs
        value = self.value(rhs)
        if getattr(assignment, "kind", None):
            self.reduce(lhs, value)
        elif isinstance(lhs, Field.Access):
            self.store(lhs, value)
        elif isinstance(lhs, sp.Symbol):
            self.symbols[lhs] = value
        else:
            raise self.error(f"cannot assign to {lhs}: the left-hand side "
                             "must be a field access or a symbol")

    def store(self, access, value):
        ssa, field_type = self.fields[access.field]
        element = ps_type(access.field.dtype)
        types = field_type if value[1] == element else \
            f"{value[1]}, {field_type}"
        self.lines.append(f"{self.indent}ps.store {value[0]}, {ssa}"
                          f"{self._indices(access)} : {types} "
                          f"{self.location.ir()}")

    def reduce(self, symbol, value):
        ssa, result_type, element = self.reductions[symbol]
        types = result_type if value[1] == element else \
            f"{value[1]}, {result_type}"
        self.lines.append(f"{self.indent}ps.reduce {value[0]}, {ssa} : "
                          f"{types} {self.location.ir()}")

    def _indices(self, access):
        field = access.field
        if len(access.index) != len(field.index_shape):
            raise self.error(
                f"access {access} to field '{field.name}' names "
                f"{len(access.index)} components, the field has "
                f"{len(field.index_shape)} index dimensions {field.index_shape}"
                "; write f[offsets](component)")
        for i, (c, n) in enumerate(zip(access.index, field.index_shape)):
            if isinstance(c, int) and not 0 <= c < n:
                raise self.error(f"component {c} of field '{field.name}' is "
                                 f"out of range [0, {n}) in index dimension "
                                 f"{i}")
        text = "[" + ", ".join(map(self._index, access.offsets)) + "]"
        if access.index:
            text += "(" + ", ".join(map(self._index, access.index)) + ")"
        return text

    def _index(self, value):
        """A constant offset or component as a number, one computed per
        point as its value with its type (`%3 : i32`)."""
        if isinstance(value, int):
            return str(value)
        ssa, type_ = self.value(value)
        if type_ not in _INTEGERS and type_ != UNTYPED:
            raise self.error(f"the offset or component {value} is {type_}; "
                             "offsets and components are integers")
        return f"{ssa} : {type_}"

    def _load_record(self, access):
        """A member of the current entry's record: a component of the
        index list or the element of a record field (ps.load_record)."""
        if any(o != 0 for o in access.offsets):
            raise self.error(f"{access}: a sparse kernel reads the record of "
                             "the current entry only; write "
                             f"{access.field.name}[0](member)")
        ssa, field_type = self.fields[access.field]
        if len(access.index) != len(access.field.index_shape):
            raise self.error(f"{access}: name the member of the record, "
                             f"{access.field.name}[0]('name')")
        text = f"ps.load_record {ssa}"
        if access.index:
            text += "(" + ", ".join(map(self._index, access.index)) + ")"
        return self._op(f"{text} : {field_type}", ps_type(access.field.dtype))

    def _lookup(self, expr):
        table, index = expr.args
        ssa, type_ = self.value(index)
        if type_ not in _INTEGERS and type_ != UNTYPED:
            raise self.error(f"table '{table.name}' is indexed with {index}, "
                             f"a {type_}; table indices are integers")
        element = ps_type(table.dtype)
        if element.startswith("f"):
            values = ", ".join(float_literal(v) for v in table.values)
        else:
            values = ", ".join(map(str, table.values))
        return self._op(f"ps.lookup {ssa} : {type_} in dense<[{values}]> : "
                        f"tensor<{len(table.values)}x{element}>", element)

    # -- expressions ---------------------------------------------------
    def value(self, expr):
        if expr in self.memo:
            return self.memo[expr]
        result = self._value(expr)
        self.memo[expr] = result
        return result

    def _value(self, expr):
        if isinstance(expr, Field.Access) and expr.field in self.records:
            return self._load_record(expr)
        if isinstance(expr, Field.Access):
            ssa, field_type = self.fields[expr.field]
            return self._op(f"ps.load {ssa}{self._indices(expr)} : "
                            f"{field_type}", ps_type(expr.field.dtype))
        if isinstance(expr, Coordinate):
            if expr.dim not in self.counters:
                raise self.error(f"coordinate {expr} does not exist in a "
                                 f"{len(self.counters)}-dimensional kernel")
            return self.counters[expr.dim], UNTYPED
        if isinstance(expr, sp.Symbol):
            if expr in self.symbols:
                return self.symbols[expr]
            raise self.error(f"symbol {expr} is neither a parameter nor "
                             "assigned before")
        if isinstance(expr, (BooleanTrue, BooleanFalse)):
            return self._op(f"ps.constant {str(bool(expr)).lower()} : i1",
                            "i1")
        if isinstance(expr, sp.Integer):
            return self._op(f"ps.constant {int(expr)} : {UNTYPED}", UNTYPED)
        if isinstance(expr, (sp.Float, sp.Rational)) or expr.is_Number:
            try:
                literal = float_literal(expr)
            except (ValueError, TypeError) as e:
                raise self.error(str(e)) from None
            return self._op(f"ps.constant {literal} : {UNTYPED}", UNTYPED)
        if isinstance(expr, sp.Add):
            return self._add(expr.args)
        if isinstance(expr, sp.Mul):
            return self._mul(expr)
        if isinstance(expr, sp.Pow):
            return self._pow(expr)
        if isinstance(expr, TableLookup):
            return self._lookup(expr)
        if isinstance(expr, CastFunc):
            value = self.value(expr.args[0])
            target = ps_type(expr.dtype)
            return self._op(f"ps.cast {value[0]} : {value[1]} to {target}",
                            target)
        if isinstance(expr, int_div):
            return self._binary("div", *expr.args)
        if isinstance(expr, int_rem):
            return self._binary("rem", *expr.args)
        if isinstance(expr, fma):
            return self._group("fma", [self.value(a) for a in expr.args])
        if isinstance(expr, (sp.Min, sp.Max)):
            name = "min" if isinstance(expr, sp.Min) else "max"
            return self._fold(name, [self.value(a) for a in expr.args])
        if expr.func in _UNARY:
            return self._group(_UNARY[expr.func], [self.value(expr.args[0])])
        if expr.func is sp.atan2:
            return self._group("atan2", [self.value(a) for a in expr.args])
        if isinstance(expr, sp.Piecewise):
            return self._piecewise(expr)
        if type(expr) in _CMP:
            lhs, rhs = self.value(expr.lhs), self.value(expr.rhs)
            types = lhs[1] if lhs[1] == rhs[1] else f"({lhs[1]}, {rhs[1]})"
            return self._op(f"ps.cmp {_CMP[type(expr)]}, {lhs[0]}, {rhs[0]} : "
                            f"{types}", "i1")
        if isinstance(expr, (sp.And, sp.Or, sp.Xor)):
            name = {sp.And: "and", sp.Or: "or", sp.Xor: "xor"}[expr.func]
            return self._fold(name, [self.value(a) for a in expr.args])
        if isinstance(expr, sp.Not):
            return self._group("not", [self.value(expr.args[0])])
        if isinstance(expr, sp.Mod):
            raise self.error("sympy.Mod is the floored modulo; kernels have "
                             "C's remainder: use psmlir.int_rem (and "
                             "psmlir.int_div)")
        raise self.error(f"{expr.func.__name__} ({expr}) is not an operation "
                         "of the ps dialect; it has + - * /, int_div, "
                         "int_rem, min, max, pow, sqrt, exp, log, sin, cos, "
                         "tan, asin, acos, atan, atan2, sinh, cosh, tanh, "
                         "abs, floor, ceiling, fma, casts, comparisons, "
                         "and/or/not and Piecewise")

    def _group(self, name, operands, conditions=()):
        """ps.<name> over operands of one type (or untyped), after
        `conditions` (i1 operands outside the type group, as ps.select's)."""
        types = [t for _, t in operands]
        concrete = {t for t in types if t != UNTYPED}
        result = concrete.pop() if len(concrete) == 1 and UNTYPED not in \
            types else UNTYPED
        if all(t == result for t in types):
            type_list = result
        else:
            type_list = f"({', '.join(types)}) -> {result}"
        args = ", ".join(ssa for ssa, _ in list(conditions) + operands)
        return self._op(f"ps.{name} {args} : {type_list}", result)

    def _binary(self, name, a, b):
        return self._group(name, [self.value(a), self.value(b)])

    def _fold(self, name, operands):
        acc = operands[0]
        for operand in operands[1:]:
            acc = self._group(name, [acc, operand])
        return acc

    def _add(self, terms):
        acc = None
        for term in terms:
            negative = _negated(term)
            if acc is None:
                acc = self.value(term)
            elif negative is not None:
                acc = self._group("sub", [acc, self.value(negative)])
            else:
                acc = self._group("add", [acc, self.value(term)])
        return acc

    def _mul(self, expr):
        coefficient, factors = expr.as_coeff_mul()
        numerator, denominator = [], []
        negate = False
        if coefficient == -1:
            negate = True
        elif coefficient != 1:
            if coefficient < 0:
                negate, coefficient = True, -coefficient
            if isinstance(coefficient, sp.Rational) and \
                    not isinstance(coefficient, sp.Integer) and \
                    coefficient.p == 1:
                denominator.append(sp.Integer(coefficient.q))
            else:
                numerator.append(coefficient)
        for factor in factors:
            if isinstance(factor, sp.Pow) and factor.exp.is_Integer and \
                    factor.exp < 0:
                denominator.append(factor.base ** -factor.exp)
            else:
                numerator.append(factor)
        if numerator:
            acc = self._fold("mul", [self.value(f) for f in numerator])
        else:
            acc = self.value(sp.Integer(1))
        for d in denominator:
            acc = self._group("div", [acc, self.value(d)])
        if negate:
            acc = self._group("neg", [acc])
        return acc

    def _pow(self, expr):
        base, exp = expr.base, expr.exp
        if exp == sp.Rational(1, 2):
            return self._group("sqrt", [self.value(base)])
        if exp == sp.Rational(-1, 2):
            return self._group("div", [self.value(sp.Integer(1)),
                                       self.value(sp.sqrt(base))])
        if exp.is_Integer and 0 < exp <= _MAX_POWER_AS_PRODUCT:
            operand = self.value(base)
            return self._fold("mul", [operand] * int(exp))
        if exp.is_Integer and exp < 0:
            return self._group("div", [self.value(sp.Integer(1)),
                                       self.value(base ** -exp)])
        return self._binary("pow", base, exp)

    def _piecewise(self, expr):
        pieces = list(expr.args)
        if pieces[-1].cond != sp.true:
            raise self.error("Piecewise needs a last piece with the "
                             "condition True (the value otherwise)")
        acc = self.value(pieces[-1].expr)
        for piece in reversed(pieces[:-1]):
            cond = self.value(piece.cond)
            value = self.value(piece.expr)
            acc = self._group("select", [value, acc], conditions=[cond])
        return acc


def _negated(term):
    """-term if term is a product with a negative number in front."""
    if isinstance(term, sp.Mul):
        coefficient, _ = term.as_coeff_mul()
        if coefficient.is_negative:
            return -term
    if term.is_Number and term.is_negative:
        return -term
    return None
