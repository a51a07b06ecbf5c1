"""create_kernel: assignments to a ps module and a program that runs it."""

import re

import sympy as sp

from .assignment import as_assignment_list, caller_location
from .dtypes import ps_type
from .emit import UNTYPED, Emitter
from .errors import located
from .field import Field
from .config import CreateKernelConfig
from .program import Target, make_program
from .spaces import dense_space, sparse_space
from .symbols import Coordinate, TypedSymbol


def create_kernel(assignments, config=None, **kwargs):
    """A program for `assignments` (a list, an AssignmentCollection or a
    dict): the ps module, compiled for the config's target when first
    called (or by .compile())."""
    location = caller_location()
    if config is None:
        config = CreateKernelConfig(**kwargs)
    elif kwargs:
        raise TypeError("give a CreateKernelConfig or keyword arguments, "
                        "not both")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", config.function_name):
        raise ValueError(f"function_name {config.function_name!r} is not an "
                         "identifier")
    assignments = as_assignment_list(assignments)
    if not assignments:
        raise ValueError("create_kernel: no assignments")
    source, info = build_module(assignments, config, location)
    return make_program(source, config, info)


def generate(assignments, target=Target.CPU, **kwargs):
    """create_kernel with the target first (pytato's generate_loopy
    style)."""
    return create_kernel(assignments, CreateKernelConfig(target=target,
                                                         **kwargs))


class KernelInfo:
    """What the front end knows of the kernel beyond its description."""

    def __init__(self, name, fields, written, index_fields, symbols):
        self.name = name
        self.fields = fields
        self.written = written
        self.index_fields = index_fields
        self.symbols = symbols


def build_module(assignments, config, location):
    """The ps module of one kernel and its KernelInfo."""
    stores = [a for a in assignments if isinstance(a.lhs, Field.Access)]
    reductions = [a for a in assignments if getattr(a, "kind", None)]
    if not stores and not reductions:
        raise located(assignments[-1].location,
                      "the kernel stores to no field: at least one "
                      "assignment must have a field access on its left "
                      "(or be a reduction assignment)")
    results = {}
    for a in reductions:
        previous = results.setdefault(a.lhs, a)
        if previous is not a:
            raise located(a.location, f"'{a.lhs}' is reduced twice; one "
                          "reduction assignment per result")
    for a in assignments:
        if a.lhs in results and not getattr(a, "kind", None):
            raise located(a.location, f"'{a.lhs}' is a reduction result; "
                          "only its reduction assignment may assign it")
        if any(s in results for s in a.rhs.atoms(sp.Symbol)):
            raise located(a.location, "a reduction result is not read "
                          "inside the kernel: each point would see the "
                          "order of the others")
    defined = {a.lhs for a in assignments if not isinstance(a.lhs,
                                                            Field.Access)
               and a.lhs not in results}
    fields, accesses, symbols = [], [], set()
    for a in assignments:
        for atom in [a.lhs] + _atoms(a.rhs) + _atoms(a.lhs, nested=True):
            if isinstance(atom, Field.Access):
                accesses.append((atom, a.location))
                if atom.field not in fields:
                    fields.append(atom.field)
            elif isinstance(atom, Coordinate) or atom in defined or \
                    atom in results:
                continue
            elif isinstance(atom, sp.Symbol) and atom is not a.lhs:
                symbols.add(atom)
    index_fields = list(config.index_fields)
    if config.disjoint and not index_fields:
        raise located(location, "disjoint=True states that the entries of "
                      "an index list touch disjoint locations; it applies "
                      "to sparse kernels (index_fields) only")
    records = _record_fields(index_fields, fields, stores, accesses)
    fields = [f for f in fields if f not in records and
              f not in index_fields]
    if index_fields and not fields:
        raise located(location, "the sparse kernel accesses no field "
                      "besides its index list")
    _check_names(fields + index_fields + records, symbols, location)
    if not fields:
        raise located(location, "the kernel accesses no field: its "
                      "iteration space is that of the fields it reads or "
                      "writes")
    spatial = {f.spatial_dimensions for f in fields}
    if len(spatial) != 1:
        raise located(location, "the fields of a kernel must have one number "
                      "of spatial dimensions, got " + ", ".join(
                          f"'{f.name}' {f.spatial_dimensions}D"
                          for f in fields))
    rank = spatial.pop()
    written = [a.lhs.field for a in stores]

    # A parameter is called by its SSA name (a Python identifier here).
    params, field_values, symbol_values = [], {}, {}
    for i, field in enumerate(fields + index_fields + records):
        ssa = f"%{field.name}"
        attrs = ""
        if field.alignment:
            attrs = f" {{ps.alignment = {field.alignment} : i64}}"
        params.append(f"{ssa}: {field.ir_type()}{attrs}")
        field_values[field] = (ssa, field.ir_type())
    reduction_values = {}
    for symbol in results:
        if symbol.name in {f.name for f in fields + index_fields +
                           records} or \
                symbol in symbols:
            raise located(results[symbol].location, f"the reduction "
                          f"result '{symbol.name}' has the name of another "
                          "parameter")
        dtype = symbol.dtype if isinstance(symbol, TypedSymbol) \
            else config.default_dtype
        element = ps_type(dtype)
        result_type = f"!ps.reduction<{results[symbol].kind}, {element}>"
        params.append(f"%{symbol.name}: {result_type}")
        reduction_values[symbol] = (f"%{symbol.name}", result_type, element)
    for symbol in sorted(symbols, key=lambda s: s.name):
        ssa = f"%{symbol.name}"
        # Untyped symbols of the default float64 stay untyped: ps-typify
        # gives them f64, and the IR (and so the cache's key) is as before.
        if isinstance(symbol, TypedSymbol):
            type_ = ps_type(symbol.dtype)
        elif config.default_dtype != "float64":
            type_ = ps_type(config.default_dtype)
        else:
            type_ = UNTYPED
        params.append(f"{ssa}: {type_}")
        symbol_values[symbol] = (ssa, type_)

    # "%.x": no parameter (a Python identifier) is called that.
    counters = {d: f"%.{'xyz'[d]}" for d in range(rank)}
    emitter = Emitter(field_values, dict(symbol_values), counters)
    emitter.reductions = reduction_values
    emitter.records = set(index_fields + records)
    for a in assignments:
        emitter.assign(a)

    names = ", ".join(counters[d] for d in range(rank))
    if index_fields:
        space = sparse_space(index_fields, rank, config, location,
                              field_values, names)
    else:
        iterated = written[0] if written else fields[0]
        slice_text = dense_space(config, accesses, rank, location)
        space = (f"ps.iterate ({names}) in %{iterated.name} {slice_text} : "
                 f"{iterated.ir_type()}")
    lines = [f"ps.kernel @{config.function_name}(" + ",\n    ".join(params)
             + ") {",
             f"  {space} {{"]
    lines += emitter.lines
    lines += [f"  }} {location.ir()}", f"  ps.return {location.ir()}",
              f"}} {location.ir()}", ""]
    info = KernelInfo(config.function_name, fields, written, index_fields,
                      sorted(symbols, key=lambda s: s.name))
    info.records = records
    info.reductions = [(s.name, results[s].kind,
                        s.dtype if isinstance(s, TypedSymbol)
                        else config.default_dtype)
                       for s in results]
    return "\n".join(lines), info


