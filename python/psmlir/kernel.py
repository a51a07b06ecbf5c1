"""create_kernel: assignments to a ps module and a program that runs it."""

import re

import sympy as sp

from .assignment import as_assignment_list, caller_location
from .dtypes import ps_type
from .emit import UNTYPED, Emitter
from .errors import located
from .field import Field
from .options import option_defaults
from .program import Target, make_program
from .symbols import Coordinate, TypedSymbol


class _SliceMaker:
    """make_slice[1:-1, 2:-2:2]: iteration slices as pystencils writes
    them."""

    def __getitem__(self, item):
        return item if isinstance(item, tuple) else (item,)


make_slice = _SliceMaker()

_CONFIG_KEYS = ("target", "function_name", "ghost_layers", "iteration_slice",
                "index_fields", "coordinate_names", "cpu_vectorize_info",
                "cpu_openmp", "options", "gpu_indexing", "gpu_block_size",
                "gpu_chip", "gpu_format")


class CreateKernelConfig:
    """What to generate, in pystencils' terms:

    target            Target.CPU (default), Target.CUDA (or GPU), Target.HIP
    function_name     the kernel's name ('kernel')
    ghost_layers      int, one per dimension, or (lo, hi) per dimension;
                      None: the largest offset of the accesses
    iteration_slice   make_slice[...] (instead of ghost layers)
    index_fields      [index field]: a sparse kernel over its entries
    coordinate_names  the members of the index array that hold x, y, z
    cpu_vectorize_info  True / 'host' / 'avx2' / {'instruction_set': ...,
                      'assume_aligned': ..., 'nontemporal': ..., 'lanes':
                      ..., 'unroll': ...}
    cpu_openmp        True (OMP_NUM_THREADS) or a number of threads
    options           further options of the C++ CompileOptions by name
                      (block_rows, contract, remainder, jam, schedule, ...)
    gpu_indexing      'linear' or 'blockwise'; gpu_block_size, gpu_chip
    """

    def __init__(self, target=Target.CPU, function_name="kernel",
                 ghost_layers=None, iteration_slice=None, index_fields=None,
                 coordinate_names=("x", "y", "z"), cpu_vectorize_info=None,
                 cpu_openmp=False, options=None, gpu_indexing="linear",
                 gpu_block_size=None, gpu_chip="", gpu_format="", **kwargs):
        self.target = Target.of(target)
        self.function_name = function_name
        self.ghost_layers = ghost_layers
        self.iteration_slice = iteration_slice
        self.index_fields = list(index_fields or [])
        self.coordinate_names = tuple(coordinate_names)
        self.cpu_vectorize_info = cpu_vectorize_info
        self.cpu_openmp = cpu_openmp
        self.options = dict(options or {})
        self.options.update(kwargs)
        self.gpu_indexing = gpu_indexing
        self.gpu_block_size = gpu_block_size
        self.gpu_chip = gpu_chip
        self.gpu_format = gpu_format
        if ghost_layers is not None and iteration_slice is not None:
            raise ValueError("give ghost_layers or iteration_slice, not both")
        unknown = sorted(set(self.options) - set(option_defaults()))
        if unknown:
            raise TypeError(
                f"unknown option '{unknown[0]}' of create_kernel; it takes "
                + ", ".join(_CONFIG_KEYS) + " and the code generation "
                "options " + ", ".join(sorted(option_defaults())))
        if self.target is not Target.CPU and self.compile_options():
            raise ValueError(
                f"the CPU code generation options "
                f"{sorted(self.compile_options())} do not apply to the "
                f"{self.target.value} target (it takes gpu_indexing, "
                "gpu_block_size, gpu_chip, gpu_format)")

    def compile_options(self):
        """The C++ code generation options (a dict by Python name)."""
        options = {}
        info = self.cpu_vectorize_info
        if info is True or isinstance(info, str):
            options["vectorize"] = "host" if info in (True, "best") else info
        elif isinstance(info, dict):
            isa = info.get("instruction_set", "host")
            options["vectorize"] = "host" if isa in (None, "best") else isa
            renames = {"assume_aligned": "aligned",
                       "nontemporal": "nontemporal"}
            for key, value in info.items():
                if key == "instruction_set":
                    continue
                options[renames.get(key, key)] = bool(value) \
                    if key in renames else value
        elif info not in (None, False):
            raise TypeError(f"cpu_vectorize_info: {info!r}; expected True, "
                            "an instruction set name or a dict")
        if self.cpu_openmp is True:
            options["threads"] = 0
        elif self.cpu_openmp not in (False, None):
            options["threads"] = int(self.cpu_openmp)
        options.update(self.options)
        return options

    def gpu_settings(self):
        settings = {"backend": self.target.value, "scheme": self.gpu_indexing}
        if self.gpu_block_size:
            settings["block_size"] = list(self.gpu_block_size)
        if self.gpu_chip:
            settings["chip"] = self.gpu_chip
        if self.gpu_format:
            settings["format"] = self.gpu_format
        return settings


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
    if not stores:
        raise located(assignments[-1].location,
                      "the kernel stores to no field: at least one "
                      "assignment must have a field access on its left")
    defined = {a.lhs for a in assignments if not isinstance(a.lhs,
                                                            Field.Access)}
    fields, accesses, symbols = [], [], set()
    for a in assignments:
        for atom in [a.lhs] + sorted(a.rhs.atoms(sp.Symbol), key=str):
            if isinstance(atom, Field.Access):
                accesses.append((atom, a.location))
                if atom.field not in fields:
                    fields.append(atom.field)
            elif isinstance(atom, Coordinate) or atom in defined:
                continue
            elif isinstance(atom, sp.Symbol) and atom is not a.lhs:
                symbols.add(atom)
    index_fields = list(config.index_fields)
    for f in index_fields:
        if f in fields:
            where = next(loc for acc, loc in accesses if acc.field == f)
            raise located(where, f"the kernel accesses the index list "
                          f"'{f.name}': a sparse kernel reads only the "
                          "coordinates of its entries (its counters x_, y_, "
                          "z_), not their other members")
    _check_names(fields + index_fields, symbols, location)
    spatial = {f.spatial_dimensions for f in fields}
    if len(spatial) != 1:
        raise located(location, "the fields of a kernel must have one number "
                      "of spatial dimensions, got " + ", ".join(
                          f"'{f.name}' {f.spatial_dimensions}D"
                          for f in fields))
    rank = spatial.pop()
    written = [a.lhs.field for a in stores]

    params, field_values, symbol_values = [], {}, {}
    for i, field in enumerate(fields + index_fields):
        ssa = f"%{field.name}"
        attrs = [f'ps.name = "{field.name}"']
        if field.alignment:
            attrs.append(f"ps.alignment = {field.alignment} : i64")
        params.append(f"{ssa}: {field.ir_type()} {{{', '.join(attrs)}}}")
        field_values[field] = (ssa, field.ir_type())
    for symbol in sorted(symbols, key=lambda s: s.name):
        ssa = f"%{symbol.name}"
        type_ = ps_type(symbol.dtype) if isinstance(symbol, TypedSymbol) \
            else UNTYPED
        params.append(f'{ssa}: {type_} {{ps.name = "{symbol.name}"}}')
        symbol_values[symbol] = (ssa, type_)

    # "%.x": no parameter (a Python identifier) is called that.
    counters = {d: f"%.{'xyz'[d]}" for d in range(rank)}
    emitter = Emitter(field_values, dict(symbol_values), counters)
    for a in assignments:
        emitter.assign(a)

    names = ", ".join(counters[d] for d in range(rank))
    if index_fields:
        space = _sparse_space(index_fields, rank, config, location,
                              field_values, names)
    else:
        iterated = written[0]
        slice_text = _slice_text(config, accesses, rank, location)
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
    return "\n".join(lines), info


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