def _atoms(expr, nested=False):
    """The symbols of `expr` (field accesses among them) in a fixed order,
    and those inside the offsets and components of its accesses (a record
    member or a table lookup chosen per point); `nested`: only those."""
    if isinstance(expr, Field.Access):
        found = [expr]
    else:
        found = sorted(expr.atoms(sp.Symbol), key=str)
    out = [] if nested else list(found)
    for atom in found:
        if isinstance(atom, Field.Access):
            for part in atom.offsets + atom.index:
                if isinstance(part, sp.Basic):
                    out += _atoms(part)
    return out


def _record_fields(index_fields, fields, stores, accesses):
    """The record fields the kernel reads (its parameters after the index
    list), in member order; a located error for a store into a record or
    an index list (both read-only)."""
    listed = set(index_fields)
    members = {}
    for f in index_fields:
        if f.records:
            members.update({r: f for r in f.records.fields.values()})
    for a in stores:
        if a.lhs.field in listed or a.lhs.field in members:
            raise located(a.location, f"the kernel stores to "
                          f"'{a.lhs}', a member of the index list's records:"
                          " index lists and their records are read-only")
    for access, where in accesses:
        f = access.field
        if f.records and f not in listed:
            raise located(where, f"the kernel reads the index array "
                          f"'{f.name}' but its index_fields do not name it")
    return [r for f in index_fields if f.records
            for r in f.records.fields.values() if r in fields]


def _check_names(fields, symbols, location):
    seen = {}
    for f in fields:
        if f.name in seen and seen[f.name] != f:
            raise located(location, f"two different fields are called "
                          f"'{f.name}'")
        seen[f.name] = f
    for s in symbols:
        if s.name in seen:
            raise located(location, f"symbol '{s.name}' has the name of a "
                          "field")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", s.name):
            raise located(location, f"symbol name '{s.name}' is not an "
                          "identifier")