def _sparse_space(index_fields, rank, config, location, field_values, names):
    if len(index_fields) != 1:
        raise located(location, "a sparse kernel takes one index field")
    index = index_fields[0]
    if index.spatial_dimensions != 1 or len(index.index_shape) != 1:
        raise located(location, f"index field '{index.name}' must be 1D "
                      "with one index dimension (a structured array or an "
                      "(n, k) integer array)")
    wanted = config.coordinate_names[:rank]
    if index.index_names and tuple(index.index_names[:rank]) != wanted:
        raise located(location, f"index field '{index.name}': its first "
                      f"members are {list(index.index_names[:rank])}, but the "
                      f"coordinates {list(wanted)} must come first (the "
                      "dialect reads the coordinates from the first "
                      "components)")
    ssa, type_ = field_values[index]
    return f"ps.iterate_sparse ({names}) in {ssa} : {type_}"


def _slice_text(config, accesses, rank, location):
    if config.iteration_slice is not None:
        slices = config.iteration_slice
        if not isinstance(slices, tuple):
            slices = (slices,)
        if len(slices) != rank:
            raise located(location, f"iteration_slice has {len(slices)} "
                          f"entries for a {rank}-dimensional kernel")
        parts = []
        for d, s in enumerate(slices):
            if isinstance(s, int):
                if s < 0:
                    raise located(location, f"iteration_slice: index {s} in "
                                  f"dimension {d} is negative; give a "
                                  "start counted from the lower end")
                s = slice(s, s + 1, 1)
            if not isinstance(s, slice):
                raise located(location, f"iteration_slice: {s!r} in "
                              f"dimension {d} is not a slice")
            start = 0 if s.start is None else s.start
            stop = 0 if s.stop is None else s.stop
            step = 1 if s.step is None else s.step
            if start < 0:
                raise located(location, f"iteration_slice: start {start} in "
                              f"dimension {d} is negative; kernels count "
                              "starts from the lower end")
            if step < 1:
                raise located(location, f"iteration_slice: step {step} in "
                              f"dimension {d}; steps must be positive")
            text = f"{start}:{stop if stop != 0 else ''}"
            if step != 1:
                text += f":{step}"
            parts.append(text)
        return "slice [" + ", ".join(parts) + "]"
    ghost = config.ghost_layers
    if ghost is None:
        reach = [abs(o) for acc, _ in accesses for o in acc.offsets]
        return f"ghost {max(reach, default=0)}"
    if isinstance(ghost, int):
        return f"ghost {ghost}"
    ghost = tuple(ghost)
    if len(ghost) != rank:
        raise located(location, f"ghost_layers has {len(ghost)} entries for "
                      f"a {rank}-dimensional kernel")
    parts = []
    for d, g in enumerate(ghost):
        lo, hi = (g, g) if isinstance(g, int) else tuple(g)
        if lo < 0 or hi < 0:
            raise located(location, f"ghost_layers: negative width in "
                          f"dimension {d}")
        parts.append(f"{lo}:{-hi if hi else ''}")
    return "slice [" + ", ".join(parts) + "]"
